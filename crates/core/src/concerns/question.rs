//! Turns a client's question into what they want to know, so it can be said back inside a
//! sentence: "where is your refund?" -> "you want to know where your refund is", "did we get
//! your email?" -> "you want to know whether we got your email".

use super::clause;
use super::grammar::{Pieces, past_form};

/// The statement for a question already in the agent's voice, when its shape is one we know.
pub(super) fn as_statement(pieces: &Pieces) -> Option<Pieces> {
    // Pieces written together stay together ("$" "40" is "$40").
    let mut joined: Vec<String> = Vec::new();
    for (w, space) in pieces {
        match joined.last_mut() {
            Some(last) if !space => last.push_str(w),
            _ => joined.push(w.clone()),
        }
    }
    let words: Vec<String> = joined.iter().map(|w| w.to_lowercase()).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    if words
        .iter()
        .any(|w| w.starts_with(['"', '\'', '“', '”', '‘', '’', '(', ')']))
    {
        return None;
    }
    let (asked, rest) = match words.as_slice() {
        ["how", "come", rest @ ..] => (vec!["why"], rest),
        [
            "how",
            "long" | "much" | "many" | "often" | "soon" | "hard" | "far" | "bad",
            rest @ ..,
        ] => (words[..2].to_vec(), rest),
        ["since", "when", rest @ ..] => (words[..2].to_vec(), rest),
        [wh, rest @ ..] if WH.contains(wh) => (vec![*wh], rest),
        [aux, ..] if AUX.contains(aux) || DO.contains(aux) => (vec!["whether"], &words[..]),
        _ => return None,
    };
    // "how come" asks without inverting: "how come nobody called".
    let said = if words.starts_with(&["how", "come"]) {
        rest.iter().map(|w| w.to_string()).collect()
    } else {
        unasked(rest)?
    };
    let mut out: Vec<String> = ["you", "want", "to", "know"]
        .iter()
        .chain(&asked)
        .map(|w| w.to_string())
        .collect();
    out.extend(said);
    // Names keep their capitals.
    let capital: Vec<String> = joined
        .into_iter()
        .skip(1)
        .filter(|w| w.starts_with(char::is_uppercase))
        .collect();
    Some(
        out.into_iter()
            .map(|w| {
                let named = capital.iter().find(|c| c.to_lowercase() == w);
                (named.cloned().unwrap_or(w), true)
            })
            .collect(),
    )
}

/// A question that only scolds or scorns ("what is the point of you lot?", "how hard can it
/// be?", "is that too much to ask?"): there is nothing in it to find out.
pub(super) fn rhetorical(pieces: &Pieces) -> bool {
    // Scorn is short; a long question asks something, and reading it whole for every word of a
    // clause would cost its length again.
    if pieces.len() > 30 {
        return false;
    }
    let text = pieces
        .iter()
        .map(|(w, _)| w.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    scorns(&text)
}

/// Whether `text` (a question) holds a phrase that only scorns ("what is the point of paying
/// for express delivery?"): it asks nothing to answer, so no reply closes on it.
pub(crate) fn scorns(text: &str) -> bool {
    const SCORN: &[&str] = &[
        "what is the point",
        "what's the point",
        "whats the point",
        "why do i bother",
        "why should i bother",
        "why would i bother",
        "how hard can",
        "how hard is it",
        "how difficult can",
        "how difficult is it",
        "too much to ask",
        "who do you think",
        "what do you expect",
        "what is wrong with you",
        "what's wrong with you",
        "whats wrong with you",
        // The same once said from the agent's side.
        "what is wrong with us",
        "what's wrong with us",
        "whats wrong with us",
        "are you for real",
        "do you think i'm",
        "do you think i am",
        "do i look like",
        "do you take me for",
        "any idea what",
        "any idea how",
        "do you even know",
        "have you ever",
    ];
    let text = text.to_lowercase().replace('’', "'");
    SCORN.iter().any(|s| text.contains(s))
}

pub(super) const DETERMINERS: &[&str] = &[
    "your", "our", "my", "the", "a", "an", "this", "that", "these", "those", "their", "his", "her",
    "any", "no",
];

/// A question written without its question mark ("WHERE IS MY REFUND").
pub(super) fn looks_like(pieces: &Pieces) -> bool {
    let word = |i: usize| {
        pieces
            .get(i)
            .map(|(w, _)| w.to_lowercase())
            .unwrap_or_default()
    };
    // "which is great" opens a relative clause as often as a question.
    WH.contains(&word(0).as_str())
        && word(0) != "which"
        && (AUX.contains(&word(1).as_str()) || DO.contains(&word(1).as_str()))
}

const WH: &[&str] = &["why", "where", "when", "what", "who", "which", "how"];

#[rustfmt::skip]
const AUX: &[&str] = &[
    "is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
    "isn't", "aren't", "wasn't", "weren't", "hasn't", "haven't", "won't", "can't",
];

const DO: &[&str] = &["do", "does", "did", "don't", "doesn't", "didn't"];

/// The words after the question word in statement order: "is your refund" -> "your refund is".
fn unasked(rest: &[&str]) -> Option<Vec<String>> {
    let (aux, after) = rest.split_first()?;
    let subject_end = subject_end(after);
    // "what is going on", "who approved this": the question word is the subject. Other
    // words after "when" or "how" make it no question at all ("when I try to log in ...").
    let inverted = AUX.contains(aux) || DO.contains(aux);
    if !inverted && !clause::is_verb(rest, 0, aux) {
        return None;
    }
    if subject_end == 0 || !inverted {
        return Some(rest.iter().map(|w| w.to_string()).collect());
    }
    let subject = &after[..subject_end];
    let tail = &after[subject_end..];
    let mut out: Vec<String> = subject.iter().map(|w| w.to_string()).collect();
    match *aux {
        "do" | "does" | "did" => {
            let (verb, tail) = tail.split_first()?;
            out.push(match *aux {
                "did" => past_form(verb),
                "does" => format!("{verb}s"),
                _ => verb.to_string(),
            });
            out.extend(tail.iter().map(|w| w.to_string()));
        }
        _ => {
            out.push(aux.to_string());
            out.extend(tail.iter().map(|w| w.to_string()));
        }
    }
    Some(out)
}

/// How many words the subject after an inverted verb takes: one pronoun, or a short noun
/// phrase up to its verb or preposition; 0 when a verb comes first.
fn subject_end(after: &[&str]) -> usize {
    #[rustfmt::skip]
    const PRONOUNS: &[&str] = &[
        "you", "we", "it", "they", "he", "she", "this", "that", "there", "anyone", "someone", "nobody",
    ];
    match after.first() {
        None => 0,
        // "you all", "we both".
        // "this jumper": a determiner, not the subject on its own.
        Some(&("this" | "that"))
            if after.get(1).is_some_and(|n| {
                !clause::is_verb(after, 1, n) && !n.ends_with("ing") && !is_participle(n)
            }) =>
        {
            noun_phrase_end(after, true)
        }
        Some(w) if PRONOUNS.contains(w) => {
            1 + usize::from(matches!(
                after.get(1),
                Some(&("all" | "both" | "guys" | "two"))
            ))
        }
        Some(w) if clause::is_verb(after, 0, w) || w.ends_with("ing") => 0,
        // "your refund", "the new router": the noun after a determiner is not the verb.
        Some(w) => noun_phrase_end(after, DETERMINERS.contains(w)),
    }
}

/// Where a noun phrase at the start of `after` ends: at the next verb or preposition.
fn noun_phrase_end(after: &[&str], det: bool) -> usize {
    #[rustfmt::skip]
    const ENDS: &[&str] = &[
        "for", "from", "on", "in", "with", "about", "by", "at", "still", "not", "ever", "even",
        "yet", "now", "so", "being", "been", "going", "really", "actually",
    ];
    (1 + usize::from(det)..after.len().min(8))
        .find(|&i| {
            let w = after[i];
            ENDS.contains(&w)
                || clause::is_verb(after, i, w)
                || (w.ends_with("ing") && w.len() > 4)
                || is_participle(w)
        })
        // "is intimidation your policy": without a verb, a bare noun is the subject.
        .unwrap_or(if det { after.len().min(8) } else { 1 })
}

/// A past participle that follows the subject of a passive question ("where was that written
/// down", "when was the form sent"): the common irregular ones, and "-ed" words.
fn is_participle(w: &str) -> bool {
    #[rustfmt::skip]
    const IRREGULAR: &[&str] = &[
        "written", "done", "sent", "gone", "made", "given", "taken", "seen", "told", "paid",
        "said", "put", "left", "lost", "kept", "bought", "brought", "found", "known", "shown",
        "broken", "chosen", "spent", "built", "set", "cut", "hit", "shut", "sold", "held",
    ];
    IRREGULAR.contains(&w) || (w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(s: &str) -> Option<String> {
        let p: Pieces = s.split(' ').map(|w| (w.to_string(), true)).collect();
        as_statement(&p).map(|p| {
            p.iter()
                .map(|(w, _)| w.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
    }

    #[test]
    fn questions_that_only_scorn_are_no_points() {
        for q in [
            "honestly what is the point of you lot",
            "How hard can it be to send one email?",
            "Is that too much to ask?",
            "what is wrong with us people",
        ] {
            let pieces: Pieces = q.split(' ').map(|w| (w.to_string(), true)).collect();
            assert!(rhetorical(&pieces), "{q}");
        }
        let plain: Pieces = "what is the postcode for returns"
            .split(' ')
            .map(|w| (w.to_string(), true))
            .collect();
        assert!(!rhetorical(&plain));
    }

    #[test]
    fn questions_become_what_the_client_wants_to_know() {
        let cases = [
            (
                "where is your refund",
                "you want to know where your refund is",
            ),
            (
                "why were you charged twice",
                "you want to know why you were charged twice",
            ),
            (
                "when will your order arrive",
                "you want to know when your order will arrive",
            ),
            (
                "why did we cancel your flight",
                "you want to know why we cancelled your flight",
            ),
            (
                "did we get your email",
                "you want to know whether we got your email",
            ),
            (
                "is there any update",
                "you want to know whether there is any update",
            ),
            (
                "what is going on with your order",
                "you want to know what is going on with your order",
            ),
            (
                "how long does it take",
                "you want to know how long it takes",
            ),
            (
                "how come nobody called",
                "you want to know why nobody called",
            ),
            ("who approved this", "you want to know who approved this"),
            (
                "where was that written down",
                "you want to know where that was written down",
            ),
            (
                "when was the parcel collected",
                "you want to know when the parcel was collected",
            ),
        ];
        for (q, want) in cases {
            assert_eq!(said(q).as_deref(), Some(want), "{q}");
        }
        assert_eq!(said("really"), None);
    }
}
