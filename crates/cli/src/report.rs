//! The readable summary `defuse analyze` prints for a person, with the evidence marked in the
//! client's own words.

use defuse_core::{Analysis, Emotion, Evidence, Judgement, Language};
use defuse_wire::marks::{bracketed, slice};
use std::fmt::Write;
use std::io::IsTerminal;

/// How evidence is marked: colour on a terminal, brackets elsewhere.
struct Marks {
    open: &'static str,
    close: &'static str,
}

fn marks() -> Marks {
    if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Marks {
            open: "\x1b[1;31m",
            close: "\x1b[0m",
        }
    } else {
        Marks {
            open: "[",
            close: "]",
        }
    }
}

/// The text with every signal span marked.
fn highlighted(text: &str, a: &Analysis, m: &Marks) -> String {
    let spans: Vec<(usize, usize)> = a.signals.iter().map(|s| (s.start, s.end)).collect();
    bracketed(text, &spans, m.open, m.close)
}

/// A heading and one line per ranked label ("service failure 0.73 — \"lost\""), or nothing.
fn ranked<'a>(
    o: &mut String,
    heading: &str,
    text: &str,
    items: impl Iterator<Item = (&'static str, f32, &'a Vec<Evidence>)>,
) {
    for (k, (name, score, evidence)) in items.enumerate() {
        if k == 0 {
            let _ = writeln!(o, "{heading}");
        }
        let name = name.replace('_', " ");
        let _ = writeln!(o, "  {name} {score:.2}{}", quotes(text, evidence));
    }
}

fn quotes(text: &str, ev: &[Evidence]) -> String {
    if ev.is_empty() {
        return String::new();
    }
    let q: Vec<String> = ev
        .iter()
        .take(3)
        .map(|e| format!("\"{}\"", slice(text, e.start, e.end)))
        .collect();
    format!(" — {}", q.join(", "))
}

fn yes_no(j: &Judgement) -> &'static str {
    if j.holds() { "yes" } else { "no" }
}

/// The whole summary.
pub fn summary(text: &str, a: &Analysis) -> String {
    let m = marks();
    let mut o = String::new();
    let top = a.top_emotion.map_or("none", Emotion::as_str);
    let _ = writeln!(
        o,
        "Level: {} (hostility {:.2})   sentiment: {}   top emotion: {top}",
        a.level.as_str().to_uppercase(),
        a.hostility,
        a.sentiment.as_str()
    );
    if !a.level_evidence.is_empty() {
        let because: Vec<String> = a
            .level_evidence
            .iter()
            .map(|e| format!("\"{}\" ({})", slice(text, e.start, e.end), e.why))
            .collect();
        let _ = writeln!(o, "  because: {}", because.join(", "));
    }
    for (name, j) in [
        ("Offensive", &a.offensive),
        ("Abusive", &a.abusive),
        ("Complaint", &a.complaint),
    ] {
        let _ = writeln!(
            o,
            "{name}: {} ({:.2}){}",
            yes_no(j),
            j.score,
            quotes(text, &j.evidence)
        );
    }
    if a.language == Language::Other {
        let _ = writeln!(
            o,
            "Note: this does not look like English; scores are held back rather than guessed."
        );
    }
    if a.truncated {
        let _ = writeln!(
            o,
            "Note: the message was long; only its first {} bytes were analysed.",
            a.analysed_len
        );
    }
    if !text.trim().is_empty() {
        let _ = writeln!(
            o,
            "\n  {}\n",
            highlighted(text, a, &m).replace('\n', "\n  ")
        );
    }
    let felt: Vec<String> = Emotion::ALL
        .iter()
        .filter(|e| a.emotion(**e).score >= 0.3)
        .map(|e| {
            format!(
                "{} {:.2}{}",
                e.as_str(),
                a.emotion(*e).score,
                quotes(text, &a.emotion(*e).evidence)
            )
        })
        .collect();
    if !felt.is_empty() {
        let _ = writeln!(o, "Feelings:\n  {}", felt.join("\n  "));
    }
    let causes = a
        .causes
        .iter()
        .map(|c| (c.cause.as_str(), c.score, &c.evidence));
    ranked(&mut o, "Likely causes:", text, causes);
    let wants = a
        .wants
        .iter()
        .map(|w| (w.want.as_str(), w.score, &w.evidence));
    ranked(&mut o, "What they want:", text, wants);
    if !a.signals.is_empty() {
        let _ = writeln!(o, "Signals:");
        for s in &a.signals {
            let how = match (s.targeted, s.quoted) {
                (_, true) => " (quoted, not aimed at you)",
                (true, false) => " (aimed at a person)",
                _ => "",
            };
            let _ = writeln!(
                o,
                "  {:<17} \"{}\"{how}",
                s.kind.as_str().replace('_', " "),
                &text[s.start..s.end]
            );
        }
    }
    if !a.concerns.is_empty() {
        let _ = writeln!(o, "What they are asking about (paraphrase it back):");
        for c in &a.concerns {
            let _ = writeln!(o, "  - {}", c.text);
        }
    }
    let _ = writeln!(o, "\n(model {}, tier {})", a.model_version, a.tier.as_str());
    o
}
