use expect_test::{Expect, expect};

use super::{Facts, findings};

const CALM: Facts = Facts {
    abusive: false,
    apologised: false,
    urgent: false,
    call_refused: false,
    chased: false,
    heated: false,
    ours: false,
    their_clients: false,
};

fn render(draft: &str, facts: Facts) -> String {
    findings(draft, facts)
        .iter()
        .map(|f| {
            format!(
                "{} {:?} -> {:?}\n",
                f.kind.as_str(),
                &draft[f.start..f.end],
                f.rewrite
            )
        })
        .collect()
}

fn check(draft: &str, expect: Expect) {
    expect.assert_eq(&render(draft, CALM));
}

/// Each finding's rewrite, put in place of its span, leaves no finding of the same kind.
fn rewrites_clear(draft: &str, facts: Facts) {
    let found = findings(draft, facts);
    assert!(!found.is_empty(), "nothing found in {draft:?}");
    for f in found {
        let fixed = format!("{}{}{}", &draft[..f.start], f.rewrite, &draft[f.end..]);
        let again: Vec<_> = findings(&fixed, facts)
            .into_iter()
            .filter(|g| g.kind == f.kind)
            .map(|g| fixed[g.start..g.end].to_string())
            .collect();
        assert!(
            again.is_empty(),
            "{fixed:?} still has {:?} at {again:?}",
            f.kind
        );
    }
}

const FAULTY: &[&str] = &[
    "There's no need to involve the ombudsman at this stage.",
    "It's only been a few days, so the visit will be booked soon.",
    "Every update is tested thoroughly before release.",
    "Issues like this are very rare on our network.",
    "Duplicate debits usually sort themselves out within a week.",
    "Describing this as a scam is not accurate.",
    "I can also confirm you'll receive compensation for the last two months.",
    "To be fair to our drivers, the road was closed that morning.",
    "The invoice was calculated correctly from the rate card.",
    "Our records show the parcel was delivered at 2pm.",
    "It works fine on our end, so the fault must be elsewhere.",
    "You'll need to contact the courier about the missing box.",
    "The quickest way is to contact the manufacturer, as the warranty is theirs.",
    "I'll send you their direct number so you can chase them.",
    "There's nothing more we can do about the fee.",
    "The decision is final.",
    "The heating will be back on tonight no matter what.",
    "I'll cancel the other booking today, guaranteed.",
    "If you had checked the form properly we wouldn't be here.",
    "Being rude to me won't get it fixed any faster.",
    "We won't be reviewing the charges again.",
    "It's really quite simple: press the green button twice.",
    "If you read carefully you'll see the date on page one.",
    "As stated in our terms, the deposit is non-refundable.",
    "Per our policy we cannot refund opened software.",
    "Given the way you've spoken to my colleague, a refund is off the table.",
    "A review like that could be defamatory.",
    "These things happen from time to time.",
    "It's only a short delay.",
    "The courier will definitely get it to you tomorrow.",
    "The bank will credit it today.",
    "You'll be completely safe tonight.",
    "Next time, please book at least a week ahead.",
    "I'm sorry you feel the engineer was rude.",
    "Apologies for any inconvenience caused by the delay.",
    "As a goodwill gesture we'll cover the delivery charge.",
    "Checking your meter reading is part of our standard process.",
    "Mould is often caused by lifestyle factors such as drying washing indoors.",
    "I'd recommend reading the quote carefully before you agree a date.",
    "The delay with the part is outside our control.",
    "The letters aren't anything to worry about.",
    "The rate was clearly marked as non-refundable on the booking page.",
    "Overdraft charges are a matter between you and your bank.",
    "Repairs to the boiler are the landlord's responsibility.",
    "The £900 will be written off this week.",
    "Please note that calling the phone line again will not speed up your case.",
    "The payment was held for review, which is how the system works.",
    "As the cause was a storm, you are not entitled to compensation under EU261.",
    "You will need to pay this in full within 14 days to avoid further action.",
    "Enforcement action is a standard part of the recovery process.",
    "Duplicate payments are best resolved with the payee directly.",
    "Try to stay positive, things will get better!",
    "I'll make sure Dr Okafor sees you this week.",
    "It's really very simple to use.",
    "I will make sure your full refund is processed, you have my word.",
    "I'll make sure the fine is cancelled.",
    "I'm sure our manager will give you a full refund.",
    "If you don't have access, a family member could help you log in.",
    "As clearly shown on our pricing page, the plan renews each year.",
    "This was user error, so the charge stands.",
    "We are not liable for damage caused in transit.",
    "We accept no responsibility for items left in the room.",
    "Our records show the account was active, so the charges are valid.",
    "It seems the cancellation wasn't completed on your end.",
    "Customers are responsible for checking their confirmation email.",
    "Refunds take as long as they take.",
];

#[test]
fn pointing_to_what_was_said_disowning_and_talking_the_client_out_of_posting_are_named() {
    check(
        "As I already explained, the price was clearly shown when you booked. This was user error and we are not liable.",
        expect![[r#"
            stonewalling "As I already explained" -> ""
            blame "As I already explained, the price was clearly shown when you booked." -> "I can see how this was easy to miss, so here it is in plain words: <the detail>."
            blame "This was user error and we are not liable." -> "I'll check what happened"
            defensive "we are not liable" -> "let me see what we can do"
        "#]],
    );
    check(
        "As we clearly explained, the plan changed in May. To be fair, we did ask tenants to report heating problems before winter. Threatening staff won't make it go faster. There's really no need to post anything.",
        expect![[r#"
            blame "As we clearly explained, the plan changed in May." -> ""
            defensive "To be fair" -> ""
            blame "To be fair, we did ask tenants to report heating problems before winter." -> ""
            blame "Threatening staff won't make it go faster." -> ""
            dismissive "There's really no need to post anything." -> ""
        "#]],
    );
    check(
        "I can see how the fee was easy to miss. It wasn't user error: the page was unclear, and I've refunded it today.",
        expect![[r#""#]],
    );
}

#[test]
fn a_note_about_the_client_is_not_a_message_to_them() {
    check(
        "The client is right, so I've refunded the £40 today.",
        expect![[r#"
            dismissive "The client is" -> ""
        "#]],
    );
    check(
        "Our customer service team will call you today, and the customer portal shows the refund.",
        expect![[r#""#]],
    );
}

#[test]
fn a_tip_on_the_clients_habits_is_blame_and_a_tip_for_now_is_help() {
    check(
        "I've cancelled the renewal. It's always worth keeping track of your subscriptions.",
        expect![[r#"
            blame "It's always worth keeping track of your subscriptions." -> ""
        "#]],
    );
    check(
        "I've sent the link again; it's worth checking your spam folder for it.",
        expect![[r#""#]],
    );
}

#[test]
fn doubting_the_clients_source_and_the_small_print_of_a_quote_are_named() {
    check(
        "As clearly stated in the quote you signed, the package only covered the logo. I'm not sure where your nephew got his information, but that's not how it works in this industry.",
        expect![[r#"
            policy_hiding "As clearly stated in the quote you signed, the package only covered the logo." -> "The rule here is <the rule, in plain words>, and this is what I can do for you within it: <option>."
            condescending "I'm not sure where your nephew got his information, but that's not how it works in this industry." -> "I can see why you expected that, so here's what applies"
            condescending "that's not how it works" -> "Here's how it works in your case"
        "#]],
    );
    check(
        "I know that's not how it works with most shops, so here is what we can do.",
        expect![[r#""#]],
    );
}

#[test]
fn the_named_terms_and_a_process_followed_are_defended_not_explained() {
    check(
        "Per our delivery terms, a parcel is marked as failed if nobody answers, so the driver followed the correct process.",
        expect![[r#"
            policy_hiding "Per our delivery terms, a parcel is marked as failed if nobody answers, so the driver followed the correct process." -> "The rule here is <the rule, in plain words>, and this is what I can do for you within it: <option>."
            defensive "followed the correct process" -> "I'm looking at what happened here"
        "#]],
    );
    rewrites_clear(
        "Per our delivery terms, a parcel is marked as failed if nobody answers, so the driver followed the correct process.",
        CALM,
    );
    check(
        "The driver didn't follow the correct process, and I'm sorry.",
        expect![[""]],
    );
}

#[test]
fn a_decision_others_make_is_not_promised_in_the_passive() {
    check(
        "Good news: the £900 will be written off and the late fees waived.",
        expect![[r#"
            uncontrolled_outcome "Good news: the £900 will be written off and the late fees waived." -> "I've asked <the team> to <decide it>, and I'll tell you their decision by <time>."
        "#]],
    );
    check(
        "The refund will be processed today. If your manager agrees, the fee may be waived.",
        expect![[r#""#]],
    );
}

#[test]
fn every_rewrite_removes_its_fault() {
    // Each is a fault where the trouble is ours, as in most complaints.
    let ours = Facts { ours: true, ..CALM };
    for draft in FAULTY {
        rewrites_clear(draft, ours);
    }
}

#[test]
fn disowning_refusing_a_manager_and_quoting_the_contract_are_named() {
    check(
        "The courier lost it, so this isn't on me. Managers don't take customer calls. As clearly stated in the contract you signed, delivery dates are estimates.",
        expect![[r#"
            defensive "this isn't on me" -> "I'll take this on"
            stonewalling "Managers don't take customer calls" -> "I'll pass your request to my manager and tell you what they say"
            policy_hiding "As clearly stated in the contract you signed, delivery dates are estimates." -> "The rule here is <the rule, in plain words>, and this is what I can do for you within it: <option>."
        "#]],
    );
    check(
        "That was on me, and I've sent a new one today. My manager will call you at 3pm.",
        expect![[r#""#]],
    );
}

#[test]
fn defending_and_deflecting_are_named() {
    check(
        "Thanks for waiting. To be fair to our drivers, the road was closed that morning. You'll need to contact the courier about the missing box; I'll check back by 3pm.",
        expect![[r#"
            defensive "To be fair to our drivers" -> "looking at what happened"
            deflecting "You'll need to contact" -> "I'll contact"
        "#]],
    );
    // Records that show our own fault are an admission.
    check(
        "Our records show the engineer cancelled all three visits without telling you, which is our fault.",
        expect![[r#""#]],
    );
    check(
        "Our records show the parcel was delivered at 2pm, and the invoice was calculated correctly.",
        expect![[r#"
            defensive "Our records show the parcel was delivered at 2pm, and the invoice was calculated correctly." -> "I'll check what happened against what you've told me"
            defensive "was calculated correctly" -> "I'm checking how this was done"
        "#]],
    );
}

#[test]
fn closing_the_door_talking_down_and_the_small_print_are_named() {
    check(
        "I'm sorry, but the decision is final and there's nothing more we can do. As stated in our terms, the deposit is non-refundable.",
        expect![[r#"
            stonewalling "the decision is final" -> "this is the decision so far, and here is how it can be reviewed"
            stonewalling "there's nothing more we can do" -> "here is what I can still do"
            policy_hiding "As stated in our terms, the deposit is non-refundable." -> "The rule here is <the rule, in plain words>, and this is what I can do for you within it: <option>."
        "#]],
    );
    check(
        "It's really quite simple: if you read carefully you'll see the date on page one.",
        expect![[r#"
            condescending "It's really quite simple: if you read carefully you'll see the date on page one." -> "Here's how it works: <the steps, one at a time>."
            condescending "if you read carefully" -> "if you look at"
        "#]],
    );
}

#[test]
fn counter_threats_minimising_and_guarantees_are_named() {
    check(
        "Given the way you've spoken to my colleague, a refund is off the table. These things happen from time to time.",
        expect![[r#"
            counter_threat "Given the way you've spoken to my colleague, a refund is off the table." -> "What you're owed doesn't depend on how this call has gone; I'll pass the refund question to my manager."
            minimising "These things happen from time to time" -> "This shouldn't have happened"
        "#]],
    );
    check(
        "If you come in shouting again, security will be called and you may be banned. Keep your voice down.",
        expect![[r#"
            counter_threat "If you come in shouting again, security will be called and you may be banned." -> ""
            condescending "Keep your voice down." -> "I can hear how frustrating this is"
        "#]],
    );
    check(
        "The ombudsman will only tell you the same. The problem is probably on your phone, so follow the steps properly. I'll make sure billing refunds everything.",
        expect![[r#"
            dismissive "The ombudsman will only tell you the same." -> "You're free to take this further, and I'll give you what you need to do that."
            blame "The problem is probably on your phone" -> "I'll check what's behind it"
            condescending "follow the steps properly" -> "Let's go through the steps together"
            uncontrolled_outcome "I'll make sure billing refunds everything." -> "I'll put this to <the team> and tell you their answer by <time>"
        "#]],
    );
    check(
        "As I'm sure you'll understand, we can't control the weather. If you withhold rent we will start eviction proceedings. Your booking may be cancelled. Withholding rent would be a breach of your tenancy. It's not that complicated.",
        expect![[r#"
            condescending "I'm sure you'll understand" -> ""
            counter_threat "If you withhold rent we will start eviction proceedings." -> ""
            counter_threat "Your booking may be cancelled." -> ""
            counter_threat "Withholding rent would be a breach of your tenancy." -> ""
            condescending "It's not that complicated" -> "Here's how it works"
        "#]],
    );
    check(
        "Dumping rubbish is an offence and we will prosecute. Leave a review if you like, but I'd have to respond publicly.",
        expect![[r#"
            counter_threat "Dumping rubbish is an offence and we will prosecute." -> ""
            counter_threat "Leave a review if you like, but I'd have to respond publicly." -> "You're free to share your experience; I'd like the chance to put this right first."
        "#]],
    );
    check(
        "The courier will definitely get it to you tomorrow, and you'll be completely safe tonight.",
        expect![[r#"
            uncontrolled_outcome "The courier will definitely get it to you tomorrow, and you'll be completely safe tonight." -> "I'll chase them and tell you by <time> what they can commit to."
        "#]],
    );
}

#[test]
fn apologies_for_feelings_favours_and_the_process_are_named() {
    check(
        "I'm sorry you felt ignored, and apologies for any confusion. As a one-off we can waive the fee.",
        expect![[r#"
            dismissive "sorry you felt" -> "I'm sorry that "
            minimising "apologies for any confusion" -> "sorry for the trouble this has caused"
        "#]],
    );
    check(
        "Asking for the serial number is part of the standard checks. I'm sorry you've had to wait, and I'll call you on the same number by 4pm; part of the usual process is a call, but I can email instead.",
        expect![[r#"
            policy_hiding "Asking for the serial number is part of the standard checks." -> "what I'd usually check, and here is what I'm doing for you"
        "#]],
    );
}

#[test]
fn causes_put_on_the_client_and_control_disowned_are_named() {
    check(
        "Damp like this is usually caused by how you heat the flat. I'd suggest you check the lease more carefully in future.",
        expect![[r#"
            blame "Damp like this is usually caused by how you heat the flat." -> "can have several causes, and I'll check what's behind yours"
            blame "I'd suggest you check the lease more carefully in future." -> ""
            condescending "more carefully" -> ""
        "#]],
    );
    check(
        "The courier's delay is outside our control, but I'll chase them and call you by 4pm. Our logs clearly show the folder was archived.",
        expect![[r#"
            defensive "Our logs clearly show the folder was archived." -> "I'll check what happened against what you've told me"
        "#]],
    );
}

#[test]
fn tone_policing_is_a_fault_only_when_the_client_was_not_abusive() {
    let draft = "There's no need to be rude. I'll fix the booking by 5pm.";
    assert!(!render(draft, CALM).is_empty());
    let abused = Facts {
        abusive: true,
        ..CALM
    };
    assert_eq!(render(draft, abused), "");
    let sorry_since = Facts {
        apologised: true,
        ..abused
    };
    assert!(!render(draft, sorry_since).is_empty());
}

#[test]
fn a_call_back_the_client_has_just_turned_down_is_named() {
    let draft = "I'll chase the engineering team and make sure someone calls you today.";
    assert_eq!(render(draft, CALM), "");
    let refused = Facts {
        call_refused: true,
        ..CALM
    };
    assert!(render(draft, refused).starts_with("dismissive"));
    rewrites_clear(draft, refused);
    assert_eq!(
        render(
            "An engineer will be with you on Friday between 8 and 12.",
            refused
        ),
        ""
    );
}

#[test]
fn a_slow_step_for_an_urgent_client_is_named_and_a_fast_one_is_not() {
    let urgent = Facts {
        urgent: true,
        ..CALM
    };
    let slow = "I've logged it today and the team will reply within 3 working days.";
    assert_eq!(render(slow, CALM), "");
    rewrites_clear(slow, urgent);
    for fast in [
        "I'm sending an engineer now; they'll be with you within 2 hours.",
        "I'll ring you at 4:30pm, and the full refund follows within 5 working days.",
        "I'm rebooking you on the 18:10 tonight.",
        "I've cancelled the £40 charge, so you don't owe us anything for Tuesday.",
    ] {
        assert_eq!(render(fast, urgent), "", "{fast}");
    }
    assert!(!render("A courier will bring it tomorrow by 10am.", urgent).is_empty());
    // Logging it is not undoing it.
    assert!(
        !render(
            "I've logged it, and an engineer will come on Tuesday.",
            urgent
        )
        .is_empty()
    );
}

#[test]
fn sympathy_safety_nets_and_honest_limits_are_not_faults() {
    for draft in [
        "You shouldn't have had to chase us, and I'm sorry you've been left waiting.",
        "You should have had a reply on Monday; that's on us.",
        "If you feel unsafe before then, call 999.",
        "If the pain gets worse tonight, your GP can ask for an urgent review.",
        "You're still free to contact your card company.",
        "I'll contact the courier myself and call you by 3pm.",
        "When the bank credits it is out of my hands, but it usually takes an hour.",
        "Banks usually show the refund within 3-5 working days.",
        "This is easy to get wrong, so I've fixed it for you.",
        "As I said I would, I'm putting you through to my manager now.",
        "If the insults carry on, I'll end the call.",
        "I can't promise the letter will be found, but I'll call you by Wednesday.",
        "I'll update you every two hours until it's fixed.",
        "To avoid more delay, I've booked the engineer myself.",
        "I'll call you at 3pm, you have my word.",
        "I've asked for a hold on any further action while I look into this.",
    ] {
        assert_eq!(render(draft, CALM), "", "{draft}");
    }
}

#[test]
fn laughing_off_a_remark_that_crossed_the_line_is_a_fault_only_after_one() {
    let draft = "Haha, that's very sweet! Anyway, I'll update your address by 5pm.";
    let abused = Facts {
        abusive: true,
        ..CALM
    };
    assert!(render(draft, abused).starts_with("minimising"));
    assert!(!render(draft, CALM).contains("minimising"));
    let excused = "I'm sure you didn't mean anything by that! I'll move the appointment by 5pm.";
    assert!(render(excused, abused).starts_with("minimising"));
    assert!(!render(excused, CALM).contains("minimising"));
}

#[test]
fn remarks_on_english_and_blanket_compensation_are_named() {
    check(
        "I appreciate English isn't your first language, so let me explain. I'll make sure you're fully compensated for every penny.",
        expect![[r#"
            condescending "I appreciate English isn't your first language, so let me explain." -> ""
            uncontrolled_outcome "I'll make sure you're fully compensated for every penny." -> "I'll put a claim for your losses to my manager and tell you the answer by <time>"
        "#]],
    );
}

#[test]
fn telling_a_client_to_send_no_more_money_to_a_scammer_closes_no_door() {
    check(
        "Do not send any more money. This is a scam, and I'm freezing your account now.",
        expect![[r#""#]],
    );
}

#[test]
fn shutting_the_client_out_and_advice_to_read_carefully_are_named() {
    check(
        "Please do not send further emails about this. Read your confirmation carefully next time.",
        expect![[r#"
            stonewalling "Please do not send further emails about this." -> ""
            blame "Read your confirmation carefully next time." -> ""
        "#]],
    );
}

#[test]
fn others_in_the_same_boat_warnings_of_further_action_and_mock_deference_are_named() {
    check(
        "Lots of customers are in the same situation at the moment. Failure to pay may result in further action.",
        expect![[r#"
            minimising "Lots of customers are in the same situation at the moment." -> ""
            counter_threat "Failure to pay may result in further action." -> ""
        "#]],
    );
    check(
        "As I'm apparently no good at my job, perhaps you'd like to read the policy yourself. I'm not sure where the confusion has come from.",
        expect![[r#"
            sarcasm "I'm apparently" -> ""
            condescending "As I'm apparently no good at my job, perhaps you'd like to read the policy yourself." -> "Here is what it says, in plain words: <the detail>."
            condescending "not sure where the confusion has come from" -> "I can see why this wasn't clear"
        "#]],
    );
    check(
        "I'm sure it's nothing serious, the doctor will call you.",
        expect![[r#"
            minimising "I'm sure it's nothing serious, the doctor will call you." -> ""
        "#]],
    );
    check(
        "The balance is due in accordance with our terms.",
        expect![[r#"
            policy_hiding "The balance is due in accordance with our terms." -> "The rule here is <the rule, in plain words>, and this is what I can do for you within it: <option>."
        "#]],
    );
}

#[test]
fn taking_a_simple_step_on_ourselves_is_not_talking_down() {
    check(
        "It is simple, I can start the claim for you now.",
        expect![[r#""#]],
    );
}

#[test]
fn a_small_figure_and_other_customers_brush_the_loss_aside() {
    check(
        "I understand. It's only £1.50 a month, and most customers have moved to email bills anyway.",
        expect![[r#"
            minimising "It's only" -> "it's"
            dismissive "It's only £1.50 a month, and most customers have moved to email bills anyway." -> ""
        "#]],
    );
    check(
        "It's only open on weekdays, so I've booked you in for Monday at 9.",
        expect![[""]],
    );
    rewrites_clear("That is only £4, so I can't refund it.", CALM);
}

#[test]
fn another_team_guesses_and_false_comfort_are_named() {
    check(
        "Unfortunately payments are handled by our finance team and I don't have any visibility of their schedule. I'd recommend reaching out to them directly.",
        expect![[r#"
            deflecting "Unfortunately payments are handled by our finance team and I don't have any visibility of their schedule." -> "I'll take this to them myself"
            deflecting "reaching out to them directly" -> "I'll contact them myself"
        "#]],
    );
    check(
        "Payments are handled by our finance team, so I've asked them for a date and I'll call you by 3pm.",
        expect![[r#""#]],
    );
    check(
        "Don't worry, I'm sure everything will be fine and you won't lose any money. No news is usually good news.",
        expect![[r#"
            minimising "Don't worry, I'm sure everything will be fine and you won't lose any money." -> ""
            minimising "No news is usually good news." -> ""
        "#]],
    );
    check(
        "You will need to contact the client directly. I'd suggest sending him another message.",
        expect![[r#"
            deflecting "You will need to contact" -> "I'll contact"
            deflecting "I'd suggest sending him" -> "I'll chase them myself"
        "#]],
    );
    check(
        "Posting reviews online will not speed up the process.",
        expect![[r#"
            dismissive "Posting reviews online will not speed up the process." -> "You're free to share your experience; here is what I'm doing about it now"
        "#]],
    );
    check(
        "You probably just clicked twice. Please check your banking app properly. I should have read your email properly.",
        expect![[r#"
            blame "You probably just clicked twice." -> "I'll check what happened"
            condescending "check your banking app properly" -> ""
        "#]],
    );
}

#[test]
fn the_rest_going_well_and_no_need_for_lawyers_are_named() {
    check(
        "Views vary with availability, but it sounds like you still had a lovely stay. There's really no need to involve lawyers!",
        expect![[r#"
            minimising "Views vary with availability, but it sounds like you still had a lovely stay." -> ""
            dismissive "There's really no need to involve lawyers!" -> "You're free to take this further, and I'll give you what you need to do that."
        "#]],
    );
    check(
        "I'm glad the staff were kind, and I'm sorry the view wasn't what you booked.",
        expect![[""]],
    );
}

#[test]
fn a_high_volume_of_messages_is_our_workload() {
    check(
        "We're receiving a high volume of messages, so replies can take a little longer than usual.",
        expect![[r#"
            defensive "We're receiving a high volume of" -> "I'm dealing with this myself now"
            defensive "replies can take a little longer than usual" -> "I'm dealing with this myself now"
        "#]],
    );
    check(
        "We've received your photo and I've sent a new jug today.",
        expect![[""]],
    );
}

#[test]
fn getting_by_without_for_a_night_is_named_and_a_night_in_a_hotel_is_not() {
    check(
        "I'm sorry. The baby will survive one night without the heating, and it won't kill you to wait.",
        expect![[r#"
            minimising "The baby will survive one night without the heating, and it won't kill you to wait." -> ""
        "#]],
    );
    check(
        "I've booked you one night at the Park Hotel so the baby can sleep somewhere warm.",
        expect![[""]],
    );
}

#[test]
fn another_queue_is_a_deflection_only_while_harm_goes_on() {
    let draft =
        "Please call our customer line between 8am and 8pm and a colleague will rebook you.";
    let urgent = Facts {
        urgent: true,
        ..CALM
    };
    assert_eq!(findings(draft, CALM).len(), 0);
    assert_eq!(findings(draft, urgent).len(), 1);
}

#[test]
fn talking_the_client_out_of_the_council_and_vouching_for_our_testing_are_named() {
    check(
        "There's really no need to involve the council at this stage. It's only been a few days. Every update is tested thoroughly, and issues like this are very rare.",
        expect![[r#"
            dismissive "There's really no need to involve the council at this stage." -> "You're free to take this further, and I'll give you what you need to do that."
            minimising "It's only been a few days" -> "It's been days already"
            defensive "Every update is tested thoroughly" -> "I'm looking at what went wrong with this one"
            defensive "issues like this are very rare" -> "This shouldn't have happened"
        "#]],
    );
    check(
        "Your booking was room only, so the charge was correct, but our team should have told you.",
        expect![[r#""#]],
    );
}

#[test]
fn our_workload_wrapping_up_and_a_plea_for_patience_are_named() {
    check(
        "Our engineers are very busy at the moment, so we'd recommend using extra layers, and I'd ask you to give us the chance to resolve this first.",
        expect![[r#"
            defensive "Our engineers are very busy" -> "I'm getting this booked in for you"
            minimising "recommend using extra layers" -> "In the meantime I'll see what we can get to you to keep warm"
            dismissive "Our engineers are very busy at the moment, so we'd recommend using extra layers, and I'd ask you to give us the chance to resolve this first." -> "You're free to take this further, and I'll give you what you need to do that."
        "#]],
    );
}

#[test]
fn faults_that_need_a_fact_of_the_conversation_are_named_only_with_it() {
    let chased = Facts {
        chased: true,
        ..CALM
    };
    let heated = Facts {
        heated: true,
        ..CALM
    };
    let ours = Facts { ours: true, ..CALM };
    for (draft, facts, named) in [
        (
            "Thank you for your patience. Your refund of £40 went out today.",
            chased,
            "dismissive \"Thank you for your patience\"",
        ),
        (
            "The fee is for the second bag. I hope that clears things up.",
            heated,
            "dismissive \"I hope that clears things up.\"",
        ),
        (
            "The fare you chose can't be changed, but as a one-off I've taken £22.50 off.",
            ours,
            "minimising \"as a one-off\"",
        ),
    ] {
        assert_eq!(render(draft, CALM), "", "{draft}");
        assert!(render(draft, facts).starts_with(named), "{draft}");
        rewrites_clear(draft, facts);
    }
}

#[test]
fn you_failed_to_is_blame_only_with_the_client_as_its_subject() {
    let blamed = "You failed to send the form, so the order stopped.";
    assert!(render(blamed, CALM).starts_with("blame \"You failed to\""));
    rewrites_clear(blamed, CALM);
    let ours = "The text message we sent to you failed to arrive, so I'm sending it again now.";
    assert_eq!(render(ours, CALM), "");
}
