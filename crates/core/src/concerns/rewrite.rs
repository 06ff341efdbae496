//! Rewrites one clause of the client's into a short statement from the agent's point of view:
//! pronouns flipped, requests phrased as "you want us to ...", profanity and insults left out,
//! shouted words lower-cased, greetings and filler dropped, at most [`MAX_WORDS`] words.

use super::builder::Builder;
use super::pronouns;
use super::restate::{self, Opening};
use super::tags::{is_tag_or_link, names_subject};
use super::words::{
    ACCUSATIONS, ACCUSING_NAMES, CHAT_NOISE, DEROGATORY, FUNCTION_WORDS, PROFANE_VERBS, SHOUTED,
};
use crate::lexicon;
use crate::text::{Token, TokenKind};

/// Longest statement in words of the client's (a "you want us to" prefix is not counted);
/// longer ones end at the last joint that fits, or are left out.
pub(super) const MAX_WORDS: usize = 18;

/// The statement for the clause made of `tokens`, or `None` when nothing of substance is left
/// (a greeting, a sign-off, a pure insult).
pub(super) fn statement(text: &str, tokens: &[Token]) -> Option<String> {
    let question = tokens
        .iter()
        .any(|t| t.kind == TokenKind::Punct && t.norm.contains('?'));
    // "..., or is it X?" offers another answer to the question before it, often a jab: it is
    // no question of its own.
    let alternative = tokens
        .iter()
        .find(|t| t.is_word())
        .is_some_and(|t| t.norm == "or");
    if question && alternative {
        return None;
    }
    let shouted = is_shouted(tokens);
    let tokens = strip_edges(text, tokens);
    let (prefix, mut rest) = request_prefix(tokens, question);
    while let Some((_, after)) = rest
        .split_first()
        .filter(|(f, _)| prefix.is_some() && matches!(f.norm.as_str(), "just" | "kindly"))
    {
        rest = after;
    }
    let mut out = Builder::new(text);
    let mut i = 0;
    let mut prev: Option<&str> = None;
    let mut after_i = false;
    if prefix.is_none() {
        let opening = restate::opening(text, rest).or_else(|| restate::accusation(text, rest));
        match opening {
            Some(Opening::Unsayable) => return None,
            Some(Opening::Words(words, used)) => {
                i = used.min(rest.len());
                out.words(words, rest.get(i.max(1) - 1));
            }
            None => {}
        }
    }
    // Inside quotes the client repeats someone's words ("another 'we are looking into it'
    // email"): those keep their pronouns.
    let mut quoting = false;
    // Handles before and after the point address someone; inside it they name them.
    let said = |t: &&Token| !is_tag_or_link(text, t) && t.kind != TokenKind::Punct;
    let first_said = if rest
        .first()
        .is_some_and(|t| names_subject(text, t, &rest[1..]))
    {
        0
    } else {
        rest.iter().position(|t| said(&t)).unwrap_or(rest.len())
    };
    let last_said = rest.iter().rposition(|t| said(&t)).unwrap_or(0);
    while let Some(t) = rest.get(i) {
        i += 1;
        match t.kind {
            TokenKind::Punct if t.norm.starts_with('!') || is_tag_or_link(text, t) => {}
            TokenKind::Punct => {
                quoting ^= is_quote(&t.norm);
                out.punct(t);
            }
            // A currency sign stays with its amount ("£89.99").
            TokenKind::Symbol if rest.get(i).is_some_and(|n| n.start == t.end) => {
                out.token(t, text[t.start..t.end].to_string());
            }
            TokenKind::Symbol => {}
            // "#55123": the sign the tokens leave out belongs to the number.
            TokenKind::Number if text[..t.start].ends_with('#') => {
                out.token(t, format!("#{}", t.norm));
            }
            TokenKind::Number => out.token(t, t.norm.clone()),
            // Handles, hashtags and links address or tag, they say nothing.
            TokenKind::Word if is_tag_or_link(text, t) => {
                // Inside the point a handle or hashtag names something ("at #SXSW").
                let named = (first_said..last_said).contains(&(i - 1));
                if named && text[..t.start].ends_with(['@', '#']) {
                    // The whole handle, "RISE_Austin", once.
                    let name = &text[t.start..];
                    let len = name
                        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .unwrap_or(name.len());
                    out.token(t, name[..len].to_string());
                }
            }
            TokenKind::Word => {
                let norm = t.norm.as_str();
                let next_word = rest.get(i).filter(|n| n.is_word()).map(|n| n.norm.as_str());
                // The word itself first: what reads the clause so far costs time in its length.
                let judged = || {
                    let harsh = lexicon::valence(norm).is_some_and(|v| v <= -1.5);
                    (ACCUSATIONS.contains(&norm) || harsh)
                        && out.after_copula()
                        && (ACCUSATIONS.contains(&norm) || out.describes_us())
                };
                if is_offensive(norm) || judged() {
                    out.drop_offensive(norm, next_word.is_none_or(|w| !is_offensive(w)));
                    // "f*ck you", "screw this": the word it was aimed at goes too.
                    let aimed = next_word.is_some_and(|w| {
                        matches!(
                            w,
                            "you" | "u" | "ya" | "off" | "them" | "this" | "that" | "it"
                        )
                    });
                    i += usize::from(PROFANE_VERBS.contains(&norm) && aimed);
                } else if matches!(norm, "please" | "pls" | "plz") || CHAT_NOISE.contains(&norm) {
                    // Politeness and chat noise carry no point of their own.
                } else if norm == "us" && &text[t.start..t.end] == "US" && !shouted {
                    // The country, not the client.
                    out.token(t, "US".to_string());
                } else if quoting {
                    out.token(t, written(text, t, shouted));
                } else if matches!(norm, "you" | "u" | "ya" | "y'all" | "yall") {
                    let insults = insult_nouns_after(&rest[i..]);
                    i += insults;
                    if insults == 0 || prev.is_none() {
                        out.token(t, pronouns::flip_you(prev, next_word).to_string());
                    }
                    i += usize::from(
                        next_word.is_some_and(|w| matches!(w, "guys" | "people" | "lot" | "folks")),
                    );
                } else if let Some(flipped) = pronouns::flip(norm) {
                    let insults = insult_nouns_after(&rest[i..]);
                    if norm == "your" && insults > 0 {
                        i += insults;
                        // "fix your sh*t" asks to fix it; "your idiots lost it" names us.
                        let words = [prev.unwrap_or_default()];
                        let object = prev.is_some_and(|p| super::clause::is_verb(&words, 0, p));
                        out.token(t, if object { "it" } else { "we" }.to_string());
                    } else {
                        if norm == "i" {
                            out.agree_previous();
                        }
                        out.token(t, flipped.to_string());
                    }
                } else if let Some(verb) = after_i.then(|| pronouns::agree_with_you(norm)).flatten()
                {
                    out.token(t, verb.to_string());
                } else {
                    out.token(t, written(text, t, shouted));
                }
                after_i = norm == "i";
                prev = Some(norm);
            }
        }
    }
    out.finish(prefix, question)
}

fn is_quote(punct: &str) -> bool {
    matches!(punct, "\"" | "'" | "“" | "”" | "‘" | "’")
}

/// An accusation of lying, cheating or stealing.
pub(super) fn accuses(norm: &str) -> bool {
    ACCUSING_NAMES.contains(&norm) || ACCUSATIONS.contains(&norm)
}

pub(super) fn is_offensive(norm: &str) -> bool {
    lexicon::offensive_class(norm).is_some()
        || DEROGATORY.contains(&norm)
        || ACCUSING_NAMES.contains(&norm)
}

/// The word as the client wrote it, lower-cased when shouted. In a clause that is not shouted
/// as a whole, short unknown words in capitals are taken for acronyms ("SIM") and stay.
fn written(text: &str, t: &Token, clause_shouted: bool) -> String {
    let raw = &text[t.start..t.end];
    if !clause_shouted && !t.caps {
        return raw.to_string();
    }
    let words = [t.norm.as_str()];
    let acronym = lexicon::is_acronym(&t.norm)
        || raw.contains(|c: char| c.is_ascii_digit())
        || (raw.chars().count() <= 4
            && !lexicon::is_known(&t.norm)
            && !FUNCTION_WORDS.contains(&t.norm.as_str())
            && !super::clause::is_verb(&words, 0, &t.norm)
            && !SHOUTED.contains(&t.norm.as_str()));
    if clause_shouted || (t.caps && !acronym) {
        raw.to_lowercase()
    } else {
        raw.to_string()
    }
}

/// Most words of two letters or more are in capitals.
fn is_shouted(tokens: &[Token]) -> bool {
    let long: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.is_word() && t.norm.chars().count() >= 2)
        .collect();
    long.len() >= 2 && long.iter().filter(|t| t.caps).count() * 5 >= long.len() * 3
}

/// How many offensive words follow "your" when they stand for people ("your useless idiots"), so
/// that "your" means "you"; zero when they describe a thing ("your stupid app").
fn insult_nouns_after(rest: &[Token]) -> usize {
    #[rustfmt::skip]
    const ADJECTIVES: &[&str] = &[
        "stupid", "dumb", "useless", "worthless", "pathetic", "incompetent", "clueless", "brainless",
        "ignorant", "idiotic", "moronic", "crappy", "shitty", "bloody", "damn", "fucking", "freaking",
        "effing", "goddamn",
    ];
    let n = rest
        .iter()
        .take_while(|t| t.is_word() && is_offensive(&t.norm))
        .count();
    match n.checked_sub(1).map(|last| rest[last].norm.as_str()) {
        Some(last) if !ADJECTIVES.contains(&last) => n,
        _ => 0,
    }
}

fn is_capitalised(text: &str, t: &Token) -> bool {
    t.is_word() && text[t.start..t.end].starts_with(char::is_uppercase)
}

/// The clause without leading greetings, filler and punctuation, and without trailing thanks,
/// "please" and punctuation.
fn strip_edges<'t>(text: &str, mut t: &'t [Token]) -> &'t [Token] {
    #[rustfmt::skip]
    const LEADING: &[&str] = &[
        "so", "well", "ok", "okay", "look", "listen", "honestly", "seriously", "basically", "anyway",
        "also", "and", "but", "um", "uh", "oh", "yes", "yeah", "just", "hi", "hello", "hey", "dear",
        "sorry", "nope", "nah", "yep", "yup", "or", "yo",
    ];
    #[rustfmt::skip]
    const TRAILING: &[&str] = &[
        "please", "pls", "plz", "thanks", "thx", "ty", "cheers",
    ];
    loop {
        match t.split_first() {
            Some((first, rest)) if !first.is_word() && first.kind != TokenKind::Number => t = rest,
            Some((first, rest)) if CHAT_NOISE.contains(&first.norm.as_str()) => t = rest,
            Some((first, rest))
                if is_tag_or_link(text, first) && !names_subject(text, first, rest) =>
            {
                t = rest
            }
            // "No, it still crashes": an answer, not part of the point.
            Some((first, rest))
                if first.norm == "no" && rest.first().is_some_and(|n| n.norm == ",") =>
            {
                t = rest
            }
            Some((first, rest)) if LEADING.contains(&first.norm.as_str()) => {
                let greeting = matches!(first.norm.as_str(), "hi" | "hello" | "hey" | "dear");
                // "Hello Mr. Smith," : the name up to the comma goes with the greeting.
                let comma = rest.iter().take(6).position(|x| x.norm == ",");
                let comma = comma.filter(|&c| {
                    rest[..c]
                        .iter()
                        .all(|x| x.norm == "." || is_capitalised(text, x))
                });
                t = match comma {
                    Some(c) if greeting => &rest[c + 1..],
                    _ => rest,
                };
            }
            _ => break,
        }
    }
    loop {
        match t.split_last() {
            // A closing quote stays when its opening quote does.
            Some((last, rest))
                if is_quote(&last.norm) && rest.iter().any(|x| is_quote(&x.norm)) =>
            {
                break;
            }
            Some((last, rest)) if !last.is_word() && last.kind != TokenKind::Number => t = rest,
            Some((last, rest)) if is_tag_or_link(text, last) => t = rest,
            Some((last, rest)) if TRAILING.contains(&last.norm.as_str()) => t = rest,
            Some((last, rest))
                if last.norm == "you" && rest.last().is_some_and(|p| p.norm == "thank") =>
            {
                t = &rest[..rest.len() - 1];
            }
            _ => break,
        }
    }
    t
}

/// A request phrased as a question or an order becomes "you want (us) to ...": the prefix and
/// the tokens that follow it.
fn request_prefix(t: &[Token], question: bool) -> (Option<&'static str>, &[Token]) {
    #[rustfmt::skip]
    const IMPERATIVES: &[&str] = &[
        "fix", "refund", "send", "give", "cancel", "call", "stop", "tell", "explain", "help", "sort",
        "update", "change", "check", "confirm", "return", "replace", "reply", "respond", "answer",
        "contact", "email", "process", "escalate", "remove", "delete", "reset", "reverse", "credit",
        "transfer", "connect", "let", "get", "put", "issue", "deliver", "ship", "close", "reopen",
        "unlock", "restore", "honour", "honor", "compensate", "pay", "clarify", "arrange", "book", "move",
        "resend", "provide", "show",
    ];
    let norm = |i: usize| t.get(i).map_or("", |x| x.norm.as_str());
    let skip_please = |i: usize| {
        if matches!(norm(i), "please" | "pls") {
            i + 1
        } else {
            i
        }
    };
    // "Please don't cut me off", "don't charge me again": what they want us not to do.
    let opens = skip_please(0);
    let pleads = opens > 0;
    let verb = match (norm(opens), norm(opens + 1)) {
        ("don't" | "dont", _) => opens + 1,
        ("do", "not") => opens + 2,
        _ => 0,
    };
    let stop = |v: &str| {
        IMPERATIVES.contains(&v) || matches!(v, "cut" | "disconnect" | "leave" | "charge" | "bill")
    };
    if !question && verb > 0 && verb < t.len() && (pleads || stop(norm(verb))) {
        return (Some("you want us not to"), &t[verb..]);
    }
    match (norm(0), norm(1)) {
        // "Please can you ...": the question carries the request.
        ("please" | "pls" | "plz", "can" | "could" | "would" | "will" | "may") => {
            request_prefix(&t[1..], question)
        }
        ("please" | "pls" | "plz", next)
            if !matches!(next, "i" | "we" | "my" | "our" | "," | "") =>
        {
            (Some("you want us to"), &t[1..])
        }
        ("can" | "could" | "would" | "will", "you" | "u") => {
            (Some("you want us to"), &t[skip_please(2).min(t.len())..])
        }
        ("can" | "could" | "may", "i" | "we") => {
            (Some("you want to"), &t[skip_please(2).min(t.len())..])
        }
        (first, _) if !question && IMPERATIVES.contains(&first) => (Some("you want us to"), t),
        _ => (None, t),
    }
}
