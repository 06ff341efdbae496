//! `GET /clients/{id}/brief`: what the next person to talk to this client should know, cut to
//! the cases the caller may see.

use std::collections::{BTreeMap, HashSet};

use axum::extract::{Path, State};
use chrono::{DateTime, Utc};
use defuse_storage::{FollowUpFilter, FollowUpStatus, MAX_LIMIT, Message, Paging};
use serde::Serialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::auth::Caller;
use crate::calming::Calming;
use crate::dto::{AgreedActionOut, CaseOut, ClientOut, FollowUpOut};
use crate::error::{AppResult, NotFoundAs};
use crate::json::ApiJson;
use crate::state::AppState;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(brief))
}

/// How many recent messages over all the client's cases the brief reads.
const RECENT_MESSAGES: i64 = 200;

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct BriefOut {
    pub client: ClientOut,
    /// The client's own flags, then what their history shows ("boundary crossed before", ...).
    pub flags: Vec<String>,
    /// Their cases the caller may see, newest first.
    pub cases: Vec<CaseOut>,
    pub last_contact: Option<DateTime<Utc>>,
    /// Root causes over their cases, most frequent first.
    pub went_wrong_before: Vec<CauseCount>,
    /// Agent moves that came before this client calmed down, most often first.
    pub calmed_by: Vec<MoveCount>,
    /// Promises and follow-ups still open, soonest due first.
    pub open_promises: Vec<FollowUpOut>,
    /// Promises that passed their due time undone, latest due first.
    pub missed_promises: Vec<FollowUpOut>,
    pub agreed_actions: Vec<AgreedActionOut>,
    /// From reflections and documented outcomes: what colleagues learned.
    pub lessons: Vec<String>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct CauseCount {
    pub cause: String,
    pub cases: i64,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct MoveCount {
    #[serde(rename = "move")]
    pub kind: String,
    pub times: u32,
}

#[utoipa::path(get, path = "/clients/{id}/brief", tag = "clients", params(("id" = i64, Path)), responses((status = 200, body = BriefOut)))]
pub async fn brief(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<i64>,
) -> AppResult<ApiJson<BriefOut>> {
    let history = state
        .store
        .client_history(id, RECENT_MESSAGES)
        .await
        .or_missing("client")?;
    let cases: Vec<_> = history
        .cases
        .into_iter()
        .filter(|c| caller.in_team(c.team_id))
        .collect();
    let visible: HashSet<i64> = cases.iter().map(|c| c.id).collect();
    let seen = |case_id: &i64| visible.contains(case_id);

    let mut causes: BTreeMap<String, i64> = BTreeMap::new();
    for cause in cases.iter().flat_map(|c| &c.main_causes) {
        *causes.entry(cause.clone()).or_default() += 1;
    }
    let mut went_wrong_before: Vec<CauseCount> = causes
        .into_iter()
        .map(|(cause, cases)| CauseCount { cause, cases })
        .collect();
    went_wrong_before.sort_by_key(|c| std::cmp::Reverse(c.cases));

    let messages: Vec<Message> = history
        .recent_messages
        .into_iter()
        .filter(|m| seen(&m.case_id))
        .collect();
    let mut calming = Calming::default();
    for case in &cases {
        let mut of_case: Vec<Message> = messages
            .iter()
            .filter(|m| m.case_id == case.id)
            .cloned()
            .collect();
        of_case.reverse();
        calming.add_case(&of_case, &case.main_causes);
    }

    let mut flags = history.client.flags.clone();
    let mut derive = |holds: bool, flag: &str| {
        if holds && !flags.iter().any(|f| f == flag) {
            flags.push(flag.to_owned());
        }
    };
    derive(
        cases.iter().any(|c| c.boundary_step > 0),
        "boundary crossed before",
    );
    derive(
        history.escalations.iter().any(|e| seen(&e.case_id)),
        "escalated before",
    );
    let now = Utc::now();
    let open_promises: Vec<FollowUpOut> = history
        .open_follow_ups
        .into_iter()
        .filter(|f| seen(&f.case_id))
        .map(FollowUpOut::from)
        .collect();
    derive(
        open_promises
            .iter()
            .any(|f| f.due_at.is_some_and(|d| d < now)),
        "promise overdue",
    );
    let missed_promises = missed(&state, &visible).await?;
    derive(!missed_promises.is_empty(), "promise missed");

    let mut lessons: Vec<String> = history
        .reflections
        .iter()
        .filter(|r| seen(&r.case_id))
        .map(|r| r.do_differently.clone())
        .collect();
    lessons.extend(
        history
            .documentation
            .iter()
            .filter(|d| seen(&d.case_id))
            .map(|d| d.outcome.clone()),
    );
    lessons.retain(|l| !l.trim().is_empty());

    Ok(ApiJson(BriefOut {
        client: history.client.into(),
        flags,
        last_contact: messages.first().map(|m| m.at),
        cases: cases.into_iter().map(CaseOut::from).collect(),
        went_wrong_before,
        calmed_by: calming
            .ranked()
            .into_iter()
            .map(|(m, times)| MoveCount {
                kind: m.as_str().to_owned(),
                times,
            })
            .collect(),
        open_promises,
        missed_promises,
        agreed_actions: history
            .agreed_actions
            .into_iter()
            .filter(|a| seen(&a.case_id))
            .map(AgreedActionOut::from)
            .collect(),
        lessons,
    }))
}

/// The missed follow-ups of the cases in `visible`, latest due first.
async fn missed(state: &AppState, visible: &HashSet<i64>) -> AppResult<Vec<FollowUpOut>> {
    let mut out = Vec::new();
    for &case_id in visible {
        let filter = FollowUpFilter {
            case_id: Some(case_id),
            status: Some(FollowUpStatus::Missed),
            ..FollowUpFilter::default()
        };
        let page = state
            .store
            .list_follow_ups(filter, Paging::first(MAX_LIMIT)?)
            .await?;
        out.extend(page.items.into_iter().map(FollowUpOut::from));
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.due_at));
    Ok(out)
}
