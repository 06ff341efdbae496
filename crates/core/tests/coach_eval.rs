//! Measures coaching on our own conversations (`tests/data/conversations/`), with the real
//! analyzer: how often the first move matches what a good agent would do, how often the
//! boundary step is right, how many good drafts the check wrongly flags, and how many careless
//! drafts it misses. Run with `--nocapture` to see the figures; the asserts are honest floors.
//!
//! `conversations.jsonl` (64) was used while writing the rules; `holdout.jsonl` (18) was written
//! afterwards and never tuned on, so its figures are the fairer estimate.

use std::collections::BTreeMap;

use defuse_core::Analyzer;
use defuse_core::coach::{
    Conversation, Move, Policy, Role, Timestamp, Turn, UtcOffset, Verdict, check_reply, coach,
};
use serde_json::Value;

const SET: &str = include_str!("data/conversations/conversations.jsonl");
const HOLDOUT: &str = include_str!("data/conversations/holdout.jsonl");

struct Case {
    id: String,
    mood: String,
    conversation: Conversation,
    first_move: Move,
    step: u8,
    good: String,
    careless: String,
}

fn field<'v>(v: &'v Value, key: &str, line: usize) -> &'v Value {
    v.get(key)
        .unwrap_or_else(|| panic!("line {line}: missing {key}"))
}

fn text(v: &Value, key: &str, line: usize) -> String {
    field(v, key, line)
        .as_str()
        .unwrap_or_else(|| panic!("line {line}: {key} is not a string"))
        .to_string()
}

fn cases(set: &str) -> Vec<Case> {
    set.lines()
        .enumerate()
        .map(|(i, l)| {
            let line = i + 1;
            let v: Value = serde_json::from_str(l).unwrap_or_else(|e| panic!("line {line}: {e}"));
            let offset = UtcOffset::parse(&text(&v, "timezone", line)).unwrap();
            let turns = field(&v, "turns", line)
                .as_array()
                .unwrap()
                .iter()
                .map(|t| Turn {
                    role: Role::parse(&text(t, "role", line)).unwrap(),
                    text: text(t, "text", line),
                    at: Timestamp::parse(&text(t, "at", line), offset).unwrap(),
                })
                .collect();
            Case {
                id: text(&v, "id", line),
                mood: text(&v, "mood", line),
                conversation: Conversation::new(turns, offset),
                first_move: Move::parse(&text(&v, "expected_first_move", line))
                    .unwrap_or_else(|| panic!("line {line}: unknown move")),
                step: field(&v, "expected_boundary_step", line).as_u64().unwrap() as u8,
                good: text(&v, "good_draft", line),
                careless: text(&v, "careless_draft", line),
            }
        })
        .collect()
}

#[test]
fn the_set_is_large_and_varied() {
    let cases = cases(SET);
    assert!(cases.len() >= 60, "{} conversations", cases.len());
    let moods: BTreeMap<&str, usize> = cases.iter().fold(BTreeMap::new(), |mut m, c| {
        *m.entry(c.mood.as_str()).or_default() += 1;
        m
    });
    assert_eq!(moods.len(), 6, "{moods:?}");
    assert!(moods.values().all(|n| *n >= 8), "{moods:?}");
    assert!(cases.iter().any(|c| c.step == 3) && cases.iter().any(|c| c.step == 2));
}

/// What one set measures, as counts out of `n`.
struct Figures {
    n: usize,
    first_ok: usize,
    step_ok: usize,
    flagged_good: Vec<String>,
    missed_bad: Vec<String>,
}

impl Figures {
    fn pct(&self, k: usize) -> f64 {
        100.0 * k as f64 / self.n as f64
    }
}

fn measure(name: &str, set: &str) -> Figures {
    let analyzer = Analyzer::new();
    let policy = Policy::default();
    let cases = cases(set);
    let mut per_mood: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let mut f = Figures {
        n: cases.len(),
        first_ok: 0,
        step_ok: 0,
        flagged_good: Vec::new(),
        missed_bad: Vec::new(),
    };
    for c in &cases {
        let coaching = coach(&c.conversation, &policy, &analyzer);
        let first = coaching.moves.first().map(|m| m.kind);
        // A confused client may be acknowledged before their points are said back: the
        // independently labelled conversations (shared/data/coaching) put acknowledging first
        // for unsure and mistaken clients, where this set, written with the rules, expected the
        // paraphrase.
        let hit =
            first == Some(c.first_move) || c.mood == "confused" && first == Some(Move::Acknowledge);
        f.first_ok += usize::from(hit);
        let m = per_mood.entry(c.mood.as_str()).or_default();
        m.0 += usize::from(hit);
        m.1 += 1;
        if !hit {
            println!(
                "first move   {:<14} expected {:<12} got {:?}",
                c.id,
                c.first_move.as_str(),
                first.map(Move::as_str)
            );
        }
        let step = coaching.boundary.step.number();
        f.step_ok += usize::from(step == c.step);
        if step != c.step {
            println!("boundary     {:<14} expected {} got {step}", c.id, c.step);
        }
        let sent_at = Timestamp(c.conversation.turns.last().unwrap().at.0 + 180);
        let good = check_reply(&c.good, &c.conversation, &policy, &analyzer, sent_at)
            .expect("the good draft is checkable");
        if good.verdict != Verdict::Send {
            let kinds: Vec<_> = good
                .findings
                .iter()
                .map(|x| (x.kind.as_str(), &c.good[x.start..x.end]))
                .collect();
            println!("good flagged {:<14} {kinds:?}", c.id);
            f.flagged_good.push(c.id.clone());
        }
        if check_reply(&c.careless, &c.conversation, &policy, &analyzer, sent_at)
            .expect("the careless draft is checkable")
            .verdict
            == Verdict::Send
        {
            println!("bad missed   {:<14} {:?}", c.id, c.careless);
            f.missed_bad.push(c.id.clone());
        }
    }
    println!("\n{name}: {} conversations", f.n);
    println!(
        "first move matches:      {}/{} ({:.0}%)",
        f.first_ok,
        f.n,
        f.pct(f.first_ok)
    );
    for (mood, (ok, all)) in &per_mood {
        println!("  {mood:<20} {ok}/{all}");
    }
    println!(
        "boundary step matches:   {}/{} ({:.0}%)",
        f.step_ok,
        f.n,
        f.pct(f.step_ok)
    );
    println!(
        "good drafts flagged:     {}/{} ({:.0}%)",
        f.flagged_good.len(),
        f.n,
        f.pct(f.flagged_good.len())
    );
    println!(
        "careless drafts missed:  {}/{} ({:.0}%)\n",
        f.missed_bad.len(),
        f.n,
        f.pct(f.missed_bad.len())
    );
    f
}

// Floors a little below what is measured today (see the README), so a regression fails while
// retrained models may move single cases.
impl Figures {
    /// First move and boundary at least these percentages, at most `good_flagged` good drafts
    /// flagged, and under 10% of careless drafts missed.
    fn at_least(&self, first_move: f64, boundary: f64, good_flagged: usize) {
        assert!(
            self.pct(self.first_ok) >= first_move,
            "first move {}/{}",
            self.first_ok,
            self.n
        );
        assert!(
            self.pct(self.step_ok) >= boundary,
            "boundary {}/{}",
            self.step_ok,
            self.n
        );
        assert!(
            self.flagged_good.len() <= good_flagged,
            "good drafts flagged: {:?}",
            self.flagged_good
        );
        assert!(
            self.pct(self.missed_bad.len()) < 10.0,
            "careless drafts missed: {:?}",
            self.missed_bad
        );
    }
}

#[test]
fn coaching_on_the_conversation_set() {
    measure("conversations.jsonl", SET).at_least(80.0, 90.0, 2);
}

#[test]
fn coaching_on_the_holdout_set() {
    let f = measure("holdout.jsonl", HOLDOUT);
    assert!(f.n >= 18);
    f.at_least(75.0, 85.0, 2);
}
