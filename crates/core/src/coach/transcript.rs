//! Reading a plain transcript into a [`Conversation`]: `Client:` and `Agent:` lines, lines that
//! continue a turn, and lines that name another speaker, which are errors rather than anyone's
//! words (a supervisor's line counted as the client's would count their words as abuse).

use std::fmt;

use super::conversation::{Conversation, Role, Timestamp, Turn, UtcOffset};

/// A transcript line that cannot be read: outside any turn, or naming an unknown speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranscriptError {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for TranscriptError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for TranscriptError {}

impl Conversation {
    /// Reads a plain transcript: each turn starts with `Client:` or `Agent:` (any case); lines
    /// that follow without a speaker continue the turn; blank lines are skipped. A transcript has
    /// no times, so every turn gets `at`. A `Found:` line, anywhere, is what the agent has found
    /// ([`Conversation::found`]), not a turn.
    ///
    /// A line that opens with another speaker ("Manager:", "Bob:") is an error naming the line,
    /// never read as anyone's words. Labels people write inside a message ("Note:", "PS:",
    /// "Order:", see [`IN_MESSAGE_LABELS`]) continue the turn, and so does an indented line,
    /// whatever it starts with.
    pub fn parse_transcript(
        text: &str,
        at: Timestamp,
        offset: UtcOffset,
    ) -> Result<Self, TranscriptError> {
        let mut turns: Vec<Turn> = Vec::new();
        let mut found: Vec<String> = Vec::new();
        // Whether the lines without a speaker continue a `Found:` line rather than a turn.
        let mut in_found = false;
        for (i, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                continue;
            }
            let error = |message: String| TranscriptError {
                line: i + 1,
                message,
            };
            let continued = if in_found {
                found.last_mut()
            } else {
                turns.last_mut().map(|t| &mut t.text)
            };
            match (speaker(line), continued) {
                (Some((Speaker::Role(role), rest)), _) => {
                    in_found = false;
                    turns.push(Turn {
                        role,
                        text: rest.to_string(),
                        at,
                    });
                }
                (Some((Speaker::Found, rest)), _) => {
                    in_found = true;
                    found.push(rest.to_string());
                }
                (Some((Speaker::Unknown(name), _)), _) => {
                    return Err(error(format!(
                        "unknown speaker {name:?}: a turn starts with Client: or Agent:, \
                         what you found with Found: (indent the line to keep it in the line above)"
                    )));
                }
                (None, Some(text)) => {
                    text.push('\n');
                    text.push_str(trimmed);
                }
                (None, None) => return Err(error("no Client:/Agent: prefix".into())),
            }
        }
        if turns.is_empty() {
            return Err(TranscriptError {
                line: 1,
                message: "no turns: expected lines starting with Client: or Agent:".into(),
            });
        }
        Ok(Conversation::new(turns, offset).with_found(found))
    }
}

/// Labels a client or agent writes at the start of a line inside their own message: such a line
/// continues the turn rather than naming a speaker.
#[rustfmt::skip]
pub const IN_MESSAGE_LABELS: &[&str] = &[
    "note", "ps", "p.s", "p.s.", "pps", "nb", "n.b", "n.b.", "fyi", "re", "subject", "update",
    "edit", "also", "and", "but", "so", "then", "first", "second", "third", "finally", "problem",
    "issue", "question", "answer", "reason", "details", "summary", "example", "result", "status",
    "important", "urgent", "warning", "order", "ref", "reference", "tracking", "account",
    "address", "postcode", "email", "phone", "mobile", "date", "time", "when", "where", "total",
    "amount", "price", "cost", "item", "items", "product", "model", "serial", "booking",
    "invoice", "receipt", "case", "ticket", "error", "message", "link", "url", "http", "https",
    "attached", "attachment", "steps", "step",
];

/// Who a transcript line says is speaking.
enum Speaker<'a> {
    Role(Role),
    /// `Found:`, the agent's finding for the reply, said to nobody yet.
    Found,
    Unknown(&'a str),
}

/// The speaker a transcript line opens with, and the rest of the line.
///
/// `Client:` and `Agent:` (any case) always name a speaker. Anything else does when it looks like
/// a name before a colon that ends the word: one word ("Manager:", "bob:") or two capitalised
/// ones ("Duty Manager:"); not "10:30", "https://", "My order: 4471", an indented line or one of
/// the [`IN_MESSAGE_LABELS`].
fn speaker(line: &str) -> Option<(Speaker<'_>, &str)> {
    let (head, rest) = line.trim_start().split_once(':')?;
    if let Some(role) = Role::parse(head) {
        return Some((Speaker::Role(role), rest.trim()));
    }
    if head.trim().eq_ignore_ascii_case("found") {
        return Some((Speaker::Found, rest.trim()));
    }
    let words: Vec<&str> = head.split_whitespace().collect();
    let capitalised = |w: &&str| w.starts_with(char::is_uppercase);
    let name_like = match words.as_slice() {
        [one] => one.chars().all(|c| c.is_alphabetic() || ".'-".contains(c)),
        [_, _] => {
            words.iter().all(capitalised)
                && head
                    .chars()
                    .all(|c| c.is_alphabetic() || " .'-".contains(c))
        }
        _ => false,
    };
    let label = head.trim().to_lowercase();
    (name_like
        && !line.starts_with(char::is_whitespace)
        && head.starts_with(char::is_alphabetic)
        && rest.chars().next().is_none_or(char::is_whitespace)
        && !IN_MESSAGE_LABELS.contains(&label.as_str()))
    .then_some((Speaker::Unknown(head.trim()), rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each turn as `role: text`, or the error.
    fn read(text: &str) -> String {
        match Conversation::parse_transcript(text, Timestamp(0), UtcOffset::UTC) {
            Ok(c) => c
                .turns
                .iter()
                .map(|t| format!("{}: {:?}", t.role.as_str(), t.text))
                .collect::<Vec<_>>()
                .join("\n"),
            Err(e) => format!("error {e}"),
        }
    }

    #[test]
    fn turns_and_continuation_lines() {
        assert_eq!(
            read("Client: My heater broke.\nIt is 4 degrees in here.\n\nagent: Sorry to hear it."),
            "client: \"My heater broke.\\nIt is 4 degrees in here.\"\nagent: \"Sorry to hear it.\""
        );
    }

    #[test]
    fn an_unknown_speaker_is_an_error_naming_the_line() {
        assert_eq!(
            read("Client: Where is my van?\nAgent: Checking now.\nManager: I'll take this one."),
            "error line 3: unknown speaker \"Manager\": a turn starts with Client: or Agent:, \
             what you found with Found: (indent the line to keep it in the line above)"
        );
        assert!(
            read("Client: hi\nDuty Manager: hello")
                .starts_with("error line 2: unknown speaker \"Duty Manager\"")
        );
        assert!(read("Bob: hi").starts_with("error line 1: unknown speaker \"Bob\""));
    }

    #[test]
    fn found_lines_are_the_agents_finding_not_a_turn() {
        let talk = Conversation::parse_transcript(
            "Client: Where is my parcel?\nFound: It went to your old address.\nI've sent a new one.\nfound: It arrives Tuesday.\nClient: Hello??",
            Timestamp(0),
            UtcOffset::UTC,
        )
        .unwrap();
        assert_eq!(talk.turns.len(), 2);
        assert_eq!(talk.turns[1].text, "Hello??");
        assert_eq!(
            talk.found,
            [
                "It went to your old address.\nI've sent a new one.",
                "It arrives Tuesday."
            ]
        );
    }

    #[test]
    fn labels_times_and_links_inside_a_message_continue_the_turn() {
        assert_eq!(
            read(
                "Client: The bill is wrong.\nNote: I moved out in May.\nMy account: 55120\nCall me at 10:30 please\nhttps://example.com/bill\n  Landlord: said it was fine"
            ),
            "client: \"The bill is wrong.\\nNote: I moved out in May.\\nMy account: 55120\\nCall me at 10:30 please\\nhttps://example.com/bill\\nLandlord: said it was fine\""
        );
    }

    proptest::proptest! {
        /// Whatever the text, reading it gives turns whose words all come from the text, or an
        /// error naming a line the text has; it never panics.
        #[test]
        fn any_text_gives_turns_from_it_or_an_error_naming_one_of_its_lines(
            text in "((Client|Agent|client|AGENT|Bob|Note|  )?(:| :|)[ \\PC]{0,40}\n?){0,12}",
        ) {
            match Conversation::parse_transcript(&text, Timestamp(0), UtcOffset::UTC) {
                Ok(c) => {
                    proptest::prop_assert!(!c.turns.is_empty());
                    for t in &c.turns {
                        for line in t.text.lines() {
                            proptest::prop_assert!(text.contains(line.trim()), "{line:?}");
                        }
                    }
                }
                Err(e) => {
                    proptest::prop_assert!(e.line >= 1);
                    proptest::prop_assert!(e.line <= text.lines().count().max(1), "{e}");
                }
            }
        }
    }

    #[test]
    fn a_line_before_any_turn_is_an_error() {
        assert_eq!(
            read("Hello there\nClient: hi"),
            "error line 1: no Client:/Agent: prefix"
        );
        assert_eq!(
            read("\n\n"),
            "error line 1: no turns: expected lines starting with Client: or Agent:"
        );
    }
}
