//! Response targets of teams, the marks of forgotten cases, and the daily digests.

use chrono::{DateTime, NaiveDate, Utc};

use super::query::Sql;
use super::rows::Stored;
use super::{Exec, Result, number, one};
use crate::error::StoreError;
use crate::inputs::CaseMark;
use crate::records::{Digest, TeamResponse};

const RESPONSE_COLUMNS: &str =
    "team_id, target_minutes, escalate_after_minutes, time_zone, working_hours, holidays";
const DIGEST_COLUMNS: &str = "id, user_id, day, created_at";

#[derive(sqlx::FromRow)]
pub(crate) struct TeamResponseRow {
    team_id: i64,
    target_minutes: i32,
    escalate_after_minutes: i32,
    time_zone: String,
    working_hours: Option<String>,
    holidays: String,
}

impl Stored for TeamResponse {
    type Row = TeamResponseRow;
    fn from_row(row: TeamResponseRow) -> Result<Self> {
        let holidays = super::rows::decode_list(&row.holidays)?
            .iter()
            .map(|day| day.parse::<NaiveDate>())
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| StoreError::Other(anyhow::Error::new(e).context("a stored holiday")))?;
        Ok(TeamResponse {
            team_id: row.team_id,
            target_minutes: row.target_minutes,
            escalate_after_minutes: row.escalate_after_minutes,
            time_zone: row.time_zone,
            working_hours: row.working_hours,
            holidays,
        })
    }
}

pub(super) async fn put_team_response(
    db: &impl Exec,
    response: TeamResponse,
) -> Result<TeamResponse> {
    let holidays: Vec<String> = response.holidays.iter().map(NaiveDate::to_string).collect();
    let sql = Sql::new(
        &format!(
            "INSERT INTO team_response ({RESPONSE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (team_id) DO UPDATE SET target_minutes = excluded.target_minutes, \
             escalate_after_minutes = excluded.escalate_after_minutes, \
             time_zone = excluded.time_zone, working_hours = excluded.working_hours, \
             holidays = excluded.holidays RETURNING {RESPONSE_COLUMNS}"
        ),
        [
            response.team_id.into(),
            response.target_minutes.into(),
            response.escalate_after_minutes.into(),
            response.time_zone.into(),
            response.working_hours.into(),
            super::rows::encode_list(&holidays).into(),
        ],
    );
    one(db, sql).await
}

pub(super) async fn team_response(db: &impl Exec, team_id: i64) -> Result<TeamResponse> {
    let sql = Sql::new(
        &format!("SELECT {RESPONSE_COLUMNS} FROM team_response WHERE team_id = ?"),
        [team_id.into()],
    );
    one(db, sql).await
}

/// Whether anyone replied to the client in case `case_id` at or after `since`.
pub(super) async fn replied_since(
    db: &impl Exec,
    case_id: i64,
    since: DateTime<Utc>,
) -> Result<bool> {
    let sql = Sql::new(
        "SELECT COUNT(*) FROM messages WHERE case_id = ? AND direction = 'outbound' AND at >= ?",
        [case_id.into(), since.into()],
    );
    Ok(number(db, sql).await? > 0)
}

/// The statement that records `mark` on its case at `now`.
pub(super) fn mark_case(mark: CaseMark, now: DateTime<Utc>) -> Sql {
    match mark {
        CaseMark::Forgotten(case_id) => Sql::new(
            "UPDATE cases SET forgotten_at = COALESCE(forgotten_at, ?) WHERE id = ?",
            [now.into(), case_id.into()],
        ),
        CaseMark::Escalated(case_id) => Sql::new(
            "UPDATE cases SET forgotten_escalated_at = COALESCE(forgotten_escalated_at, ?) \
             WHERE id = ? AND forgotten_at IS NOT NULL",
            [now.into(), case_id.into()],
        ),
    }
}

/// Makes the digest of `user_id` for local `day` unless it exists; its row queues its sending.
/// Returns whether this call made it.
pub(super) async fn open_digest(
    db: &impl Exec,
    user_id: i64,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool> {
    let sql = Sql::new(
        "INSERT INTO digests (user_id, day, created_at) VALUES (?, ?, ?) \
         ON CONFLICT (user_id, day) DO NOTHING",
        [user_id.into(), day.to_string().into(), now.into()],
    );
    Ok(db.execute(sql).await? > 0)
}

pub(super) async fn digest(db: &impl Exec, id: i64) -> Result<Digest> {
    let sql = Sql::new(
        &format!("SELECT {DIGEST_COLUMNS} FROM digests WHERE id = ?"),
        [id.into()],
    );
    one(db, sql).await
}
