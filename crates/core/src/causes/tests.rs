use expect_test::{Expect, expect};
use proptest::prelude::*;

use super::*;
use crate::signals::detect;
use crate::text::tokenize;

/// One line per listed cause: name, score, then each piece of evidence as written and why.
fn check(text: &str, expect: Expect) {
    expect.assert_eq(&show(text, None));
}

fn check_with_similarity(text: &str, similarity: [f32; 5], expect: Expect) {
    expect.assert_eq(&show(text, Some(&similarity)));
}

/// Cues alone (no signals), so these snapshots do not move when the signal rules change.
fn show(text: &str, similarity: Option<&[f32; 5]>) -> String {
    show_with(text, &[], similarity)
}

fn show_with(text: &str, signals: &[Signal], similarity: Option<&[f32; 5]>) -> String {
    let tokens = tokenize(text);
    let ranked = rank(text, &tokens, signals, similarity);
    let lines: Vec<String> = ranked
        .iter()
        .map(|c| {
            let ev: Vec<String> = c
                .evidence
                .iter()
                .map(|e| format!("{:?} ({})", &text[e.start..e.end], e.why))
                .collect();
            format!("{} {:.2}: {}", c.cause.as_str(), c.score, ev.join("; "))
        })
        .collect();
    lines.join("\n")
}

fn top(text: &str) -> Option<Cause> {
    let tokens = tokenize(text);
    rank(text, &tokens, &[], None)
        .first()
        .filter(|c| c.score >= 0.5)
        .map(|c| c.cause)
}

#[test]
fn empty_and_neutral_messages_have_no_causes() {
    check("", expect![[""]]);
    check("   \n ", expect![[""]]);
    check("What time does the shop open on Saturday?", expect![[""]]);
    check("Thanks, that's all sorted now.", expect![[""]]);
}

#[test]
fn miscommunication() {
    check(
        "That's not what I asked for.",
        expect![[
            r#"miscommunication 0.73: "not what I asked" (says they were misunderstood or misunderstood something)"#
        ]],
    );
    check(
        "What do you mean, 'pending review'?",
        expect![[
            r#"miscommunication 0.73: "What do you mean" (is confused or cannot follow an explanation)"#
        ]],
    );
    check(
        "I was told the fee was waived but the bill says otherwise.",
        expect![[r#"
        miscommunication 0.92: "I was told" (reports what they were told or assumed); "says otherwise" (points to conflicting or inconsistent information)
        unmet_expectations 0.31: "I was told" (recalls what they were told would happen)"#]],
    );
    check(
        "Your site says one thing and your agent said the opposite.",
        expect![[
            r#"miscommunication 0.95: "says one thing" (points to conflicting or inconsistent information); "said the opposite" (points to conflicting or inconsistent information)"#
        ]],
    );
    check(
        "I'm really confused by this invoice.",
        expect![[
            r#"miscommunication 0.73: "confused" (is confused or cannot follow an explanation)"#
        ]],
    );
    check(
        "I think there has been a misunderstanding.",
        expect![[
            r#"miscommunication 0.73: "misunderstanding" (says they were misunderstood or misunderstood something)"#
        ]],
    );
}

#[test]
fn unmet_expectations() {
    check(
        "It was supposed to be delivered assembled.",
        expect![[
            r#"unmet_expectations 0.73: "supposed to" (says it falls short of what was expected or promised)"#
        ]],
    );
    check(
        "For the price I paid, this is a joke.",
        expect![[
            r#"unmet_expectations 0.57: "For the price" (compares what they got with what they paid for, were shown or agreed)"#
        ]],
    );
    check(
        "You promised a full refund.",
        expect![[
            r#"unmet_expectations 0.73: "promised" (says it falls short of what was expected or promised)"#
        ]],
    );
    check(
        "This is not what I ordered.",
        expect![[
            r#"unmet_expectations 0.73: "not what I ordered" (says it falls short of what was expected or promised)"#
        ]],
    );
    check(
        "The advertised speed is 500 Mbps, I get 20.",
        expect![[
            r#"unmet_expectations 0.73: "advertised" (says it falls short of what was expected or promised)"#
        ]],
    );
    check(
        "You should have told me before charging.",
        expect![[
            r#"unmet_expectations 0.73: "should have" (says it falls short of what was expected or promised)"#
        ]],
    );
}

#[test]
fn outside_pressure() {
    check(
        "I need it before my wedding on Saturday.",
        expect![[
            r#"outside_pressure 0.73: "wedding" (has an important date coming: an event, a trip or an exam)"#
        ]],
    );
    check(
        "My boss is going to kill me if this isn't fixed.",
        expect![[
            r#"outside_pressure 0.73: "My boss" (has a job, a boss or a client of their own depending on this)"#
        ]],
    );
    check(
        "If I don't get paid I can't make rent.",
        expect![[r#"outside_pressure 0.73: "rent" (mentions money trouble: rent, bills or pay)"#]],
    );
    check(
        "I'll lose my job over this.",
        expect![[
            r#"outside_pressure 0.73: "lose my job" (has a job, a boss or a client of their own depending on this)"#
        ]],
    );
    check(
        "My daughter is in hospital and I can't deal with this now.",
        expect![[
            r#"outside_pressure 0.95: "My daughter" (mentions health or a family need); "hospital" (mentions health or a family need)"#
        ]],
    );
}

#[test]
fn service_failure() {
    check(
        "The app keeps crashing.",
        expect![[r#"service_failure 0.73: "crashing" (something broke or does not work)"#]],
    );
    check(
        "My parcel never arrived.",
        expect![[r#"service_failure 0.73: "never arrived" (something is lost, late or missing)"#]],
    );
    check(
        "You charged me twice.",
        expect![[
            r#"service_failure 0.73: "charged me twice" (the wrong thing was sent, done or charged)"#
        ]],
    );
    check(
        "I got the wrong item.",
        expect![[r#"service_failure 0.73: "wrong" (the wrong thing was sent, done or charged)"#]],
    );
    check(
        "There's an outage again, nothing loads.",
        expect![[r#"
        service_failure 0.73: "outage" (something broke or does not work)
        feeling_unheard 0.31: "again" (it keeps happening)"#]],
    );
    check(
        "The heater doesn't work.",
        expect![[r#"service_failure 0.73: "doesn't work" (something broke or does not work)"#]],
    );
}

#[test]
fn feeling_unheard() {
    check(
        "This is the third time I've written.",
        expect![[
            r#"feeling_unheard 0.73: "third time" (has had to contact or explain more than once)"#
        ]],
    );
    check(
        "Nobody listens to a word I say.",
        expect![[
            r#"feeling_unheard 0.73: "Nobody listens" (says they were ignored or got no reply)"#
        ]],
    );
    check(
        "I was on hold for an hour and then got transferred.",
        expect![[
            r#"feeling_unheard 0.95: "on hold" (was passed around, kept on hold or cut off); "got transferred" (was passed around, kept on hold or cut off)"#
        ]],
    );
    check(
        "I keep telling you the same thing.",
        expect![[
            r#"feeling_unheard 0.95: "keep telling" (has had to contact or explain more than once); "same thing" (has had to contact or explain more than once)"#
        ]],
    );
    check(
        "You ignored my last two emails.",
        expect![[r#"feeling_unheard 0.73: "ignored" (says they were ignored or got no reply)"#]],
    );
}

fn signal(kind: SignalKind, text: &str, part: &str) -> Signal {
    let start = text.find(part).expect("part of the text");
    Signal {
        kind,
        start,
        end: start + part.len(),
        targeted: false,
        quoted: false,
    }
}

#[test]
fn signals_add_support_and_evidence() {
    let text = "I need it within 24 hours. My boss asked me twice.";
    let deadline = signal(SignalKind::Deadline, text, "within 24 hours");
    let repeated = signal(SignalKind::RepeatedContact, text, "asked me twice");
    check(
        text,
        expect![[
            r#"outside_pressure 0.73: "My boss" (has a job, a boss or a client of their own depending on this)"#
        ]],
    );
    let both = [deadline.clone(), repeated];
    expect![[r#"
        outside_pressure 0.86: "within 24 hours" (works against a deadline); "My boss" (has a job, a boss or a client of their own depending on this)
        feeling_unheard 0.31: "asked me twice" (has had to come back to this)"#]].assert_eq(&show_with(text, &both, None));
    // A signal in quoted speech is not the client's own point.
    let quoted = Signal {
        quoted: true,
        ..deadline
    };
    expect![[r#"outside_pressure 0.73: "My boss" (has a job, a boss or a client of their own depending on this)"#]].assert_eq(&show_with(text, &[quoted], None));
}

#[test]
fn negation_turns_cues_around() {
    check(
        "It's not broken, I just don't understand the bill.",
        expect![[
            r#"miscommunication 0.73: "don't understand" (is confused or cannot follow an explanation)"#
        ]],
    );
    check("The delivery wasn't late at all.", expect![[""]]);
    assert_eq!(top("It isn't broken."), None);
    assert_eq!(top("It is broken."), Some(Cause::ServiceFailure));
}

#[test]
fn obfuscated_and_shouted_words_still_count() {
    check(
        "The f*cking app CRASHED AGAIN!!!",
        expect![[r#"
        service_failure 0.73: "CRASHED" (something broke or does not work)
        feeling_unheard 0.31: "AGAIN" (it keeps happening)"#]],
    );
    check(
        "your stupiiid site is DOWN",
        expect![[r#"service_failure 0.73: "is DOWN" (something broke or does not work)"#]],
    );
}

#[test]
fn several_causes_rank_by_score() {
    check(
        "This is the fourth time I'm writing. The order never arrived and my daughter's birthday is tomorrow.",
        expect![[r#"
            outside_pressure 0.98: "my daughter's" (mentions health or a family need); "birthday" (has an important date coming: an event, a trip or an exam); "tomorrow" (sounds stressed or short of time)
            service_failure 0.73: "never arrived" (something is lost, late or missing)
            feeling_unheard 0.73: "fourth time" (has had to contact or explain more than once)"#]],
    );
}

#[test]
fn similarity_blends_with_cues() {
    let text = "The order never arrived. I want to know where it is.";
    check_with_similarity(
        text,
        [0.5, 0.5, 0.5, 0.9, 0.5],
        expect![[r#"service_failure 1.00: "never arrived" (something is lost, late or missing)"#]],
    );
    // Low similarity never lowers a cause its cues support.
    check_with_similarity(
        text,
        [0.5, 0.5, 0.5, 0.2, 0.5],
        expect![[r#"service_failure 0.73: "never arrived" (something is lost, late or missing)"#]],
    );
}

#[test]
fn similarity_alone_points_to_a_sentence() {
    let text = "Hello. I rang you and you put me on to someone who sent me back to the start.";
    check_with_similarity(
        text,
        [0.5, 0.5, 0.5, 0.6, 0.775],
        expect![[
            r#"feeling_unheard 0.69: "I rang you and you put me on to someone who sent me back to the start." (closest in meaning to "you keep sending the same reply without reading what I wrote")"#
        ]],
    );
    // Similarity near the typical value is no support.
    check_with_similarity(text, [0.5, 0.5, 0.5, 0.6, 0.68], expect![[""]]);
}

#[test]
fn every_cause_has_descriptions() {
    for (cause, (described, texts)) in Cause::ALL.iter().zip(DESCRIPTIONS.iter()) {
        assert_eq!(cause, described);
        assert!((3..=6).contains(&texts.len()), "{cause:?}");
    }
}

proptest! {
    #[test]
    fn scores_are_probabilities_and_spans_fall_on_char_boundaries(
        text in "(\\PC|[ .,!?'’\n]|never arrived|not broken|third time|my boss|promised|confused){0,24}",
        sim in proptest::array::uniform5(-1.0f32..1.0),
    ) {
        let tokens = tokenize(&text);
        let signals = detect(&text, &tokens);
        for similarity in [None, Some(&sim)] {
            let ranked = rank(&text, &tokens, &signals, similarity);
            for pair in ranked.windows(2) {
                prop_assert!(pair[0].score >= pair[1].score);
            }
            for c in &ranked {
                prop_assert!((0.0..=1.0).contains(&c.score));
                prop_assert!(!c.evidence.is_empty());
                for e in &c.evidence {
                    prop_assert!(e.start < e.end && e.end <= text.len());
                    prop_assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
                }
            }
        }
    }
}
