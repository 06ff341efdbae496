//! Chapter ten: the facts the report pages count, over a desk of three hand-made cases in two
//! weeks, and how the filters narrow them.

use defuse_storage::{
    CaseSignals, ClientFields, Direction, FollowUpStatus, FollowUpUpdate, MessageEffects,
    NewBoundaryEvent, NewCase, NewEscalation, NewFollowUp, NewMessage, ReflectionFields,
    ReportFilter, Store,
};

use super::accounts::Cast;
use super::at;

const WEEK: i64 = 7 * 24 * 60;

/// A case to open: minute, channel, assignee, peak hostility, main causes.
type Opening<'a> = (i64, &'a str, i64, f64, &'a [&'a str]);

/// Opens a case of `desk` for `client` with a first client message a minute later.
async fn case(store: &dyn Store, desk: i64, client: i64, opening: Opening<'_>) -> i64 {
    let (opened, channel, assignee, hostility, causes) = opening;
    let new = NewCase {
        client_id: client,
        subject: format!("opened at {opened}"),
        channel: channel.into(),
        assignee_id: Some(assignee),
        team_id: desk,
        opened_at: at(opened),
    };
    let id = store.create_case(new).await.unwrap().id;
    let effects = MessageEffects {
        case_signals: Some(CaseSignals {
            hostility,
            main_causes: causes.iter().map(|c| (*c).to_owned()).collect(),
            safety: false,
        }),
        ..MessageEffects::default()
    };
    store
        .add_message(
            message(id, Direction::Inbound, None, opened + 1, None),
            effects,
        )
        .await
        .unwrap();
    id
}

fn message(
    case_id: i64,
    direction: Direction,
    author_id: Option<i64>,
    minute: i64,
    check: Option<&str>,
) -> NewMessage {
    NewMessage {
        case_id,
        direction,
        author_id,
        channel: "email".into(),
        body: "a message".into(),
        at: at(minute),
        analysis_json: check.map(str::to_owned),
        model_version: None,
        external_id: None,
    }
}

async fn follow_up(
    store: &dyn Store,
    case_id: i64,
    owner: i64,
    due: i64,
    outcome: Option<(FollowUpStatus, i64)>,
) {
    let new = NewFollowUp {
        case_id,
        what: "call back".into(),
        due_at: Some(at(due)),
        owner_id: Some(owner),
    };
    let id = store.create_follow_up(new).await.unwrap().id;
    if let Some((status, minute)) = outcome {
        store
            .update_follow_up(
                id,
                FollowUpUpdate {
                    status,
                    at: at(minute),
                    note: None,
                },
            )
            .await
            .unwrap();
    }
}

pub async fn story(store: &dyn Store, cast: &Cast) {
    let desk = store.create_team("Reports desk").await.unwrap().id;
    let fields = ClientFields {
        name: "Reporting client".into(),
        ..ClientFields::default()
    };
    let clients = store.create_client(fields).await.unwrap().id;
    let (alice, bob) = (cast.alice.id, cast.bob.id);
    // Week one: an angry billing case, answered after 30 minutes, resolved after 5 hours.
    let a = case(
        store,
        desk,
        clients,
        (0, "email", alice, 0.7, &["billing_error"]),
    )
    .await;
    let reply = message(
        a,
        Direction::Outbound,
        Some(alice),
        30,
        Some(r#"{"check":{"verdict":"revise"}}"#),
    );
    store
        .add_message(reply, MessageEffects::default())
        .await
        .unwrap();
    store
        .add_message(
            message(a, Direction::Outbound, Some(alice), 40, None),
            MessageEffects::default(),
        )
        .await
        .unwrap();
    for step in [1, 2] {
        let event = NewBoundaryEvent {
            case_id: a,
            step,
            message_id: None,
            evidence_json: "{}".into(),
            at: at(20 + i64::from(step)),
        };
        store.add_boundary_event(event).await.unwrap();
    }
    let handed = NewEscalation {
        case_id: a,
        to_user_id: cast.sue.id,
        reason: "abuse".into(),
        by: alice,
        at: at(50),
    };
    store.add_escalation(handed).await.unwrap();
    follow_up(store, a, alice, 120, Some((FollowUpStatus::Done, 100))).await;
    follow_up(store, a, alice, 180, Some((FollowUpStatus::Done, 240))).await;
    let resolved = defuse_storage::CaseChanges {
        status: Some(defuse_storage::CaseStatus::Resolved),
        ..Default::default()
    };
    store.update_case(a, resolved, at(300)).await.unwrap();
    // Week two: a tense chat about a late delivery that was also billed wrong, never answered.
    let b = case(
        store,
        desk,
        clients,
        (
            WEEK,
            "chat",
            alice,
            0.4,
            &["late_delivery", "billing_error"],
        ),
    )
    .await;
    follow_up(
        store,
        b,
        alice,
        WEEK + 60,
        Some((FollowUpStatus::Missed, WEEK + 2000)),
    )
    .await;
    follow_up(store, b, bob, WEEK + 90, None).await;
    let lesson = ReflectionFields {
        went_well: "stayed calm".into(),
        do_differently: "promise a time".into(),
        by: alice,
        at: at(WEEK + 500),
    };
    store.put_reflection(b, lesson).await.unwrap();
    // Week two: a calm case of Bob's, answered after 10 minutes.
    let c = case(store, desk, clients, (WEEK + 100, "email", bob, 0.1, &[])).await;
    store
        .add_message(
            message(c, Direction::Outbound, Some(bob), WEEK + 110, None),
            MessageEffects::default(),
        )
        .await
        .unwrap();

    let all = ReportFilter {
        teams: Some(vec![desk]),
        ..ReportFilter::default()
    };
    let facts = store.report_facts(all.clone()).await.unwrap();
    let ids: Vec<i64> = facts.cases.iter().map(|c| c.id).collect();
    assert_eq!(ids, [a, b, c], "oldest opened first");
    let first = &facts.cases[0];
    assert_eq!(
        (first.first_reply_at, first.closed_at),
        (Some(at(30)), Some(at(300)))
    );
    // Escalating handed the first case to the supervisor.
    assert_eq!(
        (
            first.assignee_id,
            first.channel.as_str(),
            first.peak_hostility
        ),
        (Some(cast.sue.id), "email", 0.7)
    );
    assert_eq!(
        facts.cases[1].main_causes,
        ["late_delivery", "billing_error"]
    );
    assert_eq!(
        (facts.cases[1].first_reply_at, facts.cases[1].closed_at),
        (None, None)
    );
    assert_eq!(facts.cases[2].first_reply_at, Some(at(WEEK + 110)));
    let steps: Vec<(i64, i32)> = facts
        .boundary_steps
        .iter()
        .map(|s| (s.case_id, s.step))
        .collect();
    assert_eq!(steps, [(a, 1), (a, 2)]);
    assert_eq!(facts.escalated_cases, [a]);
    let kept: Vec<_> = facts
        .follow_ups
        .iter()
        .map(|f| (f.case_id, f.owner_id, f.status, f.done_at))
        .collect();
    assert_eq!(
        kept,
        [
            (a, Some(alice), FollowUpStatus::Done, Some(at(100))),
            (a, Some(alice), FollowUpStatus::Done, Some(at(240))),
            (
                b,
                Some(alice),
                FollowUpStatus::Missed,
                Some(at(WEEK + 2000))
            ),
            (b, Some(bob), FollowUpStatus::Open, None),
        ]
    );
    assert_eq!(
        facts
            .reflections
            .iter()
            .map(|r| r.case_id)
            .collect::<Vec<_>>(),
        [b]
    );

    // The filters: one channel, one agent, one week.
    let chats = ReportFilter {
        channel: Some("chat".into()),
        ..all.clone()
    };
    let chats = store.report_facts(chats).await.unwrap();
    assert_eq!(
        (
            chats.cases.len(),
            chats.follow_ups.len(),
            chats.escalated_cases.len()
        ),
        (1, 2, 0)
    );
    let bobs = ReportFilter {
        assignee_id: Some(bob),
        ..all.clone()
    };
    assert_eq!(
        store
            .report_facts(bobs)
            .await
            .unwrap()
            .cases
            .iter()
            .map(|c| c.id)
            .collect::<Vec<_>>(),
        [c]
    );
    let week_one = ReportFilter {
        until: Some(at(WEEK)),
        ..all.clone()
    };
    let week_one = store.report_facts(week_one).await.unwrap();
    assert_eq!(
        (
            week_one.cases.len(),
            week_one.boundary_steps.len(),
            week_one.reflections.len()
        ),
        (1, 2, 0)
    );
    let report = store
        .report(ReportFilter {
            channel: Some("email".into()),
            ..all.clone()
        })
        .await
        .unwrap();
    assert_eq!((report.escalations, report.follow_ups_done), (1, 2));

    // Sent replies: by author, in the period they were sent, with their stored checks.
    let alices = ReportFilter {
        assignee_id: Some(alice),
        ..all.clone()
    };
    let sent = store.sent_replies(alices).await.unwrap();
    let sent: Vec<_> = sent
        .iter()
        .map(|r| (r.case_id, r.at, r.analysis_json.is_some()))
        .collect();
    assert_eq!(sent, [(a, at(30), true), (a, at(40), false)]);
    let later = ReportFilter {
        since: Some(at(35)),
        ..all
    };
    let later: Vec<_> = store
        .sent_replies(later)
        .await
        .unwrap()
        .iter()
        .map(|r| r.at)
        .collect();
    assert_eq!(later, [at(40), at(WEEK + 110)]);
}
