//! The phrase rules for what is aimed at the reader as a person: threats of harm, sexual
//! harassment and prejudice about their origin.
//!
//! Written in the language of [`super::pattern`] over the same normalised words as
//! [`super::table`]. Words that are ordinary on their own ("which office are you in?", "I know
//! where your office is", "I won't take no for an answer") are rules that need company: they
//! count only beside another signal of the listed kinds elsewhere in the message.

use super::phrases::Group::{ComeDown, Violence};
use super::phrases::{Rule, rule};
use crate::types::SignalKind::{self, Harassment, Insult, Prejudice, Profanity, Slur, Threat};

/// What makes a menacing but ordinary phrase a threat: another threat or abuse aimed at the reader.
const MENACE: &[SignalKind] = &[Threat, Insult, Slur, Prejudice, Profanity];
/// What makes an ordinary personal question or remark harassment: another advance.
const ADVANCE: &[SignalKind] = &[Harassment];
/// What makes waiting for the reader after work pursuit rather than an appointment kept:
/// another advance or a menace.
const PURSUIT: &[SignalKind] = &[Harassment, Threat];
/// What makes a remark about where someone comes from prejudice: another such remark.
const ORIGIN: &[SignalKind] = &[Prejudice];

/// Words around "come round there" that carry a weapon along.
#[rustfmt::skip]
const COMING: &[&str] = &[
    "come", "coming", "round", "down", "there", "bring", "bringing", "turn", "show", "visit",
    "waiting", "over",
];

/// The writer, who is the one coming with a weapon.
const SPEAKER: &[&str] = &[
    "i", "i'll", "i'm", "i'd", "gonna", "we'll", "we", "imma", "i'ma",
];

/// Words after "with a hammer" that make it the thing bought rather than a weapon ("with a
/// hammer you sold me", "with a knife set").
#[rustfmt::skip]
const AFTER_A_PRODUCT: &[&str] = &[
    "you", "that", "which", "i", "i'd", "i've", "from", "to", "set", "sharpener", "block",
    "handle", "case", "bag", "box", "drill", "order", "receipt", "still",
];

/// Words after a nationality that make it about an account, an office or a law, not a person.
#[rustfmt::skip]
const NOT_A_PERSON: &[&str] = &[
    "account", "accounts", "office", "offices", "team", "branch", "law", "laws", "number", "site",
    "website", "bank", "phone", "sim", "address", "card", "passport", "citizen", "customer",
    "customers", "based", "speaking", "company", "division", "side", "support", "department",
    "call", "rules", "regulations", "resident", "residents", "-", "tax", "version", "store",
    "shop", "warehouse", "plug", "plugs", "size", "sizes", "about", "regarding", "for",
];

/// Every rule of this table.
pub(super) const RULES: &[Rule] = &[
    // Threats of harm to a person, named outright.
    rule("{modal_me}", Threat).head(Violence, 2).no_neg().next_not(&["myself", "time", "for"]),
    rule("(kill|shoot|stab|strangle|punch|slap|batter|murder|beat up|smash|throttle|headbutt|come for you|come after you|hunt you down|track you down|find you)", Threat).tail(Violence),
    rule("(kill|hurt|stab|shoot|strangle|punch|slap|batter|murder|beat up|smack|throttle|headbutt|deck|thump) ({person}|him|her|them|whoever|the (driver|manager|agent|courier|engineer|guy|idiot))", Threat).tail(Violence),
    rule("(beat you up|beat the (shit|crap|hell|living daylights) out of|kick your (ass|arse|head in|teeth in|head)|smash your (face|head|teeth|windows|shop|store|office|car)|break your (neck|legs|face|nose|jaw|arms|fingers|teeth))", Threat).no_neg(),
    rule("(burn (your|the) (shop|store|office|place|building|house|warehouse|depot) down|burn it down|blow up (your|the) (shop|store|office|building))", Threat).no_neg(),
    rule("(you're|you are) (dead|a dead man|dead meat)", Threat).next_not(&["to", "wrong", "right", "set", "serious"]),
    rule("(dead meat|watch your back|watch yourself|you'd better watch (out|it|yourself|your back)|you won't know what hit you|get my hands on (you|him|her|them|whoever))", Threat),
    rule("i know where (you|he|she|they) (live|lives)", Threat),
    rule("i know where your (family|kids|children|wife|husband|house|home|mum|mom|car) (is|are|lives|live)", Threat),
    rule("i know where (your|the) (office|offices|shop|store|branch|depot|warehouse|workplace|building) (is|are)", Threat).cue(COMING),
    rule("(i'll|ill|i will|i'm going to|i am going to|i'm gonna|gonna|i can|i could) (find out|work out|look up|track down) where (you|he|she|they|your (staff|family|manager|driver|agent)) (work|live|are|lives|works)", Threat),
    rule("(you'll|you will|you're going to|you are going to) (all |)(regret|pay for) (this|it|that)", Threat),
    rule("(you'll|you will) be sorry", Threat),
    rule("(come|coming|be) (round|over|down|there) and (you'll|you will) see", Threat),
    rule("(you'll|you will|then you'll) see (how|just how) (respectful|nice|polite|friendly|reasonable|calm|pleasant) i (am|can be|'ll be|will be)", Threat),
    rule("(make|making) (you|you all|you lot|your staff|her|him|them) (regret|pay for) (it|this|that)", Threat),
    // A dare to face the client: "we'll see how brave you are then".
    rule("(we'll|we will|then we'll|let's|) see how (brave|tough|hard|big|cocky|mouthy|gobby) (you are|you really are|you'll be|you feel|you lot are|you all are|you all really are|she is|he is)", Threat),
    rule("(come|coming|pop|popping|turn up|be) (down|round|over|by|) (there |here |)(after|at the end of|when) (your|her|his|their) shift", Threat),
    rule("(somebody|someone|one of you|you lot|your lot) (pays|will pay|is going to pay|is gonna pay|'ll pay|are going to pay|are gonna pay) for (this|it|that)", Threat),
    rule("(find out|work out|look up) (which|what) (office|branch|building|desk|floor|site|depot|store|call centre|call center) (you|you're|you are|your|she|he|they)", Threat),
    rule("(come|coming|pop|popping) (and|to) (see|find|visit|pay a visit to|have a word with) (you|her|him|them)", Threat).company(MENACE),
    rule("(i'll|i will|i'm going to|i am going to|gonna) (find|track down|hunt down|go after) (whoever|the (person|people|guy|man|woman|one|ones)) ", Threat).cue(&["regret", "sorry", "pay", "hurt", "suffer"]),
    rule("i know your (name|full name|surname)", Threat).company(MENACE),
    // Looking up the reader's private life, and a visit beside it: "I looked you up ... nice house
    // in Croydon ... maybe I'll pop round".
    rule("(i|i've|i have) (looked|look) you up", Threat).company(MENACE),
    rule("(nice|lovely) (house|home|flat|place|car|family|kids) (in|on|you've got|you have|you got)", Threat).company(MENACE),
    rule("(i'll|i will|i might|i could|i may) (pop|come|drop|swing) (round|over|by) (and|to|one|some|tonight|later|then|sometime)", Threat).company(MENACE),
    rule("(i'll|i will|i'm going to|i am going to) make sure everyone knows (how|what|who|that) (you|you're|you are)", Threat).company(MENACE),
    rule("(someone|somebody|people|one of you|you lot|your staff) (will|is going to|are going to|is gonna|are gonna) be sorry", Threat),
    rule("(someone|somebody|people|i|we) (should|ought to|might|could|will|'ll|may) (pay|give) (you|your staff|your office|your team|them) a (visit|little visit)", Threat),
    rule("i know (what time|when) (you|your staff|your people|your team|they|she|he) (leave|leaves|finish|finishes|get off|gets off|clock off|clocks off|go home|goes home|lock up)", Threat),
    rule("sort (this|it|things|you|them|him|her) out (myself|personally|face to face|in person|my own way|my way)", Threat).company(MENACE),
    rule("sort (this|it|things) out with (you|you people|you lot|you all|your staff|him|her|them) (myself|personally|face to face|in person|my own way|my way)", Threat).company(MENACE),
    rule("sort (this|it|things|you|them|him|her) (myself|personally|face to face|in person|my own way|my way)", Threat).company(MENACE),
    rule("(i'll|i will|i'm going to|i am going to) (make you (pay|suffer|sorry)|find you|be waiting for you)", Threat),
    rule("(someone|somebody|people|one of you) (is going to|will|are going to|is gonna) get hurt", Threat),
    rule("(someone's|somebody's) (going to|gonna) get hurt", Threat),
    // Said of whoever answers, beside other menace: "someone is getting hurt, I mean it".
    rule("(someone|somebody|people|one of you) (is|are) getting hurt", Threat).company(MENACE),
    rule("(someone's|somebody's) getting hurt", Threat).company(MENACE),
    rule("(i'll|ill|i will|i'm going to|im going to|i am going to|i'm gonna|im gonna|gonna|i swear i'll|or i'll) (hurt|hit|punch|smack|thump|batter|deck) (someone|somebody|one of you|one of your staff|anyone)", Threat),
    rule("(come|coming) (down|round|over|in|back) (there|here|) and", Threat).head(ComeDown, 2),
    rule("(come|coming|go|going) (down |round |over |up |back |)(to|into) your (office|offices|store|shop|branch|depot|warehouse|headquarters|building|hotel|restaurant|clinic|surgery|site|yard) and", Threat).head(ComeDown, 2),
    rule("(kill|hurt|smash|punch|batter|sort you out|sort you|deal with you|teach you|drag you|find you|wreck|rip|beat|strangle|kick|throttle|trash|break)", Threat).tail(ComeDown),
    // Harm to whoever is there, after coming round: "... and someone is getting hurt".
    rule("(someone|somebody|people|one of you) (gets|get|is getting|are getting|will get|'ll get|is going to get|are going to get|is gonna get|are gonna get) (hurt|smacked|punched|battered|a smack|a slap)", Threat).tail(ComeDown),
    rule("(someone's|somebody's) (getting|going to get|gonna get) (hurt|smacked|punched|battered)", Threat).tail(ComeDown),
    rule("with (a|my|me) {weapon}", Threat).cue(COMING).cue_before(SPEAKER).next_not(AFTER_A_PRODUCT),
    rule("with (the|that|this) {weapon}", Threat).cue(COMING).cue_before(SPEAKER).company(MENACE),
    rule("(do|put in|kick in|put through|through) your (windows|window|door|front door|car|tyres)", Threat).company(MENACE),
    rule("and you with (them|it)", Threat).company(MENACE),
    // Menace without a named act: veiled threats.
    rule("(you|someone like you|people like you|your (staff|agent|agents|family|manager)) (want|wants|need|needs|had better|better|should) (to|) be (careful|very careful|extra careful)", Threat).next_not(&["with", "about", "what", "how", "when", "not", "to", "if", "that", "of", "on", "using", "filling", "reading"]),
    rule("(you'd|you'd better|you better) be (careful|very careful)", Threat).next_not(&["with", "about", "what", "how", "when", "not", "to", "if", "that", "of", "on"]),
    rule("(careful|be careful|watch yourself|watch your back|mind yourself) (walking|going|getting|driving|on your way) (to|home|back|out)", Threat),
    rule("(look|looking|keep looking) over (your|their|his|her) shoulder", Threat),
    rule("(it would be|it'd be|would be|be) a (real|terrible|great|awful|) (shame|pity) if (something|anything) (happened|were to happen|was to happen) to (you|them|him|her|yours|(your|that|those|that nice|your nice|that lovely|your lovely) (shop|office|store|car|cars|family|kids|children|staff|house|home|windows|van|business|wife|husband|dog|face|daughter|son))", Threat),
    rule("(it would be|it'd be|would be|be) a (real|terrible|great|awful|) (shame|pity) if (things|it|this|matters|everything) (got|get|were to get|was to get|turned|turn|went|became) (unpleasant|ugly|nasty|personal|physical|violent)", Threat),
    rule("i know (your|the) (ceo|ceo's|boss|boss's|manager|manager's|director|director's|owner|owner's|agent's|staff's) (name|names|address|home|car|family)", Threat).company(MENACE),
    rule("(put|throw|chuck|lob|send) a (brick|rock|stone|bottle) through", Threat),
    rule("i know (which|what) (shift|shifts|hours|days) (you're|you are|she's|she is|he's|he is|they're|they are|you work|she works|he works|they work)", Threat),
    // Knowing the reader's rota beside a menace: "I know you're the one on the desk on Tuesdays".
    rule("i know (you're|you are|you work|she's|she is|she works|he's|he is|he works) (the one |)(on|at|behind) (the desk|the front desk|reception|the counter|the till|the phones|the helpdesk|the late shift|the early shift) (on|every) (monday|mondays|tuesday|tuesdays|wednesday|wednesdays|thursday|thursdays|friday|fridays|saturday|saturdays|sunday|sundays|weekends|weekdays|nights|mornings|evenings)", Threat).company(MENACE),
    rule("(be|) waiting for (you|her|him|them) (at the end of|after|outside|when (you|she|he|they) (finish|leave|clock off))", Threat),
    // A threat to the reader's livelihood: "I'll make sure you lose your job".
    rule("(make sure|see to it|ensure) (that |)(you|she|he|they|you all) (lose|loses|get|gets) (your|her|his|their) (job|jobs|the sack|sacked|fired)", Threat),
    rule("(i'll|ill|i will|i'm going to|im going to|gonna|i can) (get|have) (you|her|him|them) (fired|sacked|the sack)", Threat),
    rule("(i'll|ill|i will|i'm going to|im going to|gonna|i'll be|i will be) (wait|waiting) (outside|out the back|out front|downstairs|by your car|at the door|at the staff exit) for (you|her|him)", Threat),
    rule("(and|but) (he|she|you|they) (won't|will not|wouldn't|would not) (like|enjoy) (how|it|that|what happens|the way)", Threat).clause_end(),
    rule("('d better|had better|better) hope (i'm|i am|i'm still|i am still) in a good mood", Threat),
    rule("(i'd|i would|you'd|you would|you'd want to|you'll want to|you want to|you should|i'd really) (think|consider) (very|really|long and|) (carefully|hard|twice) (about|before) (what you (say|do|write)|how you (respond|reply|answer|handle this)|your next (move|words|reply|message))", Threat),
    rule("(have|having) a (word|little word|quiet word) with (him|her|them|you) (myself|personally|in person|face to face)", Threat).company(MENACE),
    rule("(you|you lot) (don't|do not) know who (you're|you are) (dealing|messing|playing) with", Threat),
    rule("(you|your (staff|family|kids|agents)|none of you) (won't|will not|wouldn't|would not) be safe", Threat),
    rule("i know where (you|he|she|they) (work|works|are|sit|park|parks|drinks|goes)", Threat).company(MENACE),
    rule("(he'll|she'll|you'll|they'll|he will|she will|you will|they will) (be getting|get|be given|end up with) (a lot |)more than (a|just a|his|her|your|their) (ticket|fine|letter|warning|complaint|earful|parking ticket)", Threat),
    rule("(i'll|ill|i will|i'm going to|i am going to) find out who (you are|you really are|he is|she is|he really is|she really is)", Threat).company(MENACE),
    rule("i know (your|the) (office|shop|store|depot|warehouse|branch|building|studio|workshop|salon|practice|clinic|surgery|restaurant|garage|yard|unit|premises) is (on|in|at|near|just off|the one on|the one in|the one at|the one near|the one by)", Threat).company(MENACE),
    rule("i know (what time|when) (it|the shop|the office|the store|the branch|the depot|your place) (shuts|shut|closes|close|locks up)", Threat).company(MENACE),
    rule("(i'll|ill|i will|maybe ill|maybe i'll|i might|i may) wait (outside|out the back|in the car park) for (whoever|you|him|her|them|the manager|your (manager|staff|engineer|driver|boss))", Threat).company(MENACE),
    rule("i know where your (office|shop|store|staff|depot|warehouse|branch|building|car park|studio|workshop|salon|practice|clinic|surgery|restaurant|hotel|garage|yard|unit|premises|kids|children|family|call centre|call center|contact centre|head office|headquarters|site|base) (is|are|live|lives|go|goes)", Threat).company(MENACE),
    rule("i know (what time|when) (you|you all|you girls|you lot|you guys|you people|your (shop|office|store|branch|staff|depot|clinic|surgery|team)|they) (finish|finishes|lock up|locks up|close|closes|leave|leaves|get off|clock off|knock off)", Threat).company(MENACE),
    rule("(she'll|he'll|they'll|you'll|she will|he will|they will|you will) (find out|see|learn) what happens", Threat),
    // Someone made to pay, said of people: "someone at that office is going to pay for it".
    rule("(someone|somebody|one of you|you lot|you people|you|you're|youre) ((at|in|from) (that|your|the) (office|shop|place|branch|company|call centre|council) |)(is |are |)(going to|gonna) pay for (it|this|that)", Threat).clause_end(),
    // The classic veiled threat: "would be a shame if something happened".
    rule("(would be|it'd be|it would be|be|shame) (a |)(shame|pity) if (something|anything|something bad|anything bad) (happened|were to happen|was to happen|happens)", Threat),
    // A dare beside a menace: "i know what time you all leave. see how you like it".
    rule("(and |)(see|let's see|lets see) how (you|you lot|they|he|she) (like|likes) it", Threat).company(MENACE),
    // A dare about the reader's way home: "see what happens when you walk to your car".
    rule("(see|find out|watch) what happens (when|if|after|once|as) (you|she|he|they) (walk|walks|go|goes|head|heads|get|gets|step|steps) (out |back |)(to|into|out of|from) (your|her|his|their|the) (car|van|bike|house|home|flat|front door|door|car park|carpark|bus stop|station)", Threat),
    rule("(see|find out|watch) what happens (when|if|after|once) (you|she|he|they) (leave|leaves|finish|finishes|clock off|clocks off|knock off|knocks off|get off|gets off) (work|tonight|your shift|her shift|his shift|the office|the shop)", Threat),
    rule("(keep|carry on) (talking|speaking|writing|replying) to me like (that|this) and (see|watch|find out|you'll see|you'll find out) what happens", Threat),
    rule("and (just |)(see|watch) what happens", Threat).company(MENACE),
    rule("i know (what time|when) (the|your|her|his|their) (late |early |night |day |evening |morning |)(shift|shifts) (finish|finishes|ends|end|is over|starts|start)", Threat).company(MENACE),
    rule("(i'll|i will|i'm going to|gonna|i'll be) (wait|waiting) (for you|outside|in the car park)", Threat).clause_end().company(MENACE),
    // Waiting for a member of staff, knowing where they park, and their not getting home: each
    // menace beside another ("I'll be waiting for him, and he won't be driving home").
    rule("(i'll|ill|i will|i'm going to|im going to|gonna) (be |)waiting for (him|her|them|the next one|your (engineer|driver|courier|agent|staff))", Threat).company(MENACE),
    rule("i know (where |)(your|the) (engineers|drivers|couriers|staff|agents|workers|vans|team|lads) (park|parks|live|lives|drink|go|eat|stop)", Threat).company(MENACE),
    rule("(he|she|they|you|your (engineer|engineers|technician|technicians|driver|drivers|courier|agent|staff|man|lads)) (won't|will not|wont|wouldn't|would not) be (driving|walking|working|getting|making it|delivering anything|delivering|fixing anything) (home|anywhere|again|for a while|for a good while|for a long while|for a long time)", Threat).company(MENACE),
    rule("(i'll|ill|i will|i'm going to|im going to|gonna) (wait|be waiting) (by|at|outside|near|behind) (the|your) (gate|door|depot|van|vans|car|yard|office|shop|entrance|exit|car park|carpark) for (him|her|them|your (driver|engineer|technician|courier|agent|staff))", Threat).company(MENACE),
    rule("(have|having) a (quiet|little|proper) word with (him|her|them|your (driver|engineer|technician|courier|agent))", Threat).company(MENACE),
    rule("(i'll|ill|i will|i'm going to|im going to|gonna) (be |)waiting (next to|by|beside|near|outside|behind|at) (one of (them|your vans|your cars)|your (van|vans|depot|car|cars|office|shop))", Threat).company(MENACE),
    rule("i know (what|which) (the|your) (vans|van|cars|car|uniforms|uniform|staff|engineers|technicians) (look|looks) like", Threat).company(MENACE),
    rule("i know where your (office|depot|shop|store|warehouse|branch|yard|site|base|call centre|head office) (on|in|at|off) ", Threat).company(MENACE),
    rule("(put|write) that in your (notes|file|records|system)", Threat).company(MENACE),
    // Waiting outside for the reader at a time: "maybe ill be waiting outside tonight".
    rule("(i'll|ill|i will|i'm going to|im going to|gonna|i'll be|ill be|i will be|i'm gonna be|im gonna be) (wait|waiting) (for you |)(outside|in the car park|out the back|out front|by your car|at the door) (tonight|later|after work|after your shift|when you finish|when you leave|when you come out)", Threat).company(MENACE),
    // Knowing where the depot is, and what is in store for whoever is to blame: "I know your
    // depot's on Carlton Road ... whoever did this will regret it".
    rule("i know (your|the) (office's|depot's|shop's|store's|branch's|building's|warehouse's|yard's|site's) (on|in|at|near|just off)", Threat).company(MENACE),
    rule("whoever (did this|is responsible|did it|made this decision|made that decision|cut (me|us|it) off) (will|is going to|'ll|are going to) (regret it|regret this|be sorry|pay for it|pay for this)", Threat).company(MENACE),
    // A warning for a member of staff's way home: "Tell him he'd better watch himself on the
    // way home" (knowing where he parks and when he finishes are read above).
    rule("(he'd|he had|she'd|she had|they'd|they had|you'd|you had) (better|best) watch (himself|herself|themselves|yourself|his back|her back|their back|your back) (on the way home|on his way home|on her way home|on your way home|going home|tonight|after work|when (he|she|you|they) (leave|leaves|finish|finishes))", Threat),
    // Harm wished on a member of staff in plain words: "he'll be leaving in an ambulance".
    rule("(he'll|he will|you'll|you will|they'll|they will|she'll|she will|he'd|you'd|they'd) (be leaving|leave|be going home|go home|end up|be carried out|be coming out|come out) in (an ambulance|a body bag|a box|a wheelchair)", Threat),
    // Knowing a member of staff's van and round: "I know which van he drives and what time he
    // comes down my road".
    rule("i know (which|what) (van|car|lorry|truck) (he|she|they|you) (drive|drives|drove|use|uses)", Threat).company(MENACE),
    rule("i know (what time|when) (he|she|they|you) (come|comes|drive|drives|go|goes|get|gets) (down|up|along|past|round|through|to) (my|our|the|this) (road|street|way|lane|close|estate|village)", Threat).company(MENACE),
    // Finding out a member of staff's car, and leaving in a worse state: "it wouldn't be hard to
    // find out which car in the car park is yours", "he will not be leaving this flat in the same
    // condition he arrived in".
    rule("(wouldn't|would not|won't|will not|isn't|is not|can't be|cannot be) (be |)(hard|difficult|too hard|too difficult) to (find out|work out|figure out|find) (which|where|what) (car|house|home|address|route|bus stop|car park|desk) (is |)(yours|you park|you live|you use|you take|you sit|he parks|she parks|he lives|she lives)", Threat),
    rule("(find out|work out|figure out|know) (which|what) car in the (car park|carpark|staff car park) is (yours|his|hers)", Threat),
    rule("in the same (condition|state|shape|way) (he|she|you|they) (arrived|came|walked) in", Threat).prev_not(&["it"]),
    // Violence named outright or in a warning: "I'll break his legs", "he won't be driving
    // anything for a long while after I'm done with him".
    rule("(break|smash|snap) (his|her|your|their|both his|both her|both your) (legs|leg|arms|arm|neck|nose|jaw|face|fingers|teeth|kneecaps)", Threat),
    rule("(after|when|once) (i'm|i am|im|we're|we are) (done|finished|through) with (him|her|you|them)", Threat),
    rule("(he|she|you|they) (won't|will not|wont) be (driving|walking|working|talking|eating|going anywhere) (anything |)(for a (long|good) (while|time)|again|for weeks|for months)", Threat).company(MENACE),
    rule("(your|the|that|those) (engineers|engineer|driver|drivers|staff|man|men|lads|workers|people|van) (better|had better|'d better|best) not show (their|his|her|its) (faces|face) (on|round|around|near|in|at) (my|our|this|the) (street|road|estate|house|door|village|area)", Threat),
    // Denying a threat by making it firmer: "it's not a threat, it's a promise".
    rule("(it's|it is|its|this is|that's|that is|thats) not a threat (,|) (it's|it is|its|that's|that is|thats|this is) a promise", Threat),
    rule("(i'll|ill|i will|i'm going to|im going to|gonna) be (there|outside|waiting) when (you|you lot|you all|you people|your staff|they) (finish|finishes|leave|leaves|clock off|knock off|close|come out|lock up)", Threat).company(MENACE),
    rule("(you'll|you will|youll) know me when you see me", Threat).company(MENACE),
    // A warning passed on to a member of staff: "tell him he'd better hope I don't see him".
    rule("(he'd|he had|she'd|she had|they'd|they had|you'd|you had) (better|best) hope (i|we) (don't|dont|do not|never) (see|find|catch|meet|run into|bump into|get hold of) (him|her|them|you)", Threat),
    // What might befall the vans or the staff, said as a remark: "funny how things can happen
    // to vans", "or to people walking to their cars late at night".
    rule("(funny|strange|shame|amazing|terrible|awful|crazy|mad) how (things|accidents|stuff|bad things) (can |could |might |do |)(happen|happens) (to|with)", Threat).company(MENACE),
    rule("(things|accidents|bad things|stuff) (can |could |might |do |)happen to (vans|van|cars|people|staff|drivers|engineers|couriers|workers|your (vans|van|staff|drivers|engineers|people|lads|team|depot|office|shop))", Threat).company(MENACE),
    rule("(people|staff|drivers|engineers|workers|someone|anyone|you) (walking|walk|going|heading) (back |)(to|from) (their|your|his|her|the) (cars|car|vans|van|homes|home|bus stop|station) (late at night|at night|in the dark|after dark|after work|alone)", Threat).company(MENACE),
    rule("i know (what time|when) (the|your) (vans|van|drivers|engineers|couriers|staff|lads|team|workers|shift) (come|comes|get|gets|go|goes|leave|leaves|finish|finishes|arrive|arrives|clock off|park|are) (back |in |out |off |home |)", Threat).company(MENACE),
    rule("(you can|go ahead and|feel free to) pass that on", Threat).company(MENACE),
    rule("(wait|waiting) (for you |)(in|at|outside|by|near) (the|your) (car park|carpark|parking lot|parking|staff exit|staff entrance|back door|exit) (when|after|until|till) (your|you) (shift|finish|leave|clock off|get off|knock off)", Threat),
    rule("(wait|waiting) (for you |)(outside|out the back|out front|downstairs) (when|after|until|till) (you|your shift|she|he) (finish|finishes|leave|leaves|clock off|clocks off|get off|gets off|knock off|end|ends)", Threat),
    rule("(wait|waiting) (for you |)(until|till|for) (your|her|his) shift (ends|finishes|is over|to end|to finish)", Threat),
    rule("(wait|waiting) for (you|her|him) (after|at the end of) (your|her|his) shift", Threat),
    // Waiting outside for a member of staff till they finish: "wait outside for whoever's in
    // charge when they finish work tonight".
    rule("(wait|waiting) (outside|out the back|out front|downstairs|in the car park|at the door) for (whoever|whoever's|whoevers|whoever is|you|him|her|them|the manager|your (manager|boss|staff|engineer|driver)) (in charge |is in charge |runs it |runs the place |)(when|after|until|till|as) (they|you|he|she) (finish|finishes|leave|leaves|clock off|clocks off|knock off|knocks off|get off|gets off|come out|comes out|lock up|locks up)", Threat),
    rule("i know (which|what) (desk|counter|office|floor|room|branch) (you're|you are|she's|she is|he's|he is|you work|you sit) (on|at|in|)", Threat).company(MENACE),
    rule("just (the|us) two of us", Harassment).company(ADVANCE),
    rule("(over|for) a (drink|drinks|coffee|meal) (sometime|some time|together|after work|with me|one night|one evening)", Harassment).company(ADVANCE),
    // Belittling the reader as a woman: "like a good girl", "you girls get so emotional".
    rule("(like|there's|theres|be) a good (girl|little girl|girlie)", Harassment),
    rule("(you|you silly|you young) (girls|women|ladies) (always |all |)(get|are|go) (so |too |all |always |)(emotional|hysterical|dramatic|sensitive|worked up)", Harassment),
    rule("(don't|dont|do not) get your knickers in a twist", Harassment).company(ADVANCE),
    rule("(girls|a girl|women|ladies|a woman) like you (should|need to|ought to|always|never|can't|cannot|don't|are all|get)", Harassment),
    rule("(see|meet|catch) you (outside|in the car park|after work|after your shift|on your way home)", Threat).clause_end().company(MENACE),
    // Sexual remarks and advances aimed at the reader, named outright.
    rule("(have|having) sex with (me|you)", Harassment),
    rule("(sleep|sleeping|go to bed) with me", Harassment).no_neg(),
    rule("(want to|wanna|let's|lets|let us|i'd like to|i would like to|i want to) (have sex|fuck you|bang you|shag you|make love|cyber sex|cybersex|sext)", Harassment).no_neg(),
    rule("(take|taking|get|strip) off your (clothes|pants|shirt|top|bra|panties|knickers|underwear|dress|skirt)", Harassment),
    rule("(take|get) your (clothes|pants|shirt|top|bra|panties|knickers|underwear|dress|skirt) off", Harassment),
    rule("(send|show|give) (me|us) (some|a|) (nudes|nude pics|nude photos|naked pics|naked photos|your (body|boobs|tits|breasts|pussy|dick|cock|ass|arse|butt|bum|nipples))", Harassment),
    rule("(send nudes|get naked|strip for me|undress for me)", Harassment),
    rule("(are|is) (you|your) (horny|naked|a virgin|turned on|wet for me)", Harassment),
    rule("(you|you're|you are) (look|looks|sound|sounds|) (so|very|really|) (sexy|fuckable)", Harassment).no_neg(),
    rule("(give|gimme|giving) (me|) (a|) (blowjob|blow job|handjob|hand job|lap dance)", Harassment),
    rule("(suck|lick|touch|grab|rub) my (dick|cock|balls|pussy|tits|boobs|nipples)", Harassment),
    rule("(do you|do u) (like|want|enjoy) (porn|it hard|it rough|sex|anal|to fuck)", Harassment),
    rule("(do you|do u|can you|can u) (cum|masturbate|wank|jerk off|touch yourself|get hard|get wet)", Harassment),
    rule("(i want to|i wanna|i'd like to|let me|i'm going to|gonna) (lick|kiss|touch|grab|suck|spank) (you|your|it all over)", Harassment).no_neg(),
    rule("(wank|wanking|jerk off|jerking off|masturbate|masturbating) (to|over|at) (you|your)", Harassment),
    rule("(get|getting) (into|in) your (pants|knickers|panties|bed)", Harassment),
    rule("what (colour|color|size) (is|are) your (bra|panties|knickers|underwear)", Harassment),
    rule("(what's|what is|whats) your (bra|cup) size", Harassment),
    rule("what (are|is) you wearing", Harassment),
    rule("(tell me|guess|wonder) what (you're|you are) wearing", Harassment),
    rule("(i bet|bet) you (look|are) as (good|nice|pretty|hot|gorgeous|lovely|sexy|beautiful|fit|cute) as you sound", Harassment),
    rule("(i'll|i will|i might|maybe i'll|i could|i may) wait (for you|for her|for him|) (by|at|outside|near|round) (the|your) (back|staff|side|rear) (entrance|door|exit|gate)", Threat),
    rule("(i bet|bet) (you're|you are) (gorgeous|hot|fit|sexy|beautiful|pretty|stunning|cute|lovely)", Harassment),
    // Asking what the reader looks like, and doting on her voice: "what does a girl like you
    // look like?", "I could listen to that voice all day".
    rule("what (does|do) a (girl|lady|woman|young lady) like you look like", Harassment),
    rule("what do you (actually |really |)look like", Harassment).company(ADVANCE),
    rule("(i could|could) listen to (that|your) voice all (day|night)", Harassment).company(ADVANCE),
    // The reader's looks guessed from their voice: "are you as pretty as your voice?".
    rule("(are you|you are|you're|is your face|bet you're|bet you are) as (good|nice|pretty|hot|gorgeous|lovely|sexy|beautiful|fit|cute|good looking|good-looking) as (your voice|you sound)", Harassment),
    rule("(give me|send me|gimme|can i have|can i get|what's|whats|what is) your (number|digits|mobile|mobile number|phone number|personal number|whatsapp|cell|cell number)", Harassment).company(ADVANCE),
    rule("(text|message|call|ring|dm|msg) you (directly |privately |personally |)(at night|late at night|tonight|after work|outside work|when you're home|when you are home|in bed)", Harassment).company(ADVANCE),
    rule("(i bet|bet) you look (as good as you sound|good|hot|gorgeous|pretty|sexy|beautiful|cute|lovely|stunning|fit|amazing)", Harassment),
    rule("(look|looks|looked|would look|you'd look) (even |)(better|good|hot|great|sexy|nicer) (out of|without) (that|your|the) (uniform|clothes|dress|skirt|top|outfit|blouse)", Harassment),
    rule("you know you want (to|it|me)", Harassment).clause_end(),
    rule("(nice|lovely|great|gorgeous|sexy|fit|hot) (legs|bum|arse|ass|body|figure|tits|boobs|rack|curves)", Harassment).clause_end(),
    rule("(love|like|fancy|checking out|staring at|looking at|admiring) your (legs|bum|arse|ass|body|figure|tits|boobs|lips|curves|chest)", Harassment),
    rule("(send|show) (me|us) a (photo|picture|pic|selfie) of (you|yourself)", Harassment).next_not(&["receipt", "passport", "id", "licence", "license"]),
    // Ordinary words that press: personal questions, invitations, remarks on looks and voice.
    rule("(which|what) (office|branch|building|site|floor|desk|city|town) (are you|you're|you are|do you work) (in|at|on|from|based in|work in|)", Harassment).company(ADVANCE),
    rule("where (do|are) you (work|live|based|working|working from|live now|stay)", Harassment).company(ADVANCE),
    rule("((what time|when) (do|does) (you|your shift) (finish|get off|clock off|knock off|go home|leave|end)|(after|when|before) your shift (ends|finishes|is over|))", Harassment).company(ADVANCE),
    rule("(take you (out|for a drink|for a meal|for dinner|for a coffee|to dinner)|buy you a (drink|coffee|dinner|meal)|(go|come) (out|for a drink|for dinner) with me|(have|grab) a drink with me)", Harassment).company(ADVANCE),
    rule("(come|pop) (up|round|over) (to my|to the) (room|place|flat|house|hotel room)", Harassment).company(ADVANCE),
    rule("(come|pop) (up|round|over) (when|after|later|tonight)", Harassment).company(ADVANCE),
    rule("(won't|will not|don't|do not) take no for an answer", Harassment).company(ADVANCE),
    rule("(no one|nobody|no - one) (needs to|has to|will|would|ever has to) (know|find out)", Harassment).company(ADVANCE),
    rule("(our|a) little secret", Harassment).company(ADVANCE),
    // Asking when the reader finishes, and wanting to meet her: "tell me what time you finish
    // ... I'll save you a glass of champagne", "I'd like to put a face to the name".
    rule("(tell me|let me know|so what's|what's|whats) (what time|when) (you|you're|your shift) (finish|finishes|get off|clock off|knock off|are done|are off|end|ends)", Harassment).company(ADVANCE),
    rule("(save|keep|pour) you a (glass|drink|bottle|seat|dance)", Harassment).company(ADVANCE),
    rule("put a face to (the|your|that) (name|voice)", Harassment).company(ADVANCE),
    rule("(ask|asking|ask for|look|looking) for you by name", Harassment).company(ADVANCE),
    rule("are you the one (on|at|behind|working) (reception|the desk|the front desk|the counter|the bar)", Harassment).company(ADVANCE),
    // Pressing past a refusal: "don't be shy", "go on, nobody's listening".
    rule("(don't|dont|do not) be shy", Harassment).company(ADVANCE),
    rule("(nobody's|nobody is|nobodys|no one's|no one is|no-one's|no-one is) (listening|watching|around|going to know)", Harassment).company(ADVANCE),
    rule("make it worth your while", Harassment).company(ADVANCE),
    rule("(only|just) being friendly", Harassment).company(ADVANCE),
    rule("(you|your voice) (sound|sounds|look|looks) (so|really|very|) (gorgeous|beautiful|lovely|cute|pretty|hot|stunning|fit|sweet|adorable|nice)", Harassment).company(ADVANCE),
    rule("(you|your voice) (sound|sounds|sounded|look|looks|looked) (so|really|very|) sexy", Harassment).company(ADVANCE),
    rule("(lovely|gorgeous|beautiful|cute|sweet|hot|soft) voice", Harassment).company(ADVANCE),
    rule("(you|your voice) (sound|sounds|look|looks|seem|seems) like (a|such a) (nice|lovely|pretty|sweet|good|gorgeous) (girl|lady|young lady|woman|lass)", Harassment).company(ADVANCE),
    rule("(seen|saw|watching|watched|noticed) you (at|on|behind|on the|in) (the|reception|) (desk|counter|reception|till|front desk|bar|lobby)", Harassment).company(ADVANCE),
    rule("in that (skirt|dress|top|uniform|outfit|blouse)", Harassment).company(ADVANCE),
    // What the reader should wear, or how it looks on her, beside another advance: "wear that
    // black dress from your insta, it's a good look on you".
    rule("(wear|wearing|put on) (that|the|your) (little |black |red |short |tight |white |pink |blue |green |)(dress|skirt|outfit|top|heels|uniform|blouse)", Harassment).company(ADVANCE),
    rule("(dress|outfit|photo|photos|pic|pics|picture|pictures|selfie|selfies|bikini) (from|on) your (insta|instagram|facebook|tiktok|profile|page)", Harassment).company(ADVANCE),
    rule("((it's|its|that's|thats|it is|that is) a (good|great|nice|hot|lovely|sexy) look on you|(looks|look|looked) (good|great|nice|hot|lovely|amazing|gorgeous|sexy) on you)", Harassment).company(ADVANCE),
    rule("(come|pop) (over|round|up) to (mine|my place|my flat|my house|my room)", Harassment).company(ADVANCE),
    rule("(i'll|ill|i will|i'll just) leave the door (open|unlocked|on the latch) for you", Harassment).company(ADVANCE),
    rule("(tell me|what's|whats|what is|give me) your (real|actual|first) name", Harassment).company(ADVANCE),
    rule("(relax|calm down|chill|chill out) (sweetheart|babe|darling|sweetie|hun|honey|gorgeous)", Harassment).company(ADVANCE),
    // A pet name thrown at the reader, waiting for her after work, a talk "in private", and
    // how she would like a visit, beside another advance: "wouldn't you darling. Maybe I'll wait
    // for you after work and we can discuss the heating in private. Send me your personal number."
    rule("(listen|look|okay|ok|now|come on|hey|wouldn't you|won't you|don't you|aren't you|would you|will you) (sweetheart|darling|babe|sweetie|honey|hun|gorgeous)", Harassment).company(ADVANCE),
    rule("(wait|waiting) for you (after work|after your shift|when you finish|when you leave|when you get off|outside work|at the end of your shift)", Harassment).company(PURSUIT),
    rule("in private", Harassment).company(ADVANCE),
    rule("(you'd|you would) like it if i (came|come|dropped|drop|popped|pop) (by|round|over|down|in)", Harassment).company(ADVANCE),
    rule("(open|crack open|crack) a bottle of (red|white|wine|champagne|bubbly|fizz|prosecco)", Harassment).company(ADVANCE),
    rule("((are you|you) single|(do you have|have you got|got) a (boyfriend|girlfriend|husband|wife|fella))", Harassment).company(ADVANCE),
    rule("(what's|give me|can i have|can i get|send me) your (personal|private|mobile|own|home) (number|phone number|address)", Harassment).company(ADVANCE),
    rule("((give|flash) (me|us) a smile|smile for me)", Harassment).company(ADVANCE),
    // Prejudice: demands and remarks about the reader's origin rather than their work.
    rule("(someone|somebody|anyone|anybody|a person|an agent|a manager|a supervisor|someone else) (who|that) (speaks|can speak|talks|can talk|actually speaks) (proper|real|decent|normal|native|actual|correct|the queen's) english", Prejudice),
    rule("(speak|speaks|talk|talks) (proper|real|the queen's) english", Prejudice).prev_not(&["i", "we", "to", "can't", "cannot", "don't"]),
    rule("learn (to speak|how to speak|) (proper|) english", Prejudice).prev_not(&["i", "to", "we", "i'm", "am", "trying", "still", "help", "helping"]),
    rule("(someone|somebody|anyone|anybody|a person|an agent|a manager|a supervisor|someone else) (british|english|american|australian|canadian|irish|scottish|welsh|white)", Prejudice).next_not(NOT_A_PERSON),
    rule("(a|an|some|one) (real|proper|actual|genuine|true) (british|english|american|australian|brit|englishman) (person|agent|man|woman|lady|guy|bloke|speaker|accent|voice|people)", Prejudice).next_not(NOT_A_PERSON),
    rule("native (english|british) (speaker|person|agent|accent)", Prejudice),
    rule("(someone|somebody|anyone|anybody|a person|an agent) from (this country|england|britain|great britain)", Prejudice).next_not(NOT_A_PERSON),
    rule("(someone|somebody|anyone|a person|an agent) (who was|who's|who is|) (born|raised|brought up) (here|in this country|in england|in britain)", Prejudice),
    rule("(not|no|instead of|rather than) (some|a|an|another|) (foreigner|foreigners|immigrant|immigrants|foreign (person|agent|guy|girl|woman|man|lot|call centre|call center))", Prejudice),
    rule("(not|no|instead of|rather than) (someone|somebody|a person|some person|people|an agent|a call centre|a call center|some call centre|some call center) (abroad|overseas|in another country|halfway round the world|halfway around the world)", Prejudice),
    rule("(not|no|instead of|rather than) (someone|somebody|a person|people|an agent) (in|from|at) (a|some|an|the) (call centre|call center) (abroad|overseas|in another country)", Prejudice),
    rule("(someone|a person|an agent|a manager|somebody) who (isn't|is not) (foreign|a foreigner|an immigrant|from abroad|from overseas)", Prejudice),
    rule("go back to (your own country|your country|where you came from|where you come from|where (he|she|they) came from|wherever (you're|you are|he's|he is|she's|she is|they're|they are|you came|he came|she came|they came) from)", Prejudice),
    rule("(put me (on|through) to|is there|get me|give me|i want|i'd like|let me speak to|can i speak to|can i have) a man", Prejudice).next_not(&["-", "page", "hour", "hours"]),
    rule("(you lot|agents|people|someone|staff|you) (from|in) (overseas|abroad)", Prejudice).next_not(NOT_A_PERSON),
    rule("(someone|somebody|an agent|a person) in this country", Prejudice).next_not(NOT_A_PERSON),
    rule("(you people|your lot|you lot|your sort|your kind) (come|coming|came) over here", Prejudice),
    rule("(your|that) (english|accent) is (terrible|awful|rubbish|shocking|appalling|atrocious|laughable|a joke|broken|pathetic)", Prejudice),
    rule("who (probably|) (only|just) (got|came|arrived) (here|over here|to this country)", Prejudice).company(ORIGIN),
    rule("(can't|cannot|can not|couldn't) understand (your|that|the|his|her) accent", Prejudice).company(ORIGIN),
    rule("where are you (really|actually|originally) from", Prejudice).company(ORIGIN),
    // Guessing where the reader sits from how they write: "where are you even based, you type
    // like you're in a call centre in Bangalore".
    rule("where are you (even |really |actually |)(based|sitting|working from)", Prejudice).company(ORIGIN),
    rule("(who's|who has|whos|that's|that has|who've|who have) (only |just |)been (here|in this country|in the country|over here) (five minutes|5 minutes|two minutes|2 minutes|five seconds|a week|a few weeks|a few months|five years|a year|no time)", Prejudice).company(ORIGIN),
    rule("(type|write|talk|sound|speak) like (you're|you are|youre|someone|somebody|they're|you've been) (in|from|at) (a|some) (call centre|call center) (in|from) (india|bangalore|mumbai|delhi|manila|the philippines|pakistan|bangladesh|abroad|overseas)", Prejudice),
];
