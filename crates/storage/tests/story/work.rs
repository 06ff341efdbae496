//! Chapter four: the work on the cases (boundaries, escalation, agreements, follow-ups,
//! documentation, reflection) and the case list filters it feeds.

use defuse_storage::{
    CaseFilter, CaseStatus, DocumentationFields, EscalationFilter, FollowUpFilter, FollowUpStatus,
    FollowUpUpdate, NewAgreedAction, NewBoundaryEvent, NewEscalation, NewFollowUp, Paging,
    ReflectionFields, Store,
};

use super::accounts::Cast;
use super::cases::Cases;
use super::{at, is_not_found};

pub async fn story(store: &dyn Store, cast: &Cast, cases: &Cases) {
    boundaries(store, cast, cases).await;
    let dana = cases.dana.id;
    let omar = cases.omar.id;

    let escalation = NewEscalation {
        case_id: dana,
        to_user_id: cast.sue.id,
        reason: "Threatened legal action".into(),
        by: cast.alice.id,
        at: at(8),
    };
    let escalation = store.add_escalation(escalation).await.unwrap();
    assert_eq!(
        (escalation.by, escalation.to_user_id),
        (cast.alice.id, cast.sue.id)
    );
    assert_eq!(
        store.case(dana).await.unwrap().status,
        CaseStatus::Escalated
    );
    let of_teams = |teams: Vec<i64>| EscalationFilter {
        teams: Some(teams),
        ..EscalationFilter::default()
    };
    let seen = store
        .list_escalations(of_teams(vec![cast.front.id]), Paging::default())
        .await
        .unwrap();
    assert_eq!(seen.items, std::slice::from_ref(&escalation));
    let seen = store
        .list_escalations(of_teams(vec![cast.billing.id]), Paging::default())
        .await
        .unwrap();
    assert_eq!(seen.total, 0);
    let to_sue = EscalationFilter {
        to_user_id: Some(cast.sue.id),
        ..EscalationFilter::default()
    };
    assert_eq!(
        store
            .list_escalations(to_sue, Paging::default())
            .await
            .unwrap()
            .total,
        1
    );

    let agreed = NewAgreedAction {
        case_id: dana,
        text: "Refund within 5 days".into(),
        by: cast.alice.id,
        at: at(9),
    };
    let agreed = store.add_agreed_action(agreed).await.unwrap();
    assert_eq!(store.list_agreed_actions(dana).await.unwrap(), [agreed]);
    assert!(store.list_agreed_actions(omar).await.unwrap().is_empty());

    follow_ups(store, cast, cases).await;
    case_filters(store, cast, cases).await;

    let fields = |outcome: &str| DocumentationFields {
        concerns: "Refund late twice".into(),
        steps_taken: "Called back, escalated".into(),
        agreed: "Refund within 5 days".into(),
        outcome: outcome.into(),
        by: cast.alice.id,
        at: at(90),
    };
    store
        .put_documentation(dana, fields("pending"))
        .await
        .unwrap();
    let doc = store
        .put_documentation(dana, fields("refunded"))
        .await
        .unwrap();
    assert_eq!(
        (doc.outcome.as_str(), doc.updated_by),
        ("refunded", cast.alice.id)
    );
    assert_eq!(store.documentation(dana).await.unwrap(), doc);
    assert!(is_not_found(store.documentation(omar).await));

    let reflection = ReflectionFields {
        went_well: "Calling early".into(),
        do_differently: "Promise less".into(),
        by: cast.alice.id,
        at: at(95),
    };
    let reflection = store.put_reflection(dana, reflection).await.unwrap();
    assert_eq!(store.reflection(dana).await.unwrap(), reflection);
    assert!(is_not_found(store.reflection(omar).await));
}

/// Each event raises the case's step, never lowers it; the first acknowledgement stays.
async fn boundaries(store: &dyn Store, cast: &Cast, cases: &Cases) {
    let event = |step: i32, minute: i64| NewBoundaryEvent {
        case_id: cases.dana.id,
        step,
        message_id: Some(cases.promise_message_id),
        evidence_json: format!(r#"{{"step":{step}}}"#),
        at: at(minute),
    };
    let first = store.add_boundary_event(event(1, 5)).await.unwrap();
    assert_eq!(store.case(cases.dana.id).await.unwrap().boundary_step, 1);
    store.add_boundary_event(event(2, 6)).await.unwrap();
    store.add_boundary_event(event(1, 7)).await.unwrap();
    assert_eq!(store.case(cases.dana.id).await.unwrap().boundary_step, 2);

    let acked = store
        .acknowledge_boundary_event(first.id, cast.sue.id, at(6))
        .await
        .unwrap();
    assert_eq!(
        (acked.acknowledged_by, acked.acknowledged_at),
        (Some(cast.sue.id), Some(at(6)))
    );
    let again = store
        .acknowledge_boundary_event(first.id, cast.alice.id, at(9))
        .await
        .unwrap();
    assert_eq!(again.acknowledged_by, Some(cast.sue.id));
    assert!(is_not_found(
        store
            .acknowledge_boundary_event(9_999, cast.sue.id, at(9))
            .await
    ));
    let events = store.list_boundary_events(cases.dana.id).await.unwrap();
    assert_eq!(events.iter().map(|e| e.step).collect::<Vec<_>>(), [1, 2, 1]);
}

/// Dana's case holds two promises (due 30, undated); Omar's gets two manual follow-ups.
async fn follow_ups(store: &dyn Store, cast: &Cast, cases: &Cases) {
    let new = |due: i64| NewFollowUp {
        case_id: cases.omar.id,
        what: "Send statement".into(),
        due_at: Some(at(due)),
        owner_id: Some(cast.bob.id),
    };
    let early = store.create_follow_up(new(20)).await.unwrap();
    store.create_follow_up(new(120)).await.unwrap();
    assert_eq!(
        (early.status, early.promise_message_id, early.done_at),
        (FollowUpStatus::Open, None, None)
    );

    let overdue = |minute| FollowUpFilter {
        overdue_at: Some(at(minute)),
        ..FollowUpFilter::default()
    };
    let late = store
        .list_follow_ups(overdue(25), Paging::default())
        .await
        .unwrap();
    assert_eq!(late.items, std::slice::from_ref(&early));
    let late = store
        .list_follow_ups(overdue(60), Paging::default())
        .await
        .unwrap();
    assert_eq!(late.total, 2, "the due promise in Dana's case too");
    let mine = FollowUpFilter {
        owner_id: Some(cast.bob.id),
        teams: Some(vec![cast.front.id]),
        ..FollowUpFilter::default()
    };
    assert_eq!(
        store
            .list_follow_ups(mine, Paging::default())
            .await
            .unwrap()
            .total,
        0,
        "Bob's are in billing"
    );

    let done = FollowUpUpdate {
        status: FollowUpStatus::Done,
        at: at(15),
        note: Some("Called back, the refund is confirmed".into()),
    };
    let early = store
        .update_follow_up(early.id, done.clone())
        .await
        .unwrap();
    assert_eq!(
        (early.status, early.done_at, early.done_note.as_deref()),
        (
            FollowUpStatus::Done,
            Some(at(15)),
            Some("Called back, the refund is confirmed")
        )
    );
    assert_eq!(store.follow_up(early.id).await.unwrap(), early);
    assert!(is_not_found(store.update_follow_up(9_999, done).await));

    assert_eq!(
        store.mark_missed(at(40), at(41)).await.unwrap(),
        1,
        "the call-back promised for 30"
    );
    assert_eq!(store.mark_missed(at(40), at(42)).await.unwrap(), 0);
    let missed = FollowUpFilter {
        status: Some(FollowUpStatus::Missed),
        ..FollowUpFilter::default()
    };
    let missed = store
        .list_follow_ups(missed, Paging::default())
        .await
        .unwrap();
    assert_eq!(missed.items[0].done_at, Some(at(41)));
    let all = store
        .list_follow_ups(FollowUpFilter::default(), Paging::default())
        .await
        .unwrap();
    let dues: Vec<_> = all.items.iter().map(|f| f.due_at).collect();
    assert_eq!(
        dues,
        [Some(at(20)), Some(at(30)), Some(at(120)), None],
        "soonest first, undated last"
    );
}

async fn case_filters(store: &dyn Store, cast: &Cast, cases: &Cases) {
    let ids = |filter: CaseFilter| async move {
        let page = store.list_cases(filter, Paging::default()).await.unwrap();
        page.items.iter().map(|c| c.id).collect::<Vec<_>>()
    };
    let (dana, omar) = (cases.dana.id, cases.omar.id);
    assert_eq!(
        ids(CaseFilter::default()).await,
        [omar, dana],
        "newest opened first"
    );
    assert_eq!(
        ids(CaseFilter {
            teams: Some(vec![cast.front.id]),
            ..CaseFilter::default()
        })
        .await,
        [dana]
    );
    assert_eq!(
        ids(CaseFilter {
            teams: Some(vec![]),
            ..CaseFilter::default()
        })
        .await,
        [] as [i64; 0]
    );
    assert_eq!(
        ids(CaseFilter {
            status: Some(CaseStatus::Escalated),
            ..CaseFilter::default()
        })
        .await,
        [dana]
    );
    // The escalation handed Dana's case from Alice to Sue.
    assert_eq!(
        ids(CaseFilter {
            assignee_id: Some(cast.sue.id),
            ..CaseFilter::default()
        })
        .await,
        [dana]
    );
    assert_eq!(
        ids(CaseFilter {
            team_id: Some(cast.billing.id),
            ..CaseFilter::default()
        })
        .await,
        [omar]
    );
    assert_eq!(
        ids(CaseFilter {
            client_id: Some(cases.dana.client_id),
            ..CaseFilter::default()
        })
        .await,
        [dana]
    );
    assert_eq!(
        ids(CaseFilter {
            min_hostility: Some(0.5),
            ..CaseFilter::default()
        })
        .await,
        [dana]
    );
    assert_eq!(
        ids(CaseFilter {
            min_hostility: Some(0.9),
            ..CaseFilter::default()
        })
        .await,
        [] as [i64; 0]
    );
    assert_eq!(
        ids(CaseFilter {
            overdue_at: Some(at(200)),
            ..CaseFilter::default()
        })
        .await,
        [omar],
        "only open ones count"
    );

    let page = store
        .list_cases(CaseFilter::default(), Paging::new(1, 1).unwrap())
        .await
        .unwrap();
    assert_eq!((page.total, page.items[0].id), (2, dana));
    assert_eq!(
        page.items[0].open_followups, 1,
        "one promise missed, one open"
    );
}
