//! A conversation between a client and an agent: who said what, and when.
//!
//! Times are plain UTC instants ([`Timestamp`], unix seconds); the local day that "tomorrow" or
//! "Friday" refers to comes from the conversation's fixed [`UtcOffset`]. A plain transcript with
//! `Client:`/`Agent:` prefixes is read in [`super::transcript`].

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDateTime};

use crate::analyze::{Analyzer, Earlier, Input};
use crate::types::Analysis;

/// An instant as unix seconds (UTC). Core has no clock: callers pass `now` and `sent_at` in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Reads RFC 3339 (`2026-03-02T14:05:00+01:00`), or a local `2026-03-02 14:05[:00]` / `2026-03-02T14:05`
    /// read in `offset`, or bare unix seconds.
    pub fn parse(s: &str, offset: UtcOffset) -> Result<Timestamp, TimeError> {
        let s = s.trim();
        if let Ok(secs) = s.parse::<i64>() {
            return Ok(Timestamp(secs));
        }
        if let Ok(t) = DateTime::parse_from_rfc3339(s) {
            return Ok(Timestamp(t.timestamp()));
        }
        [
            "%Y-%m-%d %H:%M:%S",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%dT%H:%M",
        ]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .and_then(|local| local.and_local_timezone(offset.fixed()).single())
        .map(|t| Timestamp(t.timestamp()))
        .ok_or_else(|| {
            TimeError(format!(
                "not a time: {s:?} (use RFC 3339, \"YYYY-MM-DD HH:MM\" or unix seconds)"
            ))
        })
    }

    /// This instant as a local date and time in `offset`.
    pub fn local(self, offset: UtcOffset) -> DateTime<FixedOffset> {
        DateTime::from_timestamp(self.0, 0)
            .unwrap_or_default()
            .with_timezone(&offset.fixed())
    }

    /// RFC 3339 in `offset`, e.g. `2026-03-03T17:00:00+01:00`.
    pub fn to_rfc3339(self, offset: UtcOffset) -> String {
        self.local(offset).to_rfc3339()
    }
}

/// A fixed offset from UTC in minutes. Daylight-saving changes are not followed: pass the offset
/// in force when the conversation happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UtcOffset(i32);

impl UtcOffset {
    pub const UTC: UtcOffset = UtcOffset(0);

    /// Minutes east of UTC, within ±18 hours.
    pub fn from_minutes(minutes: i32) -> Result<UtcOffset, TimeError> {
        if minutes.abs() <= 18 * 60 {
            Ok(UtcOffset(minutes))
        } else {
            Err(TimeError(format!(
                "offset {minutes} minutes is beyond ±18 hours"
            )))
        }
    }

    /// Reads `Z`, `UTC`, `+01:00`, `-0530` or `+2`.
    pub fn parse(s: &str) -> Result<UtcOffset, TimeError> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("z") || s.eq_ignore_ascii_case("utc") {
            return Ok(UtcOffset::UTC);
        }
        let bad = || TimeError(format!("not a UTC offset: {s:?} (use +01:00, -0530 or Z)"));
        let (sign, rest) = match s.as_bytes().first() {
            Some(b'+') => (1, &s[1..]),
            Some(b'-') => (-1, &s[1..]),
            _ => return Err(bad()),
        };
        let digits: String = rest.chars().filter(|c| *c != ':').collect();
        if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let (h, m) = if digits.len() <= 2 {
            (&digits[..], "0")
        } else {
            digits.split_at(digits.len() - 2)
        };
        let minutes =
            h.parse::<i32>().map_err(|_| bad())? * 60 + m.parse::<i32>().map_err(|_| bad())?;
        UtcOffset::from_minutes(sign * minutes)
    }

    pub fn minutes(self) -> i32 {
        self.0
    }

    pub(crate) fn fixed(self) -> FixedOffset {
        FixedOffset::east_opt(self.0 * 60).unwrap_or(FixedOffset::east_opt(0).expect("zero offset"))
    }
}

/// A time or offset that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeError(String);

impl fmt::Display for TimeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TimeError {}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    Client,
    Agent,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Client => "client",
            Role::Agent => "agent",
        }
    }
    /// `client` or `agent`, any case.
    pub fn parse(s: &str) -> Option<Role> {
        [Role::Client, Role::Agent]
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    pub role: Role,
    pub text: String,
    pub at: Timestamp,
}

/// Whose fault the agent's findings say the trouble is (see [`Conversation::fault_found`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Fault {
    /// They own a fault of ours ("an error on our side", "the client is right").
    Ours,
    /// They say we were right ("the charge is correct", "the fee stands").
    NotOurs,
    /// They say neither, or there are none.
    #[default]
    Open,
}

/// The turns so far, oldest first, the offset that local times are read in, and what the agent
/// has found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Conversation {
    pub turns: Vec<Turn>,
    pub offset: UtcOffset,
    /// What the agent has found or will do, each in the words they would say it to the client
    /// ("The parcel went to your old address; I've sent a new one that arrives Tuesday."): a
    /// transcript's `Found:` lines, the API's `found`. The suggested reply tells the client,
    /// since no rule can know the facts of the case; it is never analysed as a turn.
    pub found: Vec<String>,
}

impl Conversation {
    pub fn new(turns: Vec<Turn>, offset: UtcOffset) -> Self {
        Conversation {
            turns,
            offset,
            found: Vec::new(),
        }
    }

    /// The same conversation with what the agent has found.
    pub fn with_found(self, found: Vec<String>) -> Self {
        Conversation { found, ..self }
    }

    /// Whether either side names a client or customer of the client's own ("my client signed
    /// it off"; an agent's "the client marked the job as disputed", sent to the client, is
    /// someone else): "the client" then means that person, not the reader.
    pub(crate) fn names_their_clients(&self) -> bool {
        self.turns
            .iter()
            .any(|t| super::addressed::has_clients_of_their_own(&t.text))
    }

    /// Whose fault the agent's findings say it is, read as they wrote them. An admission wins:
    /// "the client is right" says "is right" too, and a fee that stands beside a mistake of
    /// ours still owes the apology for the mistake.
    pub(crate) fn fault_found(&self) -> Fault {
        let told = self.found.join(".\n");
        if super::lists::says("admits", &told) {
            Fault::Ours
        } else if super::lists::says("upholds", &told) {
            Fault::NotOurs
        } else {
            Fault::Open
        }
    }

    /// Index of the last client turn, if any.
    pub fn last_client(&self) -> Option<usize> {
        self.turns.iter().rposition(|t| t.role == Role::Client)
    }

    /// `analyse` called on each client turn (its index and the turn as an [`Input`], with the
    /// agent turn before it as context and every turn before it as its story); `None`
    /// for the agent turns.
    pub fn each_client<T>(
        &self,
        mut analyse: impl FnMut(usize, &Input<'_>) -> Option<T>,
    ) -> Vec<Option<T>> {
        let mut prev_agent: Option<&str> = None;
        let mut earlier: Vec<Earlier<'_>> = Vec::new();
        let mut out = Vec::with_capacity(self.turns.len());
        for (i, turn) in self.turns.iter().enumerate() {
            let text = turn.text.as_str();
            out.push(match turn.role {
                Role::Agent => {
                    prev_agent = Some(text);
                    earlier.push(Earlier {
                        text,
                        client: false,
                    });
                    None
                }
                Role::Client => {
                    let input = Input::new(text).with_earlier(&earlier);
                    let input = prev_agent.map_or(input, |c| input.with_context(c));
                    let read = analyse(i, &input);
                    earlier.push(Earlier { text, client: true });
                    read
                }
            });
        }
        out
    }

    /// Texts of every agent turn so far.
    pub fn agent_texts(&self) -> impl Iterator<Item = &str> {
        self.texts_of(Role::Agent)
    }

    /// Texts of every client turn so far.
    pub fn client_texts(&self) -> impl Iterator<Item = &str> {
        self.texts_of(Role::Client)
    }

    fn texts_of(&self, role: Role) -> impl Iterator<Item = &str> {
        self.turns
            .iter()
            .filter(move |t| t.role == role)
            .map(|t| t.text.as_str())
    }
}

/// A conversation with an [`Analysis`] of every client turn (agent turns have `None`).
///
/// Build it with [`Analysed::new`] from an [`Analyzer`], or with [`Analysed::from_parts`] when the
/// analyses are already known (stored cases, tests).
#[derive(Debug, Clone)]
pub struct Analysed<'c> {
    pub conversation: &'c Conversation,
    pub analyses: Vec<Option<Analysis>>,
}

impl<'c> Analysed<'c> {
    /// Analyses each client turn, with the agent turn before it as context and the client's
    /// turns before it as its story.
    pub fn new(conversation: &'c Conversation, analyzer: &Analyzer) -> Self {
        let analyses = conversation.each_client(|_, input| Some(analyzer.analyze(input)));
        Analysed {
            conversation,
            analyses,
        }
    }

    /// Pairs turns with analyses made elsewhere. `analyses` must have one entry per turn.
    pub fn from_parts(conversation: &'c Conversation, analyses: Vec<Option<Analysis>>) -> Self {
        assert_eq!(
            conversation.turns.len(),
            analyses.len(),
            "one analysis slot per turn"
        );
        Analysed {
            conversation,
            analyses,
        }
    }

    /// Whether a client turn says they have had to chase: written before, waited, never heard
    /// back, or is mainly about not being answered.
    pub(crate) fn chased(&self) -> bool {
        self.client_turns().any(|(_, _, a)| {
            a.says(crate::types::SignalKind::RepeatedContact)
                || a.causes.first().is_some_and(|c| {
                    c.cause == crate::types::Cause::FeelingUnheard && c.score >= 0.5
                })
        })
    }

    /// Whether a client turn says we told them conflicting things, or never told them: a
    /// misunderstanding we caused.
    pub(crate) fn told_otherwise(&self) -> bool {
        self.client_turns().any(|(_, _, a)| a.told_otherwise())
    }

    /// Client turns with their analyses, oldest first, as `(turn index, turn, analysis)`.
    pub fn client_turns(&self) -> impl DoubleEndedIterator<Item = (usize, &Turn, &Analysis)> {
        self.conversation
            .turns
            .iter()
            .zip(&self.analyses)
            .enumerate()
            .filter_map(|(i, (t, a))| Some((i, t, a.as_ref()?)))
    }

    /// The latest client turn and its analysis.
    pub fn last_client(&self) -> Option<(usize, &Turn, &Analysis)> {
        self.client_turns().next_back()
    }
}
