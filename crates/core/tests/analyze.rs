//! End-to-end checks of `Analyzer::analyze` with the compiled-in fast tier: every field of the
//! analysis, disguised spellings, negation, quoted speech and awkward input.

use defuse_core::{
    Analysis, Analyzer, Cause, Earlier, Emotion, Input, Language, Level, MAX_TEXT_BYTES, Sentiment,
    SignalKind,
};
use std::sync::OnceLock;

fn analyzer() -> &'static Analyzer {
    static A: OnceLock<Analyzer> = OnceLock::new();
    A.get_or_init(Analyzer::new)
}

fn analyze(text: &str) -> Analysis {
    analyzer().analyze(&Input::new(text))
}

fn has_signal(a: &Analysis, kind: SignalKind) -> bool {
    a.signals.iter().any(|s| s.kind == kind)
}

#[test]
fn every_score_is_a_probability_and_evidence_points_into_the_text() {
    let text = "You useless idiots lost my parcel AGAIN!!! Third time I've called. I need it by Friday or I'm calling my lawyer.";
    let a = analyze(text);
    let mut scores = vec![
        a.offensive.score,
        a.abusive.score,
        a.complaint.score,
        a.hostility,
    ];
    scores.extend(a.sentiment_scores);
    scores.extend(a.emotions.iter().map(|j| j.score));
    scores.extend(a.causes.iter().map(|c| c.score));
    assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)), "{scores:?}");
    assert!((a.sentiment_scores.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    let spans = a
        .signals
        .iter()
        .map(|s| (s.start, s.end))
        .chain(a.offensive.evidence.iter().map(|e| (e.start, e.end)))
        .chain(
            a.causes
                .iter()
                .flat_map(|c| c.evidence.iter().map(|e| (e.start, e.end))),
        );
    for (s, e) in spans {
        assert!(s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
    }
}

#[test]
fn an_abusive_message_is_judged_abusive_with_evidence() {
    let a = analyze("You useless idiots lost my parcel AGAIN!!! Third time I've called.");
    assert!(a.abusive.holds() && a.offensive.holds());
    assert_eq!(a.level, Level::Abusive);
    assert!(a.abusive.evidence.iter().any(|e| e.why.contains("insult")));
    assert!(has_signal(&a, SignalKind::Insult) && has_signal(&a, SignalKind::RepeatedContact));
    assert!(has_signal(&a, SignalKind::Shouting) && has_signal(&a, SignalKind::ExclamationRun));
    assert!(a.causes.iter().any(|c| c.cause == Cause::FeelingUnheard));
}

#[test]
fn a_polite_question_is_calm() {
    let a = analyze("Hi, could you tell me when my order is likely to ship? Thanks a lot.");
    assert_eq!(a.level, Level::Calm);
    assert!(!a.offensive.holds() && !a.abusive.holds() && !a.complaint.holds());
    assert_ne!(a.sentiment, Sentiment::Negative);
}

#[test]
fn a_complaint_without_abuse_is_a_complaint_and_not_abusive() {
    let a = analyze(
        "I paid for next-day delivery and the package still hasn't arrived after a week. Very disappointed.",
    );
    assert!(a.complaint.holds(), "complaint {}", a.complaint.score);
    assert!(!a.abusive.holds());
    assert_eq!(a.sentiment, Sentiment::Negative);
    assert!(
        a.causes
            .iter()
            .any(|c| c.cause == Cause::ServiceFailure || c.cause == Cause::UnmetExpectations)
    );
    assert!(!a.concerns.is_empty());
}

#[test]
fn thanks_is_satisfaction() {
    let a = analyze("Thank you so much, that fixed it. Really appreciate your help!");
    assert_eq!(a.top_emotion, Some(Emotion::Satisfaction));
    assert_eq!(a.sentiment, Sentiment::Positive);
}

#[test]
fn worry_about_a_deadline_is_anxiety_with_outside_pressure() {
    let a = analyze(
        "I'm really worried, my visa appointment is on Monday and the documents haven't come. I'm scared I'll miss it.",
    );
    assert!(
        a.emotion(Emotion::Anxiety).score > 0.5,
        "anxiety {}",
        a.emotion(Emotion::Anxiety).score
    );
    assert!(a.causes.iter().any(|c| c.cause == Cause::OutsidePressure));
}

#[test]
fn disguised_insults_are_seen() {
    for text in [
        "you are an 1d10t",
        "f*ck you",
        "you st u p i d...",
        "F U C K you people",
    ] {
        let a = analyze(text);
        assert!(
            a.offensive.holds(),
            "{text}: offensive {}",
            a.offensive.score
        );
    }
}

#[test]
fn profanity_about_a_thing_is_offensive_but_not_abusive() {
    let a = analyze("this damn printer jammed again");
    assert!(has_signal(&a, SignalKind::Profanity));
    assert!(!a.abusive.holds(), "abusive {}", a.abusive.score);
}

#[test]
fn a_quoted_insult_is_not_abuse_of_the_reader() {
    let a = analyze("Your driver called me an idiot at my own door. I want this looked into.");
    assert!(!a.abusive.holds(), "abusive {}", a.abusive.score);
    assert!(
        a.signals
            .iter()
            .filter(|s| s.kind == SignalKind::Insult)
            .all(|s| s.quoted)
    );
}

#[test]
fn sexual_harassment_of_the_reader_is_abuse_with_evidence() {
    let a = analyze("hey, take off your clothes for me");
    assert!(a.abusive.holds(), "abusive {}", a.abusive.score);
    assert_eq!(a.level, Level::Abusive);
    assert!(has_signal(&a, SignalKind::Harassment));
    assert!(
        a.abusive
            .evidence
            .iter()
            .any(|e| e.why.contains("harassment"))
    );
    let reported =
        analyze("Your driver said \"show me your tits\" to my daughter. I want him gone.");
    assert!(
        !reported.abusive.holds(),
        "abusive {}",
        reported.abusive.score
    );
}

#[test]
fn negation_turns_praise_into_complaint() {
    let good = analyze("The service was good");
    let not_good = analyze("The service was not good");
    assert!(not_good.sentiment_scores[0] > good.sentiment_scores[0]);
}

#[test]
fn flat_complaints_and_odd_insults_are_negative() {
    let text = "The manager promised me a call back yesterday and I'm still waiting.";
    let a = analyze(text);
    assert!(a.complaint.holds(), "{}", a.complaint.score);
    assert_eq!(a.sentiment, Sentiment::Negative, "{:?}", a.sentiment_scores);
    assert!(!a.sentiment_evidence.is_empty());
    let question = analyze("Could you tell me when my order will ship?");
    assert_ne!(question.sentiment, Sentiment::Negative);
    // "joke" is a positive word; said of the reader it is abuse, and abuse is not positive.
    let insult = analyze("You're a joke. All of you.");
    assert!(insult.abusive.holds());
    assert_eq!(
        insult.sentiment,
        Sentiment::Negative,
        "{:?}",
        insult.sentiment_scores
    );
}

#[test]
fn a_threat_to_escalate_is_angry_and_a_threat_to_find_someone_is_abuse() {
    let escalation = analyze("I will be contacting trading standards about this.");
    assert!(has_signal(&escalation, SignalKind::EscalationThreat));
    assert_eq!(escalation.level, Level::Angry);
    let threat = analyze("I'll find out where you live if my money isn't back by Monday.");
    assert!(has_signal(&threat, SignalKind::Threat));
    assert_eq!(threat.level, Level::Abusive);
}

#[test]
fn a_feeling_said_outright_holds_with_the_words_as_evidence() {
    let text = "I'm panicking, my card has been blocked and I'm abroad.";
    let a = analyze(text);
    let anxiety = a.emotion(Emotion::Anxiety);
    assert!(anxiety.holds(), "{}", anxiety.score);
    assert!(
        anxiety
            .evidence
            .iter()
            .any(|e| &text[e.start..e.end] == "I'm panicking")
    );
    let denied = analyze("I'm not angry, just asking when it ships.");
    assert!(!denied.emotion(Emotion::Anger).holds());
}

#[test]
fn sarcastic_praise_is_read_as_negative_not_as_satisfaction() {
    for text in [
        "Thanks for nothing, my parcel is lost.",
        "Great, another update that deleted all my settings. Thanks a lot.",
    ] {
        let a = analyze(text);
        assert!(has_signal(&a, SignalKind::Sarcasm), "{text}");
        assert_eq!(a.sentiment, Sentiment::Negative, "{text}");
        assert!(!a.emotion(Emotion::Satisfaction).holds(), "{text}");
        assert!(a.complaint.holds(), "{text}");
    }
    let sincere = analyze("Great, the parcel came a day early. Thanks a lot!");
    assert_eq!(sincere.sentiment, Sentiment::Positive);
}

#[test]
fn a_named_bad_feeling_is_not_positive_whatever_the_warm_words() {
    for text in [
        "The installer was charming and polite, but honestly I expected better from your firm.",
        "Lovely people, great prices, and I'm still worried sick the visa won't come in time.",
    ] {
        let a = analyze(text);
        assert_ne!(a.sentiment, Sentiment::Positive, "{text}");
    }
    let glad = analyze("I was worried, but I'm relieved and happy now that it's here. Wonderful!");
    assert_eq!(glad.sentiment, Sentiment::Positive);
}

#[test]
fn praise_beside_a_long_wait_is_sarcasm() {
    let a = analyze("Superb customer care as ever, nine days to get an answer.");
    assert!(has_signal(&a, SignalKind::Sarcasm));
    assert_eq!(a.sentiment, Sentiment::Negative);
    assert!(a.complaint.holds());
    let sincere = analyze("Superb customer care, delivered in two days. Thank you!");
    assert!(!has_signal(&sincere, SignalKind::Sarcasm));
}

#[test]
fn empty_and_blank_messages_are_calm() {
    for text in ["", "   \n\t "] {
        let a = analyze(text);
        assert_eq!(a.level, Level::Calm);
        assert!(a.signals.is_empty() && a.causes.is_empty() && a.concerns.is_empty());
        assert!(!a.truncated);
    }
}

#[test]
fn long_text_is_cut_and_says_so() {
    let text = "é".repeat(MAX_TEXT_BYTES); // two bytes a char: twice the limit
    let a = analyze(&text);
    assert!(a.truncated);
    assert!(a.analysed_len <= MAX_TEXT_BYTES);
}

#[test]
fn other_languages_are_flagged_not_guessed() {
    let a = analyze("Mi pedido nunca llegó y nadie contesta mis correos, es una vergüenza");
    assert_eq!(a.language, Language::Other);
    assert!(!a.complaint.holds() && !a.abusive.holds());
    assert_eq!(
        analyze("Where is my order? It has not arrived.").language,
        Language::English
    );
}

#[test]
fn context_that_asks_nothing_changes_nothing() {
    let input = Input::new("no").with_context("Would you like me to cancel the order?");
    let with = analyzer().analyze(&input);
    let without = analyze("no");
    assert_eq!(with.level, without.level);
    assert_eq!(with.complaint.score, without.complaint.score);
    assert_eq!(with.sentiment_scores, without.sentiment_scores);
}

#[test]
fn no_to_did_that_fix_it_is_an_unresolved_complaint_with_evidence() {
    let check = "I've reset your line from here. Did that fix it?";
    let text = "No, same as before.";
    let a = analyzer().analyze(&Input::new(text).with_context(check));
    assert!(has_signal(&a, SignalKind::Unresolved));
    assert!(a.complaint.holds(), "{}", a.complaint.score);
    assert!(
        a.complaint
            .evidence
            .iter()
            .any(|e| &text[e.start..e.end] == "No")
    );
    assert_eq!(a.sentiment, Sentiment::Negative);
    assert!(a.emotion(Emotion::Frustration).holds());
    assert_eq!(a.causes[0].cause, Cause::UnmetExpectations);
    // The same words without the question are no complaint.
    let bare = analyze(text);
    assert!(!has_signal(&bare, SignalKind::Unresolved));
    assert!(bare.complaint.score < a.complaint.score);
}

#[test]
fn yes_to_did_that_fix_it_is_satisfaction() {
    let a = analyzer()
        .analyze(&Input::new("yes it's working, thanks").with_context("Is it working now?"));
    assert_eq!(a.sentiment, Sentiment::Positive);
    assert!(!a.complaint.holds());
    assert!(a.emotion(Emotion::Satisfaction).holds());
}

#[test]
fn batches_match_single_analyses() {
    let texts = ["You idiots", "Thanks!", "Where is my refund?"];
    let inputs: Vec<Input<'_>> = texts.iter().map(|t| Input::new(t)).collect();
    let batch = analyzer().analyze_batch(&inputs);
    for (t, b) in texts.iter().zip(batch) {
        assert_eq!(analyze(t), b);
    }
}

#[test]
fn words_that_say_nothing_are_never_shown_as_a_reason() {
    let text = "You people are useless, this is the THIRD time I've called and my order still hasn't arrived!!";
    let a = analyze(text);
    let judgements = [&a.offensive, &a.abusive, &a.complaint];
    let feelings = a.emotions.iter();
    for j in judgements.into_iter().chain(feelings) {
        for e in &j.evidence {
            let shown = text[e.start..e.end].to_lowercase();
            assert!(
                !["and", "my", "the", "this", "is"].contains(&shown.as_str()),
                "{shown:?} shown as a reason ({})",
                e.why
            );
        }
    }
}

#[test]
fn a_story_keeps_its_latest_message_whole_and_drops_the_earliest_first() {
    let long = "x".repeat(MAX_TEXT_BYTES / 2);
    let said = |text, client| Earlier { text, client };
    let earlier = [
        said(long.as_str(), true),
        said(long.as_str(), false),
        said("the parcel never came", true),
    ];
    let story = Input::new("still nothing")
        .with_earlier(&earlier)
        .story_text();
    let text = &story.text;
    assert_eq!(&text[story.at..], "still nothing");
    assert!(text.len() <= MAX_TEXT_BYTES, "{}", text.len());
    assert!(text.ends_with("the parcel never came\nstill nothing"));
    assert_eq!(text.matches(&long).count(), 1);
    // The agent's long turn and the client's last one are kept, each where it starts.
    let last = text.len() - "the parcel never came\nstill nothing".len();
    assert_eq!(story.turns, [(0, false), (last, true)]);
}

#[test]
fn the_story_is_read_only_with_earlier_messages_and_its_evidence_lies_in_the_latest() {
    let latest = "It's the third time I've asked and nobody has answered me.";
    assert_eq!(analyze(latest).story, None);
    let earlier = [Earlier {
        text: "The heater you installed last week leaks water all over the floor.",
        client: true,
    }];
    let a = analyzer().analyze(&Input::new(latest).with_earlier(&earlier));
    let story = a.story.expect("read as a story");
    assert!(!story.is_empty());
    for c in &story {
        for e in &c.evidence {
            assert!(e.start < e.end && e.end <= latest.len(), "{e:?}");
        }
    }
}
