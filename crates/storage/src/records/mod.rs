//! The stored records as plain Rust values. The server converts them to its own DTOs.
//!
//! Times are UTC with microsecond precision (the finest both backends keep).

mod accounts;
mod audit;
mod cases;
mod idempotency;
mod jobs;
mod reports;
mod response;
mod work;

pub use accounts::{ApiToken, Role, Session, Team, TeamMember, User};
pub use audit::{AuditEntry, LoginFailures, Report};
pub use cases::{
    Case, CaseStatus, Client, Direction, HelpdeskNote, MailboxPosition, Message, MessageSource,
};
pub use idempotency::{IdempotentRequest, KeyClaim};
pub use jobs::{Job, JobState, Notification, UserChannels};
pub use reports::{CaseFacts, FollowUpFact, ReportFacts, SentReply, StepFact};
pub use response::{Digest, TeamResponse};
pub use work::{
    AgreedAction, BoundaryEvent, CaseDocumentation, Escalation, FollowUp, FollowUpStatus,
    Reflection,
};

/// A stored value is not one of an enum's names.
#[derive(Debug, thiserror::Error)]
#[error("unknown {kind} {value:?}")]
pub struct UnknownName {
    pub kind: &'static str,
    pub value: String,
}

/// Declares a fieldless enum stored as a lower snake case name, with `as_str`, `parse`, `ALL`
/// and the `TryFrom<String>` that row decoding uses.
macro_rules! named_enum {
    ($(#[$meta:meta])* $name:ident, $kind:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The name stored in the database and used on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The value named `text`, as written by `as_str`.
            pub fn parse(text: &str) -> Result<Self, $crate::records::UnknownName> {
                match text {
                    $($text => Ok($name::$variant),)+
                    _ => Err($crate::records::UnknownName { kind: $kind, value: text.to_owned() }),
                }
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::records::UnknownName;

            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::parse(&text)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use named_enum;
