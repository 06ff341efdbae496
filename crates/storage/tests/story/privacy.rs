//! Chapter seven: everything held about a client, read whole, then erased whole.

use defuse_storage::{AuditFilter, NewAuditEntry, Paging, Store};

use super::accounts::Cast;
use super::cases::Cases;
use super::clients::Clients;
use super::{at, is_not_found};

pub async fn story(store: &dyn Store, cast: &Cast, clients: &Clients, cases: &Cases) {
    let dana = clients.dana.id;
    let record = store.client_record(dana).await.unwrap();
    assert_eq!(record.client.id, dana);
    let case_ids: Vec<_> = record.cases.iter().map(|c| c.id).collect();
    assert_eq!(case_ids, [cases.dana.id]);
    assert!(!record.messages.is_empty());
    assert!(record.messages.iter().all(|m| m.case_id == cases.dana.id));
    let promised = record
        .follow_ups
        .iter()
        .find(|f| f.promise_message_id == Some(cases.promise_message_id))
        .expect("the promises' follow-ups");

    let line = NewAuditEntry {
        at: at(90),
        actor_id: Some(cast.sue.id),
        action: "client.erase".into(),
        record_kind: "client".into(),
        record_id: Some(dana),
        detail: "erased".into(),
    };
    assert!(is_not_found(store.erase_client(9_999, line.clone()).await));
    store.erase_client(dana, line).await.unwrap();
    assert!(is_not_found(store.client(dana).await));
    assert!(is_not_found(store.case(cases.dana.id).await));
    assert!(is_not_found(store.message(record.messages[0].id).await));
    assert!(is_not_found(store.follow_up(promised.id).await));
    assert!(is_not_found(store.client_record(dana).await));
    let filter = AuditFilter {
        action: Some("client.erase".into()),
        ..AuditFilter::default()
    };
    let erasures = store
        .list_audit(filter, Paging::first(10).unwrap())
        .await
        .unwrap();
    assert_eq!(
        erasures.total, 1,
        "one line, and none for the missing client"
    );
    assert_eq!(erasures.items[0].record_id, Some(dana));

    assert_eq!(store.client(clients.omar.id).await.unwrap(), clients.omar);
    assert!(
        store.case(cases.omar.id).await.is_ok(),
        "Omar keeps his case"
    );
}
