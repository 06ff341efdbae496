//! What a clause must look like before it can be said back: each verb in the form its
//! neighbours call for. A slip that no rule of [`grammar`](super::grammar) mends ("nobody is
//! answer you", "you want know", "the shoes still not arrive") would read as mockery in the
//! agent's mouth, so the statement is cut before it or left out.

use super::grammar::Pieces;
use crate::text::Token;

/// Where the first slip that no rule mends begins ("nobody is answer you", "you want know",
/// "the shoes still not arrive"), as an index into `pieces`. Said back as written, it would
/// read as mockery; the clause is cut before it or left out.
///
/// A clause can be said back when each verb has the form its neighbours call for: after a form
/// of "be" a participle or an adjective, never a bare verb; after "not" the auxiliary it needs;
/// after "he", "it" or "nobody" opening a clause, a verb that agrees; after "want" or "need",
/// "to" before a verb; and a subject, not an object, before the verb.
pub(super) fn first_slip(pieces: &Pieces) -> Option<usize> {
    let words: Vec<(usize, String)> = pieces
        .iter()
        .enumerate()
        .filter(|(_, (w, _))| w.starts_with(char::is_alphanumeric) || w == ",")
        .map(|(i, (w, _))| (i, w.to_lowercase()))
        .collect();
    let w = |k: usize| words.get(k).map_or("", |(_, w)| w.as_str());
    (0..words.len())
        .find(|&k| {
            SLIPS
                .iter()
                .any(|slip| slip(w(k.wrapping_sub(1)), w(k), w(k + 1), w(k + 2)))
        })
        .map(|k| words[k].0)
}

/// Whether the client's own `text` (as `tokens`) has a slip that no rule mends. A writer who
/// makes one likely makes others no rule knows, so nothing of their message is said back.
pub(super) fn in_message(text: &str, tokens: &[Token]) -> bool {
    let mut pieces: Pieces = tokens
        .iter()
        .map(|t| (text[t.start..t.end].to_string(), true))
        .collect();
    super::grammar::mend(&mut pieces);
    first_slip(&pieces).is_some()
}

/// A slip read at one word: the word before it, the word, and the two after.
type Slip = fn(&str, &str, &str, &str) -> bool;

const SLIPS: &[Slip] = &[
    // "you are order", "nobody is answer you".
    |_, w, next, _| BE.contains(&w) && is_bare(next),
    // "you are already pay", "you are very worry": the same with a word between.
    |_, w, next, after| BE.contains(&w) && BETWEEN.contains(&next) && is_bare(after),
    // "you not know", "the shoes still not arrive".
    |_, w, next, after| {
        (BEFORE_NOT.contains(&w) || w == "still") && next == "not" && is_bare(after)
    },
    // "us told you": an object where the subject goes.
    |_, w, next, _| {
        matches!(w, "us" | "me" | "them" | "him")
            && matches!(next, "told" | "said" | "asked" | "gave" | "sent" | "did")
    },
    // "nobody answer you", "it take hours"; not "make it work".
    |before, w, next, _| opens_clause(before) && SINGULAR.contains(&w) && is_bare(next),
    // "on the 10th he start", wherever "he" or "she" stands; not "does he start", "can she come".
    |before, w, next, _| {
        matches!(w, "he" | "she")
            && is_bare(next)
            && !MODALS.contains(&before)
            && !matches!(
                before,
                "do" | "does" | "did" | "doesn't" | "didn't" | "don't" | "let"
            )
    },
    // "my landlord say", "the shop close": one of a kind, after "my" or "the", and a bare verb.
    |before, w, next, _| {
        matches!(before, "my" | "the" | "your" | "our" | "his" | "her")
            && !w.ends_with('s')
            && !COLLECTIVE.contains(&w)
            && !is_bare(w)
            && is_bare(next)
    },
    // "you waiting for days": the progressive without its "be".
    |before, w, next, _| {
        opens_clause(before)
            && matches!(w, "you" | "we" | "they")
            && next.ends_with("ing")
            && next.len() > 4
            && !matches!(next, "nothing" | "something" | "anything" | "everything")
    },
    // "when your refund reach your account will": a modal left at the end by a question turned
    // half-way into a statement ("as we said it would" ends on its subject's verb).
    |before, w, next, _| {
        next.is_empty()
            && matches!(w, "will" | "can" | "would" | "could" | "should" | "shall")
            && !matches!(
                before,
                "it" | "you" | "we" | "they" | "he" | "she" | "i" | "there"
            )
    },
    // "more money for finish the job": a bare verb after "for".
    |_, w, next, _| w == "for" && TO_BEFORE.contains(&next),
    // "you want know", "i try pay the rent".
    |_, w, next, _| {
        matches!(
            w,
            "want" | "wants" | "need" | "needs" | "try" | "tries" | "tried"
        ) && TO_BEFORE.contains(&next)
    },
    // "i have 2 child": a number of more than one before a singular noun of people, which no
    // compound ("2 child seats") follows.
    |_, w, next, after| {
        number_above_one(w)
            && matches!(next, "child" | "kid" | "son" | "daughter")
            && !matches!(
                after,
                "seat"
                    | "seats"
                    | "care"
                    | "benefit"
                    | "ticket"
                    | "tickets"
                    | "fare"
                    | "fares"
                    | "place"
                    | "places"
                    | "bed"
                    | "beds"
            )
    },
    // "what you must to do": "to" after a modal.
    |_, w, next, _| MODALS.contains(&w) && next == "to",
    // "if is possible", "you sent size S, is too small": a clause that lost its subject.
    |_, w, next, _| {
        matches!(w, "if" | "because" | "although" | "though" | ",") && BE.contains(&next)
    },
    // "she is waiting you", "nobody can say me": a verb that needs a preposition before its
    // person.
    |_, w, next, _| {
        let person = matches!(next, "me" | "us" | "him" | "her" | "them");
        (matches!(w, "waiting" | "wait") && (person || next == "you"))
            || (matches!(w, "say" | "explain") && person)
    },
];

/// "2", "three": a count of more than one.
fn number_above_one(w: &str) -> bool {
    const WORDS: [&str; 9] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    w.parse::<u32>().is_ok_and(|n| n > 1) || WORDS.contains(&w)
}

/// Verbs a bare verb follows without "to": "you must do", never "you must to do".
#[rustfmt::skip]
const MODALS: &[&str] = &[
    "must", "can", "could", "should", "will", "would", "shall", "may", "might",
];

/// Nothing or a joint before a word: it opens a clause.
fn opens_clause(before: &str) -> bool {
    #[rustfmt::skip]
    const JOINTS: &[&str] = &[
        "", ",", "and", "but", "so", "because", "that", "when", "since", "while", "if", "though",
        "although", "yet", "or",
    ];
    JOINTS.contains(&before)
}

fn is_bare(w: &str) -> bool {
    BASE_VERBS.contains(&w)
}

/// Forms of "be", which a bare verb never follows: "you are order".
const BE: &[&str] = &["am", "is", "are", "was", "were"];

/// Words that may stand between "be" and what follows it: "is already paid", "am very worried".
#[rustfmt::skip]
const BETWEEN: &[&str] = &[
    "already", "very", "so", "really", "still", "just", "also", "always", "never", "now",
];

/// Words that, before "not" and a bare verb, make a slip: "are not receive", "you not know".
#[rustfmt::skip]
const BEFORE_NOT: &[&str] = &[
    "am", "is", "are", "was", "were", "i", "you", "we", "they", "he", "she", "it",
];

/// Nouns for many that take a plural verb without an -s: "the police say".
#[rustfmt::skip]
const COLLECTIVE: &[&str] = &[
    "police", "staff", "people", "family", "team", "children", "management", "government",
    "council", "company", "bank", "crew", "press", "media",
];

/// Subjects that take a verb in -s: "nobody answers".
#[rustfmt::skip]
const SINGULAR: &[&str] = &[
    "he", "she", "it", "nobody", "somebody", "someone", "everyone", "everybody", "noone",
    "no-one", "nothing",
];

/// Common verbs in their bare form that are not also adjectives ("is open") or prepositions
/// ("is like").
#[rustfmt::skip]
const BASE_VERBS: &[&str] = &[
    "receive", "get", "understand", "know", "work", "arrive", "come", "send", "pay", "reply",
    "answer", "give", "see", "find", "help", "have", "make", "go", "call", "fix", "want", "need",
    "deliver", "refund", "use", "take", "tell", "say", "order", "buy", "book", "respond",
    "contact", "solve", "return", "write", "cancel", "wait", "ask", "speak", "talk", "explain",
    "replace", "repair", "install", "connect", "leave", "sign", "transfer", "travel", "worry",
    "start", "finish", "disappoint", "do",
];

/// Bare verbs that want "to" after "want" or "need" ("you want to know"); those that are also
/// nouns ("you need help") are not among them.
#[rustfmt::skip]
const TO_BEFORE: &[&str] = &[
    "know", "understand", "receive", "get", "go", "see", "find", "make", "take", "tell", "say",
    "arrive", "come", "speak", "talk", "cancel", "send", "give", "finish", "pay", "buy", "do",
    "move", "sign", "change", "exchange", "return", "refund", "fix", "replace", "check",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn slip(s: &str) -> Option<String> {
        let p: Pieces = s.split(' ').map(|w| (w.to_string(), true)).collect();
        first_slip(&p).map(|at| p[at].0.clone())
    }

    #[test]
    fn slips_no_rule_mends_are_found() {
        for (s, at) in [
            ("nobody is answer you", "is"),
            ("you want know where your money is", "want"),
            ("the shoes still not arrive", "still"),
            ("you are order the shoes 3 weeks ago", "are"),
            ("you did it the last two times us told you", "us"),
            ("your parcel is late and nobody answer you", "nobody"),
            ("you waiting for days", "you"),
            (
                "you want to know when your refund reach your account will",
                "will",
            ),
            ("you are write because your flight is cancel", "are"),
            ("your flight to Madrid is cancel", "is"),
            ("you need to know if is possible to fly today", "if"),
            ("your mother is waiting you", "waiting"),
            ("nobody can say me what you must to do", "say"),
            ("you want to know what you must to do", "must"),
            ("you are already pay everything", "are"),
            ("you are very worry", "are"),
            ("your landlord say he will start", "landlord"),
            ("if you don't pay on the 10th he start the procedure", "he"),
            ("now we want more money for finish our own job", "for"),
            ("you are very disappoint", "are"),
            ("please i have 2 child , i need to pay", "2"),
            ("i need pay rent friday", "need"),
            ("i try pay the rent and not work", "try"),
            ("i not do nothing unusual", "i"),
            ("i want change to size M", "want"),
            ("you send me size S , is too small", ","),
            ("i want refund for the shoes", "want"),
        ] {
            assert_eq!(slip(s).as_deref(), Some(at), "{s}");
        }
    }

    #[test]
    fn well_formed_clauses_have_no_slip() {
        for s in [
            "the shop is open on Sundays",
            "it is like a maze",
            "they didn't make it work",
            "nobody answers you",
            "you need help with the form",
            "we kept you waiting for days",
            "you want to know where your money is",
            "your parcel is still not arriving",
            "we said it will",
            "you want to know where your refund is",
            "you want to know if it is possible",
            "you must do it today",
            "you were waiting for us",
            "we said you would get it",
            "you have been waiting to hear from us",
            "you are already paid up",
            "you are very worried",
            "does he start on Monday",
            "the police say it was stolen",
            "my landlord says he will start on Monday",
            "the work order was lost",
            "you asked for help with the form",
            "you paid for finishing the job",
            "we need 2 child seats in the car",
            "i tried to pay the rent",
            "i need to pay by friday",
            "i try and pay on time",
            "i want to change to size M",
            "the jacket , which is too small , goes back today",
            "you need a refund for the shoes",
        ] {
            assert_eq!(slip(s), None, "{s}");
        }
    }
}
