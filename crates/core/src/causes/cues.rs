//! The cue phrases behind each cause, grouped by what they show, with how strongly they point
//! to it.
//!
//! A phrase is matched against the normalised word stream of [`super::words`]: lower case,
//! contractions expanded ("didn't" is "did not"), one clause at a time. A word ending in `*`
//! matches any word that starts with it ("crash*" covers "crashed", "crashes"); `*` is only
//! allowed at the end of a phrase.

use crate::types::Cause;

/// A group of phrases that point to one cause for one reason.
pub(crate) struct Cue {
    pub cause: Cause,
    /// Log-odds the cue adds to its cause; see [`STRONG`], [`MEDIUM`], [`WEAK`].
    pub weight: f32,
    /// Plain words for the agent, shown as the evidence note.
    pub why: &'static str,
    pub phrases: &'static [&'static str],
}

impl Cue {
    /// Whether a negation turns the cue off. Pressure in the client's life stays pressure when
    /// negated: "I can't pay rent" is about rent.
    pub fn negatable(&self) -> bool {
        self.cause != OutsidePressure
    }
}

/// Why a cue of conflicting information counts: what we told the client does not agree with
/// itself, which is ours to own even when the cause is a misunderstanding.
pub(crate) const CONFLICTING: &str = "points to conflicting or inconsistent information";
/// One strong cue alone puts a cause clearly above the 0.5 threshold.
pub(crate) const STRONG: f32 = 3.2;
/// One medium cue alone puts a cause just above the threshold.
pub(crate) const MEDIUM: f32 = 2.5;
/// A weak cue is listed as support but needs another cue to reach the threshold.
pub(crate) const WEAK: f32 = 1.4;

use Cause::*;

#[rustfmt::skip]
pub(crate) const CUES: &[Cue] = &[
    // Miscommunication.
    Cue {
        cause: Miscommunication,
        weight: STRONG,
        why: "says they were misunderstood or misunderstood something",
        phrases: &[
            "not what i asked", "not what i said", "not what i meant", "not what i wrote",
            "not what i requested", "misunderst*", "miscommunicat*", "misread*", "misheard", "misinterpret*",
            "misinformed", "mix up", "mixed up", "what i meant", "i never said", "never asked for",
            "never request*", "never agreed", "never signed up", "never authori*", "not authori*",
            "i did not ask for", "i did not order", "i did not agree", "different question",
            "not the one i asked", "under the impression", "wrong impression",
        ],
    },
    Cue {
        cause: Miscommunication,
        weight: STRONG,
        why: "is confused or cannot follow an explanation",
        phrases: &[
            "confused", "confusing", "confusion", "not understand", "not sure i underst*", "makes no sense",
            "not make sense", "what do you mean", "what does that mean", "what does this mean",
            "does that mean", "does this mean", "you mean by", "you meant by", "meant by", "unclear",
            "not clear what", "not clear how", "not clear why", "not clear to me", "no idea what",
            "lost in translation", "explain why", "explain how", "explain what", "explain to me",
            "explain this to me", "explain it to me", "explain that to me", "can you explain",
            "could you explain", "can someone explain", "can anyone explain", "please explain",
            "explanation", "clarif*", "when you say", "what exactly", "puzzled", "baffled",
        ],
    },
    Cue {
        cause: Miscommunication,
        weight: STRONG,
        why: CONFLICTING,
        phrases: &[
            "conflicting", "contradict*", "inconsistent", "which one is it", "which is it", "which is right",
            "which is correct", "which one is right", "said the opposite", "the opposite", "the next said",
            "another agent said", "one agent said", "different answer*", "different information",
            "different story", "says one thing", "said one thing", "one thing and", "says otherwise",
            "said otherwise", "one price and", "does not match", "do not match", "nobody explained",
            "no one explained", "nobody told", "no one told", "nobody mentioned", "no one mentioned",
            "never mentioned", "never told", "not informed", "never informed", "not told",
        ],
    },
    Cue {
        cause: Miscommunication,
        weight: MEDIUM,
        why: "reports what they were told or assumed",
        phrases: &[
            "i was told", "we were told", "they told me", "you told me", "i thought", "we thought",
            "i assumed", "i understood", "the brief", "clearly said", "clearly stated", "specifically asked",
            "i asked for", "i asked you to", "do you mean", "did you mean", "do you count", "apparently",
            "the instructions", "the manual", "the faq", "your faq", "the terms",
        ],
    },
    Cue {
        cause: Miscommunication,
        weight: WEAK,
        why: "is unsure what applies",
        phrases: &[
            "or not", "which one", "what is the difference", "you said", "you guys said",
        ],
    },
    // Unmet expectations.
    Cue {
        cause: UnmetExpectations,
        weight: STRONG,
        why: "says it falls short of what was expected or promised",
        phrases: &[
            "expected", "expecting", "i expect", "supposed to", "meant to be", "was meant to", "promise*",
            "guarantee*", "advertis*", "not what i ordered", "not what i paid for", "not as described",
            "not as advertised", "nothing like", "nowhere near", "not even close", "should have",
            "disappoint*", "let down", "sold as", "marketed as", "claims to", "claimed to",
            "false advertising", "misleading", "misled", "not worth", "waste of money", "waste of time",
            "rip off", "ripoff", "so called", "falls short", "fell short", "deserve better",
            "better than this", "not impressed", "how you treat",
        ],
    },
    Cue {
        cause: UnmetExpectations,
        weight: MEDIUM,
        why: "compares what they got with what they paid for, were shown or agreed",
        phrases: &[
            "for the price", "for what i paid", "i paid for", "we paid for", "paying for", "paid extra",
            "paid good money", "signed up for", "the listing", "the website said", "the site said",
            "on the website", "on your website", "on the site", "the description", "described", "the photos",
            "the pictures", "the reviews", "the contract", "our contract", "the agreement", "agreed",
            "the deal", "included", "include", "includes", "said it would", "said they would",
            "said you would", "been a customer", "loyal customer", "premium",
        ],
    },
    Cue {
        cause: UnmetExpectations,
        weight: WEAK,
        why: "points out how long it has been",
        phrases: &["it is now", "that was a week ago", "it has been"],
    },
    Cue {
        cause: UnmetExpectations,
        weight: WEAK,
        why: "recalls what they were told would happen",
        phrases: &[
            "would be", "would come", "would arrive", "would call", "i was told", "we were told",
            "you told me", "you said", "you guys said", "free",
        ],
    },
    Cue {
        cause: UnmetExpectations,
        weight: WEAK,
        why: "calls it poor",
        phrases: &["worst", "poor quality", "poor service"],
    },
    // Outside pressure.
    Cue {
        cause: OutsidePressure,
        weight: STRONG,
        why: "has a job, a boss or a client of their own depending on this",
        phrases: &[
            "my boss", "my manager", "my client", "my clients", "my customer", "my customers", "the board",
            "my job", "lose my job", "fired", "sacked", "lose this contract", "lose the contract",
            "lose the client", "my business", "my shop", "my restaurant", "small business", "payroll",
            "two jobs", "my employer", "lost my job", "lost his job", "lost her job", "lost our jobs",
            "lost my income", "laid off", "made redundant", "been out of work", "im out of work", "now out of work",
            "am out of work", "still out of work", "currently out of work",
        ],
    },
    Cue {
        cause: OutsidePressure,
        weight: STRONG,
        why: "mentions money trouble: rent, bills or pay",
        phrases: &[
            "rent", "mortgage", "my bills", "the bills", "pay bills", "cover my", "salary", "wages",
            "paycheck", "payday", "evict*", "landlord", "overdraft", "afford", "in debt", "groceries",
            "my savings", "i am broke", "taxes", "tax return",
        ],
    },
    Cue {
        cause: OutsidePressure,
        weight: STRONG,
        why: "mentions health or a family need",
        phrases: &[
            "hospital", "surgery", "operation", "medication", "medicine", "prescription", "pharmacy", "sick",
            "illness", "cancer", "chemo", "doctor", "disabled", "disability", "pregnant", "insulin",
            "diagnosed", "injured", "injury", "funeral", "passed away", "my health", "my mother", "my mum",
            "my mom", "my dad", "my father", "my parents", "my grandmother", "my grandma", "my son",
            "my daughter", "my kids", "my children", "my wife", "my husband", "my partner", "my baby",
            "my family", "newborn", "single mum", "single mom", "single parent", "elderly",
        ],
    },
    Cue {
        cause: OutsidePressure,
        weight: STRONG,
        why: "has an important date coming: an event, a trip or an exam",
        phrases: &[
            "wedding", "birthday", "anniversary", "graduation", "exam", "exams", "interview", "presentation",
            "launch*", "visa", "passport", "deadline", "is due", "are due", "due date", "due on", "due by",
            "due tomorrow", "due today", "in an hour", "in a few hours", "in two hours", "in two days",
            "in two weeks", "travelling", "traveling", "abroad", "moving house", "my trip", "the trip",
        ],
    },
    Cue {
        cause: OutsidePressure,
        weight: MEDIUM,
        why: "sounds stressed or short of time",
        phrases: &[
            "urgent*", "asap", "emergency", "panic*", "stressed", "stress", "desperate", "anxious", "worried",
            "wits end", "freelancer", "tomorrow", "tonight", "by friday", "by monday", "by tuesday",
            "by wednesday", "by thursday", "by saturday", "by sunday", "by end of", "by the end of",
            "before friday", "next week", "this weekend", "time sensitive",
        ],
    },
    // Service failure.
    Cue {
        cause: ServiceFailure,
        weight: STRONG,
        why: "something broke or does not work",
        phrases: &[
            "broken", "it broke", "broke down", "not work*", "stopped working", "stopped", "never works",
            "nothing works", "crash*", "freez*", "frozen", "froze", "bug", "bugs", "buggy", "glitch*",
            "error*", "outage", "is down", "been down", "went down", "offline", "faulty", "defective",
            "unable to", "not let me", "not letting me", "not turn on", "not start", "not open", "not charge",
            "not sync*", "not load*", "not connect*", "not print", "not update", "can not log",
            "can not access", "can not get", "locked out", "no longer", "power cut", "no power", "no heating",
            "no hot water", "no internet", "no signal", "no service", "no connection", "no phone", "no water",
            "disconnected", "leak*", "declined", "rejected", "failed", "dropped", "stuck", "slow",
            "not processed", "dead on arrival", "arrived dead", "it died",
        ],
    },
    Cue {
        cause: ServiceFailure,
        weight: STRONG,
        why: "something is lost, late or missing",
        phrases: &[
            "lost", "missing", "misplaced", "where is my", "where is it", "never arrived", "never came",
            "never showed", "never delivered", "nobody showed up", "no one showed up", "nobody came",
            "no one came", "not show up", "not turn up", "no show", "not arrive*", "not received",
            "not receive", "not delivered", "not been delivered", "not shipped", "not ship", "late", "delay*",
            "still not", "still has not", "still have not", "not come through", "not gone through",
            "not go through", "taking forever", "took forever", "took ages", "vanished", "disappeared",
            "no record", "cancelled", "canceled", "cancelling", "ruined", "damaged", "dirty", "stale",
            "expired", "undercooked", "cold", "still pending",
        ],
    },
    Cue {
        cause: ServiceFailure,
        weight: STRONG,
        why: "the wrong thing was sent, done or charged",
        phrases: &[
            "wrong", "incorrect*", "charged twice", "charged me twice", "billed twice", "double charg*",
            "double bill*", "charged my card twice", "twice for", "overcharg*", "charged for", "extra charge",
            "received a small", "mistake*", "messed up", "screwed up", "botched", "sent it in",
        ],
    },
    // Feeling unheard.
    Cue {
        cause: FeelingUnheard,
        weight: STRONG,
        why: "says they were ignored or got no reply",
        phrases: &[
            "ignor*", "no reply", "no response", "no answer", "no word", "no update", "no updates",
            "no callback", "no call back", "not replied", "not responded", "not answered", "not reply",
            "not respond", "not answer", "never replied", "never responded", "never answered",
            "never heard back", "never got back", "never called back", "not called back", "not call back",
            "not heard back", "not heard from", "nobody replied", "no one replied", "nobody responded",
            "no one responded", "nobody answered", "no one answered", "nobody called", "no one called",
            "not anyone", "nobody got back", "no one got back", "nobody has", "no one has", "not got back",
            "not gotten back", "not get back", "nobody has bothered", "nobody listens", "no one listens",
            "not listen*", "listen to me", "hear me", "nobody reads", "no one reads", "anyone read*",
            "actually read", "even read", "anyone there", "anybody there", "real person", "actual person",
            "a human", "human being", "nobody cares", "no one cares", "not care", "still waiting for a",
            "still waiting on", "waiting for a response", "waiting for a reply", "waiting for an answer",
            "heard nothing", "nothing has happened", "nothing happened", "nothing has been done",
            "radio silence", "thanks for nothing", "looking into it", "we are aware", "brushed off",
            "brush me off", "fobbed off", "fob me off", "dismiss*", "chasing", "chased",
        ],
    },
    Cue {
        cause: FeelingUnheard,
        weight: STRONG,
        why: "has had to contact or explain more than once",
        phrases: &[
            "second time", "third time", "fourth time", "fifth time", "times already", "twice already",
            "three times", "four times", "five times", "six times", "several times", "multiple times",
            "many times", "countless times", "numerous times", "again and again", "over and over",
            "every time i call", "every time i contact", "keep telling", "keep asking", "keep saying",
            "keep repeating", "keep explaining", "keep sending", "keeps sending", "repeat myself",
            "repeating myself", "same thing", "from scratch", "start over", "start again",
            "from the beginning", "explain again", "had to explain", "have to explain",
            "explain it again", "explain this again", "explain everything again", "same reply", "same response", "same answer",
            "same message", "same email", "same excuse", "same script", "followed up", "follow up",
        ],
    },
    Cue {
        cause: FeelingUnheard,
        weight: MEDIUM,
        why: "points back to what they already said",
        phrases: &[
            "i told you", "i already told", "already told you", "as i said", "like i said", "as i mentioned",
            "as i explained", "i already explained", "already explained", "already sent", "already provided",
        ],
    },
    Cue {
        cause: FeelingUnheard,
        weight: STRONG,
        why: "was passed around, kept on hold or cut off",
        phrases: &[
            "transferred me", "transferring me", "transferred to", "transferred from", "transferred again",
            "keep transferring", "transfer me", "got transferred", "get transferred", "been transferred",
            "was transferred", "passed around", "passed to", "passed from", "passed on to", "pass me",
            "bounced around", "bounced between", "one department", "another department",
            "different department*", "different agent*", "another agent", "different person",
            "different people", "someone else", "on hold", "hold music", "hung up", "hang up", "cut me off",
            "cut off", "ended the chat", "closed the chat", "closed my ticket", "closed the ticket",
            "closed my case", "closed the case", "marked as resolved", "without fixing", "without resolving",
            "without reading", "in circles", "bot", "chatbot", "automated", "template", "scripted",
            "copy paste", "canned", "generic response", "generic reply",
        ],
    },
    Cue {
        cause: FeelingUnheard,
        weight: WEAK,
        why: "it keeps happening",
        phrases: &[
            "again", "once again", "explained", "days ago", "weeks ago", "months ago", "a week ago",
            "still waiting", "any update", "ticket", "callback", "call back",
        ],
    },
];

/// Words that turn a following cue around ("not broken").
#[rustfmt::skip]
pub(crate) const NEGATORS: &[&str] = &[
    "not", "no", "never", "nothing", "nobody", "without", "hardly", "neither", "nor",
];

/// Words that end the reach of a negation ("not angry, just confused").
#[rustfmt::skip]
pub(crate) const SCOPE_BREAKERS: &[&str] = &[
    "but", "and", "because", "so", "although", "though", "yet", "just", "also", "then", "even", "|",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_lower_case_with_stars_only_at_the_end() {
        for cue in CUES {
            for p in cue.phrases {
                assert_eq!(*p, p.to_lowercase(), "{p}");
                assert!(!p.trim_end_matches('*').contains('*'), "{p}");
                assert!(
                    !p.contains("'") && !p.contains("  ") && p.trim() == *p,
                    "{p}"
                );
            }
        }
    }

    #[test]
    fn every_cause_has_cues() {
        for cause in Cause::ALL {
            assert!(CUES.iter().any(|c| c.cause == cause), "{cause:?}");
        }
    }
}
