//! What is particular to this client, ready to be said back: how they feel, what went wrong,
//! their points, their deadline, how often they have had to get in touch.
//!
//! Concerns come from the analysis already written from the agent's side ("your parcel has
//! not arrived"); they are tidied into clauses that fit inside a sentence.

use super::conversation::Analysed;
use super::situation::{Domain, Family, Urgency};
use crate::types::{Analysis, Cause, Emotion, SignalKind};

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Specifics {
    /// The strongest difficult feeling in the latest client turn.
    pub feeling: Option<Emotion>,
    /// What went wrong, as a clause from the agent's side ("your parcel has not arrived").
    pub wrong: Option<String>,
    /// The client's points, from the agent's side, latest turn first, at most two.
    pub concerns: Vec<String>,
    /// Their deadline as written ("by Friday").
    pub deadline: Option<String>,
    /// Their count of contacts as written ("third time").
    pub repeated: Option<String>,
    /// The leading cause in the latest client turn.
    pub cause: Option<Cause>,
    /// The weightiest vulnerability in the conversation.
    pub vulnerability: Option<Family>,
    pub urgency: Urgency,
    pub domain: Option<Domain>,
    /// When the next step is due, in words that follow "update you" ("within the hour").
    pub when: Option<&'static str>,
}

impl Specifics {
    pub fn gather(analysed: &Analysed<'_>) -> Specifics {
        let mut s = Specifics::default();
        let Some((_, _, last)) = analysed.last_client() else {
            return s;
        };
        s.feeling = difficult_feeling(last);
        s.cause = last.causes.first().map(|c| c.cause);
        for (_, turn, a) in analysed.client_turns().rev() {
            let text = turn.text.as_str();
            let signal = |kind| {
                a.signals
                    .iter()
                    .find(|x| x.kind == kind)
                    .and_then(|x| text.get(x.start..x.end))
                    .map(str::to_string)
            };
            s.deadline = s
                .deadline
                .or_else(|| signal(SignalKind::Deadline).map(|d| bare_date(&d)));
            s.repeated = s.repeated.or_else(|| {
                let count =
                    |x: &&crate::types::Signal| text.get(x.start..x.end).is_some_and(is_count);
                a.signals
                    .iter()
                    .filter(|x| x.kind == SignalKind::RepeatedContact)
                    .find(count)
                    .map(|x| text[x.start..x.end].to_string())
            });
            let said_back = a.concerns.iter().filter(|c| !has_abuse(a, c.start, c.end));
            for c in said_back {
                if s.concerns.len() < MAX_CONCERNS {
                    s.concerns.push(clause(&c.text));
                }
                let went_wrong = a
                    .causes
                    .iter()
                    .filter(|x| matches!(x.cause, Cause::ServiceFailure | Cause::UnmetExpectations))
                    .flat_map(|x| &x.evidence)
                    .any(|e| e.start < c.end && c.start < e.end);
                // "you want to know why ..." asks; it does not say what went wrong.
                let asks = c.text.starts_with("you want") || c.text.starts_with("you'd like");
                if s.wrong.is_none() && went_wrong && !asks {
                    s.wrong = Some(clause(&c.text));
                }
            }
        }
        s
    }
}

/// Concerns said back in a paraphrase: more makes it a speech.
const MAX_CONCERNS: usize = 2;

/// Words aimed at the reader inside `start..end`: such a concern is never said back.
pub(crate) fn has_abuse(a: &Analysis, start: usize, end: usize) -> bool {
    a.signals.iter().any(|x| {
        let aimed = matches!(
            x.kind,
            SignalKind::Slur | SignalKind::Threat | SignalKind::Harassment | SignalKind::Prejudice
        ) || matches!(x.kind, SignalKind::Insult | SignalKind::Profanity) && x.targeted;
        aimed && x.start < end && start < x.end
    })
}

/// The strongest of anger, frustration, anxiety, sadness and confusion that holds.
pub(crate) fn difficult_feeling(a: &Analysis) -> Option<Emotion> {
    [
        Emotion::Anger,
        Emotion::Frustration,
        Emotion::Anxiety,
        Emotion::Sadness,
        Emotion::Confusion,
    ]
    .into_iter()
    .filter(|e| a.emotion(*e).holds())
    .max_by(|x, y| a.emotion(*x).score.total_cmp(&a.emotion(*y).score))
}

/// Words for how a situation feels ("frustrating") and how the person feels ("frustrated").
pub(crate) fn feeling_words(e: Option<Emotion>) -> (&'static str, &'static str) {
    match e {
        Some(Emotion::Anger) => ("infuriating", "angry"),
        Some(Emotion::Anxiety) => ("worrying", "worried"),
        Some(Emotion::Sadness) => ("disheartening", "let down"),
        Some(Emotion::Confusion) => ("confusing", "unsure where things stand"),
        _ => ("frustrating", "frustrated"),
    }
}

/// A deadline without its preposition ("by Friday" -> "Friday"), to fit "with Friday so close".
fn bare_date(deadline: &str) -> String {
    let lower = deadline.to_lowercase();
    let cut = [
        "by ",
        "before ",
        "until ",
        "till ",
        "on ",
        "for ",
        "no later than ",
    ]
    .iter()
    .find(|p| lower.starts_with(*p))
    .map_or(0, |p| p.len());
    deadline[cut..].trim().to_string()
}

/// A count of contacts that reads well after "for the": "third time", "the 4th time".
fn is_count(text: &str) -> bool {
    const ORDINALS: &[&str] = &[
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "umpteenth",
        "nth",
    ];
    let words: Vec<String> = text
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    match words.as_slice() {
        [.., n, t] if t == "time" => {
            ORDINALS.contains(&n.as_str())
                || n.trim_end_matches(char::is_alphabetic)
                    .parse::<u32>()
                    .is_ok_and(|_| n.ends_with("th") || n.ends_with("rd") || n.ends_with("nd"))
        }
        _ => false,
    }
}

/// Function words a cut-off concern may end on ("... by Friday for…").
const DANGLING: &[&str] = &[
    "for", "and", "the", "a", "an", "to", "of", "with", "in", "on", "your", "our", "no", "but",
    "or", "at", "by", "so", "that",
];

/// A concern as a clause: no end punctuation or cut-off mark, no dangling last word, a
/// lower-case start unless it is "I" or a name.
fn clause(text: &str) -> String {
    let mut t = text
        .trim()
        .trim_end_matches(['.', '!', '?', ',', ';', ':', '…'])
        .trim();
    if text.trim_end().ends_with('…') {
        t = t.rsplit_once(' ').map_or(t, |(head, _)| head);
        while let Some((head, last)) = t.rsplit_once(' ') {
            if !DANGLING.contains(&last.to_lowercase().as_str()) {
                break;
            }
            t = head;
        }
        t = t.trim_end_matches([',', ';', ':']);
    }
    let mut chars = t.chars();
    match chars.next() {
        Some(c)
            if c.is_uppercase()
                && !t.starts_with("I ")
                && !t.starts_with("I'")
                && chars.clone().next().is_some_and(char::is_lowercase) =>
        {
            c.to_lowercase().chain(chars).collect()
        }
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clause_trims_and_lowers_the_start() {
        assert_eq!(clause("The invoice is wrong!"), "the invoice is wrong");
        assert_eq!(clause("I need a refund."), "I need a refund");
        assert_eq!(
            clause("your parcel still hasn't arrived and you need it by Friday for…"),
            "your parcel still hasn't arrived and you need it by Friday"
        );
        assert_eq!(clause("you still have no…"), "you still have");
    }

    #[test]
    fn deadlines_and_counts_read_well_in_a_sentence() {
        assert_eq!(bare_date("by Friday"), "Friday");
        assert_eq!(bare_date("tomorrow"), "tomorrow");
        assert!(is_count("the third time") && is_count("4th time"));
        assert!(!is_count("still hasn't") && !is_count("again"));
    }
}
