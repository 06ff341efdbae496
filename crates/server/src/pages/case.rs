//! A case: who has it (with a button to take it), a banner when the client threatened someone's
//! safety, the conversation as a timeline with each client message's level, emotions, causes
//! and highlighted evidence, a form to log what the client said, the hostility chart, and the
//! coaching for the next reply while one is owed, and the promises made, kept, kept late and
//! missed ([`super::promises`]). The reply box and the work on the case
//! (boundary, escalation, agreements, follow-ups, closing) are in [`super::case_work`].

use std::collections::HashMap;
use std::collections::hash_map::Entry as Slot;

use axum::extract::{Path, Query, State};
use chrono::{DateTime, Utc};
use defuse_core::coach::UtcOffset;
use defuse_storage::{Case, Direction, Message, Paging, Store};
use defuse_wire::{AnalysisDto, CoachingDto};
use maud::{Markup, html};

use super::case_work::{self, Work};
use super::chart::{self, Point};
use super::highlight;
use super::layout::{self, Nav};
use super::{PageResult, SignedIn};
use crate::auth::access::case_in_scope;
use crate::conversation::{recent_messages, stored_coaching};
use crate::error::NotFoundAs;
use crate::state::AppState;

/// Emotions at least this strong are named on a message.
const EMOTION_SHOWN: f32 = 0.35;
/// Causes at least this likely are named on a message.
const CAUSE_SHOWN: f32 = 0.5;
/// A way to accept a client's apology and move on, offered when they apologised for crossing a line.
const ACCEPT_APOLOGY: &str =
    "Thank you for saying that, I appreciate it. Let's get this sorted together.";
/// How many messages the timeline shows.
const TIMELINE: i64 = 500;

/// A message of the timeline with its stored analysis (inbound only).
pub struct Entry {
    pub message: Message,
    pub author: Option<String>,
    pub analysis: Option<AnalysisDto>,
}

/// What the agent has found, typed into the coaching panel, for the suggested reply.
#[derive(Debug, Default, serde::Deserialize)]
pub struct CaseQuery {
    #[serde(default)]
    pub found: String,
}

pub async fn page(
    State(state): State<AppState>,
    SignedIn(caller): SignedIn,
    Path(id): Path<i64>,
    Query(q): Query<CaseQuery>,
) -> PageResult {
    let store = state.store.as_ref();
    let case = case_in_scope(&state, &caller, id).await?;
    let client = store.client(case.client_id).await.or_missing("client")?;
    let entries = timeline(store, case.id).await?;
    let recent = recent_messages(store, case.id).await?;
    let found = q.found.trim();
    let findings = if found.is_empty() {
        Vec::new()
    } else {
        vec![found.to_owned()]
    };
    let coaching = stored_coaching(&state, &recent, UtcOffset::UTC, findings).await?;
    let work = Work::load(&state, &case).await?;
    let assignee = match case.assignee_id {
        Some(id) => Some(store.user(id).await.or_missing("assignee")?.display_name),
        None => None,
    };
    let owed = reply_owed(&case, &entries);
    // The level of the latest client message as its own badge shows it, so the two agree.
    let latest_level = entries
        .iter()
        .rev()
        .find_map(|e| e.analysis.as_ref().map(|a| a.level.clone()))
        .unwrap_or_else(|| layout::level_of(case.latest_hostility).to_owned());
    let now = Utc::now();
    let zone = super::time_zone(state.store.as_ref(), caller.id()).await?;
    let points: Vec<Point> = entries
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            e.analysis.as_ref().map(|a| Point {
                message: i + 1,
                hostility: a.hostility,
                level: a.level.clone(),
            })
        })
        .collect();
    let body = html! {
        div.page-head {
            p.crumbs { a href="/" { "Inbox" } " / case " (case.id) }
            h1 { (case.subject) }
            p.meta {
                a href={ "/clients/" (client.id) } { (client.name) } " · " (case.channel) " · opened " (layout::when(case.opened_at, now)) " "
                (layout::status_badge(case.status)) " " (layout::level_badge(&latest_level)) " " (layout::boundary_badge(case.boundary_step))
            }
            (case_work::assignment(&case, assignee.as_deref(), caller.id()))
            @if let Some(at) = case.safety_at {
                div.callout.safety role="alert" {
                    strong { "Safety: the client threatened harm " (layout::when(at, now)) "." }
                    " The case was escalated to a supervisor. Do not meet the client alone, keep every message, and follow your workplace's safety procedure."
                }
            }
            @if let Some(at) = case.forgotten_at.filter(|_| !case.status.is_finished()) {
                div.callout.forgotten id="forgotten" role="status" {
                    strong { "Forgotten: the client's last message has had no reply past the team's response target (flagged " (layout::when(at, now)) ")." }
                    @if let Some(escalated) = case.forgotten_escalated_at {
                        " The team's supervisors were told " (layout::when(escalated, now)) "."
                    }
                    " A reply to the client clears this."
                }
            }
        }
        div.case-grid {
            section.timeline aria-label="Conversation" {
                div.card {
                    h2 { "Hostility over the conversation" }
                    (chart::hostility(&points))
                    p.legend { mark.ev.ev-signal { "signal" } " " mark.ev.ev-cause { "cause" } " " mark.ev.ev-emotion { "emotion" } " " mark.ev.ev-concern { "concern" } }
                }
                @if entries.is_empty() { p.empty { "No messages on this case yet." } }
                @for (i, e) in entries.iter().enumerate() { (message(i + 1, e, now)) }
                (case_work::log_inbound(&case))
                (super::promises::timeline(&work.follow_ups, &zone))
            }
            aside.side aria-label="Coaching and actions" {
                (case_work::reply_box(&case, &recent))
                @match owed {
                    Owed::Yes => (coaching_panel(&coaching, case.id, found)),
                    Owed::No(why) => section.card.coaching aria-labelledby="coach-h" {
                        h2 id="coach-h" { "Next reply" }
                        p.muted.not-owed { (why) }
                    },
                }
                (case_work::panels(&case, &work, &entries, (now, &zone)))
            }
        }
    };
    Ok(layout::page(&case.subject, &caller, Nav::Inbox, body))
}

async fn timeline(store: &dyn Store, case_id: i64) -> PageResult<Vec<Entry>> {
    let messages = store
        .list_messages(case_id, Paging::first(TIMELINE)?)
        .await?
        .items;
    let mut names: HashMap<i64, String> = HashMap::new();
    let mut entries = Vec::with_capacity(messages.len());
    for message in messages {
        let author = match message.author_id {
            Some(id) => {
                if let Slot::Vacant(slot) = names.entry(id) {
                    let name = store.user(id).await.map(|u| u.display_name);
                    slot.insert(name.unwrap_or_else(|_| format!("user {id}")));
                }
                names.get(&id).cloned()
            }
            None => None,
        };
        let analysis = message
            .analysis_json
            .as_deref()
            .and_then(|j| serde_json::from_str::<AnalysisDto>(j).ok());
        entries.push(Entry {
            message,
            author,
            analysis,
        });
    }
    Ok(entries)
}

/// Whether the client is waiting for an answer, and why not when they are not.
#[derive(Debug, PartialEq, Eq)]
pub enum Owed {
    Yes,
    No(&'static str),
}

/// A reply is owed while the case is not finished and the client wrote last.
pub fn reply_owed(case: &Case, entries: &[Entry]) -> Owed {
    if case.status.is_finished() {
        return Owed::No(
            "The case is resolved or closed: no reply is owed. Reopen it to work on it again.",
        );
    }
    let last = entries
        .iter()
        .rev()
        .find(|e| e.message.direction != Direction::InternalNote);
    match last.map(|e| e.message.direction) {
        Some(Direction::Inbound) => Owed::Yes,
        Some(_) => Owed::No(
            "You answered last: coaching for the next reply appears when the client writes again.",
        ),
        None => Owed::No(
            "Nothing from the client yet: log their message below the conversation to get coaching.",
        ),
    }
}

fn message(n: usize, e: &Entry, now: DateTime<Utc>) -> Markup {
    let m = &e.message;
    let (class, who) = match m.direction {
        Direction::Inbound => ("msg inbound", "Client".to_owned()),
        Direction::Outbound => (
            "msg outbound",
            e.author.clone().unwrap_or_else(|| "Agent".to_owned()),
        ),
        Direction::InternalNote => (
            "msg note",
            format!("Note by {}", e.author.as_deref().unwrap_or("a colleague")),
        ),
    };
    html! {
        article class=(class) id={ "m" (m.id) } data-message=(m.id) {
            header {
                span.who { (n) ". " (who) }
                " · " (m.channel) " · " (layout::when(m.at, now))
                @if let Some(a) = &e.analysis {
                    " " (layout::level_badge(&a.level))
                    @if threatens(a) { " " span.badge.safety title="A threat of harm in the client's own words" { "safety" } }
                }
                // Came in from outside: the whole of it (quoted history, HTML, attachments).
                @if m.external_id.is_some() {
                    " · " a href={ "/cases/" (m.case_id) "/messages/" (m.id) "/source" } { "as it came" }
                }
            }
            @match &e.analysis {
                Some(a) => {
                    p.body { (highlight::marked(&m.body, &highlight::spans_of(a))) }
                    (facts(a))
                }
                None => p.body { (m.body) },
            }
        }
    }
}

/// Whether the stored analysis holds a threat in the client's own words (as [`crate::safety::threatens`] reads it).
fn threatens(a: &AnalysisDto) -> bool {
    a.signals.iter().any(|s| s.kind == "threat" && !s.quoted)
}

fn facts(a: &AnalysisDto) -> Markup {
    let e = &a.emotions;
    let mut emotions: Vec<(&str, f32)> = [
        ("anger", e.anger),
        ("frustration", e.frustration),
        ("anxiety", e.anxiety),
        ("sadness", e.sadness),
        ("confusion", e.confusion),
        ("satisfaction", e.satisfaction),
    ]
    .into_iter()
    .filter(|(_, s)| *s >= EMOTION_SHOWN)
    .collect();
    emotions.sort_by(|a, b| b.1.total_cmp(&a.1));
    let causes: Vec<_> = a.causes.iter().filter(|c| c.score >= CAUSE_SHOWN).collect();
    html! {
        dl.facts {
            dt { "Hostility" } dd { (format!("{:.2}", a.hostility)) }
            (layout::level_reasons(a))
            @if !emotions.is_empty() {
                dt { "Emotions" } dd { @for (name, score) in &emotions { span.tag { (name) " " (format!("{score:.2}")) } } }
            }
            @if !causes.is_empty() {
                dt { "Causes" } dd { @for c in &causes { span.tag { (c.cause.replace('_', " ")) } } }
            }
            @if !a.signals.is_empty() {
                dt { "Signals" } dd { @for s in &a.signals { span.tag.signal { (s.kind.replace('_', " ")) } } }
            }
        }
    }
}

/// The coaching for the next reply, led by the suggested reply; `found` is what the agent typed
/// in as found, which the reply already says and the form below it shows again.
fn coaching_panel(c: &CoachingDto, case_id: i64, found: &str) -> Markup {
    html! {
        section.card.coaching aria-labelledby="coach-h" {
            h2 id="coach-h" { "Next reply" }
            @if let Some(note) = &c.note { p.callout role="note" { (note) } }
            @if c.boundary.apology_to_accept {
                div.callout.apology role="note" {
                    strong { "They apologised." }
                    " Accept it in a sentence, without a lecture, and go back to their problem."
                    p.say { (ACCEPT_APOLOGY) }
                    button.small type="button" data-fill-reply=(ACCEPT_APOLOGY) { "Use" }
                }
            }
            @if let Some(reply) = &c.suggested_reply {
                div.suggested {
                    p.say { (reply) }
                    button.small type="button" data-fill-reply=(reply) { "Use" }
                }
                form.found method="get" action={ "/cases/" (case_id) } {
                    label for="found" { "What you found or will do, as you would tell the client" }
                    textarea #found name="found" rows="2" placeholder="The parcel went to your old address. I've sent a new one that arrives on Tuesday." { (found) }
                    button.small type="submit" { "Put it in the reply" }
                }
            }
            p.muted { "Course: " strong { (c.course.trend) } }
            @if c.boundary.step > 0 {
                div.callout.boundary role="note" {
                    strong { "Boundary: " (c.boundary.name.replace('_', " ")) " (step " (c.boundary.step) ")" }
                    @for x in &c.boundary.crossings { p.quote { "“" (x.text) "”" } }
                }
            }
            @if !c.moves.is_empty() {
                details.moves {
                    summary { "Moves and other wordings (" (c.moves.len()) ")" }
                    ol.moves {
                        @for m in &c.moves {
                            li {
                                h3 { (m.kind.replace('_', " ")) }
                                @for w in &m.why { p.why { (w.note.replace('_', " ")) @if !w.text.is_empty() { " — “" (w.text) "”" } } }
                                ul.wordings {
                                    @for say in &m.say {
                                        li {
                                            span.say { (say) }
                                            button.small type="button" data-fill-reply=(say) { "Use" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use defuse_storage::CaseStatus;

    fn case(status: CaseStatus) -> Case {
        Case {
            id: 1,
            client_id: 1,
            subject: String::new(),
            channel: "email".into(),
            status,
            assignee_id: None,
            team_id: 1,
            opened_at: Utc::now(),
            closed_at: None,
            peak_hostility: 0.0,
            latest_hostility: 0.0,
            main_causes: vec![],
            boundary_step: 0,
            safety_at: None,
            forgotten_at: None,
            forgotten_escalated_at: None,
            open_followups: 0,
        }
    }

    fn entries(directions: &[Direction]) -> Vec<Entry> {
        directions
            .iter()
            .enumerate()
            .map(|(i, &direction)| Entry {
                message: Message {
                    id: i as i64 + 1,
                    case_id: 1,
                    direction,
                    author_id: None,
                    channel: "email".into(),
                    body: "text".into(),
                    at: Utc::now(),
                    analysis_json: None,
                    model_version: None,
                    external_id: None,
                },
                author: None,
                analysis: None,
            })
            .collect()
    }

    fn panel(transcript: &str) -> String {
        use defuse_core::coach::{Conversation, Policy, Timestamp, coach};
        let conversation =
            Conversation::parse_transcript(transcript, Timestamp(1_772_445_600), UtcOffset::UTC)
                .unwrap();
        let coaching = coach(
            &conversation,
            &Policy::default(),
            &defuse_core::Analyzer::new(),
        );
        coaching_panel(&CoachingDto::new(&coaching, &conversation), 1, "").into_string()
    }

    #[test]
    fn an_apology_after_insults_is_offered_to_accept() {
        let insulted = "Client: You absolute idiot, where's my parcel?\n\
                        Agent: I'll help, but please don't call me names.\n";
        let sorry = panel(&format!(
            "{insulted}Client: Sorry, I was out of line. I'm just stressed."
        ));
        assert!(sorry.contains("They apologised."), "{sorry}");
        assert!(sorry.contains(&format!("data-fill-reply=\"{ACCEPT_APOLOGY}\"")));
        let again = panel(&format!("{insulted}Client: Still nothing, you clown."));
        assert!(!again.contains("They apologised."));
    }

    #[test]
    fn a_reply_is_owed_while_the_client_wrote_last_and_the_case_is_open() {
        use Direction::{Inbound, InternalNote, Outbound};
        let open = case(CaseStatus::Open);
        assert_eq!(reply_owed(&open, &entries(&[Inbound])), Owed::Yes);
        assert_eq!(
            reply_owed(&open, &entries(&[Outbound, Inbound, InternalNote])),
            Owed::Yes,
            "a note between colleagues answers nobody"
        );
        assert!(matches!(
            reply_owed(&open, &entries(&[Inbound, Outbound])),
            Owed::No(why) if why.contains("answered last")
        ));
        assert!(matches!(reply_owed(&open, &[]), Owed::No(_)));
        for finished in [CaseStatus::Resolved, CaseStatus::Closed] {
            assert!(matches!(
                reply_owed(&case(finished), &entries(&[Inbound])),
                Owed::No(why) if why.contains("resolved or closed")
            ));
        }
    }
}
