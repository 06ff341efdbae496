//! "Try it": paste a client message and a draft reply, see the analysis and the draft check;
//! or paste many messages, one a line, and watch the batch analysis progress. Nothing is stored.

use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use chrono::Utc;
use defuse_core::coach::{self, Conversation, Policy, Role, Turn, UtcOffset};
use defuse_core::{Analyzer, Input};
use defuse_wire::{AnalysisDto, ReplyCheckDto};
use maud::{Markup, html};
use serde::Deserialize;

use super::highlight::{self, Span};
use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::auth::Caller;
use crate::conversation::timestamp;
use crate::state::AppState;

#[derive(Debug, Default, Deserialize)]
pub struct TryForm {
    pub csrf: String,
    #[serde(default)]
    pub message: String,
    #[serde(default)]
    pub draft: String,
}

pub async fn page(SignedIn(caller): SignedIn) -> PageResult {
    Ok(render(&caller, &TryForm::default(), html! {}))
}

pub async fn submit(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Form(form): Form<TryForm>,
) -> PageResult {
    caller.check_csrf(Some(&form.csrf))?;
    let (message, draft) = (form.message.clone(), form.draft.clone());
    let (analyzer, policy) = (Arc::clone(&state.analyzer), state.policy_for(caller.role()));
    let (analysis, check) = state
        .compute
        .run(move || examine(&message, &draft, &analyzer, &policy))
        .await?;
    let results = html! {
        div.try-results {
            @if let Some(a) = &analysis { (analysis_card(&form.message, a)) }
            @match &check {
                Some(Ok(c)) => (check_card(&form.draft, c)),
                Some(Err(e)) => p.form-error role="alert" { (e) },
                None => {},
            }
        }
    };
    Ok(render(&caller, &form, results))
}

/// The analysis of `message` and the check of `draft` as a reply to it (or why the draft
/// cannot be checked), for those not blank.
fn examine(
    message: &str,
    draft: &str,
    analyzer: &Analyzer,
    policy: &Policy,
) -> (
    Option<AnalysisDto>,
    Option<Result<ReplyCheckDto, coach::CheckError>>,
) {
    let now = timestamp(Utc::now());
    let analysis = (!message.trim().is_empty())
        .then(|| AnalysisDto::new(None, message, &analyzer.analyze(&Input::new(message))));
    let check = (!draft.trim().is_empty()).then(|| {
        let turns = analysis.as_ref().map(|_| Turn {
            role: Role::Client,
            text: message.to_owned(),
            at: now,
        });
        let talk = Conversation::new(turns.into_iter().collect(), UtcOffset::UTC);
        coach::check_reply(draft, &talk, policy, analyzer, now)
            .map(|c| ReplyCheckDto::new(&c, draft, UtcOffset::UTC))
    });
    (analysis, check)
}

fn render(caller: &Caller, form: &TryForm, results: Markup) -> Markup {
    let csrf = caller
        .session
        .as_ref()
        .map_or("", |s| s.csrf_token.as_str());
    let body = html! {
        div.page-head { h1 { "Try it" } p.muted { "Nothing you paste here is stored." } }
        div.try-grid {
            form.card method="post" action="/try" {
                input type="hidden" name="csrf" value=(csrf);
                label for="try-message" { "A client message" }
                textarea id="try-message" name="message" rows="6" { (form.message) }
                label for="try-draft" { "Your draft reply" }
                textarea id="try-draft" name="draft" rows="6" { (form.draft) }
                button.primary type="submit" { "Analyse and check" }
            }
            (results)
        }
        section.card aria-labelledby="batch-h" {
            h2 id="batch-h" { "Many messages at once" }
            p.muted { "One message a line. Each is analysed in turn; the table fills as it goes." }
            label for="batch-lines" .visually-hidden { "Messages, one a line" }
            textarea id="batch-lines" rows="6" {}
            div.buttons {
                button type="button" id="batch-run" { "Analyse all" }
                progress id="batch-progress" max="1" value="0" hidden {}
                span id="batch-status" aria-live="polite" {}
            }
            table id="batch-results" hidden {
                thead { tr { th { "#" } th { "Level" } th { "Hostility" } th { "Top emotion" } th { "Causes" } th { "Message" } } }
                tbody {}
            }
        }
    };
    layout::page("Try it", caller, Nav::TryIt, body)
}

fn analysis_card(text: &str, a: &AnalysisDto) -> Markup {
    html! {
        section.card {
            h2 { "Analysis " (layout::level_badge(&a.level)) }
            p.body { (highlight::marked(text, &highlight::spans_of(a))) }
            dl.facts {
                dt { "Hostility" } dd { (format!("{:.2}", a.hostility)) }
                (layout::level_reasons(a))
                dt { "Top emotion" } dd { (a.top_emotion.as_deref().unwrap_or("none")) }
                dt { "Causes" } dd { @for c in a.causes.iter().filter(|c| c.score >= 0.5) { span.tag { (c.cause.replace('_', " ")) } } }
                dt { "Signals" } dd { @for s in &a.signals { span.tag.signal { (s.kind.replace('_', " ")) } } }
            }
        }
    }
}

fn check_card(draft: &str, c: &ReplyCheckDto) -> Markup {
    let spans: Vec<Span> = c
        .findings
        .iter()
        .map(|f| highlight::span(f.start, f.end, "finding", f.message.clone()))
        .collect();
    html! {
        section.card {
            h2 { "Draft check " span class={ "badge verdict-" (c.verdict) } { (c.verdict) " · " (c.score) "/100" } }
            p.body { (highlight::marked(draft, &spans)) }
            @if c.findings.is_empty() { p.muted { "Nothing to fix." } }
            ul.findings {
                @for f in &c.findings {
                    li { strong { (f.kind.replace('_', " ")) } ": " (f.message) @if !f.rewrite.is_empty() { br; span.rewrite { "Try: " (f.rewrite) } } }
                }
            }
        }
    }
}
