//! `defuse eval --coaching`: how the reading and the coaching hold on text written by others.
//!
//! Two sets, both development splits that nothing is trained on: the real customer messages of
//! `customer_labels.jsonl` (rows whose `split` is `dev`) and the conversations and drafts of
//! `coaching/`. Every figure is printed beside a trivial baseline (the most common class of the
//! training split, always the same move, a length rule), so that a figure can be read as
//! better or worse than knowing nothing.

use anyhow::{Context, Result, bail};
use defuse_core::coach::{
    self, Analysed, Conversation, Move, Policy, Step, Timestamp, UtcOffset, Verdict,
};
use defuse_core::{Analysis, Analyzer, Cause, CauseScore, Level};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

use crate::data::{read_jsonl, text_of};
use crate::eval::analyse;

/// One figure: what was measured, on which set, over how many rows, with its baseline.
#[derive(Debug, Clone)]
pub struct Figure {
    pub measure: &'static str,
    pub set: &'static str,
    /// What counts as success for this figure, in words: "agreement", "flagged (lower is better)".
    pub metric: &'static str,
    pub hits: usize,
    pub rows: usize,
    /// The baseline's hits over the same rows, and what the baseline is.
    pub baseline: Option<(usize, &'static str)>,
    /// The target, as a fraction.
    pub target: &'static str,
}

impl Figure {
    pub fn value(&self) -> f64 {
        ratio(self.hits, self.rows)
    }
}

fn ratio(k: usize, n: usize) -> f64 {
    if n == 0 { 0.0 } else { k as f64 / n as f64 }
}

/// Transcripts carry no times; every turn is read as sent on a Wednesday mid-morning.
const TRANSCRIPT_TIME: Timestamp = Timestamp(1_772_618_400);

/// A conversation of `coaching/conversations.jsonl` with its labels.
struct Labelled {
    id: String,
    conversation: Conversation,
    levels: Vec<Level>,
    /// `None` where the label is `null` (no grievance drives the message).
    cause: Option<Cause>,
    first_moves: Vec<Move>,
    boundary: String,
    vulnerable: bool,
    urgent: bool,
}

/// A draft of `coaching/drafts.jsonl`.
struct Draft {
    conversation: String,
    text: String,
    good: bool,
    subtle: bool,
}

/// What `evaluate` measured: the figures, and where the level and the cause went wrong.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub figures: Vec<Figure>,
    pub confusions: Vec<Confusion>,
}

/// Labels against readings of one measure on one set: how many rows of each label were read
/// as each class.
#[derive(Debug, Clone, Default)]
pub struct Confusion {
    pub measure: &'static str,
    pub set: &'static str,
    counts: BTreeMap<(&'static str, &'static str), usize>,
}

impl Confusion {
    fn new(measure: &'static str, set: &'static str) -> Confusion {
        Confusion {
            measure,
            set,
            counts: BTreeMap::new(),
        }
    }

    fn add(&mut self, label: &'static str, read: &'static str) {
        *self.counts.entry((label, read)).or_default() += 1;
    }

    /// How many rows labelled `label` were read as `read`.
    pub fn count(&self, label: &str, read: &str) -> usize {
        self.counts.get(&(label, read)).copied().unwrap_or(0)
    }

    /// Every class seen as a label or a reading, in the order of `order` first.
    fn classes(&self, order: &[&'static str]) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = order.to_vec();
        for (label, read) in self.counts.keys() {
            for c in [*label, *read] {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out.retain(|c| self.counts.keys().any(|(l, r)| l == c || r == c));
        out
    }

    /// A markdown table: one row a label, one column a reading.
    pub fn table(&self) -> String {
        let classes = self.classes(&CLASS_ORDER);
        let mut out = format!(
            "{} on {} (rows: label, columns: read)\n\n| label | {} |\n|---|{}\n",
            self.measure,
            self.set,
            classes.join(" | "),
            "---:|".repeat(classes.len())
        );
        for label in &classes {
            let cells: Vec<String> = classes
                .iter()
                .map(|read| self.count(label, read).to_string())
                .collect();
            out.push_str(&format!("| {label} | {} |\n", cells.join(" | ")));
        }
        out
    }
}

/// Levels from calm to abusive, then causes: the order classes are shown in.
const CLASS_ORDER: [&str; 10] = [
    "calm",
    "tense",
    "angry",
    "abusive",
    "service_failure",
    "unmet_expectations",
    "miscommunication",
    "feeling_unheard",
    "outside_pressure",
    "none",
];

/// Scores `analyzer` and the coaching on both sets in `dir`.
pub fn evaluate(dir: &Path, analyzer: &Analyzer) -> Result<Report> {
    let path = dir.join("customer_labels.jsonl");
    let rows = read_jsonl(&path)?;
    let common = Common::of(&rows)?;
    let mut report = customer_figures(&path, &rows, &common, analyzer)?;
    let conversations = conversation_figures(dir, common.level, analyzer)?;
    report.figures.extend(conversations.figures);
    report.confusions.extend(conversations.confusions);
    Ok(report)
}

/// The most common label of each kind in the training split of `customer_labels`: the
/// baselines.
struct Common<'a> {
    level: &'a str,
    cause: &'a str,
    want: &'a str,
}

impl<'a> Common<'a> {
    fn of(rows: &'a [Value]) -> Result<Common<'a>> {
        let train: Vec<&Value> = rows.iter().filter(|v| v["split"] == "train").collect();
        let common = |key: &str| {
            most_common(train.iter().filter_map(|v| v[key].as_str()))
                .with_context(|| format!("customer_labels: no training row has `{key}`"))
        };
        Ok(Common {
            level: common("level")?,
            cause: common("main_cause")?,
            want: common("wants")?,
        })
    }
}

/// Level, main cause and what they want on the dev rows of `customer_labels.jsonl` (`rows`,
/// read from `path`), against the training split's most common class.
fn customer_figures(
    path: &Path,
    rows: &[Value],
    common: &Common<'_>,
    analyzer: &Analyzer,
) -> Result<Report> {
    const SET: &str = "customer_labels dev";
    let dev: Vec<(usize, &Value)> = rows
        .iter()
        .enumerate()
        .filter(|(_, v)| v["split"] == "dev")
        .collect();
    if dev.is_empty() {
        bail!("{}: no rows with split \"dev\"", path.display());
    }
    let texts: Vec<&str> = dev
        .iter()
        .map(|(i, v)| text_of(v, path, i + 1))
        .collect::<Result<_>>()?;
    let found = analyse(analyzer, &texts);

    let mut level = Tally::default();
    let mut cause = Tally::default();
    let mut wants = Tally::default();
    let mut levels = Confusion::new("level", SET);
    let mut causes = Confusion::new("main cause", SET);
    for ((_, v), a) in dev.iter().zip(&found) {
        if let Some(label) = v["level"].as_str().and_then(level_named) {
            level.add(a.level.as_str() == label, label == common.level);
            levels.add(label, a.level.as_str());
        }
        if let Some(label) = v["main_cause"].as_str().and_then(cause_named) {
            cause.add(main_cause(a) == label, label == common.cause);
            causes.add(label, main_cause(a));
        }
        if let Some(label) = v["wants"].as_str() {
            wants.add(main_want(a) == label, label == common.want);
        }
    }
    let figures = vec![
        level.figure(
            "level",
            SET,
            "agreement",
            "most common level (train)",
            "≥ 0.80",
        ),
        cause.figure(
            "main cause",
            SET,
            "accuracy",
            "most common cause (train)",
            "≥ 0.70",
        ),
        wants.figure(
            "what they want",
            SET,
            "accuracy",
            "most common want (train)",
            "",
        ),
    ];
    Ok(Report {
        figures,
        confusions: vec![levels, causes],
    })
}

/// A level's name as `'static`, or `None` for a name that is not one.
fn level_named(name: &str) -> Option<&'static str> {
    Level::ALL
        .into_iter()
        .map(Level::as_str)
        .find(|l| *l == name)
}

/// A cause's name (or `none`) as `'static`, or `None` for a name that is not one.
fn cause_named(name: &str) -> Option<&'static str> {
    let causes = Cause::ALL.into_iter().map(Cause::as_str);
    causes.chain(["none"]).find(|c| *c == name)
}

/// The first want if it holds, or `nothing_specific`.
fn main_want(a: &Analysis) -> &'static str {
    a.wants
        .first()
        .filter(|w| w.score >= 0.5)
        .map_or("nothing_specific", |w| w.want.as_str())
}

/// The top cause's name, or `none` when no cause reaches the decision point.
fn main_cause(a: &Analysis) -> &'static str {
    held_cause(&a.causes).map_or("none", Cause::as_str)
}

/// The likeliest of `causes` that reaches the decision point, if any.
pub(crate) fn held_cause(causes: &[CauseScore]) -> Option<Cause> {
    causes
        .iter()
        .filter(|c| c.score >= 0.5)
        .max_by(|x, y| x.score.total_cmp(&y.score))
        .map(|c| c.cause)
}

/// Hits of a measure and of its baseline over the same rows.
#[derive(Default)]
struct Tally {
    hits: usize,
    base: usize,
    rows: usize,
}

impl Tally {
    fn add(&mut self, hit: bool, base: bool) {
        self.hits += usize::from(hit);
        self.base += usize::from(base);
        self.rows += 1;
    }

    fn figure(
        &self,
        measure: &'static str,
        set: &'static str,
        metric: &'static str,
        baseline: &'static str,
        target: &'static str,
    ) -> Figure {
        Figure {
            measure,
            set,
            metric,
            hits: self.hits,
            rows: self.rows,
            baseline: Some((self.base, baseline)),
            target,
        }
    }
}

fn most_common<'a>(values: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, n)| *n)
        .map(|(name, _)| name)
}

/// Levels, cause, first move and boundary step on `coaching/conversations.jsonl`, and the draft
/// check on `coaching/drafts.jsonl`.
/// `baseline_level` is the most common level of the customer training split.
fn conversation_figures(dir: &Path, baseline_level: &str, analyzer: &Analyzer) -> Result<Report> {
    const SET: &str = "coaching/ conversations";
    const DRAFTS: &str = "coaching/ drafts";
    let conversations = read_conversations(&dir.join("coaching/conversations.jsonl"))?;
    let drafts = read_drafts(&dir.join("coaching/drafts.jsonl"))?;
    let policy = Policy::default();

    let analysed: Vec<Analysed<'_>> = conversations
        .par_iter()
        .map(|c| Analysed::new(&c.conversation, analyzer))
        .collect();
    let mut level = Tally::default();
    let mut cause = Tally::default();
    let mut first = Tally::default();
    let mut first_vulnerable = Tally::default();
    let mut first_urgent = Tally::default();
    let mut boundary = Tally::default();
    let mut needed = Tally::default();
    let mut levels = Confusion::new("level of each client message", SET);
    let mut causes = Confusion::new("main cause of the conversation", SET);
    let mut last_alone = Tally::default();
    let mut story_alone = Tally::default();
    for (c, a) in conversations.iter().zip(&analysed) {
        let coaching = coach::coach_analysed(a, &policy);
        let read = coaching.course.turns.iter().filter_map(|t| t.level);
        for (got, want) in read.zip(&c.levels) {
            level.add(got == *want, want.as_str() == baseline_level);
            levels.add(want.as_str(), got.as_str());
        }
        let want_cause = c.cause.map_or("none", Cause::as_str);
        let story = coaching.situation.cause.as_ref();
        let got_cause = story.map_or("none", |s| s.cause.as_str());
        cause.add(got_cause == want_cause, want_cause == "service_failure");
        causes.add(want_cause, got_cause);
        let alone = a.last_client().map_or("none", |(_, _, x)| main_cause(x));
        last_alone.add(alone == want_cause, want_cause == "service_failure");
        let story = a.last_client().and_then(|(_, _, x)| x.story.as_deref());
        let whole = story.map_or(alone, |s| held_cause(s).map_or("none", Cause::as_str));
        story_alone.add(whole == want_cause, want_cause == "service_failure");
        let opening = coaching.moves.first().map(|m| m.kind);
        let ok = opening.is_some_and(|m| c.first_moves.contains(&m));
        let base = c.first_moves.contains(&Move::Acknowledge);
        first.add(ok, base);
        if c.vulnerable {
            first_vulnerable.add(ok, base);
        }
        if c.urgent {
            first_urgent.add(ok, base);
        }
        let step = ladder(coaching.boundary.step);
        boundary.add(step == c.boundary, c.boundary == "none");
        if c.boundary != "none" {
            needed.add(step == c.boundary, false);
        }
    }

    let by_id: BTreeMap<&str, &Analysed<'_>> = conversations
        .iter()
        .map(|c| c.id.as_str())
        .zip(&analysed)
        .collect();
    let mut good_flagged = Tally::default();
    let mut careless_passed = Tally::default();
    let mut subtle_passed = Tally::default();
    let mut good_rewrite = Tally::default();
    let mut careless_rewrite = Tally::default();
    for d in &drafts {
        let a = by_id.get(d.conversation.as_str()).with_context(|| {
            format!(
                "coaching/drafts.jsonl: unknown conversation {}",
                d.conversation
            )
        })?;
        let sent = coach::check_reply_analysed(&d.text, a, &policy, TRANSCRIPT_TIME)
            .with_context(|| format!("coaching/drafts.jsonl: draft for {}", d.conversation))?;
        let flagged = sent.verdict != Verdict::Send;
        let short = d.text.split_whitespace().count() < SHORT_DRAFT_WORDS;
        let rewrite = sent.verdict == Verdict::Rewrite;
        if d.good {
            good_flagged.add(flagged, short);
            good_rewrite.add(rewrite, short);
        } else {
            careless_rewrite.add(rewrite, short);
            careless_passed.add(!flagged, !short);
            if d.subtle {
                subtle_passed.add(!flagged, !short);
            }
        }
    }

    let most_common = "most common level (customer_labels train)";
    let figures = vec![
        level.figure(
            "level of each client message",
            SET,
            "agreement",
            most_common,
            "≥ 0.80",
        ),
        cause.figure(
            "main cause of the conversation",
            SET,
            "accuracy",
            "always service_failure",
            "≥ 0.70",
        ),
        last_alone.figure(
            "main cause, last message read alone",
            SET,
            "accuracy",
            "always service_failure",
            "",
        ),
        story_alone.figure(
            "main cause, the story head alone",
            SET,
            "accuracy",
            "always service_failure",
            "",
        ),
        first.figure(
            "first move",
            SET,
            "acceptable",
            "always acknowledge",
            "≥ 0.85",
        ),
        first_vulnerable.figure(
            "first move, vulnerable client",
            SET,
            "acceptable",
            "always acknowledge",
            "",
        ),
        first_urgent.figure(
            "first move, urgent",
            SET,
            "acceptable",
            "always acknowledge",
            "",
        ),
        boundary.figure("boundary step", SET, "exact", "always none", "≥ 0.95"),
        needed.figure(
            "boundary step where one is needed",
            SET,
            "exact",
            "always none",
            "all",
        ),
        good_flagged.figure(
            "good drafts flagged",
            DRAFTS,
            "flagged (lower is better)",
            "length: under 40 words",
            "≤ 0.05",
        ),
        careless_passed.figure(
            "careless drafts passed",
            DRAFTS,
            "passed (lower is better)",
            "length: under 40 words",
            "≤ 0.05",
        ),
        subtle_passed.figure(
            "subtle careless drafts passed",
            DRAFTS,
            "passed (lower is better)",
            "length: under 40 words",
            "≤ 0.10",
        ),
        good_rewrite.figure(
            "good drafts told not to send as written",
            DRAFTS,
            "rewrite (lower is better)",
            "length: under 40 words",
            "",
        ),
        careless_rewrite.figure(
            "careless drafts told not to send as written",
            DRAFTS,
            "rewrite",
            "length: under 40 words",
            "",
        ),
    ];
    Ok(Report {
        figures,
        confusions: vec![levels, causes],
    })
}

/// The length baseline for drafts flags any draft shorter than this: a reply that
/// acknowledges, gives specifics and a timed next step rarely fits in fewer words. Chosen
/// before looking at the drafts, not fitted to them.
const SHORT_DRAFT_WORDS: usize = 40;

/// Our steps in the labels' words (the ladder: warning, final warning, supervisor, end).
fn ladder(step: Step) -> String {
    match step.as_str() {
        "statement" => "warning",
        "handover" => "supervisor",
        other => other,
    }
    .to_string()
}

fn read_conversations(path: &Path) -> Result<Vec<Labelled>> {
    let rows = read_jsonl(path)?;
    rows.iter()
        .enumerate()
        .map(|(i, v)| labelled(v).with_context(|| format!("{}:{}", path.display(), i + 1)))
        .collect()
}

fn labelled(v: &Value) -> Result<Labelled> {
    let str_of = |key: &str| {
        v[key]
            .as_str()
            .with_context(|| format!("field `{key}` missing or not a string"))
    };
    let transcript = str_of("transcript")?;
    let conversation = Conversation::parse_transcript(transcript, TRANSCRIPT_TIME, UtcOffset::UTC)
        .map_err(|e| anyhow::anyhow!("transcript line {}: {}", e.line, e.message))?;
    let levels = v["client_message_levels"]
        .as_array()
        .context("field `client_message_levels` missing")?
        .iter()
        .map(|l| {
            l.as_str()
                .and_then(|s| Level::ALL.into_iter().find(|x| x.as_str() == s))
                .context("unknown level in `client_message_levels`")
        })
        .collect::<Result<_>>()?;
    let expected = &v["expected"];
    let cause = match expected["cause"].as_str() {
        None => None,
        Some(name) => Some(Cause::parse(name).with_context(|| format!("unknown cause {name}"))?),
    };
    let first_moves = expected["first_moves"]
        .as_array()
        .context("field `expected.first_moves` missing")?
        .iter()
        .map(|m| {
            m.as_str()
                .and_then(Move::parse)
                .with_context(|| format!("unknown move {m}"))
        })
        .collect::<Result<_>>()?;
    Ok(Labelled {
        id: str_of("id")?.to_string(),
        conversation,
        levels,
        cause,
        first_moves,
        boundary: expected["boundary"]
            .as_str()
            .context("field `expected.boundary` missing")?
            .to_string(),
        vulnerable: v["vulnerable"].as_bool().unwrap_or(false),
        urgent: v["urgent"].as_bool().unwrap_or(false),
    })
}

fn read_drafts(path: &Path) -> Result<Vec<Draft>> {
    let rows = read_jsonl(path)?;
    rows.iter()
        .enumerate()
        .map(|(i, v)| {
            let at = || format!("{}:{}", path.display(), i + 1);
            let field = |key: &str| {
                v[key]
                    .as_str()
                    .with_context(|| format!("{}: field `{key}` missing", at()))
            };
            Ok(Draft {
                conversation: field("conversation_id")?.to_string(),
                text: field("draft")?.to_string(),
                good: field("label")? == "good",
                subtle: v["note"]
                    .as_str()
                    .is_some_and(|n| n.starts_with("[subtle]")),
            })
        })
        .collect()
}

/// The figures as a markdown table.
pub fn table(report: &Report) -> String {
    let mut out = figure_table(&report.figures);
    for c in &report.confusions {
        out.push('\n');
        out.push_str(&c.table());
    }
    out
}

fn figure_table(figures: &[Figure]) -> String {
    let mut out = String::from(
        "| measure | set | metric | rows | defuse | baseline | baseline is | target |\n|---|---|---|---:|---:|---:|---|---|\n",
    );
    for f in figures {
        let (base, name) = match f.baseline {
            Some((k, name)) => (format!("{:.2}", ratio(k, f.rows)), name),
            None => ("".to_string(), ""),
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {:.2} ({}/{}) | {} | {} | {} |\n",
            f.measure,
            f.set,
            f.metric,
            f.rows,
            f.value(),
            f.hits,
            f.rows,
            base,
            name,
            f.target
        ));
    }
    out
}
