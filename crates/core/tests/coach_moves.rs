//! `coach`: which moves come first, what they rest on, how boundaries are counted, and that
//! the advice never repeats the agent.

#[path = "coach_fixture.rs"]
mod fixture;

use defuse_core::coach::{Coaching, FinalStep, Move, Policy, Step, Trend, coach_analysed};
use defuse_core::{Cause, Emotion, Level, SignalKind};
use fixture::{Fx, Talk};

const LATE: &str = "My parcel still hasn't arrived and I need it by Friday for my daughter's birthday. This is the third time I've contacted you!";

fn angry_late_parcel() -> Fx<'static> {
    Fx::new(LATE)
        .level(Level::Angry, 0.7)
        .emotion(Emotion::Anger, 0.8, "This is the third time")
        .complaint("still hasn't arrived")
        .cause(Cause::ServiceFailure, "still hasn't arrived")
        .signal(SignalKind::Deadline, "by Friday", false)
        .signal(SignalKind::RepeatedContact, "third time", false)
        .concern(
            "your parcel still hasn't arrived",
            "My parcel still hasn't arrived",
        )
        .concern(
            "you need it by Friday for your daughter's…",
            "I need it by Friday",
        )
}

fn coached(talk: &Talk) -> Coaching {
    coach_analysed(&talk.analysed(), &Policy::default())
}

fn kinds(c: &Coaching) -> Vec<Move> {
    c.moves.iter().map(|m| m.kind).collect()
}

fn says(c: &Coaching, kind: Move) -> Vec<String> {
    c.moves
        .iter()
        .find(|m| m.kind == kind)
        .map(|m| m.say.clone())
        .unwrap_or_default()
}

#[test]
fn an_angry_client_gets_acknowledged_first_with_their_specifics() {
    let c = coached(&Talk::default().client(angry_late_parcel()));
    assert_eq!(
        kinds(&c),
        [
            Move::Acknowledge,
            Move::Apologise,
            Move::Paraphrase,
            Move::OpenQuestion,
            Move::Options,
            Move::Limits,
            Move::NextStep
        ]
    );
    let ack = &c.moves[0];
    assert!(
        ack.why
            .iter()
            .any(|w| w.note == "anger" && w.text == "This is the third time" && w.turn == Some(0)),
        "{:#?}",
        ack.why
    );
    assert!(
        ack.why
            .iter()
            .any(|w| w.note == "repeated_contact" && w.text == "third time")
    );
    assert!(ack.say.len() >= 2 && ack.say.len() <= 3);
    assert!(
        ack.say[0].contains("infuriating")
            && ack.say[0].contains("your parcel still hasn't arrived"),
        "{}",
        ack.say[0]
    );
    assert!(
        says(&c, Move::Paraphrase)[0]
            .contains("your parcel still hasn't arrived, and you need it by Friday"),
        "{:?}",
        says(&c, Move::Paraphrase)
    );
    assert!(
        says(&c, Move::OpenQuestion)[0].starts_with("You mentioned Friday:"),
        "the deadline question uses their deadline"
    );
    assert_eq!(c.boundary.step, Step::None);
}

#[test]
fn calm_clients_get_the_next_step_or_their_points_said_back() {
    let confused = "I don't understand why I was charged twice, the page said one payment.";
    let c = coached(
        &Talk::default().client(
            Fx::new(confused)
                .emotion(Emotion::Confusion, 0.8, "I don't understand")
                .cause(Cause::Miscommunication, "the page said one payment")
                .concern("you were charged twice", "charged twice"),
        ),
    );
    assert_eq!(
        kinds(&c),
        [
            Move::Acknowledge,
            Move::Paraphrase,
            Move::OpenQuestion,
            Move::NextStep
        ],
        "an unsure client hears that the confusion landed before the points are said back"
    );
    assert_eq!(c.moves[0].why[0].text, "I don't understand");
    assert_eq!(c.moves[1].why[0].text, "the page said one payment");
    assert!(says(&c, Move::Paraphrase)[0].contains("you were charged twice"));
    assert!(
        says(&c, Move::OpenQuestion)
            .iter()
            .any(|s| s.contains("expected")),
        "a misunderstanding gets a clarifying question"
    );

    let request = "Hello, could you tell me how to change my address?";
    let c =
        coached(&Talk::default().client(
            Fx::new(request).concern("you want to change your address", "change my address"),
        ));
    assert_eq!(kinds(&c), [Move::NextStep]);
    assert_eq!(c.moves[0].why[0].text, "change my address");
}

#[test]
fn the_open_question_follows_the_cause() {
    let pressured = "I'm stressed, the contract must be signed by Friday and your portal is down.";
    let c = coached(
        &Talk::default().client(
            Fx::new(pressured)
                .level(Level::Tense, 0.4)
                .emotion(Emotion::Anxiety, 0.7, "I'm stressed")
                .cause(Cause::OutsidePressure, "must be signed by Friday")
                .signal(SignalKind::Deadline, "by Friday", false),
        ),
    );
    assert!(
        says(&c, Move::OpenQuestion)[0].contains("Friday"),
        "{:?}",
        says(&c, Move::OpenQuestion)
    );
    let unhappy = "The repair was poor and I'm disappointed.";
    let c = coached(
        &Talk::default().client(
            Fx::new(unhappy)
                .emotion(Emotion::Sadness, 0.7, "disappointed")
                .complaint("The repair was poor"),
        ),
    );
    assert!(
        says(&c, Move::OpenQuestion)
            .iter()
            .any(|s| s.contains("good outcome") || s.contains("put this right"))
    );
}

#[test]
fn advice_never_repeats_what_the_agent_already_said() {
    let first = coached(&Talk::default().client(angry_late_parcel()));
    let used = first.moves[0].say[0].clone();
    let talk = Talk::default()
        .client(angry_late_parcel())
        .agent(&used)
        .client(angry_late_parcel());
    let again = coached(&talk);
    let ack = says(&again, Move::Acknowledge);
    assert!(!ack.is_empty());
    assert!(!ack.contains(&used), "{used:?} was offered again");
    assert_ne!(ack[0], used);
}

#[test]
fn moves_already_made_are_not_advised_again_but_upset_clients_are_still_acknowledged() {
    let talk = Talk::default()
        .client(angry_late_parcel())
        .agent("I'm sorry. If I understand you, the parcel is late - is that right? What would help most? I'll call the courier and update you by 3pm.")
        .client(angry_late_parcel());
    let c = coached(&talk);
    assert_eq!(
        kinds(&c),
        [
            Move::Acknowledge,
            Move::Options,
            Move::Limits,
            Move::NextStep
        ]
    );
    let agent = &c.course.turns[1];
    let made: Vec<Move> = agent.moves.iter().map(|m| m.kind).collect();
    assert_eq!(
        made,
        [
            Move::Apologise,
            Move::Paraphrase,
            Move::OpenQuestion,
            Move::NextStep
        ]
    );
}

fn insult(text: &'static str, phrase: &str) -> Fx<'static> {
    Fx::new(text)
        .level(Level::Abusive, 0.9)
        .emotion(Emotion::Anger, 0.9, phrase)
        .signal(SignalKind::Insult, phrase, true)
        .abusive(phrase)
}

#[test]
fn boundary_steps_rise_with_each_warning_given_and_lead_the_advice() {
    let one = Talk::default().client(insult(
        "You useless idiot, where is my money?",
        "useless idiot",
    ));
    let c = coached(&one);
    assert_eq!(
        (c.boundary.step, c.moves[0].kind),
        (Step::Statement, Move::Boundary)
    );
    assert_eq!(c.moves[0].why[0].text, "useless idiot");
    assert!(c.moves[0].why[0].note.contains("step 1"));

    let two = Talk::default()
        .client(insult(
            "You useless idiot, where is my money?",
            "useless idiot",
        ))
        .agent("I want to help, so please keep it respectful.")
        .client(insult("Shut up, moron, and pay me.", "moron"));
    let c = coached(&two);
    assert_eq!(
        (c.boundary.given, c.boundary.step),
        (Step::Statement, Step::FinalWarning)
    );
    assert_eq!(c.boundary.crossings.len(), 2);
    assert!(
        c.moves[0].say.iter().all(|s| s.contains("supervisor")),
        "{:?}",
        c.moves[0].say
    );

    let three = Talk::default()
        .client(insult(
            "You useless idiot, where is my money?",
            "useless idiot",
        ))
        .agent("Please keep it respectful.")
        .client(insult("Shut up, moron.", "moron"))
        .agent(
            "This is a final warning: if the insults continue I will pass this to my supervisor.",
        )
        .client(insult("Go ahead, clown.", "clown"));
    let c = coached(&three);
    assert_eq!(c.boundary.step, Step::Final(FinalStep::Handover));
    assert_eq!(
        kinds(&c),
        [Move::Boundary],
        "at the last step the only move is the handover"
    );

    let end = Policy::parse("[boundary]\nfinal_step = \"end\"\n").unwrap();
    let c = coach_analysed(&three.analysed(), &end);
    assert_eq!(c.boundary.step, Step::Final(FinalStep::End));
    assert!(c.moves[0].say[0].contains("ending") || c.moves[0].say[0].contains("closing"));

    let after_handover = three
        .clone()
        .agent("Hello, this is Sam, the duty supervisor. I have your refund details here.")
        .client(insult("Another useless one, brilliant.", "useless"));
    let c = coached(&after_handover);
    assert_eq!(
        (c.boundary.given, c.boundary.step),
        (
            Step::Final(FinalStep::Handover),
            Step::Final(FinalStep::End)
        )
    );
}

#[test]
fn insults_the_agent_let_pass_call_for_a_first_warning_not_a_final_one() {
    let talk = Talk::default()
        .client(insult("You clown, where is my parcel?", "clown"))
        .agent("Let me check the tracking for you.")
        .client(insult("Still waiting, you muppet.", "muppet"));
    let c = coached(&talk);
    assert_eq!(c.boundary.given, Step::None);
    assert_eq!(c.boundary.step, Step::Statement);
    assert_eq!(c.boundary.crossings.len(), 2);

    let unanswered = Talk::default()
        .client(insult("You clown, where is my parcel?", "clown"))
        .client(insult("Hello?? Answer me, muppet.", "muppet"));
    assert_eq!(coached(&unanswered).boundary.step, Step::Statement);
}

#[test]
fn a_second_plain_warning_counts_as_the_final_one() {
    let talk = Talk::default()
        .client(insult("You clown.", "clown"))
        .agent("Please don't call me names.")
        .client(insult("Clown.", "Clown"))
        .agent("I'd ask you again to keep it civil.")
        .client(insult("Muppet.", "Muppet"));
    assert_eq!(
        coached(&talk).boundary.step,
        Step::Final(FinalStep::Handover)
    );
}

fn threat(text: &'static str, phrase: &str) -> Fx<'static> {
    Fx::new(text)
        .level(Level::Abusive, 0.9)
        .signal(SignalKind::Threat, phrase, true)
        .abusive(phrase)
}

#[test]
fn threats_skip_rungs_by_how_explicit_they_are() {
    let explicit = Talk::default().client(threat(
        "Fix it or I'll smash your face in.",
        "I'll smash your face",
    ));
    let c = coached(&explicit);
    assert_eq!(c.boundary.step, Step::Final(FinalStep::End));
    assert_eq!(kinds(&c), [Move::Boundary]);

    let veiled = Talk::default().client(threat(
        "You'd better watch yourself.",
        "You'd better watch yourself",
    ));
    assert_eq!(
        coached(&veiled).boundary.step,
        Step::Final(FinalStep::Handover)
    );

    let ladder = Policy::parse(
        "[boundary.severity]\nthreat = \"ladder\"\nveiled_threat = \"final_warning\"\n",
    )
    .unwrap();
    assert_eq!(
        coach_analysed(&explicit.analysed(), &ladder).boundary.step,
        Step::Statement
    );
    assert_eq!(
        coach_analysed(&veiled.analysed(), &ladder).boundary.step,
        Step::FinalWarning
    );
}

#[test]
fn sexual_harassment_crosses_the_boundary() {
    let phrase = "take off your clothes";
    let talk = Talk::default().client(
        Fx::new("Why don't you take off your clothes first?")
            .level(Level::Abusive, 0.9)
            .signal(SignalKind::Harassment, phrase, true)
            .abusive(phrase),
    );
    let c = coached(&talk);
    assert_eq!(
        (c.boundary.step, c.moves[0].kind),
        (Step::Final(FinalStep::Handover), Move::Boundary)
    );
    assert_eq!(c.moves[0].why[0].text, phrase);
    let signals_only = Policy::parse("[boundary]\nabusive_judgement = false\n").unwrap();
    let c = coach_analysed(&talk.analysed(), &signals_only);
    assert_eq!(
        c.boundary.step,
        Step::Final(FinalStep::Handover),
        "the signal crosses by itself"
    );

    let again = Talk::default()
        .client(Fx::new("What are you wearing?").signal(
            SignalKind::Harassment,
            "What are you wearing",
            true,
        ))
        .agent("That's not appropriate. I can help with your booking.")
        .client(Fx::new("Come on, what are you wearing?").signal(
            SignalKind::Harassment,
            "what are you wearing",
            true,
        ));
    assert_eq!(coached(&again).boundary.step, Step::Final(FinalStep::End));
}

#[test]
fn an_apology_or_a_calm_turn_lowers_the_step() {
    let talk = Talk::default()
        .client(insult(
            "You useless idiot, where is my money?",
            "useless idiot",
        ))
        .agent("Please keep it respectful.")
        .client(insult("Shut up, moron.", "moron"))
        .agent("This is a final warning.")
        .client(Fx::new("Sorry, I lost my temper. Where is the refund?").level(Level::Tense, 0.3));
    let c = coached(&talk);
    assert_eq!(
        (c.boundary.step, c.boundary.given),
        (Step::None, Step::Statement)
    );
    assert!(c.boundary.lowerings[0].apology);
    assert!(
        !kinds(&c).contains(&Move::Boundary),
        "nothing crossed in the last turn"
    );
    assert_eq!(c.course.trend, Trend::Calming);

    let strict = Policy::parse("[boundary]\napology_lowers = 0\ncalm_turn_lowers = 0\n").unwrap();
    assert_eq!(
        coach_analysed(&talk.analysed(), &strict).boundary.given,
        Step::FinalWarning
    );

    let before_any_reply = Talk::default()
        .client(insult("You idiot.", "idiot"))
        .client(
            Fx::new("Sorry, that was uncalled for. My card was declined.").level(Level::Tense, 0.3),
        );
    assert_eq!(coached(&before_any_reply).boundary.step, Step::None);
}

#[test]
fn quoted_or_untargeted_words_do_not_cross() {
    let quoted = "Your driver called me an idiot on the phone.";
    let c = coached(
        &Talk::default().client(
            Fx::new(quoted)
                .level(Level::Tense, 0.4)
                .quoted(SignalKind::Insult, "idiot"),
        ),
    );
    assert_eq!(c.boundary.step, Step::None);
    let situation = "This damn printer jammed again.";
    let c = coached(
        &Talk::default().client(Fx::new(situation).level(Level::Tense, 0.4).signal(
            SignalKind::Profanity,
            "damn",
            false,
        )),
    );
    assert_eq!(c.boundary.step, Step::None);
    assert_eq!(c.moves[0].kind, Move::Acknowledge);
}

#[test]
fn the_course_shows_hostility_per_turn_and_the_trend() {
    let talk = Talk::default()
        .client(Fx::new("Where is my order?").level(Level::Tense, 0.3))
        .agent("Let me check.")
        .client(angry_late_parcel());
    let c = coached(&talk);
    assert_eq!(c.course.trend, Trend::Escalating);
    let hostility: Vec<Option<f32>> = c.course.turns.iter().map(|t| t.hostility).collect();
    assert_eq!(hostility, [Some(0.3), None, Some(0.7)]);
    assert_eq!(c.course.turns[2].emotions[0].0, Emotion::Anger);
}
