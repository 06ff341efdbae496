//! Six weeks of past cases for the demo, so the reports and coaching pages have weeks to
//! show: short conversations on a few causes, replies that get better over the weeks, promises
//! kept on time, late or missed, resolved cases and a few reflections. Every message goes
//! through [`crate::exchange`]; the conversations are written for defuse and are fictional.

use chrono::{DateTime, Duration, Utc};
use defuse_core::coach::UtcOffset;
use defuse_storage::{
    CaseChanges, CaseStatus, ClientFields, FollowUpFilter, FollowUpStatus, FollowUpUpdate, NewCase,
    Paging, ReflectionFields,
};

use crate::exchange::{self, Text};
use crate::state::AppState;

/// How many past cases are made, spread over [`DAYS`].
pub const CASES: usize = 30;
const DAYS: i64 = 42;

/// The client's opening, the agent's reply, the client's answer.
type Exchange = (&'static str, &'static str, &'static str);

/// Replies an agent still learning might send: the check marks them `revise`.
const EARLY: [Exchange; 2] = [
    (
        "I was told the refund would be back in my account in three days. It has been two weeks. What is going on?",
        "Please calm down. Refunds take as long as they take and that is our policy.",
        "That is exactly the attitude I expected. Unbelievable.",
    ),
    (
        "The parcel tracking has said 'out for delivery' since Tuesday. I stayed home two days for nothing.",
        "It's not our fault, the courier handles that. You should have checked the tracking page.",
        "I did check it, that's the whole point. This is useless.",
    ),
];

/// Replies that follow the playbook.
const LATER: [Exchange; 4] = [
    (
        "This is the second invoice this month with a charge I never agreed to. I'm fed up with chasing you for refunds.",
        "I'm sorry you've had to chase this. I can see the extra charge, and I will refund it today and email you the receipt by 4pm.",
        "Thanks, that's all I wanted.",
    ),
    (
        "My order was meant to arrive on Monday and there's still nothing. Nobody answers the phone. Absolutely hopeless.",
        "I understand how frustrating it is to wait without news. I've chased the courier, and I will call you tomorrow by 10am with a delivery slot.",
        "OK. I'll wait for your call then.",
    ),
    (
        "You people are incompetent idiots. Third time I've asked for the same thing.",
        "I want to get this sorted for you, and I need us to keep this respectful. I will look into your request now and reply by 3pm today.",
        "Whatever. Just do it.",
    ),
    (
        "The product page says the lamp works outdoors but it died after one night of rain. I expected better for the price.",
        "That is disappointing, and you were right to expect it to cope with rain. I can send a replacement or refund you in full, whichever you prefer, and I will arrange it by Friday.",
        "A replacement would be great, thank you for being straightforward.",
    ),
];

const CLIENTS: [&str; 6] = [
    "Alys Morgan",
    "Bram de Vries",
    "Chiara Russo",
    "Dmitri Volkov",
    "Esi Mensah",
    "Farid Haddad",
];

/// What an agent wrote on reflection after a case of each kind of reply.
const REFLECTIONS: [(&str, &str); 2] = [
    (
        "Said back what went wrong before explaining anything.",
        "Give a time for the next update in the first reply, not the second.",
    ),
    (
        "Kept it respectful after the insult and still gave a firm time.",
        "Name the behaviour once, early, instead of ignoring the first insult.",
    ),
];

/// Adds the past cases of `teams` worked by `agents` (paired by index), as of `now`.
pub async fn add(
    state: &AppState,
    teams: &[i64],
    agents: &[i64],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    for n in 0..CASES {
        let opened_at =
            now - Duration::days(DAYS) + Duration::hours(n as i64 * DAYS * 24 / CASES as i64);
        let early = n < CASES / 3;
        let (opening, reply, answer) = if early {
            EARLY[n % EARLY.len()]
        } else {
            LATER[n % LATER.len()]
        };
        let who = n % agents.len();
        let fields = ClientFields {
            name: CLIENTS[n % CLIENTS.len()].to_owned(),
            emails: vec![format!("client{n}@example.com")],
            ..ClientFields::default()
        };
        let client = state.store.create_client(fields).await?;
        let new = NewCase {
            client_id: client.id,
            subject: opening
                .split('.')
                .next()
                .unwrap_or(opening)
                .chars()
                .take(60)
                .collect(),
            channel: if n % 3 == 0 { "chat" } else { "email" }.to_owned(),
            assignee_id: Some(agents[who]),
            team_id: teams[who % teams.len()],
            opened_at,
        };
        let case = state.store.create_case(new).await?;
        let text = |body, minutes: i64| Text {
            body,
            channel: None,
            at: opened_at + Duration::minutes(minutes),
            offset: UtcOffset::UTC,
            recorded_by: None,
            external_id: None,
            source: None,
        };
        exchange::receive(state, &case, text(opening, 0)).await?;
        let first_reply = 15 + (n as i64 * 37) % 240;
        exchange::reply(state, &case, agents[who], text(reply, first_reply)).await?;
        exchange::receive(state, &case, text(answer, first_reply + 90)).await?;
        settle(state, case.id, n, opened_at, agents[who]).await?;
    }
    Ok(())
}

/// Keeps the case's promises on time, late or not at all, and resolves the older cases, with a
/// reflection on some.
async fn settle(
    state: &AppState,
    case_id: i64,
    n: usize,
    opened_at: DateTime<Utc>,
    agent: i64,
) -> anyhow::Result<()> {
    let store = state.store.as_ref();
    let filter = FollowUpFilter {
        case_id: Some(case_id),
        ..FollowUpFilter::default()
    };
    for f in store
        .list_follow_ups(filter, Paging::first(20)?)
        .await?
        .items
    {
        let due = f.due_at.unwrap_or(opened_at + Duration::days(1));
        let (status, at) = match n % 4 {
            0 | 1 => (FollowUpStatus::Done, due - Duration::hours(1)),
            2 => (FollowUpStatus::Done, due + Duration::hours(5)),
            _ => (FollowUpStatus::Missed, due + Duration::days(1)),
        };
        if at < Utc::now() {
            store
                .update_follow_up(
                    f.id,
                    FollowUpUpdate {
                        status,
                        at,
                        note: None,
                    },
                )
                .await?;
        }
    }
    if n + 4 >= CASES {
        return Ok(());
    }
    let closed_at = opened_at + Duration::hours(6 + (n as i64 * 11) % 60);
    let changes = CaseChanges {
        status: Some(CaseStatus::Resolved),
        ..CaseChanges::default()
    };
    store.update_case(case_id, changes, closed_at).await?;
    if n % 3 == 1 {
        let (went_well, do_differently) = REFLECTIONS[n % REFLECTIONS.len()];
        let fields = ReflectionFields {
            went_well: went_well.to_owned(),
            do_differently: do_differently.to_owned(),
            by: agent,
            at: closed_at,
        };
        store.put_reflection(case_id, fields).await?;
    }
    Ok(())
}
