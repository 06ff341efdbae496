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
    let verdicts = ["send".to_owned(), "revise".to_owned(), "rewrite".to_owned()];
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
                title: "Replies sent as the check advised (send) and against it (revise, rewrite)",
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn sent(case_id: i64, day: u32, verdict: &str, kinds: &[&str]) -> SentReply {
        let findings: Vec<String> = kinds
            .iter()
            .map(|k| format!(r#"{{"kind":"{k}","start":0,"end":4,"text":"Calm","message":"m","rewrite":"r"}}"#))
            .collect();
        SentReply {
            message_id: case_id,
            case_id,
            author_id: Some(1),
            at: Utc.with_ymd_and_hms(2026, 11, day, 10, 0, 0).unwrap(),
            analysis_json: Some(format!(
                r#"{{"check":{{"score":50,"verdict":"{verdict}","findings":[{}],"promises":[]}}}}"#,
                findings.join(",")
            )),
        }
    }

    #[test]
    fn faults_and_verdicts_are_counted_per_week_of_sending() {
        // Week of Nov 2: two replies with faults, one sent though the check said to rewrite it;
        // week of Nov 9: one clean reply, and one reply stored without a check, which is not read.
        let mut replies = vec![
            sent(1, 2, "rewrite", &["dismissive", "blame"]),
            sent(2, 4, "send", &["no_next_step"]),
            sent(3, 10, "send", &[]),
        ];
        replies.push(SentReply {
            analysis_json: None,
            ..sent(4, 11, "send", &[])
        });
        let weeks = super::super::figures::weeks(replies[0].at, replies[3].at);
        let c = coaching(&replies, &weeks);
        assert_eq!(c.replies, 3);
        let counts = |chart: &Chart| -> Vec<(String, Vec<Option<f64>>)> {
            chart
                .series
                .iter()
                .map(|s| (s.name.clone(), s.cells.iter().map(|c| c.value).collect()))
                .collect()
        };
        let some = |a: f64, b: f64| vec![Some(a), Some(b)];
        assert_eq!(
            counts(&c.charts[0]),
            [
                ("blame".to_owned(), some(1.0, 0.0)),
                ("dismissive".to_owned(), some(1.0, 0.0)),
                ("no next step".to_owned(), some(1.0, 0.0)),
            ]
        );
        assert_eq!(
            counts(&c.charts[1]),
            [
                ("send".to_owned(), some(1.0, 1.0)),
                ("revise".to_owned(), some(0.0, 0.0)),
                ("rewrite".to_owned(), some(1.0, 0.0))
            ]
        );
        assert_eq!(c.charts[1].series[2].cells[0].cases, [1]);
        let examples: Vec<(i64, &str)> = c
            .examples
            .iter()
            .map(|e| (e.case_id, e.finding.kind.as_str()))
            .collect();
        assert_eq!(
            examples,
            [(2, "no_next_step"), (1, "dismissive"), (1, "blame")],
            "newest first"
        );
    }
}
