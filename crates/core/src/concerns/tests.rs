use expect_test::{Expect, expect};
use proptest::prelude::*;

use super::*;
use crate::signals::detect;
use crate::text::tokenize;

/// One line per concern: the statement, then the client's words it came from. Without
/// signals, so these snapshots do not move when the signal rules change.
fn check(text: &str, expect: Expect) {
    let tokens = tokenize(text);
    let concerns = extract(text, &tokens, &[]);
    let lines: Vec<String> = concerns
        .iter()
        .map(|c| format!("{} <- {:?}", c.text, &text[c.start..c.end]))
        .collect();
    expect.assert_eq(&lines.join("\n"));
}

/// Just the statements, for one-line tests.
fn statements(text: &str) -> Vec<String> {
    statements_with(text, &[])
}

fn statements_with(text: &str, signals: &[Signal]) -> Vec<String> {
    let tokens = tokenize(text);
    extract(text, &tokens, signals)
        .into_iter()
        .map(|c| c.text)
        .collect()
}

#[test]
fn empty_input_has_no_concerns() {
    assert!(statements("").is_empty());
    assert!(statements(" \n\t ").is_empty());
    assert!(statements("!!! ???").is_empty());
}

#[test]
fn a_related_signal_makes_a_plain_clause_a_concern() {
    let text = "The report is for Monday.";
    let deadline = Signal {
        kind: SignalKind::Deadline,
        start: 14,
        end: 24,
        targeted: false,
        quoted: false,
    };
    assert_eq!(&text[14..24], "for Monday");
    assert_eq!(statements_with(text, &[]), Vec::<String>::new());
    assert_eq!(
        statements_with(text, &[deadline]),
        ["the report is for Monday"]
    );
}

#[test]
fn first_person_becomes_second_person() {
    assert_eq!(
        statements("My order never arrived."),
        ["your order never arrived"]
    );
    assert_eq!(statements("I want a refund."), ["you want a refund"]);
    assert_eq!(
        statements("I was charged twice."),
        ["you were charged twice"]
    );
    assert_eq!(
        statements("I've called three times."),
        ["you've called three times"]
    );
    assert_eq!(
        statements("I'm worried about my account."),
        ["you're worried about your account"]
    );
    assert_eq!(
        statements("We were promised a refund."),
        ["you were promised a refund"]
    );
    assert_eq!(
        statements("Why was I charged twice?"),
        ["you want to know why you were charged twice"]
    );
}

#[test]
fn second_person_becomes_the_company() {
    assert_eq!(
        statements("You sent me the wrong size."),
        ["you were sent the wrong size"]
    );
    assert_eq!(
        statements("Your app keeps crashing."),
        ["our app keeps crashing"]
    );
    assert_eq!(
        statements("I told you my address twice."),
        ["you told us your address twice"]
    );
    assert_eq!(
        statements("You guys ignored my emails."),
        ["your emails went unanswered"]
    );
}

#[test]
fn quoted_words_keep_their_pronouns() {
    assert_eq!(
        statements("Another 'we are looking into it' email from you. My order is still missing."),
        [
            "another 'we are looking into it' email from us",
            "your order is still missing"
        ]
    );
    assert_eq!(
        statements("What do you mean, 'under review'?"),
        ["what do we mean, 'under review'?"]
    );
}

#[test]
fn requests_become_wants() {
    assert_eq!(
        statements("Can you refund my money?"),
        ["you want us to refund your money"]
    );
    assert_eq!(
        statements("Please fix my internet."),
        ["you want us to fix your internet"]
    );
    assert_eq!(
        statements("Could you please call me back?"),
        ["you want us to call you back"]
    );
    assert_eq!(
        statements("Give me my money back."),
        ["you want us to give you your money back"]
    );
    assert_eq!(
        statements("Please don't cut me off."),
        ["you want us not to cut you off"]
    );
    assert_eq!(
        statements("Don't charge me again."),
        ["you want us not to charge you again"]
    );
    assert_eq!(
        statements("Can I change my delivery address?"),
        ["you want to change your delivery address"]
    );
}

#[test]
fn insults_and_profanity_are_left_out() {
    assert_eq!(
        statements("You idiots sent me the wrong item."),
        ["you were sent the wrong item"]
    );
    assert_eq!(
        statements("Your useless staff lost my f*cking parcel."),
        ["your parcel went missing"]
    );
    assert_eq!(
        statements("What the hell is going on with my order?"),
        ["you want to know what is going on with your order"]
    );
    assert_eq!(
        statements("Give me my money back, you thieves!"),
        ["you want us to give you your money back"]
    );
    assert_eq!(
        statements("This app is garbage."),
        ["this app is not good enough"]
    );
}

#[test]
fn pure_insults_greetings_and_sign_offs_are_skipped() {
    assert!(statements("You are useless.").is_empty());
    assert!(statements("You people are a f*cking joke.").is_empty());
    assert!(statements("Bunch of crooks.").is_empty());
    assert!(statements("Hi there. Thanks, regards, Anna").is_empty());
    assert!(statements("Thank you so much!").is_empty());
}

#[test]
fn shouting_is_lower_cased_and_acronyms_stay() {
    assert_eq!(
        statements("I WANT A MANAGER NOW!!!"),
        ["you want a manager now"]
    );
    assert_eq!(
        statements("My SIM card is NOT working"),
        ["your SIM card is not working"]
    );
}

#[test]
fn sentences_split_around_abbreviations() {
    check(
        "Dear Mr. Smith, I sent the forms e.g. my passport last week. Nobody replied. Regards, Anna",
        expect![[r#"
            you sent the forms e.g. your passport last week <- "Dear Mr. Smith, I sent the forms e.g. my passport last week."
            nobody replied <- "Nobody replied.""#]],
    );
    check(
        "Dr. Jones at No. 5 said it would be fixed. It wasn't.",
        expect![[
            r#"Dr. Jones at No. 5 said it would be fixed <- "Dr. Jones at No. 5 said it would be fixed.""#
        ]],
    );
}

#[test]
fn long_sentences_are_split_and_trimmed() {
    check(
        "I was told on the phone that the upgrade was free, but now I see a charge of $40 on my bill.",
        expect![[r#"
            you were told on the phone that the upgrade was free <- "I was told on the phone that the upgrade was free"
            now you see a charge of $40 on your bill <- "now I see a charge of $40 on my bill.""#]],
    );
    check(
        "For the price I paid I expected a lot better than this flimsy little thing that broke within a week of opening it.",
        expect![[
            r#"for the price you paid you expected a lot better than this flimsy little thing <- "For the price I paid I expected a lot better than this flimsy little thing that broke within a week of opening it.""#
        ]],
    );
}

#[test]
fn duplicates_are_dropped_and_at_most_five_kept() {
    check(
        "My order never arrived. My order never arrived!!! MY ORDER NEVER ARRIVED.",
        expect![[r#"your order never arrived <- "My order never arrived.""#]],
    );
    let many = "The app crashed. The site is down. My card was declined. The parcel is late. \
                The refund is missing. The invoice is wrong. The call dropped.";
    assert_eq!(statements(many).len(), MAX_CONCERNS);
}

#[test]
fn non_ascii_text_keeps_its_letters() {
    check(
        "Ça ne marche pas… 😡 My café order was wrong. I’ve waited 2 hours!",
        expect![""],
    );
}

#[test]
fn a_full_message() {
    check(
        "Hello. This is the THIRD time I'm writing!!! My parcel never arrived, your tracking page is useless \
         and nobody answers the phone. I need it by Friday for my son's birthday. Please just refund me. Thanks.",
        expect![[r#"
            this is the third time you're writing <- "This is the THIRD time I'm writing!!!"
            your parcel never arrived, our tracking page is not good enough and nobody answers the phone <- "My parcel never arrived, your tracking page is useless and nobody answers the phone."
            you need it by Friday for your son's birthday <- "I need it by Friday for my son's birthday."
            you want us to refund you <- "Please just refund me.""#]],
    );
}

proptest! {
    #[test]
    fn spans_fall_on_char_boundaries_and_concerns_stay_short(
        text in "(\\PC|[ .,!?'’\n]|never arrived|I want|my boss|you idiots|Mr\\.|e\\.g\\.|PLEASE){0,30}",
    ) {
        let tokens = tokenize(&text);
        let concerns = extract(&text, &tokens, &detect(&text, &tokens));
        prop_assert!(concerns.len() <= MAX_CONCERNS);
        for pair in concerns.windows(2) {
            prop_assert!(pair[0].start <= pair[1].start);
        }
        for c in &concerns {
            prop_assert!(c.start < c.end && c.end <= text.len());
            prop_assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
            prop_assert!(!c.text.is_empty());
            prop_assert!(c.text.split_whitespace().count() <= rewrite::MAX_WORDS + 4, "{}", c.text);
        }
    }
}

#[test]
fn an_answer_before_the_point_is_left_out() {
    assert_eq!(
        statements("nope, still getting the same error"),
        ["you're still getting the same error"]
    );
    assert_eq!(
        statements("No, the app still crashes on start"),
        ["the app still crashes on start"]
    );
    assert_eq!(
        statements("No refund has arrived yet"),
        ["no refund has arrived yet"]
    );
}

#[test]
fn sarcastic_praise_is_not_paraphrased_back() {
    let text = "Brilliant support as usual, two days to hear back about my refund.";
    let signals = detect(text, &tokenize(text));
    assert!(signals.iter().any(|s| s.kind == SignalKind::Sarcasm));
    assert_eq!(
        statements_with(text, &signals),
        ["it's taken two days to hear back about your refund"]
    );
    // Without the sarcasm signal the praise stays in front, so no subject can be given to
    // the clause, and it is not offered at all.
    assert!(statements_with(text, &[]).is_empty());
}

#[test]
fn beside_sarcasm_praise_is_part_of_the_mockery() {
    let said = |text: &str| statements_with(text, &detect(text, &tokenize(text)));
    let text = "Thank you so much for passing on my feedback, again. I'm sure it's having a lovely time in the folder. My invoices still don't sync.";
    assert_eq!(said(text), ["your invoices still don't sync"]);
    // Without sarcasm, praise in a point stays.
    assert_eq!(
        said("The lovely engineer came but the boiler still doesn't work."),
        ["the lovely engineer came but the boiler still doesn't work"]
    );
}

#[test]
fn a_charge_of_theft_is_not_said_back() {
    for text in [
        "thieving company, give me my money back",
        "You are crooks and I want my refund today.",
    ] {
        let said = statements_with(text, &detect(text, &tokenize(text)));
        assert!(
            said.iter()
                .all(|s| !s.contains("thiev") && !s.contains("crook")),
            "{said:?}"
        );
    }
}

#[test]
fn an_alternative_tagged_onto_a_question_is_no_question_of_its_own() {
    assert!(statements("or is it more of a spiritual commitment?").is_empty());
    assert_eq!(
        statements("is the refund coming this week?"),
        ["you want to know whether the refund is coming this week"]
    );
}

#[test]
fn a_message_mocking_throughout_and_a_jab_at_the_reader_are_not_said_back() {
    let said = |text: &str| statements_with(text, &detect(text, &tokenize(text)));
    let mocking = "Oh brilliant, very helpful. Love that your update just ate 14 templates I built over two years.";
    assert!(said(mocking).is_empty(), "{:?}", said(mocking));
    let jab = said("Nobody has come to the room. Are you actually this stupid?");
    assert_eq!(jab, ["nobody has come to the room"]);
    let despair = said("My husband died. Sometimes I think it would be easier if I was not here.");
    assert!(despair.iter().all(|c| !c.contains("here")), "{despair:?}");
    let callous = said("The heating is broken. You would not let your own kids live like this.");
    assert!(
        callous.iter().all(|c| !c.contains("own kids")),
        "{callous:?}"
    );
}

#[test]
fn a_comma_that_groups_thousands_ends_no_clause() {
    assert_eq!(
        statements("I've been refused a refund on a 1,200 euro laptop that died after two weeks."),
        vec!["you've been refused a refund on a 1,200 euro laptop that died after two weeks"]
    );
}

#[test]
fn despair_is_never_said_back() {
    for text in [
        "Honestly I can't do this anymore. Maybe it'd be easier for everyone if I just wasn't here.",
        "They'd all be better off without me.",
    ] {
        assert!(statements(text).is_empty(), "{text}");
    }
    assert!(!statements("I can't do the upload on my phone, it keeps failing.").is_empty());
    assert!(!statements("The engineer wasn't here at 9 as you promised.").is_empty());
}

#[test]
fn a_code_given_in_answer_is_not_a_point_to_say_back() {
    assert_eq!(
        statements("It's LS6 2QT. I really need it by the weekend."),
        ["you really need it by the weekend"]
    );
    assert!(statements("My order number is 55102.").is_empty());
}

#[test]
fn a_jab_at_the_readers_wits_or_a_pet_name_is_never_said_back() {
    let said = statements(
        "Honestly, how did you even get this job? Put someone on who has a working brain, sweetheart. Stop whining and do your job, you sound like you're twelve. I want to return this coat.",
    );
    assert!(
        said.iter()
            .all(|s| !s.contains("job") && !s.contains("brain") && !s.contains("sweetheart")),
        "{said:?}"
    );
    assert_eq!(
        statements("I need this job finished by Friday."),
        ["you need this job finished by Friday"]
    );
}
