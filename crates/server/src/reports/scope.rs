//! Which cases a report covers, read from the query the page's filter form and the API share:
//! team, agent, channel and period, with the caller's role and teams applied.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use defuse_storage::{ReportFilter, Role};
use serde::{Deserialize, Serialize};

use crate::auth::Caller;
use crate::auth::access::require_team;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// When the cases of a report were opened: from, and before; unset ends are open.
type Period = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

/// The periods the filter offers, in days.
pub const PERIODS: [i64; 3] = [7, 30, 90];

/// The filters of a report, as sent by the console's form or an API call. Empty values do
/// not filter, so a form can send every field.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReportQuery {
    /// One team (its id) instead of all the caller's teams.
    #[serde(default, skip_serializing_if = "blank")]
    pub team_id: Option<String>,
    /// One agent's cases (their user id); agents always see only their own.
    #[serde(default, skip_serializing_if = "blank")]
    pub agent_id: Option<String>,
    /// One channel, such as `email` or `chat`.
    #[serde(default, skip_serializing_if = "blank")]
    pub channel: Option<String>,
    /// The last 7, 30 or 90 days; `since` and `until` win over it.
    #[serde(default, skip_serializing_if = "blank")]
    pub days: Option<String>,
    /// Cases opened on or after this day (`2026-11-02`) or time (RFC 3339).
    #[serde(default, skip_serializing_if = "blank")]
    pub since: Option<String>,
    /// Cases opened up to the end of this day, or before this time.
    #[serde(default, skip_serializing_if = "blank")]
    pub until: Option<String>,
    /// Only lessons whose words contain this text.
    #[serde(default, skip_serializing_if = "blank")]
    pub search: Option<String>,
}

fn blank(value: &Option<String>) -> bool {
    value.as_deref().is_none_or(|v| v.trim().is_empty())
}

impl ReportQuery {
    /// The cases this query covers for `caller`: a team they are in, an agent's own cases for
    /// an agent, the period ending at `now` when it is given in days.
    pub async fn filter(
        &self,
        state: &AppState,
        caller: &Caller,
        now: DateTime<Utc>,
    ) -> AppResult<ReportFilter> {
        let teams = match number("team_id", &self.team_id)? {
            Some(team) => {
                require_team(state, caller, team).await?;
                Some(vec![team])
            }
            None => caller.scope(),
        };
        let assignee_id = match caller.role() {
            Role::Agent => Some(caller.id()),
            _ => number("agent_id", &self.agent_id)?,
        };
        let (since, until) = self.period(now)?;
        Ok(ReportFilter {
            teams,
            since,
            until,
            assignee_id,
            channel: text(&self.channel).map(str::to_owned),
        })
    }

    /// This query as a URL query string, for links that keep the filters.
    pub fn to_query_string(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }

    fn period(&self, now: DateTime<Utc>) -> AppResult<Period> {
        let since = instant("since", &self.since, false)?;
        let until = instant("until", &self.until, true)?;
        if let (Some(s), Some(u)) = (since, until)
            && s >= u
        {
            return Err(AppError::invalid("until", "must be after since"));
        }
        if since.is_some() || until.is_some() {
            return Ok((since, until));
        }
        match number("days", &self.days)? {
            None => Ok((None, None)),
            Some(days) if PERIODS.contains(&days) => Ok((Some(now - Duration::days(days)), None)),
            Some(days) => Err(AppError::invalid(
                "days",
                format!("must be 7, 30 or 90, got {days}"),
            )),
        }
    }
}

/// A value that was given and is not blank, trimmed.
pub fn text(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn number(field: &'static str, value: &Option<String>) -> AppResult<Option<i64>> {
    text(value)
        .map(|v| {
            v.parse()
                .map_err(|_| AppError::invalid(field, format!("must be a whole number, got {v:?}")))
        })
        .transpose()
}

/// A day (its start, or with `end_of_day` the start of the next) or an RFC 3339 time.
fn instant(
    field: &'static str,
    value: &Option<String>,
    end_of_day: bool,
) -> AppResult<Option<DateTime<Utc>>> {
    let Some(v) = text(value) else {
        return Ok(None);
    };
    if let Ok(day) = NaiveDate::parse_from_str(v, "%Y-%m-%d") {
        let day = if end_of_day {
            day + Duration::days(1)
        } else {
            day
        };
        return Ok(Some(day.and_time(NaiveTime::MIN).and_utc()));
    }
    DateTime::parse_from_rfc3339(v)
        .map(|t| Some(t.with_timezone(&Utc)))
        .map_err(|_| {
            AppError::invalid(
                field,
                format!("must be a day (2026-11-02) or an RFC 3339 time, got {v:?}"),
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn query(since: &str, until: &str, days: &str) -> ReportQuery {
        let some = |v: &str| Some(v.to_owned());
        ReportQuery {
            since: some(since),
            until: some(until),
            days: some(days),
            ..ReportQuery::default()
        }
    }

    #[test]
    fn a_period_is_days_back_or_whole_days_from_to() {
        let now = Utc.with_ymd_and_hms(2026, 12, 5, 12, 0, 0).unwrap();
        let (since, until) = query("", "", "7").period(now).unwrap();
        assert_eq!((since, until), (Some(now - Duration::days(7)), None));
        let (since, until) = query("2026-11-02", "2026-11-08", "7").period(now).unwrap();
        assert_eq!(
            since,
            Some(Utc.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).unwrap())
        );
        assert_eq!(
            until,
            Some(Utc.with_ymd_and_hms(2026, 11, 9, 0, 0, 0).unwrap())
        );
        assert_eq!(query("", "", "").period(now).unwrap(), (None, None));
    }

    #[test]
    fn bad_values_name_their_field() {
        let now = Utc::now();
        for (q, field) in [
            (query("", "", "14"), "days"),
            (query("yesterday", "", ""), "since"),
            (query("2026-11-09", "2026-11-02", ""), "until"),
        ] {
            match q.period(now) {
                Err(AppError::Invalid { field: Some(f), .. }) => assert_eq!(f, field),
                other => panic!("{q:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn links_keep_only_the_filters_set() {
        let q = ReportQuery {
            channel: Some("e&mail".into()),
            days: Some("30".into()),
            team_id: Some(String::new()),
            ..ReportQuery::default()
        };
        assert_eq!(q.to_query_string(), "channel=e%26mail&days=30");
    }
}
