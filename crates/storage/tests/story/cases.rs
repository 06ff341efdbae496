//! Chapter three: cases opened for the clients, and the messages exchanged in them.

use chrono::Duration;
use defuse_storage::{
    AuditFilter, Case, CaseChanges, CaseSignals, CaseStatus, Direction, FollowUpStatus,
    MessageEffects, NewAuditEntry, NewCase, NewMessage, NewPromise, Paging, Store,
};

use super::accounts::Cast;
use super::clients::Clients;
use super::{at, invalid_field, is_not_found};

pub struct Cases {
    pub dana: Case,
    pub omar: Case,
    /// The outbound message in Dana's case that made two promises.
    pub promise_message_id: i64,
}

fn message(case_id: i64, direction: Direction, minute: i64, body: &str) -> NewMessage {
    NewMessage {
        case_id,
        direction,
        author_id: None,
        channel: "email".into(),
        body: body.into(),
        at: at(minute),
        analysis_json: None,
        model_version: None,
        external_id: None,
    }
}

fn signals(hostility: f64, causes: &[&str]) -> MessageEffects {
    MessageEffects {
        case_signals: Some(CaseSignals {
            hostility,
            main_causes: causes.iter().map(|c| c.to_string()).collect(),
            safety: false,
        }),
        source: None,
        ..MessageEffects::default()
    }
}

fn audit_line(action: &str) -> NewAuditEntry {
    NewAuditEntry {
        at: at(0),
        actor_id: None,
        action: action.into(),
        record_kind: "message".into(),
        record_id: None,
        detail: String::new(),
    }
}

pub async fn story(store: &dyn Store, cast: &Cast, clients: &Clients) -> Cases {
    let new_case = |client_id: i64, team_id: i64, assignee: i64, minute: i64| NewCase {
        client_id,
        subject: "Refund not received".into(),
        channel: "email".into(),
        assignee_id: Some(assignee),
        team_id,
        opened_at: at(minute),
    };
    let dana = store
        .create_case(new_case(clients.dana.id, cast.front.id, cast.alice.id, 0))
        .await
        .unwrap();
    let omar = store
        .create_case(new_case(clients.omar.id, cast.billing.id, cast.bob.id, 10))
        .await
        .unwrap();
    assert_eq!(
        (dana.status, dana.closed_at, dana.boundary_step),
        (CaseStatus::Open, None, 0)
    );
    assert_eq!((dana.peak_hostility, dana.open_followups), (0.0, 0));
    assert!(dana.main_causes.is_empty());
    let orphan = new_case(9_999, cast.front.id, cast.alice.id, 0);
    assert_eq!(
        invalid_field(store.create_case(orphan).await),
        Some("reference")
    );
    let mut blank = new_case(clients.dana.id, cast.front.id, cast.alice.id, 0);
    blank.subject = String::new();
    assert_eq!(
        invalid_field(store.create_case(blank).await),
        Some("subject")
    );

    // An analysed inbound message raises the case's hostility; times keep microseconds.
    let mut first = message(
        dana.id,
        Direction::Inbound,
        1,
        "This is the third time I ask!",
    );
    first.at += Duration::nanoseconds(123_456_789);
    first.analysis_json = Some(r#"{"hostility":0.8}"#.into());
    first.model_version = Some("fast-1".into());
    let posted = store
        .add_message(first, signals(0.8, &["unmet_expectations"]))
        .await
        .unwrap();
    assert_eq!(posted.message.at, at(1) + Duration::microseconds(123_456));
    assert_eq!(
        posted.message.analysis_json.as_deref(),
        Some(r#"{"hostility":0.8}"#)
    );
    assert!(posted.follow_ups.is_empty());
    let first = posted.message;
    assert_eq!(store.message(first.id).await.unwrap(), first);

    // Our reply promises two things; each becomes an open follow-up tied to the reply.
    let mut reply = message(
        dana.id,
        Direction::Outbound,
        2,
        "I will call you by 9:30 and email the form.",
    );
    reply.author_id = Some(cast.alice.id);
    let promise = |what: &str, due: Option<i64>, span: Option<(i64, i64)>| NewPromise {
        what: what.into(),
        due_at: due.map(at),
        owner_id: Some(cast.alice.id),
        span,
        date_only: false,
    };
    let effects = MessageEffects {
        case_signals: None,
        promises: vec![
            promise("call back", Some(30), Some((2, 26))),
            promise("email the form", None, None),
        ],
        source: None,
        ..MessageEffects::default()
    };
    let posted = store.add_message(reply, effects).await.unwrap();
    let reply_id = posted.message.id;
    assert_eq!(posted.follow_ups.len(), 2);
    assert!(
        posted
            .follow_ups
            .iter()
            .all(|f| f.promise_message_id == Some(reply_id)
                && f.status == FollowUpStatus::Open
                && f.case_id == dana.id)
    );
    assert_eq!(posted.follow_ups[0].promise_span, Some((2, 26)));
    assert_eq!(posted.follow_ups[0].due_at, Some(at(30)));
    assert_eq!(posted.follow_ups[1].promise_span, None);

    // The audit line for a message is written with it and points at it.
    let calmer = message(dana.id, Direction::Inbound, 3, "Fine, thank you.");
    let mut effects = signals(0.3, &["unmet_expectations", "miscommunication"]);
    effects.audit = Some(audit_line("message.inbound"));
    let calmer = store.add_message(calmer, effects).await.unwrap().message;
    let logged = store
        .list_audit(
            AuditFilter {
                action: Some("message.inbound".into()),
                ..AuditFilter::default()
            },
            Paging::default(),
        )
        .await
        .unwrap();
    assert_eq!(
        logged.items.iter().map(|e| e.record_id).collect::<Vec<_>>(),
        [Some(calmer.id)]
    );
    let mut note = message(
        dana.id,
        Direction::InternalNote,
        4,
        "She calmed down after the call.",
    );
    note.author_id = Some(cast.alice.id);
    store
        .add_message(note, MessageEffects::default())
        .await
        .unwrap();
    // A message that cannot be stored leaves no audit line behind.
    let lost = message(9_999, Direction::Inbound, 4, "to nowhere");
    let effects = MessageEffects {
        audit: Some(audit_line("message.lost")),
        ..MessageEffects::default()
    };
    assert_eq!(
        invalid_field(store.add_message(lost, effects).await),
        Some("reference")
    );
    let lost_lines = AuditFilter {
        action: Some("message.lost".into()),
        ..AuditFilter::default()
    };
    let lost_lines = store.list_audit(lost_lines, Paging::default()).await;
    assert_eq!(lost_lines.unwrap().total, 0);

    let dana = store.case(dana.id).await.unwrap();
    assert_eq!((dana.peak_hostility, dana.latest_hostility), (0.8, 0.3));
    assert_eq!(dana.main_causes, ["unmet_expectations", "miscommunication"]);
    assert_eq!(dana.open_followups, 2);

    // Messages read oldest first, a page at a time.
    let page = store
        .list_messages(dana.id, Paging::new(2, 0).unwrap())
        .await
        .unwrap();
    assert_eq!(page.total, 4);
    assert_eq!(
        page.items.iter().map(|m| m.id).collect::<Vec<_>>(),
        [first.id, reply_id]
    );
    let page = store
        .list_messages(dana.id, Paging::new(2, 2).unwrap())
        .await
        .unwrap();
    let directions: Vec<_> = page.items.iter().map(|m| m.direction).collect();
    assert_eq!(directions, [Direction::Inbound, Direction::InternalNote]);
    assert_eq!(
        store
            .list_messages(omar.id, Paging::default())
            .await
            .unwrap()
            .total,
        0
    );
    // The latest few, still oldest first.
    let latest = store.latest_messages(dana.id, 3).await.unwrap();
    assert_eq!(
        latest.iter().map(|m| m.id).collect::<Vec<_>>(),
        [reply_id, calmer.id, page.items[1].id]
    );
    assert!(store.latest_messages(omar.id, 3).await.unwrap().is_empty());

    status_changes(store, &omar).await;
    Cases {
        dana,
        omar: store.case(omar.id).await.unwrap(),
        promise_message_id: reply_id,
    }
}

/// Resolving or closing stamps `closed_at` once; reopening clears it.
async fn status_changes(store: &dyn Store, omar: &Case) {
    let to = |status| CaseChanges {
        status: Some(status),
        ..CaseChanges::default()
    };
    let resolved = store
        .update_case(omar.id, to(CaseStatus::Resolved), at(50))
        .await
        .unwrap();
    assert_eq!(
        (resolved.status, resolved.closed_at),
        (CaseStatus::Resolved, Some(at(50)))
    );
    let closed = store
        .update_case(omar.id, to(CaseStatus::Closed), at(70))
        .await
        .unwrap();
    assert_eq!(closed.closed_at, Some(at(50)));
    let reopened = store
        .update_case(omar.id, to(CaseStatus::Open), at(80))
        .await
        .unwrap();
    assert_eq!(
        (reopened.status, reopened.closed_at),
        (CaseStatus::Open, None)
    );
    assert_eq!(
        reopened.assignee_id, omar.assignee_id,
        "unchanged fields stay"
    );

    let unassign = CaseChanges {
        assignee_id: Some(None),
        subject: Some("Billing error".into()),
        ..CaseChanges::default()
    };
    let changed = store.update_case(omar.id, unassign, at(81)).await.unwrap();
    assert_eq!(
        (changed.assignee_id, changed.subject.as_str()),
        (None, "Billing error")
    );
    let blank = CaseChanges {
        subject: Some(" ".into()),
        ..CaseChanges::default()
    };
    assert_eq!(
        invalid_field(store.update_case(omar.id, blank, at(82)).await),
        Some("subject")
    );
    assert!(is_not_found(
        store
            .update_case(9_999, CaseChanges::default(), at(82))
            .await
    ));
    assert!(is_not_found(store.case(9_999).await));
}
