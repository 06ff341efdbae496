//! The note an agent reads in the helpdesk's sidebar: a few plain lines, no markup, so that
//! every helpdesk shows it as written. The level with what shows it, the likely cause, what
//! the client wants, the suggested reply and the boundary step the reply takes, if any.

use std::fmt::Write;

use defuse_wire::{AnalysisDto, CoachingDto};

/// Evidence quoted per note, and the longest quote.
const QUOTES: usize = 3;
const QUOTE_CHARS: usize = 80;

/// The note for a client message analysed as `analysis`, with `coaching` for the reply;
/// `case_url` links to the case in the console, when the server knows its public address.
pub fn text(analysis: &AnalysisDto, coaching: &CoachingDto, case_url: Option<&str>) -> String {
    let mut note = format!(
        "defuse: {} (hostility {:.2})",
        analysis.level, analysis.hostility
    );
    let quotes = evidence(analysis);
    if !quotes.is_empty() {
        let _ = write!(note, "\nShown by: {}", quotes.join(", "));
    }
    let cause = coaching
        .cause
        .as_ref()
        .map(|c| (c.cause.as_str(), c.score))
        .or_else(|| analysis.causes.first().map(|c| (c.cause.as_str(), c.score)));
    if let Some((cause, score)) = cause {
        let _ = write!(note, "\nLikely cause: {} ({score:.2})", words(cause));
    }
    if let Some(want) = analysis.wants.first() {
        let _ = write!(note, "\nThey want: {}", words(&want.want));
    }
    if let Some(reply) = &coaching.suggested_reply {
        let _ = write!(note, "\nSuggested reply:\n{}", reply.trim());
    }
    if let Some(step) = boundary(coaching) {
        let _ = write!(note, "\nBoundary: {step}");
    }
    if let Some(url) = case_url {
        let _ = write!(note, "\nCase: {url}");
    }
    note
}

/// The client's words that carry the level: the signals they wrote themselves, else the
/// evidence of the judgements, quoted and cut short.
fn evidence(analysis: &AnalysisDto) -> Vec<String> {
    let signals = analysis
        .signals
        .iter()
        .filter(|s| !s.quoted)
        .map(|s| s.text.as_str());
    let judged = [
        &analysis.abusive_evidence,
        &analysis.offensive_evidence,
        &analysis.complaint_evidence,
    ]
    .into_iter()
    .flatten()
    .map(|e| e.text.as_str());
    let mut quotes: Vec<String> = Vec::new();
    for text in signals.chain(judged) {
        let quote = format!("\"{}\"", cut(text.trim()));
        if quotes.len() < QUOTES && !quotes.contains(&quote) && quote.len() > 2 {
            quotes.push(quote);
        }
    }
    quotes
}

fn cut(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((end, _)) => format!("{}...", &text[..end]),
        None => text.to_owned(),
    }
}

/// `service_failure` as `service failure`.
fn words(name: &str) -> String {
    name.replace('_', " ")
}

/// The boundary step of the next reply, said as what to do; `None` when there is none.
fn boundary(coaching: &CoachingDto) -> Option<&'static str> {
    match coaching.boundary.name.as_str() {
        "statement" => Some("say once, calmly, which words are not acceptable, then go on helping"),
        "final_warning" => Some("a final warning: the conversation ends if it goes on like this"),
        "handover" => Some("hand the conversation to a supervisor"),
        "end" => Some("end the conversation, saying how the client can reach us in writing"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `text` as a first client message, analysed and coached as `exchange` does it.
    fn analysed(text: &str) -> (AnalysisDto, CoachingDto) {
        use defuse_core::coach::{self, Analysed, Policy, UtcOffset};
        use defuse_storage::Direction;

        use crate::conversation;
        let analyzer = defuse_core::Analyzer::new();
        let empty = conversation::conversation(&[], UtcOffset::UTC);
        let turns = conversation::with_turn(empty, Direction::Inbound, text, chrono::Utc::now());
        let analyses = conversation::analyses(&turns, &[], &analyzer);
        let analysed = Analysed::from_parts(&turns, analyses);
        let coaching = coach::coach_analysed(&analysed, &Policy::default());
        let analysis = analysed.analyses.last().cloned().flatten().unwrap();
        (
            AnalysisDto::new(None, text, &analysis),
            CoachingDto::new(&coaching, &turns),
        )
    }

    #[test]
    fn a_hostile_message_gets_its_level_evidence_reply_and_boundary() {
        let (analysis, coaching) =
            analysed("You idiots charged me twice. Refund it today or I go to my bank.");
        let note = text(&analysis, &coaching, Some("https://defuse.example/cases/7"));
        assert!(note.starts_with("defuse: "), "{note}");
        assert!(note.contains("Shown by: \""), "{note}");
        assert!(note.contains("\nSuggested reply:\n"), "{note}");
        assert!(
            note.ends_with("\nCase: https://defuse.example/cases/7"),
            "{note}"
        );
        assert!(!note.contains('<'), "plain text: {note}");
    }
}
