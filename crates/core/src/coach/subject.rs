//! What a case is about, as the client names it: "my order", "my March invoice", "our
//! booking", said back from the agent's side as "your order".
//!
//! It is the one thing of the client's own words the suggested reply names (see `reply`): a
//! reply with no subject at all ("I'll look into this") reads as a script, and a noun from a
//! closed list cannot carry sarcasm, a claim or a non-native writer's grammar the way a clause
//! said back can. Only a thing from `[case_things]` in `words.txt` is taken, after "my" or "our",
//! with at most one word between from `[case_thing_modifiers]` or a month. "The" is not enough:
//! "the website said" and "the invoice export" name things that are not the client's.

use super::calendar::MONTHS;
use super::lists;
use crate::text::tokenize;

/// The first thing `text` names as the client's own ("my", "our"), from the agent's side ("your
/// new phone").
pub(crate) fn of(text: &str) -> Option<String> {
    let tokens: Vec<_> = tokenize(text).into_iter().filter(|t| t.is_word()).collect();
    let norm = |i: usize| tokens.get(i).map_or("", |t| t.norm.as_str());
    let things = lists::words("case_things");
    let modifiers = lists::words("case_thing_modifiers");
    let compounds = lists::words("case_thing_compounds");
    let thing_at = |i: usize| {
        if !things.contains(&norm(i)) {
            return None;
        }
        // "my phone bill": the longer name when the next word is a thing too; "my invoice
        // templates" are templates, which the list does not name.
        match norm(i + 1) {
            next if things.contains(&next) => Some(format!("{} {next}", norm(i))),
            next if compounds.contains(&next) => None,
            _ => Some(norm(i).to_string()),
        }
    };
    let thing = (0..tokens.len()).find_map(|i| {
        if !matches!(norm(i), "my" | "our") {
            return None;
        }
        // What the money was for is not what went wrong: "that money was meant for my gas bill".
        let before = (norm(i.wrapping_sub(2)), norm(i.wrapping_sub(1)));
        let purpose = matches!(before.1, "towards")
            || matches!(
                before,
                ("meant" | "needed" | "saved" | "aside" | "was" | "is", "for")
            )
            || matches!(before, ("to", "pay" | "cover"));
        // Where money lands is not what went wrong: "nothing has arrived in my account".
        let landing = matches!(before.1, "in" | "into" | "to" | "on")
            && matches!(norm(i + 1), "account" | "bank" | "card");
        if purpose || landing {
            return None;
        }
        thing_at(i + 1).or_else(|| {
            let between = norm(i + 1);
            let month = MONTHS.contains(&between);
            if !modifiers.contains(&between) && !month {
                return None;
            }
            // A month keeps its capital as written ("your March bill").
            let first = match tokens.get(i + 1) {
                Some(t) if month => text[t.start..t.end].to_string(),
                _ => between.to_string(),
            };
            thing_at(i + 2).map(|thing| format!("{first} {thing}"))
        })
    })?;
    Some(format!("your {thing}"))
}

#[cfg(test)]
mod tests {
    use super::of;

    #[test]
    fn the_thing_is_named_from_the_agent_side() {
        let cases = [
            (
                "You charged me twice for my March bill.",
                Some("your March bill"),
            ),
            (
                "where is my order?? ordered 3 weeks ago",
                Some("your order"),
            ),
            ("My new phone won't turn on.", Some("your new phone")),
            ("our booking for Friday has vanished", Some("your booking")),
            (
                "my phone bill is double what it was",
                Some("your phone bill"),
            ),
            (
                "the engineer never came and my boiler is still broken",
                Some("your boiler"),
            ),
            ("MY ORDER IS LATE", Some("your order")),
            (
                "someone has taken money from my account",
                Some("your account"),
            ),
            (
                "I've been charged twice for my car insurance.",
                Some("your car insurance"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(of(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn nothing_outside_the_list_or_with_words_between_is_named() {
        let cases = [
            "my husband's insulin was in that bag",
            "The invoice has the wrong address on it",
            "I want a refund",
            "my stupid phone again",
            "after yesterdays update all my invoice templates are gone",
            "our contract renewal is in six weeks",
            "you people are useless",
            "that money was meant for my gas bill this month",
            "I need it to pay my rent",
            "the refund was processed but nothing has arrived in my account",
            "",
        ];
        for text in cases {
            assert_eq!(of(text), None, "{text}");
        }
    }
}
