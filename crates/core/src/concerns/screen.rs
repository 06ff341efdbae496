//! What of a clause may be said back to the client.
//!
//! A paraphrase shows the client their point landed; handing back their threat, a slur, a
//! sexual remark, sarcastic praise or a rhetorical jab would read as the agent agreeing with it
//! or mocking them. The signals already mark those spans: the part of the clause they sit in
//! (between commas, "and", "or", "if" ...) is left out, and sarcasm and blame lose just their own
//! words ("wonderful service as always, 3 hours on hold" keeps "3 hours on hold").

use std::borrow::Cow;

use crate::text::Token;
use crate::types::{Signal, SignalKind};

/// A clause holding more of the client's own marked words than this is abuse through and
/// through: nothing of it is said back (and screening a flood of disguised insults stays cheap).
const MOST_SIGNALS: usize = 24;

/// The clause without what must never be said back; borrowed when nothing was taken out.
pub(super) fn sayable<'t>(clause: &'t [Token], signals: &[Signal]) -> Cow<'t, [Token]> {
    let (Some(first), Some(last)) = (clause.first(), clause.last()) else {
        return Cow::Borrowed(clause);
    };
    let signals: Vec<&Signal> = signals
        .iter()
        .filter(|s| !s.quoted && s.start < last.end && first.start < s.end)
        .collect();
    if signals.len() > MOST_SIGNALS || despair(clause) || only_a_code(clause) {
        return Cow::Owned(Vec::new());
    }
    let inside = |t: &Token, s: &Signal| t.start < s.end && s.start < t.end;
    let unsayable_part: Vec<bool> = parts(clause)
        .into_iter()
        .flat_map(|part| {
            let drop = about_origin(part)
                || own_fault_or_plea(part)
                || bad_faith(part)
                || jab(part)
                || signals
                    .iter()
                    .any(|s| part.iter().any(|t| inside(t, s)) && unsayable(s, part));
            std::iter::repeat_n(drop, part.len())
        })
        .collect();
    let word_out = |t: &Token| {
        signals
            .iter()
            .any(|s| inside(t, s) && loses_its_words(s, clause))
    };
    if !unsayable_part.iter().any(|d| *d) && !clause.iter().any(word_out) {
        return Cow::Borrowed(clause);
    }
    let mut trailing = false;
    let kept = clause
        .iter()
        .zip(&unsayable_part)
        .filter(|(t, dropped)| {
            if **dropped || word_out(t) {
                trailing = true;
                return false;
            }
            // "as always" or a comma trailing what was left out goes with it.
            trailing &= matches!(t.norm.as_str(), "as" | "always" | "usual" | "ever" | ",");
            !trailing
        })
        .map(|(t, _)| t.clone());
    Cow::Owned(without_dangling_joints(kept.collect()))
}

/// Whether the part of a clause that holds `signal` must go whole.
fn unsayable(signal: &Signal, part: &[Token]) -> bool {
    match signal.kind {
        SignalKind::Slur | SignalKind::Threat | SignalKind::Harassment => true,
        // "are you actually this stupid" without "stupid" is no point of theirs: the jab goes
        // whole.
        SignalKind::Insult | SignalKind::Profanity => signal.targeted,
        // "I want to cancel my contract" is a need; "I'll cancel and go elsewhere" a threat.
        SignalKind::EscalationThreat => !states_a_need(part),
        _ => false,
    }
}

/// Signals whose own words go, leaving the rest of their clause: sarcastic praise, and blame
/// that is not a "you did X" a paraphrase can restate ("because of your incompetence").
fn loses_its_words(signal: &Signal, clause: &[Token]) -> bool {
    match signal.kind {
        SignalKind::Sarcasm => !signal.quoted,
        // "you sent me the wrong size" is restated, subject and all.
        SignalKind::Blame => {
            let at = clause.partition_point(|t| t.start < signal.start);
            let you =
                |t: &Token| matches!(t.norm.as_str(), "you" | "u" | "they" | "y'all" | "yall");
            !(clause.get(at).is_some_and(you) || at.checked_sub(1).is_some_and(|b| you(&clause[b])))
        }
        _ => false,
    }
}

/// A demand about where the agent is from or how they speak ("someone who speaks proper
/// English", "where are you from"): said back, it would endorse it.
fn about_origin(part: &[Token]) -> bool {
    #[rustfmt::skip]
    const ORIGIN: &[&str] = &[
        "accent", "accents", "foreigner", "foreigners", "foreign", "overseas", "offshore",
        "offshored", "outsourced",
    ];
    #[rustfmt::skip]
    const LANGUAGE: &[&str] = &["english", "american", "british", "native", "local"];
    #[rustfmt::skip]
    const SPEAKER: &[&str] = &[
        "speak", "speaks", "speaking", "someone", "somebody", "person", "proper", "real", "talk",
        "understand", "here",
    ];
    let has = |list: &[&str]| part.iter().any(|t| list.contains(&t.norm.as_str()));
    let words = words_of(part);
    let where_from = words.windows(4).any(|w| {
        w[0] == "where"
            && matches!(w[1], "are" | "r")
            && matches!(w[2], "you" | "u")
            && w[3] == "from"
    });
    let someone_here =
        has(&["country"]) && has(&["someone", "somebody", "person", "people", "agent", "speak"]);
    has(ORIGIN) || (has(LANGUAGE) && has(SPEAKER)) || someone_here || where_from
}

/// The client blaming themselves ("I should have ordered earlier", "my own fault") or pleading
/// ("I'm begging you"): said back, the first reads as the agent agreeing it was their fault,
/// the second as mocking their plea.
fn own_fault_or_plea(part: &[Token]) -> bool {
    let words = words_of(part);
    let own = words.windows(3).any(|w| {
        matches!(w[0], "i" | "we")
            && (matches!(w[1], "should" | "shouldn't" | "could" | "forgot")
                && matches!(w[2], "have" | "to" | "about" | "'ve"))
    }) || words.windows(2).any(|w| {
        matches!(w[0], "my" | "our") && matches!(w[1], "fault" | "mistake" | "bad" | "own")
            || matches!(w[0], "i" | "we") && matches!(w[1], "should've" | "forgot")
    });
    let plea = words
        .iter()
        .any(|w| matches!(*w, "begging" | "beg" | "pleading" | "plead"));
    own || plea
}

/// A reference, postcode or number given in answer to the agent ("It's LS6 2QT", "my order
/// number is 55102"): nothing to say back.
fn only_a_code(clause: &[Token]) -> bool {
    #[rustfmt::skip]
    const AROUND: &[&str] = &[
        "it's", "it", "is", "its", "that's", "that", "my", "our", "the", "postcode", "post",
        "code", "reference", "ref", "number", "no", "order", "account", "booking", "here", "yes",
        "sure", "ok", "okay",
    ];
    let words = words_of(clause);
    let code = |w: &&str| w.chars().any(|c| c.is_ascii_digit());
    words.len() <= 6
        && words.iter().any(code)
        && words.iter().all(|w| code(w) || AROUND.contains(w))
}

/// Despair about going on ("I can't do this anymore", "easier for everyone if I wasn't here",
/// "better off without me"), anywhere in the clause: it is met with care and a crisis line,
/// never said back as a point to check ("you can't do this anymore. Did I get that right?").
fn despair(clause: &[Token]) -> bool {
    let words = words_of(clause);
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let not_there = has(&["wasn't", "weren't"])
        || words
            .windows(2)
            .any(|w| matches!(w[0], "was" | "were") && w[1] == "not");
    let gone = has(&["i"]) && not_there && has(&["here", "around", "alive"]);
    let without_me = words.windows(2).any(|w| w == ["without", "me"]);
    let cannot_go_on = has(&["can't", "cannot", "cant"])
        && has(&["do", "take", "cope", "go"])
        && (has(&["anymore"]) || words.windows(2).any(|w| w == ["any", "more"]));
    gone || without_me || cannot_go_on
}

/// An accusation of bad faith that no restating turns into a need ("you just take our money and
/// make up excuses", "sitting on your fat salaries", "you'd never let your own kids live like
/// this"): said back, it reads as the agent admitting it. (Theft and lies have their own
/// restating: "you stole my money" becomes wanting it back.)
fn bad_faith(part: &[Token]) -> bool {
    #[rustfmt::skip]
    const WORDS: &[&str] = &[
        "excuses", "excuse", "cowboys", "salary", "salaries", "pocket", "pockets", "swindle",
        "swindling", "scamming", "thieving", "thief", "thieves", "crooked", "crooks", "robbing",
        "robbers", "fraudsters", "conning", "stealing",
    ];
    let words = words_of(part);
    words.iter().any(|w| WORDS.contains(w))
        || words.windows(2).any(|w| {
            matches!(w[0], "take" | "takes" | "taking" | "took")
                && matches!(w[1], "our" | "my" | "people's" | "peoples" | "the")
                && part.iter().any(|t| t.norm == "money")
        })
        || words
            .windows(3)
            .any(|w| w == ["don't", "even", "care"] || w == ["couldn't", "care", "less"])
        // "you would not let your own kids live like this": a charge of callousness.
        || words.windows(3).any(|w| {
            w[0] == "your"
                && w[1] == "own"
                && matches!(w[2], "kids" | "children" | "family" | "mother" | "mum" | "dad" | "parents" | "kid" | "child")
        })
}

/// A jab at the reader's wits, age or job, or a pet name thrown at them ("how did you even get
/// this job", "someone with a working brain", "is it an act", "stop whining", "you sound
/// twelve", "sweetheart"): said back, it reads as the agent repeating the insult or taking the
/// pet name (rounds DL, DP).
fn jab(part: &[Token]) -> bool {
    #[rustfmt::skip]
    const NAMES: &[&str] = &[
        "sweetheart", "sweetie", "darling", "honey", "hun", "babe", "princess", "pal", "buddy",
        "sunshine", "whining", "whinging", "twelve",
    ];
    #[rustfmt::skip]
    const JABS: &[&[&str]] = &[
        &["get", "this", "job"], &["got", "this", "job"], &["get", "that", "job"],
        &["get", "your", "job"], &["got", "your", "job"], &["do", "your", "job"],
        &["doing", "your", "job"], &["who", "hired"],
        &["working", "brain"], &["with", "a", "brain"], &["half", "a", "brain"], &["brain", "cell"], &["brain", "cells"],
        &["an", "act"], &["rocket", "science"], &["common", "sense"],
    ];
    let words = words_of(part);
    words.iter().any(|w| NAMES.contains(w))
        || JABS
            .iter()
            .any(|jab| words.windows(jab.len()).any(|w| w == *jab))
}

/// The words of `part`, lower-case, without punctuation.
fn words_of(part: &[Token]) -> Vec<&str> {
    part.iter()
        .filter(|t| t.is_word())
        .map(|t| t.norm.as_str())
        .collect()
}

/// A plain request with no condition attached.
fn states_a_need(part: &[Token]) -> bool {
    let has = |w: &[&str]| part.iter().any(|t| w.contains(&t.norm.as_str()));
    has(&["want", "need", "like", "please", "wish"])
        && !has(&[
            "if",
            "unless",
            "otherwise",
            "else",
            "or",
            "never",
            "elsewhere",
        ])
}

/// Words that join the parts of a clause.
fn is_joint(t: &Token) -> bool {
    #[rustfmt::skip]
    const JOINTS: &[&str] = &[
        ",", ";", ":", "-", "—", "–", "and", "but", "or", "so", "because", "cause", "cuz", "otherwise",
        "unless", "if", "else", "then", "plus",
    ];
    JOINTS.contains(&t.norm.as_str())
}

/// The clause cut before each joint; each part starts with its joint.
fn parts(clause: &[Token]) -> Vec<&[Token]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, t) in clause.iter().enumerate() {
        // "or else", "and if": one joint of two words.
        if i > start && is_joint(t) && !is_joint(&clause[i - 1]) {
            out.push(&clause[start..i]);
            start = i;
        }
    }
    out.push(&clause[start..]);
    out
}

/// Joints left at the edges once a part is gone ("and" at the start, "or" at the end).
fn without_dangling_joints(mut kept: Vec<Token>) -> Vec<Token> {
    while kept.last().is_some_and(is_joint) {
        kept.pop();
    }
    let lead = kept.iter().take_while(|t| is_joint(t)).count();
    kept.drain(..lead);
    kept
}
