//! The phrase table: what clients write when they blame, demand, set deadlines, say they keep
//! having to get in touch, threaten to escalate, insult or are sarcastic. What is aimed at the
//! reader as a person (threats of harm, sexual harassment, prejudice) is in [`super::personal`].
//!
//! Patterns are matched against normalised words (see [`super::scan`]): lower case, chat spellings
//! resolved, numbers as `<n>` (except `0` and `1`), ordinals as `<ord>`, clock times as `<time>`,
//! "24h" as `<dur>`, and `.` for any sentence end. The syntax is described in [`super::phrases`].

use super::phrases::Group::{
    Blamed, ContactAgain, ContactCount, DemandObject, OnHold, PassedAround, Pressing, Took, Waited,
};
use super::phrases::{Rule, rule};
use crate::types::SignalKind::{
    Absolute, Blame, Deadline, Demand, EscalationThreat, Insult, Profanity, RepeatedContact,
    Sarcasm,
};

/// Word classes that patterns name as `{name}`.
pub(super) const CLASSES: &[(&str, &str)] = &[
    (
        "n",
        "(<n>|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|\
         a hundred|a dozen|dozens of|several|multiple|numerous|countless|many|so many|too many|\
         a million|hundreds of|endless|umpteen|a few|a couple of|a couple|half a dozen)",
    ),
    (
        "ord",
        "(second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|umpteenth|nth|\
         hundredth|millionth|<ord>)",
    ),
    (
        "month",
        "(january|february|march|april|may|june|july|august|september|october|november|december|\
         jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)",
    ),
    (
        "weekday",
        "(monday|tuesday|wednesday|thursday|friday|saturday|sunday|weds|mon|tues|thurs|fri)",
    ),
    (
        "when",
        "({weekday}|tomorrow|tonight|today|noon|midday|midnight|lunchtime|christmas|the weekend|\
         this weekend|next week|this week|end of (the|) (day|week|month|business|today)|\
         the end of (the|) (day|week|month|business)|eod|eob|cob|close of business|\
         this (afternoon|evening|morning)|<time>|<n> (am|pm|o'clock)|<n> : <n>|<n> : <n> (am|pm)|\
         <n> . <time>|the <ord>|<ord>|{month} (the|) (<ord>|<n>)|(the|) <ord> (of|) {month}|<n> {month})",
    ),
    (
        "dur",
        "(<dur>|(<n>|1|a|an|one|two|three|four|five|six|seven|ten|twenty - four|forty - eight|\
         twenty four|forty eight|the next) (hour|hours|hrs|hr|minute|minutes|mins|day|days|\
         working days|business days|week|weeks))",
    ),
    (
        "you",
        "(you|you guys|you people|you lot|you all|y'all|yall|your (staff|team|company|courier|driver|\
         drivers|agent|agents|engineer|technician|colleague|colleagues|people|department|warehouse|\
         system|website|site|app|store|shop|bank|firm|service|delivery company|call centre|\
         call center|support team|customer service|customer services))",
    ),
    (
        "blamed",
        "(lost|ruined|messed up|screwed up|broke|damaged|destroyed|wrecked|botched|misplaced|\
         overcharged|double charged|charged me twice|forgot|ignored|cancelled my|canceled my|\
         sent me the wrong|sent the wrong|mixed up|dropped the ball|cocked up|stuffed up|fucked up|\
         failed to|lied|lied to me|never bothered|didn't bother|made a mess|caused|delayed|\
         let me down|wasted my|threw|dropped my|left my|smashed|scratched|dented|ripped me off|\
         scammed|conned|robbed|stole|hung up on me|cut me off|gave me the wrong|misinformed|\
         misled|lost track of)",
    ),
    (
        "contacted",
        "(called|rang|rung|phoned|emailed|contacted|chased|messaged|written|wrote|asked|complained|\
         explained|reported|been in touch|tried|sent|chatted|raised|logged|opened|submitted|\
         calling|ringing|phoning|emailing|contacting|chasing|messaging|writing)",
    ),
    (
        "contacting",
        "(called|rang|phoned|emailed|contacted|chased|messaged|wrote|writing|calling|ringing|phoning|\
         emailing|contacting|chasing|messaging|asking|explaining|complaining|repeating|reminding|\
         reaching out|having to|here i am|back)",
    ),
    (
        "modal_me",
        "(i'll|i will|i'm going to|i am going to|i'm gonna|i am gonna|i'd|i would|i could|i swear i'll|i want to|i wanna|imma|ima|i'ma|we'll|we will|we're going to)",
    ),
    (
        "person",
        "(you|your (staff|agent|agents|driver|manager|family|kids|face)|the lot of you)",
    ),
    (
        "weapon",
        "(baseball bat|cricket bat|bat|knife|knives|gun|guns|hammer|crowbar|machete|axe|shotgun|brick|bricks|petrol|can of petrol)",
    ),
    (
        "positive",
        "(great|brilliant|excellent|fantastic|amazing|superb|stellar|wonderful|outstanding|exceptional|impressive|marvellous|marvelous|fabulous|terrific|top - notch|first class|world class)",
    ),
];

/// Words that make "today", "tomorrow" or a date a deadline rather than a plain date.
#[rustfmt::skip]
const PRESSURE: &[&str] = &[
    "urgent", "urgently", "deadline", "flight", "flying", "wedding", "event", "party",
    "interview", "meeting", "appointment", "due", "expire", "expires", "expiring", "closes",
    "otherwise", "else", "latest", "funeral", "birthday", "exam", "surgery", "operation",
    "hospital", "rent", "mortgage",
];

/// Words that turn a review site, a social network or the press into a threat to go public.
#[rustfmt::skip]
const REVIEWING: &[&str] = &[
    "post", "posting", "share", "sharing", "tweet", "tweeting", "tell", "telling", "put", "putting",
    "expose", "exposing", "everyone", "everybody", "followers", "review", "reviews", "write",
    "writing", "leave", "leaving", "rate", "rating", "going", "will", "i'll", "gonna", "contact",
    "contacting", "contacted",
];

/// Words of a promise or an expectation, which a date after it shows to have lapsed.
#[rustfmt::skip]
const PROMISED: &[&str] = &[
    "said", "told", "promised", "assured", "would", "will", "should", "supposed", "due",
    "expected", "guaranteed", "booked", "scheduled", "arranged", "confirmed",
];

/// Every phrase rule.
pub(super) const RULES: &[Rule] = &[
    // Absolutes.
    rule("(never|never ever)", Absolute).next_not(&["mind", "minded"]),
    rule("always", Absolute).no_neg().prev_not(&["as", "almost", "not"]),
    rule("(nobody|no one|noone|no - one|not once|not one|not a single|not even once|every single time|every single|each and every|all the time|constantly|none of you|none of your|nothing ever|not ever)", Absolute),
    // Blame.
    rule("(you people|your fault|all your fault|because of you|because of your|you're to blame|you are to blame|blame you|blame your|your responsibility)", Blame).no_neg(),
    rule("(due to|thanks to|because of) your (incompetence|negligence|mistake|error|failure|carelessness|stupidity|ineptitude|lack of)", Blame),
    rule("your (incompetence|negligence|mistake|error|screw up|screwup|cock up|cockup|fuck up|fuckup|mess up|carelessness|stupidity|ineptitude|blunder)", Blame).no_neg(),
    rule("(it's|it is|this is|that's|that is) (all|) (on you|your doing|your problem)", Blame).no_neg(),
    // Calling what we did a crime accuses us: "this is theft, plain and simple".
    rule("(it's|it is|this is|that's|that is|thats|its) (just |plain |pure |nothing short of |nothing less than |basically |legalised |)(theft|stealing|robbery|daylight robbery|fraud|a scam|a con|a rip off|a ripoff|extortion)", Blame).no_neg(),
    rule("({you} (have|has|)|you've)", Blame).head(Blamed, 0).no_neg().next_not(&["through", "even", "out"]),
    rule("{blamed}", Blame).tail(Blamed),
    rule("((is|was) (this|that) how you (treat|deal with|look after|speak to|talk to)|(this|that) is how you (treat|deal with|look after|speak to|talk to)|(this|that)'s how you (treat|deal with|look after|speak to|talk to))", Blame),
    rule("(do|did|does) (you|anyone|anybody|your (team|staff|company|agents)) ((even|actually) (read|listen|care|check|bother|look at|understand)|ever (read|listen|care|bother))", Blame),
    rule("((why|how) (is|was) it (so|this|always so) (hard|difficult|complicated|impossible)|why's it so (hard|difficult)|how (hard|difficult) (is|can) it (be|)|is it (really|) (that|so|too) (hard|difficult)|is it too much to ask)", Blame),
    // Demands.
    rule("((i|we) (just|really|simply|only|now|still|) (want|expect|need|require|deserve)|all i want is)", Demand).head(DemandObject, 3),
    rule("(refund|refunded|full refund|my money back|money back|compensation|compensated|replacement|a replacement|an answer|answers|an explanation|an apology|a call back|a callback|resolution|reimbursement|reimbursed|my deposit back|it fixed|this fixed|it sorted|this sorted|this resolved|it resolved|a manager|your manager|the manager|a supervisor|your supervisor|someone senior|someone in charge|a real person|a human)", Demand).tail(DemandObject),
    rule("(speak|talk) (to|with) (a|your|the|) (manager|supervisor|someone senior|someone in charge|human|real person|boss)", Demand).tail(DemandObject),
    rule("(i demand|we demand|i insist|i am demanding|i'm demanding|you owe me|i am owed|i'm owed|give me my money back|refund me (now|immediately|today|asap|right now|at once|straight away))", Demand),
    rule("(you need to|you must|you have to|you had better|you better|you'd better|you will) (refund|fix|sort|replace|compensate|reimburse|cancel|credit|pay me|escalate|resolve|send me|call me|get this|deal with|give me)", Demand),
    rule("give me (a|my|the|a full|an|back my|) (refund|replacement|money|manager|straight answer|supervisor|compensation|explanation|answer)", Demand),
    rule("(fix it|fix this|sort it out|sort this out|sort it|refund me|refund (my|the) (money|payment|deposit|order|ticket|fee|fees|difference|booking)|get me (a|your) (manager|supervisor)|get me (someone|somebody|a human|a real person)|put me through to|escalate this|pay me|reimburse me|compensate me|do your job|get it sorted|get this sorted|get this fixed|send me (a|my) (refund|replacement|money))", Demand).clause_start(),
    // Deadlines.
    rule("(by|no later than|latest by|at the latest by) {when}", Deadline).not_past(),
    rule("before {when}", Deadline).not_past(),
    rule("(within|in the next) {dur}", Deadline).not_past(),
    rule("(need|needs|must have|have to have|require|requires|expect) (it|this|them|that|these|everything|my|the)", Deadline).head(Pressing, 4),
    rule("(i|we) (want|expect|demand)", Deadline).head(Pressing, 5),
    rule("(has to|have to|must|needs to|need to) be (done|fixed|sorted|here|delivered|back|resolved|paid|returned|with me)", Deadline).head(Pressing, 2),
    rule("(need to|have to|has to|got to|must) (pay|submit|send|return|collect|catch|board|sign|renew|file|print|show|move)", Deadline).head(Pressing, 4),
    rule("(today|tomorrow|tonight|this afternoon|this evening|first thing)", Deadline).tail(Pressing),
    rule("(tomorrow|tonight|on {weekday}|on the <ord>|on <ord>|first thing (tomorrow|in the morning))", Deadline).cue(PRESSURE).not_past(),
    // What must be done, then when: "I want the subscription cancelled today".
    rule("(cancelled|canceled|refunded|fixed|sorted|sorted out|done|back|resolved|closed|reconnected|repaired|replaced|returned|paid)", Deadline).head(Pressing, 1).cue(&["want", "need", "needs", "expect", "must", "demand", "please"]),
    rule("(urgent|urgently|time sensitive|time - sensitive|time critical|no later than)", Deadline).no_neg(),
    rule("(please hurry|hurry up|i'm in a hurry|i am in a hurry|running out of time|time is running out|against the clock)", Deadline).no_neg(),
    rule("(leaves|leaving|departs|departing|closes|closing|starts|boarding|due) at {when}", Deadline).not_past(),
    rule("(leaves|leaving|departs|departing|closes|closing|starts|boarding|due) at <n>", Deadline).not_past().cue(PRESSURE),
    rule("(asap|a . s . a . p|as soon as possible|deadline|without delay|this instant)", Deadline).not_past(),
    // Not where it tells how a fault shows itself: "the kettle clicks off straight away".
    rule("(immediately|at once|right away|straight away)", Deadline).not_past().clause_end().prev_not(&["all", "was", "were", "is", "got", "been", "off", "out", "down", "dies", "stops", "crashes", "breaks", "fails", "happens", "starts", "closes", "shuts", "trips", "freezes", "disconnects", "drops", "leaks", "beeps", "flashes", "resets", "goes", "cuts"]),
    // Repeated contact.
    rule("(the|a|my|this|for the) {ord} time", RepeatedContact).next_not(&["lucky"]),
    rule("{ord} time", RepeatedContact).clause_start().next_not(&["lucky"]),
    // Whoever did it twice must be the client: "your system that sent it twice" is a fault,
    // "it was sent twice" a duplicate, "you asked twice" the agent.
    rule("{contacted}", RepeatedContact).head(ContactCount, 4).prev_not(&["that", "which", "who", "you", "it", "they", "he", "she", "was", "were", "been", "be", "is", "are", "system", "bank"]),
    rule("({n} times|twice)", RepeatedContact).tail(ContactCount),
    rule("{contacting}", RepeatedContact).head(ContactAgain, 4),
    rule("(again|yet again|once again|all over again)", RepeatedContact).tail(ContactAgain),
    rule("(spoken|spoke|talked|been passed|passed|transferred|been transferred|bounced)", RepeatedContact).head(PassedAround, 3),
    rule("{n} (different|) (agents|people|advisors|advisers|reps|representatives|departments|teams|staff|managers)", RepeatedContact).tail(PassedAround),
    rule("{n} (calls|emails|messages|chats|complaints|phone calls|voicemails)", RepeatedContact).prev_not(&["about", "the"]),
    rule("(been|keep|kept|keep on) (chasing|calling|emailing|ringing|phoning|contacting|writing|messaging|trying to (reach|contact|get hold of|get through to|get an answer))", RepeatedContact),
    rule("(my|this is my|this is the|the) {ord} (email|call|phone call|message|complaint|letter|attempt|chat|ticket|request)", RepeatedContact),
    rule("(still waiting|still haven't|still have not|still hasn't|still has not|still not|still no|still nothing|still chasing|still unresolved|still missing)", RepeatedContact).next_not(&["sure", "certain", "clear", "decided", "know", "matter", "problem", "worries", "bother"]),
    // "already told you", not "already told my customers".
    rule("already (told|explained|mentioned)", RepeatedContact).next_not(&["my", "our", "his", "her", "their", "them", "him", "everyone", "everybody"]),
    rule("already (said|sent|provided|given|gave|called|emailed|contacted|asked|reported|spoke|spoken|complained|chased|submitted|been through)", RepeatedContact),
    rule("(as i (said|mentioned|explained|stated|told you|have said|already said|keep saying)|as i've (said|mentioned|explained|stated|told you)|i've said this before|as (previously|already) (said|mentioned|stated|explained)|like i said)", RepeatedContact),
    rule("(i keep (telling|asking|saying|calling|chasing|having to|getting)|keep (being|getting) (told|passed|transferred|fobbed))", RepeatedContact),
    rule("(passed|pushed|bounced|shunted|transferred|sent|shuffled|fobbed) (around|about|back and forth|from pillar to post|from (one|one department|one person|one agent|one team|department|person|agent|team|desk) to (another|another one|department|person|agent|team|desk))", RepeatedContact),
    rule("((heard|read) (that|this|it) (one|all|) before|where have i heard that before|(that's|that is|this is) what you (said|told me|promised) (last time|before|yesterday|last week|last month)|you (said|told me|promised) (that|the same|the same thing) (last time|before|yesterday|last week|last month)|same (story|excuse|answer|thing) as (last time|before|always))", RepeatedContact),
    rule("({n}|1|a|an|one) (hour|hours|hrs|day|days|week|weeks|month|months|year|years)", RepeatedContact).head(Waited, 0),
    rule("(to get|to get a reply|to get an answer|to get a response|to get a call back|to get a callback|to receive|to hear|to hear back|to reply|to respond|to answer|to get through|to get back to me|for a reply|for a response|for an answer|for someone to|on hold|of waiting|of chasing)", RepeatedContact).tail(Waited),
    rule("({n}|1|an|one) (minutes|mins|hour|hours|hrs)", RepeatedContact).head(OnHold, 0),
    rule("(on hold|of waiting|in a queue|in the queue|waiting)", RepeatedContact).tail(OnHold),
    rule("(on hold|in a queue|in the queue|kept waiting|been waiting|left waiting) for (over|nearly|almost|more than|) ({n}|1|an|one|half an) (hour|hours|hrs|minutes|mins|day|days|week|weeks)", RepeatedContact),
    rule("(took|takes|taken) (me|you|them|us|)", RepeatedContact).head(Took, 0),
    rule("{n} (emails|calls|phone calls|attempts|tries|messages|chats|complaints)", RepeatedContact).tail(Took),
    rule("(that was|this was|and that was) ({weekday}|yesterday|last week|last month|last year|{n} (days|weeks|months) ago|a week ago|a month ago|ages ago|over a week ago|over a month ago)", RepeatedContact).clause_start().cue_before(PROMISED),
    rule("(yet again|once again|again and again|over and over|for the ({ord}|last|hundredth|millionth) time|how many (more|) times|every time i (call|ring|phone|contact|email|chat|write|try|message|get in touch)|each time i (call|ring|phone|contact|email|chat|write|try))", RepeatedContact),
    // Escalation threats.
    // A warning of what the client's reach could do: "I know a lot of people in this industry,
    // so think carefully about how you want this to go".
    rule("think (very |really |long and hard |)(carefully |hard |)about how you want this to (go|play out|end)", EscalationThreat),
    rule("(lawyer|lawyers|solicitor|solicitors|attorney|attorneys|legal action|legal proceedings|legal advice|legal team|small claims|to court|in court|court action|court case|court claim|court proceedings|county court|suing)", EscalationThreat),
    rule("(will|i'll|gonna|and|could|should|would|might|i|we) sue", EscalationThreat).no_neg(),
    rule("(forced|going|want|need|have|right|decided|decide|plan|planning|intend|intending|prepared|ready|able) to sue", EscalationThreat).no_neg(),
    rule("sue (you|your|them|the company|this company|the lot of you)", EscalationThreat),
    // "Please cancel my subscription", "I've been trying to cancel my account": asking for it
    // is a request, not a threat to leave ("I'm going to cancel" is read below).
    rule("(cancel|cancelling|canceling|close|closing|terminate|terminating|end|ending|leave|leaving) (my|our|the) (account|subscription|membership|contract|service|policy|plan|direct debit)", EscalationThreat).no_neg().prev_not(&["please", "to", "you", "how", "help"]),
    rule("((take|taking|took) my (business|custom|money)|(go|going|shop|shopping|look|looking|buy|buying|order|ordering)) elsewhere", EscalationThreat),
    rule("(thinking of|thinking about|considering|seriously considering|about to|ready to|tempted to|this close to|close to|going to|gonna) (switching|switch|cancelling|canceling|cancel|going elsewhere|taking my business|leaving you|leave you|moving to another|moving my)", EscalationThreat).no_neg(),
    rule("(thinking of|thinking about|considering|seriously considering|ready to|tempted to|this close to) (leaving|leave)", EscalationThreat).no_neg().clause_end(),
    rule("(switch|switching|move|moving|go|going) to (a competitor|another provider|another company|another supplier|another bank|your competitor|your competitors|a different provider|a different company)", EscalationThreat),
    // Leaving said as a plan: "last time I order from you" (the present tense; "the last time I
    // ordered" tells what happened), "I'm finding another accountant", money moved somewhere
    // else, and cancelling as the price of a condition ("if it's not back on tomorrow I'm
    // cancelling").
    rule("last time (i|we) (order|buy|shop|use|fly|book|stay|deal|bank)", EscalationThreat),
    rule("(i'm|i am|i'll|i will|we're|we'll|we will|going to|gonna) (be|) (finding|find|getting|get|looking for|look for) (myself|ourselves|) (another|a new|a different) (provider|supplier|company|firm|bank|accountant|agency|builder|contractor|plumber|electrician|developer|designer|photographer|landlord|lender|insurer|broker|airline|gym|vet|dentist|courier|network|garage|letting agent|energy supplier)", EscalationThreat),
    rule("(i'll|i will|i'm going to|i am going to|gonna|we'll|we will) (move|take) (my|all my|our|all our) (salary|savings|money|accounts|mortgage|pension|business|custom)", EscalationThreat).cue(&["somewhere", "elsewhere", "another", "competitor", "competitors"]),
    rule("(i'm|i am|i'll|i will|we're|we'll|we will) (cancelling|canceling|cancel|leaving|switching|going elsewhere)", EscalationThreat).cue_before(&["if", "unless", "otherwise", "or"]),
    rule("never (use|using|order from|ordering from|buy from|buying from|shop with|shopping with|fly with|flying with|book with|booking with|deal with|dealing with|shop at) ({you}|this company|you again) again", EscalationThreat),
    rule("(leave|leaving|write|writing|post|posting|give|giving|put|putting) (a|an|my) (bad|negative|terrible|awful|honest|scathing|poor|horrible|damning|1 - star|one - star|one star|1 star|1star|zero star|0 star|) review", EscalationThreat),
    rule("(1 - star|1 star|one star|one - star|1star|zero stars|0 stars|no stars)", EscalationThreat).cue(&["give", "giving", "gave", "leave", "leaving", "rate", "rated", "deserve", "deserves", "deserved", "worth", "review", "reviews", "if"]),
    rule("(trustpilot|yelp|tripadvisor|google reviews|google review|review sites|feefo)", EscalationThreat).cue(REVIEWING),
    rule("(report|reporting) (you|your company|your staff|your agent|this company|the lot of you)", EscalationThreat).no_neg(),
    rule("(report|reporting) (this|it|them) to", EscalationThreat).no_neg(),
    rule("(bbb|better business bureau|ombudsman|regulator|regulators|trading standards|citizens advice|consumer protection|consumer rights|ofcom|ofgem|ofwat|fca|ftc|cfpb|accc|attorney general|watchdog|i know my rights|formal complaint)", EscalationThreat),
    rule("(call|calling|contact|contacting|involve|involving|report it to|report this to) the police", EscalationThreat),
    rule("(go|going|went|contact|contacting|tell|telling|talk to|speak to) (to|) the (press|media|papers|newspapers|news)", EscalationThreat),
    rule("(go viral|tell everyone|tell all my friends|warn (others|everyone|people))", EscalationThreat),
    rule("(know|knows|friends|friend|contacts|people|someone|somebody) (at|in|on) the (trade press|press|papers|local paper|local papers|local news|news desk)", EscalationThreat),
    rule("(journalist|journalists|social media)", EscalationThreat).cue(REVIEWING).next_not(&["team", "manager", "page", "account", "accounts", "presence", "post", "posts", "support"]),
    rule("(on|all over|across) (twitter|facebook|instagram|tiktok|reddit|linkedin|youtube|the internet)", EscalationThreat).cue(REVIEWING),
    rule("(chargeback|chargebacks|charge - back)", EscalationThreat),
    // "I want the double charge back" asks for the money, not a chargeback.
    rule("charge back", EscalationThreat).prev_not(&["the", "that", "this", "double", "extra", "second", "duplicate", "wrong", "whole", "full"]),
    rule("(dispute|disputing|reverse|reversing) (the|this|my|) (charge|payment|transaction)", EscalationThreat),
    rule("(dispute|disputing) (this|it) with (my|the) (bank|card company|credit card company|card provider|card issuer|paypal)", EscalationThreat),
    rule("(contact|contacting|call|calling|ring|ringing|speak to|speaking to|talk to) my (bank|credit card company|card provider|card issuer)", EscalationThreat),
    rule("(escalate|escalating) (this|it|my complaint|the matter|my case|further)", EscalationThreat),
    rule("(want|like|need) (this|it) escalated", EscalationThreat).no_neg(),
    rule("(write|writing|email|emailing|complain|complaining|contact|contacting) (to|) (your|the) (ceo|head office|managing director|chief executive|board|owner)", EscalationThreat),
    // Insults that are phrases rather than listed words.
    rule("(you|you guys|you people|you all|you lot|y'all|your staff|your agents) (really|totally|just|so|all|) (suck|stink)", Insult).targeted().no_neg(),
    rule("(you|you're|you are) (a|an|) (worthless|useless|absolute|total|) piece of (shit|crap|trash|garbage|work|filth)", Insult).targeted(),
    rule("(piece of|) (shit|crap|trash|garbage|filth|scum) (that|) (you are|you're|u r|you r)", Insult).targeted(),
    rule("i (really|just|fucking|) (hate|despise) (you|you all|you guys|you people|all of you|your guts)", Insult).targeted().no_neg(),
    rule("(shut up|shut it|shut your (mouth|face|trap)|shut the (fuck|hell) up|get lost|go away|get a brain)", Insult).targeted().clause_start(),
    rule("(get|move|lift|shift) (off |)your (lazy|fat|idle|big|useless) (fat |lazy |idle |)(backside|arse|ass|butt|bum|behind|backsides|arses)", Insult).targeted(),
    rule("(will you|would you|can you|why don't you|you) (just|) (shut up|shut your (mouth|face|trap)|shut the (fuck|hell) up|go away|get lost)", Insult).targeted().no_neg(),
    rule("(go die|drop dead|die in a fire|kill yourself|kys|i hope you die|hope you die|you should die|you deserve to die)", Insult).targeted().no_neg(),
    rule("how (thick|stupid|dense|dim|dumb) (are you|can you be|do you have to be|are your (staff|people|agents)|is (he|she|your (staff|agent|manager)))", Insult).targeted(),
    rule("(brain dead|brain - dead|waste of space|waste of oxygen|con artist|con artists|con man|con men)", Insult).targeted().no_neg(),
    rule("(are you|is anyone|is anybody|are any of you|are your (staff|people|agents)) (even|actually|ever) (trained|qualified|literate)", Insult).targeted(),
    rule("(someone|somebody|anyone|anybody) with (a brain|half a brain|a clue|a brain cell|any sense|common sense)", Insult).targeted(),
    // "typical of you lot" blames the company; "your sort" and "people like you" sort the
    // reader into a kind of person.
    rule("typical of (your sort|your kind|people like you)", Insult).targeted(),
    rule("(couldn't|could not|can't|cannot) (organise|organize|run) a (piss - up|piss up|lemonade stand|bath|queue|raffle|whelk stall)", Insult).targeted(),
    rule("die", Insult).targeted().clause_start().next_not(&["cast", "casting", "hard", "down", "out", "off"]),
    // Profanity aimed at the reader.
    rule("(screw you|screw your|get stuffed|go to hell|up yours|shove it|kiss my (ass|arse)|eat shit|sod off|bugger off|piss off|damn you)", Profanity).targeted(),
    rule("(get|shut|piss|clear|back) the (fuck|hell|heck) (out|up|off|away)", Profanity).targeted().clause_start(),
    // Sarcasm.
    rule("(thanks for nothing|thank you for nothing|oh joy|oh goody|what a surprise|what a shock|surprise surprise|big surprise|colour me surprised|color me surprised|slow clap|love that for me)", Sarcasm),
    rule("(yeah right|yeah , right|yea right|just what i needed|just what i need|just great|just perfect|just brilliant|just wonderful|just fantastic|just lovely|just marvellous|just marvelous)", Sarcasm).neg_context(),
    rule("(thanks|thank you|cheers) (so much|very much|a lot|a bunch|) for (losing|ignoring|wasting|cancelling|canceling|charging me|overcharging|breaking|damaging|ruining|hanging up|keeping me waiting|the runaround|making me wait|lying|nothing|absolutely nothing)", Sarcasm),
    rule("(i love|love|really appreciate|i just love|gotta love|got to love) (being|getting) (ignored|lied to|passed around|put on hold|charged|overcharged|kept waiting|hung up on|fobbed off|messed around|mucked around)", Sarcasm),
    rule("(oh|wow) (,|) ({positive}|perfect|lovely|good|nice|super|cool|helpful)", Sarcasm).neg_context(),
    rule("(oh sure|oh yeah sure|yeah sure|oh , sure|yeah , sure|sure you will|sure you are|sure you did|sure it is|sure it will)", Sarcasm).neg_context(),
    rule("(nice|good|great|lovely|glad) to (see|know|hear) (that|)", Sarcasm).clause_start().neg_context(),
    rule("(what|such) (a|) {positive} (service|customer service|job|work|support|experience)", Sarcasm).neg_context(),
    // Advice answered with mock praise: "what a genius idea", "any other bright ideas?".
    rule("(what|such) (a|an|) ({positive}|genius|clever|bright|groundbreaking|novel|original|helpful) (idea|suggestion|plan|tip|solution|advice)", Sarcasm).neg_context(),
    rule("(any|got any|have you got any|do you have any) (other|more) ({positive}|genius|clever|bright|groundbreaking|novel|original|helpful) (ideas|suggestions|tips|solutions|advice)", Sarcasm),
    rule("why (didn't|did not|didn't i|hadn't|had not) (i|) think of that", Sarcasm).neg_context(),
    rule("(an|any|a) even (better|brighter|cleverer|smarter|greater) (plan|idea|suggestion|solution|tip|trick)", Sarcasm),
    // Guessing the next scripted step, or playing along with it, after it failed before.
    rule("let me guess", Sarcasm).neg_context(),
    // Cynical in any message to a company: no bad news needs to be named beside them ("let me
    // guess, ..." set off as an aside, not "let me guess which size fits").
    rule("(let me guess ,|how convenient|how very convenient|what a coincidence)", Sarcasm),
    rule("(so|that way) (i|we) (really |actually |truly |)(feel|felt) (appreciated|valued|special|important|loved|looked after)", Sarcasm),
    rule("(maybe|perhaps) next time (you could |you can |)(charge|bill|overcharge|take) (me|us)", Sarcasm),
    rule("sure (,|) (i'll|i will|let me|we'll|i can) just", Sarcasm).cue_before(&["but", "oh", "yeah", "well"]),
    rule("(second|third|fourth|fifth|sixth|tenth) time lucky", Sarcasm),
    // A plan of the client's put as a question to us: "I'll just sleep on the voucher then,
    // shall I?".
    rule("then (,|) shall (i|we)", Sarcasm).clause_end(),
    rule("oh (,|) take (your|all the) time (you need|you like|you want|)", Sarcasm),
    rule("(you must be|you lot must be|your team must be|you must all be) (so |very |really |)proud", Sarcasm).clause_start(),
    rule("(i love|love|loving|gotta love|got to love|you've got to love) a (good |nice |lovely |little |)surprise", Sarcasm).neg_context(),
    rule("(really |that really |that |this really |this |)(makes|made) my (day|week|year)", Sarcasm).clause_start().neg_context(),
    // Mock delight at a delay or at having to say it again: "maybe it's taking the scenic
    // route", "I do love repeating myself".
    rule("(taking|taken|took|on|enjoying) (the|a) (scenic route|long way round|grand tour|world tour)", Sarcasm),
    rule("(i|i do|i just|i really|i absolutely|don't you just) (love|enjoy|adore) (repeating|having to repeat|explaining|having to explain|saying) (myself|it all again|everything again|the same thing)", Sarcasm),
    // Thanks for what was done before, tagged ", again": "thank you for passing it on, again."
    // The agent's answer held up as what the client will now show others.
    rule("exactly the (kind|sort|type) of (plan|answer|response|update|solution|reassurance|service|help) (i'll|i will|i can|i'd|i want to|i need to|to) (be |)(present|presenting|show|showing|take|taking|give|giving|tell|telling)", Sarcasm),
    // Thanks "as always" in a message about something gone wrong.
    rule(", as always", Sarcasm).clause_end().cue_before(&["thanks", "thank", "appreciate", "love"]).neg_context(),
    rule(", again", Sarcasm).clause_end().cue_before(&["thanks", "thank", "cheers"]).prev_not(&["thanks", "you", "cheers"]),
    rule("{positive} (service|customer service|customer care|care|aftercare|job|work|support|communication|team|response|response time)", Sarcasm).clause_start().neg_context(),
    rule("(really|truly|absolutely|simply|just) {positive} (service|customer service|customer care|job|work|support|communication|response|operation|outfit|setup|set up|company|business|system)", Sarcasm).clause_start().neg_context(),
    // Something late said to come in time for a far-off day: "maybe it'll turn up in time for
    // next year's birthday".
    rule("(maybe|perhaps|might|should|could) (it'll|it will|it might|it'd|they'll|you'll|it) (turn up|arrive|get here|be here|be delivered|be fixed|be sorted|come) in time for (next year's|next year|next christmas|my next birthday|my retirement|my funeral|the next century)", Sarcasm),
    rule("(well done|good job|great job|nice job|nice one|bravo|so helpful|very helpful|really helpful|super helpful|how helpful|how lovely|how nice|how wonderful|how thoughtful|love how|i love how|love that your|love that you|gotta love|got to love|you have to love|you've got to love|keep up the good work|keep up the great work|keep up the fantastic work|keep up the amazing work|keep up the excellent work)", Sarcasm).neg_context().prev_not(&["a", "the", "not"]),
    rule("({positive}|perfect|lovely) (,|) (another|yet another)", Sarcasm).clause_start(),
    rule("({positive}|perfect|lovely) .", Sarcasm).clause_start().neg_context(),
];
