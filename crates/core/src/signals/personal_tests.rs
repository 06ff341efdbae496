//! Signal rules for what is aimed at the reader as a person: sexual harassment in ordinary
//! words, prejudice about origin without slur words, and threats veiled or explicit, each beside
//! ordinary complaints that use the same words and must stay clean.

use expect_test::expect;

use super::tests::check;

// Sexual harassment in ordinary words: remarks on looks and clothes fire alone.
#[test]
fn asking_what_the_agent_wears() {
    check(
        "so what are you wearing today",
        expect![[r#"harassment 3..23 "what are you wearing" targeted"#]],
    );
}
#[test]
fn a_threat_made_firmer_by_denying_it() {
    check(
        "It's not a threat, it's a promise.",
        expect![[r#"threat 0..33 "It's not a threat, it's a promise" targeted"#]],
    );
    check(
        "I know your office is on Mill Street. I'll be there when you lot finish at five.",
        expect![[r#"
            threat 0..24 "I know your office is on" targeted
            threat 38..71 "I'll be there when you lot finish" targeted"#]],
    );
    check(
        "I'll be there when you finish the report, no rush.",
        expect![[r#""#]],
    );
}
#[test]
fn his_car_his_hours_and_his_way_home() {
    check(
        "I know where he parks his car and what time he finishes. Tell him he'd better watch himself on the way home.",
        expect![[r#"
            threat 0..21 "I know where he parks" targeted
            threat 66..107 "he'd better watch himself on the way home" targeted"#]],
    );
    check(
        "I know where he parks, it's the bay by the door.",
        expect![[r#""#]],
    );
}
#[test]
fn what_she_is_wearing_and_how_she_sounded() {
    check(
        "Sure, but first tell me what you're wearing, sweetheart. You sounded very sexy on the phone last time.",
        expect![[r#"
            harassment 16..43 "tell me what you're wearing" targeted
            harassment 57..78 "You sounded very sexy" targeted"#]],
    );
}
#[test]
fn the_depot_and_whoever_is_to_blame() {
    check(
        "I know your depot's on Carlton Road. I'll come down there and whoever did this will regret it.",
        expect![[r#"
            threat 0..22 "I know your depot's on" targeted
            threat 62..93 "whoever did this will regret it" targeted"#]],
    );
    check(
        "Whoever did this will regret it when the auditors come.",
        expect![[r#""#]],
    );
}
#[test]
fn what_she_looks_like() {
    check(
        "What does a girl like you look like?",
        expect![[r#"harassment 0..35 "What does a girl like you look like" targeted"#]],
    );
    check("What do the new cards look like?", expect![[r#""#]]);
}
#[test]
fn her_looks_against_her_voice() {
    check(
        "Are you as pretty as your voice?",
        expect![[r#"harassment 0..31 "Are you as pretty as your voice" targeted"#]],
    );
    check("Is the new model as good as the old one?", expect![[r#""#]]);
}
#[test]
fn guessing_at_her_looks_from_her_voice() {
    check(
        "Bet you look gorgeous to match that accent.",
        expect![[r#"harassment 0..21 "Bet you look gorgeous" targeted"#]],
    );
}
#[test]
fn remark_on_her_body() {
    check(
        "I was checking out your legs when I came in earlier",
        expect![[r#"harassment 6..28 "checking out your legs" targeted"#]],
    );
}
#[test]
fn you_know_you_want_to() {
    check(
        "Stop pretending. You know you want to.",
        expect![[r#"harassment 17..37 "You know you want to" targeted"#]],
    );
}
#[test]
fn asking_for_a_photo_of_her() {
    check(
        "send me a selfie of yourself and I'll pay the bill",
        expect![[r#"harassment 0..28 "send me a selfie of yourself" targeted"#]],
    );
}
// Ordinary questions fire only beside an advance.
#[test]
fn personal_question_beside_an_invitation() {
    check(
        "What time does your shift end? I'll buy you a drink after.",
        expect![[r#"
            harassment 0..29 "What time does your shift end" targeted
            harassment 36..51 "buy you a drink" targeted"#]],
    );
}
#[test]
fn where_she_works_beside_pressure() {
    check(
        "Which branch are you based in? I won't take no for an answer.",
        expect![[r#"
            harassment 0..29 "Which branch are you based in" targeted
            harassment 33..60 "won't take no for an answer" targeted"#]],
    );
}
#[test]
fn voice_and_secrecy() {
    check(
        "You sound really sweet. Nobody needs to know if you give me your mobile number.",
        expect![[r#"
            harassment 0..22 "You sound really sweet" targeted
            absolute 24..30 "Nobody"
            harassment 24..44 "Nobody needs to know" targeted
            harassment 52..78 "give me your mobile number" targeted"#]],
    );
}
#[test]
fn remark_on_clothes_and_an_invitation_to_the_room() {
    check(
        "Saw you behind the counter in that dress. Pop up to my room after your shift ends.",
        expect![[r#"
            harassment 0..26 "Saw you behind the counter" targeted
            harassment 27..40 "in that dress" targeted
            harassment 42..59 "Pop up to my room" targeted
            harassment 60..81 "after your shift ends" targeted"#]],
    );
}
#[test]
fn a_mild_compliment_alone_is_not_harassment() {
    check(
        "You sound lovely, thanks for being so patient with me.",
        expect![[""]],
    );
}
#[test]
fn what_time_do_you_finish_for_a_collection() {
    check(
        "What time do you finish today? I'd like to collect the parcel on my way home.",
        expect![[""]],
    );
}
#[test]
fn which_office_for_a_letter() {
    check(
        "Which office are you in? I want to post the signed contract to the right address.",
        expect![[""]],
    );
}
#[test]
fn no_taking_no_about_a_refund() {
    check(
        "I won't take no for an answer this time, I want the full refund.",
        expect![[r#"demand 41..63 "I want the full refund""#]],
    );
}
#[test]
fn photo_of_the_receipt_is_no_advance() {
    check(
        "Can you send me a photo of the receipt you have on file?",
        expect![[""]],
    );
}

// Prejudice about the agent's origin, without slur words.
#[test]
fn demanding_proper_english() {
    check(
        "Get me somebody who speaks proper English, I can't follow you.",
        expect![[r#"
            demand 0..15 "Get me somebody"
            prejudice 7..41 "somebody who speaks proper English" targeted"#]],
    );
}
#[test]
fn demanding_a_real_british_agent() {
    check(
        "I want a real British person on this call.",
        expect![[r#"prejudice 7..28 "a real British person" targeted"#]],
    );
}
#[test]
fn demanding_someone_not_abroad() {
    check(
        "Transfer me to someone here, not someone in a call centre abroad.",
        expect![[r#"prejudice 29..64 "not someone in a call centre abroad" targeted"#]],
    );
}
#[test]
fn demanding_someone_english() {
    check(
        "Just put me through to someone English please.",
        expect![[r#"
            demand 5..22 "put me through to"
            prejudice 23..38 "someone English" targeted"#]],
    );
}
#[test]
fn telling_her_to_go_back() {
    check(
        "why don't you go back to your own country",
        expect![[r#"prejudice 14..41 "go back to your own country" targeted"#]],
    );
}
#[test]
fn arrival_remark_beside_a_demand_about_origin() {
    check(
        "Not having this handled by someone who just got here. Someone from this country, please.",
        expect![[r#"
            prejudice 35..52 "who just got here" targeted
            prejudice 54..79 "Someone from this country" targeted"#]],
    );
}
#[test]
fn asking_for_the_uk_office_about_a_uk_account() {
    check(
        "Can I speak to someone in the UK office about my UK account?",
        expect![[""]],
    );
}
#[test]
fn a_british_plug_is_a_product() {
    check(
        "I need someone British-based to confirm the plug fits, and a British plug adapter.",
        expect![[""]],
    );
}
#[test]
fn a_client_apologising_for_their_english() {
    check(
        "Sorry, I can't speak proper English, I am learning. My parcel is missing.",
        expect![[""]],
    );
}
#[test]
fn a_parcel_that_just_got_here() {
    check(
        "The parcel who just got here yesterday is broken.",
        expect![[""]],
    );
}

// Threats: explicit ones name an act or a weapon; veiled ones menace.
#[test]
fn threat_with_a_weapon_and_a_time() {
    check(
        "Release it tonight or I'll come round there with a hammer. I know when you lock up.",
        expect![[r#"
            threat 44..57 "with a hammer" targeted
            threat 59..82 "I know when you lock up" targeted"#]],
    );
}
#[test]
fn veiled_threat_to_be_careful() {
    check(
        "People like you want to be careful walking to the bus stop at night.",
        expect![[r#"threat 0..45 "People like you want to be careful walking to" targeted"#]],
    );
}
#[test]
fn veiled_threat_to_watch_yourself() {
    check(
        "You'd better watch yourself, mate.",
        expect![[r#"threat 0..27 "You'd better watch yourself" targeted"#]],
    );
}
#[test]
fn someone_made_to_pay_is_a_threat_but_paying_for_a_repair_is_not() {
    check(
        "If she ends up in hospital someone at that office is going to pay for it.",
        expect![[r#"threat 27..72 "someone at that office is going to pay for it" targeted"#]],
    );
    check(
        "You're going to pay for the repair, not us.",
        expect![[r#""#]],
    );
}
#[test]
fn veiled_threat_shame_if_something_happened() {
    check(
        "Be a shame if something happened to your shop, wouldn't it.",
        expect![[r#"threat 0..45 "Be a shame if something happened to your shop" targeted"#]],
    );
}
#[test]
fn veiled_threat_to_what_they_own_with_a_word_between() {
    check(
        "It would be a real shame if something happened to that nice car of yours.",
        expect![[
            r#"threat 0..63 "It would be a real shame if something happened to that nice car" targeted"#
        ]],
    );
}
#[test]
fn waiting_by_the_staff_exit() {
    check(
        "Maybe I'll wait by the back entrance tonight.",
        expect![[r#"threat 0..36 "Maybe I'll wait by the back entrance" targeted"#]],
    );
    check(
        "I'll be waiting in the car park when your shift ends.",
        expect![[r#"threat 8..47 "waiting in the car park when your shift" targeted"#]],
    );
    check("The car park was full when I got there.", expect![[r#""#]]);
    check(
        "I'll be waiting outside when you finish your shift.",
        expect![[r#"threat 8..39 "waiting outside when you finish" targeted"#]],
    );
    check(
        "Maybe I'll come down and wait outside for whoever's in charge when they finish work tonight.",
        expect![[
            r#"threat 25..78 "wait outside for whoever's in charge when they finish" targeted"#
        ]],
    );
    check(
        "I'll wait outside for the manager, no problem, I have time.",
        expect![[r#""#]],
    );
}
#[test]
fn ordinary_words_that_insult_a_person_and_not_a_thing() {
    check(
        "Are you thick? The lot of you are con artists.",
        expect![[r#"
            insult 8..13 "thick" targeted
            insult 34..45 "con artists" targeted"#]],
    );
    check(
        "The coat is too thick and the lights are dim. I want to report fraud.",
        expect![[r#""#]],
    );
}
#[test]
fn a_sexist_demand_for_a_man() {
    check(
        "Put me on to a man who knows what he's doing.",
        expect![[r#"prejudice 0..18 "Put me on to a man" targeted"#]],
    );
    check(
        "Is there a man in that office I can deal with?",
        expect![[r#"prejudice 0..14 "Is there a man" targeted"#]],
    );
}
#[test]
fn disparaging_the_staff_in_ordinary_words() {
    check(
        "Are you even trained? Put me through to someone with a brain.",
        expect![[r#"
            insult 0..20 "Are you even trained" targeted
            demand 22..39 "Put me through to"
            insult 40..60 "someone with a brain" targeted"#]],
    );
    check(
        "Is anyone trained on the new router? Someone with a clear answer, please.",
        expect![[r#""#]],
    );
}
#[test]
fn a_warning_to_mind_what_the_agent_says_next_is_a_veiled_threat() {
    check(
        "You'd want to think very carefully about your next reply.",
        expect![[
            r#"threat 0..56 "You'd want to think very carefully about your next reply" targeted"#
        ]],
    );
    check(
        "I'd think carefully about what you say next.",
        expect![[r#"threat 0..38 "I'd think carefully about what you say" targeted"#]],
    );
    check(
        "Please think carefully about what you need before you order.",
        expect![[r#""#]],
    );
}
#[test]
fn a_threat_to_someone_else_without_a_weapon() {
    check(
        "I'll drive over there myself. He'd better hope I'm in a good mood.",
        expect![[r#"threat 35..65 "better hope I'm in a good mood" targeted"#]],
    );
}
#[test]
fn knowing_where_the_office_is_beside_an_insult() {
    check(
        "I know where your office is, you absolute idiot.",
        expect![[r#"
            threat 0..27 "I know where your office is" targeted
            insult 42..47 "idiot" targeted"#]],
    );
}
#[test]
fn knowing_where_the_office_is_and_coming_down_there() {
    check(
        "I know where your office is and I will come down there.",
        expect![[r#"threat 0..27 "I know where your office is" targeted"#]],
    );
}
#[test]
fn knowing_where_she_lives_stands_alone() {
    check(
        "I know where you live.",
        expect![[r#"threat 0..21 "I know where you live" targeted"#]],
    );
}
#[test]
fn coming_to_the_store_to_return_it() {
    check(
        "I'll come to the store tomorrow to return it.",
        expect![[""]],
    );
}
#[test]
fn knowing_where_the_office_is_to_drop_off_a_form() {
    check(
        "I know where your office is, I'll drop the form off on Monday.",
        expect![[""]],
    );
}
#[test]
fn being_careful_with_data() {
    check(
        "You need to be careful with how you store my card details.",
        expect![[""]],
    );
}
#[test]
fn knowing_the_closing_time_to_collect() {
    check(
        "I know when you close, so I'll be waiting outside at 5 to collect it.",
        expect![[""]],
    );
}
#[test]
fn coming_round_with_a_knife_stands_alone() {
    check(
        "Keep stalling and I'll come over with a knife.",
        expect![[r#"threat 33..45 "with a knife" targeted"#]],
    );
}
#[test]
fn a_hammer_bought_from_the_shop() {
    check(
        "I'll come down there with the hammer you sold me, the head fell off.",
        expect![[""]],
    );
}
#[test]
fn wishing_death_is_abuse_not_a_threat() {
    check(
        "Honestly just drop dead.",
        expect![[r#"insult 14..23 "drop dead" targeted"#]],
    );
}

#[test]
fn a_veiled_threat_without_a_violent_word() {
    check(
        "I know where your depot is. Maybe I'll come down and sort this out myself, face to face. Someone will be sorry.",
        expect![[r#"
            threat 0..26 "I know where your depot is" targeted
            threat 53..73 "sort this out myself" targeted
            threat 89..110 "Someone will be sorry" targeted"#]],
    );
    check(
        "I'd rather sort it out in person at the branch on Monday.",
        expect![[r#""#]],
    );
}

#[test]
fn a_visit_and_the_time_staff_leave() {
    check(
        "I know where your Manchester office is. I know what time your staff leave. Maybe someone should pay you a visit.",
        expect![[r#"
            threat 40..73 "I know what time your staff leave" targeted
            threat 81..111 "someone should pay you a visit" targeted"#]],
    );
    check(
        "Could someone pay you a visit at the shop to pick up the return?",
        expect![[r#""#]],
    );
}

#[test]
fn a_shame_if_things_got_unpleasant() {
    check(
        "I know where your office is and I know your CEO's name. It would be a shame if things got unpleasant.",
        expect![[r#"
            threat 0..27 "I know where your office is" targeted
            threat 32..54 "I know your CEO's name" targeted
            threat 56..100 "It would be a shame if things got unpleasant" targeted"#]],
    );
    check(
        "It would be a shame if the parcel got lost again, it would be a pity if it turned up late.",
        expect![[r#""#]],
    );
}
#[test]
fn knowing_where_a_small_business_is_beside_an_insult_is_a_threat() {
    check(
        "You're a useless cowboy. I know where your studio is.",
        expect![[r#"
            insult 9..16 "useless" targeted
            threat 25..52 "I know where your studio is" targeted"#]],
    );
}
#[test]
fn insults_with_a_word_between_and_a_wish_for_someone_else() {
    check(
        "You're obviously too thick to do your job, love. Put someone on who isn't a stupid little girl playing receptionist.",
        expect![[r#"
            insult 21..26 "thick" targeted
            insult 76..82 "stupid" targeted"#]],
    );
    check(
        "Put me through to someone who isn't useless. I know your name and I'll make sure everyone knows how useless you are.",
        expect![[r#"
            demand 0..17 "Put me through to"
            insult 36..43 "useless" targeted
            threat 45..61 "I know your name" targeted
            insult 100..107 "useless" targeted"#]],
    );
    check(
        "The app isn't useless, and I know your name from the last email.",
        expect![[r#""#]],
    );
}
#[test]
fn finding_whoever_runs_the_desk_so_they_regret_it() {
    check(
        "I'll find whoever runs that desk tomorrow and they'll regret it.",
        expect![[r#"threat 0..17 "I'll find whoever" targeted"#]],
    );
    check(
        "I'll find the person who approved this and ask them why.",
        expect![[r#""#]],
    );
}
#[test]
fn finding_the_agents_office_and_someone_paying_one_way_or_the_other() {
    check(
        "You useless lot. I'll find out which office you sit in and come and see you.",
        expect![[r#"
            insult 4..11 "useless" targeted
            threat 22..47 "find out which office you" targeted
            threat 59..75 "come and see you" targeted"#]],
    );
    check(
        "Somebody pays for this, one way or the other.",
        expect![[r#"threat 0..22 "Somebody pays for this" targeted"#]],
    );
    check(
        "I'll come and see you in store tomorrow to pick it up.",
        expect![[r#""#]],
    );
}
#[test]
fn reporting_fraud_and_maggots_in_the_bins_insult_nobody() {
    check(
        "I'll report you lot for fraud.",
        expect![[r#"escalation_threat 5..15 "report you""#]],
    );
    check("There are maggots in the bins again.", expect![[r#""#]]);
}
#[test]
fn knowing_when_the_staff_finish_beside_what_happens_next() {
    check(
        "I know where your clinic is and I know what time you girls finish. If she hangs up again she'll find out what happens.",
        expect![[r#"
            threat 0..27 "I know where your clinic is" targeted
            threat 32..65 "I know what time you girls finish" targeted
            threat 89..117 "she'll find out what happens" targeted"#]],
    );
}
#[test]
fn a_named_receptionist_waited_for_after_her_shift() {
    check(
        "Are you too thick to decide, sweetheart? I know which desk you're on, Emma. Maybe I'll come down and wait until your shift ends, just the two of us.",
        expect![[r#"
            insult 12..17 "thick" targeted
            threat 41..68 "I know which desk you're on" targeted
            harassment 48..68 "which desk you're on" targeted
            threat 101..127 "wait until your shift ends" targeted
            harassment 129..147 "just the two of us" targeted"#]],
    );
    check(
        "I'll make sure every one of them knows what a useless stupid little girl you are.",
        expect![[r#"
            insult 46..53 "useless" targeted
            insult 54..60 "stupid" targeted"#]],
    );
    check(
        "Unblock it now or I'll come down to the branch tomorrow and you'll all regret it.",
        expect![[r#"threat 60..80 "you'll all regret it" targeted"#]],
    );
    check(
        "You said that last week you useless idiot. If nobody's here tomorrow I'll find out where you live.",
        expect![[r#"
            repeated_contact 0..23 "You said that last week"
            insult 28..35 "useless" targeted
            insult 36..41 "idiot" targeted
            threat 69..97 "I'll find out where you live" targeted"#]],
    );
    check(
        "useless idiots. if nobodys here tomorrow ill find out where you live, or I'll come down to your shop and sort it myself.",
        expect![[r#"
            insult 8..14 "idiots" targeted
            threat 41..68 "ill find out where you live" targeted
            threat 105..119 "sort it myself" targeted"#]],
    );
    check(
        "oh im SO scared. fix the f***ing boiler or i will come round and you'll see",
        expect![[r#"
            profanity 25..32 "f***ing"
            threat 50..75 "come round and you'll see" targeted"#]],
    );
    check(
        "I know your depot is on Harlow Road. Maybe I'll come down there after your shift and we'll see how brave you are then.",
        expect![[r#"
            threat 0..23 "I know your depot is on" targeted
            threat 48..80 "come down there after your shift" targeted
            threat 85..112 "we'll see how brave you are" targeted"#]],
    );
    check(
        "I know that warden. Cancel this fine or next time I see him he'll be getting more than a ticket. And I'll find out who you are too.",
        expect![[r#"
            threat 60..95 "he'll be getting more than a ticket" targeted
            threat 101..126 "I'll find out who you are" targeted"#]],
    );
    check(
        "I'll find out who you are and report you to your manager.",
        expect![[r#"escalation_threat 30..40 "report you""#]],
    );
    check(
        "We'll see how brave the ombudsman thinks you are. I know the depot is open late.",
        expect![[r#"escalation_threat 24..33 "ombudsman""#]],
    );
    check(
        "keep it respectful? come to my door again and you'll see how respectful i am",
        expect![[r#"threat 46..76 "you'll see how respectful i am" targeted"#]],
    );
    check(
        "Refund it or I'm leaving a review saying ur thieving scum.",
        expect![[r#"
            escalation_threat 13..33 "I'm leaving a review"
            insult 53..57 "scum" targeted"#]],
    );
    check(
        "I'll come to the airport tomorrow and make you regret it.",
        expect![[r#"threat 38..56 "make you regret it" targeted"#]],
    );
}
#[test]
fn waiting_for_her_after_her_shift() {
    check(
        "Maybe I'll wait for you after your shift.",
        expect![[r#"threat 11..40 "wait for you after your shift" targeted"#]],
    );
}

#[test]
fn harm_to_whoever_is_there_and_dares_about_the_way_home() {
    check(
        "i know where your office is. if nobody is here by friday im coming down there and someone is getting hurt, i mean it",
        expect![[r#"
            threat 0..27 "i know where your office is" targeted
            absolute 32..38 "nobody"
            deadline 47..56 "by friday"
            threat 60..105 "coming down there and someone is getting hurt" targeted"#]],
    );
    check(
        "im going to come down to your office and hurt someone",
        expect![[r#"threat 12..45 "come down to your office and hurt" targeted"#]],
    );
    check(
        "I know your name and I know what time the late shift finishes. keep talking to me like that and see what happens when you walk to your car",
        expect![[r#"
            threat 0..16 "I know your name" targeted
            threat 21..61 "I know what time the late shift finishes" targeted
            threat 63..138 "keep talking to me like that and see what happens when you walk to your car" targeted"#]],
    );
    check(
        "you said that last time you lying cow. I don't want another useless engineer, the last one was useless too",
        expect![[r#"
            repeated_contact 0..23 "you said that last time"
            insult 34..37 "cow" targeted"#]],
    );
    check(
        "I know where your head office is and I know your name. Carry on fobbing me off and see what happens.",
        expect![[r#"
            threat 0..32 "I know where your head office is" targeted
            threat 37..53 "I know your name" targeted
            threat 79..99 "and see what happens" targeted"#]],
    );
    check(
        "i looked you up, nice house in Croydon on your insta. maybe i'll pop round and show you what resolved means",
        expect![[r#"
            threat 0..15 "i looked you up" targeted
            threat 17..30 "nice house in" targeted
            threat 60..78 "i'll pop round and" targeted"#]],
    );
    // Ordinary words that stay ordinary: trying again, a safety report, a team's name.
    for text in [
        "I'll restart it again and see what happens.",
        "Let's see what happens when you get the parts in.",
        "Fix the loose railing on the stairs before someone gets hurt.",
        "the man from your fraud team is on the other line, he says my account is compromised",
        "typical of you lot, take the money and cancel last minute",
        "I'll pop round to the branch tomorrow and pick it up.",
    ] {
        check(text, expect![[r#""#]]);
    }
    check(
        "You're a fraud and a liar.",
        expect![[r#"insult 9..14 "fraud" targeted"#]],
    );
}
#[test]
fn sorting_it_out_with_the_staff_in_person_beside_knowing_the_office() {
    check(
        "I know where your office is. Maybe I'll come down and sort it out with you people in person.",
        expect![[r#"
            threat 0..27 "I know where your office is" targeted
            threat 54..91 "sort it out with you people in person" targeted
            blame 71..81 "you people""#]],
    );
    check(
        "Can I come into the branch and sort it out with you in person?",
        expect![[""]],
    );
}
#[test]
fn waiting_outside_for_the_agent_after_asking_when_she_finishes() {
    check(
        "You always say Friday. You know what, you sound like a nice girl. What time do you finish? I'll wait outside for you.",
        expect![[r#"
            absolute 4..10 "always"
            harassment 38..64 "you sound like a nice girl" targeted
            harassment 66..89 "What time do you finish" targeted
            threat 91..116 "I'll wait outside for you" targeted"#]],
    );
    check(
        "You sound like a nice lady, thanks for the help.",
        expect![[""]],
    );
}
#[test]
fn waiting_for_staff_where_they_park_and_their_not_getting_home() {
    check(
        "I know your engineers park their vans at the depot on Harlow Road. Next one I see there I'll be waiting for him, and he won't be driving home.",
        expect![[r#"
            threat 0..26 "I know your engineers park" targeted
            threat 88..111 "I'll be waiting for him" targeted
            threat 117..141 "he won't be driving home" targeted"#]],
    );
    check(
        "I know what the vans look like. If nobody turns up I'll be waiting next to one of them, and your technician won't be driving anywhere for a good while. Put that in your notes.",
        expect![[r#"
            threat 0..30 "I know what the vans look like" targeted
            absolute 35..41 "nobody"
            threat 51..86 "I'll be waiting next to one of them" targeted
            threat 92..133 "your technician won't be driving anywhere" targeted
            threat 152..174 "Put that in your notes" targeted"#]],
    );
    check(
        "Maybe tonight I'll wait by the gate for your driver and have a quiet word with him. He won't be delivering anything for a good while after that.",
        expect![[r#"
            threat 14..51 "I'll wait by the gate for your driver" targeted
            threat 56..82 "have a quiet word with him" targeted
            threat 84..132 "He won't be delivering anything for a good while" targeted"#]],
    );
    // Alone, each is ordinary.
    check("I'll be waiting for him at home from 8.", expect![[""]]);
    check(
        "My husband had a stroke, he won't be driving anywhere for a while.",
        expect![[""]],
    );
    check(
        "He won't be driving home tonight, the car is still in your garage.",
        expect![[""]],
    );
}
#[test]
fn what_might_happen_to_the_vans_and_the_people_walking_to_them() {
    check(
        "I know your depot is on Mill Road and I know what time the vans come back in. funny how things can happen to vans. or to people walking to their cars late at night.",
        expect![[r#"
            threat 0..23 "I know your depot is on" targeted
            threat 38..73 "I know what time the vans come back" targeted
            threat 78..113 "funny how things can happen to vans" targeted
            threat 121..163 "people walking to their cars late at night" targeted"#]],
    );
    // Alone, each is ordinary.
    check(
        "Funny how things happen to my parcels and never to yours.",
        expect![[r#"absolute 42..47 "never""#]],
    );
    check(
        "I know what time the vans come back in, I live opposite.",
        expect![[""]],
    );
}
#[test]
fn a_warning_passed_on_to_a_member_of_staff() {
    check(
        "Tell him he'd better hope I don't see him in the car park tonight.",
        expect![[r#"threat 9..41 "he'd better hope I don't see him" targeted"#]],
    );
}
#[test]
fn waiting_outside_tonight_after_knowing_when_the_shift_ends() {
    check(
        "i know what time the shift finishes. maybe ill be waiting outside tonight",
        expect![[r#"
            threat 0..35 "i know what time the shift finishes" targeted
            threat 43..73 "ill be waiting outside tonight" targeted"#]],
    );
    check(
        "I'll be waiting outside tonight for the courier.",
        expect![[""]],
    );
}
#[test]
fn knowing_which_shop_and_when_it_shuts_and_waiting_outside_for_whoever() {
    check(
        "i know your shop is the one on station road and i know what time it shuts. maybe ill wait outside for whoever decides these things. see how brave you all are then",
        expect![[r#"
            threat 0..30 "i know your shop is the one on" targeted
            threat 48..73 "i know what time it shuts" targeted
            threat 75..109 "maybe ill wait outside for whoever" targeted
            threat 132..157 "see how brave you all are" targeted"#]],
    );
    check(
        "I know the shop is the one on Station Road, I pass it daily.",
        expect![[""]],
    );
}
#[test]
fn asking_for_her_mobile_to_text_her_at_night() {
    check(
        "whats your mobile, easier to just text you directly at night",
        expect![[r#"
            harassment 0..17 "whats your mobile" targeted
            harassment 34..60 "text you directly at night" targeted"#]],
    );
    check(
        "Can you text me the code? I'll text you the address.",
        expect![[""]],
    );
    check(
        "Why don't you give me your mobile, we could sort these things out over a drink sometime",
        expect![[r#"
            harassment 14..33 "give me your mobile" targeted
            harassment 66..87 "over a drink sometime" targeted"#]],
    );
}
#[test]
fn belittling_the_reader_as_a_woman() {
    check(
        "Sweetheart, don't get your knickers in a twist. You girls always get so emotional about money. Send the files like a good girl.",
        expect![[r#"
            harassment 12..46 "don't get your knickers in a twist" targeted
            harassment 48..81 "You girls always get so emotional" targeted
            absolute 58..64 "always"
            harassment 110..126 "like a good girl" targeted"#]],
    );
    check(
        "Our dog is a good girl, she never bites.",
        expect![[r#"absolute 28..33 "never""#]],
    );
}
#[test]
fn a_threat_to_the_readers_job() {
    check(
        "Sort it out now or I'll make sure you lose your job.",
        expect![[r#"
            demand 0..11 "Sort it out"
            threat 24..51 "make sure you lose your job" targeted"#]],
    );
    check(
        "One more excuse and I'll get you sacked.",
        expect![[r#"threat 20..39 "I'll get you sacked" targeted"#]],
    );
    check(
        "I'm scared I'll lose my job if this isn't fixed.",
        expect![[""]],
    );
}
#[test]
fn harm_wished_on_a_driver_and_knowing_his_round() {
    check(
        "You can tell your driver I know which van he drives and what time he comes down my road. Next time he'll be leaving in an ambulance.",
        expect![[r#"
            threat 25..51 "I know which van he drives" targeted
            threat 99..131 "he'll be leaving in an ambulance" targeted"#]],
    );
    check(
        "The driver was kind: he called me an ambulance and I left in an ambulance.",
        expect![[r#""#]],
    );
}
#[test]
fn asking_when_she_finishes_and_to_put_a_face_to_the_name() {
    check(
        "Are you the one on reception at weekends? I'd like to put a face to the name. Don't be shy, tell me what time you finish and I'll save you a glass.",
        expect![[r#"
            harassment 0..28 "Are you the one on reception" targeted
            harassment 54..76 "put a face to the name" targeted
            harassment 78..90 "Don't be shy" targeted
            harassment 92..120 "tell me what time you finish" targeted
            harassment 130..146 "save you a glass" targeted"#]],
    );
    check(
        "Don't be shy about telling me the real price.",
        expect![[r#""#]],
    );
}
#[test]
fn girls_like_you() {
    check(
        "Relax, it's a compliment. Girls like you should learn to take one.",
        expect![[r#"harassment 26..47 "Girls like you should" targeted"#]],
    );
}
#[test]
fn finding_her_car_and_leaving_in_a_worse_state() {
    check(
        "It wouldn't be hard to find out which car in the car park is yours. He will not be leaving this flat in the same condition he arrived in.",
        expect![[r#"
            threat 23..66 "find out which car in the car park is yours" targeted
            threat 101..136 "in the same condition he arrived in" targeted"#]],
    );
    check(
        "The hire car went back in the same condition it arrived in.",
        expect![[r#""#]],
    );
}
#[test]
fn violence_named_and_what_is_left_of_him_after() {
    check(
        "I'll break his legs. He won't be driving anything for a long while after I'm done with him.",
        expect![[r#"
            threat 5..19 "break his legs" targeted
            threat 21..66 "He won't be driving anything for a long while" targeted
            threat 67..90 "after I'm done with him" targeted"#]],
    );
    check(
        "Once I'm done with the forms I'll send them back. The van won't be driving again, it's scrapped.",
        expect![[r#""#]],
    );
}
#[test]
fn staff_warned_off_the_street() {
    check(
        "I mean it. Your engineers better not show their faces on my street again.",
        expect![[
            r#"threat 11..66 "Your engineers better not show their faces on my street" targeted"#
        ]],
    );
}

#[test]
fn her_rota_a_pet_name_and_waiting_for_her_after_work() {
    check(
        "Listen sweetheart, I know where your office is, I know you're the one on the desk on Tuesdays.",
        expect![[r#"
            threat 19..46 "I know where your office is" targeted
            threat 48..93 "I know you're the one on the desk on Tuesdays" targeted"#]],
    );
    check(
        "Respectful? You'd like it if I came by and showed you some respect, wouldn't you darling. Maybe I'll wait for you after work and we can discuss the heating in private. Send me your personal number.",
        expect![[r#"
            harassment 12..38 "You'd like it if I came by" targeted
            harassment 68..88 "wouldn't you darling" targeted
            harassment 101..124 "wait for you after work" targeted
            harassment 156..166 "in private" targeted
            harassment 168..196 "Send me your personal number" targeted"#]],
    );
    // Alone, each is an ordinary line.
    check(
        "The engineer can come at six; I'll wait for you after work.",
        expect![[r#""#]],
    );
    check("Can we discuss my account in private?", expect![[r#""#]]);
}
