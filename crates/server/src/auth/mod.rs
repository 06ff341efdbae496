//! Who is asking and what they may do: passwords, secrets, the caller extractor, access rules.

pub mod access;
pub mod caller;
pub mod lockout;
pub mod password;
pub mod secret;
pub mod token_cache;

pub use caller::{CSRF_HEADER, Caller, SESSION_COOKIE, authenticate};
