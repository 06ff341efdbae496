//! Promises in agent text: who, what, and the due time resolved from the send time.

use defuse_core::coach::{Promise, Timestamp, UtcOffset, promises};

/// Monday 2 March 2026, 10:00 in the offset under test.
fn monday_10am(offset: UtcOffset) -> Timestamp {
    Timestamp::parse("2026-03-02 10:00", offset).unwrap()
}

/// The single promise in `text`, sent Monday 10:00 UTC+1, with its due time as local RFC 3339.
fn one(text: &str) -> (Promise, Option<String>) {
    let offset = UtcOffset::parse("+01:00").unwrap();
    let found = promises(text, monday_10am(offset), offset);
    assert_eq!(found.len(), 1, "{text:?} -> {found:#?}");
    let p = found.into_iter().next().unwrap();
    let due = p.due.map(|d| d.to_rfc3339(offset));
    (p, due)
}

fn due(text: &str) -> String {
    one(text)
        .1
        .unwrap_or_else(|| panic!("no due time in {text:?}"))
}

#[test]
fn resolves_relative_days_and_parts_of_day() {
    assert_eq!(
        due("I'll call you back tomorrow afternoon."),
        "2026-03-03T17:00:00+01:00"
    );
    assert_eq!(
        due("I'll call you tomorrow morning."),
        "2026-03-03T12:00:00+01:00"
    );
    assert_eq!(
        due("We will refund you by Friday."),
        "2026-03-06T17:00:00+01:00"
    );
    assert_eq!(
        due("I will update you on Monday."),
        "2026-03-09T17:00:00+01:00",
        "a weekday means the next one after today"
    );
    assert_eq!(
        due("I'll send it over by end of day."),
        "2026-03-02T17:00:00+01:00"
    );
    assert_eq!(due("I'll email you today."), "2026-03-02T17:00:00+01:00");
    assert_eq!(
        due("I'll ring you this evening."),
        "2026-03-02T21:00:00+01:00"
    );
    assert_eq!(
        due("We'll have it sorted next week."),
        "2026-03-13T17:00:00+01:00"
    );
    assert_eq!(
        due("We'll finish by the end of the week."),
        "2026-03-06T17:00:00+01:00"
    );
    assert_eq!(
        due("We'll have it with you by the weekend."),
        "2026-03-06T17:00:00+01:00"
    );
}

#[test]
fn resolves_durations_from_the_send_time() {
    assert_eq!(
        due("I'll check with the warehouse and get back to you within 24 hours."),
        "2026-03-03T10:00:00+01:00"
    );
    assert_eq!(
        due("I'll call you in 2 hours."),
        "2026-03-02T12:00:00+01:00"
    );
    assert_eq!(
        due("I'll confirm within the hour."),
        "2026-03-02T11:00:00+01:00"
    );
    assert_eq!(
        due("We will credit your account in three days."),
        "2026-03-05T17:00:00+01:00"
    );
    assert_eq!(
        due("We'll process it within 5 working days."),
        "2026-03-09T17:00:00+01:00"
    );
    assert_eq!(
        due("I'll reply in a couple of days."),
        "2026-03-04T17:00:00+01:00"
    );
    // A cadence: the first update is due one span from now.
    assert_eq!(
        due("I'll post an update here every 15 minutes until it's working again."),
        "2026-03-02T10:15:00+01:00"
    );
    assert_eq!(
        due("I'll update you every hour until it's fixed."),
        "2026-03-02T11:00:00+01:00"
    );
}

#[test]
fn resolves_dates_and_hours() {
    assert_eq!(
        due("We'll deliver the new unit on 3 March."),
        "2026-03-03T17:00:00+01:00"
    );
    assert_eq!(
        due("We'll deliver the new unit on the 4th of March."),
        "2026-03-04T17:00:00+01:00"
    );
    assert_eq!(due("I'll call on March 20th."), "2026-03-20T17:00:00+01:00");
    assert_eq!(
        due("I'll send the contract on 12/03."),
        "2026-03-12T17:00:00+01:00",
        "numeric dates are day/month"
    );
    assert_eq!(
        due("I'll send the contract by 2026-04-01."),
        "2026-04-01T17:00:00+01:00"
    );
    assert_eq!(due("I'll call you at 3pm."), "2026-03-02T15:00:00+01:00");
    assert_eq!(
        due("I'll call you at 9am."),
        "2026-03-03T09:00:00+01:00",
        "an hour already past today means tomorrow"
    );
    assert_eq!(
        due("I'll call you on Friday at 10:30."),
        "2026-03-06T10:30:00+01:00"
    );
    assert_eq!(
        due("I'll have an answer for you by noon tomorrow."),
        "2026-03-03T12:00:00+01:00"
    );
    assert_eq!(
        due("I'll send it on 1 February."),
        "2027-02-01T17:00:00+01:00",
        "a date already past means next year"
    );
}

#[test]
fn a_late_today_runs_to_midnight() {
    let offset = UtcOffset::UTC;
    let evening = Timestamp::parse("2026-03-02 18:30", offset).unwrap();
    let p = &promises("I'll send it today.", evening, offset)[0];
    assert_eq!(
        p.due.unwrap().to_rfc3339(offset),
        "2026-03-02T23:59:00+00:00"
    );
}

#[test]
fn names_who_and_what() {
    let (p, _) = one("I'll call you back tomorrow afternoon.");
    assert_eq!(
        (p.who.as_str(), p.action.as_str(), p.when.as_deref()),
        ("I", "call you back", Some("tomorrow afternoon"))
    );
    let (p, _) = one("We will refund you by Friday.");
    assert_eq!((p.who.as_str(), p.action.as_str()), ("We", "refund you"));
    let (p, _) = one("You'll receive a replacement within 3 days.");
    assert_eq!(
        (p.who.as_str(), p.action.as_str()),
        ("we", "receive a replacement")
    );
    let (p, _) = one("Our team will review the claim by Thursday.");
    assert_eq!(p.who, "Our team");
    // "this" or "next" before the day goes with it, and a crew of ours commits too.
    let (p, _) = one("A crew will empty your green bin this Thursday.");
    assert_eq!(
        (p.who.as_str(), p.action.as_str()),
        ("A crew", "empty your green bin")
    );
    let (p, _) = one("I'll call you by next Monday.");
    assert_eq!(p.action, "call you");
    let (p, _) = one("Tomorrow morning I will call the courier.");
    assert_eq!(
        (p.action.as_str(), p.when.as_deref()),
        ("call the courier", Some("Tomorrow morning"))
    );
    assert_eq!(
        &"Tomorrow morning I will call the courier."[p.start..p.end],
        "Tomorrow morning I will call the courier"
    );
}

#[test]
fn no_time_or_a_vague_one_leaves_due_empty() {
    let (p, due) = one("I'll look into it.");
    assert_eq!((due, p.vague, p.when), (None, false, None));
    let (p, due) = one("We'll get back to you ASAP.");
    assert_eq!(
        (due, p.vague, p.when.as_deref()),
        (None, true, Some("ASAP"))
    );
    let (p, _) = one("I will call you soon.");
    assert!(p.vague);
}

#[test]
fn finds_several_and_skips_what_is_not_a_commitment() {
    let offset = UtcOffset::UTC;
    let text = "I'll be honest with you. I'll check with the warehouse today, and we will call you tomorrow. We'll need your order number.";
    let found = promises(text, monday_10am(offset), offset);
    let actions: Vec<&str> = found.iter().map(|p| p.action.as_str()).collect();
    assert_eq!(actions, ["check with the warehouse", "call you"]);
    assert!(
        promises(
            "If this continues I will end this conversation.",
            monday_10am(offset),
            offset
        )
        .is_empty()
    );
    assert!(promises("Thank you for your patience.", monday_10am(offset), offset).is_empty());
    assert!(
        promises(
            "I'm going to stop here: what you wrote is a threat.",
            monday_10am(offset),
            offset
        )
        .is_empty()
    );
}

#[test]
fn a_window_is_due_at_its_end() {
    let offset = UtcOffset::UTC;
    let found = promises(
        "An engineer will come today between 2pm and 6pm.",
        monday_10am(offset),
        offset,
    );
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].action, "come");
    assert_eq!(
        found[0].due,
        Some(Timestamp::parse("2026-03-02T18:00:00Z", offset).unwrap())
    );
}

#[test]
fn offsets_and_times_are_read_strictly() {
    assert_eq!(UtcOffset::parse("-05:30").unwrap().minutes(), -330);
    assert_eq!(UtcOffset::parse("+2").unwrap().minutes(), 120);
    assert!(UtcOffset::parse("CET").is_err());
    assert!(UtcOffset::parse("+25:00").is_err());
    assert_eq!(
        Timestamp::parse("2026-03-02T10:00:00Z", UtcOffset::UTC).unwrap(),
        Timestamp(1_772_445_600)
    );
    assert_eq!(
        Timestamp::parse("1772445600", UtcOffset::UTC).unwrap(),
        Timestamp(1_772_445_600)
    );
    assert!(Timestamp::parse("next tuesday", UtcOffset::UTC).is_err());
}

#[test]
fn what_the_client_will_notice_is_no_promise_of_ours() {
    let offset = UtcOffset::UTC;
    let found = promises(
        "The refund is on its way; you will see it within 3 working days.",
        monday_10am(offset),
        offset,
    );
    assert!(found.is_empty(), "{found:#?}");
    let (p, _) = one("You'll hear from our team by Friday.");
    assert_eq!(p.who, "we");
}

#[test]
fn keeping_an_earlier_promise_makes_no_new_one() {
    let offset = UtcOffset::UTC;
    let text = "As promised, I'm writing to update you. I'll call you tomorrow at 10am with the refund date.";
    let found = promises(text, monday_10am(offset), offset);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].action, "call you with the refund date");
    let again = promises(
        "I'll update you, as promised, by 5pm.",
        monday_10am(offset),
        offset,
    );
    assert!(again.is_empty(), "{again:#?}");
}

#[test]
fn a_step_on_the_way_to_a_promise_is_not_a_second_one() {
    let (p, due) =
        one("Let me check with the depot now and I will message you back within the hour.");
    assert_eq!(p.action, "message you back");
    assert_eq!(due.as_deref(), Some("2026-03-02T11:00:00+01:00"));
    let (alone, _) = one("Let me check that with the depot by 3pm.");
    assert_eq!(alone.who, "I");
}

#[test]
fn a_bare_hour_after_at_or_by_is_the_working_hour_it_means() {
    assert_eq!(
        due("I'll call you today at 12."),
        "2026-03-02T12:00:00+01:00"
    );
    assert_eq!(
        due("I'll have it sorted by 4."),
        "2026-03-02T16:00:00+01:00"
    );
    assert_eq!(
        due("I'll ring you tomorrow at 9."),
        "2026-03-03T09:00:00+01:00"
    );
    // A number with a unit is not an hour.
    let (_, none) = one("I'll check the contract at 12 months.");
    assert_eq!(none, None);
}

#[test]
fn a_time_written_with_a_dot_keeps_its_minutes() {
    assert_eq!(
        due("I'll call you tomorrow at 7.30am."),
        "2026-03-03T07:30:00+01:00"
    );
    // "3:30" in working hours is the afternoon.
    assert_eq!(due("I'll call you at 3:30."), "2026-03-02T15:30:00+01:00");
    // Without am or pm a dotted number is a price, not a time.
    assert_ne!(
        one("I'll refund the £12.50 tomorrow.").1.as_deref(),
        Some("2026-03-03T12:50:00+01:00")
    );
}

#[test]
fn a_day_in_another_clause_does_not_move_the_hour() {
    // The tracking number comes by 4pm today; Thursday is when the parcel arrives.
    let offset = UtcOffset::parse("+01:00").unwrap();
    let found = promises(
        "It goes out today; you'll get the new tracking number by email by 4pm, and it will arrive Thursday.",
        monday_10am(offset),
        offset,
    );
    let dues: Vec<String> = found
        .iter()
        .filter_map(|p| p.due.map(|d| d.to_rfc3339(offset)))
        .collect();
    assert!(
        dues.contains(&"2026-03-02T16:00:00+01:00".to_string()),
        "{found:#?}"
    );
    assert!(
        !dues.iter().any(|d| d.starts_with("2026-03-05T16")),
        "{found:#?}"
    );
    // In one clause they still combine.
    assert_eq!(
        due("I'll call you on Thursday at 4pm."),
        "2026-03-05T16:00:00+01:00"
    );
    assert_eq!(
        due("I'll call you Thursday, at 4pm."),
        "2026-03-05T16:00:00+01:00"
    );
}

#[test]
fn a_plain_present_with_a_time_commits_and_without_one_does_not() {
    // What the step is for ("so you can work tomorrow") is no part of its time.
    let (p, at) = one("Today I send you a free 4G hotspot, so you can work tomorrow.");
    assert_eq!(
        (p.who.as_str(), p.action.as_str()),
        ("I", "send you a free 4G hotspot")
    );
    assert_eq!(at.as_deref(), Some("2026-03-02T17:00:00+01:00"));
    assert_eq!(one("Tomorrow we call you at 10am.").0.who, "we");
    let offset = UtcOffset::parse("+01:00").unwrap();
    let none = promises("I send you my best wishes.", monday_10am(offset), offset);
    assert!(none.is_empty(), "{none:#?}");
}
