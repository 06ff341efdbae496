//! The suggested reply, over conversations written for this test with the real analyzer: it
//! passes defuse's own draft check, leads with the boundary, the harm-stopping step or the
//! apology where those come first, fits the domain, and names a time that suits the urgency.

use defuse_core::Analyzer;
use defuse_core::coach::{
    Coaching, Conversation, Domain, Move, Policy, Role, Timestamp, Turn, Urgency, UtcOffset,
    Verdict, check_reply, coach,
};

/// Monday 2 March 2026, 10:00 UTC.
const MORNING: Timestamp = Timestamp(1_772_445_600);
/// The same Monday, 19:30 UTC.
const EVENING: Timestamp = Timestamp(1_772_445_600 + 9 * 3600 + 1800);

fn talk(at: Timestamp, turns: &[(Role, &str)]) -> Conversation {
    let turns = turns
        .iter()
        .enumerate()
        .map(|(i, (role, text))| Turn {
            role: *role,
            text: (*text).to_string(),
            at: Timestamp(at.0 - 60 * (turns.len() - 1 - i) as i64),
        })
        .collect();
    Conversation::new(turns, UtcOffset::UTC)
}

fn client(at: Timestamp, text: &str) -> Conversation {
    talk(at, &[(Role::Client, text)])
}

struct Coached {
    coaching: Coaching,
    reply: String,
}

/// Coaches `c` and checks that the suggested reply passes the draft check when sent right away.
fn coached(c: &Conversation) -> Coached {
    let analyzer = Analyzer::new();
    let policy = Policy::default();
    let coaching = coach(c, &policy, &analyzer);
    let reply = coaching
        .suggested_reply
        .clone()
        .unwrap_or_else(|| panic!("no suggested reply: {:#?}", coaching.moves));
    let sent_at = c.turns.last().unwrap().at;
    let check = check_reply(&reply, c, &policy, &analyzer, sent_at)
        .expect("a suggested reply is never empty");
    assert_eq!(
        check.verdict,
        Verdict::Send,
        "{reply:?}: {:#?}",
        check.findings
    );
    Coached { coaching, reply }
}

fn first(c: &Coached) -> Move {
    c.coaching.moves[0].kind
}

#[test]
fn grief_is_met_with_sympathy_and_never_asked_what_was_expected() {
    let c = coached(&client(
        MORNING,
        "Hello. My mother passed away in the spring and letters still arrive asking her to pay. I have sent the death certificate twice. I only want them to stop.",
    ));
    assert!(c.reply.contains("loss"), "{}", c.reply);
    assert!(!c.reply.contains("expect"), "{}", c.reply);
    let asked: Vec<&String> = c.coaching.moves.iter().flat_map(|m| &m.say).collect();
    assert!(asked.iter().all(|s| !s.contains("expected")), "{asked:?}");
}

#[test]
fn fraud_in_progress_gets_the_harm_stopping_step_first_within_minutes() {
    let c = coached(&client(
        MORNING,
        "Someone is using my debit card right now, three payments in ten minutes that I did not make. Please stop it!",
    ));
    assert_eq!(c.coaching.situation.urgency(), Urgency::Stop);
    assert_eq!(first(&c), Move::NextStep);
    assert!(
        c.reply.contains("within the next 15 minutes"),
        "{}",
        c.reply
    );
    assert!(!c.reply.contains("tomorrow"), "{}", c.reply);
}

#[test]
fn a_stranded_family_hears_back_within_the_hour() {
    let c = coached(&client(
        EVENING,
        "Our ferry was cancelled and we are stranded at the port with two small children and nowhere to stay tonight. What are you going to do?",
    ));
    assert!(c.coaching.situation.vulnerability().is_some());
    assert!(c.reply.contains("within the hour"), "{}", c.reply);
    assert_eq!(c.coaching.situation.domain, Some(Domain::Travel));
}

#[test]
fn an_outage_with_a_deadline_today_is_urgent() {
    let c = coached(&client(
        MORNING,
        "Your API has been down since 9am and our payroll export has to run by 1pm today. We are losing money every minute this goes on.",
    ));
    assert!(c.coaching.situation.urgency() >= Urgency::Soon);
    assert!(c.reply.contains("within the"), "{}", c.reply);
}

#[test]
fn a_calm_but_wronged_client_is_owed_the_apology() {
    let c = coached(&client(
        MORNING,
        "Hi, I was charged twice for my March subscription. Could you refund the duplicate payment please? Thank you.",
    ));
    assert!(
        matches!(first(&c), Move::Apologise | Move::Acknowledge),
        "{:?}",
        c.coaching.moves
    );
    assert!(
        c.reply.contains("sorry") || c.reply.contains("apologise"),
        "{}",
        c.reply
    );
}

#[test]
fn a_power_disconnection_gets_options_that_fit_a_utility() {
    let c = coached(&client(
        MORNING,
        "You disconnected our electricity this morning even though I paid the bill on Friday. I have a newborn baby and no heating.",
    ));
    assert!(!c.reply.contains("replacement"), "{}", c.reply);
    let options: Vec<&String> = c
        .coaching
        .moves
        .iter()
        .filter(|m| m.kind == Move::Options)
        .flat_map(|m| &m.say)
        .collect();
    assert!(
        options.iter().all(|o| !o.contains("replacement")),
        "{options:?}"
    );
}

#[test]
fn a_home_without_hot_water_or_heating_is_not_left_until_tomorrow() {
    for text in [
        "We have had no hot water since yesterday and there is a six-month-old in the house.",
        "The boiler you fitted has failed, so we are without heating in January.",
    ] {
        let c = coached(&client(EVENING, text));
        assert!(!c.reply.contains("tomorrow"), "{text}: {}", c.reply);
    }
}

#[test]
fn a_late_evening_message_is_never_promised_a_time_already_gone() {
    let c = coached(&talk(
        EVENING,
        &[
            (
                Role::Client,
                "I'm a freelancer and invoice 2231 is now six weeks overdue.",
            ),
            (Role::Agent, "Thanks, I'll pass it to accounts."),
            (
                Role::Client,
                "That's what you said last time. This is the third time I've chased it and I have rent to pay.",
            ),
        ],
    ));
    assert!(!c.reply.contains("today"), "{}", c.reply);
    let steps: Vec<&Vec<String>> = c
        .coaching
        .moves
        .iter()
        .filter(|m| m.kind == Move::NextStep)
        .map(|m| &m.say)
        .collect();
    assert_eq!(steps.len(), 1);
    assert_eq!(steps[0].len(), 1, "one next-step line: {steps:?}");
}

#[test]
fn abuse_puts_the_boundary_statement_first() {
    let c = coached(&client(
        MORNING,
        "You useless idiot, my broadband has been dead for a week. Fix it.",
    ));
    assert_eq!(first(&c), Move::Boundary);
    let boundary = &c.coaching.moves[0].say[0];
    assert!(c.reply.starts_with(boundary.as_str()), "{}", c.reply);
}

#[test]
fn a_message_not_in_english_gets_no_english_coaching() {
    let analyzer = Analyzer::new();
    let c = client(
        MORNING,
        "Hola, mi pedido no ha llegado todavía y nadie me responde a los correos. Necesito una solución hoy mismo, por favor.",
    );
    let coaching = coach(&c, &Policy::default(), &analyzer);
    assert!(coaching.unsupported_language);
    assert!(coaching.moves.is_empty(), "{:?}", coaching.moves);
    assert_eq!(coaching.suggested_reply, None);
}
