//! "What calmed clients" as rows to show: for each move, each wording and each move per root
//! cause, how often the client's next message was calmer, with its 95% interval.

use defuse_core::coach::Move;

use super::interval::{Share, wilson};
use crate::calming::{Calming, Tally};

/// How many wordings are shown, those tried most first.
const WORDINGS: usize = 15;

/// One line of the calming tables.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Set in the table per root cause.
    pub cause: Option<String>,
    pub kind: Move,
    /// Set in the table of wordings.
    pub wording: Option<String>,
    pub share: Share,
}

/// The three tables: per move, per wording, per root cause and move; most tried first.
pub struct Tables {
    pub moves: Vec<Row>,
    pub wordings: Vec<Row>,
    pub by_cause: Vec<Row>,
}

pub fn tables(calming: &Calming) -> Tables {
    let moves = calming
        .moves
        .iter()
        .map(|(kind, t)| row(None, *kind, None, *t));
    let wordings = calming
        .wordings
        .iter()
        .map(|((kind, words), t)| row(None, *kind, Some(words.clone()), *t));
    let by_cause = calming
        .by_cause
        .iter()
        .map(|((cause, kind), t)| row(Some(cause.clone()), *kind, None, *t));
    let mut wordings = most_tried(wordings);
    wordings.truncate(WORDINGS);
    Tables {
        moves: most_tried(moves),
        wordings,
        by_cause: most_tried(by_cause),
    }
}

fn row(cause: Option<String>, kind: Move, wording: Option<String>, t: Tally) -> Option<Row> {
    Some(Row {
        cause,
        kind,
        wording,
        share: wilson(t.calmed, t.tried)?,
    })
}

/// Rows by tries (then successes) down; rows without tries left out.
fn most_tried(rows: impl Iterator<Item = Option<Row>>) -> Vec<Row> {
    let mut rows: Vec<Row> = rows.flatten().collect();
    rows.sort_by(|a, b| {
        (b.share.tries, b.share.successes).cmp(&(a.share.tries, a.share.successes))
    });
    rows
}
