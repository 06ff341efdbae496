//! The rules of the substance check: a phrase family each, with the condition it needs.
//!
//! Phrases are written from how agents defend, deflect and talk down in general, not from any
//! one conversation. A `when` reads the hit's sentence ([`Ctx`]) and the conversation's
//! [`Facts`](super::Facts).

use super::{Ctx, Rule, ends_with_any, first_words, has_any, rule, starts_with_any};
use crate::coach::tone::Kind::{
    Blame, Condescending, CounterThreat, Defensive, Deflecting, Dismissive, Minimising,
    PolicyHiding, Sarcasm, Stonewalling, UncontrolledOutcome,
};

/// Words that own a fault: records that show it are an admission, not a defence.
#[rustfmt::skip]
const OWNS_IT: &[&str] = &[
    "our fault", "our mistake", "our error", "our failure", "we got it wrong", "we got this wrong",
    "we should have", "we didn't", "we did not", "we failed",
];

/// Where the small print of a deal is written: pointing there is hiding behind it.
#[rustfmt::skip]
const SMALL_PRINT: &[&str] = &[
    "terms", "policy", "agreement", "contract", "conditions", "t&cs", "rules", "section", "clause",
    "form", "quote", "estimate", "proposal", "invoice",
];

/// Someone other than us whom a client could be sent to.
#[rustfmt::skip]
const THIRD_PARTIES: &[&str] = &[
    "them", "they", "their", "courier", "couriers", "carrier", "delivery company", "royal mail",
    "post office", "postal service", "manufacturer", "manufacturers", "maker", "brand", "bank",
    "card company", "card issuer", "card provider", "app", "platform", "marketplace", "seller",
    "supplier", "partner", "retailer", "warehouse", "landlord", "insurer", "insurance company",
    "airline", "airport", "contractor", "scheme", "ombudsman", "council", "register", "agency",
    "provider", "network", "vendor", "developer", "department", "helpline", "website",
    "surgery", "gp", "doctor", "pharmacy", "chemist", "practice", "client", "buyer", "other party",
    "recipient", "sender",
];

/// Emergency services: sending a client to them is a safety net, not a deflection.
#[rustfmt::skip]
const EMERGENCY: &[&str] = &[
    "999", "911", "112", "111", "a&e", "emergency", "ambulance", "police", "urgent care",
];

/// Words that put a step on a condition or make it optional.
#[rustfmt::skip]
const CONDITIONAL: &[&str] = &[
    "if", "unless", "in case", "should you", "still free", "free to", "whenever", "otherwise",
];

/// Words showing the draft engages with the case after stating a rule.
#[rustfmt::skip]
const ENGAGED: &[&str] = &[
    "but", "however", "though", "although", "instead", "i can", "i'll", "i will", "i've", "i have",
    "so i", "we can", "we'll", "what i can",
];

/// What an agent might withhold from a client.
#[rustfmt::skip]
const WITHHELD: &[&str] = &[
    "refund", "refunds", "compensation", "goodwill", "discount", "service", "services", "bag",
    "car", "parcel", "order", "booking", "account", "membership", "deposit", "repair", "delivery",
    "money", "help", "access", "replacement",
];

/// Words about how the client has spoken or behaved.
#[rustfmt::skip]
const CONDUCT: &[&str] = &[
    "like that", "the way you", "your tone", "your attitude", "your language", "your behaviour",
    "your behavior", "abusive", "rude", "rudeness", "language", "spoken", "talking", "speaking",
];

/// Words that hedge a forecast ("usually", "should").
#[rustfmt::skip]
const HEDGES: &[&str] = &[
    "usually", "normally", "typically", "generally", "should", "aim", "aims", "expect", "expected",
    "hope", "hopefully", "likely", "can't promise", "cannot promise", "may", "might",
];

/// Time words that turn a forecast into a commitment.
#[rustfmt::skip]
const DATED: &[&str] = &[
    "today", "tonight", "tomorrow", "by", "within", "this", "first thing", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "morning", "afternoon", "evening",
];

/// Nothing in the sentence makes the step a fallback ("if it isn't there by Friday, ...").
fn not_conditional(c: &Ctx) -> bool {
    !c.sentence_has(CONDITIONAL)
}

/// The client is told to go to someone else, not to us, and not as a safety net.
fn sends_elsewhere(c: &Ctx) -> bool {
    let target = format!("{}{}", c.after, c.previous);
    not_conditional(c)
        && !c.sentence_has(EMERGENCY)
        && !starts_with_any(&c.after, &["us", "me", "our", "this team", "my"])
        && (has_any(&c.after, THIRD_PARTIES) || has_any(&target, THIRD_PARTIES))
}

/// Tone policing is only a fault when the client was not abusive, or has apologised since.
fn unprovoked(c: &Ctx) -> bool {
    !c.facts.abusive || c.facts.apologised
}

/// A rule stated with nothing the agent will do about it in the same sentence.
fn unengaged(c: &Ctx) -> bool {
    !c.sentence_has(ENGAGED)
}

/// The consequence named is something withheld from the client, not the end of the call.
fn withholds(c: &Ctx) -> bool {
    c.sentence_has(WITHHELD) || has_any(&c.previous, WITHHELD)
}

/// Conduct is named alongside what is withheld.
fn withholds_for_conduct(c: &Ctx) -> bool {
    c.sentence_has(CONDUCT) && withholds(c)
}

/// Someone other than the agent is the subject ("it'll definitely", not "I'll definitely").
fn not_my_own_act(c: &Ctx) -> bool {
    !ends_with_any(
        &c.before,
        &["i", "we", "i'll", "i will", "we'll", "we will"],
    )
}

/// An outsider's act on the client's outcome, dated and unhedged ("the bank will credit it
/// today", "the courier will definitely get it to you tomorrow").
fn outsider_dated(c: &Ctx) -> bool {
    let act = c
        .after
        .trim_start()
        .trim_start_matches("definitely ")
        .trim_start_matches("certainly ")
        .trim_start_matches("surely ");
    let acts = [
        "deliver",
        "arrive",
        "credit",
        "clear",
        "be with you",
        "be there",
        "come",
        "turn up",
        "reach you",
        "pay",
        "approve",
        "collect",
        "fix",
        "repair",
        "refund",
        "release",
        "return",
        "get it to you",
        "have it",
    ];
    acts.iter().any(|a| act.starts_with(&format!("{a} ")))
        && has_any(&c.after, DATED)
        && !c.sentence_has(HEDGES)
}

/// "It's (really quite) simple" about a task, or "really very simple to use", not "it's easy to
/// miss" about the client's slip, nor "it is simple, I can start it for you now" about what
/// the agent takes on.
fn claims_easy(c: &Ctx) -> bool {
    let mut words = c.after.split_whitespace().skip_while(|w| {
        [
            "all", "really", "actually", "quite", "very", "pretty", "super", "so", "quick", "nice",
            "and",
        ]
        .contains(w)
    });
    const TASKS: [&str; 8] = [
        "use",
        "do",
        "follow",
        "find",
        "understand",
        "navigate",
        "complete",
        "fill",
    ];
    words
        .next()
        .is_some_and(|w| ["simple", "easy", "straightforward"].contains(&w))
        && match words.next() {
            Some("to") => words.next().is_some_and(|w| TASKS.contains(&w)),
            next => !next.is_some_and(|w| ["i", "i'll", "we", "we'll"].contains(&w)),
        }
}

/// "You should have" followed by what the client did, not by what they were owed.
fn faults_the_client(c: &Ctx) -> bool {
    !starts_with_any(
        &c.after,
        &[
            "had", "been", "received", "got", "gotten", "heard", "a", "an", "the", "your", "it",
            "them", "one", "to", "needed", "seen",
        ],
    )
}

/// "As I said", but not "as I said I would".
fn repeats_an_answer(c: &Ctx) -> bool {
    !starts_with_any(
        &c.after,
        &["i would", "i'd", "i will", "i'll", "we would", "we'd"],
    )
}

/// Advice for next time, which implies the client caused it.
fn advises(c: &Ctx) -> bool {
    c.sentence_has(&[
        "should",
        "best to",
        "make sure",
        "suggest",
        "recommend",
        "try to",
        "remember to",
        "please",
        "need to",
        "better to",
        "worth",
        "carefully",
        "read",
    ])
}

/// Every rule.
pub(super) const RULES: &[Rule] = &[
    // Defensive: justifying us, our staff or our systems.
    rule(Defensive, "to be fair to (the|our|my) (team|staff|driver|drivers|engineer|engineers|colleague|colleagues|crew|courier|warehouse|store|company|enforcement team)", "defends your side before the client feels heard", "looking at what happened"),
    rule(Defensive, "(this|that|it|which) (isn't|is not|wasn't|was not|'s not) (on|down to) (me|us|our side|our end|my end)", "disowns the problem instead of dealing with it", "I'll take this on"),
    rule(Defensive, "to be fair", "defends your side before the client feels heard", "").when(|c| c.before.trim().is_empty() && !starts_with_any(&c.after, &["to"])),
    rule(Defensive, "in (our|my|their|the team's|the company's) defence", "defends your side before the client feels heard", "looking at what happened"),
    rule(Defensive, "(there|there's|there is) (wasn't|was not|was nothing|isn't|is nothing|nothing) (anything |)(they|we|the team|our team|i|the staff) could (have|'ve) done", "says nothing could have been done, which tells the client the failure is theirs to carry", "I'm looking into what went wrong on our side").sentence(),
    rule(Defensive, "(was|were|has been|have been) (applied|issued|charged|processed|calculated|handled|sent|set up|taken) (correctly|properly|in line with)", "insists we got it right instead of looking at the client's case", "I'm checking how this was done"),
    rule(Defensive, "(is|are|was|were) (correct|valid|accurate|justified|legitimate)", "insists we got it right instead of looking at the client's case", "is what I'm checking for you").when(|c| has_any(&c.before, &["charge", "charges", "fee", "fees", "bill", "amount", "deduction", "deductions", "price", "invoice"]) && !has_any(&c.before, &["so"])),
    rule(Defensive, "(we|the company|i|the clinic|the store|the shop) (can't|cannot|can not) be (held |)responsible", "disowns the problem instead of helping with it", "let me see what we can do"),
    rule(Defensive, "(we are not|we were not|we're not|we aren't|we weren't|i am not|i'm not|the company is not|the company isn't) (liable|accountable)", "disowns the problem instead of helping with it", "let me see what we can do"),
    rule(Defensive, "(we|i) (accept|take|bear|can accept|can take) no (responsibility|liability)", "disowns the problem instead of helping with it", "let me see what we can do"),
    rule(Defensive, "(not|isn't|is not) (our|my) (responsibility|fault|problem)", "disowns the problem instead of helping with it", "something I'll help with"),
    rule(Defensive, "(is|are) (very|extremely|really|always|incredibly) (thorough|careful|experienced|professional|reliable|accurate|well trained)", "praises our own side while the client is telling you it failed", "will be checked against what you saw").when(|c| has_any(&c.before, &["our", "the team", "the staff"])),
    rule(Defensive, "(our|the) (system|systems|records|tracking|logs|app) (clearly |)(shows|show|showed|says|say|confirms|confirm|indicates)", "answers the client's account with our records, as if they were wrong", "I'll check what happened against what you've told me").sentence().when(|c| !c.sentence_has(OWNS_IT) && has_any(&c.after, &["delivered", "correct", "valid", "active", "sent", "on time", "received", "working", "collected", "signed", "archived", "deleted", "cancelled", "accepted", "opened", "requested", "authorised", "authorized", "used"])),
    rule(Defensive, "(it|this|everything|the form|the system|the site|the app) (works|worked|is working|was working) (fine|perfectly|correctly|as expected|as intended|on my end|on our end|for me|on my side|on our side|when i test it)", "insists it works on our side instead of looking at what the client sees", "I'll look at what you and your customers are seeing"),
    rule(Defensive, "(outside|beyond|out of) (our|my|the company's) (control|hands)", "disowns the problem instead of saying what you will do about it", "not something I can decide alone, so here is what I'm doing about it").sentence().when(unengaged),
    rule(Defensive, "nothing wrong (with|on) (it|the|our|my)", "insists it works on our side instead of looking at what the client sees", "something I'll check properly"),
    rule(Defensive, "(followed|following|followed all|went through|did) (the|our|all the|the usual|the standard|the normal) (correct |right |proper |standard |usual |normal |)(process|procedure|procedures|protocol|steps|guidelines)", "insists we followed the process instead of looking at what happened to the client", "I'm looking at what happened here").when(|c| !c.sentence_has(&["didn't", "did not", "wasn't", "was not", "not"])),
    rule(Defensive, "(gave|made|said|promised|quoted|set|offered) (you |)(that|the|this|it|those|these|a|) (date|estimate|timeline|figure|quote|promise|time|deadline|) in good faith", "defends a colleague's word before the client feels heard", "gave you that date, and it wasn't kept").sentence(),
    rule(Defensive, "(describing|calling|labelling|labeling) (this|it|that|us|our (charge|fee|renewal|service)) (as |)(a scam|fraud|theft|stealing|a con|a rip-off|a ripoff|daylight robbery) (is not|isn't|is not really|isn't really|is|would be) (not |)(accurate|fair|correct|true|right|appropriate)", "argues with the client's word for it instead of looking at what upset them", "I understand why it looks that way to you"),
    rule(UncontrolledOutcome, "(can confirm|can also confirm|also confirm|i confirm|i promise|i guarantee|i can promise|i can guarantee|rest assured) (that |)(you'll|you will|you're going to|you are going to) (receive|get|be given|be paid|be offered) (compensation|a payout|damages|a goodwill payment|a full refund|your money back)", "promises compensation that is not yours to decide", "I'll put your case for compensation to the team that decides it, and tell you their answer by <time>").sentence(),
    // Our workload, a stopgap of the client's own and a plea for patience, put to a client who
    // is without heat: "our engineers are very busy ... we'd recommend using extra layers ... give
    // us the chance to resolve this first".
    rule(Defensive, "(our|the) (engineers|engineer|team|teams|staff|drivers|technicians|contractors|plumbers) (are|is) (very|extremely|really|incredibly|so|rather|quite) (busy|stretched|overstretched|short-staffed|short staffed|under pressure)", "puts our workload before the client's trouble", "I'm getting this booked in for you"),
    rule(Defensive, "((we're|we are|we have been|we've been) (receiving|experiencing|dealing with|getting|handling|seeing) (a |an |)(very |unusually |exceptionally |)(high|higher|large|huge|increased|heavy) (volume|number|amount|level) of|(replies|responses|response times|our replies|our responses) (can|may|might|could) take (a little |a bit |slightly |)longer than (usual|normal))", "puts our workload before the client's trouble", "I'm dealing with this myself now"),
    rule(Minimising, "(recommend|suggest|advise) (using|wearing|putting on|you use|you wear|you put on) (extra|more|warm|some extra) (layers|jumpers|blankets|clothing|clothes)", "answers a cold home with advice to wrap up, which makes it sound small", "In the meantime I'll see what we can get to you to keep warm"),
    rule(Dismissive, "(give|allow|let) us (the|a) (chance|opportunity) to (resolve|sort|fix|put right|deal with) (this|it|things) (first|before)", "talks the client out of taking it further, which closes the door", "You're free to take this further, and I'll give you what you need to do that.").sentence(),
    // Vouching for how things are made while the client says this one failed: "every update is
    // tested thoroughly before release".
    rule(Defensive, "(every|all|each of) (our |)(update|updates|release|releases|product|products|order|orders|parcel|parcels|item|items|repair|repairs|change|changes) (is|are|gets|get|goes|go) (tested|checked|inspected|quality checked|reviewed) (thoroughly|carefully|rigorously|fully|properly|twice|by hand)", "vouches for how we work while the client is telling you it failed", "I'm looking at what went wrong with this one"),
    rule(Defensive, "(issues|problems|faults|errors|bugs|mistakes|delays) (like this|like these|of this kind|such as this) (are|is) (very |extremely |really |incredibly |)(rare|uncommon|unusual)", "says it seldom happens, which answers the client with our record instead of their case", "This shouldn't have happened"),
    rule(Defensive, "(i'm|i am) (only|just) trying to help", "puts your own effort at the centre instead of the client's problem", "I want to get this fixed for you"),
    rule(Defensive, "(i've|i have) been (more than|very|extremely|really) patient", "puts your own effort at the centre instead of the client's problem", "I want to get this fixed for you"),
    rule(Defensive, "(for your information|just so you're aware|just so you are aware)", "reads as a correction delivered from above", ""),
    rule(Defensive, "(sent|posted|emailed|wrote to|notified|informed|told) (a letter|letters|an email|emails|a notice|notices|a text|) (to |)(every|all|everyone|each)", "says everyone was told, which blames the client for missing it", "wrote about this, but it clearly didn't reach you, and").when(|c| ends_with_any(&c.before, &["we", "we've", "we have", "i", "i've", "i have"])),
    // Blame dressed as advice or explanation.
    rule(Blame, "(you should have|you shouldn't have|you should've|you should not have)", "puts the blame on the client", "it can help to").when(faults_the_client),
    rule(Blame, "you (probably|must have|might have|may have|likely|most likely) (just |)(clicked|pressed|tapped|entered|typed|misread|forgot|forgotten|missed|ordered|selected|paid|confused)", "guesses at a mistake of the client's, which blames them before anything is checked", "I'll check what happened").sentence(),
    rule(Blame, "you failed to", "puts the blame on the client", "it looks like we didn't get").when(|c| !ends_with_any(&c.before, &["to", "for", "from", "with", "at", "on", "of", "by"])),
    rule(Blame, "if you (had|'d) (done|checked|read|followed|listened|looked|paid attention|told us|called|asked)", "puts the blame on the client", "").sentence(),
    rule(Blame, "(being rude|shouting|getting angry|swearing|raising your voice|having a go at me|threatening staff|threatening me|threatening us|threatening my colleagues|threatening people) (to me |at me |)(won't|will not|isn't going to|is not going to|doesn't|does not) (get|make|help|fix|speed)", "answers the client's anger with a rebuke instead of the fix", "").sentence(),
    rule(Blame, "(next time|in future|in the future|for future reference|going forward|for next time)", "advice for next time implies the client caused this", "").sentence().when(advises),
    rule(Blame, "(is|are|was|were|it's|it is) ((clearly|all|already|plainly) (shown|stated|explained|set out|displayed|printed|written|listed|mentioned|marked|labelled|labeled|signposted)|(shown|stated|explained|set out|displayed|printed|written|listed|mentioned|marked|labelled|labeled|signposted) (clearly|plainly)) (on|in|as|at|when|during|before|throughout)", "points to where it was written, as if the client should have known", "I can see how this was easy to miss, so here it is in plain words: <the detail>.").sentence(),
    rule(Blame, "as (we|i|we've|i've|we have|i have) (clearly|plainly) (explained|stated|said|told you|mentioned|set out|shown|pointed out)", "points to what you said before, as if the client should have listened", "").sentence(),
    rule(Blame, "(we|i) did (ask|tell|warn|remind|advise|inform|notify|email|write to) (you|tenants|all tenants|customers|residents|guests|everyone|all customers|all residents|all guests|clients|users|all users)", "says the client was told, which puts it on them", "").sentence().when(|c| !c.sentence_has(OWNS_IT)),
    rule(Blame, "as (was |is |)(clearly|plainly) (shown|stated|explained|set out|displayed|printed|written|listed|marked|labelled|labeled|signposted|advertised) (on|in|at|when|during|before|throughout)", "points to where it was written, as if the client should have known", "I can see how this was easy to miss, so here it is in plain words: <the detail>.").sentence().when(|c| !has_any(&c.after, SMALL_PRINT)),
    rule(Blame, "(on|at) your (end|side)", "puts the fault on the client before anything is checked", "on the way through").sentence().when(|c| c.sentence_has(&["wasn't", "was not", "weren't", "didn't", "did not", "not completed", "not submitted", "failed", "incomplete"]) && !c.sentence_has(OWNS_IT)),
    rule(Blame, "(customers|clients|users|guests|passengers|tenants|members|you) (are|were|is|remain) (responsible|expected) (for|to) (checking|check|making sure|make sure|ensuring|ensure|reading|read|confirming|confirm|keeping|keep)", "tells the client it was theirs to catch, which puts the fault on them", "").sentence(),
    rule(Dismissive, "(take|takes) as long as (they|it) (take|takes)", "shrugs off the wait, which tells the client nobody is watching it", "I'll check where yours has got to"),
    rule(Blame, "(user error|operator error|customer error|a mistake on your (part|side|end)|an error on your (part|side|end)|human error on your (part|side|end))", "puts the fault on the client before anything is checked", "I'll check what happened").sentence().when(|c| !ends_with_any(&c.before, &["not", "wasn't", "isn't", "no", "never"])),
    rule(Blame, "(most|the rest|many|plenty) of (your|the|our) (other |)(neighbours|neighbors|customers|guests|passengers|tenants|residents|patients|users|clients|people)", "compares the client with others who managed, which blames them", "").sentence().when(|c| has_any(&c.after, &["did", "moved", "managed", "had", "have", "read", "knew", "saw", "noticed", "followed", "understood"])),
    rule(Blame, "(often|usually|commonly|typically|mostly|generally|normally|frequently) (caused by|down to|due to|the result of|a result of) (lifestyle|how you|the way you|your|user|users|customer|customers|tenant|tenants|occupants|drying|not ventilating|misuse)", "puts the cause on the client instead of looking at their case", "can have several causes, and I'll check what's behind yours").sentence(),
    rule(Blame, "(i'd|i would|we'd|we would|i|we) (recommend|suggest|advise) (that you |you |)(review|reviewing|read|reading|check|checking|double-check|double-checking|look at|looking at)", "advice on what the client should have done implies they caused this", "").sentence().when(|c| c.sentence_has(&["carefully", "before", "in future", "next time", "properly", "closely"])),
    rule(Blame, "(it's|it is|it'd be|it would be|it might be|it may be) (always |)(worth|a good idea|wise|sensible|advisable|best) (to |)(keep|keeping|check|checking|read|reading|review|reviewing|double-check|double-checking|look|looking|set|setting)", "a tip on the client's habits implies they caused this", "").sentence().when(|c| c.sentence_has(&["track", "an eye", "regularly", "carefully", "always", "every time", "each time", "before you", "habit", "in general", "as a rule"])),
    rule(Blame, "(your own fault|your fault)", "puts the blame on the client", "what happened").when(|c| !ends_with_any(&c.before, &["not", "isn't", "wasn't", "is not", "was not", "never", "in no way", "none of this is", "none of it is", "nothing is", "none of this was"])),
    rule(Blame, "(if you had|if you'd|had you) (given|sent|read|checked|looked|told|followed|ordered|booked|called)", "puts the blame on the client", "to get this right from here,"),
    // Deflecting: the client is sent to someone else to chase what we should.
    rule(Deflecting, "(you'll|you will|you'd|you would|you|you may|you might) (need|have|want|wish) to (contact|call|ring|phone|speak to|talk to|get in touch with|email|write to|raise it with|raise this with|take it up with|take this up with|go back to|reach out to|chase|report it to|report this to|open a claim with|claim from|complain to)", "sends the client to someone else to sort out what we should chase", "I'll contact").when(sends_elsewhere),
    rule(Deflecting, "(please|kindly) (contact|call|ring|speak to|talk to|get in touch with|raise it with|refer to|reach out to|take it up with|go to)", "sends the client to someone else to sort out what we should chase", "I'll contact").when(sends_elsewhere),
    rule(Deflecting, "(the|your) (best|quickest|fastest|easiest|simplest|right) (thing|way|route|option|step|course of action) (is|would be|will be) to", "sends the client to someone else to sort out what we should chase", "I'll").when(|c| starts_with_any(&c.after, &["contact", "call", "ring", "speak", "talk", "get in touch", "raise", "take", "open", "go", "reach", "email", "write", "chase", "ask", "claim"]) && sends_elsewhere(c)),
    rule(Deflecting, "(it's|it is|it'd be|it would be) (worth|best|better) (raising|contacting|calling|speaking to|talking to|checking with|taking|asking|getting in touch with|to contact|to raise|to speak to|to call|to ask|to check with)", "sends the client to someone else to sort out what we should chase", "I'll raise").when(sends_elsewhere),
    rule(Deflecting, "(they're|they are|they'd be|they would be) the (right|best|only) (people|ones|team|place|person) to", "sends the client to someone else to sort out what we should chase", "I'll speak to them for you").sentence().when(|c| not_conditional(c) && starts_with_any(&c.after, &["speak to", "talk to", "contact", "ask", "deal with", "call", "handle", "raise"])),
    rule(Deflecting, "(contact|call|ring|speak to|talk to|raise it with|get in touch with|email|chase|claim with|a claim with) (them|him|her|the courier|the manufacturer|the bank|the seller|the supplier|the airline|the client|the customer|the buyer|the other party|the sender|the recipient) directly", "sends the client to someone else to sort out what we should chase", "I'll contact them myself").when(not_conditional),
    rule(Deflecting, "(reaching out|reach out|getting in touch|get in touch|speaking|talking|writing|emailing|calling|ringing|contacting) (to |with |)(them|him|her|that team|the team|the department) directly", "sends the client to someone else to sort out what we should chase", "I'll contact them myself").when(not_conditional),
    rule(Deflecting, "(i'd|i would|i) (suggest|recommend|advise) (sending|messaging|writing to|emailing|calling|ringing|contacting|chasing|asking|reminding|nudging) (him|her|them|the seller|the buyer|the client|the customer|the other party|the landlord|the courier|the supplier)", "leaves the client to chase someone else for what we could chase", "I'll chase them myself").when(not_conditional),
    // Sent to another queue while harm goes on: "please call our customer line between 8am and
    // 8pm and a colleague will rebook you".
    rule(Deflecting, "(please |you can |you'll need to |you will need to |)(call|ring|phone|contact|check|use|try|go to|download) (our|the) (customer line|customer service line|customer services|helpline|help line|phone line|call centre|call center|contact centre|contact center|service desk|reservations line|booking line|app|website|online portal|help centre|help center)", "sends a client who needs help now to another queue", "I'll do this for you now").sentence().when(|c| c.facts.urgent && not_conditional(c)),
    // Another team's job, with nothing we will do about it: "payments are handled by our
    // finance team and I don't have any visibility of their schedule".
    rule(Deflecting, "(is|are) (handled|dealt with|managed|decided|processed|done|run) by (our|the|a|another|a different|a separate|their)", "hands it to another team instead of saying what you will do", "I'll take this to them myself").sentence().when(|c| unengaged(c) && has_any(&first_words(&c.after, 3), &["team", "department", "dept", "office", "colleagues"])),
    rule(Deflecting, "(send|give|email|text|forward|pass) you (their|the courier's|the manufacturer's|the supplier's|the seller's|the bank's|the partner's|the airline's)", "hands the client someone else's details to chase instead of chasing them yourself", "contact them myself and send you what they say, not").when(|c| not_conditional(c) && has_any(&first_words(&c.after, 2), &["details", "number", "contact", "phone", "email", "helpline", "website"])),
    rule(Deflecting, "(please |)refer to the (deposit|dispute|complaints|ombudsman|protection|resolution) (scheme|service|process|procedure|team)", "sends the client to a dispute process instead of looking at their case", "I'll review this with you first; the dispute scheme stays open to you").sentence(),
    rule(Deflecting, "(best|better|only|quickest|easiest) (resolved|sorted|sorted out|dealt with|handled|settled|raised|taken up|recovered) (with|by|through) (the payee|the merchant|the seller|the retailer|the recipient|the other party|your landlord|the landlord|the courier|the bank|your bank|them|the company)", "sends the client to someone else to sort out what we should chase", "I'll take this up with them myself").sentence(),
    rule(Deflecting, "(a family member|someone in your family|a member of your family|your family|a relative|a friend|a neighbour|a neighbor|someone you know|someone you trust|your son|your daughter|your children|your carer) (could|can|may be able to|might be able to|might|would be able to) (help you|assist you|do it|log in|sort it|set it up|go through it)", "leaves the client to find help from their family instead of helping them yourself", "I can go through it with you myself").sentence(),
    rule(Deflecting, "(a matter|an issue|something|one) (between you and|for you and|for you to take up with|for you to raise with) (your|the) (bank|card provider|card issuer|insurer|landlord|courier|airline|supplier|manufacturer|provider|employer|council)", "hands the client's loss to someone else instead of looking at our part in it", "something I'll look at with you, starting with our part in it").sentence(),
    rule(Deflecting, "(is|are) (the|your) (landlord's|bank's|courier's|manufacturer's|insurer's|council's|airline's|supplier's|contractor's) (responsibility|problem|job|matter|decision)", "hands the problem to someone else instead of saying what you will do", "is theirs to fix, and I'll chase them for you").sentence().when(unengaged),
    // Stonewalling: the door is closed.
    rule(Stonewalling, "(there's|there is|there isn't|there is not|) (nothing|not anything|not much) (more|else|further) (i|we) can (do|offer|say)", "closes the door: the client hears that nothing more will happen", "here is what I can still do"),
    // "Do not send any more money" to a scammer keeps the client safe; it closes no door.
    rule(Stonewalling, "(do not|don't) (send|email|contact|call|write to|message) (us |me |)(any further|further|any more|again)", "shuts the client out instead of answering them", "").sentence().when(|c| !starts_with_any(&c.after, &["money", "funds", "payment", "payments", "cash", "transfers", "codes", "details", "to them", "to him", "to her", "to that"])),
    rule(Stonewalling, "(managers|our managers|a manager|supervisors|our supervisors|team leaders) (do not|don't|cannot|can't|won't|will not|never) (take|accept|speak to|talk to|deal with|call|handle) (customer |client |)(calls|customers|clients|complaints|queries)", "closes the door on a request to speak to someone more senior", "I'll pass your request to my manager and tell you what they say"),
    rule(Stonewalling, "(the|this|our|my|that) (decision|answer|outcome|position) is final", "closes the door: the client hears that nothing more will happen", "this is the decision so far, and here is how it can be reviewed"),
    rule(Stonewalling, "(we|i) (won't|will not|can't|cannot|are unable to|am unable to|are not able to|will no longer) (be |)(reviewing|reconsidering|reopening|discussing|looking into|changing|review|reconsider|reopen|discuss|look into|change)", "closes the door: the client hears that nothing more will happen", "I'll look at this again with what you've sent").sentence().when(|c| has_any(&c.after, &["further", "again", "any further", "anymore", "any more"])),
    rule(Stonewalling, "(this|the|that) (matter|case|complaint) is (now |)closed", "closes the door: the client hears that nothing more will happen", "here is what happens next"),
    rule(Stonewalling, "no further (correspondence|discussion|action|review)", "closes the door: the client hears that nothing more will happen", "a further review"),
    rule(Stonewalling, "(i|we) (don't|do not) have to (listen|take|put up)", "closes the conversation instead of setting a clear boundary", "I won't continue if comments like that go on"),
    rule(Stonewalling, "(as i said|as i've said|as i have said|as i already said|as i've already said|as i have already said|as explained|as previously explained|as i explained|as i've explained|as i already explained|as i've already explained|as i have already explained|as already explained|as already stated|as mentioned|as previously mentioned|as already mentioned|as i already mentioned|as you've acknowledged|as you have acknowledged)", "repeats an earlier answer instead of moving the case on", "").when(repeats_an_answer),
    rule(Stonewalling, "(you can|you're welcome to|you are welcome to|feel free to) (call back|ring back|reapply|apply again|try again later|get someone else|speak to someone else|ask someone else)", "sends the client away instead of helping now", "I'll help you with this now").when(not_conditional),
    rule(Stonewalling, "if you (feel|wish|want|think) (you need |you'd like ||)to (move|dispute|appeal|complain|escalate|take this further|take it further|go elsewhere)", "points the client to the exit instead of working on their case", "").sentence().when(|c| unengaged(c) && !c.sentence_has(&["i'll", "i will"])),
    // Condescending: talking down, or policing a client who was not abusive.
    rule(Condescending, "(english is not|english isn't|english isn't|not your first language|not your native language|not a native speaker|your english)", "remarks on the client's English instead of answering them", "").sentence(),
    rule(Condescending, "(it's|it is|that's|that is|this is)", "talks down to the client, as if the problem were their slowness", "Here's how it works: <the steps, one at a time>.").sentence().when(claims_easy),
    rule(Condescending, "(in black and white|as anyone would know|as everyone knows|as you should know|as most people know|which is what most people do|which is normally what people do|which is usually what people do|what most people do)", "talks down to the client", ""),
    rule(Condescending, "if you (look|read|check) (carefully|closely|properly|again|more carefully)", "talks down to the client", "if you look at"),
    rule(Condescending, "(more|a bit more|a little more) carefully", "talks down to the client", ""),
    rule(Condescending, "(check|read|look at|look through|go through) (it |them |this |that |your statement |your account |your app |your banking app |your emails |your email |the email |the terms |the details |your inbox |)properly", "talks down to the client, as if they had not looked", "").when(|c| !has_any(&c.before, &["i", "i've", "we", "we've", "i'd", "we'd"])),
    rule(Condescending, "(not sure|unsure|don't know|do not know|can't see|cannot see) where (the|your|any|this) (confusion|misunderstanding) (has come|came|is coming|comes|has arisen|arose) from", "suggests the client is confused about something plain, which talks down to them", "I can see why this wasn't clear"),
    rule(Condescending, "(perhaps|maybe) (you'd|you would|you'll|you will) (like|want|wish) to (read|re-read|reread|look at|check|review|have a look at|take a look at)", "talks down to the client, as if the answer were theirs to find", "Here is what it says, in plain words: <the detail>.").sentence(),
    rule(Condescending, "(if you need help understanding|ask someone to go through it|get someone to go through it|ask someone to explain|get someone to explain|maybe ask someone)", "talks down to the client", "I'll go through it with you now, line by line"),
    rule(Condescending, "(don't you worry|don't worry yourself|, dear|, love|, sweetheart|, sweetie|, hun|, honey|, darling|, mate|listen ,)", "a pet name or a pat on the head talks down to the client", ""),
    rule(Condescending, "(behave|behaving|acting) like a (child|baby|kid|toddler)", "insults the client back", "I'll help you with this"),
    rule(Condescending, "(there's|there is|) no need (to be|for) (so |that |this |)(rude|abusive|nasty|aggressive|hostile|that|language like that|that language|that kind of language|swearing)", "polices the tone of a client who was not abusive", "I can hear how frustrating this is").when(unprovoked),
    rule(Condescending, "(keep|keeping) (it|things|this|the chat|the call|the conversation|your language|the language|your tone) (respectful|civil|polite|professional|calm|clean)", "polices the tone of a client who was not abusive", "I can hear how frustrating this is").sentence().when(unprovoked),
    rule(Condescending, "(please|i'd ask you|i would ask you|i must ask you|i'll ask you|i will ask you|) (not to|don't|do not|try not to) (swear|use that language|use language like that|raise your voice)", "polices the tone of a client who was not abusive", "").sentence().when(unprovoked),
    rule(Condescending, "(watch your|mind your) (language|tone|manners)", "polices the tone of a client who was not abusive", "").sentence().when(unprovoked),
    rule(Condescending, "(that's not|that is not|this is not|it's not|it is not|that isn't|this isn't) how (it|this|things|that) (works|work)", "tells the client they have it wrong instead of explaining what does apply", "Here's how it works in your case").when(|c| !c.sentence_has(&["i know", "i understand", "i can see", "i realise", "i realize"])),
    rule(Condescending, "(not sure|no idea|don't know|do not know) where (you|he|she|they|your (friend|nephew|niece|son|daughter|husband|wife|partner|colleague|neighbour|mum|dad|brother|sister)) (got|heard|read|found) (that|this|his|her|their|your|the) ", "doubts the client's source instead of answering them", "I can see why you expected that, so here's what applies").sentence(),
    rule(Condescending, "(once|when|as soon as) you're (calmer|calm|ready to be polite|ready to talk respectfully|ready to be civil|in a better mood)", "tells the client to calm down before they get help", "").sentence().when(unprovoked),
    rule(Condescending, "(it's not|it is not|this is not|that's not|that is not|it isn't|this isn't|it really isn't|it's really not) (that|very|really|so|all that) (complicated|difficult|hard|confusing)", "talks down to the client, as if the trouble were theirs for not following", "Here's how it works"),
    rule(Condescending, "(keep your voice down|lower your voice|stop shouting at me|no need to shout)", "polices the tone of a client who was not abusive", "I can hear how frustrating this is").sentence().when(unprovoked),
    rule(Condescending, "(follow|followed|following|do|did|read|use|used) (the steps|the instructions|them|it|the guide|the form) (properly|correctly|the right way)", "talks down to the client, as if the fault were in how they followed us", "Let's go through the steps together"),
    rule(Condescending, "(i don't|i do not) appreciate (that|your|the|this) (kind of |)(language|tone|attitude)", "objects to the client's tone instead of naming the line and what happens if it is crossed", "Please don't use language like that, or I'll have to end the call").when(unprovoked),
    rule(Condescending, "(we|i) (do |would |)(ask|expect) (all|every|our) (customers|patients|guests|callers|clients|members|users)", "polices the tone of a client who was not abusive", "").sentence().when(|c| unprovoked(c) && has_any(&c.after, &["respectful", "polite", "civil", "calm", "courteous", "language"])),
    rule(Dismissive, "(the|this) (client|customer) (is|was|isn't|wasn't|has|had|hasn't|will|should|does|did|doesn't|didn't|owes|needs|wants|said|says|claims|thinks|paid|can|can't|cannot)", "speaks of the client in the third person, like a note about them rather than a message to them", "").when(|c| !c.facts.their_clients),
    rule(Dismissive, "(let's|let us) (both |)(take a breath|take a deep breath|calm down|keep calm|stay calm)", "tells the client how to feel instead of dealing with what they said", ""),
    rule(Dismissive, "(there's|there is|there's really|there is really|really) no (need|reason) (to|for you to) (post|share|write|tweet|leave|put|go public|publish) (anything|it|this|that|a review|reviews|online|on social media|about)", "talks the client out of speaking publicly, which reads as buying their silence", "").sentence(),
    rule(Dismissive, "((will|'ll|would|'d) (only|just) (tell|say|give) you the same|(there's|there is) no point (going to|taking this to|taking it to|complaining to|contacting|escalating))", "talks the client out of taking it further, which closes the door", "You're free to take this further, and I'll give you what you need to do that.").sentence(),
    rule(Blame, "(the problem|the issue|the fault|it) (is|'s) (probably|most likely|likely|almost certainly) (on|with|at) your (phone|end|side|device|computer|laptop|router|network|browser|settings)", "puts the cause on the client before it has been checked", "I'll check what's behind it"),
    rule(Dismissive, "(there's|there is|there's really|there is really|really) no (need|reason) (to|for you to) (involve|contact|go to|complain to|report (this|it) to|escalate (this|it) to|take (this|it) to|bring in|get) (the |your |an |a |my |any |)(council|ombudsman|regulator|solicitor|solicitors|lawyer|lawyers|press|media|police|bank|manager|supervisor|trading standards|environmental health|legal)", "talks the client out of taking it further, which closes the door", "You're free to take this further, and I'll give you what you need to do that.").sentence(),
    rule(Dismissive, "(posting|leaving|writing|putting|threatening|going to) (reviews|a review|bad reviews|negative reviews|it online|on social media|online|the press|to the press|to post|to review) (online |on social media |about us |)(will not|won't|wont|isn't going to|is not going to|doesn't|does not|can't|cannot) (speed|make|help|change|get)", "answers the client's plan to go public with a rebuke, which tells them their voice does not count", "You're free to share your experience; here is what I'm doing about it now").sentence(),
    rule(Dismissive, "(calling|ringing|phoning|chasing|emailing|writing|contacting us|contacting the|calling the|calling us|ringing us) (the phone line |the helpline |us |)(again |repeatedly |more often |every day |)(will not|won't|doesn't|does not|isn't going to|is not going to|can't|cannot) (speed|make|help|change|get)", "tells the client that reaching out is pointless, which shuts them out", "I'll keep you updated myself, so you don't have to chase").sentence(),
    rule(Dismissive, "((someone|somebody|an engineer|a technician|the team|the engineering team|a colleague|my colleague|a manager|they) (will|'ll|is going to|are going to|can|should) (call|ring|phone|contact)|(someone|somebody) (calls|rings|phones|contacts)) you", "offers again the call the client has just turned down", "I'll <do what they asked for> now and tell you <the date and time>").sentence().when(|c| c.facts.call_refused),
    rule(Dismissive, "(thank you|thanks|many thanks|thank you so much|thanks so much) (again |)for (your|all your|your continued|your ongoing) (patience|understanding|time waiting)", "thanks the client for a patience they have told you ran out", "I'm sorry you've had to chase this").when(|c| c.facts.chased),
    rule(Dismissive, "(i hope|i trust|hopefully) (that|this) (clears|clarifies|explains|answers|settles|resolves) (things|it|everything|matters|the matter|your query|your question|your concerns|your concern|up)( up|)", "presumes the matter is settled while the client is still upset", "Does that answer what you asked, or is there something I've missed?").sentence().when(|c| c.facts.heated),
    rule(Dismissive, "sorry if (it|that|this|you|there) ", "a conditional apology reads as no apology", "I'm sorry that "),
    rule(Dismissive, "sorry (that |)you (feel|felt|think|thought|believe|believed|find|found|perceive|were upset|are upset|were unhappy|are unhappy|were disappointed|are disappointed|see it)", "apologises for how the client feels, not for what happened, which reads as no apology", "I'm sorry that "),
    // Policy hiding: the rule instead of the case.
    rule(PolicyHiding, "as (clearly |plainly |)(set out|stated|outlined|detailed|specified|described|explained|mentioned|noted|shown|defined|per) in (section|clause|our|the|your) ", "answers with the small print instead of with the client's case", "The rule here is <the rule, in plain words>, and this is what I can do for you within it: <option>.").sentence().when(|c| has_any(&c.after, SMALL_PRINT)),
    rule(PolicyHiding, "(in line|in accordance|in keeping|consistent) with (our|the|your) (policy|policies|terms|terms and conditions|terms of service|t&cs|conditions|conditions of carriage|agreement|rental agreement|tenancy agreement|contract|rules|procedure|procedures|process|guidelines|regulations)", "answers with the small print instead of with the client's case", "The rule here is <the rule, in plain words>, and this is what I can do for you within it: <option>.").sentence().when(unengaged),
    rule(PolicyHiding, "(as per|per|under|according to|in accordance with|in line with) (our|the|your) (delivery |returns |return |refund |cancellation |booking |service |company |standard |tenancy |rental |)(policy|policies|terms|terms and conditions|terms of service|t&cs|conditions|rules|procedure|process|guidelines|agreement|tenancy agreement|lease)", "answers with the small print instead of with the client's case", "The rule here is <the rule, in plain words>, and this is what I can do for you within it: <option>.").sentence().when(unengaged),
    rule(PolicyHiding, "(our|the) (terms|policy|rules|t&cs|agreement|contract|consent form|conditions|small print|terms and conditions) (clearly |)(state|states|say|says|mention|mentions|explain|explains|cover|covers|allow|allows|do mention|does mention|make clear|makes clear|don't allow|do not allow)", "answers with the small print instead of with the client's case", "The rule here is <the rule, in plain words>, and this is what I can do for you within it: <option>.").sentence().when(unengaged),
    rule(PolicyHiding, "for (illustration|illustrative) (purposes |)only", "hides behind a disclaimer instead of looking at what the client was shown", "may not have matched what you saw"),
    rule(PolicyHiding, "(for|due to|because of) (regulatory|legal|data protection|security|confidentiality|privacy|policy|compliance|gdpr) (reasons|rules|regulations|requirements)", "hides behind a rule instead of explaining what you can", "The rule here is <the rule, in plain words>, and this is what I can do for you within it: <option>.").sentence().when(|c| c.sentence_has(&["unable", "can't", "cannot", "not able", "not allowed", "won't", "not permitted"]) && unengaged(c)),
    rule(PolicyHiding, "(it's|that's|this is|it is|that is) (the|our|standard|company|hotel|store|bank|shop|clinic|just the) (process|procedure|policy|practice|rule|rules)", "hides behind the process instead of dealing with the client's case", "this is the usual process, and here is what I can do for you").when(unengaged),
    rule(PolicyHiding, "(which|that|this|it) is (just |simply |)how (the|our) (system|process|booking system|policy|procedure) (works|work)", "hides behind the system instead of dealing with the client's case", "this is how it usually works, and here is what I can do for you").when(unengaged),
    rule(PolicyHiding, "(you're|you are|you aren't|you are not) (not |)(entitled|eligible) (to|for) (any |a |)(compensation|a refund|refund|refunds|a payment|reimbursement|a credit|money back) (under|per|according to|as per|because of)", "answers with the rules instead of with what the client can still have", "The rule here is <the rule, in plain words>, and this is what I can do for you within it: <option>.").sentence().when(unengaged),
    rule(PolicyHiding, "part of (our|the) (standard|normal|usual|set|required) (process|procedure|practice|checks|steps|script)", "hides behind the process instead of dealing with the client's case", "what I'd usually check, and here is what I'm doing for you").sentence().when(unengaged),
    rule(PolicyHiding, "(is|as|it's|it is) (standard|normal|our usual) (practice|procedure)", "hides behind the process instead of dealing with the client's case", "is how it usually works"),
    rule(PolicyHiding, "(not allowed to|aren't allowed to|isn't allowed to|not permitted to|are not permitted to|unable to refund|unable to accept|unable to exchange|unable to offer|unable to discuss|unable to share|unable to give)", "refuses by the rule without saying what you can do", "The rule here is <the rule, in plain words>, and this is what I can do for you within it: <option>.").sentence().when(unengaged),
    rule(PolicyHiding, "(every|all) (customer|customers|patient|patients|application|applications|client|clients|tenant|tenants|case|cases|request|requests|claim|claims) (has to|have to|must|is assessed|are assessed|is treated|are treated|is handled|are handled) ", "answers with what applies to everyone instead of this client's case", "The rule here is <the rule, in plain words>, and this is what I can do for you within it: <option>.").sentence().when(unengaged),
    rule(PolicyHiding, "(claim|reclaim|get) (it|the fee|the money|the cost|this|that|them|the difference) back (afterwards|later|after|once)", "asks the client to pay first and reclaim it through a process", "I'll find out now whether we can take it off before you pay"),
    // Counter-threats: retaliation, not a boundary.
    rule(CounterThreat, "(after|given|because of|considering) (the way|how) (you've|you have|you) (spoke|spoken|talked|behaved|acted|treated|addressed)", "ties what the client gets to their tone: that is retaliation, not a boundary", "What you're owed doesn't depend on how this call has gone; I'll pass the refund question to my manager.").sentence(),
    rule(CounterThreat, "(for all i care|you can forget (about |)(getting|your|a|the)|forget about (getting|your)|you won't be getting|don't expect (a|any)|wouldn't expect (a|any))", "withholds what the client is owed out of spite", "What you're owed stays on the table; I'll tell you where it stands by <time>.").sentence(),
    rule(CounterThreat, "(lead to|result in|mean) (us |)(refusing|withdrawing|suspending|stopping|ending|closing|cancelling|terminating|restricting|blocking) (service|your service|your account|the account|your membership|your booking|access|your order)", "threatens to withhold service over the client's tone", "").sentence(),
    rule(CounterThreat, "(refuse|refusing|withdraw|withdrawing) (you |)(service|the service|our service)", "threatens to withhold service over the client's tone", "").sentence(),
    rule(CounterThreat, "(failure|failing) to (pay|make (a |the |)payment|respond|reply|comply|clear the balance) (may|will|could|might|can) (result in|lead to|mean)", "warns the client of consequences instead of helping them through the problem", "").sentence(),
    rule(CounterThreat, "(defamatory|defamation|libel|libellous|libelous|slander|slanderous|legal action against you|take legal action|action against you|our lawyers|our solicitors|our legal team)", "hints at legal action against the client, which escalates", "You're free to share your experience; I'd like the chance to put this right first.").sentence(),
    rule(CounterThreat, "((security|the police) (will|'ll|may|might|could) be (called|contacted|involved)|(call|calling|get|getting|involve|involving) (security|the police)|(you'll|you will|you may|you might|you could|you can) be (banned|barred|removed|blocked|refused entry))", "threatens a client who threatened nobody", "").sentence().when(unprovoked),
    rule(CounterThreat, "((start|begin|issue|commence|take|pursue|bring) (eviction|possession|legal|court|recovery|debt recovery|enforcement) (proceedings|action)|(pass|hand|refer|send) (this|it|your account|the account|the debt|the balance) (on |over |)to (debt collectors|a debt collector|a debt collection agency|collections|bailiffs|enforcement agents))", "threatens the client with proceedings instead of dealing with their problem", "").sentence(),
    // "Pay in full within 14 days to avoid further action", "enforcement action is a standard
    // part of the recovery process": the threat is in the process named.
    rule(CounterThreat, "(to avoid|or face|or risk|before we take|before we start) (any |)(further|more|enforcement|legal|court|recovery|debt recovery) (action|proceedings|steps|charges)", "holds further action over the client instead of dealing with their problem", "").sentence(),
    rule(CounterThreat, "(enforcement|recovery|debt recovery|legal|court) (action|proceedings) (is|are) (a |)(standard|normal|routine|usual) (part|step|practice|procedure)", "names enforcement as routine, which a worried client hears as a threat", "").sentence(),
    rule(CounterThreat, "(your|the) (booking|account|order|membership|service|tenancy|policy|reservation|subscription) (may|will|could|might|can) be (cancelled|canceled|closed|suspended|terminated|withdrawn|frozen)", "holds the loss of the service over the client instead of dealing with their problem", "").sentence(),
    rule(CounterThreat, "(would be|would put you in|will be|puts you in|put you in|is) (a |in |)breach of (your|the) (tenancy|contract|agreement|lease|terms)", "warns the client of a breach instead of dealing with their problem", "").sentence(),
    rule(CounterThreat, "(we will prosecute|we'll prosecute|we will be prosecuting|we'll be prosecuting|will be prosecuted|press charges)", "threatens the client with prosecution, which escalates", "").sentence(),
    rule(CounterThreat, "((respond|reply|answer|comment) (publicly|in public)|(post|share|publish) (our|my) (side|version|own review|response))", "warns the client we will answer them in public, which reads as a threat", "You're free to share your experience; I'd like the chance to put this right first.").sentence(),
    rule(CounterThreat, "(think|consider) (carefully|twice|very carefully|hard) before (posting|leaving|writing|publishing|you post|you leave|you write)", "warns the client off a review, which reads as a threat", "I'd like the chance to put this right first").sentence(),
    rule(CounterThreat, "(keep|carry on|continue) (talking|speaking) (to me |)like that and", "ties what the client gets to their tone: that is retaliation, not a boundary", "If the abuse goes on I'll end the call, and your case stays open.").sentence().when(withholds),
    rule(CounterThreat, "(abusive|offensive) (language|behaviour|behavior|comments) (is|are|will be|gets|get) (recorded|noted|logged|flagged)", "answers the client with a warning about their record", "").sentence().when(withholds_for_conduct),
    // Sarcasm that mocks the client.
    rule(Sarcasm, "(go on then|oh, you|, will you?|, would you?|, do you?|wow.|wow,|wow!)", "mocks the client", ""),
    rule(Sarcasm, "(i'm|i am|i'm obviously|i am obviously) apparently", "mocks the client by throwing their words back", ""),
    // Minimising the client's loss or our failure.
    rule(Minimising, "(these things|such things|things like this|things like that|mistakes|errors|delays|cancellations|flight cancellations|outages|faults|breakdowns|missed deliveries|late deliveries|accidents|mix-ups|mix ups|glitches|problems like this|issues like this|errors like this|mistakes like this|delays like this|errors like these|mistakes like these|it) (do |can |)(happen|happens) (sometimes|from time to time|occasionally|all the time|to everyone|even)", "makes the failure sound routine, which makes the client's loss sound small", "This shouldn't have happened"),
    rule(Minimising, "(these things|such things|things like this|stuff|it) (happen|happens)", "makes the failure sound routine, which makes the client's loss sound small", "This shouldn't have happened").when(|c| c.after.trim().is_empty() || starts_with_any(&c.after, &["and", "but", "so", "unfortunately", "i'm", "i am"])),
    rule(Minimising, "(small|minor|tiny|slight|little) (nicks|nick|scratches|scratch|marks|mark|delays|delay|errors|error|glitches|glitch|issues|issue|problems|problem|hiccups|hiccup|mistakes|mistake)", "makes the failure sound routine, which makes the client's loss sound small", "This shouldn't have happened").sentence().when(|c| starts_with_any(&c.after, &["can happen", "do happen", "happen", "occur", "can occur", "will happen", "may happen", "sometimes happen"])),
    rule(Minimising, "(it's|it is|that's|that is|this is|it's just|it is just|it was|that was|it was just) only", "puts a small figure on what the client lost, which tells them it doesn't matter", "it's").when(|c| c.after.trim_start().starts_with(|ch: char| ch.is_ascii_digit()) || starts_with_any(&c.after, &["a few", "a couple", "pennies", "a small", "a tiny"])),
    rule(Dismissive, "(most|nearly all|almost all|the majority of|lots of|plenty of|other) (customers|people|clients|users|members|tenants|residents|of our customers|of our clients) (have|had|are|were|already|don't|do not|never|seem|find|prefer)", "sets the client against what other people do, which tells them their complaint is out of step", "").sentence(),
    // Trouble said to mend itself: "duplicate debits usually sort themselves out".
    rule(Minimising, "(usually|normally|generally|often|tend to|will|should) (sort|sorts|resolve|resolves|fix|fixes|right|rights|correct|corrects) (themselves|itself) (out|)", "says the trouble will mend itself, which leaves the client to wait and see", "I'll make sure this is put right"),
    // Counting the client's wait as short: "it's only been a few days".
    rule(Minimising, "(it's|it has|it's really|it has really|it's honestly) only been (a few|a couple of|two|three|four|2|3|4|a) (extra |more |)(days|day|hours|weeks|week)", "counts the client's wait as short, which tells them it doesn't matter", "It's been days already"),
    rule(Minimising, "(is|are|was|were|get|gets) (classed|classified|treated|counted|categorised|categorized|graded|logged) as (routine|non-urgent|non urgent|standard|low priority|a routine repair|a routine job|a standard repair)", "files the client's trouble as routine, which makes it sound small", ""),
    rule(Minimising, "(isn't|is not|aren't|are not|not) (unusual|uncommon|out of the ordinary)", "tells the client their problem is normal, which makes it sound small", "shouldn't happen"),
    rule(Minimising, "(is|are) (really|very|quite|so|extremely|perfectly) (common|normal|usual)", "tells the client their problem is normal, which makes it sound small", "happens, and it shouldn't have to you"),
    rule(Minimising, "(isn't|is not|won't be|shouldn't be|should not be) (usually|normally|generally|really|typically|) (a problem|an issue|a big deal|serious|dangerous|harmful|a concern)", "tells the client their worry is small", "matters, and").when(|c| starts_with_any(&c.after, &["for most", "for anyone", "usually", "normally"])),
    rule(Minimising, "(sorry|apologies|apologise|apologize|regret) for any (inconvenience|trouble|upset|distress|disruption|confusion|frustration|problems|issues|disappointment)", "\"any\" makes what the client went through sound hypothetical and small", "sorry for the trouble this has caused"),
    rule(Minimising, "((as|by way of) (a|an) (small |)(gesture of goodwill|goodwill gesture|one-off|one off|courtesy|exception|special exception|favour|favor)|on this (one |)occasion|just this once|this one time)", "presents what the client is given as a favour, which makes our part in it sound small", "").when(|c| c.facts.ours),
    // Reassurance about an outcome nobody here knows yet.
    rule(Minimising, "(((i'm|i am) (sure|certain|confident)|rest assured|i promise) (that |)(everything|it|things|all|this|it all) (will|'ll|is going to|are going to) (be fine|be okay|be ok|be alright|be all right|work out|sort itself out|turn out fine|pick up|look up|get better|improve)|no news is (usually |normally |generally |often |)good news|you (won't|will not|wont) lose (any|your) (money|savings|deposit))", "reassures the client about an outcome nobody here can know yet, which brushes their worry aside", "").sentence(),
    rule(Minimising, "(nothing to worry about|no need to worry|no need to panic|should see you through|should tide you over|(isn't|aren't|is not|are not|wasn't|weren't) anything to worry about|just a standard (letter|notice|reminder|message|email)|try not to worry|don't let it (upset|bother|worry) you|try not to let it (upset|bother|worry) you|not the end of the world|could have been worse|could've been worse|at least you)", "tells the client their worry is small", "").sentence(),
    // "It sounds like you still had a lovely stay": the rest went well, so the complaint is small.
    rule(Minimising, "you (still|nonetheless|nevertheless|otherwise|mostly) (had|enjoyed|got) (a|an) (lovely|great|nice|good|wonderful|pleasant|fantastic|enjoyable|amazing)", "tells the client the rest went well, which brushes their complaint aside", "").sentence(),
    // "The baby will survive one night", "it won't kill you": getting by without is not help.
    rule(Minimising, "((will|'ll|can|could|would|'d) (survive|cope|manage|live|get by|make do|be fine|be ok|be okay) (one|a|another|for one|for a|for another|without (it|them|one|power|heating|hot water|water|the internet|wifi|a phone) for (one|a|another)) (night|day|evening|weekend|few days|couple of days|week|bit|while|little while)|(won't|will not|wouldn't|would not) (kill|hurt) (you|them|him|her|anyone|the baby|the kids|the children))", "tells the client they can get by without, which makes their hardship sound small", "").sentence(),
    rule(Minimising, "((try to |just |please |)(stay|keep|think|be) (positive|upbeat|cheerful)|look on the bright side|chin up|cheer up|things (will|'ll|are bound to|are going to) (get better|look up|improve))", "tells the client to cheer up, which brushes their worry aside", "").sentence(),
    rule(Minimising, "most (patients|people|customers|clients|tenants|users) (manage|cope|get by|are|do|will be) (fine|okay|ok|without|perfectly|alright|all right)", "tells the client their worry is small, measured by others rather than by them", "").sentence(),
    rule(Minimising, "most people (won't|wouldn't|don't|will not|would not|never) (even |)(notice|mind|care|see)", "tells the client their worry is small", "").sentence(),
    rule(Minimising, "(i'm sure|i am sure) (it's|it is|it'll be|it will be) (nothing|fine|ok|okay|nothing serious|nothing to worry about)", "tells the client their worry is small, which nobody here can know", "").sentence(),
    rule(Minimising, "(lots of|many|plenty of|a lot of|loads of|so many|most) (our |)(customers|people|others|families|households|clients|tenants|patients) (are|find themselves|have been|were) in the same (situation|position|boat)", "tells the client many others are in their position, which makes their problem sound small", "").sentence(),
    rule(Minimising, "(don't|do not|try not to) worry too much", "tells the client their worry is small", "").sentence(),
    rule(Minimising, "(it's|it is|that's|that is|this is) (only|just) a (small|slight|short|minor|little|brief|few)", "makes the client's loss sound small", "it's a"),
    rule(Minimising, "(haha|hehe|lol|that's very sweet|that's so sweet|that's sweet|that's very kind|that's kind of you|how sweet|i'm flattered|i am flattered)", "laughs off behaviour that needs a boundary", "Comments like that are not acceptable").sentence().when(|c| c.facts.abusive),
    rule(Minimising, "(i'm sure|i am sure) (you're|you are) (just|only) being (friendly|nice|funny|polite|kind)", "laughs off behaviour that needs a boundary", "Comments like that are not acceptable"),
    rule(Minimising, "(i'm sure|i am sure) you (didn't|did not|don't|do not) (mean|really mean) (anything|it|that|any harm)", "laughs off behaviour that needs a boundary", "Comments like that are not acceptable").sentence().when(|c| c.facts.abusive),
    rule(Minimising, "!", "an exclamation mark beside an apology sounds chirpy, which makes the client's problem sound small", ".").when(|c| has_any(&c.before, &["sorry", "condolences", "apologies", "apologise", "apologize"])),
    // Guarantees of outcomes others decide.
    rule(UncontrolledOutcome, "(i can guarantee|i guarantee|i can promise|i promise|i can assure you|i assure you|guaranteed to|is guaranteed|are guaranteed)", "guarantees an outcome that you do not control", "I'll do everything I can to make sure").when(|c| !starts_with_any(&c.after, &["i'll", "i will", "we'll", "we will", "to", "that i", "that we", "i", "we", "you a", "you an", "you that i", "you i'll", "you we'll"])),
    rule(UncontrolledOutcome, "(i'm|i am) (sure|certain|confident|positive) (that |)(they'll|they will|it'll|it will|he'll|she'll|he will|she will|you'll|you will|the|your|our|both|dr|doctor)", "guarantees an outcome that you do not control", "I'll chase it and tell you where it stands by <time>").sentence().when(|c| !starts_with_any(&c.after, &["understand", "appreciate", "agree", "see", "know", "realise", "realize"])),
    rule(UncontrolledOutcome, "(i'll|i will|we'll|we will|i can|we can) (make sure|ensure|guarantee) (that |)(dr|doctor|the doctor|the gp|your gp|a gp|the consultant|your consultant|the surgeon|a doctor|the nurse|the specialist|the clinic|the hospital)", "promises what a clinician decides", "I'll ask for you to be seen sooner and tell you what they say by <time>").sentence(),
    rule(UncontrolledOutcome, "(i'll|i will|we'll|we will) (make sure|ensure|guarantee) (that |)(the|your|this) (fine|penalty|charge|fee|ticket|debt|arrears|pcn|penalty charge|late fee|claim) (is|are|gets|get|will be) (cancelled|canceled|waived|removed|refunded|written off|overturned|dropped|approved|paid)", "promises a decision that another team makes", "I'll ask for it and tell you what they decide by <time>").sentence(),
    rule(UncontrolledOutcome, "(you have my word|i give you my word|i swear|on my life)", "gives your word on money that others decide", "I'll push for it and tell you what they decide by <time>").sentence().when(|c| c.sentence_has(&["refund", "compensation", "reimburse", "reimbursed", "money back", "approved", "paid back", "written off"])),
    rule(Condescending, "(i'm|i am) sure (that |)(you'll|you will|you'd|you would|you can|you) (understand|appreciate|agree|see|know|realise|realize)", "talks down to the client, as if they should already agree", ""),
    rule(UncontrolledOutcome, "(will|'ll|is going to|are going to|be) (definitely|certainly|absolutely|surely|100%)", "guarantees an outcome that you do not control", "should").when(not_my_own_act),
    rule(UncontrolledOutcome, "(you'll|you will|you should|you'd|you would|everyone will) (be|feel|stay)", "promises the client's safety, which nobody here controls", "I can't promise how this will go, but here is what I'm doing to keep you safe: <step>.").sentence().when(|c| !c.sentence_has(&["unsafe", "if"]) && has_any(&first_words(&c.after, 2), &["safe", "protected", "fine", "alright"])),
    rule(UncontrolledOutcome, "(your|the) (completion|money|payment|home|house|account|flat|data|booking) (is|will be) (completely |totally |perfectly |)(safe|secure|protected|fine)", "guarantees an outcome that you do not control", "I'll tell you as soon as it's confirmed"),
    rule(UncontrolledOutcome, "(will|'ll|should) (carry on|keep working|continue working|work|keep going) (as normal|as before|just as before|exactly as before|the same|just the same|just fine|fine|normally|like before)", "guarantees an outcome that you do not control", "should work, and we'll check it with you before anything changes"),
    rule(UncontrolledOutcome, "guaranteed", "guarantees an outcome that you do not control", "I'll do everything I can, and tell you by <time> where it stands").sentence().when(|c| c.after.trim().is_empty() && !["not", "n't", "never", "no"].iter().any(|n| c.before.trim_end().ends_with(n))),
    rule(UncontrolledOutcome, "(no matter what|whatever it takes|come what may|one way or another|don't worry about anything|do not worry about anything)", "promises an outcome whatever happens, which no one can promise", "I'll do everything I can, and tell you by <time> where it stands").sentence(),
    rule(UncontrolledOutcome, "(i'll|i will|we'll|we will) (make sure|ensure) (that |)(billing|the billing team|accounts|finance|the finance team|the refunds team|the team|the manager|my manager|head office|they|the office) (refund|refunds|give|gives|credit|credits|approve|approves|pay|pays|waive|waives|compensate|compensates|cancel|cancels)", "promises what another team decides", "I'll put this to <the team> and tell you their answer by <time>").sentence(),
    rule(UncontrolledOutcome, "(make sure|ensure)", "guarantees an outcome that you do not control", "do everything I can to see that").when(|c| has_any(&c.after, &["are back", "is back", "arrive", "arrives", "reach", "reaches", "are returned", "is returned", "recovered", "back with you"])),
    rule(UncontrolledOutcome, "(the courier|the couriers|the carrier|the delivery company|the bank|your bank|their bank|the other bank|royal mail|the post office|the manufacturer|the contractor|the contractors|the locksmith|the airline|the insurer|your insurer|the landlord|the council|the supplier|the seller) (will|'ll|are going to|is going to)", "promises what another firm will do and when, which only they decide", "I'll chase them and tell you by <time> what they can commit to.").sentence().when(outsider_dated),
    rule(UncontrolledOutcome, "(no problem at all|no problem|no trouble at all|easily|for sure)", "commits to a hard deadline as if it were easy; promise only what you can be sure of", "").when(|c| c.sentence_has(&["i'll", "i will", "we'll", "we will"]) && c.sentence_has(DATED)),
    rule(UncontrolledOutcome, "(will be|'ll be|is going to be|are going to be) (written off|waived|wiped|forgiven|approved|compensated|refunded in full|reimbursed in full|paid in full)", "promises a decision someone else makes as if it were made", "I've asked <the team> to <decide it>, and I'll tell you their decision by <time>.").sentence().when(|c| !c.sentence_has(HEDGES) && !c.sentence_has(CONDITIONAL)),
    rule(UncontrolledOutcome, "(fully|completely|totally|100%) (compensated|reimbursed|refunded|covered)", "commits the company to more than you can authorise", "I'll put a claim for your losses to my manager and tell you the answer by <time>").sentence(),
    rule(UncontrolledOutcome, "(every penny|every cent|every last penny|every last cent)", "commits the company to more than you can authorise", "I'll put a claim for your losses to my manager and tell you the answer by <time>").sentence().when(|c| c.sentence_has(&["compensated", "compensate", "refunded", "refund", "reimbursed", "reimburse", "covered", "cover", "back"])),
    rule(UncontrolledOutcome, "(credit|refund|reimburse|compensate|cover) (you |)for (all|every|everything|any)", "commits the company to more than you can authorise", "I'll put a claim for your losses to my manager and tell you the answer by <time>").sentence().when(|c| has_any(&c.after, &["sales", "losses", "loss", "lost", "costs", "expenses", "business"])),
];
