//! Restates "you did X to me" as what happened, so the paraphrase neither admits fault nor
//! repeats an accusation: "you lost my parcel" becomes "your parcel went missing", "you
//! charged me twice" "you were charged twice", "you lied to me about the date" "you were
//! misinformed about the date", and "you stole my money" the need behind it, "you want your
//! money back".

use super::rewrite::is_offensive;
use crate::text::Token;

/// How the clause opens once restated.
pub(super) enum Opening {
    /// Words to write first, and how many of the clause's tokens they stand for (all of them
    /// when more than there are).
    Words(Vec<String>, usize),
    /// An accusation with no need a paraphrase could name: leave the clause out.
    Unsayable,
}

/// The restated opening of a clause that starts "you/they [have] VERB ...", if it does.
pub(super) fn opening(text: &str, tokens: &[Token]) -> Option<Opening> {
    let mut i = subject(tokens)?;
    let filler = |t: &Token| FILLER.contains(&t.norm.as_str()) || is_offensive(&t.norm);
    while tokens.get(i).is_some_and(filler) {
        i += 1;
    }
    let verb = tokens.get(i)?.norm.as_str();
    let (_, what) = RESTATED.iter().find(|(v, _)| *v == verb)?;
    i += 1;
    // "messed up", "ripped off", "hung up on", "lied to".
    while tokens
        .get(i)
        .is_some_and(|t| matches!(t.norm.as_str(), "up" | "off" | "on" | "to"))
    {
        i += 1;
    }
    let norm = |j: usize| tokens.get(j).map_or("", |t| t.norm.as_str());
    if *what == What::MoneyBack {
        return money_back(text, &tokens[i..], verb == "took");
    }
    if norm(i) == "me" {
        let passive = what.passive()?;
        return Some(Opening::Words(words(&format!("you were {passive}")), i + 1));
    }
    if !matches!(norm(i), "my" | "our") {
        return None;
    }
    let thing_end = (i + 1..tokens.len().min(i + 5))
        .find(|&j| !tokens[j].is_word() || STOP.contains(&norm(j)))
        .unwrap_or(tokens.len().min(i + 5));
    let thing: Vec<&str> = tokens[i + 1..thing_end]
        .iter()
        .filter(|t| !is_offensive(&t.norm))
        .map(|t| &text[t.start..t.end])
        .collect();
    let last = thing.last()?.to_lowercase();
    let plural = last.ends_with('s') && !last.ends_with("ss") && !last.ends_with("us");
    let happened = what.to_thing(plural);
    Some(Opening::Words(
        words(&format!("your {} {happened}", thing.join(" "))),
        thing_end,
    ))
}

/// An accusation of taking money anywhere in a clause about us ("all they do is steal your
/// money"): the need to get it back, or nothing.
pub(super) fn accusation(text: &str, tokens: &[Token]) -> Option<Opening> {
    let at = tokens.iter().position(|t| {
        RESTATED
            .iter()
            .any(|(v, what)| *what == What::MoneyBack && *v == t.norm && *v != "took")
            || matches!(
                t.norm.as_str(),
                "steal"
                    | "steals"
                    | "stealing"
                    | "rob"
                    | "robbing"
                    | "fleece"
                    | "fleecing"
                    | "scamming"
                    | "cheating"
            )
    })?;
    let about_us = tokens[..at]
        .iter()
        .any(|t| matches!(t.norm.as_str(), "you" | "u" | "your" | "ur" | "they"));
    about_us.then(|| money_back(text, &tokens[at + 1..], false))?
}

/// "you want the $40 back" when the clause names a sum or money; a clause that only accuses
/// says nothing to restate. `quiet`: the verb may not accuse at all ("took three days").
fn money_back(text: &str, rest: &[Token], quiet: bool) -> Option<Opening> {
    let money = rest.iter().any(|t| MONEY.contains(&t.norm.as_str()));
    match amount(text, rest) {
        Some(a) => Some(Opening::Words(
            words(&format!("you want the {a} back")),
            usize::MAX,
        )),
        None if money => Some(Opening::Words(
            words("you want your money back"),
            usize::MAX,
        )),
        None if quiet => None,
        None => Some(Opening::Unsayable),
    }
}

/// What a verb of blame is restated as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum What {
    /// "your X went missing"; no "you were" form.
    Missing,
    /// "your X went unanswered" / "you were ignored".
    Unanswered,
    /// "your X went wrong".
    WentWrong,
    /// "your X was/were <participle>" and "you were <participle>".
    Passive(&'static str),
    /// Only "you were <participle>": it is done to a person.
    ToYou(&'static str),
    /// An accusation of taking money: the need is to get it back.
    MoneyBack,
}

impl What {
    fn passive(self) -> Option<&'static str> {
        match self {
            What::Passive(p) | What::ToYou(p) => Some(p),
            What::Unanswered => Some("ignored"),
            _ => None,
        }
    }

    fn to_thing(self, plural: bool) -> String {
        let be = if plural { "were" } else { "was" };
        match self {
            What::Missing => "went missing".into(),
            What::Unanswered => "went unanswered".into(),
            What::WentWrong | What::ToYou(_) | What::MoneyBack => "went wrong".into(),
            What::Passive(p) => format!("{be} {p}"),
        }
    }
}

#[rustfmt::skip]
const RESTATED: &[(&str, What)] = &[
    ("lost", What::Missing), ("misplaced", What::Missing), ("ignored", What::Unanswered),
    ("messed", What::WentWrong), ("screwed", What::WentWrong), ("botched", What::WentWrong),
    ("ruined", What::WentWrong), ("cocked", What::WentWrong), ("stuffed", What::WentWrong),
    ("charged", What::Passive("charged")), ("overcharged", What::Passive("overcharged")),
    ("billed", What::Passive("billed")), ("sent", What::Passive("sent")),
    ("broke", What::Passive("damaged")), ("damaged", What::Passive("damaged")),
    ("smashed", What::Passive("damaged")), ("scratched", What::Passive("damaged")),
    ("dented", What::Passive("damaged")), ("wrecked", What::Passive("damaged")),
    ("destroyed", What::Passive("damaged")), ("cancelled", What::Passive("cancelled")),
    ("canceled", What::Passive("cancelled")), ("delayed", What::Passive("delayed")),
    ("blocked", What::Passive("blocked")), ("froze", What::Passive("frozen")),
    ("frozen", What::Passive("frozen")), ("suspended", What::Passive("suspended")),
    ("closed", What::Passive("closed")), ("disconnected", What::Passive("disconnected")),
    ("deactivated", What::Passive("deactivated")), ("locked", What::Passive("locked")),
    ("forgot", What::Passive("forgotten")), ("told", What::ToYou("told")),
    ("gave", What::ToYou("given")), ("promised", What::ToYou("promised")),
    ("misinformed", What::ToYou("misinformed")), ("misled", What::ToYou("misinformed")),
    ("lied", What::ToYou("misinformed")), ("hung", What::ToYou("cut off")),
    ("cut", What::ToYou("cut off")), ("stole", What::MoneyBack), ("robbed", What::MoneyBack),
    ("scammed", What::MoneyBack), ("conned", What::MoneyBack), ("cheated", What::MoneyBack),
    ("ripped", What::MoneyBack), ("swindled", What::MoneyBack), ("took", What::MoneyBack),
    ("fleeced", What::MoneyBack),
];

/// Words between the subject and the verb that change nothing.
#[rustfmt::skip]
const FILLER: &[&str] = &[
    "have", "has", "just", "already", "again", "completely", "totally", "somehow", "then", "also",
    "even", "guys", "people", "lot", "all", "basically", "literally", "clearly", "obviously",
];

/// Words that end the name of the thing ("my parcel" in "my parcel last week").
#[rustfmt::skip]
const STOP: &[&str] = &[
    "last", "yesterday", "today", "again", "twice", "and", "but", "or", "on", "in", "at", "for",
    "from", "with", "by", "to", "when", "after", "before", "so", "because", "which", "that",
    "this", "without", "then", "three", "two", "times", "while", "during", "off", "up", "out",
];

const MONEY: &[&str] = &[
    "money", "cash", "payment", "deposit", "funds", "savings", "refund", "fee", "fees",
];

/// Where the subject ends, if the clause opens with one that a restatement can drop.
fn subject(tokens: &[Token]) -> Option<usize> {
    #[rustfmt::skip]
    const YOURS: &[&str] = &[
        "company", "team", "staff", "courier", "driver", "drivers", "engineer", "technician", "store",
        "shop", "bank", "website", "site", "app", "system", "agent", "agents", "people",
    ];
    let norm = |j: usize| tokens.get(j).map_or("", |t| t.norm.as_str());
    match norm(0) {
        "you" | "u" | "ya" | "they" | "y'all" | "yall" => Some(1),
        "you've" | "they've" => Some(1),
        "your" | "ur" => {
            // "your useless staff": the insult goes with the rest of the filler.
            let noun = 1 + tokens[1..]
                .iter()
                .take_while(|t| is_offensive(&t.norm))
                .count();
            YOURS.contains(&norm(noun)).then_some(noun + 1)
        }
        _ => None,
    }
}

/// A sum of money as written: "$40", "£12.50", "40 dollars".
fn amount(text: &str, tokens: &[Token]) -> Option<String> {
    const UNITS: &[&str] = &[
        "dollars", "pounds", "euros", "quid", "bucks", "usd", "gbp", "eur",
    ];
    tokens.iter().enumerate().find_map(|(j, t)| {
        let raw = &text[t.start..t.end];
        let digit = raw.contains(|c: char| c.is_ascii_digit());
        let unit = tokens
            .get(j + 1)
            .filter(|u| UNITS.contains(&u.norm.as_str()));
        let symbol = j
            .checked_sub(1)
            .map(|p| &tokens[p])
            .filter(|p| p.end == t.start && text[p.start..p.end].contains(['$', '£', '€']));
        match unit {
            _ if digit && raw.contains(['$', '£', '€']) => Some(raw.to_string()),
            _ if digit && symbol.is_some() => symbol.map(|p| text[p.start..t.end].to_string()),
            Some(u) if digit => Some(text[t.start..u.end].to_string()),
            _ => None,
        }
    })
}

fn words(s: &str) -> Vec<String> {
    s.split(' ').map(str::to_string).collect()
}
