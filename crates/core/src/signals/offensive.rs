//! Insults, profanity and slurs from the word lists, and whom each is aimed at.
//!
//! A word on a list is not yet an insult: "useless" insults in "you're useless" but not in
//! "the app is useless". So each insulting word is read with the words around it: who the
//! subject is, whether a negation or a hedge ("I'm not saying ...") softens it.

use super::Hit;
use super::scan::{SECOND, Scan, is_negator};
use crate::lexicon::{self, OffensiveClass};
use crate::types::SignalKind;

/// How an insulting word has to be used before it insults.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Insult {
    /// Insults whatever the construction: "idiot", "moron".
    Strong,
    /// Insults when said of a person: "you're *useless*", "*stupid* staff".
    Adjective,
    /// A noun that insults a person it is applied to: "bunch of *clowns*", "you *liars*".
    PersonNoun,
    /// A noun that insults only when said of a person: "you're *trash*" (not "garbage service").
    ThingNoun,
}

#[rustfmt::skip]
const ADJECTIVES: &[&str] = &[
    "stupid", "dumb", "useless", "incompetent", "pathetic", "worthless", "clueless", "brainless",
    "idiotic", "moronic", "retarded", "ignorant", "inept",
];
#[rustfmt::skip]
const PERSON_NOUNS: &[&str] = &[
    "fool", "fools", "clown", "clowns", "thief", "thieves", "crook", "crooks", "liar", "liars",
    "pig", "pigs", "monkey", "monkeys", "donkey", "parasite", "parasites", "robot", "robots", "hag",
    "scammer", "scammers", "fraudster", "fraudsters",
];
const THING_NOUNS: &[&str] = &["trash", "garbage", "scum"];
/// Nouns that are not on the offensive lists yet insult a person they are said of: "you're a *joke*".
const DISPARAGING: &[&str] = &[
    "joke",
    "jokes",
    "disgrace",
    "embarrassment",
    "laughingstock",
];
/// Words on the profanity list that name a person, so they insult like "idiot".
#[rustfmt::skip]
const PERSON_PROFANITY: &[&str] = &[
    "fucker", "fuckers", "motherfucker", "motherfuckers", "bastard", "bastards",
];
/// Words on the profanity list too mild or too ambiguous to flag in a customer message.
const MILD: &[&str] = &["suck", "sucks", "screwed", "freaking", "frigging"];

/// Profane verbs that take the reader as object: "f*ck you", "piss off", "damn your app".
#[rustfmt::skip]
const AT_YOU: &[&str] = &[
    "fuck", "fuk", "fck", "fk", "fuq", "phuck", "fcuk", "feck", "damn", "screw", "bugger", "sod",
    "piss", "fucking", "fuckin", "fking", "effing",
];

/// Words that may sit between a subject and an insult: "you are *such a complete* idiot".
#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "a", "an", "the", "so", "such", "complete", "completely", "total", "totally", "utter",
    "utterly", "absolute", "absolutely", "really", "very", "most", "biggest", "just", "all",
    "truly", "incredibly", "extremely", "too", "quite", "pretty", "right", "real", "proper",
    "massive", "big", "little", "bunch", "pack", "load", "lot", "of", "nothing", "but", "flipping",
    "bleeding", "actual", "officially", "literally", "being", "acting", "behaving", "bit", "kinda",
    "rather", "fairly",
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
enum Target {
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

struct Aim {
    target: Target,
    negated: bool,
    /// "bunch of", "complete": the noun is applied to people.
    marked: bool,
    /// "what a ...!": said of the reader, or of anything ("what a joke of a company").
    exclaimed: bool,
}

/// Adds insult, profanity and slur hits.
pub(super) fn find(scan: &Scan, out: &mut Vec<Hit>) {
    for (i, t) in scan.tokens.iter().enumerate() {
        if !t.is_word() || scan.w(i).is_empty() {
            continue;
        }
        let w = scan.w(i);
        let hit = |kind, targeted| Hit {
            kind,
            first: i,
            last: i,
            targeted,
        };
        let Some(class) = lexicon::offensive_class(w) else {
            if DISPARAGING.contains(&w) {
                out.extend(insult(scan, i, Insult::ThingNoun).map(|t| hit(SignalKind::Insult, t)));
            }
            continue;
        };
        match class {
            OffensiveClass::Slur if !names_a_thing(scan, i) => {
                out.push(hit(SignalKind::Slur, true))
            }
            OffensiveClass::Slur => {}
            OffensiveClass::Profanity if PERSON_PROFANITY.contains(&w) => {
                out.extend(insult(scan, i, Insult::Strong).map(|t| hit(SignalKind::Insult, t)));
            }
            OffensiveClass::Profanity => {
                if !MILD.contains(&w) && (w != "hell" || hell_is_profane(scan, i)) {
                    out.push(hit(SignalKind::Profanity, profanity_targeted(scan, i)));
                }
            }
            OffensiveClass::Insult => {
                out.extend(insult(scan, i, insult_kind(w)).map(|t| hit(SignalKind::Insult, t)));
            }
        }
    }
}

fn insult_kind(w: &str) -> Insult {
    if ADJECTIVES.contains(&w) {
        Insult::Adjective
    } else if PERSON_NOUNS.contains(&w) {
        Insult::PersonNoun
    } else if THING_NOUNS.contains(&w) {
        Insult::ThingNoun
    } else {
        Insult::Strong
    }
}

/// Whether the insulting word at `i` insults, and if so whether it is aimed at a person.
fn insult(scan: &Scan, i: usize, kind: Insult) -> Option<bool> {
    let aim = aim(scan, i);
    let at_person = matches!(aim.target, Target::Second | Target::Third);
    // "they told me I was stupid": an insult the writer reports receiving.
    let reported = aim.target == Target::Writer && scan.quoted[i];
    let insults = reported
        || match kind {
            Insult::Strong => true,
            Insult::PersonNoun => at_person || aim.marked,
            Insult::Adjective => at_person,
            Insult::ThingNoun => at_person && !aim.exclaimed,
        };
    let aimed = match kind {
        Insult::Strong => !matches!(aim.target, Target::Writer | Target::Simile),
        _ => true,
    };
    insults.then_some(aimed && !aim.negated)
}

/// Reads the words before (and after) the insulting word at `i` to find whom it is said of.
fn aim(scan: &Scan, i: usize) -> Aim {
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
fn person_after(scan: &Scan, i: usize, before: Option<&str>) -> Target {
    let mut j = i;
    for _ in 0..WALK {
        let Some(n) = scan.next_word(j) else { break };
        let w = scan.w(n);
        if is_offensive_modifier(w) || matches!(w, "of" | "a" | "an") {
            j = n;
            continue;
        }
        let noun = lexicon::is_person_noun(w)
            || lexicon::offensive_class(w) == Some(OffensiveClass::Insult);
        let like_you = w == "like" && scan.next_word(n).is_some_and(|m| scan.w(m) == "you");
        return match before {
            _ if like_you => Target::Second,
            Some("you" | "your") if noun => Target::Second,
            _ if noun => Target::Third,
            _ => Target::Unclear,
        };
    }
    Target::Unclear
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

/// A listed word inside a name: a brand ("Spic and Span") or a place or surname in title case
/// before another title-case word ("Dyke Road").
fn names_a_thing(scan: &Scan, i: usize) -> bool {
    let title = |j: usize| {
        let t = &scan.tokens[j];
        scan.text[t.start..t.end].starts_with(char::is_uppercase) && !t.caps
    };
    let next = scan.next_word(i);
    let brand =
        scan.w(i) == "spic" && next.is_some_and(|n| matches!(scan.w(n), "and" | "n" | "span"));
    brand || (title(i) && next.is_some_and(title))
}

/// Insulting or profane words that can stack before a noun: "you *stupid fucking* idiots".
fn is_offensive_modifier(w: &str) -> bool {
    ADJECTIVES.contains(&w) || lexicon::offensive_class(w) == Some(OffensiveClass::Profanity)
}

/// "hell" is profane in "what the hell", "go to hell", "hell no"; not in "hell of a wait".
fn hell_is_profane(scan: &Scan, i: usize) -> bool {
    let prev = scan.prev_word(i).map(|p| scan.w(p));
    let next = scan.next_word(i).map(|n| scan.w(n));
    matches!(prev, Some("the" | "to" | "as" | "from" | "bloody")) || next == Some("no")
}

/// Profanity aimed at a person: "f*ck you", "piss off", "your bloody staff", "fucking idiots".
fn profanity_targeted(scan: &Scan, i: usize) -> bool {
    if scan.w(i) == "stfu" {
        return true;
    }
    let Some(n) = scan.next_word(i) else {
        return false;
    };
    let next = scan.w(n);
    let object = SECOND.contains(&next) || matches!(next, "off" | "your" | "you're");
    if object && AT_YOU.contains(&scan.w(i)) {
        return true;
    }
    person_after(scan, i, None) != Target::Unclear
}
