//! The suggested reply, over conversations written for this test with the real analyzer: it
//! passes defuse's own draft check, leads with the boundary, the harm-stopping step or the
//! apology where those come first, fits the domain, and names a time that suits the urgency.

use defuse_core::Analyzer;
use defuse_core::coach::{
    Coaching, Conversation, Domain, Family, FindingKind, Move, Policy, Role, Step, Timestamp, Turn,
    Urgency, UtcOffset, Verdict, check_reply, coach,
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
fn a_client_waiting_at_our_desk_hears_back_in_minutes() {
    let c = coached(&client(
        EVENING,
        "I'm at your front desk right now and they say my booking doesn't exist. I paid for it three weeks ago.",
    ));
    assert_eq!(c.coaching.situation.urgency(), Urgency::Now);
    assert!(
        c.reply.contains("within the next 20 minutes"),
        "{}",
        c.reply
    );
}

#[test]
fn a_flight_tomorrow_morning_is_not_answered_at_noon_tomorrow() {
    let c = coached(&client(
        EVENING,
        "My flight to Malaga tomorrow morning has been cancelled. What are you going to do about it?",
    ));
    assert!(!c.reply.contains("noon tomorrow"), "{}", c.reply);
    assert!(c.reply.contains("within the hour"), "{}", c.reply);
    // In the morning the ordinary update still comes the day before.
    let early = coached(&client(
        MORNING,
        "My flight to Malaga tomorrow morning has been cancelled. What are you going to do about it?",
    ));
    assert!(early.reply.contains("by 5pm today"), "{}", early.reply);
}

#[test]
fn a_request_for_a_manager_passes_the_case_up() {
    let c = coached(&talk(
        MORNING,
        &[
            (
                Role::Client,
                "I paid a deposit and now you won't refund it.",
            ),
            (
                Role::Agent,
                "I'm sorry, the deposit isn't refundable within 72 hours.",
            ),
            (Role::Client, "Whatever. Get me your manager. NOW."),
        ],
    ));
    assert!(c.reply.contains("supervisor"), "{}", c.reply);
    assert!(!c.reply.contains("can't promise"), "{}", c.reply);
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

/// The reply promises an update at a time.
fn promises_an_update(reply: &str) -> bool {
    [
        "update you",
        "let you know",
        "get back to you",
        "come back to you",
        "hear from me",
        "hear back from me",
    ]
    .iter()
    .any(|p| reply.contains(p))
}

/// A parcel complaint the agent answered with a promise, then the client's `last` message.
fn after_a_promise(last: &str) -> Conversation {
    talk(
        MORNING,
        &[
            (
                Role::Client,
                "My parcel was due last Tuesday and it still hasn't arrived. This is really frustrating.",
            ),
            (
                Role::Agent,
                "I'm sorry it's late. I've asked the courier to trace it.",
            ),
            (Role::Client, last),
        ],
    )
}

#[test]
fn tonight_in_a_threat_is_when_the_client_means_to_act_not_harm_to_them() {
    let c = coached(&client(
        MORNING,
        "Note it all you like. I know what Darren looks like. Tell him he'd better hope I don't see him in the car park tonight.",
    ));
    assert!(c.coaching.situation.urgency() < Urgency::Now, "{}", c.reply);
    assert!(c.coaching.boundary.step > Step::None, "{}", c.reply);
    let c = coached(&client(
        MORNING,
        "My flight is cancelled and I need a room tonight, my kids are with me.",
    ));
    assert!(
        c.coaching.situation.urgency() >= Urgency::Now,
        "{}",
        c.reply
    );
}

#[test]
fn a_sign_of_an_emergency_feared_is_no_emergency_happening() {
    let c = coached(&client(
        MORNING,
        "I will have run out by tomorrow night, and it won't be me who ends up having a seizure because of it.",
    ));
    assert_ne!(
        c.coaching.situation.vulnerability(),
        Some(Family::Emergency),
        "{}",
        c.reply
    );
    let c = coached(&client(
        MORNING,
        "My son is having a seizure right now, what do I do?",
    ));
    assert_eq!(
        c.coaching.situation.vulnerability(),
        Some(Family::Emergency),
        "{}",
        c.reply
    );
}

#[test]
fn a_settled_matter_is_closed_without_a_new_next_step() {
    for last in [
        "It arrived this morning, thanks for your help!",
        "Thank you, that's everything I needed.",
    ] {
        let c = coached(&after_a_promise(last));
        assert!(!promises_an_update(&c.reply), "{last}: {}", c.reply);
        assert!(!c.reply.contains("today"), "{last}: {}", c.reply);
        assert!(c.reply.contains("reply here"), "{last}: {}", c.reply);
    }
}

#[test]
fn a_simple_question_is_answered_not_put_off() {
    let c = coached(&client(MORNING, "Hi, do you deliver to Ireland?"));
    assert!(!promises_an_update(&c.reply), "{}", c.reply);
    let c = coached(&after_a_promise(
        "Thank you, that's great. Do I need to sign for it?",
    ));
    assert!(!promises_an_update(&c.reply), "{}", c.reply);
}

#[test]
fn a_question_about_where_things_stand_gets_a_step_tied_to_it() {
    // Said once: in the paraphrase when there is one, else in the next step.
    let c = coached(&client(MORNING, "Hi, why was I charged twice this month?"));
    assert!(
        c.reply.contains("why you were charged twice"),
        "{}",
        c.reply
    );
    assert!(promises_an_update(&c.reply), "{}", c.reply);
    // Named with a time, when a refund arrives would be a date we do not control.
    let c = coached(&client(MORNING, "Hi, when will my refund arrive?"));
    assert!(promises_an_update(&c.reply), "{}", c.reply);
    let broken = coached(&client(
        MORNING,
        "Hi, when will my refund reach my account?",
    ));
    assert!(!broken.reply.contains("account will"), "{}", broken.reply);
}

#[test]
fn a_question_asked_plainly_is_taken_up_and_a_reproach_is_not_said_back() {
    let c = coached(&client(
        MORNING,
        "I have a presentation at 9am tomorrow and the file won't open since your update. Can my data be recovered?",
    ));
    assert!(
        c.reply.contains("whether your data can be recovered"),
        "{}",
        c.reply
    );
    for reproach in [
        "Can you finally tell me where my parcel is? It's been 10 days.",
        "Why did you cancel my appointment without telling me??",
    ] {
        let c = coached(&client(MORNING, reproach));
        for echo in [
            "finally",
            "cancelled your appointment",
            "cancel your appointment",
        ] {
            assert!(!c.reply.contains(echo), "{reproach}: {}", c.reply);
        }
        assert!(promises_an_update(&c.reply), "{reproach}: {}", c.reply);
    }
}

#[test]
fn a_cancellation_asked_for_is_done_and_one_held_over_us_is_not() {
    let c = coached(&client(
        MORNING,
        "Please cancel my subscription, I don't use it any more.",
    ));
    assert!(c.reply.contains("cancel"), "{}", c.reply);
    for leverage in [
        "So you just put it up by 50 percent without asking? I'd like to be charged the old price or I'll cancel.",
        "If the router isn't replaced this week I will cancel my contract.",
    ] {
        let c = coached(&client(MORNING, leverage));
        assert!(!c.reply.contains("cancel"), "{leverage}: {}", c.reply);
    }
}

#[test]
fn an_open_problem_still_gets_a_next_step() {
    for last in [
        "Thanks, but it still hasn't arrived and I need it for Saturday.",
        "It's now two weeks late. Where is it?",
    ] {
        let c = coached(&after_a_promise(last));
        assert!(promises_an_update(&c.reply), "{last}: {}", c.reply);
    }
}

#[test]
fn an_agent_who_already_promised_an_update_still_gets_a_next_step_in_other_words() {
    let c = talk(
        MORNING,
        &[
            (
                Role::Client,
                "My router has been dead since Friday and I work from home.",
            ),
            (
                Role::Agent,
                "I'm sorry about that. I'm taking this on myself, and I'll get back to you by 5pm today with what I've found and what happens next. I'll look into this straight away and update you by 5pm today, even if it's only to say where things stand.",
            ),
            (
                Role::Client,
                "It's the next day now and it's still dead. What is happening?",
            ),
        ],
    );
    let c = coached(&c);
    assert!(promises_an_update(&c.reply), "{}", c.reply);
}

#[test]
fn the_next_step_names_what_the_client_asked_for() {
    let c = coached(&client(
        MORNING,
        "Hello, could you send me a copy of my March invoice please?",
    ));
    assert!(c.reply.contains("March invoice"), "{}", c.reply);
    assert!(promises_an_update(&c.reply), "{}", c.reply);
}

#[test]
fn an_apology_for_tone_is_accepted_and_not_said_back() {
    let c = coached(&after_a_promise(
        "Apologies for my earlier message, I was stressed. Thanks for sorting it out.",
    ));
    assert!(c.reply.contains("no need to apologise"), "{}", c.reply);
    for echo in ["stressed", "earlier message", "apologies"] {
        assert!(!c.reply.contains(echo), "{echo}: {}", c.reply);
    }
    assert!(!promises_an_update(&c.reply), "{}", c.reply);
}

#[test]
fn an_apology_with_an_open_problem_is_accepted_and_the_problem_taken_on() {
    let c = coached(&after_a_promise(
        "Sorry for snapping earlier. But it still hasn't come and I need it by Saturday.",
    ));
    assert!(
        c.reply.starts_with("Thank you for saying that"),
        "{}",
        c.reply
    );
    assert!(!c.reply.contains("snapping"), "{}", c.reply);
    assert!(promises_an_update(&c.reply), "{}", c.reply);
}

#[test]
fn a_sarcastic_sorry_is_no_apology_for_tone() {
    let c = coached(&after_a_promise(
        "Sorry but this is ridiculous. It's now two weeks late.",
    ));
    assert!(!c.reply.contains("need to apologise"), "{}", c.reply);
    assert!(!c.reply.contains("for saying"), "{}", c.reply);
    assert!(promises_an_update(&c.reply), "{}", c.reply);
}

#[test]
fn broken_grammar_is_never_copied_into_the_reply() {
    let c = coached(&client(
        MORNING,
        "i am waiting my refund since two week and nobody is answer me",
    ));
    for slip in ["is answer", "since two week", "waiting the", "two week "] {
        assert!(!c.reply.contains(slip), "{slip}: {}", c.reply);
    }
}

#[test]
fn a_draft_closing_a_settled_matter_is_not_asked_for_a_next_step() {
    let analyzer = Analyzer::new();
    let policy = Policy::default();
    let draft = "Great news, I'm glad it got to you safely. Have a lovely weekend.";
    let no_next_step = |last: &str| {
        let c = after_a_promise(last);
        let sent_at = c.turns.last().unwrap().at;
        let check = check_reply(draft, &c, &policy, &analyzer, sent_at).unwrap();
        check
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::NoNextStep)
    };
    assert!(!no_next_step(
        "It arrived this morning, thanks for your help!"
    ));
    assert!(no_next_step("Thanks, but it still hasn't arrived."));
}

#[test]
fn thanks_for_a_fix_gets_no_apology_for_what_went_well() {
    let c = coached(&talk(
        MORNING,
        &[
            (Role::Client, "My replacement kettle arrived this morning."),
            (Role::Agent, "Good to hear. Does it work with your laptop?"),
            (
                Role::Client,
                "Yes, works perfectly. Thanks a lot for the quick help.",
            ),
        ],
    ));
    assert!(!c.reply.to_lowercase().contains("sorry"), "{}", c.reply);
    assert!(!c.reply.contains("arrived this morning"), "{}", c.reply);
}

#[test]
fn an_insult_asked_as_a_question_is_never_taken_up_as_the_question() {
    let c = coached(&client(
        MORNING,
        "Are you thick or just idle? The heating in my flat has been off for a week.",
    ));
    let reply = c.reply.to_lowercase();
    for word in ["thick", "idle", "whether"] {
        assert!(!reply.contains(word), "{word}: {}", c.reply);
    }
}

#[test]
fn a_non_native_speakers_slips_are_not_said_back() {
    let c = coached(&client(
        MORNING,
        "Hello, i am write because my order is cancel and nobody can say me what i must to do.",
    ));
    for slip in ["are write", "is cancel", "say you", "must to"] {
        assert!(!c.reply.contains(slip), "{slip}: {}", c.reply);
    }
}

#[test]
fn a_clients_self_blame_and_pleading_are_never_said_back() {
    let c = coached(&client(
        MORNING,
        "Please, I'm begging you. I know I should have booked sooner but I need the van for the move on Saturday.",
    ));
    for said in ["begging", "should have", "booked sooner"] {
        assert!(!c.reply.contains(said), "{said}: {}", c.reply);
    }
}

#[test]
fn a_grieving_clients_loss_is_acknowledged_not_recited() {
    let c = coached(&client(
        MORNING,
        "My wife died last month and I need to close her phone contract. The bills keep coming in her name.",
    ));
    for said in ["died", "her name", "last month"] {
        assert!(!c.reply.contains(said), "{said}: {}", c.reply);
    }
    assert!(c.reply.to_lowercase().contains("loss"), "{}", c.reply);
    assert!(!c.reply.contains("ways forward"), "{}", c.reply);
}

#[test]
fn a_grieving_clients_errand_gets_no_apology_and_no_question_they_have_answered() {
    let c = coached(&client(
        MORNING,
        "My husband passed away last month. I need his broadband account closed and the direct debit stopped, please.",
    ));
    let reply = c.reply.to_lowercase();
    assert!(reply.contains("loss"), "{}", c.reply);
    for said in ["apologise", "what do you need"] {
        assert!(!reply.contains(said), "{said}: {}", c.reply);
    }
}

#[test]
fn an_apology_the_client_turned_down_is_not_given_and_a_stock_one_is_not_enough() {
    let refused = coached(&client(
        MORNING,
        "Your outage took our dispatch system down for six hours yesterday. I need a root cause report and a credit, not a sorry.",
    ));
    let reply = refused.reply.to_lowercase();
    for said in ["sorry", "apologise"] {
        assert!(!reply.contains(said), "{said}: {}", refused.reply);
    }
    let stock = coached(&talk(
        MORNING,
        &[
            (
                Role::Client,
                "The engineer didn't turn up again. That's the fourth visit missed.",
            ),
            (
                Role::Agent,
                "I apologise for the inconvenience. Can I take your reference?",
            ),
            (
                Role::Client,
                "Same one as the last three times. I've taken four days off work for you.",
            ),
        ],
    ));
    let reply = stock.reply.to_lowercase();
    assert!(
        reply.contains("sorry") || reply.contains("apologise"),
        "{}",
        stock.reply
    );
}

#[test]
fn what_the_client_expects_is_not_said_back_as_what_went_wrong() {
    let c = coached(&talk(
        MORNING,
        &[
            (
                Role::Client,
                "My boiler cover renewal says the new valve isn't included.",
            ),
            (
                Role::Agent,
                "The valve is a part your plan does not cover, I'm afraid.",
            ),
            (
                Role::Client,
                "I've been with you for ten years and I expect you to pay for this.",
            ),
        ],
    ));
    // Said back as their point it is fair; as what went wrong it reads as mockery.
    assert!(!c.reply.contains("it is that you"), "{}", c.reply);
}

#[test]
fn the_clients_points_are_left_to_the_paraphrase_move_not_sent_as_our_claims() {
    let c = coached(&talk(
        MORNING,
        &[
            (
                Role::Client,
                "The invoice export has been broken since your update on Monday and every file comes out empty.",
            ),
            (Role::Agent, "Have you tried logging out and back in?"),
            (
                Role::Client,
                "Yes, I logged out and tried another laptop, which I wrote in my ticket. Payroll is on Friday, but sure, I'll go and take a lovely screenshot for you.",
            ),
        ],
    ));
    for said in ["screenshot", "lovely", "another laptop", "your ticket"] {
        assert!(!c.reply.contains(said), "{said}: {}", c.reply);
    }
    // Nothing of theirs is said back, not even what went wrong; the apology is still made.
    assert!(!c.reply.contains("export"), "{}", c.reply);
    assert!(c.reply.contains("apologise"), "{}", c.reply);
}

#[test]
fn a_plea_for_help_is_not_taken_up_as_a_request_to_look_into() {
    let c = coached(&client(
        MORNING,
        "My parking permit was charged twice this month and I cannot afford it. Please can you help me, I do not know what to do.",
    ));
    assert!(!c.reply.contains("request to help"), "{}", c.reply);
    assert!(promises_an_update(&c.reply), "{}", c.reply);
}

#[test]
fn a_deadline_at_a_bare_hour_today_sets_the_next_step_before_it() {
    let c = coached(&client(
        MORNING,
        "My card is blocked and the hostel say if I dont pay today at 12 I must leave. I have no other money.",
    ));
    assert!(!c.reply.contains("5pm"), "{}", c.reply);
}

#[test]
fn a_client_who_asks_is_not_asked_what_they_need() {
    let c = coached(&client(
        EVENING,
        "Our train was cancelled and the last one has gone. I have my two kids with me at the station. Where are we supposed to sleep tonight?",
    ));
    assert!(!c.reply.contains("What do you need"), "{}", c.reply);
    assert!(!c.reply.contains("supposed"), "{}", c.reply);
}

#[test]
fn a_sick_child_to_be_seen_today_is_not_left_until_the_afternoon() {
    let c = coached(&client(
        MORNING,
        "my son has high temperature since two days and he not drink. can a doctor see him today please",
    ));
    assert!(!c.reply.contains("5pm"), "{}", c.reply);
    assert!(!c.reply.contains("What do you need"), "{}", c.reply);
}

#[test]
fn signs_of_an_emergency_send_the_client_to_emergency_help_first() {
    let c = coached(&client(
        MORNING,
        "Our appointment was cancelled again. My daughter has a fever and a rash that doesn't fade when I press a glass on it. What do I do?",
    ));
    assert!(
        c.reply.starts_with("I can see how serious this is"),
        "{}",
        c.reply
    );
    assert!(c.reply.contains("999"), "{}", c.reply);
    assert!(!c.reply.contains("5pm"), "{}", c.reply);
}

#[test]
fn a_death_told_plainly_is_a_bereavement() {
    let c = coached(&talk(
        MORNING,
        &[
            (
                Role::Client,
                "Please stop sending appointment reminders for my husband. He died in October.",
            ),
            (Role::Agent, "Could you confirm his date of birth?"),
            (
                Role::Client,
                "I gave that on the phone twice. I don't want to explain this a third time.",
            ),
        ],
    ));
    assert!(c.reply.to_lowercase().contains("loss"), "{}", c.reply);
    assert!(!c.reply.contains("the a "), "{}", c.reply);
}

#[test]
fn another_payment_going_out_now_is_stopped_first() {
    let c = coached(&client(
        MORNING,
        "There are card payments I never made, and they took another one just now. How do I stop this?",
    ));
    assert!(c.reply.contains("stop on the card"), "{}", c.reply);
}

#[test]
fn a_sympathetic_sorry_does_not_use_up_the_apology() {
    let c = coached(&talk(
        MORNING,
        &[
            (
                Role::Client,
                "Your site took my payment for the tickets but no booking was made.",
            ),
            (
                Role::Agent,
                "I'm sorry to hear that. Can I have the order number?",
            ),
            (
                Role::Client,
                "It's 55120. The payment left my account on Monday and there is still no booking.",
            ),
        ],
    ));
    let reply = c.reply.to_lowercase();
    assert!(
        reply.contains("sorry") || reply.contains("apologise"),
        "{}",
        c.reply
    );
}

#[test]
fn an_event_at_a_clock_time_today_is_a_deadline_hours_away() {
    let c = coached(&client(
        MORNING,
        "My parking permit for the hospital still shows as unpaid and my appointment is at 2pm. I paid it last week.",
    ));
    assert!(!c.reply.contains("5pm"), "{}", c.reply);
}

#[test]
fn a_deadline_of_today_is_not_said_back_as_a_day_to_get_ahead_of() {
    let c = coached(&client(
        MORNING,
        "Could you confirm my booking please? I need the confirmation today for my visa.",
    ));
    assert!(!c.reply.contains("ahead of today"), "{}", c.reply);
    assert!(!c.reply.contains("With today"), "{}", c.reply);
    assert!(promises_an_update(&c.reply), "{}", c.reply);
}

#[test]
fn a_floppy_feverish_child_is_sent_to_emergency_help() {
    let c = coached(&client(
        MORNING,
        "You cancelled our appointment again. My son is 2, his temperature is 39.8 and he's really floppy and won't drink.",
    ));
    assert!(c.reply.contains("999"), "{}", c.reply);
}

#[test]
fn a_ceiling_that_may_come_down_keeps_everyone_out_of_the_room_first() {
    let c = coached(&client(
        MORNING,
        "The leak is still there and now the plaster is sagging over my toddler's cot. I've rung you four times.",
    ));
    assert_eq!(
        c.coaching.situation.vulnerability(),
        Some(Family::Collapse),
        "{}",
        c.reply
    );
    assert!(c.reply.starts_with("That sounds dangerous"), "{}", c.reply);
    assert!(c.reply.contains("out of that room"), "{}", c.reply);
}

#[test]
fn money_leaving_now_and_another_holding_answer_turned_down_get_a_step_within_the_hour() {
    for text in [
        "Another £400 just went out of my account. Please stop it NOW.",
        "I need a straight answer, not another 'I'll check'. Will the boxes be here by Friday?",
    ] {
        let c = coached(&client(MORNING, text));
        assert!(!c.reply.contains("tomorrow"), "{text}: {}", c.reply);
    }
}

#[test]
fn a_dead_appliance_that_smelt_of_burning_is_no_gas_emergency() {
    let c = coached(&client(
        MORNING,
        "My new blender smelt of burning and then stopped working after two uses. I want a replacement.",
    ));
    assert!(!c.reply.contains("gas"), "{}", c.reply);
    assert!(!c.reply.contains("999"), "{}", c.reply);
}

#[test]
fn medical_equipment_losing_power_gets_the_backup_and_the_supply_kept_on() {
    let c = coached(&client(
        MORNING,
        "You are cutting off our power today for arrears. My father is on home oxygen and if the power goes off he can't breathe.",
    ));
    assert_eq!(
        c.coaching.situation.vulnerability(),
        Some(Family::Device),
        "{}",
        c.reply
    );
    // The feared emergency is not one yet: help is for when the backup fails.
    assert!(c.reply.contains("backup"), "{}", c.reply);
    assert!(c.reply.contains("keep it on as a priority"), "{}", c.reply);
    assert!(
        !c.reply.contains("5pm"),
        "a disconnection today is harm now: {}",
        c.reply
    );
    // The same equipment with the power on is an illness, not a danger.
    let c = coached(&client(
        MORNING,
        "My father is on home oxygen and your engineer still hasn't fixed the boiler.",
    ));
    assert_eq!(c.coaching.situation.vulnerability(), Some(Family::Illness));
    assert!(!c.reply.contains("999"), "{}", c.reply);
}

#[test]
fn a_client_who_is_unsafe_is_harmed_now() {
    let c = coached(&client(
        MORNING,
        "Your app reset my door code and I am locked out of my flat with my shopping. Nobody answers the phone.",
    ));
    assert!(!c.reply.contains("5pm"), "{}", c.reply);
    assert!(promises_an_update(&c.reply), "{}", c.reply);
}

#[test]
fn the_age_of_a_machine_is_no_dependant() {
    let c = coached(&client(
        MORNING,
        "The washing machine is only 8 months old and the drum has broken again.",
    ));
    assert!(!c.reply.contains("depending on you"), "{}", c.reply);
    assert!(!c.reply.contains("family"), "{}", c.reply);
}

/// The stock update line the reply promises when nothing better is known.
fn stock_update(reply: &str) -> bool {
    reply.contains("5pm") || reply.contains("update you")
}

#[test]
fn what_the_agent_found_follows_the_apology_and_their_timed_promise_replaces_the_stock_step() {
    let wronged = "Hi, I was charged twice for my March subscription. Could you refund the duplicate payment please? Thank you.";
    let bare = coached(&client(MORNING, wronged));
    assert!(stock_update(&bare.reply), "{}", bare.reply);
    let found = client(MORNING, wronged).with_found(vec![
        "  our payment system took the March fee twice \n".into(),
        "I've refunded the second payment and I'll email you the receipt by 2pm today".into(),
    ]);
    let c = coached(&found);
    let finding = c
        .reply
        .find("Our payment system took the March fee twice. I've refunded")
        .unwrap_or_else(|| panic!("{}", c.reply));
    let apology = c
        .reply
        .find("sorry")
        .or_else(|| c.reply.find("apologise"))
        .unwrap_or_else(|| panic!("{}", c.reply));
    assert!(apology < finding, "{}", c.reply);
    assert!(c.reply.ends_with("by 2pm today."), "{}", c.reply);
    assert!(!stock_update(&c.reply), "{}", c.reply);
}

#[test]
fn an_offer_in_the_agents_words_asks_whether_it_suits_instead_of_a_stock_update() {
    let bill = client(
        MORNING,
        "My bill has gone up from £32 to £51 this month and nobody told me why.",
    );
    let offer = coached(&bill.clone().with_found(vec![
        "Your discount ended on the 14th; I can move you to a new plan at £34 a month.".into(),
    ]));
    assert!(!stock_update(&offer.reply), "{}", offer.reply);
    assert!(offer.reply.contains("if that"), "{}", offer.reply);
    let refusal = coached(&bill.with_found(vec![
        "Your discount ended on the 14th, and I can't bring it back.".into(),
    ]));
    assert!(stock_update(&refusal.reply), "{}", refusal.reply);
}

#[test]
fn a_finding_without_a_time_keeps_the_stock_step_and_only_the_end_leaves_it_out() {
    let late = client(
        MORNING,
        "My order 5521 was due last Tuesday and still hasn't come. Where is it?",
    );
    let c = coached(
        &late
            .clone()
            .with_found(vec!["The courier has it at their depot.".into()]),
    );
    assert!(
        c.reply.contains("The courier has it at their depot."),
        "{}",
        c.reply
    );
    assert!(stock_update(&c.reply), "{}", c.reply);

    let abusive = talk(
        MORNING,
        &[
            (Role::Client, "You useless idiot, where is my order?"),
            (
                Role::Agent,
                "Please keep this respectful, or I will have to end this chat.",
            ),
            (Role::Client, "Shut up you stupid cow."),
            (
                Role::Agent,
                "This is a final warning: one more insult and I will pass this to my supervisor.",
            ),
            (Role::Client, "You brainless idiot."),
        ],
    )
    .with_found(vec!["The courier has it at their depot.".into()]);
    // A handover keeps what the agent found; the end of the conversation leaves it out.
    let ending = Policy::parse("[boundary]\nfinal_step = \"end\"\n").unwrap();
    for (policy, said) in [(Policy::default(), true), (ending, false)] {
        let coaching = coach(&abusive, &policy, &Analyzer::new());
        assert!(
            matches!(coaching.boundary.step, defuse_core::coach::Step::Final(_)),
            "{:?}",
            coaching.boundary
        );
        let reply = coaching.suggested_reply.unwrap_or_default();
        assert_eq!(reply.contains("depot"), said, "{reply}");
        // A handover holds the line before the facts, which would otherwise read as if the
        // abuse had worked.
        // The facts are said as where things stand before it goes, not as carrying on.
        if said {
            assert!(reply.find("supervisor") < reply.find("depot"), "{reply}");
            let stand = reply.find("where things stand");
            assert!(
                stand.is_some_and(|at| Some(at) < reply.find("depot")),
                "{reply}"
            );
        }
    }
    // A step taken for the client stays even when the conversation ends: they need to hear it.
    let booked = abusive.with_found(vec![
        "I've booked a redelivery for tomorrow between 8am and noon.".into(),
    ]);
    let ending = Policy::parse("[boundary]\nfinal_step = \"end\"\n").unwrap();
    let reply = coach(&booked, &ending, &Analyzer::new())
        .suggested_reply
        .unwrap_or_default();
    assert!(reply.contains("redelivery"), "{reply}");
}

#[test]
fn a_promise_broken_since_the_last_apology_is_apologised_for_again() {
    let c = coached(&talk(
        MORNING,
        &[
            (
                Role::Client,
                "The boiler is still broken and the engineer you booked never turned up.",
            ),
            (Role::Agent, "Sorry about that, I'll chase the contractor."),
            (
                Role::Client,
                "You said that on Friday. And Monday. When is someone actually coming?",
            ),
        ],
    ));
    assert!(
        c.reply.contains("sorry") || c.reply.contains("apologise"),
        "{}",
        c.reply
    );
}

#[test]
fn a_finding_that_we_were_right_brings_no_apology() {
    let c = coached(
        &client(
            MORNING,
            "Hi, I was charged twice for my March subscription. Could you refund the duplicate payment please? Thank you.",
        )
        .with_found(vec![
            "The second payment is correct: it was for April, taken early because of the bank holiday.".into(),
        ]),
    );
    assert!(
        !c.reply.contains("sorry") && !c.reply.contains("apologise"),
        "{}",
        c.reply
    );
    assert!(c.reply.contains("it was for April"), "{}", c.reply);
}

#[test]
fn a_finding_that_the_client_was_right_brings_the_apology() {
    let c = coached(
        &client(
            MORNING,
            "I asked you to cancel my contract on 1 March and you've charged me for April anyway. Refund it.",
        )
        .with_found(vec![
            "You're right: your cancellation stands from 1 March, but it was never processed.".into(),
        ]),
    );
    assert!(
        c.reply.contains("sorry") || c.reply.contains("apologise"),
        "{}",
        c.reply
    );
}

#[test]
fn a_finding_written_as_a_note_is_said_to_the_client() {
    let c = coached(
        &client(
            MORNING,
            "I asked you to cancel my contract on 1 March and you've charged me for April anyway. Refund it.",
        )
        .with_found(vec![
            "The client is right: the cancellation was never processed, so I've refunded the client's April charge.".into(),
        ]),
    );
    assert!(
        c.reply.contains("You're right: the cancellation was never processed, so I've refunded your April charge."),
        "{}",
        c.reply
    );
    assert!(
        c.reply.contains("sorry") || c.reply.contains("apologise"),
        "{}",
        c.reply
    );
}

#[test]
fn a_finding_that_reports_it_done_needs_no_stock_update() {
    for (said, found) in [
        (
            "My order 5521 was due last Tuesday and still hasn't come. Where is it?",
            "It was sent to your old address, so I've sent a new one by tracked courier.",
        ),
        (
            "I asked for the logo as a PNG twice now. I need it for the printer.",
            "Exported the logo as a PNG and attached it here.",
        ),
    ] {
        let c = coached(&client(MORNING, said).with_found(vec![found.into()]));
        assert!(c.reply.contains(&found[found.len() - 12..]), "{}", c.reply);
        assert!(!stock_update(&c.reply), "{}", c.reply);
    }
}

#[test]
fn someone_of_the_clients_own_is_not_us() {
    let c = coached(&client(
        MORNING,
        "My unemployment benefit is not paid this month. My landlord says if I don't pay the rent on the 10th he starts the eviction.",
    ));
    assert_eq!(
        c.coaching.situation.domain,
        Some(Domain::PublicService),
        "{}",
        c.reply
    );
    // A home with nothing to mend is offered no repair.
    let c = coached(&client(
        MORNING,
        "My housing benefit claim has been stuck for six weeks and the rent on my flat is due. Nobody tells me anything.",
    ));
    assert!(!c.reply.contains("repair"), "{}", c.reply);
}

#[test]
fn what_the_client_has_from_us_names_the_trade_over_where_they_are() {
    let c = coached(&client(
        MORNING,
        "My card has been declined three times at the hotel desk and they won't give us the room. Fix it now.",
    ));
    assert_eq!(c.coaching.situation.domain, Some(Domain::Finance));
    assert!(!c.reply.contains("room or table"), "{}", c.reply);
}

#[test]
fn a_client_is_called_unsure_only_when_they_say_so() {
    let fed_up = coached(&client(
        MORNING,
        "Why do I keep getting the same copied reply? I asked why my refund was not paid and nobody has answered that, not once.",
    ));
    for word in ["unsure", "confusing"] {
        assert!(!fed_up.reply.contains(word), "{}", fed_up.reply);
    }
    let lost = coached(&client(
        MORNING,
        "I'm really confused by this bill, it shows two amounts for March.",
    ));
    assert!(
        lost.reply.contains("confusing") || lost.reply.contains("unsure"),
        "{}",
        lost.reply
    );
}

#[test]
fn a_composed_client_is_thanked_and_a_heated_one_is_not() {
    let calm = coached(&client(
        MORNING,
        "Good morning. My speed tests rarely go above 180 Mb on the 500 Mb package. I'd like this looked at, please.",
    ));
    assert!(
        calm.reply.contains("thank you for setting it out"),
        "{}",
        calm.reply
    );
    let heated = coached(&client(
        MORNING,
        "Refund it today or I'm leaving a review saying you're a bunch of cowboys. AGAIN the speed is rubbish.",
    ));
    assert!(!heated.reply.contains("setting it out"), "{}", heated.reply);
}

#[test]
fn a_final_warning_keeps_the_consequence_the_agent_already_named() {
    let c = coached(&talk(
        MORNING,
        &[
            (Role::Client, "Where is my refund, you useless idiot?"),
            (
                Role::Agent,
                "I'm happy to help, but please don't call me names, or I'll have to end this chat.",
            ),
            (Role::Client, "Just do your job, you brainless clown."),
        ],
    ));
    assert_eq!(
        c.coaching.boundary.step,
        defuse_core::coach::Step::FinalWarning
    );
    assert!(c.reply.contains("end this conversation"), "{}", c.reply);
    assert!(!c.reply.contains("supervisor"), "{}", c.reply);
}

#[test]
fn a_finding_that_owns_a_fault_brings_an_apology() {
    let asked = "Hello, could you tell me why my bill went up this month? Thanks.";
    let bare = coach(
        &client(MORNING, asked),
        &Policy::default(),
        &Analyzer::new(),
    );
    let apologises = |r: &str| r.contains("sorry") || r.contains("apologise");
    assert!(!apologises(
        bare.suggested_reply.as_deref().unwrap_or_default()
    ));
    let c = coached(&client(MORNING, asked).with_found(vec![
        "Your loyalty discount wasn't applied this month, which is our mistake; I've put it back and refunded the difference.".into(),
    ]));
    assert!(apologises(&c.reply), "{}", c.reply);
}

#[test]
fn locked_out_of_a_dashboard_is_no_danger_and_money_lost_by_the_hour_is_now() {
    let c = coached(&client(
        MORNING,
        "Our whole team has been locked out of the dashboard since 9am. This is costing us money by the hour.",
    ));
    assert!(!c.reply.contains("safety"), "{}", c.reply);
    assert!(c.coaching.situation.vulnerability().is_none());
    assert_eq!(c.coaching.situation.urgency(), Urgency::Now);
}

#[test]
fn a_handover_keeps_a_childs_health_urgent() {
    let turns = |illness: &str| {
        talk(
            MORNING,
            &[
                (
                    Role::Client,
                    &format!(
                        "I've reported the mould in the bedroom three times. Still nothing.{illness}"
                    ),
                ),
                (
                    Role::Agent,
                    "I'm sorry, the contractor is waiting for approval.",
                ),
                (
                    Role::Client,
                    "You're a useless piece of shit, all of you. I know where your office is.",
                ),
            ],
        )
    };
    for (illness, urgent) in [(" My son has asthma.", true), ("", false)] {
        let coaching = coach(&turns(illness), &Policy::default(), &Analyzer::new());
        assert_eq!(
            coaching.boundary.step,
            Step::Final(defuse_core::coach::FinalStep::Handover)
        );
        let reply = coaching.suggested_reply.unwrap_or_default();
        // The child's health is named, not only marked urgent (a reader found it left out).
        assert_eq!(reply.contains("your household"), urgent, "{reply}");
    }
}

#[test]
fn ending_the_conversation_keeps_a_babys_safety_on_the_case() {
    let turns = |first: &str| {
        talk(
            MORNING,
            &[
                (Role::Client, first),
                (Role::Agent, "We'll be in touch when we have a date."),
                (
                    Role::Client,
                    "I know where your office is. If it isn't fixed by tomorrow I'm coming down there and someone is going to get hurt.",
                ),
            ],
        )
    };
    for (first, at_risk) in [
        (
            "The boiler has been broken for eleven days. I have a six-week-old baby and it's 6 degrees in here at night.",
            true,
        ),
        (
            "The dishwasher in the flat has been broken for eleven days.",
            false,
        ),
    ] {
        let coaching = coach(&turns(first), &Policy::default(), &Analyzer::new());
        if !matches!(coaching.boundary.step, Step::Final(_)) {
            panic!("{first}: {:?}", coaching.boundary.step);
        }
        let reply = coaching.suggested_reply.unwrap_or_default();
        assert_eq!(
            reply.contains("your household"),
            at_risk,
            "{first}: {reply}"
        );
    }
}

#[test]
fn what_the_agent_did_comes_before_the_conversation_is_ended() {
    let found = "An engineer is booked for tomorrow at 9am, and I'm dropping two heaters to your flat by 4pm today.";
    let c = coached(
        &talk(
            MORNING,
            &[
                (Role::Client, "The boiler has been broken for eleven days."),
                (Role::Agent, "We'll be in touch when we have a date."),
                (
                    Role::Client,
                    "I know where your office is. If it isn't fixed by tomorrow I'm coming down there and someone is going to get hurt.",
                ),
            ],
        )
        .with_found(vec![found.into()]),
    );
    assert!(matches!(c.coaching.boundary.step, Step::Final(_)));
    let done = c.reply.find("An engineer is booked");
    let line = c
        .reply
        .find("ending this conversation")
        .or_else(|| c.reply.find("won't continue"));
    assert!(done.is_some() && line.is_some(), "{}", c.reply);
    assert!(done < line, "{}", c.reply);
}

#[test]
fn a_taxi_at_4am_is_a_deadline_before_noon_tomorrow() {
    let c = coached(&talk(
        EVENING,
        &[
            (
                Role::Client,
                "Hello, my flight to Lisbon was moved from 9:40 to 6:15 and nobody told me.",
            ),
            (
                Role::Agent,
                "I'm sorry about that. Schedule changes are emailed.",
            ),
            (
                Role::Client,
                "There's no email. Now I have to get a taxi at 4am because there's no train that early, and I've got a job interview at noon. Who pays for the taxi?",
            ),
        ],
    ));
    assert!(!c.reply.contains("tomorrow"), "{}", c.reply);
    assert!(promises_an_update(&c.reply), "{}", c.reply);
}

#[test]
fn being_left_to_chase_is_apologised_for_after_an_apology_for_something_else() {
    let c = coached(&talk(
        MORNING,
        &[
            (
                Role::Client,
                "I stayed in room 308 last month and the room next door was loud both nights. I emailed on the 16th asking for a partial refund.",
            ),
            (
                Role::Agent,
                "Hello, thank you for getting in touch and sorry about the noise.",
            ),
            (
                Role::Client,
                "I emailed again on the 23rd and on the 30th and heard nothing. I'd like someone to read what I sent and give me an answer.",
            ),
        ],
    ));
    // After the agent's apology for the noise, one for the wait.
    let apology = c.reply.find("sorry").or_else(|| c.reply.find("apologise"));
    assert!(apology.is_some(), "{}", c.reply);
}

#[test]
fn a_demand_is_not_met_with_a_refusal_before_anything_is_checked() {
    let c = coached(&client(
        MORNING,
        "The food came an hour late and cold. I want a full refund and I need an actual date for it, not another promise.",
    ));
    assert!(!c.reply.contains("can't promise"), "{}", c.reply);
    assert!(
        c.coaching.moves.iter().any(|m| m.kind == Move::Limits),
        "the limits stay among the moves: {:?}",
        c.coaching.moves.iter().map(|m| m.kind).collect::<Vec<_>>()
    );
}

#[test]
fn a_scam_is_not_said_back_to_its_victim() {
    let c = coached(&client(
        MORNING,
        "A nice man called Daniel from your fraud team rang me this morning. He says I must move everything to a new safe account he gave me before 3pm.",
    ));
    assert!(!c.reply.contains("Daniel"), "{}", c.reply);
    for m in &c.coaching.moves {
        for w in &m.say {
            assert!(!w.contains("new safe account he gave"), "{w}");
        }
    }
}

#[test]
fn a_refund_we_have_said_we_cannot_give_is_not_offered() {
    let c = coached(&talk(
        MORNING,
        &[
            (
                Role::Client,
                "The room you gave us had no working shower and the air conditioning was broken all weekend.",
            ),
            (
                Role::Agent,
                "I'm sorry. Your booking was at our saver rate, which is non-refundable.",
            ),
            (
                Role::Client,
                "So I pay full price for a broken room? I want this put right.",
            ),
        ],
    ));
    assert!(!c.reply.contains("refund"), "{}", c.reply);
    for m in c.coaching.moves.iter().filter(|m| m.kind == Move::Options) {
        assert!(m.say.iter().all(|w| !w.contains("refund")), "{:?}", m.say);
    }
}

#[test]
fn a_freelancer_holds_the_line_in_their_own_name() {
    let c = coached(&talk(
        MORNING,
        &[
            (
                Role::Client,
                "Any news on the logo design? You said the invoice and the files would be ready Friday.",
            ),
            (
                Role::Agent,
                "Hi Mark, the files will be on the shared link by Thursday.",
            ),
            (
                Role::Client,
                "no stress babe. come over to mine thursday night and I'll open a bottle of red, wear that black dress from your insta, its a good look on you",
            ),
        ],
    ));
    assert_eq!(
        c.coaching.boundary.step,
        defuse_core::coach::Step::Final(defuse_core::coach::FinalStep::Handover)
    );
    assert!(!c.reply.contains("supervisor"), "{}", c.reply);
    assert!(c.reply.contains("not acceptable"), "{}", c.reply);
}

#[test]
fn danger_is_named_before_the_line_is_held() {
    let c = coached(&talk(
        MORNING,
        &[
            (
                Role::Client,
                "The boiler has been broken since Monday, no heating. I've got a 2 year old in here and it's 11 degrees in the flat.",
            ),
            (Role::Agent, "I understand, I'm going to chase it now."),
            (
                Role::Client,
                "You understand nothing, you useless waste of space. Get it fixed today.",
            ),
        ],
    ));
    assert_eq!(
        c.coaching.boundary.step,
        defuse_core::coach::Step::Statement
    );
    let safety = c.reply.find("safe").expect("the danger is named");
    let insults = c.reply.find("insults").expect("the line is held");
    assert!(safety < insults, "{}", c.reply);
}
#[test]
fn a_handover_keeps_a_childs_health_when_urgent_was_already_said() {
    let c = coached(&talk(
        MORNING,
        &[
            (
                Role::Client,
                "Fourth time reporting the mould in my daughter's bedroom. She has been on an inhaler since November.",
            ),
            (
                Role::Agent,
                "I understand your frustration. I've marked it as a priority.",
            ),
            (
                Role::Client,
                "You keep saying priority. I know your office is on Bridge Street and I know what time you lot leave. Think on.",
            ),
        ],
    ));
    assert_eq!(
        c.coaching.boundary.step,
        defuse_core::coach::Step::Final(defuse_core::coach::FinalStep::Handover)
    );
    assert!(c.reply.contains("health"), "{}", c.reply);
}

#[test]
fn conflicting_answers_from_us_are_ours_to_apologise_for_and_a_clients_own_mistake_is_not() {
    let told = coached(&talk(
        MORNING,
        &[
            (
                Role::Client,
                "I was told on the phone my contract ended in May, and I've just been charged £45 for June.",
            ),
            (
                Role::Agent,
                "I'm sorry about that. I can see the contract runs until the end of August.",
            ),
            (
                Role::Client,
                "That's not what your colleague told me. She said May. So which is it?",
            ),
        ],
    ));
    assert!(
        told.reply.contains("consistent information") || told.reply.contains("mixed messages"),
        "{}",
        told.reply
    );
    let misread = coached(&client(
        MORNING,
        "I'm confused, I thought the yearly plan could be paid monthly. What does the invoice mean?",
    ));
    let reply = misread.reply.to_lowercase();
    for said in ["sorry", "apologise"] {
        assert!(!reply.contains(said), "{said}: {}", misread.reply);
    }
}

#[test]
fn the_client_an_agent_spoke_of_to_a_freelancer_is_their_buyer_not_them() {
    let base = [
        (
            Role::Client,
            "I delivered the logo files 2 weeks ago and I still haven't been paid through your platform.",
        ),
        (
            Role::Agent,
            "I can see the client marked the job as disputed because the files were in the wrong format.",
        ),
        (
            Role::Client,
            "They said PNG, I sent JPG, it's the same thing. I need that money for rent.",
        ),
    ];
    let found = vec!["The job brief says PNG, so the client can ask for that.".to_string()];
    let c = coached(&talk(MORNING, &base).with_found(found.clone()));
    assert!(c.reply.contains("so the client can ask"), "{}", c.reply);
    // Without an agent's turn naming a client of theirs, "the client" in a note is the reader.
    let alone = coached(&talk(MORNING, &[base[0]]).with_found(vec![
        "I checked and the client is right: the payment was held by mistake.".to_string(),
    ]));
    assert!(!alone.reply.contains("the client"), "{}", alone.reply);
}
