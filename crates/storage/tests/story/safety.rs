//! Chapter seven: who a case belongs to and whether its client threatened anyone. Answering an
//! unassigned case takes it, escalating hands it over, and the first threat flags the case for good.

use defuse_storage::{
    CaseChanges, CaseSignals, Direction, MessageEffects, NewCase, NewEscalation, NewMessage, Store,
};

use super::accounts::Cast;
use super::at;
use super::clients::Clients;

fn message(case_id: i64, direction: Direction, minute: i64) -> NewMessage {
    NewMessage {
        case_id,
        direction,
        author_id: None,
        channel: "phone".into(),
        body: "written up from a call".into(),
        at: at(minute),
        analysis_json: None,
        model_version: None,
        external_id: None,
    }
}

fn inbound(safety: bool) -> MessageEffects {
    MessageEffects {
        case_signals: Some(CaseSignals {
            hostility: 0.9,
            main_causes: Vec::new(),
            safety,
        }),
        ..MessageEffects::default()
    }
}

fn answered_by(user_id: i64) -> MessageEffects {
    MessageEffects {
        assign_if_unassigned: Some(user_id),
        ..MessageEffects::default()
    }
}

pub async fn story(store: &dyn Store, cast: &Cast, clients: &Clients) {
    let new = NewCase {
        client_id: clients.omar.id,
        subject: "Visit threatened".into(),
        channel: "phone".into(),
        assignee_id: None,
        team_id: cast.front.id,
        opened_at: at(100),
    };
    let case = store.create_case(new).await.unwrap();
    assert_eq!((case.assignee_id, case.safety_at), (None, None));

    // A message without a threat leaves the flag unset; the first threat sets it, later ones keep it.
    for (minute, safety) in [(101, false), (102, true), (103, true), (104, false)] {
        let new = message(case.id, Direction::Inbound, minute);
        store.add_message(new, inbound(safety)).await.unwrap();
        let expected = (minute >= 102).then(|| at(102));
        assert_eq!(store.case(case.id).await.unwrap().safety_at, expected);
    }

    // The first to answer takes the case; a second answer does not take it from them.
    for (minute, user) in [(105, cast.alice.id), (106, cast.bob.id)] {
        let new = message(case.id, Direction::Outbound, minute);
        store.add_message(new, answered_by(user)).await.unwrap();
        assert_eq!(
            store.case(case.id).await.unwrap().assignee_id,
            Some(cast.alice.id)
        );
    }

    // Escalating hands the case to the supervisor it went to.
    let escalation = NewEscalation {
        case_id: case.id,
        to_user_id: cast.sue.id,
        reason: "Threatened to come to the office".into(),
        by: cast.alice.id,
        at: at(107),
    };
    store.add_escalation(escalation).await.unwrap();
    assert_eq!(
        store.case(case.id).await.unwrap().assignee_id,
        Some(cast.sue.id)
    );

    // Unassigned again, the next answer takes it again.
    let unassign = CaseChanges {
        assignee_id: Some(None),
        ..CaseChanges::default()
    };
    store.update_case(case.id, unassign, at(108)).await.unwrap();
    let new = message(case.id, Direction::Outbound, 109);
    store
        .add_message(new, answered_by(cast.bob.id))
        .await
        .unwrap();
    let case = store.case(case.id).await.unwrap();
    assert_eq!(
        (case.assignee_id, case.safety_at),
        (Some(cast.bob.id), Some(at(102)))
    );
}
