//! Makes a statement a whole clause, or says it cannot be one.
//!
//! A paraphrase is said inside a sentence ("What I'm taking from your message is that ..."), so
//! it needs a subject and a verb. Clients often leave the subject out ("Still waiting for my
//! refund", "Ordered a phone two weeks ago", "No reply yet"): those get one. What has no verb
//! even then ("Terrible service", "Worst airline ever") is not a point to restate.

use std::collections::HashSet;
use std::sync::OnceLock;

/// What to put before the statement (lower-case words, already in the agent's voice) to make
/// it a whole clause: `Some("")` when it is one already, `None` when it has no verb at all.
pub(super) fn subject_for(words: &[&str]) -> Option<&'static str> {
    let subject = missing_subject(words);
    let verb = |ws: &[&str]| ws.iter().enumerate().any(|(i, w)| is_verb(ws, i, w));
    (subject.is_some() || verb(words)).then_some(subject.unwrap_or_default())
}

/// The subject a subject-less opening calls for.
fn missing_subject(words: &[&str]) -> Option<&'static str> {
    let at = |i: usize| words.get(i).copied().unwrap_or_default();
    let start = usize::from(matches!(
        at(0),
        "still" | "just" | "already" | "now" | "again"
    ));
    let first = at(start);
    let verbless = !words.iter().enumerate().any(|(i, w)| is_verb(words, i, w));
    let word_next = at(start + 1).starts_with(char::is_alphanumeric);
    if let Some((_, subject)) = DONE_TO.iter().find(|(p, _)| *p == first) {
        return Some(subject);
    }
    Some(match first {
        "been" => "you've",
        // Not "sent you the wrong size": someone else did that.
        w if CLIENT_DID.contains(&w) && at(start + 1) != "you" => "you",
        // Not "Freezing, laggy": that is the device.
        // "Downloading through the app takes hours": then it is the subject.
        w if verbless
            && w.ends_with("ing")
            && !NOT_VERBS.contains(&w)
            && !ADJECTIVES_IN_ING.contains(&w)
            && w.len() >= 5
            && word_next =>
        {
            "you're"
        }
        w if FEELINGS.contains(&w) || (INTENSIFIERS.contains(&w) && FEELINGS.contains(&at(1))) => {
            "you're"
        }
        _ if !verbless => return None,
        "no" | "zero" => "there's",
        // A time: "3 hours on hold", "two days to hear back", "three weeks ago".
        w if is_amount(w) => {
            let unit = 1 + usize::from(at(1) == "more" || at(1) == "whole");
            if !TIME_UNITS.contains(&at(unit)) {
                return None;
            }
            if words.contains(&"hold") {
                "you've spent"
            } else if at(unit + 1) == "to" {
                "it's taken"
            } else if at(unit + 1) == "ago" {
                "it was"
            } else {
                "it's been"
            }
        }
        _ => return None,
    })
}

/// Whether the word at `i` is a verb, from its form and its neighbours.
pub(super) fn is_verb(words: &[&str], i: usize, w: &str) -> bool {
    const SUBJECTS: &[&str] = &[
        "it",
        "he",
        "she",
        "this",
        "that",
        "nobody",
        "noone",
        "no-one",
        "someone",
        "everyone",
        "everything",
        "nothing",
        "something",
        "which",
        "who",
    ];
    // "no reply", "on hold", "to hear back": a noun after a determiner or a preposition, and
    // an infinitive, are not the verb of the clause.
    const BEFORE_NOUN: &[&str] = &["on", "in", "at", "of", "for", "with", "from", "to", "by"];
    let before = i.checked_sub(1).map(|p| words[p]);
    if before.is_some_and(|b| super::question::DETERMINERS.contains(&b) || BEFORE_NOUN.contains(&b))
    {
        return false;
    }
    let after_subject = i > 0 && SUBJECTS.contains(&words[i - 1]) && w.ends_with('s');
    verbs().contains(w)
        || w.ends_with("n't")
        || ["'s", "'re", "'ve", "'ll", "'d", "'m"]
            .iter()
            .any(|c| w.ends_with(c) && w.len() > c.len() + 1)
        || (w.ends_with("ed") && w.len() >= 5 && !NOT_VERBS.contains(&w))
        || after_subject
}

/// [`VERBS`] as a set: the rewrite asks about every word of every clause.
fn verbs() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| VERBS.iter().copied().collect())
}

fn is_amount(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_ascii_digit())
        || NUMBERS.contains(&w)
        || w.starts_with(['$', '£', '€'])
}

#[rustfmt::skip]
const TIME_UNITS: &[&str] = &[
    "minute", "minutes", "mins", "hour", "hours", "hrs", "day", "days", "week", "weeks", "month",
    "months", "year", "years", "nights", "evenings", "mornings", "weekends",
];

#[rustfmt::skip]
const NUMBERS: &[&str] = &[
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty",
    "thirty", "forty", "fifty", "several", "many", "a", "an", "another",
];

/// Things a client says they did, without the "I": "Called twice", "Ordered a phone".
#[rustfmt::skip]
const CLIENT_DID: &[&str] = &[
    "ordered", "called", "rang", "phoned", "emailed", "messaged", "paid", "bought", "booked",
    "tried", "asked", "waited", "spent", "contacted", "requested", "reported", "returned",
    "received", "submitted", "applied", "signed", "chatted", "visited", "used", "got", "had",
    "sent", "wrote", "spoke", "talked", "went", "purchased", "upgraded", "renewed",
    "followed", "checked", "filled", "complained", "need", "want", "have", "love", "hate",
    "wanted", "needed", "would",
];

/// What was done to the client, without "I was": "Locked out of my account", "Charged twice".
#[rustfmt::skip]
const DONE_TO: &[(&str, &str)] = &[
    ("locked", "you're"), ("stuck", "you're"), ("stranded", "you're"), ("charged", "you were"),
    ("overcharged", "you were"), ("billed", "you were"), ("told", "you were"),
    ("promised", "you were"), ("refused", "you were"), ("denied", "you were"),
    ("kicked", "you were"), ("disconnected", "you were"), ("ignored", "you were"),
];

/// How a client says how they feel, without "I'm": "Very disappointed with the service".
#[rustfmt::skip]
const FEELINGS: &[&str] = &[
    "disappointed", "frustrated", "upset", "annoyed", "angry", "furious", "livid", "gutted",
    "confused", "worried", "unhappy", "fed", "sick", "tired", "stuck", "stranded", "desperate",
    "concerned", "shocked", "disgusted", "appalled", "stressed", "scared", "devastated",
];

const INTENSIFIERS: &[&str] = &[
    "very",
    "so",
    "really",
    "extremely",
    "totally",
    "absolutely",
    "beyond",
    "pretty",
    "quite",
];

/// Words in -ing that describe rather than say what the client is doing ("Amazing point").
#[rustfmt::skip]
const ADJECTIVES_IN_ING: &[&str] = &[
    "amazing", "interesting", "disappointing", "annoying", "frustrating", "confusing", "boring",
    "shocking", "disgusting", "appalling", "insulting", "embarrassing", "exciting", "charming",
    "outstanding", "astonishing", "infuriating", "irritating", "worrying", "alarming", "missing",
    "existing", "upcoming", "outgoing", "incoming", "ongoing", "remaining", "following", "loving",
    "caring", "revolting", "sickening", "baffling", "staggering", "stunning", "terrifying",
];

/// Words in -ing or -ed that are not verbs.
#[rustfmt::skip]
const NOT_VERBS: &[&str] = &[
    "thing", "things", "nothing", "something", "anything", "everything", "morning", "evening",
    "during", "ceiling", "wedding", "building", "booking", "pricing", "billing", "shipping",
    "packaging", "parking", "housing", "heating", "meeting", "setting", "settings", "listing",
    "training", "banking", "clothing", "bedding", "wording", "string", "spring", "king", "ring",
    "sibling", "funding", "hundred", "speed", "feed", "seed", "breed", "greed", "bleed",
    "boarding", "landing", "earring", "awning", "indeed", "embed",
];

/// Verbs whose forms the suffix rules miss, and the auxiliaries.
#[rustfmt::skip]
const VERBS: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "am", "has", "have", "had", "do", "does", "did", "can",
    "could", "will", "would", "should", "shall", "may", "might", "must", "want", "wants", "need",
    "needs", "get", "gets", "got", "gotten", "keep", "keeps", "kept", "take", "takes", "took",
    "taken", "make", "makes", "made", "go", "goes", "went", "gone", "come", "comes", "came",
    "say", "says", "said", "tell", "tells", "told", "pay", "pays", "paid", "send", "sends",
    "sent", "give", "gives", "gave", "given", "know", "knew", "known", "see", "sees", "saw",
    "seen", "think", "thought", "work", "works", "crash", "crashes", "break", "breaks", "broke",
    "broken", "charge", "charges", "arrive", "arrives", "lose", "loses", "lost", "leave",
    "leaves", "left", "buy", "bought", "hear", "heard", "find", "finds", "found", "feel", "felt",
    "seem", "seems", "let", "put", "run", "runs", "ran", "hang", "hung", "cost", "costs", "owe",
    "owes", "mean", "means", "meant", "read", "write", "wrote", "written", "speak", "spoke",
    "spoken", "understand", "understood", "hold", "holds", "held", "sit", "sat", "stand",
    "stood", "shows", "happen", "happens", "load", "loads", "open", "opens", "fail", "fails",
    "stop", "stops", "start", "starts", "answer", "answers", "reply", "replies", "respond",
    "responds", "help", "helps", "fix", "cancel", "refund", "call", "calls", "wait", "waits",
    "order", "expect", "try", "tries", "ask", "asks", "use", "receive", "deliver", "ship",
    "like", "love", "hate", "care", "matter", "matters", "bother", "bothers", "look", "looks",
    "block", "blocks", "freeze", "froze", "frozen", "shut", "cut", "won't", "can't", "cannot",
    "ain't", "let's", "change", "changes", "become", "became", "begin", "began", "begun", "bring",
    "brought", "build", "built", "choose", "chose", "deal", "dealt", "drive", "drove", "eat",
    "ate", "fall", "fell", "fallen", "fly", "flew", "forget", "forgot", "forgotten", "grow",
    "grew", "hit", "hurt", "lend", "lent", "lie", "lay", "meet", "met", "quit", "rise", "rose",
    "sell", "sold", "set", "shake", "shook", "sleep", "slept", "spend", "spent", "steal",
    "stole", "stolen", "swear", "swore", "teach", "taught", "throw", "threw", "thrown", "wake",
    "woke", "wear", "wore", "win", "won", "wind", "wound", "accept", "allow", "allows", "apply",
    "remain", "remains", "stay", "stays", "turn", "turns", "show", "refuse", "refuses", "deny",
    "denies", "owe", "promise", "promises", "claim", "claims", "insist", "insists", "appear",
    "appears", "continue", "continues", "move", "moves", "pick", "picks", "return", "returns",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn done(s: &str) -> Option<String> {
        let words: Vec<&str> = s.split(' ').collect();
        subject_for(&words).map(|p| format!("{p} {s}").trim().to_string())
    }

    #[test]
    fn a_left_out_subject_is_put_back() {
        assert_eq!(
            done("still waiting for your refund").as_deref(),
            Some("you're still waiting for your refund")
        );
        assert_eq!(
            done("ordered a phone two weeks ago").as_deref(),
            Some("you ordered a phone two weeks ago")
        );
        assert_eq!(
            done("been on hold an hour").as_deref(),
            Some("you've been on hold an hour")
        );
        assert_eq!(
            done("very disappointed with the service").as_deref(),
            Some("you're very disappointed with the service")
        );
        assert_eq!(
            done("still no reply").as_deref(),
            Some("there's still no reply")
        );
        assert_eq!(
            done("3 hours on hold").as_deref(),
            Some("you've spent 3 hours on hold")
        );
        assert_eq!(
            done("two days to hear back").as_deref(),
            Some("it's taken two days to hear back")
        );
    }

    #[test]
    fn a_clause_with_a_verb_stays_and_one_without_goes() {
        assert_eq!(done("the app crashes").as_deref(), Some("the app crashes"));
        assert_eq!(done("nobody answers").as_deref(), Some("nobody answers"));
        assert_eq!(
            done("your order hasn't arrived").as_deref(),
            Some("your order hasn't arrived")
        );
        assert_eq!(done("terrible service"), None);
        assert_eq!(done("worst airline ever"), None);
        assert_eq!(done("the booking for friday"), None);
    }
}
