//! The reply corpus: real-shaped mail (`tests/corpus/*.eml`, written for this project) with the
//! text its sender wrote this time beside it (`*.expected`). Measures the share where exactly
//! that text is found, and checks what the `# key: value` lines of an expected file say
//! (automatic mail, direction, contact, thread key, attachments).
//!
//! "Exactly" compares words in order: runs of whitespace count as one space, since HTML turned
//! into text and wrapped plain text break lines differently.

use std::path::{Path, PathBuf};

use defuse_ingest::mail::{self, Agents};
use defuse_ingest::{Direction, Incoming};

/// The share of the corpus whose new text must be found exactly.
const TARGET: f64 = 0.95;

struct Case {
    name: String,
    incoming: Incoming,
    expected: String,
    facts: Vec<(String, String)>,
}

/// The mails of `tests/corpus/{folder}`.
fn corpus_in(folder: &str) -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(folder);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    files.sort();
    let agents = Agents::new(&[], &["shop.test".to_owned()]);
    files
        .iter()
        .map(|path| {
            let raw = std::fs::read(path).expect("eml");
            let stem = path.file_stem().unwrap().to_string_lossy();
            let name = format!("{folder}/{stem}");
            let incoming = mail::parse(&raw, &agents).unwrap_or_else(|e| panic!("{name}: {e}"));
            let expected =
                std::fs::read_to_string(path.with_extension("expected")).expect("expected");
            let (facts, text): (Vec<&str>, Vec<&str>) =
                expected.lines().partition(|l| l.starts_with("# "));
            Case {
                name,
                incoming,
                expected: text.join("\n"),
                facts: facts
                    .iter()
                    .filter_map(|l| l[2..].split_once(": "))
                    .map(|(k, v)| (k.to_owned(), v.to_owned()))
                    .collect(),
            }
        })
        .collect()
}

/// Both sets: the mails the rules were written beside, and the ones written after (held out).
fn corpus() -> Vec<Case> {
    let mut all = corpus_in("");
    all.extend(corpus_in("held-out"));
    all
}

fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The mails of `cases` whose new text is not found exactly, each with what was found.
fn missed(cases: &[Case]) -> Vec<String> {
    cases
        .iter()
        .filter(|c| words(&c.incoming.new_text) != words(&c.expected))
        .map(|c| {
            format!(
                "{}:\n  found:    {:?}\n  expected: {:?}",
                c.name,
                words(&c.incoming.new_text),
                words(&c.expected)
            )
        })
        .collect()
}

#[test]
fn the_new_text_is_found_exactly_in_enough_of_the_corpus() {
    let (beside, after) = (corpus_in(""), corpus_in("held-out"));
    let mut all_missed = Vec::new();
    for (set, cases) in [("written beside the rules", &beside), ("held out", &after)] {
        let missed = missed(cases);
        let found = cases.len() - missed.len();
        println!("{set}: {found}/{} exact", cases.len());
        all_missed.extend(missed);
    }
    let total = beside.len() + after.len();
    assert!(total >= 50, "the corpus holds {total} mails");
    let share = 1.0 - all_missed.len() as f64 / total as f64;
    println!(
        "new text exact: {}/{total} = {share:.3}",
        total - all_missed.len()
    );
    for m in &all_missed {
        println!("{m}");
    }
    assert!(
        share >= TARGET,
        "{share:.3} < {TARGET}:\n{}",
        all_missed.join("\n")
    );
}

#[test]
fn the_facts_of_each_mail_hold() {
    for case in corpus() {
        let m = &case.incoming;
        let automatic = m.automatic.map(|a| a.as_str()).unwrap_or("none");
        let direction = match m.direction {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        };
        let attachments: Vec<String> = m
            .attachments
            .iter()
            .map(|a| format!("{} {} {}", a.name, a.content_type, a.size))
            .collect();
        let fact = |key: &str| {
            case.facts
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        assert_eq!(
            automatic,
            fact("automatic").unwrap_or("none"),
            "{}",
            case.name
        );
        assert_eq!(
            direction,
            fact("direction").unwrap_or("inbound"),
            "{}",
            case.name
        );
        if let Some(attachment) = fact("attachment") {
            assert_eq!(attachments, [attachment], "{}", case.name);
        }
        if let Some(contact) = fact("contact") {
            assert_eq!(m.contact.key, contact, "{}", case.name);
        }
        if let Some(key) = fact("thread") {
            assert_eq!(
                m.thread.first().map(String::as_str),
                Some(key),
                "{}",
                case.name
            );
        }
        assert!(
            !m.external_id.is_empty() && !m.body.is_empty(),
            "{}",
            case.name
        );
    }
}
