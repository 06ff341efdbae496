//! Commitments in an agent's own words: who will do what, and by when.
//!
//! "I'll call you back tomorrow afternoon", "we will refund you by Friday", "you'll hear from us
//! within 24 hours". A commitment starts at a subject with a future modal and runs to the end of
//! its clause; its due time is resolved from the send time by [`super::when`]. What the client
//! will do or notice ("you'll see it on your statement") is no commitment of ours, and a clause
//! that keeps an earlier promise ("I'll update you, as promised") is not a new one, nor is a "let
//! me" step that leads to a promise later in its sentence.

use std::sync::OnceLock;

use super::conversation::{Timestamp, UtcOffset};
use super::phrases::{PhraseSet, sentence_around};
use super::when::{self, Due};

/// One commitment the agent made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Promise {
    /// Who commits, as written ("I", "we", "our team"; "we" for "you'll receive ...").
    pub who: String,
    /// What will be done, without the time words ("call you back").
    pub action: String,
    /// When, resolved from the send time; `None` when no time was given or only a vague one.
    pub due: Option<Timestamp>,
    /// The time words as written ("tomorrow afternoon"), vague ones included.
    pub when: Option<String>,
    /// Only a vague time was given ("soon", "ASAP").
    pub vague: bool,
    /// A day was given without an hour ("by Friday"): `due` is that day's default hour.
    pub day_only: bool,
    /// Made on a condition ("if it can't make Friday, I'll ..."): it may never fall due.
    pub conditional: bool,
    /// Byte span of the commitment in the agent's text.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// The subject is the one who commits.
    Subject,
    /// "you'll receive", "you will hear": the sender's side commits.
    Receiving,
    /// "let me check": the writer commits.
    LetMe,
    /// "Today I send you a hotspot": a plain present with a time, as a writer of another first
    /// language often puts a step; it commits only where a time is named.
    Present,
}

fn openers() -> &'static PhraseSet<Opener> {
    static SET: OnceLock<PhraseSet<Opener>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut subject = Vec::new();
        for who in [
            "i",
            "we",
            "our team",
            "the team",
            "my colleague",
            "a colleague",
            "my supervisor",
            "my manager",
            "an engineer",
            "our engineer",
            "the engineer",
            "a technician",
            "our technician",
            "a crew",
            "our crew",
            "the crew",
            "a driver",
            "our driver",
            "someone",
            "somebody",
        ] {
            for modal in [
                " will ",
                " shall ",
                " am going to ",
                " are going to ",
                " is going to ",
            ] {
                subject.push(format!("{who}{modal}"));
            }
        }
        subject.extend(["i'll ", "we'll ", "i'm going to ", "we're going to "].map(String::from));
        let receiving = [
            "you'll receive",
            "you will receive",
            "you'll get",
            "you will get",
            "you'll hear",
            "you will hear",
            "you'll have",
            "you will have",
        ];
        let present = ["i", "we"]
            .iter()
            .flat_map(|who| {
                [
                    "send", "call", "email", "ring", "phone", "text", "post", "book",
                ]
                .map(|verb| format!("{who} {verb} you "))
            })
            .collect();
        PhraseSet::new([
            (Opener::Present, present),
            (Opener::Subject, subject),
            (Opener::Receiving, receiving.map(String::from).to_vec()),
            (Opener::LetMe, vec!["let me ".to_string()]),
        ])
    })
}

/// The words of `[not_a_commitment]`: what follows "I will" when it is no follow-up.
fn not_a_commitment() -> &'static [Vec<String>] {
    static WORDS: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    WORDS.get_or_init(|| {
        super::lists::words("not_a_commitment")
            .iter()
            .map(|p| super::phrases::words(p))
            .collect()
    })
}

/// Words that make a sentence the keeping of a promise made before, not a new one.
const KEEPS_AN_EARLIER_PROMISE: &[&str] = &[
    "as promised",
    "as i promised",
    "as we promised",
    "like i promised",
];

/// Where a clause ends inside a sentence: a contrast or a condition starts a new thought.
const CLAUSE_BREAKS: &[&str] = &[
    ", but ",
    " but ",
    " if ",
    " unless ",
    "; ",
    " so that ",
    ", so ",
];

/// Every commitment in `agent_text`, in text order. `sent_at` and `offset` resolve the due times.
pub fn promises(agent_text: &str, sent_at: Timestamp, offset: UtcOffset) -> Vec<Promise> {
    let hits = openers().find(agent_text);
    let mut out = Vec::new();
    for (k, hit) in hits.iter().enumerate() {
        let (sentence_start, sentence_end) = sentence_around(agent_text, hit.start);
        let next_opener = hits
            .get(k + 1)
            .map(|h| h.start)
            .filter(|s| *s < sentence_end);
        // "Let me check with the depot now and I'll call you by 3pm": the check is the way to
        // the promise that follows it in the sentence, and only that one is owed.
        if hit.tag == Opener::LetMe && next_opener.is_some() {
            continue;
        }
        let body_start = match hit.tag {
            // "I send you": the action starts at the verb, after the one who acts.
            Opener::Present => {
                let head = &agent_text[hit.start..hit.end];
                hit.start + head.find(' ').map_or(0, |i| i + 1)
            }
            // "you'll receive" / "you will receive": the action starts at the verb.
            Opener::Receiving => {
                let head = &agent_text[hit.start..hit.end];
                let verb = head.rfind(' ').map_or(0, |i| i + 1);
                hit.start + verb
            }
            _ => hit.end,
        };
        let body_start = body_start.min(agent_text.len());
        let rest = &agent_text[body_start..next_opener.unwrap_or(sentence_end)];
        let lower = rest.to_lowercase();
        let first_words = super::phrases::words(rest);
        let not_a_commitment = not_a_commitment()
            .iter()
            .any(|p| first_words.len() >= p.len() && first_words[..p.len()] == p[..]);
        if not_a_commitment {
            continue;
        }
        let clause_len = CLAUSE_BREAKS
            .iter()
            .filter_map(|b| lower.find(b))
            .min()
            .unwrap_or(rest.len());
        let clause_end = body_start + trim_connectors(&rest[..clause_len]).len();
        let sentence = agent_text[sentence_start..sentence_end].to_lowercase();
        if KEEPS_AN_EARLIER_PROMISE
            .iter()
            .any(|k| sentence.contains(k))
        {
            continue;
        }
        let before = &agent_text[sentence_start..hit.start];
        let lead_in = &agent_text[hits[..k]
            .iter()
            .rev()
            .find(|h| h.start >= sentence_start)
            .map_or(sentence_start, |h| h.end)..hit.start];
        let conditional = super::phrases::words(lead_in).iter().any(|w| {
            matches!(
                w.as_str(),
                "if" | "unless" | "should" | "once" | "when" | "whether"
            )
        });
        let time = when::find(&agent_text[body_start..clause_end], sent_at, offset)
            .map(|t| (t, body_start))
            .or_else(|| {
                if hits[..k].iter().any(|h| h.start >= sentence_start) {
                    None
                } else {
                    when::find(before, sent_at, offset).map(|t| (t, sentence_start))
                }
            });
        if hit.tag == Opener::Present && time.is_none() {
            continue;
        }
        let who = match hit.tag {
            Opener::Subject => {
                let head = agent_text[hit.start..hit.end].trim();
                head.split(['\'', '’', ' '])
                    .take_while(|w| {
                        !matches!(
                            w.to_lowercase().as_str(),
                            "ll" | "will" | "shall" | "am" | "are" | "is" | "m" | "re"
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            }
            Opener::Receiving => "we".to_string(),
            Opener::LetMe => "I".to_string(),
            Opener::Present if agent_text[hit.start..].starts_with(['W', 'w']) => "we".to_string(),
            Opener::Present => "I".to_string(),
        };
        let day_only = time.is_some_and(|(t, _)| t.day_only);
        let (action, due, when_text, vague) = match time {
            Some((t, base)) => {
                let (s, e) = (base + t.start, base + t.end);
                let action = if s >= body_start {
                    cut(
                        &agent_text[body_start..clause_end],
                        s - body_start,
                        e - body_start,
                    )
                } else {
                    agent_text[body_start..clause_end].trim().to_string()
                };
                let due = match t.due {
                    Due::At(ts) => Some(ts),
                    Due::Vague => None,
                };
                (
                    action,
                    due,
                    Some(agent_text[s..e].to_string()),
                    t.due == Due::Vague,
                )
            }
            None => (
                agent_text[body_start..clause_end].trim().to_string(),
                None,
                None,
                false,
            ),
        };
        let start = time.map_or(hit.start, |(t, base)| hit.start.min(base + t.start));
        out.push(Promise {
            who,
            action,
            due,
            when: when_text,
            vague,
            day_only,
            conditional,
            start,
            end: clause_end,
        });
    }
    out
}

/// `text` without trailing punctuation and dangling connectors (", and", " then").
fn trim_connectors(text: &str) -> &str {
    let mut t = text.trim_end_matches(['.', '!', '?', ',', ' ', '\n']);
    while let Some(shorter) = [" and", " then", " and then"]
        .iter()
        .find_map(|c| t.strip_suffix(c))
    {
        t = shorter.trim_end_matches([',', ' ']);
    }
    t
}

/// `text` without the bytes `start..end`, with the gap and dangling "by"/"on"/"this" tidied
/// away ("by this Thursday" leaves no "by this").
fn cut(text: &str, start: usize, end: usize) -> String {
    const DANGLING: &[&str] = &[
        "by",
        "on",
        "at",
        "before",
        "until",
        "no later than",
        "this",
        "next",
        "coming",
    ];
    let mut before = text[..start].trim_end();
    while let Some(shorter) = DANGLING.iter().find_map(|w| {
        before
            .strip_suffix(w)
            .filter(|b| b.is_empty() || b.ends_with(' '))
    }) {
        before = shorter.trim_end();
    }
    let joined = format!("{} {}", before.trim_end(), text[end..].trim_start());
    trim_connectors(joined.trim()).replace(" ,", ",")
}
