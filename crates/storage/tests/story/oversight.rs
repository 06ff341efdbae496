//! Chapter five: what supervisors and the next agent read (client history, reports, the audit
//! log), and the deletes the records refuse.

use defuse_storage::{AuditFilter, CaseStatus, NewAuditEntry, Paging, ReportFilter, Store};

use super::accounts::Cast;
use super::cases::Cases;
use super::clients::Clients;
use super::{at, is_conflict, is_not_found};

pub async fn story(store: &dyn Store, cast: &Cast, clients: &Clients, cases: &Cases) {
    history(store, clients, cases).await;
    reports(store, cast).await;
    audit(store, cast, cases).await;

    assert!(
        is_conflict(store.delete_team(cast.front.id).await),
        "the front desk has a case"
    );
    assert!(is_not_found(store.delete_team(9_999).await));
    assert!(is_not_found(store.client_history(9_999, 5).await));
}

async fn history(store: &dyn Store, clients: &Clients, cases: &Cases) {
    let dana = store.client_history(clients.dana.id, 2).await.unwrap();
    assert_eq!(dana.client, clients.dana);
    assert_eq!(
        dana.cases.iter().map(|c| c.id).collect::<Vec<_>>(),
        [cases.dana.id]
    );
    let bodies: Vec<_> = dana
        .recent_messages
        .iter()
        .map(|m| m.body.as_str())
        .collect();
    assert_eq!(
        bodies,
        ["She calmed down after the call.", "Fine, thank you."]
    );
    assert_eq!(dana.boundary_events.len(), 3);
    assert_eq!(dana.escalations.len(), 1);
    assert_eq!(dana.agreed_actions.len(), 1);
    let open: Vec<_> = dana
        .open_follow_ups
        .iter()
        .map(|f| f.what.as_str())
        .collect();
    assert_eq!(open, ["email the form"], "the missed call-back is not open");
    assert_eq!(dana.documentation.len(), 1);
    assert_eq!(dana.reflections.len(), 1);

    let omar = store.client_history(clients.omar.id, 2).await.unwrap();
    assert!(omar.recent_messages.is_empty() && omar.escalations.is_empty());
    assert_eq!(omar.open_follow_ups.len(), 1);
    assert!(omar.documentation.is_empty() && omar.reflections.is_empty());
}

async fn reports(store: &dyn Store, cast: &Cast) {
    let all = store.report(ReportFilter::default()).await.unwrap();
    let causes = [
        ("miscommunication".to_string(), 1),
        ("unmet_expectations".to_string(), 1),
    ];
    assert_eq!(all.cause_counts, causes);
    assert_eq!(all.cases_by_status.len(), CaseStatus::ALL.len());
    assert!(all.cases_by_status.contains(&(CaseStatus::Escalated, 1)));
    assert!(all.cases_by_status.contains(&(CaseStatus::Open, 1)));
    assert!(all.cases_by_status.contains(&(CaseStatus::Closed, 0)));
    let follow_ups = (
        all.follow_ups_open,
        all.follow_ups_done,
        all.follow_ups_missed,
    );
    assert_eq!(follow_ups, (2, 1, 1));
    assert_eq!(all.escalations, 1);

    let billing = ReportFilter {
        teams: Some(vec![cast.billing.id]),
        ..ReportFilter::default()
    };
    let billing = store.report(billing).await.unwrap();
    assert!(billing.cause_counts.is_empty());
    let follow_ups = (
        billing.follow_ups_open,
        billing.follow_ups_done,
        billing.follow_ups_missed,
    );
    assert_eq!((follow_ups, billing.escalations), ((1, 1, 0), 0));
    let later = ReportFilter {
        since: Some(at(5)),
        ..ReportFilter::default()
    };
    assert_eq!(
        store.report(later).await.unwrap(),
        billing,
        "only Omar's case opened since"
    );
}

async fn audit(store: &dyn Store, cast: &Cast, cases: &Cases) {
    let entry = |minute, actor_id, action: &str, record_kind: &str, record_id| NewAuditEntry {
        at: at(minute),
        actor_id,
        action: action.into(),
        record_kind: record_kind.into(),
        record_id,
        detail: String::new(),
    };
    let login = entry(1, Some(cast.alice.id), "login", "session", None);
    let login = store.append_audit(login).await.unwrap();
    assert_eq!(
        (login.action.as_str(), login.actor_id),
        ("login", Some(cast.alice.id))
    );
    let mut refused = entry(2, None, "login_refused", "user", None);
    refused.detail = "username=mallory".into();
    store.append_audit(refused).await.unwrap();
    let update = entry(
        3,
        Some(cast.sue.id),
        "case.update",
        "case",
        Some(cases.dana.id),
    );
    let update = store.append_audit(update).await.unwrap();

    let everything = store
        .list_audit(AuditFilter::default(), Paging::default())
        .await
        .unwrap();
    // Three appended here and one written with a message in the cases story.
    assert_eq!(everything.total, 4);
    assert_eq!(everything.items[0], update, "newest first");
    let by_alice = AuditFilter {
        actor_id: Some(cast.alice.id),
        ..AuditFilter::default()
    };
    assert_eq!(
        store
            .list_audit(by_alice, Paging::default())
            .await
            .unwrap()
            .items,
        [login]
    );
    let of_case = AuditFilter {
        record_kind: Some("case".into()),
        record_id: Some(cases.dana.id),
        ..AuditFilter::default()
    };
    assert_eq!(
        store
            .list_audit(of_case, Paging::default())
            .await
            .unwrap()
            .total,
        1
    );
    let refusals = AuditFilter {
        action: Some("login_refused".into()),
        since: Some(at(2)),
        ..AuditFilter::default()
    };
    let refusals = store.list_audit(refusals, Paging::default()).await.unwrap();
    assert_eq!(refusals.items[0].detail, "username=mallory");
    let since = AuditFilter {
        since: Some(at(3)),
        ..AuditFilter::default()
    };
    assert_eq!(
        store
            .list_audit(since, Paging::default())
            .await
            .unwrap()
            .total,
        1
    );
}
