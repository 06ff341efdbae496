//! defuse-core: understand a difficult client message and coach the reply.
//!
//! Pure by design: no IO, no async, no clock. Text, options and "now" come in as arguments;
//! plain values come out. Model weights for the fast tier are compiled into the crate; an
//! embedding model, when a caller has one, comes in through [`Encoder`].
//!
//! # Layout
//! - [`text`]: tokens with byte offsets, de-obfuscated ("f*ck", "f u c k", leetspeak, stretched letters).
//! - [`lexicon`]: the valence lexicon and the word lists (profanity, insults, slurs).
//! - [`signals`]: rules for surface signals (insult, threat, shouting, deadline, ...).
//! - [`features`] and [`model`]: hashed n-gram features and the linear models over them.
//! - [`causes`] and [`concerns`]: root causes and the client's points, with evidence.
//! - [`reading`]: the level and the main cause, learned from real customer messages.
//! - [`secrets`]: card numbers, IBANs and passwords in a message, found and masked.
//! - [`analyze`]: puts it all together into an [`Analysis`].
//!
//! ```
//! let analyzer = defuse_core::Analyzer::new();
//! let a = analyzer.analyze(&defuse_core::Input::new("You people are useless, this is the third time I've called!"));
//! assert!(a.hostility > 0.3);
//! ```

pub mod analyze;
pub mod causes;
pub mod coach;
pub mod concerns;
pub mod encoder;
pub mod features;
pub mod feelings;
pub mod language;
pub mod lexicon;
pub mod model;
pub mod reading;
pub mod reply;
pub mod secrets;
pub mod signals;
pub mod text;
pub mod types;
pub mod valence;

pub use analyze::{Analyzer, Earlier, Input, MAX_TEXT_BYTES, StoryText};
pub use encoder::Encoder;
pub use types::*;
