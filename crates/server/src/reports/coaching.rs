//! An agent's own coaching over time, from the checks stored beside the replies they sent:
//! which faults the check found each week, how many replies went out though the check said
//! `revise`, and examples from their own cases.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveDate, Utc};
use defuse_storage::SentReply;
use defuse_wire::FindingDto;

use super::chart::{Cell, Chart, Series};
use super::figures::week_of;
use crate::exchange::StoredCheck;

/// How many examples the page shows.
const EXAMPLES: usize = 8;

/// What the checks of an agent's sent replies show.
#[derive(Debug, Clone, PartialEq)]
pub struct Coaching {
    /// Faults per week by kind, then replies per week by verdict.
    pub charts: Vec<Chart>,
    /// The newest findings, newest first.
    pub examples: Vec<Example>,
    /// Replies read (those with a stored check).
    pub replies: usize,
}

/// A fault the check found in a reply that was sent.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub case_id: i64,
    pub at: DateTime<Utc>,
    pub finding: FindingDto,
}

/// Reads the stored checks of `replies` (oldest first) over `weeks`.
pub fn coaching(replies: &[SentReply], weeks: &[NaiveDate]) -> Coaching {
    let checked: Vec<(&SentReply, StoredCheck)> = replies
        .iter()
        .filter_map(|r| Some((r, serde_json::from_str(r.analysis_json.as_deref()?).ok()?)))
        .collect();
    let kinds: Vec<String> = checked
        .iter()
        .flat_map(|(_, s)| s.check.findings.iter().map(|f| f.kind.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let faults = by_week(weeks, &kinds, &checked, |s, kind| {
        s.check.findings.iter().any(|f| f.kind == kind)
    });
    let verdicts = ["send".to_owned(), "revise".to_owned()];
    let verdicts = by_week(weeks, &verdicts, &checked, |s, verdict| {
        s.check.verdict == verdict
    });
    let examples = checked
        .iter()
        .rev()
        .flat_map(|(r, s)| {
            s.check.findings.iter().map(|f| Example {
                case_id: r.case_id,
                at: r.at,
                finding: f.clone(),
            })
        })
        .take(EXAMPLES)
        .collect();
    Coaching {
        charts: vec![
            Chart {
                key: "faults",
                title: "Replies sent with each kind of fault the check found",
                ..faults
            },
            Chart {
                key: "verdicts",
                title: "Replies sent as the check advised (send) and against it (revise)",
                ..verdicts
            },
        ],
        examples,
        replies: checked.len(),
    }
}

/// A weekly chart of replies: a series per name, counting the replies `has` says yes to.
fn by_week(
    weeks: &[NaiveDate],
    names: &[String],
    checked: &[(&SentReply, StoredCheck)],
    has: impl Fn(&StoredCheck, &str) -> bool,
) -> Chart {
    let series = names
        .iter()
        .map(|name| Series {
            name: name.replace('_', " "),
            cells: weeks
                .iter()
                .map(|w| {
                    let cases: Vec<i64> = checked
                        .iter()
                        .filter(|(r, s)| week_of(r.at) == *w && has(s, name))
                        .map(|(r, _)| r.case_id)
                        .collect();
                    Cell::tally(cases.len(), cases)
                })
                .collect(),
        })
        .collect();
    Chart {
        key: "",
        title: "",
        unit: "replies",
        axis: "week",
        stacked: true,
        columns: weeks.iter().map(NaiveDate::to_string).collect(),
        series,
    }
}
