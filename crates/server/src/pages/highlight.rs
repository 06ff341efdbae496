//! Client text with its evidence marked: the text is cut at every span edge and each piece is
//! escaped on its own by the template, so no part of the message is ever treated as markup.
//! Emotion evidence made only of words that carry no feeling by themselves ("don't", "give",
//! "up") is left unmarked: shown as the reason for a feeling, it would only puzzle the reader.

use std::collections::BTreeSet;

use defuse_wire::AnalysisDto;
use maud::{Markup, html};

/// One marked stretch of the text: byte offsets, a kind (the CSS class) and what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// `signal`, `cause`, `emotion` or `concern`.
    pub kind: &'static str,
    pub note: String,
}

/// A piece of the text and the spans that cover it.
#[derive(Debug, PartialEq)]
pub struct Segment<'a> {
    pub text: &'a str,
    pub covering: Vec<&'a Span>,
}

/// The evidence of an analysis as spans: signals, causes, emotions and concerns.
pub fn spans_of(analysis: &AnalysisDto) -> Vec<Span> {
    let mut spans: Vec<Span> = analysis
        .signals
        .iter()
        .map(|s| Span {
            start: s.start,
            end: s.end,
            kind: "signal",
            note: s.kind.replace('_', " "),
        })
        .collect();
    for cause in &analysis.causes {
        spans.extend(cause.evidence.iter().map(|e| Span {
            start: e.start,
            end: e.end,
            kind: "cause",
            note: format!("cause: {}", cause.cause.replace('_', " ")),
        }));
    }
    let emotions = &analysis.emotion_evidence;
    let by_emotion = [
        ("anger", &emotions.anger),
        ("frustration", &emotions.frustration),
        ("anxiety", &emotions.anxiety),
        ("sadness", &emotions.sadness),
        ("confusion", &emotions.confusion),
        ("satisfaction", &emotions.satisfaction),
    ];
    for (name, evidence) in by_emotion {
        spans.extend(
            evidence
                .iter()
                .filter(|e| carries_feeling(&e.text))
                .map(|e| Span {
                    start: e.start,
                    end: e.end,
                    kind: "emotion",
                    note: format!("emotion: {name}"),
                }),
        );
    }
    spans.extend(analysis.concerns.iter().map(|c| Span {
        start: c.start,
        end: c.end,
        kind: "concern",
        note: "concern".to_owned(),
    }));
    spans
}

/// Words that carry no feeling on their own: articles, pronouns, auxiliaries and their
/// negations, prepositions and particles, and the light verbs they go with.
#[rustfmt::skip]
const NO_FEELING: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "so", "of", "to", "in", "on", "at", "for", "with", "from",
    "by", "as", "up", "down", "out", "off", "over", "about", "it", "its", "this", "that", "i", "me",
    "my", "you", "your", "we", "our", "they", "them", "he", "she", "is", "are", "was", "were", "be",
    "been", "am", "do", "does", "did", "don't", "doesn't", "didn't", "not", "no", "have", "has",
    "had", "can", "will", "would", "should", "could", "just", "give", "get", "got", "go", "make",
    "take", "put", "if", "then", "there",
];

/// Whether some word of `evidence` may carry a feeling (is not one of [`NO_FEELING`]).
fn carries_feeling(evidence: &str) -> bool {
    evidence
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .any(|w| !NO_FEELING.contains(&w.to_lowercase().replace('’', "'").as_str()))
}

/// Cuts `text` at every edge of `spans`; spans out of range or off a character boundary are left out.
pub fn segments<'a>(text: &'a str, spans: &'a [Span]) -> Vec<Segment<'a>> {
    let valid: Vec<&Span> = spans
        .iter()
        .filter(|s| {
            s.start < s.end
                && s.end <= text.len()
                && text.is_char_boundary(s.start)
                && text.is_char_boundary(s.end)
        })
        .collect();
    let mut edges: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    for s in &valid {
        edges.insert(s.start);
        edges.insert(s.end);
    }
    let edges: Vec<usize> = edges.into_iter().collect();
    edges
        .windows(2)
        .map(|w| Segment {
            text: &text[w[0]..w[1]],
            covering: valid
                .iter()
                .copied()
                .filter(|s| s.start <= w[0] && w[1] <= s.end)
                .collect(),
        })
        .collect()
}

/// `text` with `spans` marked; the first covering span names the colour, all of them the tooltip.
pub fn marked(text: &str, spans: &[Span]) -> Markup {
    html! {
        @for segment in segments(text, spans) {
            @if let Some(first) = segment.covering.first() {
                mark class={ "ev ev-" (first.kind) } title=(notes(&segment.covering)) { (segment.text) }
            } @else {
                (segment.text)
            }
        }
    }
}

fn notes(spans: &[&Span]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for s in spans {
        if !seen.contains(&s.note.as_str()) {
            seen.push(&s.note);
        }
    }
    seen.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, end: usize, kind: &'static str) -> Span {
        Span {
            start,
            end,
            kind,
            note: kind.to_owned(),
        }
    }

    #[test]
    fn overlapping_spans_cut_the_text_at_every_edge() {
        let spans = [span(0, 5, "signal"), span(3, 9, "cause")];
        let cut: Vec<(&str, usize)> = segments("abcdefghij", &spans)
            .iter()
            .map(|s| (s.text, s.covering.len()))
            .collect();
        assert_eq!(cut, [("abc", 1), ("de", 2), ("fghi", 1), ("j", 0)]);
    }

    #[test]
    fn spans_off_a_character_boundary_or_out_of_range_are_dropped() {
        let text = "é!";
        let spans = [
            span(1, 2, "signal"),
            span(0, 99, "cause"),
            span(2, 3, "concern"),
        ];
        let cut = segments(text, &spans);
        assert_eq!(cut.len(), 2);
        assert_eq!(cut[1].text, "!");
        assert_eq!(cut[1].covering[0].kind, "concern");
        assert!(cut[0].covering.is_empty());
    }

    #[test]
    fn markup_in_client_text_is_escaped_inside_and_outside_marks() {
        let text = "<script>x()</script> you <b>idiot</b>";
        let spans = [span(25, 37, "signal")];
        let html = marked(text, &spans).into_string();
        assert!(!html.contains("<script>"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(html.contains("&lt;script&gt;x()&lt;/script&gt;"), "{html}");
        assert!(
            html.contains(
                r#"<mark class="ev ev-signal" title="signal">&lt;b&gt;idiot&lt;/b&gt;</mark>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn emotion_evidence_of_words_without_feeling_is_not_marked() {
        for plain in ["Don't", "give", "up", "give up", "Don’t give up!"] {
            assert!(!carries_feeling(plain), "{plain}");
        }
        for felt in ["furious", "Don't ignore", "so worried", "let down"] {
            assert!(carries_feeling(felt), "{felt}");
        }
    }

    #[test]
    fn text_without_spans_is_one_plain_segment() {
        assert_eq!(
            marked("plain & simple", &[]).into_string(),
            "plain &amp; simple"
        );
    }
}
