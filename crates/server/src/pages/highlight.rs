//! Client text with its evidence marked: the text is cut at every span edge and each piece is
//! escaped on its own by the template, so no part of the message is ever treated as markup.
//! Emotion evidence made only of words that carry no feeling by themselves ("don't", "give",
//! "up") is left unmarked: shown as the reason for a feeling, it would only puzzle the reader.

use defuse_wire::AnalysisDto;
use defuse_wire::marks::{Mark, segments};
use maud::{Markup, html};

/// What a marked stretch shows: a kind (the CSS class) and its note (the tooltip).
#[derive(Debug, Clone, PartialEq)]
pub struct Tag {
    /// `signal`, `cause`, `emotion`, `concern` or `finding`.
    pub kind: &'static str,
    pub note: String,
}

/// One marked stretch of the text (byte offsets).
pub type Span = Mark<Tag>;

/// A span of `kind` over `start..end`, with its note.
pub fn span(start: usize, end: usize, kind: &'static str, note: String) -> Span {
    Mark {
        start,
        end,
        tag: Tag { kind, note },
    }
}

/// The evidence of an analysis as spans: signals, causes, emotions and concerns.
pub fn spans_of(analysis: &AnalysisDto) -> Vec<Span> {
    let mut spans: Vec<Span> = analysis
        .signals
        .iter()
        .map(|s| span(s.start, s.end, "signal", s.kind.replace('_', " ")))
        .collect();
    for cause in &analysis.causes {
        let note = format!("cause: {}", cause.cause.replace('_', " "));
        spans.extend(
            cause
                .evidence
                .iter()
                .map(|e| span(e.start, e.end, "cause", note.clone())),
        );
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
                .map(|e| span(e.start, e.end, "emotion", format!("emotion: {name}"))),
        );
    }
    spans.extend(
        analysis
            .concerns
            .iter()
            .map(|c| span(c.start, c.end, "concern", "concern".to_owned())),
    );
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

/// `text` with `spans` marked; the first covering span names the colour, all of them the tooltip.
pub fn marked(text: &str, spans: &[Span]) -> Markup {
    html! {
        @for segment in segments(text, spans) {
            @if let Some(first) = segment.covering.first() {
                mark class={ "ev ev-" (first.tag.kind) } title=(notes(&segment.covering)) { (segment.text) }
            } @else {
                (segment.text)
            }
        }
    }
}

fn notes(spans: &[&Span]) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for s in spans {
        if !seen.contains(&s.tag.note.as_str()) {
            seen.push(&s.tag.note);
        }
    }
    seen.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(start: usize, end: usize, kind: &'static str) -> Span {
        span(start, end, kind, kind.to_owned())
    }

    #[test]
    fn markup_in_client_text_is_escaped_inside_and_outside_marks() {
        let text = "<script>x()</script> you <b>idiot</b>";
        let spans = [plain(25, 37, "signal")];
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
