//! Dead jobs, for admins: the deliveries and reminders that gave up after their last attempt,
//! each with its last error and a button that queues it again (`POST /api/v1/jobs/{id}/retry`).

use axum::extract::State;
use chrono::Utc;
use defuse_storage::{JobFilter, JobState, Paging, Role};
use maud::html;

use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::auth::access::require_role;
use crate::state::AppState;

/// The most dead jobs the page lists.
const SHOWN: i64 = 200;

pub async fn page(State(state): State<AppState>, SignedIn(caller): SignedIn) -> PageResult {
    require_role(&state, &caller, Role::Admin, "job").await?;
    let filter = JobFilter {
        state: Some(JobState::Dead),
    };
    let dead = state.store.list_jobs(filter, Paging::first(SHOWN)?).await?;
    let now = Utc::now();
    let body = html! {
        div.page-head {
            h1 { "Dead jobs" }
            p.muted { (dead.total) " gave up after their last attempt. Retrying one queues it now with its attempts counted afresh." }
        }
        @if dead.items.is_empty() { p.empty { "None: every job finished or is still being tried." } }
        @else {
            table id="dead-jobs" {
                thead { tr { th { "Job" } th { "Kind" } th { "About" } th { "Attempts" } th { "Gave up" } th { "Last error" } th {} } }
                tbody {
                    @for job in &dead.items {
                        tr {
                            td { (job.id) }
                            td { code { (job.kind) } }
                            td { @if let Some(id) = job.subject_id { (id) } }
                            td { (job.attempts) }
                            td { @if let Some(at) = job.finished_at { (layout::when(at, now)) } }
                            td { (job.last_error.as_deref().unwrap_or("")) }
                            td {
                                form.inline-button data-api={ "/api/v1/jobs/" (job.id) "/retry" } data-method="POST" data-then="reload" {
                                    p.form-error role="alert" {}
                                    button.small type="submit" { "Retry" }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(layout::page("Dead jobs", &caller, Nav::Jobs, body))
}
