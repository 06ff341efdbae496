//! Whom an insulting word is said of: the reader ("you're useless"), another person ("the
//! driver was an idiot"), the writer ("I felt like an idiot") or a thing ("the app is useless"),
//! and whether a negation or a hedge ("I'm not saying ...") takes the sting out.

use super::offensive::ADJECTIVES;
use super::scan::{SECOND, Scan, is_negator};
use crate::lexicon::{self, OffensiveClass};

/// Words that may sit between a subject and an insult: "you are *such a complete* idiot".
#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "a", "an", "the", "so", "such", "complete", "completely", "total", "totally", "utter",
    "utterly", "absolute", "absolutely", "really", "very", "most", "biggest", "just", "all",
    "truly", "incredibly", "extremely", "too", "quite", "pretty", "right", "real", "proper",
    "massive", "big", "little", "bunch", "pack", "load", "lot", "of", "nothing", "but", "flipping",
    "bleeding", "actual", "officially", "literally", "being", "acting", "behaving", "bit", "kinda",
    "rather", "fairly", "obviously", "clearly", "genuinely", "seriously", "honestly", "plainly",
    "simply", "evidently", "this", "that", "actually",
];
/// Fillers that show a noun is applied to people: "a *bunch of* clowns", "*utter* liars".
const MARKERS: &[&str] = &[
    "bunch", "pack", "load", "such", "complete", "total", "utter", "absolute",
];
const COPULAS: &[&str] = &[
    "are", "is", "am", "was", "were", "be", "been", "seem", "seems", "seemed", "sound", "sounds",
    "look", "looks", "act", "acting", "aren't", "isn't", "wasn't", "weren't", "ain't",
];
/// Words that may sit between a subject and its copula: "you guys *really* are".
#[rustfmt::skip]
const SUBJECT_SKIP: &[&str] = &[
    "all", "really", "just", "truly", "clearly", "obviously", "honestly", "literally", "seriously",
    "both", "have", "has", "had",
];
/// Verbs that, negated, hedge what follows: "I'm not *saying* you're useless".
#[rustfmt::skip]
const HEDGES: &[&str] = &[
    "saying", "say", "calling", "call", "suggesting", "suggest", "implying", "imply", "think",
    "mean", "meaning",
];

/// How many words the rules walk from an insulting word to find whom it is said of.
const WALK: usize = 6;

/// Whom an insulting word is said of.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// The reader: "you", "your staff".
    Second,
    /// Another person: "the driver", "he", a name.
    Third,
    /// The writer: "I felt like an idiot".
    Writer,
    /// A comparison: "treated like idiots".
    Simile,
    /// A thing or nothing clear: "the app is useless".
    Unclear,
}

pub(super) struct Aim {
    pub target: Target,
    pub negated: bool,
    /// "bunch of", "complete": the noun is applied to people.
    pub marked: bool,
    /// "what a ...!": said of the reader, or of anything ("what a joke of a company").
    pub exclaimed: bool,
}

/// Reads the words before (and after) the insulting word at `i` to find whom it is said of.
pub(super) fn aim(scan: &Scan, i: usize) -> Aim {
    let mut aim = Aim {
        target: Target::Unclear,
        negated: false,
        marked: false,
        exclaimed: false,
    };
    let mut j = i;
    let mut stop = None;
    for _ in 0..WALK {
        let Some(p) = scan.prev_word(j) else { break };
        let w = scan.w(p);
        let listing = matches!(w, "and" | "or" | ",")
            && scan.prev_word(p).is_some_and(|q| is_offensive(scan.w(q)));
        if FILLERS.contains(&w) || is_offensive(w) || listing {
            aim.marked |= MARKERS.contains(&w);
        } else if is_negator(w) && !COPULAS.contains(&w) {
            aim.negated = true;
        } else if let Some(q) = describing(scan, p) {
            j = q;
            continue;
        } else {
            stop = Some(p);
            break;
        }
        j = p;
    }
    if let Some(s) = stop {
        let w = scan.w(s);
        aim.target = match w {
            _ if SECOND.contains(&w) || w == "you're" || w == "you've" => Target::Second,
            "he's" | "she's" | "they're" => Target::Third,
            "i'm" | "me" | "myself" | "us" | "i" | "i've" => Target::Writer,
            "like" | "as" => Target::Simile,
            // "are you people incompetent?"
            "people" | "guys" | "lot" | "folks"
                if scan.prev_word(s).is_some_and(|q| scan.w(q) == "you") =>
            {
                Target::Second
            }
            // "called my husband stupid": said of the person named before it.
            _ if (lexicon::is_person_noun(w) || matches!(w, "him" | "her" | "them"))
                && called(scan, s) =>
            {
                Target::Third
            }
            "what" => {
                aim.marked = true;
                aim.exclaimed = true;
                Target::Second
            }
            // "put on someone who isn't a stupid little girl": said of the reader.
            _ if COPULAS.contains(&w) && (aim.negated || is_negator(w)) && someone_who(scan, s) => {
                aim.negated = false;
                Target::Second
            }
            _ if COPULAS.contains(&w) => {
                aim.negated |= is_negator(w);
                subject(scan, s)
            }
            _ => Target::Unclear,
        };
    }
    if aim.target == Target::Unclear {
        aim.target = person_after(scan, i, stop.map(|s| scan.w(s)));
    }
    aim.negated |= hedged(scan, stop.unwrap_or(i));
    aim
}

/// Words that join a phrase or stand for a noun rather than describe one: "report you *for*
/// fraud", "one of them knows *what* a useless ...".
#[rustfmt::skip]
const FUNCTION_WORDS: &[&str] = &[
    "for", "to", "in", "on", "at", "with", "about", "from", "by", "into", "over", "after",
    "before", "and", "or", "that", "this", "it", "what", "which", "who", "how", "where", "when",
    "why", "them", "him", "her", "us", "me",
];

/// Words that open a noun phrase in which other words describe the insulting noun.
const OPENERS: &[&str] = &["a", "an", "of", "you", "you're", "they're", "are", "is"];

/// "a *brain dead* clown", "a bunch of *thieving* parasites", "you *jumped-up* little ...",
/// "you're *thieving* scum": up to three describing words from `p` back to an article, "of",
/// "you" or a copula; returns where the walk goes on (the opener, which the walk reads next).
fn describing(scan: &Scan, p: usize) -> Option<usize> {
    let mut q = p;
    for _ in 0..3 {
        let w = scan.w(q);
        let plain = w.chars().all(|c| c.is_alphabetic() || c == '-');
        let function = FUNCTION_WORDS.contains(&w);
        if !plain || function || COPULAS.contains(&w) || SECOND.contains(&w) || is_negator(w) {
            return None;
        }
        let before = scan.prev_word(q)?;
        if OPENERS.contains(&scan.w(before)) {
            return Some(q);
        }
        q = before;
    }
    None
}

/// The person at `p` is the object of "call": "called *my husband*", "calling *them*".
fn called(scan: &Scan, p: usize) -> bool {
    let mut j = p;
    while let Some(q) = scan.prev_word(j) {
        match scan.w(q) {
            "my" | "your" | "his" | "her" | "our" | "their" | "the" | "a" => j = q,
            w => return matches!(w, "called" | "calling" | "call" | "calls" | "named"),
        }
    }
    false
}

/// The copula at `c` follows "someone who" or "anyone that": a wish for another person, made
/// of the one the writer has ("someone who isn't useless").
fn someone_who(scan: &Scan, c: usize) -> bool {
    let Some(who) = scan
        .prev_word(c)
        .filter(|&p| matches!(scan.w(p), "who" | "that"))
    else {
        return false;
    };
    // "someone else who", "put someone on who".
    let mut before = scan.prev_word(who);
    if let Some(p) = before.filter(|&p| matches!(scan.w(p), "else" | "on" | "in")) {
        before = scan.prev_word(p);
    }
    before.is_some_and(|p| {
        matches!(
            scan.w(p),
            "someone" | "somebody" | "anyone" | "anybody" | "person" | "one"
        )
    })
}

/// Whom a copula at `c` is said of: "you guys are", "your staff is", "the app is".
fn subject(scan: &Scan, c: usize) -> Target {
    let mut j = c;
    while let Some(p) = scan.prev_word(j) {
        let w = scan.w(p);
        if SUBJECT_SKIP.contains(&w) {
            j = p;
            continue;
        }
        let after_you = || scan.prev_word(p).is_some_and(|q| scan.w(q) == "you");
        return match w {
            _ if SECOND.contains(&w) || w == "you've" => Target::Second,
            "guys" | "people" | "lot" | "two" if after_you() => Target::Second,
            "he" | "she" | "they" => Target::Third,
            "i" | "we" => Target::Writer,
            _ if lexicon::is_person_noun(w) || is_name(scan, p) => Target::Third,
            _ => Target::Unclear,
        };
    }
    Target::Unclear
}

/// "useless *staff*", "idiots *like you*": a person named after the insulting word.
pub(super) fn person_after(scan: &Scan, i: usize, before: Option<&str>) -> Target {
    let Some(n) = word_after(scan, i) else {
        return Target::Unclear;
    };
    let w = scan.w(n);
    let noun = lexicon::is_person_noun(w) || is_insult(w);
    let like_you = w == "like" && scan.next_word(n).is_some_and(|m| scan.w(m) == "you");
    // "how useless you are", "what an idiot you are".
    let you_are = w == "you're"
        || w == "you"
            && scan
                .next_word(n)
                .is_some_and(|m| matches!(scan.w(m), "are" | "were"));
    match before {
        _ if like_you || you_are && matches!(before, Some("how" | "what")) => Target::Second,
        Some("you" | "your") if noun => Target::Second,
        _ if noun => Target::Third,
        _ => Target::Unclear,
    }
}

/// The first word after `i` past offensive modifiers and articles ("a bunch *of* ..."), within
/// a few words.
pub(super) fn word_after(scan: &Scan, i: usize) -> Option<usize> {
    let mut j = i;
    for _ in 0..WALK {
        let n = scan.next_word(j)?;
        let w = scan.w(n);
        if is_offensive_modifier(w) || matches!(w, "of" | "a" | "an") {
            j = n;
            continue;
        }
        return Some(n);
    }
    None
}

/// A word the lexicon lists as an insult.
pub(super) fn is_insult(w: &str) -> bool {
    lexicon::offensive_class(w) == Some(OffensiveClass::Insult)
}

/// A capitalised word that the lexicon does not know, not at the start of its clause: a name.
fn is_name(scan: &Scan, i: usize) -> bool {
    let t = &scan.tokens[i];
    let capital = scan.text[t.start..t.end].starts_with(|c: char| c.is_uppercase()) && !t.caps;
    capital && scan.prev_word(i).is_some() && !lexicon::is_known(&t.norm)
}

/// A negated hedge before `i` in its clause: "I'm not saying", "I don't think", "I wouldn't call".
fn hedged(scan: &Scan, i: usize) -> bool {
    (scan.around(i, 10, 0).start..i).any(|h| {
        HEDGES.contains(&scan.w(h))
            && scan.prev_word(h).is_some_and(|p| {
                is_negator(scan.w(p)) || scan.prev_word(p).is_some_and(|q| is_negator(scan.w(q)))
            })
    })
}

/// Any listed word, which can stack with another: "you *stupid fucking* idiots", "*liars and* thieves".
fn is_offensive(w: &str) -> bool {
    ADJECTIVES.contains(&w) || lexicon::offensive_class(w).is_some()
}

/// Insulting or profane words that can stack before a noun: "you *stupid fucking* idiots".
fn is_offensive_modifier(w: &str) -> bool {
    ADJECTIVES.contains(&w) || lexicon::offensive_class(w) == Some(OffensiveClass::Profanity)
}
