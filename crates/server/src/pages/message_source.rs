//! A message as it came in from outside: the whole text, with the quoted history, signature
//! and disclaimer that were cut before analysis; its HTML, sanitised (ammonia keeps text and
//! harmless markup, drops scripts, styles, event handlers and unsafe links); and the
//! attachments it listed (their content is never stored).

use axum::extract::{Path, State};
use defuse_storage::StoreError;
use maud::{Markup, PreEscaped, html};
use serde::Deserialize;

use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::auth::access::case_in_scope;
use crate::error::{AppError, NotFoundAs};
use crate::state::AppState;

/// One attachment as listed in `attachments_json`.
#[derive(Deserialize)]
struct Attachment {
    name: String,
    content_type: String,
    size: u64,
}

pub async fn page(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path((case_id, message_id)): Path<(i64, i64)>,
) -> PageResult {
    let case = case_in_scope(&state, &caller, case_id).await?;
    let message = state
        .store
        .message(message_id)
        .await
        .or_missing("message")?;
    if message.case_id != case.id {
        return Err(AppError::NotFound("message").into());
    }
    let source = match state.store.message_source(message.id).await {
        Err(StoreError::NotFound) => return Err(AppError::NotFound("message source").into()),
        other => other?,
    };
    let attachments: Vec<Attachment> =
        serde_json::from_str(&source.attachments_json).unwrap_or_default();
    let body = html! {
        div.page-head {
            h1 { (source.subject) }
            p.muted {
                "Came in by " (source.source) " · " (layout::absolute(message.at))
                @if let Some(automatic) = &source.automatic { " · written by a machine (" (automatic) ")" }
                " · " a href={ "/cases/" (case.id) "#m" (message.id) } { "back to the case" }
            }
        }
        section {
            h2 { "What was analysed" }
            p.body { (message.body) }
        }
        section {
            h2 { "The whole text" }
            p.muted { "With the quoted history, signature and disclaimer that were left out of the analysis." }
            pre.mail-text { (source.full_body) }
        }
        @if let Some(html) = &source.html {
            section {
                h2 { "As HTML" }
                p.muted { "Cleaned: scripts, styles, event handlers and outside images are removed." }
                div.mail-html { (sanitised(html)) }
            }
        }
        section {
            h2 { "Attachments" }
            @if attachments.is_empty() { p.empty { "None." } }
            @else { (attachment_table(&attachments)) }
        }
    };
    Ok(layout::page(&source.subject, &caller, Nav::None, body))
}

/// `html` with everything that could run, restyle the page or call out removed.
fn sanitised(html: &str) -> PreEscaped<String> {
    PreEscaped(ammonia::clean(html))
}

fn attachment_table(attachments: &[Attachment]) -> Markup {
    html! {
        table {
            thead { tr { th { "Name" } th { "Type" } th { "Size" } } }
            tbody {
                @for a in attachments {
                    tr { td { (a.name) } td { (a.content_type) } td { (a.size) " bytes" } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::sanitised;

    #[test]
    fn scripts_handlers_and_styles_never_survive() {
        let dirty = r#"<p onclick="steal()">Hi <b>there</b></p><script>alert(1)</script><style>body{display:none}</style><a href="javascript:alert(2)">x</a><img src=x onerror="alert(3)"><iframe src="https://evil.test"></iframe>"#;
        let clean = sanitised(dirty).0;
        for gone in [
            "<script",
            "alert",
            "onclick",
            "onerror",
            "<style",
            "javascript:",
            "<iframe",
        ] {
            assert!(!clean.contains(gone), "{gone} in {clean}");
        }
        assert!(clean.contains("<b>there</b>"), "{clean}");
    }
}
