//! Cases and their messages.

use chrono::{DateTime, SubsecRound, Utc};

use super::audit::insert_audit;
use super::query::{Param, Sql};
use super::rows::{CASE_SELECT, FOLLOW_UP_COLUMNS, MESSAGE_COLUMNS, encode_list};
use super::work::insert_follow_ups;
use super::{Exec, Result, all, conflict, filter, number, one, page, require_text};
use crate::error::StoreError;
use crate::filters::{CaseFilter, Page, Paging};
use crate::inputs::{CaseChanges, CaseSignals, MessageEffects, NewCase, NewMessage};
use crate::records::{Case, CaseStatus, FollowUpStatus, Message};
use crate::store::PostedMessage;

pub(super) async fn create_case(db: &impl Exec, new: NewCase) -> Result<Case> {
    let id = number(db, insert_case(new)?).await?;
    case(db, id).await
}

/// The insert of a new case, returning its id.
pub(super) fn insert_case(new: NewCase) -> Result<Sql> {
    require_text("subject", &new.subject)?;
    Ok(Sql::new(
        "INSERT INTO cases (client_id, subject, channel, status, assignee_id, team_id, opened_at, \
         peak_hostility, latest_hostility, main_causes, boundary_step) \
         VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, '[]', 0) RETURNING id",
        [
            new.client_id.into(),
            new.subject.into(),
            new.channel.into(),
            CaseStatus::Open.as_str().into(),
            new.assignee_id.into(),
            new.team_id.into(),
            new.opened_at.into(),
        ],
    ))
}

pub(super) async fn case(db: &impl Exec, id: i64) -> Result<Case> {
    one(
        db,
        Sql::new(&format!("{CASE_SELECT} WHERE c.id = ?"), [id.into()]),
    )
    .await
}

pub(super) async fn update_case(
    db: &impl Exec,
    id: i64,
    changes: CaseChanges,
    at: DateTime<Utc>,
) -> Result<Case> {
    let current = case(db, id).await?;
    if let Some(subject) = &changes.subject {
        require_text("subject", subject)?;
    }
    let status = changes.status.unwrap_or(current.status);
    let closed_at = match (status.is_finished(), current.closed_at) {
        (true, Some(closed)) => Some(closed),
        (true, None) => Some(at),
        (false, _) => None,
    };
    let sql = Sql::new(
        "UPDATE cases SET subject = ?, channel = ?, status = ?, assignee_id = ?, team_id = ?, \
         closed_at = ? WHERE id = ?",
        [
            changes.subject.unwrap_or(current.subject).into(),
            changes.channel.unwrap_or(current.channel).into(),
            status.as_str().into(),
            changes.assignee_id.unwrap_or(current.assignee_id).into(),
            changes.team_id.unwrap_or(current.team_id).into(),
            closed_at.into(),
            id.into(),
        ],
    );
    super::changed(db.execute(sql).await?)?;
    case(db, id).await
}

pub(super) async fn list_cases(
    db: &impl Exec,
    case_filter: CaseFilter,
    paging: Paging,
) -> Result<Page<Case>> {
    let mut sql = filter();
    sql.and_scope("c.team_id", &case_filter.teams);
    sql.and_if("c.status = ?", case_filter.status.map(CaseStatus::as_str));
    sql.and_if("c.assignee_id = ?", case_filter.assignee_id);
    sql.and_if("c.team_id = ?", case_filter.team_id);
    sql.and_if("c.client_id = ?", case_filter.client_id);
    sql.and_if("c.peak_hostility >= ?", case_filter.min_hostility);
    sql.and_if(
        "EXISTS (SELECT 1 FROM follow_ups f WHERE f.case_id = c.id AND f.status = 'open' \
         AND f.due_at < ?)",
        case_filter.overdue_at,
    );
    if case_filter.forgotten {
        sql.push(
            " AND c.forgotten_at IS NOT NULL AND c.closed_at IS NULL",
            [],
        );
    }
    let order = "c.opened_at DESC, c.id DESC";
    page(db, CASE_SELECT, "cases c", &sql, order, paging).await
}

pub(super) async fn add_message(
    db: &impl Exec,
    new: NewMessage,
    effects: MessageEffects,
) -> Result<PostedMessage> {
    // The stored row is known from the input, so it is not read back.
    let mut message = Message {
        id: 0,
        case_id: new.case_id,
        direction: new.direction,
        author_id: new.author_id,
        channel: new.channel,
        body: new.body,
        at: new.at.trunc_subsecs(6),
        analysis_json: new.analysis_json,
        model_version: new.model_version,
        external_id: new.external_id,
    };
    let insert = Sql::new(
        "INSERT INTO messages (case_id, direction, author_id, channel, body, at, analysis_json, \
         model_version, external_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        [
            message.case_id.into(),
            message.direction.as_str().into(),
            message.author_id.into(),
            message.channel.clone().into(),
            message.body.clone().into(),
            message.at.into(),
            message.analysis_json.clone().into(),
            message.model_version.clone().into(),
            message.external_id.clone().into(),
        ],
    );
    let promises: Vec<[Param; 10]> = effects
        .promises
        .into_iter()
        .map(|promise| {
            let (start, end) = promise.span.unzip();
            [
                message.case_id.into(),
                promise.what.into(),
                promise.due_at.into(),
                promise.owner_id.into(),
                FollowUpStatus::Open.as_str().into(),
                Param::NewId,
                start.into(),
                end.into(),
                Utc::now().into(),
                promise.date_only.into(),
            ]
        })
        .collect();
    let has_promises = !promises.is_empty();
    let mut then = Vec::new();
    if has_promises {
        then.push(insert_follow_ups(promises, ""));
    }
    if let Some(signals) = effects.case_signals {
        then.push(raise_hostility(message.case_id, message.at, signals));
    }
    if let Some(user_id) = effects.assign_if_unassigned {
        then.push(Sql::new(
            "UPDATE cases SET assignee_id = ? WHERE id = ? AND assignee_id IS NULL",
            [user_id.into(), message.case_id.into()],
        ));
    }
    if let Some(entry) = effects.audit {
        then.push(insert_audit(entry, Param::NewId, ""));
    }
    if let Some(source) = effects.source {
        then.extend(super::ingest::insert_source(source, message.case_id));
    }
    message.id = db
        .transaction(insert, then)
        .await
        .map_err(StoreError::from)
        .map_err(conflict(
            "a message with this external_id is already on the case",
        ))?;
    let follow_ups = if has_promises {
        let sql = Sql::new(
            &format!(
                "SELECT {FOLLOW_UP_COLUMNS} FROM follow_ups WHERE promise_message_id = ? ORDER BY id"
            ),
            [message.id.into()],
        );
        all(db, sql).await?
    } else {
        Vec::new()
    };
    Ok(PostedMessage {
        message,
        follow_ups,
    })
}

/// The analysed hostility becomes the case's latest, and its peak if higher; a threat to
/// safety flags the case from `at` unless it was flagged before.
fn raise_hostility(case_id: i64, at: DateTime<Utc>, signals: CaseSignals) -> Sql {
    let safety_at = signals.safety.then_some(at);
    Sql::new(
        "UPDATE cases SET latest_hostility = ?, \
         peak_hostility = CASE WHEN peak_hostility < ? THEN ? ELSE peak_hostility END, \
         main_causes = ?, safety_at = COALESCE(safety_at, ?) WHERE id = ?",
        [
            signals.hostility.into(),
            signals.hostility.into(),
            signals.hostility.into(),
            encode_list(&signals.main_causes).into(),
            safety_at.into(),
            case_id.into(),
        ],
    )
}

pub(super) async fn message(db: &impl Exec, id: i64) -> Result<Message> {
    let sql = Sql::new(
        &format!("SELECT {MESSAGE_COLUMNS} FROM messages WHERE id = ?"),
        [id.into()],
    );
    one(db, sql).await
}

pub(super) async fn list_messages(
    db: &impl Exec,
    case_id: i64,
    paging: Paging,
) -> Result<Page<Message>> {
    let mut sql = filter();
    sql.and_if("case_id = ?", Some(case_id));
    let select = format!("SELECT {MESSAGE_COLUMNS} FROM messages");
    page(db, &select, "messages", &sql, "at, id", paging).await
}

pub(super) async fn latest_messages(
    db: &impl Exec,
    case_id: i64,
    limit: i64,
) -> Result<Vec<Message>> {
    let sql = Sql::new(
        &format!(
            "SELECT {MESSAGE_COLUMNS} FROM messages WHERE case_id = ? \
             ORDER BY at DESC, id DESC LIMIT ?"
        ),
        [case_id.into(), limit.into()],
    );
    let mut newest_first: Vec<Message> = all(db, sql).await?;
    newest_first.reverse();
    Ok(newest_first)
}
