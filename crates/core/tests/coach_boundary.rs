//! The boundary step end to end, with the real analyzer, on short transcripts written for this
//! test: harassment in ordinary words, prejudice without slur words, threats veiled and
//! explicit, and the everyday complaints that must cross nothing.

use defuse_core::Analyzer;
use defuse_core::coach::{Conversation, Policy, Timestamp, UtcOffset, coach};

/// The step the next reply takes, as its name.
fn step(transcript: &str) -> &'static str {
    let analyzer = Analyzer::new();
    let conversation =
        Conversation::parse_transcript(transcript, Timestamp(1_772_445_600), UtcOffset::UTC)
            .expect("a valid transcript");
    coach(&conversation, &Policy::default(), &analyzer)
        .boundary
        .step
        .as_str()
}

#[test]
fn everyday_complaints_cross_nothing() {
    for t in [
        "Client: I'll come to the store tomorrow to return it, it's faulty.",
        "Client: I know where your office is, I'll drop the form off by hand on Friday.",
        "Client: Can I speak to someone in the UK office about my UK account?",
        "Client: This is bloody ridiculous, the third bill this month is wrong. Not your fault, I know.",
        "Client: If this isn't refunded by Monday I'm leaving a review and filing a chargeback.",
        "Client: Is there anyone there who actually knows how a boiler works?",
        "Client: What time do you close today? I want to collect my repair.",
    ] {
        assert_eq!(step(t), "none", "{t}");
    }
}

#[test]
fn harassment_in_ordinary_words_goes_to_a_supervisor_then_ends() {
    let first = "Agent: Good morning, you're through to Lucy at Harbour Energy.\n\
                 Client: Lucy, you've got a gorgeous voice. What are you wearing? Tell me where you work and I'll pick you up after your shift.";
    assert_eq!(step(first), "handover");
    let again = format!(
        "{first}\nAgent: That's not appropriate. I'm here to help with your energy account only.\n\
         Client: Don't be shy. You know you want to. When do you finish?"
    );
    assert_eq!(step(&again), "end");
}

#[test]
fn prejudice_about_origin_is_a_first_warning() {
    assert_eq!(
        step(
            "Client: I'm not dealing with you. Get me someone who speaks proper English, not someone from a call centre overseas."
        ),
        "statement"
    );
}

#[test]
fn threats_skip_rungs() {
    assert_eq!(
        step("Client: Keep my deposit and I'll be round there with a crowbar for your manager."),
        "end"
    );
    assert_eq!(
        step("Client: Fine. You want to be careful leaving work tonight, that's all I'm saying."),
        "handover"
    );
}

#[test]
fn warnings_are_counted_as_the_agent_gave_them() {
    let two_insults = "Client: You absolute idiot, where's my parcel?\n\
                       Agent: Let me check the tracking now.\n\
                       Client: Still nothing, you useless clown.";
    assert_eq!(step(two_insults), "statement");
    let warned = "Client: You absolute idiot, where's my parcel?\n\
                  Agent: I'll help, but please don't call me names.\n\
                  Client: Still nothing, you useless clown.";
    assert_eq!(step(warned), "final_warning");
    let sorry = "Client: You absolute idiot, where's my parcel?\n\
                 Agent: I'll help, but please don't call me names.\n\
                 Client: Sorry, that was out of order. It's been a long week.";
    assert_eq!(step(sorry), "none");
}

#[test]
fn an_apology_after_crossing_a_line_is_there_to_accept_until_answered() {
    let to_accept = |transcript: &str| {
        let conversation =
            Conversation::parse_transcript(transcript, Timestamp(1_772_445_600), UtcOffset::UTC)
                .expect("a valid transcript");
        coach(&conversation, &Policy::default(), &Analyzer::new())
            .boundary
            .apology_to_accept
    };
    let insulted = "Client: You absolute idiot, where's my parcel?\n\
                    Agent: I'll help, but please don't call me names.\n\
                    Client: Sorry, I was out of line. I'm just stressed about it.";
    assert!(to_accept(insulted));
    assert!(!to_accept(&format!(
        "{insulted}\nAgent: Thank you for saying that. Let's find your parcel."
    )));
    assert!(!to_accept(
        "Client: Sorry to bother you, but where is my parcel?"
    ));
}
