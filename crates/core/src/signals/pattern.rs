//! The pattern language of the phrase table, expanded once into plain word sequences.
//!
//! A pattern is words separated by spaces. `(a|b c|)` is a choice (an empty choice makes the
//! group optional; choices nest) and `{name}` stands for a word class from
//! [`super::table::CLASSES`].

use super::table::CLASSES;

/// Replaces every `{name}` by its class, repeatedly (classes may use classes).
pub(super) fn substitute(pat: &str) -> String {
    let mut s = pat.to_string();
    while let Some(open) = s.find('{') {
        let close = open + s[open..].find('}').expect("closed class name");
        let name = &s[open + 1..close];
        let class = CLASSES.iter().find(|(n, _)| *n == name).map(|(_, c)| *c);
        s.replace_range(
            open..=close,
            class.unwrap_or_else(|| panic!("unknown class {name}")),
        );
    }
    s
}

/// Every spelling a pattern allows, with single spaces.
pub(crate) fn expand(pat: &str) -> Vec<String> {
    let Some(open) = pat.find('(') else {
        return vec![pat.split_whitespace().collect::<Vec<_>>().join(" ")];
    };
    let mut depth = 0;
    let mut close = open;
    let mut cuts = vec![open];
    for (i, c) in pat[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            '|' if depth == 1 => cuts.push(open + i),
            _ => {}
        }
        if depth == 0 {
            close = open + i;
            break;
        }
    }
    cuts.push(close);
    let (before, after) = (&pat[..open], &pat[close + 1..]);
    cuts.windows(2)
        .flat_map(|w| expand(&format!("{before} {} {after}", &pat[w[0] + 1..w[1]])))
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_choices_and_optional_words() {
        assert_eq!(expand("a (b|c d|) e"), ["a b e", "a c d e", "a e"]);
        assert_eq!(expand("(x (y|z)|w)"), ["x y", "x z", "w"]);
    }

    #[test]
    fn substitutes_classes_inside_classes() {
        let when = substitute("by {when}");
        assert!(when.contains("monday") && !when.contains('{'), "{when}");
        assert!(expand(&when).contains(&"by end of the day".to_string()));
    }
}
