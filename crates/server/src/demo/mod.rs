//! Sample data for `defuse serve --demo`: a few teams, people, clients and conversations, so a
//! first look shows the product at work. Every message goes through [`crate::exchange`], exactly
//! as it would through the API. The conversations are written for defuse and are fictional.
//! [`history`] adds six weeks of past cases, so the reports have weeks to show.

mod history;

use chrono::{Duration, Utc};
use defuse_core::coach::UtcOffset;
use defuse_storage::{ClientFields, ClientFilter, NewCase, NewEscalation, Paging, Role};

use crate::accounts::{self, Username};
use crate::exchange::{self, Text};
use crate::state::AppState;

/// The demo accounts made, with their one-time passwords.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seeded {
    pub users: Vec<(String, String)>,
    pub cases: usize,
}

#[derive(Clone, Copy)]
enum Who {
    Client,
    Agent,
}

struct Sample {
    name: &'static str,
    email: &'static str,
    organisation: Option<&'static str>,
    flags: &'static [&'static str],
    subject: &'static str,
    channel: &'static str,
    /// Index into [`TEAMS`].
    team: usize,
    /// Index into [`PEOPLE`] of the agent who works the case.
    agent: usize,
    turns: &'static [(Who, &'static str)],
    /// Why the case went to the supervisor, when it did.
    escalation: Option<&'static str>,
}

const TEAMS: [&str; 2] = ["Billing", "Deliveries"];

/// Username, display name, role, teams (indices into [`TEAMS`]).
const PEOPLE: [(&str, &str, Role, &[usize]); 3] = [
    ("ana", "Ana Ruiz", Role::Agent, &[0]),
    ("ben", "Ben Okafor", Role::Agent, &[1]),
    ("sam", "Sam Lindqvist", Role::Supervisor, &[0, 1]),
];

const SAMPLES: [Sample; 5] = [
    Sample {
        name: "Gareth Pryce",
        email: "gareth.pryce@example.com",
        organisation: None,
        flags: &[],
        subject: "Charged twice for March",
        channel: "email",
        team: 0,
        agent: 0,
        turns: &[
            (
                Who::Client,
                "I have now been charged TWICE for the same month and this is the third time I'm writing about it. Nobody has fixed anything. I want the extra 49 pounds back today, not next week.",
            ),
            (
                Who::Agent,
                "Gareth, I'm sorry you've had to chase this three times, that is not how it should go. I can see both charges on your account. I will refund the duplicate today and email you the confirmation by 5pm.",
            ),
            (
                Who::Client,
                "Fine. If it's not there by tonight I'm cancelling the whole contract.",
            ),
        ],
        escalation: None,
    },
    Sample {
        name: "Derek Holt",
        email: "d.holt@example.net",
        organisation: None,
        flags: &["prefers phone"],
        subject: "Sofa delivery two weeks late",
        channel: "chat",
        team: 1,
        agent: 1,
        turns: &[
            (
                Who::Client,
                "Where is my sofa?? You lot are a bunch of useless idiots. Two weeks late and nobody can tell me a thing.",
            ),
            (
                Who::Agent,
                "I understand two weeks without news is maddening, and I want to sort this out with you. I'm glad to help, and I need us to keep this respectful. Let me check with the depot now and I will message you back within the hour.",
            ),
            (
                Who::Client,
                "Don't give me that. You're a clueless moron and I'll keep saying it until my sofa turns up.",
            ),
        ],
        escalation: Some("Insults again after a request to keep it respectful; please take over."),
    },
    Sample {
        name: "Priya Nair",
        email: "priya.nair@example.org",
        organisation: None,
        flags: &[],
        subject: "Passport parcel stuck in transit",
        channel: "email",
        team: 1,
        agent: 1,
        turns: &[(
            Who::Client,
            "Hello, my passport was supposed to be delivered yesterday and the tracking hasn't moved. My visa appointment is on Thursday morning and I can't go without it. I'm really worried. Is there anything at all you can do?",
        )],
        escalation: None,
    },
    Sample {
        name: "Tomasz Wrona",
        email: "tomasz@wrona-design.example",
        organisation: Some("Wrona Design"),
        flags: &[],
        subject: "Still billed for the premium plan",
        channel: "email",
        team: 0,
        agent: 0,
        turns: &[
            (
                Who::Client,
                "I don't understand my latest invoice. I thought I switched to the basic plan last month, but I'm still being billed for premium? And what is this 'proration adjustment' line? Sorry, I'm just confused about what I'm actually paying for.",
            ),
            (
                Who::Agent,
                "No need to apologise, Tomasz, that line is confusing. The switch was booked for the start of your next billing cycle, so this invoice still covers premium, and the adjustment is the credit for the days you already used basic. Would a short breakdown by email help? I can send it this afternoon.",
            ),
            (
                Who::Client,
                "Oh, that makes more sense now. Yes please, a breakdown would help a lot. Thank you.",
            ),
        ],
        escalation: None,
    },
    Sample {
        name: "Helen Ashworth",
        email: "helen.ashworth@example.co.uk",
        organisation: None,
        flags: &["prefers email"],
        subject: "Washing machine repair, no update",
        channel: "email",
        team: 1,
        agent: 1,
        turns: &[(
            Who::Client,
            "Good afternoon. I wanted to let you know, politely, that I am quite disappointed. The washing machine was collected for repair three weeks ago and I was told it would take five working days. I have not been updated since. I would appreciate knowing where things stand.",
        )],
        escalation: None,
    },
];

/// Fills an empty database (no clients yet) with the samples. Returns `None`, touching
/// nothing, when the database already holds clients.
pub async fn seed(state: &AppState) -> anyhow::Result<Option<Seeded>> {
    let store = state.store.as_ref();
    if store
        .list_clients(ClientFilter::default(), Paging::first(1)?)
        .await?
        .total
        > 0
    {
        return Ok(None);
    }
    let mut teams = Vec::new();
    for name in TEAMS {
        teams.push(store.create_team(name).await?.id);
    }
    let mut people = Vec::new();
    let mut users = Vec::new();
    for (username, display, role, member_of) in PEOPLE {
        let added =
            accounts::add_user(store, &Username::parse(username)?, display, role, None).await?;
        for t in member_of {
            store.add_team_member(teams[*t], added.user.id).await?;
        }
        users.push((
            username.to_owned(),
            added.generated_password.unwrap_or_default(),
        ));
        people.push(added.user.id);
    }
    let start = Utc::now() - Duration::days(2);
    for (i, sample) in SAMPLES.iter().enumerate() {
        let fields = ClientFields {
            name: sample.name.to_owned(),
            emails: vec![sample.email.to_owned()],
            organisation: sample.organisation.map(str::to_owned),
            flags: sample.flags.iter().map(|f| (*f).to_owned()).collect(),
            ..ClientFields::default()
        };
        let client = store.create_client(fields).await?;
        let opened_at = start + Duration::hours(i as i64 * 3);
        let new = NewCase {
            client_id: client.id,
            subject: sample.subject.to_owned(),
            channel: sample.channel.to_owned(),
            assignee_id: Some(people[sample.agent]),
            team_id: teams[sample.team],
            opened_at,
        };
        let case = store.create_case(new).await?;
        for (n, (who, body)) in sample.turns.iter().enumerate() {
            let text = Text {
                body,
                channel: None,
                at: opened_at + Duration::minutes(n as i64 * 25),
                offset: UtcOffset::UTC,
                recorded_by: None,
                external_id: None,
                source: None,
            };
            match who {
                Who::Client => drop(exchange::receive(state, &case, text).await?),
                Who::Agent => {
                    drop(exchange::reply(state, &case, people[sample.agent], text).await?)
                }
            }
        }
        if let Some(reason) = sample.escalation {
            let supervisor = people[PEOPLE
                .iter()
                .position(|p| p.2 == Role::Supervisor)
                .unwrap_or(0)];
            let new = NewEscalation {
                case_id: case.id,
                to_user_id: supervisor,
                reason: reason.to_owned(),
                by: people[sample.agent],
                at: Utc::now(),
            };
            store.add_escalation(new).await?;
        }
    }
    let agents: Vec<i64> = PEOPLE
        .iter()
        .zip(&people)
        .filter(|(p, _)| p.2 == Role::Agent)
        .map(|(_, id)| *id)
        .collect();
    history::add(state, &teams, &agents, Utc::now()).await?;
    Ok(Some(Seeded {
        users,
        cases: SAMPLES.len() + history::CASES,
    }))
}
