//! `check_reply`: careless drafts are caught with spans and rewrites, good drafts pass.

#[path = "coach_fixture.rs"]
mod fixture;

use defuse_core::coach::{
    CheckError, FindingKind, MAX_DRAFT_BYTES, Policy, ReplyCheck, Verdict, check_reply_analysed,
};
use defuse_core::{Cause, Emotion, Level, SignalKind};
use fixture::{Fx, MONDAY_10AM, Talk};

const UPSET: &str =
    "My parcel still hasn't arrived and I need it by Friday. This is the third time I've asked!";

fn upset_client() -> Talk {
    Talk::default().client(
        Fx::new(UPSET)
            .level(Level::Angry, 0.7)
            .emotion(Emotion::Frustration, 0.8, "third time")
            .complaint("still hasn't arrived")
            .cause(Cause::ServiceFailure, "still hasn't arrived")
            .signal(SignalKind::Deadline, "by Friday", false),
    )
}

fn calm_client() -> Talk {
    Talk::default().client(Fx::new(
        "Hi, can I change the delivery address on order 5512?",
    ))
}

fn check(talk: &Talk, draft: &str) -> ReplyCheck {
    check_reply_analysed(draft, &talk.analysed(), &Policy::default(), MONDAY_10AM)
        .expect("a draft with words in it can be checked")
}

/// The kinds found, with the words each points at.
fn found(talk: &Talk, draft: &str) -> Vec<(FindingKind, String)> {
    check(talk, draft)
        .findings
        .into_iter()
        .map(|f| (f.kind, draft[f.start..f.end].to_string()))
        .collect()
}

fn has(talk: &Talk, draft: &str, kind: FindingKind, words: &str) {
    let f = found(talk, draft);
    assert!(
        f.contains(&(kind, words.to_string())),
        "expected {kind:?} at {words:?} in {draft:?}, found {f:?}"
    );
}

fn lacks(talk: &Talk, draft: &str, kind: FindingKind) {
    let f = found(talk, draft);
    assert!(
        f.iter().all(|(k, _)| *k != kind),
        "expected no {kind:?} in {draft:?}, found {f:?}"
    );
}

#[test]
fn good_replies_pass() {
    let good = [
        (
            upset_client(),
            "I'm sorry your parcel still hasn't arrived, and I can see how frustrating it is to chase it again. I've checked with the courier: it is at the local depot. I'll call you by 3pm today with a delivery slot, and if it can't make Friday, I'll offer you a replacement sent by express.",
        ),
        (
            upset_client(),
            "I can hear how worrying this is with Friday so close. Would a replacement sent today by express work for you, or would you rather have a full refund? I'll set up whichever you choose within the hour.",
        ),
        (
            calm_client(),
            "Yes, I can change that for you. I've updated the address on order 5512, and you'll receive a confirmation email within 10 minutes.",
        ),
        (
            calm_client(),
            "Happy to help. What is the new address you'd like us to use?",
        ),
    ];
    for (talk, draft) in good {
        let c = check(&talk, draft);
        assert_eq!(
            (c.verdict, c.score),
            (Verdict::Send, 100),
            "{draft:?} was flagged: {:#?}",
            c.findings
        );
    }
}

#[test]
fn raised_voice_is_found_with_a_calmer_rewrite() {
    let talk = calm_client();
    has(
        &talk,
        "I TOLD YOU the address is locked. I'll update you by 3pm.",
        FindingKind::RaisedVoice,
        "TOLD YOU",
    );
    has(
        &talk,
        "Please read the email!!! I'll update you by 3pm.",
        FindingKind::RaisedVoice,
        "!!!",
    );
    has(
        &talk,
        "Why would you do that?? I'll update you by 3pm.",
        FindingKind::RaisedVoice,
        "??",
    );
    let c = check(
        &talk,
        "This is NEVER going to work. I'll update you by 3pm.",
    );
    assert_eq!(c.findings[0].rewrite, "never");
    assert!(
        found(&talk, "I've sent the PDF and the VAT invoice to you.").is_empty(),
        "acronyms are not shouting"
    );
    assert!(
        found(&talk, "I've updated the policy to the car AB12 CDE.").is_empty(),
        "codes are not shouting"
    );
}

#[test]
fn a_term_the_client_wrote_in_capitals_is_no_shouting_but_their_shouting_is() {
    let talk = Talk::default().client(Fx::new(
        "My mum is 84 with COPD and the heating has been off since Friday.",
    ));
    let draft = "I'm sorry your mum is without heating with her COPD. I'll ring you by 1pm.";
    lacks(&talk, draft, FindingKind::RaisedVoice);
    let shouted = Talk::default().client(Fx::new("I AM FURIOUS about the heating.").signal(
        SignalKind::Shouting,
        "I AM FURIOUS",
        false,
    ));
    has(
        &shouted,
        "I can hear you are FURIOUS. I'll ring you by 1pm.",
        FindingKind::RaisedVoice,
        "FURIOUS",
    );
}

#[test]
fn blame_dismissal_arguing_sarcasm_and_minimising_are_named() {
    let talk = upset_client();
    let ack = "I'm sorry about this. ";
    let next = " I'll update you by 3pm.";
    let cases = [
        (
            "You should have checked the tracking page.",
            FindingKind::Blame,
            "You should have",
        ),
        (
            "As I already told you, it ships from our warehouse.",
            FindingKind::Blame,
            "As I already told you",
        ),
        ("Please calm down.", FindingKind::Dismissive, "calm down"),
        (
            "That's just our policy.",
            FindingKind::Dismissive,
            "That's just our policy",
        ),
        (
            "There's nothing I can do.",
            FindingKind::Dismissive,
            "There's nothing I can do",
        ),
        (
            "That's not true, it was sent on time.",
            FindingKind::Arguing,
            "That's not true",
        ),
        (
            "It's not our fault the courier is slow.",
            FindingKind::Arguing,
            "It's not our fault",
        ),
        (
            "Actually you entered the wrong postcode.",
            FindingKind::Arguing,
            "Actually you",
        ),
        (
            "Well done on finding the tracking link.",
            FindingKind::Sarcasm,
            "Well done",
        ),
        (
            "Obviously the parcel is delayed.",
            FindingKind::Sarcasm,
            "Obviously",
        ),
        (
            "It's just a short delay.",
            FindingKind::Minimising,
            "It's just",
        ),
        (
            "You simply need to wait.",
            FindingKind::Minimising,
            "simply",
        ),
    ];
    for (bad, kind, words) in cases {
        let draft = format!("{ack}{bad}{next}");
        has(&talk, &draft, kind, words);
        let c = check(&talk, &draft);
        let worse = kind.makes_it_worse();
        let expected = if worse {
            Verdict::Rewrite
        } else {
            Verdict::Revise
        };
        assert_eq!(c.verdict, expected, "{draft:?}");
        assert!(c.score <= 85, "{draft:?} scored {}", c.score);
    }
    assert!(found(&talk, "I'm sorry. I've adjusted the delivery and I just checked: it's at the depot. I'll update you by 3pm.").is_empty(), "'just' as in 'just now' and 'adjusted' are fine");
}

#[test]
fn missing_acknowledgement_and_next_step_are_found_only_when_needed() {
    let c = check(&upset_client(), "The parcel is at the depot.");
    let kinds: Vec<FindingKind> = c.findings.iter().map(|f| f.kind).collect();
    assert_eq!(
        kinds,
        [FindingKind::NoAcknowledgement, FindingKind::NoNextStep]
    );
    assert_eq!((c.findings[0].start, c.findings[0].end), (0, 0));
    assert!(!c.findings[0].rewrite.is_empty());
    assert!(
        found(
            &calm_client(),
            "Done. An officer will call you by noon tomorrow."
        )
        .is_empty(),
        "someone else's step with a time is a next step"
    );
    assert!(
        check(&calm_client(), "Sure, what's the new address?")
            .findings
            .is_empty(),
        "a calm client needs no acknowledgement and a question is a next step"
    );
}

#[test]
fn an_hour_already_past_today_is_named_and_one_ahead_is_not() {
    // Sent at 10:00 on Monday.
    let talk = calm_client();
    has(
        &talk,
        "I'll email you the new address confirmation by 9am today.",
        FindingKind::TimePassed,
        "9am today",
    );
    lacks(
        &talk,
        "I'll email you the new address confirmation by 5pm today.",
        FindingKind::TimePassed,
    );
    lacks(
        &talk,
        "I'll email you the new address confirmation today.",
        FindingKind::TimePassed,
    );
}

#[test]
fn luck_wished_after_failures_is_sarcasm() {
    has(
        &upset_client(),
        "Well, fourth time lucky! The engineer is booked for Tuesday 8-10am.",
        FindingKind::Sarcasm,
        "fourth time lucky",
    );
}

#[test]
fn vague_and_timeless_promises_are_found() {
    let talk = calm_client();
    has(
        &talk,
        "I'll update the address soon.",
        FindingKind::VaguePromise,
        "soon",
    );
    has(
        &talk,
        "We will get back to you ASAP.",
        FindingKind::VaguePromise,
        "ASAP",
    );
    has(
        &talk,
        "I'll look into it.",
        FindingKind::PromiseWithoutTime,
        "I'll look into it",
    );
    let c = check(&talk, "I'll look into it and call you tomorrow at 10am.");
    assert!(c.findings.is_empty(), "{:?}", c.findings);
    assert_eq!(c.promises.len(), 1);
    has(
        &talk,
        "I'll sort the address as soon as I can.",
        FindingKind::VaguePromise,
        "as soon as I can",
    );
    // Quoting our own earlier word to own it promises nothing by it.
    lacks(
        &talk,
        "I know I said \"soon\" last week, and I'm sorry that was vague. I'll call you by 3pm today with the date.",
        FindingKind::VaguePromise,
    );
    // A step tied to an event is not a vague time.
    lacks(
        &talk,
        "As soon as the courier confirms, I'll send you the tracking number, and I'll call you by 3pm today either way.",
        FindingKind::VaguePromise,
    );
}

#[test]
fn promises_the_policy_forbids_are_found() {
    let talk = upset_client();
    let sorry = "I'm sorry about this. ";
    has(
        &talk,
        &format!("{sorry}I'll refund the full €250 to you today."),
        FindingKind::ForbiddenPromise,
        "I'll refund the full €250 to you today.",
    );
    has(
        &talk,
        &format!("{sorry}Your parcel will arrive by Friday, I'll make sure of it by noon."),
        FindingKind::ForbiddenPromise,
        "Your parcel will arrive by Friday, I'll make sure of it by noon.",
    );
    has(
        &talk,
        &format!("{sorry}You have a strong case against the courier. I'll update you by 3pm."),
        FindingKind::ForbiddenPromise,
        "You have a strong case",
    );
    assert!(
        found(
            &talk,
            &format!("{sorry}I'll refund the €40 delivery fee today.")
        )
        .is_empty()
    );
    assert!(found(&talk, &format!("{sorry}I can't promise it will arrive by Friday, but I'll chase the courier and call you by 3pm.")).is_empty());
    let generous = Policy::parse("[promises]\nmax_refund = 500\n").unwrap();
    let c = check_reply_analysed(
        &format!("{sorry}I'll refund the full €250 to you today."),
        &talk.analysed(),
        &generous,
        MONDAY_10AM,
    )
    .unwrap();
    assert!(c.findings.is_empty());
}

#[test]
fn over_apologising_is_found_past_two_apologies() {
    let talk = upset_client();
    let draft =
        "I'm so sorry. Sorry again for this, and apologies for the wait. I'll call you at 3pm.";
    has(&talk, draft, FindingKind::OverApologising, "apologies");
    assert!(
        found(
            &talk,
            "I'm sorry for the wait, and sorry we let you down. I'll call you at 3pm."
        )
        .is_empty()
    );
    // An apology someone else will make is not the draft's own.
    lacks(
        &talk,
        "I'm so sorry, and sorry we let you down. I've asked our manager to ring you at 3pm to apologise.",
        FindingKind::OverApologising,
    );
}

#[test]
fn scores_fall_with_each_finding() {
    let talk = upset_client();
    let one = check(&talk, "I'm sorry. Please calm down. I'll call you at 3pm.").score;
    let two = check(
        &talk,
        "I'm sorry. Please calm down, it's just a delay. I'll call you at 3pm.",
    )
    .score;
    assert!(one > two && two > 0, "{one} {two}");
}

#[test]
fn sympathy_conditional_timing_and_a_cadence_are_not_faults() {
    let talk = upset_client();
    for draft in [
        "I'm sorry you've been left waiting, and you shouldn't have had to chase us again. I'll call you by 3pm today with a delivery slot.",
        "I'm sorry it's still not there. If the courier hasn't collected it from the depot by 4pm, I'll send a replacement by express myself and text you the tracking number.",
        "I'm sorry this has dragged on. I've escalated it to our logistics lead, and I'll update you every two hours until it's fixed, starting at noon.",
    ] {
        let c = check(&talk, draft);
        assert_eq!(c.verdict, Verdict::Send, "{draft:?}: {:#?}", c.findings);
    }
}

#[test]
fn polite_timed_drafts_that_fail_in_substance_are_revised() {
    let talk = upset_client();
    let cases = [
        (
            "I'm sorry for the wait. Parcels are the courier's responsibility once they leave us, so you'll need to contact the courier directly. I'll note your call by 3pm today.",
            FindingKind::Deflecting,
        ),
        (
            "I'm sorry for the wait. To be fair to our warehouse, it was dispatched on time and our system shows it was delivered. I'll email you the proof by 3pm.",
            FindingKind::Defensive,
        ),
        (
            "I'm sorry for the wait. Delays like this are really common in winter, so it's only a small delay. I'll check again by 3pm.",
            FindingKind::Minimising,
        ),
        (
            "I understand. As stated in our terms, delivery dates are estimates only. I'll send you the tracking link by 3pm.",
            FindingKind::PolicyHiding,
        ),
        (
            "I'm sorry for the wait. I've chased it, and I can guarantee it'll be with you by Friday. I'll confirm by 3pm.",
            FindingKind::UncontrolledOutcome,
        ),
        (
            "I'm sorry for the wait. I'm afraid there's nothing more we can do and the decision is final. I'll close the ticket by 3pm.",
            FindingKind::Stonewalling,
        ),
    ];
    for (draft, kind) in cases {
        let c = check(&talk, draft);
        assert_ne!(c.verdict, Verdict::Send, "{draft:?}");
        assert_eq!(
            c.verdict == Verdict::Rewrite,
            kind.makes_it_worse(),
            "{draft:?}: {:#?}",
            c.findings
        );
        assert!(
            c.findings.iter().any(|f| f.kind == kind),
            "{draft:?}: expected {kind:?}, found {:#?}",
            c.findings
        );
    }
}

#[test]
fn abuse_left_unanswered_is_found_and_a_boundary_is_not() {
    let talk = Talk::default().client(
        Fx::new("You useless idiot, where is my parcel?")
            .level(Level::Abusive, 0.9)
            .signal(SignalKind::Insult, "useless idiot", true),
    );
    let c = check(
        &talk,
        "Your parcel is at the depot; I'll call you by 3pm with a slot.",
    );
    assert!(
        c.findings
            .iter()
            .any(|f| f.kind == FindingKind::Minimising && f.start == f.end),
        "{:#?}",
        c.findings
    );
    let held = check(
        &talk,
        "I want to help, and I need you to stop the insults, or I'll have to end the call. Your parcel is at the depot; I'll call you by 3pm with a slot.",
    );
    assert!(held.findings.is_empty(), "{:#?}", held.findings);
    for asked in [
        "I do need you to stop the name-calling so I can keep helping you.",
        "I do need you not to swear at me or call me names.",
    ] {
        let c = check(
            &talk,
            &format!("{asked} Your parcel is at the depot; I'll call you by 3pm with a slot."),
        );
        assert!(c.findings.is_empty(), "{asked}: {:#?}", c.findings);
    }
}

#[test]
fn a_boundary_alone_is_no_step_while_harm_is_happening() {
    let abusive = |text: &str| {
        Talk::default().client(Fx::new(text).level(Level::Abusive, 0.9).signal(
            SignalKind::Insult,
            "pathetic idiot",
            true,
        ))
    };
    let boundary = "I won't be spoken to like that, and if the insults go on I'll end this chat.";
    let harmed = abusive(
        "Our toddler can't sleep in this heat, so send someone up now, you pathetic idiot.",
    );
    has(&harmed, boundary, FindingKind::NoNextStep, "");
    let not_harmed = abusive("Where is my refund, you pathetic idiot?");
    lacks(&not_harmed, boundary, FindingKind::NoNextStep);
}

#[test]
fn an_empty_or_oversized_draft_is_an_error() {
    let talk = calm_client();
    let try_check = |draft: &str| {
        check_reply_analysed(draft, &talk.analysed(), &Policy::default(), MONDAY_10AM)
    };
    assert_eq!(try_check("").unwrap_err(), CheckError::Empty);
    assert_eq!(try_check(" \n\t ").unwrap_err(), CheckError::Empty);
    let long = "I'll call you by 3pm. ".repeat(MAX_DRAFT_BYTES / 10);
    assert_eq!(
        try_check(&long).unwrap_err(),
        CheckError::TooLong { bytes: long.len() }
    );
    assert!(
        CheckError::TooLong { bytes: long.len() }
            .to_string()
            .contains(&MAX_DRAFT_BYTES.to_string())
    );
}

#[test]
fn a_gap_left_from_a_rewrite_is_a_finding_until_it_is_filled() {
    let talk = upset_client();
    let gap = "I'm sorry it still hasn't arrived. I'll chase the courier and tell you where it stands by <time>.";
    has(&talk, gap, FindingKind::Placeholder, "<time>");
    let c = check(&talk, gap);
    assert_eq!(c.verdict, Verdict::Revise);
    assert!(c.score < 100);
    lacks(
        &talk,
        &gap.replace("<time>", "3pm today"),
        FindingKind::Placeholder,
    );
    // A comparison or an arrow is no gap.
    for text in [
        "I'll refund the 3 < 5 items by 3pm today.",
        "Order <- 5512 -> shipped by 3pm today.",
    ] {
        lacks(&talk, text, FindingKind::Placeholder);
    }
}

#[test]
fn naming_the_amount_of_a_refund_request_promises_nothing() {
    let talk = upset_client();
    for draft in [
        "I'm sorry about this. I've found your refund request for 240 pounds, and I'll call you by 3pm with where it stands.",
        "I'm sorry about this. I can see your refund request for €250; I'll call you by 3pm today.",
    ] {
        lacks(&talk, draft, FindingKind::ForbiddenPromise);
    }
    has(
        &talk,
        "I'm sorry about this. I can happily refund the 240 pounds today.",
        FindingKind::ForbiddenPromise,
        "I can happily refund the 240 pounds today.",
    );
    // Telling the client they will be paid promises it as much as paying does.
    has(
        &talk,
        "I'm sorry about this. I'll make sure you get the full £250 compensation by Friday.",
        FindingKind::ForbiddenPromise,
        "I'll make sure you get the full £250 compensation by Friday.",
    );
}

/// A client who may be in danger is owed their safety first; a draft that gives it needs no
/// other acknowledgement, and one that carries on with the matter is flagged.
#[test]
fn a_client_in_danger_is_owed_their_safety_first() {
    for words in [
        "There's a strong smell of gas in the kitchen and my baby is upstairs, what do I do?",
        "I can't pay it. Honestly everyone would be better off without me.",
    ] {
        let talk = Talk::default().client(Fx::new(words));
        has(
            &talk,
            "I've added a note to your account and I'll call you by 3pm today.",
            FindingKind::IgnoresSafety,
            "",
        );
        let kinds: Vec<FindingKind> = found(
            &talk,
            "Are you safe right now? If you're in danger, please call 999 now. I'll call you back within the hour.",
        )
        .into_iter()
        .map(|(k, _)| k)
        .collect();
        assert!(kinds.is_empty(), "{words}: {kinds:?}");
    }
    let calm = calm_client();
    let kinds: Vec<FindingKind> = found(&calm, "I'll change it now and confirm by 3pm today.")
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert!(!kinds.contains(&FindingKind::IgnoresSafety), "{kinds:?}");
}

/// A draft with a fault that would make things worse is not to be sent as written; one with
/// only smaller faults is revised; a clean one is sent.
#[test]
fn the_verdict_grades_how_bad_the_faults_are() {
    let talk = upset_client();
    let rewrite = check(&talk, "CALM DOWN. I'll call you by 3pm today.");
    assert_eq!(rewrite.verdict, Verdict::Rewrite, "{:#?}", rewrite.findings);
    let revise = check(
        &talk,
        "I'm sorry your parcel still isn't there. I'll chase it and call you soon.",
    );
    assert_eq!(revise.verdict, Verdict::Revise, "{:#?}", revise.findings);
    assert!(revise.score >= 50);
}

#[test]
fn owning_an_earlier_calm_down_takes_it_back() {
    let talk = upset_client();
    let dismissive = |draft: &str| {
        let c = check(&talk, draft);
        c.findings.iter().any(|f| f.kind == FindingKind::Dismissive)
    };
    assert!(!dismissive(
        "I'm sorry I told you to calm down earlier; that was wrong of me. I'll call you at 3pm with the refund confirmed."
    ));
    assert!(dismissive(
        "I've told you to calm down twice now. I'll call you at 3pm."
    ));
}

#[test]
fn another_s_pace_beside_a_firm_time_of_ours_is_not_vague() {
    let talk = upset_client();
    lacks(
        &talk,
        "I'm sorry. I've marked this as urgent so the courier sends it out as soon as possible, and I'll call you by 3pm today with the tracking.",
        FindingKind::VaguePromise,
    );
    has(
        &talk,
        "I'm sorry. I'll send a new one as soon as possible, and I'll call you by 3pm today.",
        FindingKind::VaguePromise,
        "as soon as possible",
    );
}

#[test]
fn a_step_before_the_clients_deadline_or_a_hold_already_placed_is_in_time() {
    // Sent at 10:00 on Monday.
    let text = "Please be quick. I need the boxes by Thursday or I lose the order, and I need an answer today.";
    let talk = Talk::default().client(Fx::new(text).level(Level::Tense, 0.6).signal(
        SignalKind::Deadline,
        "by Thursday",
        false,
    ));
    lacks(
        &talk,
        "The courier missed a connection. Your boxes are on the first van on Wednesday, before noon.",
        FindingKind::IgnoresUrgency,
    );
    lacks(
        &talk,
        "I've put a hold on the order, so nothing is cancelled on Friday.",
        FindingKind::IgnoresUrgency,
    );
    has(
        &talk,
        "Your boxes will go out on Friday.",
        FindingKind::IgnoresUrgency,
        "Your boxes will go out on Friday.",
    );
}

#[test]
fn soon_in_a_farewell_promises_nothing_and_soon_in_a_step_is_vague() {
    let talk = calm_client();
    for farewell in [
        "I've changed the address to 4 Mill Lane. Hope to see you again soon.",
        "I've changed the address to 4 Mill Lane. Speak soon.",
    ] {
        lacks(&talk, farewell, FindingKind::VaguePromise);
    }
    has(
        &talk,
        "I'll get back to you soon about the address.",
        FindingKind::VaguePromise,
        "soon",
    );
}

#[test]
fn a_calm_client_sorry_for_the_hassle_needs_no_acknowledgement_and_a_sad_one_does() {
    let draft = "No hassle at all. I've moved booking HX4471 to the 16th in the same room type.";
    let sorry = Talk::default().client(
        Fx::new("It's HX4471. Sorry if this is a hassle, my flight got moved.").emotion(
            Emotion::Sadness,
            0.6,
            "Sorry",
        ),
    );
    lacks(&sorry, draft, FindingKind::NoAcknowledgement);
    let sad = Talk::default().client(
        Fx::new("It's HX4471. My flight got moved and I'm gutted, it was our anniversary.")
            .emotion(Emotion::Sadness, 0.6, "gutted"),
    );
    has(&sad, draft, FindingKind::NoAcknowledgement, "");
}

#[test]
fn asking_the_client_to_leave_the_name_calling_out_holds_the_line() {
    let talk = Talk::default().client(
        Fx::new("Still no refund. Sort it out you idiots.")
            .level(Level::Abusive, 0.9)
            .signal(SignalKind::Insult, "you idiots", true),
    );
    let draft = "I've asked our payments team for the date and I'll email you by 4pm today.";
    has(&talk, draft, FindingKind::Minimising, "");
    lacks(
        &talk,
        &format!(
            "{draft} I'm glad to keep helping, and I'd ask that we leave the name-calling out of it."
        ),
        FindingKind::Minimising,
    );
}

#[test]
fn thanks_for_patience_to_a_client_nobody_answered_is_dismissive() {
    let talk = Talk::default().client(
        Fx::new("I sent the photo two days ago and nobody answered.")
            .level(Level::Tense, 0.5)
            .cause(Cause::FeelingUnheard, "nobody answered"),
    );
    has(
        &talk,
        "Thanks for your patience! I'll send the new jug by Friday.",
        FindingKind::Dismissive,
        "Thanks for your patience",
    );
}
