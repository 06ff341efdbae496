//! Signal rules on customer messages: one line per case, with inline snapshots.

use expect_test::{Expect, expect};

use super::detect;
use crate::text::tokenize;

/// Renders every signal as `kind start..end "text" [targeted] [quoted]`, one per line.
pub(super) fn check(text: &str, expect: Expect) {
    let signals = detect(text, &tokenize(text));
    let lines: Vec<String> = signals
        .iter()
        .map(|s| {
            let mut line = format!(
                "{} {}..{} {:?}",
                s.kind.as_str(),
                s.start,
                s.end,
                &text[s.start..s.end]
            );
            if s.targeted {
                line.push_str(" targeted");
            }
            if s.quoted {
                line.push_str(" quoted");
            }
            line
        })
        .collect();
    expect.assert_eq(&lines.join("\n"));
}

#[test]
fn empty() {
    check("", expect![[""]]);
}

// Insults: strong words, adjectives said of people, nouns applied to people.
#[test]
fn insult_at_reader() {
    check(
        "You idiot, where is my refund?",
        expect![[r#"insult 4..9 "idiot" targeted"#]],
    );
}
#[test]
fn insult_adjective_at_reader() {
    check(
        "you're useless, all of you",
        expect![[r#"insult 7..14 "useless" targeted"#]],
    );
}
#[test]
fn insult_with_this_or_that_between() {
    check(
        "Are you actually this stupid? Get off your lazy fat backside.",
        expect![[r#"
            insult 22..28 "stupid" targeted
            insult 30..60 "Get off your lazy fat backside" targeted"#]],
    );
}
#[test]
fn not_wanting_it_escalated_is_no_threat_to_escalate() {
    check(
        "I don't want it escalated, I just want it fixed.",
        expect![[r#"demand 27..47 "I just want it fixed""#]],
    );
}
#[test]
fn thanks_for_what_was_done_before_tagged_again() {
    check(
        "Wonderful, thank you so much for passing on my feedback, again. It is now August.",
        expect![[r#"sarcasm 55..62 ", again""#]],
    );
    // Thanking once more is gratitude.
    check(
        "Thank you, again. I really appreciate your help.",
        expect![[""]],
    );
    check("Thanks again for sorting it so quickly.", expect![[""]]);
}
#[test]
fn sarcastic_praise_beside_more_of_it_and_thanks_quoted_back() {
    check(
        "Oh brilliant. Love that your update just ate 14 templates. Should I thank you personally?",
        expect![[r#"
            sarcasm 0..13 "Oh brilliant."
            sarcasm 14..28 "Love that your""#]],
    );
    check(
        "\"Thanks for the feedback\" lol. The button is GONE. But sure, keep up the great work",
        expect![[r#"sarcasm 61..83 "keep up the great work""#]],
    );
    check(
        "Oh fantastic, a storm, how convenient. And let me guess, that is outside your control too.",
        expect![[r#"
            sarcasm 23..37 "how convenient"
            sarcasm 43..56 "let me guess,""#]],
    );
    check(
        "Charged twice again. Maybe next time charge me three times so I really feel appreciated.",
        expect![[r#"
            sarcasm 21..46 "Maybe next time charge me"
            sarcasm 59..87 "so I really feel appreciated""#]],
    );
    // Thanks given, and a real contrast, still mean the praise.
    check(
        "Love that your team rang back. Thanks, the parcel came in the end.",
        expect![[r#""#]],
    );
}
#[test]
fn insult_at_staff() {
    check(
        "Your staff are morons and your agent is incompetent.",
        expect![[r#"insult 15..21 "morons" targeted"#]],
    );
}
#[test]
fn insult_exclamative() {
    check(
        "What an idiot. I asked for a refund, not a voucher.",
        expect![[r#"insult 8..13 "idiot" targeted"#]],
    );
}
#[test]
fn insult_bunch_of() {
    check(
        "You lot are a bunch of clowns and thieves",
        expect![[r#"
        insult 23..29 "clowns" targeted
        insult 34..41 "thieves" targeted"#]],
    );
}
#[test]
fn adjective_about_a_thing_is_no_insult() {
    check(
        "The app is useless and this stupid form keeps crashing",
        expect![[""]],
    );
}
#[test]
fn insult_negated() {
    check(
        "You are not an idiot, I know that.",
        expect![[r#"insult 15..20 "idiot""#]],
    );
}
#[test]
fn insult_hedged() {
    check(
        "I'm not saying you're useless, but the order is late",
        expect![[r#"insult 22..29 "useless""#]],
    );
}
#[test]
fn insult_self() {
    check(
        "I felt like an idiot at the checkout.",
        expect![[r#"insult 15..20 "idiot""#]],
    );
}
#[test]
fn insult_obfuscated() {
    check(
        "u r an 1d10t",
        expect![[r#"insult 7..12 "1d10t" targeted"#]],
    );
}
#[test]
fn insult_stretched() {
    check(
        "are you stuuupid or what",
        expect![[r#"insult 8..16 "stuuupid" targeted"#]],
    );
}
#[test]
fn insult_reported() {
    check(
        "Your driver called me an idiot on my own doorstep.",
        expect![[r#"insult 25..30 "idiot" quoted"#]],
    );
}
#[test]
fn insult_in_quotes() {
    check(
        r#"your agent said "you people are idiots" and hung up"#,
        expect![[r#"
        blame 17..27 "you people" quoted
        insult 32..38 "idiots" quoted"#]],
    );
}
#[test]
fn insult_told_me() {
    check(
        "they told me I was stupid for not reading the terms",
        expect![[r#"insult 19..25 "stupid" quoted"#]],
    );
}

// Profanity.
#[test]
fn profanity_at_a_thing() {
    check(
        "this damn printer jams and the fucking app crashed",
        expect![[r#"
        profanity 5..9 "damn"
        profanity 31..38 "fucking""#]],
    );
}
#[test]
fn profanity_at_reader() {
    check(
        "f*ck you and your refund policy",
        expect![[r#"profanity 0..4 "f*ck" targeted"#]],
    );
}
#[test]
fn profanity_spaced_capitals() {
    check(
        "F U C K this company",
        expect![[r#"
        profanity 0..7 "F U C K"
        shouting 0..7 "F U C K""#]],
    );
}
#[test]
fn profanity_about_other_people_is_not_aimed() {
    check(
        "THREE DAYS and not one f***ing engineer has turned up",
        expect![[r#"
            shouting 0..10 "THREE DAYS"
            absolute 15..22 "not one"
            profanity 23..30 "f***ing""#]],
    );
    check(
        "your bloody staff hung up on me",
        expect![[r#"profanity 5..11 "bloody" targeted"#]],
    );
}
#[test]
fn profanity_with_insult() {
    check(
        "you fucking idiots lost my parcel",
        expect![[r#"
        profanity 4..11 "fucking" targeted
        insult 12..18 "idiots" targeted"#]],
    );
}
#[test]
fn profanity_mild_words_are_not_flagged() {
    check(
        "my order got screwed up and the tracking sucks",
        expect![[""]],
    );
}
#[test]
fn profanity_hell() {
    check(
        "What the hell happened to my booking? It was a hell of a wait.",
        expect![[r#"profanity 9..13 "hell""#]],
    );
}
#[test]
fn profanity_in_an_order_to_leave() {
    check(
        "You invaded my space. Get the fuck out! Shut the hell up. What the hell is this? \
         I had to get the hell out of there.",
        expect![[r#"
            profanity 22..38 "Get the fuck out" targeted
            insult 40..56 "Shut the hell up" targeted
            profanity 40..56 "Shut the hell up" targeted
            profanity 67..71 "hell"
            profanity 98..102 "hell""#]],
    );
}
#[test]
fn profanity_phrase_at_reader() {
    check(
        "Screw you, I'm done.",
        expect![[r#"profanity 0..9 "Screw you" targeted"#]],
    );
}

// Sexual harassment of the reader, and innocent messages with the same words.
#[test]
fn harassment_advances() {
    check(
        "take off your clothes. Do you want to have sex with me? send me nudes",
        expect![[r#"
            harassment 0..21 "take off your clothes" targeted
            harassment 30..54 "want to have sex with me" targeted
            harassment 56..69 "send me nudes" targeted"#]],
    );
}
#[test]
fn harassment_remarks() {
    check(
        "you sound so sexy. what's your bra size? Are you horny",
        expect![[r#"
            harassment 0..17 "you sound so sexy" targeted
            harassment 19..39 "what's your bra size" targeted
            harassment 41..54 "Are you horny" targeted"#]],
    );
}
#[test]
fn harassment_questions_and_wishes() {
    check(
        "do u cum? I wanna lick you",
        expect![[r#"
            harassment 0..8 "do u cum" targeted
            harassment 10..26 "I wanna lick you" targeted"#]],
    );
}
#[test]
fn harassment_lookalikes_in_customer_messages() {
    check(
        "Please take off the extra charge and send me the photos of the damage. \
         Are you open on Sunday? I had to sleep on the floor because the bed never came. \
         Can you touch up the paint? I want to kiss this phone goodbye.",
        expect![[r#"absolute 139..144 "never""#]],
    );
}
#[test]
fn harassment_quoted() {
    check(
        "your driver said \"show me your tits\" to my daughter",
        expect![[r#"harassment 18..35 "show me your tits" quoted"#]],
    );
}

// Slurs and threats.
#[test]
fn slur() {
    check(
        "your agent is a f@ggot",
        expect![[r#"slur 16..22 "f@ggot" targeted"#]],
    );
}
#[test]
fn threat_of_harm() {
    check(
        "I'll come down there and smash your face in",
        expect![[r#"threat 5..40 "come down there and smash your face" targeted"#]],
    );
}
#[test]
fn threat_regret() {
    check(
        "You'll regret this. I know where you work. I'll find out where you live if I have to.",
        expect![[r#"
            threat 0..18 "You'll regret this" targeted
            threat 20..41 "I know where you work" targeted
            threat 43..71 "I'll find out where you live" targeted"#]],
    );
}
#[test]
fn threat_watch_your_back() {
    check(
        "watch your back",
        expect![[r#"threat 0..15 "watch your back" targeted"#]],
    );
}
#[test]
fn threat_idioms_are_not_threats() {
    check(
        "Would it kill you to reply? I'd kill for a working phone. My back hurts from waiting.",
        expect![[""]],
    );
}
#[test]
fn threat_quoted() {
    check(
        r#"the customer before me shouted "I'll kill you" at the desk"#,
        expect![[r#"threat 32..45 "I'll kill you" quoted"#]],
    );
}
#[test]
fn threat_come_down_harmless() {
    check(
        "I'll come down to the store and return it myself",
        expect![[""]],
    );
}
#[test]
fn insult_list() {
    check(
        "You lot are liars and thieves",
        expect![[r#"
        insult 12..17 "liars" targeted
        insult 22..29 "thieves" targeted"#]],
    );
}

// Shouting and exclamation runs.
#[test]
fn shouting_run() {
    check(
        "I WANT MY MONEY BACK now",
        expect![[r#"
        shouting 0..20 "I WANT MY MONEY BACK"
        demand 0..20 "I WANT MY MONEY BACK""#]],
    );
}
#[test]
fn shouting_single_long_word() {
    check(
        "This is UNACCEPTABLE",
        expect![[r#"shouting 8..20 "UNACCEPTABLE""#]],
    );
}
#[test]
fn shouting_not_acronyms() {
    check(
        "Please send the PDF ASAP, my ID is on the UPS label, ref AB12CD",
        expect![[r#"deadline 20..24 "ASAP""#]],
    );
}
#[test]
fn shouting_short_word_alone_is_emphasis() {
    check("I did NOT order this", expect![[""]]);
}
#[test]
fn shouting_whole_message() {
    check(
        "WHERE IS MY ORDER",
        expect![[r#"shouting 0..17 "WHERE IS MY ORDER""#]],
    );
}
#[test]
fn exclamation_runs() {
    check(
        "Where is it?! Refund me!!! Now!!!111 ok!",
        expect![[r#"
        exclamation_run 11..13 "?!"
        demand 14..23 "Refund me"
        exclamation_run 23..26 "!!!"
        exclamation_run 30..36 "!!!111""#]],
    );
}
#[test]
fn exclamation_single_is_nothing() {
    check("Thanks! Is it shipped? Great.", expect![[""]]);
}

// Absolutes.
#[test]
fn deadline_hurry_and_departure() {
    check(
        "Please hurry, the flight leaves at 6 and I still have no boarding pass. The shop closes at 5 anyway.",
        expect![[r#"
            deadline 0..12 "Please hurry"
            deadline 25..36 "leaves at 6""#]],
    );
}
#[test]
fn absolutes() {
    check(
        "You never answer, nobody calls back and it happens every single time.",
        expect![[r#"
        absolute 4..9 "never"
        absolute 18..24 "nobody"
        absolute 51..68 "every single time""#]],
    );
}
#[test]
fn absolute_not_once() {
    check(
        "Not once has anyone replied to my emails",
        expect![[r#"absolute 0..8 "Not once""#]],
    );
}
#[test]
fn absolute_lookalikes() {
    check(
        "As always, thanks. Never mind the invoice, it's not always easy.",
        expect![[""]],
    );
}

// Blame.
#[test]
fn blame() {
    check(
        "You people lost my parcel and it's all your fault",
        expect![[r#"
        blame 0..15 "You people lost"
        blame 35..49 "all your fault""#]],
    );
}
#[test]
fn blame_because_of_you() {
    check(
        "I missed my flight because of you. You guys messed up the booking.",
        expect![[r#"
        blame 19..33 "because of you"
        blame 35..53 "You guys messed up""#]],
    );
}
#[test]
fn blame_negated() {
    check("It's not your fault, the courier damaged it", expect![[""]]);
}

// Demands.
#[test]
fn demand_want_refund() {
    check(
        "I want a full refund and I want to speak to a manager",
        expect![[r#"
        demand 0..20 "I want a full refund"
        demand 25..53 "I want to speak to a manager""#]],
    );
}
#[test]
fn demand_imperative() {
    check(
        "Fix it. Refund me now!",
        expect![[r#"
        demand 0..6 "Fix it"
        demand 8..21 "Refund me now""#]],
    );
}
#[test]
fn demand_insist() {
    check(
        "I demand an explanation and I expect to be compensated",
        expect![[r#"
        demand 0..8 "I demand"
        demand 28..54 "I expect to be compensated""#]],
    );
}
#[test]
fn demand_lookalikes() {
    check(
        "Could you give me an update? I want to know where my refund is. Give me a call when you can.",
        expect![[""]],
    );
}

// Deadlines.
#[test]
fn deadline_by_day() {
    check(
        "I need the invoice by Friday or before 5pm at the latest",
        expect![[r#"
        deadline 19..28 "by Friday"
        deadline 32..42 "before 5pm""#]],
    );
}
#[test]
fn deadline_end_of_day() {
    check(
        "Sort it by end of day, within 24 hours, not next month",
        expect![[r#"
        demand 0..7 "Sort it"
        deadline 8..21 "by end of day"
        deadline 23..38 "within 24 hours""#]],
    );
}
#[test]
fn deadline_date_with_pressure() {
    check(
        "The wedding is on the 12th and I need the dress tomorrow. URGENT",
        expect![[r#"
            deadline 15..26 "on the 12th"
            deadline 48..56 "tomorrow"
            shouting 58..64 "URGENT"
            deadline 58..64 "URGENT""#]],
    );
}
#[test]
fn deadline_plain_dates_are_not_deadlines() {
    check(
        "I ordered it before Christmas, it arrives tomorrow and I paid on the 3rd.",
        expect![[""]],
    );
}
#[test]
fn a_day_beside_a_death_is_when_it_happened() {
    check(
        "My mum passed away on Sunday, so I'm not coping well.",
        expect![[""]],
    );
    check(
        "My mum passed away. I need to be at the funeral on Thursday.",
        expect![[r#"deadline 48..59 "on Thursday""#]],
    );
}
#[test]
fn deadline_not_urgent() {
    check(
        "This is not urgent, reply whenever. I was immediately charged.",
        expect![[""]],
    );
}

// Repeated contact.
#[test]
fn repeated_third_time() {
    check(
        "This is the third time I've written about order 5521",
        expect![[r#"repeated_contact 8..22 "the third time""#]],
    );
}
#[test]
fn repeated_called_times() {
    check(
        "I've called you 5 times and emailed twice, still waiting.",
        expect![[r#"
        repeated_contact 5..23 "called you 5 times"
        repeated_contact 28..41 "emailed twice"
        repeated_contact 43..56 "still waiting""#]],
    );
}
#[test]
fn something_sent_twice_by_us_is_no_repeated_contact() {
    check("It's your system that sent it twice.", expect![[r#""#]]);
    check("The payment was sent twice.", expect![[r#""#]]);
}
#[test]
fn repeated_already_told() {
    check(
        "I already told you the tracking number. Every time I call I get passed around.",
        expect![[r#"
            repeated_contact 2..14 "already told"
            repeated_contact 40..57 "Every time I call"
            repeated_contact 64..77 "passed around""#]],
    );
}
#[test]
fn repeated_writing_again() {
    check(
        "I'm writing again because I've spoken to 4 different agents",
        expect![[r#"
        repeated_contact 4..17 "writing again"
        repeated_contact 31..59 "spoken to 4 different agents""#]],
    );
}
#[test]
fn repeated_lookalikes() {
    check(
        "I buy a ticket every time I need it. Thanks again! Please try again later.",
        expect![[""]],
    );
}

// Escalation threats.
#[test]
fn escalation_legal() {
    check(
        "My solicitor will hear about this and I will sue.",
        expect![[r#"
        escalation_threat 3..12 "solicitor"
        escalation_threat 40..48 "will sue""#]],
    );
}
#[test]
fn escalation_cancel_and_review() {
    check(
        "Cancel my account. I'm leaving a 1-star review on Trustpilot.",
        expect![[r#"
        escalation_threat 0..17 "Cancel my account"
        escalation_threat 23..46 "leaving a 1-star review"
        escalation_threat 50..60 "Trustpilot""#]],
    );
}
#[test]
fn escalation_regulators() {
    check(
        "I'll report you to the ombudsman and trading standards, then file a chargeback",
        expect![[r#"
        escalation_threat 5..15 "report you"
        escalation_threat 23..32 "ombudsman"
        escalation_threat 37..54 "trading standards"
        escalation_threat 68..78 "chargeback""#]],
    );
}
#[test]
fn money_asked_back_is_no_chargeback_and_a_thing_done_today_is_a_deadline() {
    check(
        "I want the double charge back and the subscription cancelled today. Or I'll do a charge back.",
        expect![[r#"
            deadline 61..66 "today"
            escalation_threat 81..92 "charge back""#]],
    );
    check(
        "The subscription was cancelled today, and the charge came back.",
        expect![[""]],
    );
}
#[test]
fn escalation_press() {
    check(
        "I am going to the press and posting this all over social media",
        expect![[r#"
        escalation_threat 5..23 "going to the press"
        escalation_threat 50..62 "social media""#]],
    );
}
#[test]
fn escalation_lookalikes() {
    check(
        "Sue from your team was lovely. I ate at the food court. I'd like to report a fault.",
        expect![[""]],
    );
}

// Sarcasm.
#[test]
fn sarcasm_phrases() {
    check(
        "Thanks for nothing. Yeah, right, 'next day' delivery.",
        expect![[r#"
            sarcasm 0..18 "Thanks for nothing"
            sarcasm 20..31 "Yeah, right"
            sarcasm 33..43 "'next day'""#]],
    );
}
#[test]
fn sarcasm_oh_great() {
    check(
        "Oh great, the parcel is lost again.",
        expect![[r#"sarcasm 0..8 "Oh great""#]],
    );
}
#[test]
fn sarcasm_praise_of_failure() {
    check(
        "Wow, brilliant service. Three weeks and still no refund.",
        expect![[r#"
            sarcasm 0..22 "Wow, brilliant service"
            repeated_contact 40..48 "still no""#]],
    );
}
#[test]
fn sarcasm_great_another() {
    check(
        "Great, another update that deleted all my settings. Thanks a lot.",
        expect![[r#"sarcasm 0..14 "Great, another""#]],
    );
}
#[test]
fn sarcasm_sincere_praise() {
    check(
        "Wow, brilliant service, the parcel came a day early. Great job!",
        expect![[""]],
    );
}
#[test]
fn sarcasm_mixed_review_is_not_sarcasm() {
    check(
        "Great service usually, but this time the parcel was damaged.",
        expect![[""]],
    );
}
#[test]
fn sarcasm_not() {
    check(
        "Really helpful support... NOT!",
        expect![[r#"sarcasm 7..29 "helpful support... NOT""#]],
    );
}
#[test]
fn sarcasm_marker() {
    check(
        "love waiting on hold /s",
        expect![[r#"sarcasm 21..23 "/s""#]],
    );
}
#[test]
fn sarcasm_scare_quotes() {
    check(
        r#"Your "express" delivery took two weeks"#,
        expect![[r#"sarcasm 5..14 "\"express\"""#]],
    );
    check(
        r#""soon". great. that's what the last person said on wednesday too"#,
        expect![[r#"sarcasm 0..6 "\"soon\"""#]],
    );
    check(
        r#"The engineer said "soon". Great, thanks for checking."#,
        expect![[r#""#]],
    );
    check(
        "Delayed again, third time this month. Great.",
        expect![[r#"
            repeated_contact 15..25 "third time"
            sarcasm 38..44 "Great.""#]],
    );
    check("That fixed it. Perfect.", expect![[r#""#]]);
}
#[test]
fn sarcasm_thanks_for_losing() {
    check(
        "Thank you so much for losing my passport",
        expect![[r#"sarcasm 0..28 "Thank you so much for losing""#]],
    );
}
#[test]
fn sarcasm_praise_beside_a_long_wait() {
    check(
        "Excellent support, only two days to hear back.",
        expect![[r#"
            sarcasm 0..17 "Excellent support"
            repeated_contact 24..45 "two days to hear back""#]],
    );
}
#[test]
fn sarcasm_praise_beside_chasing() {
    check(
        "Oh sure, the engineer is coming. Same story as last time.",
        expect![[r#"
            sarcasm 0..7 "Oh sure"
            repeated_contact 33..56 "Same story as last time""#]],
    );
}
#[test]
fn sarcasm_good_to_see_after_chasing() {
    check(
        "Good to know someone answers, it took me six calls.",
        expect![[r#"
            sarcasm 0..12 "Good to know"
            repeated_contact 33..50 "took me six calls""#]],
    );
}
#[test]
fn sincere_praise_of_a_quick_reply_is_not_sarcasm() {
    check(
        "Brilliant service, two minutes to get a reply. Lovely.",
        expect![[r#""#]],
    );
}
#[test]
fn sincere_praise_beside_a_date_is_not_sarcasm() {
    check("Great job, delivered in three days.", expect![[r#""#]]);
}
#[test]
fn long_waits_and_what_it_took() {
    check(
        "Forty minutes on hold, then five days for a response. It took us four attempts.",
        expect![[r#"
            repeated_contact 0..21 "Forty minutes on hold"
            repeated_contact 28..52 "five days for a response"
            repeated_contact 57..78 "took us four attempts""#]],
    );
}
#[test]
fn held_for_a_time() {
    check(
        "My father was on hold for over an hour and then cut off.",
        expect![[r#"repeated_contact 14..38 "on hold for over an hour""#]],
    );
}
#[test]
fn passed_between_departments() {
    check(
        "I keep being sent from one department to another.",
        expect![[r#"repeated_contact 13..48 "sent from one department to another""#]],
    );
}
#[test]
fn a_plain_question_about_habits_is_not_blame() {
    check(
        "Do you ever check emails at the weekend? Do you actually know when it ships?",
        expect![[r#""#]],
    );
}
#[test]
fn rhetorical_blame() {
    check(
        "Is this how you treat people who pay on time? Does anyone actually read these? How hard is it to post a letter?",
        expect![[r#"
            blame 0..21 "Is this how you treat"
            blame 46..71 "Does anyone actually read"
            blame 79..93 "How hard is it""#]],
    );
}
#[test]
fn a_promise_that_lapsed() {
    check(
        "They said a courier would collect it on Thursday. That was two weeks ago.",
        expect![[r#"repeated_contact 50..72 "That was two weeks ago""#]],
    );
}
#[test]
fn a_date_that_is_not_a_lapsed_promise() {
    check(
        "My birthday party? That was Saturday, and it was lovely.",
        expect![[r#""#]],
    );
}
#[test]
fn leaving_a_thing_behind_is_no_threat() {
    check(
        "Thinking of leaving my laptop at home for the trip.",
        expect![[r#""#]],
    );
}
#[test]
fn thinking_of_leaving() {
    check(
        "Ten years a member and I'm seriously considering cancelling.",
        expect![[r#"escalation_threat 27..59 "seriously considering cancelling""#]],
    );
}

// Offsets in non-ASCII text and emoji.
#[test]
fn non_ascii_offsets() {
    check(
        "Café order 😡😡 you idiots!! ¿Dónde está mi pedido?",
        expect![[r#"
        insult 25..31 "idiots" targeted
        exclamation_run 31..33 "!!""#]],
    );
}
#[test]
fn cyrillic_capitals() {
    check(
        "ГДЕ МОЙ ЗАКАЗ",
        expect![[r#"shouting 0..24 "ГДЕ МОЙ ЗАКАЗ""#]],
    );
}
#[test]
fn whitespace_only() {
    check(" \n\t ", expect![[""]]);
}

// Reported speech is marked quoted for every kind.
#[test]
fn reported_promise() {
    check(
        "Your agent promised a refund by Monday, I was told it was urgent",
        expect![[r#"
        deadline 29..38 "by Monday" quoted
        deadline 58..64 "urgent" quoted"#]],
    );
}
#[test]
fn own_words_are_not_reported() {
    check(
        "I told you I want a refund by Monday",
        expect![[r#"
        demand 11..26 "I want a refund"
        deadline 27..36 "by Monday""#]],
    );
}

proptest::proptest! {
    #[test]
    fn spans_are_valid_for_any_text(text in "\\PC{0,80}") {
        let signals = detect(&text, &tokenize(&text));
        for s in &signals {
            proptest::prop_assert!(s.start < s.end && s.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        for pair in signals.windows(2) {
            proptest::prop_assert!(pair[0].start <= pair[1].start);
        }
    }

    #[test]
    fn spans_are_valid_for_customer_like_text(
        words in proptest::collection::vec(
            proptest::sample::select(vec![
                "you", "idiot", "NEVER", "f*ck", "!!", "?!", "\"", "'", "refund", "by", "Friday", "3rd",
                "time", "called", "5", "times", "I", "want", "a", "manager", "😡", "é", "not", "oh",
                "great", ".", ",", "\n", "/s", "sue", "lawyer", "still", "waiting", "said", "F U C K",
                "@", "#", "“", "”", "NOT", "…", "¿", "‼",
            ]),
            0..30,
        )
    ) {
        let text = words.join(" ");
        let signals = detect(&text, &tokenize(&text));
        for s in &signals {
            proptest::prop_assert!(s.start < s.end && s.end <= text.len());
            proptest::prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        }
        for (i, a) in signals.iter().enumerate() {
            for b in &signals[i + 1..] {
                proptest::prop_assert!(a.kind != b.kind || a.end <= b.start, "{a:?} overlaps {b:?}");
            }
        }
    }
}

// Lookalikes found in public customer and booking messages.
#[test]
fn mentions_are_names_not_words() {
    check(
        "@DICKS where is my order? cc @FTC @idiot_support",
        expect![[""]],
    );
}
#[test]
fn hotel_stars_are_not_reviews() {
    check(
        "I need a 4 star hotel, or 1 star is fine. I'd give you 1 star if I could.",
        expect![[r#"escalation_threat 55..61 "1 star""#]],
    );
}
#[test]
fn plain_requests_are_not_demands() {
    check(
        "Give me their address and phone number please",
        expect![[""]],
    );
}
#[test]
fn immediately_in_a_story_is_no_deadline() {
    check(
        "The seller immediately cancels orders. Refund me immediately.",
        expect![[r#"
        demand 39..60 "Refund me immediately"
        deadline 49..60 "immediately""#]],
    );
}
#[test]
fn straight_away_telling_how_a_fault_shows_is_no_deadline() {
    check(
        "The kettle clicks off straight away. Please fix it straight away.",
        expect![[r#"
            demand 44..50 "fix it"
            deadline 51..64 "straight away""#]],
    );
}
#[test]
fn still_without_contact() {
    check(
        "I still don't get why the fee exists, still not sure which plan",
        expect![[""]],
    );
}
#[test]
fn sincere_yeah_right_and_just_what_i_need() {
    check(
        "Yeah right, around 5 is fine. That's just what I need, thanks.",
        expect![[""]],
    );
}
#[test]
fn hashtags_do_not_shout() {
    check("Loving the new app #MAGA #FAIL", expect![[""]]);
}
#[test]
fn leaving_said_as_a_plan() {
    check(
        "Only the shoes came. Last time I order from you.",
        expect![[r#"escalation_threat 21..38 "Last time I order""#]],
    );
    check(
        "One more link to the portal and I'm finding another accountant.",
        expect![[r#"escalation_threat 32..62 "I'm finding another accountant""#]],
    );
    check(
        "I'll move my salary and my savings somewhere that values its customers.",
        expect![[r#"escalation_threat 0..19 "I'll move my salary""#]],
    );
    check(
        "If it's not back on tomorrow I'm cancelling.",
        expect![[r#"escalation_threat 29..43 "I'm cancelling""#]],
    );
}
#[test]
fn leaving_told_or_asked_is_no_threat() {
    check(
        "The last time I ordered from you it came in two days.",
        expect![[""]],
    );
    check("I'm getting a new phone on Friday.", expect![[""]]);
    check(
        "I'll move my savings to the fixed rate account tomorrow.",
        expect![[""]],
    );
    check(
        "I'm cancelling my gym trial, how do I do it?",
        expect![[""]],
    );
}
#[test]
fn handles_do_not_shout() {
    check(
        "@SEPTA_SOCIAL the 7:20 bus was late, @BRITISH_AIRWAYS too",
        expect![[""]],
    );
}
#[test]
fn shouting_with_letters_and_acronyms() {
    check(
        "STOP SENDING ME EMAILS. I AM WAITING. Is CUDA supported?",
        expect![[r#"shouting 0..36 "STOP SENDING ME EMAILS. I AM WAITING""#]],
    );
}
#[test]
fn repeated_ordinal_at_clause_start() {
    check(
        "Are you kidding me? Third time this month the app logged me out.",
        expect![[r#"repeated_contact 20..30 "Third time""#]],
    );
}
#[test]
fn deadline_bill_today() {
    check(
        "my account is locked and i need to pay rent today",
        expect![[r#"deadline 44..49 "today""#]],
    );
}
#[test]
fn insult_reported_about_family() {
    check(
        "The engineer was rude and called my husband stupid.",
        expect![[r#"insult 44..50 "stupid" quoted"#]],
    );
}
#[test]
fn threat_needs_a_speaker_who_means_it() {
    check(
        "I'll be really hurt if it's late. This heat will kill you. I will kill you.",
        expect![[r#"threat 59..74 "I will kill you" targeted"#]],
    );
}
#[test]
fn calm_request_has_no_signals() {
    check(
        "Hello, could you tell me when order 4412 will be dispatched? Thanks.",
        expect![[""]],
    );
}
#[test]
fn angry_message_has_many_signals() {
    check(
        "This is the THIRD time I've called!!! You people are useless, I want a refund by Friday or I'm going to my lawyer.",
        expect![[r#"
            repeated_contact 8..22 "the THIRD time"
            exclamation_run 34..37 "!!!"
            blame 38..48 "You people"
            insult 53..60 "useless" targeted
            demand 62..77 "I want a refund"
            deadline 78..87 "by Friday"
            escalation_threat 107..113 "lawyer""#]],
    );
}
#[test]
fn obfuscated_spellings() {
    check(
        "fuk you. sh1t service, you a$$hole. f.u.c.k",
        expect![[r#"
        profanity 0..3 "fuk" targeted
        profanity 9..13 "sh1t"
        insult 27..34 "a$$hole" targeted
        profanity 36..43 "f.u.c.k""#]],
    );
}
#[test]
fn disparaging_nouns_need_a_person() {
    check(
        "You are a joke and your staff are a disgrace. Is this a joke?",
        expect![[r#"
        insult 10..14 "joke" targeted
        insult 36..44 "disgrace" targeted"#]],
    );
}
#[test]
fn polite_imperative_is_a_demand() {
    check(
        "Please refund me. Could you please fix it?",
        expect![[r#"demand 7..16 "refund me""#]],
    );
}
#[test]
fn negated_legal_threat() {
    check(
        "I'm not going to sue anyone, I just want my money back",
        expect![[r#"demand 29..54 "I just want my money back""#]],
    );
}
#[test]
fn phrase_insults_at_reader() {
    check(
        "You suck. Shut up and listen, I hate you all.",
        expect![[r#"
        insult 0..8 "You suck" targeted
        insult 10..17 "Shut up" targeted
        insult 30..44 "I hate you all" targeted"#]],
    );
}
#[test]
fn insult_asked_of_you_people() {
    check(
        "Are you people completely incompetent?",
        expect![[r#"
        blame 4..14 "you people"
        insult 26..37 "incompetent" targeted"#]],
    );
}
#[test]
fn insult_vocative() {
    check(
        "You stole my money, thieves. Clowns! A bunch of thieves, the lot.",
        expect![[r#"
            blame 0..9 "You stole"
            insult 20..27 "thieves" targeted
            insult 29..35 "Clowns" targeted
            insult 48..55 "thieves" targeted"#]],
    );
}
#[test]
fn insult_inverted() {
    check(
        "like the piece of trash you are",
        expect![[r#"insult 9..31 "piece of trash you are" targeted"#]],
    );
}
#[test]
fn insult_person_noun_only_of_people() {
    check(
        "Are you a hobo? I'm a coffee junkie myself, you junkie",
        expect![[r#"
            insult 10..14 "hobo" targeted
            insult 48..54 "junkie" targeted"#]],
    );
}
#[test]
fn profanity_in_other_languages() {
    check(
        "Seu merda, putain de service",
        expect![[r#"
        profanity 4..9 "merda"
        profanity 11..17 "putain""#]],
    );
}
#[test]
fn phrase_insult_lookalikes() {
    check(
        "Your app sucks. I'll get lost in your menus. Don't shut up shop early.",
        expect![[""]],
    );
}
#[test]
fn wishes_of_harm() {
    check(
        "Die. Go die in a fire, kill yourself",
        expect![[r#"
            insult 0..3 "Die" targeted
            insult 5..21 "Go die in a fire" targeted
            insult 23..36 "kill yourself" targeted"#]],
    );
}
#[test]
fn interjections_are_not_aimed() {
    check(
        "omfg you are so right, wtf happened to my order",
        expect![[r#"
        profanity 0..4 "omfg"
        profanity 23..26 "wtf""#]],
    );
}
#[test]
fn exclaimed_thing_nouns_are_about_the_company() {
    check(
        "What a joke of a company. What an idiot.",
        expect![[r#"insult 34..39 "idiot" targeted"#]],
    );
}
#[test]
fn blame_for_damage() {
    check(
        "Your driver threw my parcel over the fence and you charged me twice.",
        expect![[r#"
        blame 0..17 "Your driver threw"
        blame 47..67 "you charged me twice""#]],
    );
}
#[test]
fn repeated_chasing() {
    check(
        "I've been chasing this for weeks, this is my fourth email.",
        expect![[r#"
        repeated_contact 5..17 "been chasing"
        repeated_contact 34..57 "this is my fourth email""#]],
    );
}
#[test]
fn demand_with_deadline() {
    check(
        "I want this resolved today. Get me someone who can help.",
        expect![[r#"
        demand 0..20 "I want this resolved"
        deadline 21..26 "today"
        demand 28..42 "Get me someone""#]],
    );
}
#[test]
fn escalation_elsewhere_and_dispute() {
    check(
        "If you don't sort it I'm going elsewhere and disputing this with my bank.",
        expect![[r#"
            escalation_threat 21..40 "I'm going elsewhere"
            escalation_threat 45..72 "disputing this with my bank""#]],
    );
}
#[test]
fn slurs_inside_names_are_names() {
    check(
        "The Spic and Span spray leaked onto Dyke Road.",
        expect![[""]],
    );
}

#[test]
fn knowing_people_at_the_press_threatens_to_go_public() {
    check(
        "I know people at the trade press who would love this story.",
        expect![[r#"escalation_threat 7..32 "people at the trade press""#]],
    );
    check(
        "I read about the outage in the press this morning.",
        expect![[r#""#]],
    );
}

#[test]
fn advice_answered_with_mock_praise_is_sarcasm() {
    check(
        "What a clever idea, I checked the shed already. Nothing there.",
        expect![[r#"sarcasm 0..18 "What a clever idea""#]],
    );
    check(
        "I rebooted it three times. Any other bright ideas?",
        expect![[r#"sarcasm 27..49 "Any other bright ideas""#]],
    );
    check(
        "Restart it, why didn't I think of that. It still won't connect.",
        expect![[r#"sarcasm 12..38 "why didn't I think of that""#]],
    );
    check(
        "What a helpful suggestion, thank you, that fixed it.",
        expect![[r#""#]],
    );
}

#[test]
fn asking_whether_one_talks_to_a_robot_is_no_insult() {
    check(
        "Are you a robot?? That's the third identical reply.",
        expect![[r#""#]],
    );
}

#[test]
fn guessing_or_playing_along_with_the_script_is_sarcasm() {
    check(
        "Let me guess, you want me to unplug the router again?",
        expect![[r#"sarcasm 0..13 "Let me guess,""#]],
    );
    check(
        "The tracking hasn't moved in a week, but sure, I'll just fill in another form.",
        expect![[r#"sarcasm 41..56 "sure, I'll just""#]],
    );
    check(
        "Or do you have an even better plan for me?",
        expect![[r#"sarcasm 15..34 "an even better plan""#]],
    );
    check(
        "Third time lucky with the engineer, I suppose.",
        expect![[r#"sarcasm 0..16 "Third time lucky""#]],
    );
    check(
        "Let me guess which size fits, the blue one looks lovely.",
        expect![[r#""#]],
    );
    check(
        "Sure, I'll send the photo this afternoon.",
        expect![[r#""#]],
    );
}
#[test]
fn sarcasm_wow_thanks_beside_something_still_wrong() {
    check(
        "Wow, thanks, really helpful. Still no refund.",
        expect![[r#"
            sarcasm 13..27 "really helpful"
            repeated_contact 29..37 "Still no""#]],
    );
    check("Thanks, really helpful, that fixed it.", expect![[r#""#]]);
}
#[test]
fn telling_ones_own_customers_is_no_repeated_contact() {
    check(
        "I've already told my customers we're launching Monday.",
        expect![[r#""#]],
    );
}
#[test]
fn calling_it_a_crime_accuses_us() {
    check(
        "I only have one account with you. This is theft, plain and simple.",
        expect![[r#"blame 34..47 "This is theft""#]],
    );
    check("Report theft of your card on 0800 123.", expect![[""]]);
}

#[test]
fn mock_hope_for_a_late_parcel() {
    check(
        "Maybe it'll turn up in time for next year's birthday. Really impressive operation you're running.",
        expect![[r#"sarcasm 0..43 "Maybe it'll turn up in time for next year's""#]],
    );
}

#[test]
fn pride_wished_on_us_and_a_warning_to_think_carefully() {
    check(
        "Truly world-class work, you must be so proud. I know a lot of people in this industry, so think carefully about how you want this to go.",
        expect![[r#"
            sarcasm 24..44 "you must be so proud"
            escalation_threat 90..135 "think carefully about how you want this to go""#]],
    );
}

#[test]
fn mock_delight_at_the_agents_own_words() {
    check(
        "Oh wonderful, \"a little longer\". The birthday was Saturday.",
        expect![[r#"sarcasm 14..31 "\"a little longer\"""#]],
    );
    check(
        "Oh wonderful, \"Hamlet\" is back in stock!",
        expect![[r#""#]],
    );
}

#[test]
fn praise_alone_before_the_agents_words_and_a_mock_take_your_time() {
    check(
        "Wonderful. \"Checking with the courier.\" That's what the last person said on Wednesday.",
        expect![[r#"sarcasm 11..39 "\"Checking with the courier.\"""#]],
    );
    check(
        "Oh take your time. No rush at all.",
        expect![[r#"sarcasm 0..17 "Oh take your time""#]],
    );
}
