//! `Sql`: statement text with its parameters, written once for both backends.
//!
//! Fragments are written with `?` for each parameter; `Sql` numbers them `$1`, `$2`, ... which
//! both PostgreSQL and SQLite understand, so one text serves both.

use chrono::{DateTime, SubsecRound, Utc};

use crate::filters::TeamScope;

/// A value bound to a statement. Each variant knows its SQL type, so NULLs stay typed.
#[derive(Debug, Clone)]
pub(crate) enum Param {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
    Time(Option<DateTime<Utc>>),
    /// The id returned by the first statement of a transaction (see `Exec::transaction`).
    NewId,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Sql {
    pub(crate) text: String,
    pub(crate) params: Vec<Param>,
}

impl Sql {
    /// A statement from a fragment and the values of its `?`s, in order.
    pub(crate) fn new<const N: usize>(fragment: &str, params: [Param; N]) -> Self {
        let mut sql = Sql::default();
        sql.push(fragment, params);
        sql
    }

    /// Whether the statement only reads this database (and so may run on any connection):
    /// a `SELECT`, or SQLite's `VACUUM INTO`, which writes a copy elsewhere and must not run
    /// inside the writer's transaction.
    pub(crate) fn is_read(&self) -> bool {
        let text = self.text.trim_start();
        text.starts_with("SELECT") || text.starts_with("VACUUM INTO")
    }

    /// Appends a fragment, numbering its `?`s after the parameters already bound.
    pub(crate) fn push(&mut self, fragment: &str, params: impl IntoIterator<Item = Param>) {
        let mut pieces = fragment.split('?');
        if let Some(first) = pieces.next() {
            self.text.push_str(first);
        }
        let mut params = params.into_iter();
        for piece in pieces {
            let param = params
                .next()
                .expect("one parameter per `?` in a SQL fragment");
            self.params.push(param);
            self.text.push_str(&format!("${}", self.params.len()));
            self.text.push_str(piece);
        }
        debug_assert!(
            params.next().is_none(),
            "more parameters than `?`s in {fragment}"
        );
    }

    /// Appends `AND <condition>` when `value` is set.
    pub(crate) fn and_if(&mut self, condition: &str, value: Option<impl Into<Param>>) {
        if let Some(value) = value {
            self.push(&format!(" AND {condition}"), [value.into()]);
        }
    }

    /// Appends `AND <column> IN (...)` for a team scope; an empty scope matches nothing.
    pub(crate) fn and_scope(&mut self, column: &str, scope: &TeamScope) {
        let Some(teams) = scope else { return };
        if teams.is_empty() {
            self.text.push_str(" AND 1 = 0");
            return;
        }
        let marks = vec!["?"; teams.len()].join(", ");
        self.push(
            &format!(" AND {column} IN ({marks})"),
            teams.iter().map(|&id| Param::from(id)),
        );
    }

    /// `head` followed by this text; `head` must bind no parameters, since none are renumbered.
    pub(crate) fn prefixed(&self, head: &str) -> Sql {
        Sql {
            text: format!("{head}{}", self.text),
            params: self.params.clone(),
        }
    }
}

/// A LIKE pattern matching `text` anywhere, lower case, with `\` escaping LIKE's wildcards.
pub(crate) fn contains_pattern(text: &str) -> String {
    let mut pattern = String::from("%");
    for c in text.to_lowercase().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

impl From<i64> for Param {
    fn from(value: i64) -> Self {
        Param::Int(Some(value))
    }
}

impl From<Option<i64>> for Param {
    fn from(value: Option<i64>) -> Self {
        Param::Int(value)
    }
}

impl From<i32> for Param {
    fn from(value: i32) -> Self {
        Param::Int(Some(value.into()))
    }
}

impl From<Option<i32>> for Param {
    fn from(value: Option<i32>) -> Self {
        Param::Int(value.map(i64::from))
    }
}

impl From<bool> for Param {
    fn from(value: bool) -> Self {
        Param::Int(Some(value.into()))
    }
}

impl From<f64> for Param {
    fn from(value: f64) -> Self {
        Param::Real(Some(value))
    }
}

impl From<String> for Param {
    fn from(value: String) -> Self {
        Param::Text(Some(value))
    }
}

impl From<&str> for Param {
    fn from(value: &str) -> Self {
        Param::Text(Some(value.to_owned()))
    }
}

impl From<Option<String>> for Param {
    fn from(value: Option<String>) -> Self {
        Param::Text(value)
    }
}

/// Times are kept to the microsecond, the finest PostgreSQL stores, so both backends agree.
impl From<DateTime<Utc>> for Param {
    fn from(value: DateTime<Utc>) -> Self {
        Param::Time(Some(value.trunc_subsecs(6)))
    }
}

impl From<Option<DateTime<Utc>>> for Param {
    fn from(value: Option<DateTime<Utc>>) -> Self {
        Param::Time(value.map(|t| t.trunc_subsecs(6)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(sql: &Sql) -> (&str, usize) {
        (sql.text.as_str(), sql.params.len())
    }

    #[test]
    fn question_marks_become_numbered_placeholders_across_fragments() {
        let mut sql = Sql::new("SELECT x FROM t WHERE a = ?", [1i64.into()]);
        sql.and_if("b = ?", Some("two"));
        sql.and_if("c = ?", None::<i64>);
        sql.push(" LIMIT ? OFFSET ?", [3i64.into(), 4i64.into()]);
        let text = "SELECT x FROM t WHERE a = $1 AND b = $2 LIMIT $3 OFFSET $4";
        assert_eq!(numbered(&sql), (text, 4));
    }

    #[test]
    fn team_scope_lists_ids_and_an_empty_scope_matches_nothing() {
        let mut all = Sql::new(" WHERE 1 = 1", []);
        all.and_scope("c.team_id", &None);
        assert_eq!(numbered(&all), (" WHERE 1 = 1", 0));
        let mut some = Sql::new(" WHERE 1 = 1", []);
        some.and_scope("c.team_id", &Some(vec![4, 7]));
        assert_eq!(
            numbered(&some),
            (" WHERE 1 = 1 AND c.team_id IN ($1, $2)", 2)
        );
        let mut none = Sql::new(" WHERE 1 = 1", []);
        none.and_scope("c.team_id", &Some(vec![]));
        assert_eq!(numbered(&none), (" WHERE 1 = 1 AND 1 = 0", 0));
    }

    #[test]
    fn reads_are_told_from_writes() {
        assert!(Sql::new("  SELECT 1", []).is_read());
        assert!(!Sql::new("INSERT INTO t (a) VALUES (?) RETURNING a", [1i64.into()]).is_read());
        assert!(!Sql::new("UPDATE t SET a = 1", []).is_read());
    }

    #[test]
    fn like_patterns_match_literally_and_ignore_case() {
        assert_eq!(contains_pattern("Dana"), "%dana%");
        assert_eq!(contains_pattern("100%_a\\b"), "%100\\%\\_a\\\\b%");
    }

    #[test]
    fn times_are_cut_to_microseconds() {
        let t = DateTime::from_timestamp(1_700_000_000, 123_456_789).unwrap();
        let Param::Time(Some(kept)) = Param::from(t) else {
            panic!("a time")
        };
        assert_eq!(kept.timestamp_subsec_nanos(), 123_456_000);
    }
}
