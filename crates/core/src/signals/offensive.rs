//! Insults, profanity and slurs from the word lists, and whom each is aimed at.
//!
//! A word on a list is not yet an insult: "useless" insults in "you're useless" but not in
//! "the app is useless". So each insulting word is read with the words around it: who the
//! subject is, whether a negation or a hedge ("I'm not saying ...") softens it (see `aim`).

use super::Hit;
use super::aim::{Target, aim, is_insult, person_after, word_after};
use super::scan::{SECOND, Scan};
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
pub(super) const ADJECTIVES: &[&str] = &[
    "stupid", "dumb", "useless", "incompetent", "pathetic", "worthless", "clueless", "brainless",
    "idiotic", "moronic", "retarded", "ignorant", "inept",
];
#[rustfmt::skip]
const PERSON_NOUNS: &[&str] = &[
    "fool", "fools", "clown", "clowns", "thief", "thieves", "crook", "crooks", "liar", "liars",
    "pig", "pigs", "monkey", "monkeys", "donkey", "parasite", "parasites", "hag",
    "scammer", "scammers", "fraudster", "fraudsters", "creep", "creeps", "hobo", "hobos",
    "pervert", "perverts", "perv", "weirdo", "weirdos", "dork", "degenerate", "degenerates",
    "junkie", "junkies", "junky", "maggot", "maggots",
];
const THING_NOUNS: &[&str] = &["trash", "garbage", "scum"];
/// Nouns that are not on the offensive lists yet insult a person they are said of: "you're a *joke*".
const DISPARAGING: &[&str] = &[
    "joke",
    "jokes",
    "disgrace",
    "embarrassment",
    "laughingstock",
    "shambles",
    "mess",
];
/// Ordinary adjectives, on no offensive list ("thick fabric", "a dim light"), that insult a
/// person they are said of: "are you *thick*?", "your *lazy* drivers".
#[rustfmt::skip]
const PLAIN_ADJECTIVES: &[&str] = &[
    "thick", "dim", "dense", "lazy", "heartless", "gormless", "dozy", "spineless", "incapable",
];
/// Ordinary nouns that insult a person they are applied to ("you're a *fraud*", "a *parrot*
/// reading a script") and are ordinary words otherwise ("report *fraud*").
#[rustfmt::skip]
const PLAIN_PERSON_NOUNS: &[&str] = &[
    "fraud", "frauds", "parrot", "parrots", "flake", "coward", "cowards", "weasel", "weasels",
    "chimp", "chimps", "chancer", "chancers", "layabout", "layabouts", "conman", "conmen",
    "charlatan", "charlatans", "cretins", "timewasters", "cowboys", "amateurs", "shysters", "cow",
    "cows",
];
/// Adjectives that judge how well someone works: said of someone absent ("another *useless*
/// engineer") they criticise the service, which is anger, not abuse of the reader.
const COMPETENCE: &[&str] = &["useless", "incompetent", "clueless", "inept"];
/// Nouns after a plain person noun that make it a modifier, naming a team or a thing rather
/// than a person: "your *fraud* team", "the *fraud* check", "*weasel* words".
#[rustfmt::skip]
const MODIFIED: &[&str] = &[
    "team", "teams", "department", "dept", "unit", "squad", "line", "check", "checks", "alert",
    "alerts", "protection", "prevention", "detection", "investigation", "investigator",
    "investigators", "claim", "claims", "case", "cases", "report", "section", "office", "desk",
    "hold", "block", "flag", "marker", "system", "people", "staff", "officer", "officers",
    "words",
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
            let plain = if DISPARAGING.contains(&w) {
                Some(Insult::ThingNoun)
            } else if PLAIN_ADJECTIVES.contains(&w) {
                Some(Insult::Adjective)
            } else if PLAIN_PERSON_NOUNS.contains(&w) && !modifies(scan, i) {
                Some(Insult::PersonNoun)
            } else {
                None
            };
            if let Some(kind) = plain {
                out.extend(insult(scan, i, kind).map(|t| hit(SignalKind::Insult, t)));
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

/// The word at `i` describes the noun after it ("your fraud team"): it names no person.
fn modifies(scan: &Scan, i: usize) -> bool {
    let next = scan.tokens.get(i + 1);
    next.is_some_and(|t| t.is_word()) && MODIFIED.contains(&scan.w(i + 1))
}

/// Whether the insulting word at `i` insults, and if so whether it is aimed at a person.
fn insult(scan: &Scan, i: usize, kind: Insult) -> Option<bool> {
    let aim = aim(scan, i);
    let at_person = matches!(aim.target, Target::Second | Target::Third);
    // "they told me I was stupid": an insult the writer reports receiving.
    let reported = aim.target == Target::Writer && scan.quoted[i];
    let criticism =
        kind == Insult::Adjective && aim.target == Target::Third && COMPETENCE.contains(&scan.w(i));
    if criticism {
        return None;
    }
    let insults = reported
        || match kind {
            Insult::Strong => true,
            Insult::PersonNoun => at_person || aim.marked || vocative(scan, i),
            Insult::Adjective => at_person,
            Insult::ThingNoun => at_person && !aim.exclaimed,
        };
    let aimed = match kind {
        Insult::Strong => !matches!(aim.target, Target::Writer | Target::Simile),
        _ => true,
    };
    insults.then_some(aimed && !aim.negated)
}

/// The word at `i` addresses the reader on its own, set off by a comma or the edges of a
/// sentence: "You stole my money, *thieves*.", "*Clowns*!".
fn vocative(scan: &Scan, i: usize) -> bool {
    let mark = |t: Option<&crate::text::Token>, marks: &str| {
        t.is_none_or(|t| !t.is_word() && t.norm.chars().all(|c| marks.contains(c)))
    };
    let before = i.checked_sub(1).map(|p| &scan.tokens[p]);
    mark(before, ",.!?") && mark(scan.tokens.get(i + 1), ".!?")
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

/// "hell" is profane in "what the hell", "go to hell", "hell no"; not in "hell of a wait".
fn hell_is_profane(scan: &Scan, i: usize) -> bool {
    let prev = scan.prev_word(i).map(|p| scan.w(p));
    let next = scan.next_word(i).map(|n| scan.w(n));
    matches!(prev, Some("the" | "to" | "as" | "from" | "bloody")) || next == Some("no")
}

/// Profanity aimed at a person: "f*ck you", "piss off", "your bloody staff", "fucking idiots".
/// Swearing that only colours a word for other people ("not one f***ing engineer came") is
/// anger at the situation, not abuse.
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
    let before = scan.prev_word(i).map(|p| scan.w(p));
    match person_after(scan, i, before) {
        Target::Second => true,
        Target::Third => word_after(scan, i).is_some_and(|n| is_insult(scan.w(n))),
        _ => false,
    }
}
