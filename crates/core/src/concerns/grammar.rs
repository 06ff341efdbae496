//! Mends the grammar a paraphrase would otherwise copy: forms common in hurried or non-native
//! English ("waiting since 3 days", "didn't received", "my phone not working", "no reply till
//! now") are said back in standard English, and questions become what the client wants to
//! know ("where is your refund?" -> "you want to know where your refund is").

/// A statement as pieces: each word or mark, with whether a space goes before it.
pub(super) type Pieces = Vec<(String, bool)>;

/// Applies every mending rule in turn, each in one pass from left to right: a rule reads the
/// words from each position on and, where it matches, what it put in is not read again (no
/// rule matches inside its own output), so mending costs time linear in the words.
pub(super) fn mend(pieces: &mut Pieces) {
    for rule in RULES {
        let lower: Vec<String> = pieces.iter().map(|(w, _)| w.to_lowercase()).collect();
        let words: Vec<&str> = lower.iter().map(String::as_str).collect();
        let mut out: Pieces = Vec::with_capacity(pieces.len());
        let mut j = 0;
        while j < words.len() {
            let Some((used, with)) = rule(&words[j..]) else {
                out.push(std::mem::take(&mut pieces[j]));
                j += 1;
                continue;
            };
            debug_assert!(
                used > 0 && !with.is_empty(),
                "a rule replaces words with words"
            );
            let space = pieces[j].1;
            let start = out.len();
            out.extend(
                with.iter()
                    .flat_map(|w| w.split(' '))
                    .map(|w| (w.to_string(), true)),
            );
            if let Some(first) = out.get_mut(start) {
                first.1 = space;
            }
            j += used;
        }
        *pieces = out;
    }
}

/// A rule reads the words from one position on and says how many to replace, and with what.
type Rule = fn(&[&str]) -> Option<(usize, Vec<String>)>;

const RULES: &[Rule] = &[
    since_duration,
    plural_unit,
    waiting_object,
    waiting_for,
    till_now,
    base_after_do,
    not_ing,
    one_word,
];

fn owned(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

const UNITS: &[&str] = &[
    "minute", "minutes", "mins", "hour", "hours", "hrs", "day", "days", "week", "weeks", "month",
    "months", "year", "years",
];

fn is_count(w: &str) -> bool {
    w.chars().all(|c| c.is_ascii_digit())
        || matches!(
            w,
            "one"
                | "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "ten"
                | "several"
                | "many"
        )
}

/// "since 3 days" -> "for 3 days".
fn since_duration(w: &[&str]) -> Option<(usize, Vec<String>)> {
    match w {
        ["since", n, unit, ..] if is_count(n) && UNITS.contains(unit) => {
            Some((3, owned(&["for", n, unit])))
        }
        _ => None,
    }
}

/// "two week" -> "two weeks"; "a two week delay" stays, the count and unit describing the
/// noun after them.
fn plural_unit(w: &[&str]) -> Option<(usize, Vec<String>)> {
    #[rustfmt::skip]
    const AFTER: &[&str] = &[
        "and", "but", "or", "ago", "now", "already", "for", "to", "of", "since", "so", "without",
        "with", "in", "on", "at", "late", "later", "old", "back", "before", "after", "because",
        "still", "yet", "nobody", "no", "not", "which", "that", "when",
    ];
    let ends = w
        .get(2)
        .is_none_or(|n| AFTER.contains(n) || !n.starts_with(char::is_alphanumeric));
    match w {
        [n, unit, ..] if ends && is_count(n) && !matches!(*n, "one" | "1") => {
            let plural = UNITS
                .iter()
                .find(|u| **u == format!("{unit}s"))
                .filter(|_| !unit.ends_with('s'))?;
            Some((2, owned(&[n, plural])))
        }
        _ => None,
    }
}

/// "waiting the package" -> "waiting for the package".
fn waiting_object(w: &[&str]) -> Option<(usize, Vec<String>)> {
    match w {
        ["waiting" | "wait" | "waited", next, ..]
            if matches!(*next, "the" | "your" | "my" | "our" | "this" | "a" | "an") =>
        {
            Some((1, owned(&[w[0], "for"])))
        }
        _ => None,
    }
}

/// How far after "waiting" the words of the wait may run ("for your refund from the shop
/// since Monday").
const WAIT_WORDS: usize = 12;

/// "you are waiting for 3 days", "you are waiting for your refund since Monday" -> "you have
/// been waiting ...": a wait that began in the past and goes on.
fn waiting_for(w: &[&str]) -> Option<(usize, Vec<String>)> {
    let have = match w.first()? {
        &"are" | &"am" => "have been",
        &"is" => "has been",
        &"you're" => "you've been",
        _ => return None,
    };
    if w.get(1) != Some(&"waiting") {
        return None;
    }
    // Up to the end of the clause, and no further than a wait's own words: read to the end of
    // an unpunctuated run, every "am waiting" would cost time in the length of the message.
    let clause = w[2..]
        .iter()
        .take_while(|x| !matches!(**x, "and" | "but" | "," | ";" | "."))
        .take(WAIT_WORDS);
    let clause: Vec<&&str> = clause.collect();
    let since = clause.iter().any(|x| **x == "since");
    let lasting = clause
        .windows(3)
        .any(|x| *x[0] == "for" && is_count(x[1]) && UNITS.contains(x[2]));
    (since || lasting).then(|| (1, vec![have.to_string()]))
}

/// "till now", "until now", "up till now" -> "so far".
fn till_now(w: &[&str]) -> Option<(usize, Vec<String>)> {
    match w {
        ["up" | "upto", "till" | "until", "now", ..] => Some((3, owned(&["so", "far"]))),
        ["till" | "until" | "uptill", "now", ..] => Some((2, owned(&["so", "far"]))),
        _ => None,
    }
}

/// "didn't received" -> "didn't receive".
fn base_after_do(w: &[&str]) -> Option<(usize, Vec<String>)> {
    let negated = matches!(
        w,
        [
            "didn't" | "don't" | "doesn't" | "can't" | "won't" | "couldn't" | "cannot",
            ..
        ]
    );
    let at = if negated {
        1
    } else if matches!(w, ["did" | "do" | "does", "not", ..]) {
        2
    } else {
        return None;
    };
    let base = base_form(w.get(at)?)?;
    let mut with = owned(&w[..at]);
    with.push(base);
    Some((at + 1, with))
}

/// Past tenses that do not end in "-ed", with their plain forms.
#[rustfmt::skip]
const IRREGULAR: &[(&str, &str)] = &[
    ("got", "get"), ("gave", "give"), ("sent", "send"), ("came", "come"), ("paid", "pay"),
    ("told", "tell"), ("took", "take"), ("made", "make"), ("went", "go"), ("heard", "hear"),
    ("found", "find"), ("bought", "buy"), ("said", "say"), ("knew", "know"), ("brought", "bring"),
    ("lost", "lose"), ("left", "leave"), ("kept", "keep"), ("broke", "break"), ("had", "have"),
    ("hung", "hang"), ("cut", "cut"), ("put", "put"), ("let", "let"), ("read", "read"),
    ("saw", "see"), ("wrote", "write"), ("spoke", "speak"), ("forgot", "forget"), ("sold", "sell"),
    ("cancelled", "cancel"), ("became", "become"), ("began", "begin"), ("ran", "run"),
    ("ate", "eat"), ("rang", "ring"), ("sat", "sit"), ("stood", "stand"),
    ("understood", "understand"), ("felt", "feel"), ("held", "hold"), ("won", "win"),
    ("thought", "think"), ("caught", "catch"), ("spent", "spend"), ("built", "build"),
    ("meant", "mean"), ("met", "meet"), ("fell", "fall"), ("chose", "choose"), ("drove", "drive"),
    ("stole", "steal"), ("threw", "throw"), ("wore", "wear"), ("taught", "teach"),
];

/// The past tense of a plain form, for "why did we send it" -> "why we sent it".
pub(super) fn past_form(base: &str) -> String {
    if let Some((past, _)) = IRREGULAR.iter().find(|(_, b)| *b == base) {
        return past.to_string();
    }
    if let Some(doubled) = doubled_last(base) {
        return format!("{doubled}ed");
    }
    let consonant_y = base.len() > 2
        && base.ends_with('y')
        && !base[..base.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u']);
    if consonant_y {
        format!("{}ied", &base[..base.len() - 1])
    } else if base.ends_with('e') {
        format!("{base}d")
    } else {
        format!("{base}ed")
    }
}

/// "stop" -> "stopp", "cancel" -> "cancell": short verbs that end in one vowel and one
/// consonant double it (and British spelling doubles the "l" of "cancel", "travel").
fn doubled_last(base: &str) -> Option<String> {
    let vowel = |c: char| "aeiou".contains(c);
    let c: Vec<char> = base.chars().collect();
    let n = c.len();
    let short = (3..=4).contains(&n)
        && !vowel(c[n - 1])
        && !"wxy".contains(c[n - 1])
        && vowel(c[n - 2])
        && !vowel(c[n - 3])
        && (n == 3 || !vowel(c[0]));
    let british_l = matches!(base, "cancel" | "travel" | "label" | "fuel" | "total");
    (short || british_l).then(|| format!("{base}{}", c[n - 1]))
}

/// The plain form of a past tense that should not follow "did".
fn base_form(past: &str) -> Option<String> {
    if let Some((_, base)) = IRREGULAR.iter().find(|(p, _)| *p == past) {
        return Some(base.to_string());
    }
    let stem = past.strip_suffix("ed")?;
    Some(if let Some(s) = stem.strip_suffix('i') {
        format!("{s}y")
    } else if [
        "iv", "rc", "ag", "ur", "at", "ut", "os", "ov", "us", "as", "ar", "or", "ir",
    ]
    .iter()
    .any(|e| stem.ends_with(e))
    {
        format!("{stem}e")
    } else {
        stem.to_string()
    })
    .filter(|s| s.len() >= 2)
}

/// "your phone not working" -> "your phone is not working".
fn not_ing(w: &[&str]) -> Option<(usize, Vec<String>)> {
    #[rustfmt::skip]
    const BEFORE: &[&str] = &[
        "is", "are", "was", "were", "am", "be", "been", "do", "does", "did", "will", "would", "can",
        "could", "should", "may", "might", "must", "have", "has", "had", "i", "you", "we", "they",
        "and", "or", "but", "if", "why", "why's", "still", "keep", "keeps", "it's", "that's",
        "you're", "we're", "they're", "he's", "she's", "whether", "of", "for", "by", "to", "not",
        "in", "on", "at", "with", "from", "into", "up", "out", "off", "just", "also", "really",
    ];
    let (word, rest) = w.split_first()?;
    let still = usize::from(rest.first() == Some(&"still"));
    let ing = rest.get(still + 1)?;
    let noun = word.chars().all(char::is_alphanumeric) && !BEFORE.contains(word);
    (noun && rest.get(still) == Some(&"not") && ing.ends_with("ing") && ing.len() > 4).then(|| {
        let mut with = vec![word.to_string(), "is".to_string()];
        with.extend(owned(&rest[..still]));
        (1 + still, with)
    })
}

/// Single phrases with a standard equivalent.
fn one_word(w: &[&str]) -> Option<(usize, Vec<String>)> {
    match w {
        ["no", "any", ..] => Some((2, owned(&["no"]))),
        ["more", "better" | "worse" | "cheaper" | "faster", ..] => Some((2, owned(&w[1..2]))),
        [w, ..] if APOSTROPHE_LESS.iter().any(|(a, _)| a == w) => {
            let (_, with) = APOSTROPHE_LESS.iter().find(|(a, _)| a == w)?;
            Some((1, owned(&[with])))
        }
        ["its", next, ..] if IT_IS_BEFORE.contains(next) || next.ends_with("ing") => {
            Some((1, owned(&["it's"])))
        }
        ["revert", "back", ..] => Some((2, owned(&["reply"]))),
        ["revert", ..] => Some((1, owned(&["reply"]))),
        ["do", "the", "needful", ..] => Some((3, owned(&["sort", "this", "out"]))),
        _ => None,
    }
}

/// Contractions written without their apostrophe, where the spelling is not a word itself.
#[rustfmt::skip]
const APOSTROPHE_LESS: &[(&str, &str)] = &[
    ("dont", "don't"), ("didnt", "didn't"), ("doesnt", "doesn't"), ("cant", "can't"),
    ("couldnt", "couldn't"), ("wouldnt", "wouldn't"), ("shouldnt", "shouldn't"), ("isnt", "isn't"),
    ("wasnt", "wasn't"), ("arent", "aren't"), ("werent", "weren't"), ("havent", "haven't"),
    ("hasnt", "hasn't"), ("thats", "that's"), ("theres", "there's"), ("whats", "what's"),
    ("youve", "you've"), ("weve", "we've"), ("theyre", "they're"),
];

/// What follows "its" when it means "it is": "its not working", "its been a week".
const IT_IS_BEFORE: &[&str] = &[
    "a", "an", "the", "not", "been", "still", "now", "just", "so", "too", "very", "really", "all",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn mended(s: &str) -> String {
        let mut p: Pieces = s.split(' ').map(|w| (w.to_string(), true)).collect();
        mend(&mut p);
        p.iter()
            .map(|(w, _)| w.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn common_slips_are_mended() {
        assert_eq!(
            mended("you are waiting since 3 days"),
            "you have been waiting for 3 days"
        );
        assert_eq!(mended("you didn't received it"), "you didn't receive it");
        assert_eq!(mended("we did not replied"), "we did not reply");
        assert_eq!(
            mended("your phone still not working"),
            "your phone is still not working"
        );
        assert_eq!(mended("no reply till now"), "no reply so far");
        assert_eq!(mended("there is no any update"), "there is no update");
        assert_eq!(
            mended("we dont know if its an outage"),
            "we don't know if it's an outage"
        );
    }

    #[test]
    fn a_wait_is_said_as_one_that_goes_on() {
        assert_eq!(
            mended("you are waiting the package since two week"),
            "you have been waiting for the package for two weeks"
        );
        assert_eq!(
            mended("you are waiting for your refund since Monday"),
            "you have been waiting for your refund since Monday"
        );
        assert_eq!(mended("it took three day ago"), "it took three days ago");
    }

    #[test]
    fn standard_english_is_left_alone() {
        for s in [
            "your phone is not working",
            "you have been waiting since Monday",
            "we did not send it",
            "nothing is working",
            "it was a two week delay",
            "you are waiting for the engineer today",
            "one day is too long",
        ] {
            assert_eq!(mended(s), s);
        }
    }
}
