//! Text with spans marked in it: the one place the evidence spans of an analysis, a coaching
//! or a draft check are cut out of the text they point into. The console escapes each piece on
//! its own; the CLI wraps the marked pieces in brackets or colour.

use std::collections::BTreeSet;

/// A stretch `start..end` (byte offsets) of a text, with what it marks.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark<T> {
    pub start: usize,
    pub end: usize,
    pub tag: T,
}

/// A piece of the text and the marks that cover it.
#[derive(Debug, PartialEq)]
pub struct Segment<'a, T> {
    pub text: &'a str,
    pub covering: Vec<&'a Mark<T>>,
}

/// The text of `start..end`, or `""` when that is not a span of `text` (out of range, or off a
/// character boundary).
pub fn slice(text: &str, start: usize, end: usize) -> &str {
    text.get(start..end).unwrap_or_default()
}

/// Cuts `text` at every edge of `marks`; empty marks, marks out of range and marks off a
/// character boundary are left out.
pub fn segments<'a, T>(text: &'a str, marks: &'a [Mark<T>]) -> Vec<Segment<'a, T>> {
    let valid: Vec<&Mark<T>> = marks
        .iter()
        .filter(|m| m.start < m.end && text.get(m.start..m.end).is_some())
        .collect();
    let mut edges: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    for m in &valid {
        edges.insert(m.start);
        edges.insert(m.end);
    }
    let edges: Vec<usize> = edges.into_iter().collect();
    edges
        .windows(2)
        .map(|w| Segment {
            text: &text[w[0]..w[1]],
            covering: valid
                .iter()
                .copied()
                .filter(|m| m.start <= w[0] && w[1] <= m.end)
                .collect(),
        })
        .collect()
}

/// `text` with each stretch that some of `spans` covers put between `open` and `close`;
/// overlapping spans make one stretch, spans that only touch stay apart. Spans that are no span
/// of the text are left out.
pub fn bracketed(text: &str, spans: &[(usize, usize)], open: &str, close: &str) -> String {
    let mut valid: Vec<(usize, usize)> = spans
        .iter()
        .copied()
        .filter(|&(s, e)| s < e && text.get(s..e).is_some())
        .collect();
    valid.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(valid.len());
    for (s, e) in valid {
        match merged.last_mut() {
            Some(last) if s < last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (s, e) in merged {
        out.push_str(&text[at..s]);
        out.push_str(open);
        out.push_str(&text[s..e]);
        out.push_str(close);
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn mark(start: usize, end: usize) -> Mark<&'static str> {
        Mark {
            start,
            end,
            tag: "m",
        }
    }

    #[test]
    fn overlapping_marks_cut_the_text_at_every_edge() {
        let marks = [mark(0, 5), mark(3, 9)];
        let cut: Vec<(&str, usize)> = segments("abcdefghij", &marks)
            .iter()
            .map(|s| (s.text, s.covering.len()))
            .collect();
        assert_eq!(cut, [("abc", 1), ("de", 2), ("fghi", 1), ("j", 0)]);
    }

    #[test]
    fn marks_off_a_character_boundary_or_out_of_range_are_dropped() {
        let marks = [mark(1, 2), mark(0, 99), mark(2, 3)];
        let cut = segments("é!", &marks);
        assert_eq!(cut.len(), 2);
        assert_eq!(cut[1].text, "!");
        assert_eq!(cut[1].covering.len(), 1);
        assert!(cut[0].covering.is_empty());
    }

    #[test]
    fn overlapping_spans_are_one_bracket_and_touching_ones_two() {
        assert_eq!(
            bracketed(
                "you are a total idiot",
                &[(8, 15), (10, 21), (0, 3)],
                "[",
                "]"
            ),
            "[you] are [a total idiot]"
        );
        assert_eq!(bracketed("ab", &[(0, 1), (1, 2)], "<", ">"), "<a><b>");
        assert_eq!(bracketed("é!", &[(1, 2), (2, 3), (0, 9)], "<", ">"), "é<!>");
        assert_eq!(bracketed("plain", &[], "[", "]"), "plain");
    }

    #[test]
    fn a_slice_that_is_no_span_of_the_text_is_empty() {
        assert_eq!(slice("héllo", 0, 2), "");
        assert_eq!(slice("héllo", 3, 9), "");
        assert_eq!(slice("héllo", 3, 6), "llo");
    }

    proptest! {
        #[test]
        fn bracketing_only_adds_the_brackets(
            text in "\\PC{0,40}",
            spans in proptest::collection::vec((0usize..50, 0usize..50), 0..6),
        ) {
            let out = bracketed(&text, &spans, "\u{1}", "\u{2}");
            prop_assert_eq!(out.replace(['\u{1}', '\u{2}'], ""), text.replace(['\u{1}', '\u{2}'], ""));
        }
    }
}
