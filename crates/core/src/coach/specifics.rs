//! What is particular to this client, ready to be said back: how they feel, what went wrong,
//! their points, their deadline, how often they have had to get in touch.
//!
//! Concerns come from the analysis already written from the agent's side ("your parcel has
//! not arrived"); they are tidied into clauses that fit inside a sentence.

use super::calendar::MONTHS;
use super::closing::Close;
use super::conversation::{Analysed, Role};
use std::sync::OnceLock;

use super::lists;
use super::phrases::{PhraseSet, has_word, mentions_any, sentence_around, sentences};
use super::situation::{Domain, Family, Urgency};
use super::subject;
use super::when;
use crate::text::tokenize;
use crate::types::{Analysis, Cause, Emotion, Level, SignalKind, Want};

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Specifics {
    /// The strongest difficult feeling in the latest client turn.
    pub feeling: Option<Emotion>,
    /// What went wrong, as a clause from the agent's side ("your parcel has not arrived").
    pub wrong: Option<String>,
    /// The client's points, from the agent's side, latest turn first, at most two.
    pub concerns: Vec<String>,
    /// Their deadline as written ("by Friday").
    pub deadline: Option<String>,
    /// Their count of contacts as written ("third time").
    pub repeated: Option<String>,
    /// What the case is about, from the agent's side ("your March bill"); see `subject`.
    pub subject: Option<String>,
    /// What the client has turned down in their latest message: remedies ("not another
    /// credit"), which the options leave out, and our stock holding lines ("I don't want another
    /// 'we'll look into it'"), which every wording avoids while another is left.
    pub refused: Vec<&'static str>,
    /// The leading cause in the latest client turn.
    pub cause: Option<Cause>,
    /// A client turn says we told them conflicting things, or never told them.
    pub told_otherwise: bool,
    /// What the latest client turn most wants, when the reading holds it and, for an outcome
    /// others decide, the client names it ("a refund", "your manager").
    pub want: Option<Want>,
    /// The weightiest vulnerability in the conversation.
    pub vulnerability: Option<Family>,
    pub urgency: Urgency,
    pub domain: Option<Domain>,
    /// When the next step is due, in words that follow "update you" ("within the hour").
    pub when: Option<&'static str>,
    /// What the latest message wants to find out, to follow "I'll find out" ("where your
    /// refund is").
    pub question: Option<String>,
    /// What the latest message wants done, to follow "your request to" ("send you a copy of
    /// the invoice").
    pub request: Option<String>,
    /// The latest message leaves nothing open: how the reply ends instead of with a next step.
    pub closed: Option<Close>,
    /// The kinds of trouble the client's words describe (see [`matters`]).
    pub matters: Vec<&'static str>,
    /// The agent has said what they found (`Conversation::found`): the next step no longer
    /// promises to look into it.
    pub found: bool,
    /// The agent has already named ending the conversation as what happens if it goes on.
    pub end_named: bool,
    /// The latest client message is composed: no worse than tense, with nothing heated in it
    /// (no shouting, sarcasm, blame, insult, threat or "never"), however firm.
    pub composed: bool,
    /// The latest client message answers a reply of ours: thanks for setting out their account
    /// are for a first account, not for "that's not an answer".
    pub answering: bool,
}

impl Specifics {
    pub fn gather(analysed: &Analysed<'_>) -> Specifics {
        let mut s = Specifics::default();
        let Some((last_i, latest, last)) = analysed.last_client() else {
            return s;
        };
        s.cause = last.causes.first().map(|c| c.cause);
        s.told_otherwise = analysed.told_otherwise();
        s.composed = composed(last);
        s.answering = analysed.conversation.turns[..last_i]
            .iter()
            .any(|t| t.role == Role::Agent);
        s.refused = refused(&latest.text);
        // What we have told the client we cannot give is no option to offer them ("the room is
        // non-refundable" and then "a refund or credit for the part that fell short").
        if analysed.conversation.agent_texts().any(no_refund) {
            s.refused.push("refund");
        }
        s.matters = matters(analysed.conversation.client_texts());
        s.end_named = analysed
            .conversation
            .agent_texts()
            .any(|t| lists::says("names_the_end", t));
        s.want = if lists::says("asks_for_senior", &latest.text) {
            Some(Want::SpeakToSomeone)
        } else {
            last.wants
                .first()
                .filter(|w| w.score >= 0.5 && names(&latest.text, w.want))
                .map(|w| w.want)
        };
        // Sarcasm asks for nothing it says ("do you have an even better plan?"), and hides the
        // feeling: "I can understand why you feel unsure" answers a jibe with a script.
        let sarcastic = last.says(SignalKind::Sarcasm);
        // A composed client is told only a feeling they named ("I'm really worried"): one read
        // from their wording ("unsure" from "I understand", "sure") puts words in their mouth.
        let named = |e: &Emotion| {
            last.emotion(*e)
                .evidence
                .iter()
                .any(|x| x.why == crate::feelings::SAID_OUTRIGHT)
        };
        // Being unsure is said only when they say so: the reading takes "why" and "not" for it.
        s.feeling = difficult_feeling_where(last, |e| {
            named(e) || !s.composed && *e != Emotion::Confusion
        })
        .filter(|_| !sarcastic);
        let asked = |prefix: &str| {
            last.concerns
                .iter()
                .filter(|_| !sarcastic)
                .filter(|c| !has_abuse(last, c.start, c.end) && reads_well(&c.text))
                .filter(|c| !rhetorical(&c.text) && !feared(&c.text))
                .find_map(|c| c.text.strip_prefix(prefix).map(first_part))
                .filter(|rest| rest.split_whitespace().count() <= MAX_ASKED_WORDS)
                // "your request to help you" names nothing to look into.
                .filter(|rest| !rest.starts_with("help"))
        };
        s.question = asked("you want to know ");
        s.request = asked("you want us to ");
        let offset = analysed.conversation.offset;
        for (_, turn, a) in analysed.client_turns().rev() {
            let text = turn.text.as_str();
            // Said back only when it names a time ("by Friday"), not a plea ("please hurry").
            let timed = |d: &String| when::find(d, turn.at, offset).is_some();
            // "by 5pm Thursday": the day after the time is part of the deadline.
            let deadline = a
                .signals
                .iter()
                .find(|x| x.kind == SignalKind::Deadline)
                .and_then(|x| text.get(x.start..with_its_day(text, x.end)))
                .map(str::to_string);
            s.deadline = s.deadline.or_else(|| {
                deadline
                    .filter(timed)
                    .map(|d| bare_date(&d))
                    // "well ahead of today" says nothing, nor "with within 48 hours so close":
                    // only a day or a time further off.
                    .filter(|d| !SAME_DAY.contains(&d.to_lowercase().as_str()))
                    .filter(|d| !is_span(d))
            });
            // The turns are read latest first; the case is named where the client opened it.
            s.subject = subject::of(text).or(s.subject.take());
            s.repeated = s.repeated.or_else(|| {
                // "the third time" counts contacts only in a sentence about getting in touch
                // ("the third outage this quarter" does not).
                let count = |x: &&crate::types::Signal| {
                    text.get(x.start..x.end).is_some_and(is_count)
                        && about_contact(sentence_of(text, x.start))
                };
                a.signals
                    .iter()
                    .filter(|x| x.kind == SignalKind::RepeatedContact)
                    .find(count)
                    // "for the {repeated}": "(for) a third time" loses its article.
                    .map(|x| {
                        let mut said = &text[x.start..x.end];
                        for lead in ["for ", "For ", "a ", "the ", "A ", "The "] {
                            said = said.strip_prefix(lead).unwrap_or(said);
                        }
                        said.to_string()
                    })
            });
            // A question thrown back ("does it matter??") is no point to say back.
            let retort = |t: &str| t.starts_with("you want to know") && rhetorical(t);
            let said_back = a
                .concerns
                .iter()
                .filter(|c| !has_abuse(a, c.start, c.end) && reads_well(&c.text))
                .filter(|c| !retort(&c.text));
            for c in said_back {
                if s.concerns.len() < MAX_CONCERNS {
                    s.concerns.push(clause(&c.text));
                }
                // A point behind a failure of ours that itself says something went wrong: "your
                // parcel has not arrived", not "your replacement arrived this morning".
                let went_wrong = a
                    .causes
                    .iter()
                    .filter(|x| matches!(x.cause, Cause::ServiceFailure | Cause::UnmetExpectations))
                    .flat_map(|x| &x.evidence)
                    .any(|e| e.start < c.end && c.start < e.end)
                    && tokenize(&c.text)
                        .iter()
                        .any(|t| crate::signals::tells_of_trouble(&t.norm));
                // "you want to know why ..." asks; it does not say what went wrong.
                let asks = c.text.starts_with("you want") || c.text.starts_with("you'd like");
                let stated = !their_own_act(&c.text) && !supposed(&c.text);
                if s.wrong.is_none() && went_wrong && !asks && stated {
                    s.wrong = Some(clause(&c.text));
                }
            }
        }
        s
    }
}

/// No worse than tense and nothing heated in it: a polite, firm message ("I expect 500 Mb, or a
/// partial refund") that readers call calm, whatever the level head says. A client who has had
/// to write again is not composed: thanking them for setting it out misses what they say.
fn composed(a: &Analysis) -> bool {
    use SignalKind as K;
    const HEATED: [SignalKind; 13] = [
        K::RepeatedContact,
        K::Insult,
        K::Threat,
        K::Profanity,
        K::Slur,
        K::Shouting,
        K::ExclamationRun,
        K::Absolute,
        K::Blame,
        K::EscalationThreat,
        K::Sarcasm,
        K::Harassment,
        K::Prejudice,
    ];
    a.level <= Level::Tense
        && !a
            .signals
            .iter()
            .any(|s| !s.quoted && HEATED.contains(&s.kind))
}

/// The kinds of trouble named in `client_texts`: each of [`MATTERS`] whose `[matter.*]` phrases
/// in `words.txt` one of them holds. A way forward that fits one kind of trouble only (a
/// reconnection visit, a collection) is offered for it alone.
fn matters<'a>(client_texts: impl Iterator<Item = &'a str>) -> Vec<&'static str> {
    const MATTERS: &[&str] = &[
        "outage",
        "damaged",
        "missing",
        "stranded",
        "charge",
        "form",
        "room",
        "bug",
        "repair",
        "shortfall",
    ];
    static SET: OnceLock<PhraseSet<usize>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        PhraseSet::new(
            MATTERS
                .iter()
                .enumerate()
                .map(|(i, m)| (i, lists::words(&format!("matter.{m}")))),
        )
    });
    let mut found = [false; MATTERS.len()];
    for text in client_texts {
        for hit in set.find(text) {
            found[hit.tag] = true;
        }
    }
    MATTERS
        .iter()
        .zip(found)
        .filter_map(|(m, f)| f.then_some(*m))
        .collect()
}

/// What `text` turns down: one of [`REMEDIES`], or of the holding lines in [`HOLDING`] (as the
/// words a wording would say it in), after "I don't want", "not another", "no more", "keep
/// your", "done being told" or "don't tell me" in the same sentence.
pub(crate) fn refused(text: &str) -> Vec<&'static str> {
    const REMEDIES: &[&str] = &[
        "refund",
        "credit",
        "voucher",
        "replacement",
        "discount",
        "callback",
        "call back",
        "will call you",
        "call you back",
        "will call me",
        "call me back",
        "payment plan",
        "apology",
        "link",
    ];
    const TURNING_DOWN: &[&str] = &[
        "don't want",
        "dont want",
        "do not want",
        "don't need",
        "dont need",
        "do not need",
        "not another",
        "no more",
        "keep your",
        "done being told",
        "sick of being told",
        "tired of being told",
        "don't tell me",
        "dont tell me",
        "do not tell me",
        "stop telling me",
        "stop saying",
    ];
    let lower = text.to_lowercase().replace('’', "'");
    let mut out = Vec::new();
    // A holding line quoted back in scorn, or dismissed after it ("'they're looking into it'
    // isn't going to cut it").
    const DISMISSED: &[&str] = &[
        "isn't going to cut it",
        "is not going to cut it",
        "won't cut it",
        "doesn't cut it",
        "isn't good enough",
        "is not good enough",
        "isn't an answer",
        "is not an answer",
    ];
    for sentence in sentences(&lower) {
        let quoted = sentence.contains(['"', '“', '”']);
        if quoted || DISMISSED.iter().any(|d| sentence.contains(d)) {
            out.extend(said_in(sentence, HOLDING));
        }
        for cue in TURNING_DOWN {
            if let Some(i) = sentence.find(cue) {
                let after = &sentence[i + cue.len()..];
                out.extend(REMEDIES.iter().filter(|r| after.contains(*r)));
                out.extend(said_in(after, HOLDING));
                out.extend(said_in(after, SYMPATHY));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// An agent's turn says no refund can be given.
fn no_refund(text: &str) -> bool {
    const NO: &[&str] = &[
        "non-refundable",
        "non refundable",
        "nonrefundable",
        "not refundable",
        "isn't refundable",
        "can't refund",
        "cannot refund",
        "can't offer a refund",
        "cannot offer a refund",
        "unable to refund",
        "unable to offer a refund",
        "not able to refund",
        "not able to offer a refund",
        "no refund",
    ];
    mentions_any(text, NO)
}

/// The wordings of each of `lines` that `text` says, as the client would write it.
fn said_in<'a>(
    text: &'a str,
    lines: &'a [(&[&str], &'static [&'static str])],
) -> impl Iterator<Item = &'static str> + 'a {
    lines
        .iter()
        .filter(move |(said, _)| said.iter().any(|w| text.contains(w)))
        .flat_map(|(_, wordings)| wordings.iter().copied())
}

/// Stock lines that hold a client without telling them anything: how a client writes each when
/// they turn it down, and the words a wording says it in.
const HOLDING: &[(&[&str], &[&str])] = &[
    (
        &["look into", "looking into", "looked into"],
        &["look into", "looking into", "looked into"],
    ),
    (&["working on", "work on"], &["working on", "work on"]),
    (
        &["being sorted", "get it sorted", "get this sorted"],
        &["sorted"],
    ),
    (&["bear with"], &["bear with"]),
    (&["escalated", "escalating", "escalate it"], &["escalat"]),
    (
        &["keep an eye", "keeping an eye"],
        &["keep an eye", "keep a close eye"],
    ),
];

/// Sympathy the client has had enough of ("stop telling me you understand"), turned down only
/// outright, as [`HOLDING`] is.
const SYMPATHY: &[(&[&str], &[&str])] = &[
    (&["understand"], &["understand"]),
    (&["sorry"], &["sorry", "apologise"]),
];

/// Whether `text` names the outcome `want` in its own words, where a reply would promise
/// nothing about it unasked: a refund or compensation, someone more senior, a cancellation.
fn names(text: &str, want: Want) -> bool {
    #[rustfmt::skip]
    const MONEY: &[&str] = &[
        "refund", "refunded", "compensation", "compensate", "compensated", "reimburse",
        "reimbursed", "reimbursement",
    ];
    const SENIOR: &[&str] = &["manager", "supervisor", "senior", "boss", "human"];
    match want {
        Want::RefundOrCompensation => {
            has_word(text, MONEY) || text.to_lowercase().contains("money back")
        }
        Want::SpeakToSomeone => has_word(text, SENIOR),
        // "Cancel it", not "you cancelled my flight"; and asked for, not held over us.
        Want::Cancel => sentences(text).any(|s| {
            has_word(s, &["cancel", "cancellation", "unsubscribe", "terminate"]) && !leverage(s)
        }),
        _ => true,
    }
}

/// A sentence that holds leaving over us rather than asking to leave: on a condition ("the old
/// price or I'll cancel", "if it isn't fixed I'll cancel") or as a thought ("I'm thinking of
/// cancelling"). Taking it for a request cancels a client who wanted to stay (round DF).
fn leverage(sentence: &str) -> bool {
    const CONDITIONS: &[&str] = &[
        "or",
        "otherwise",
        "if",
        "unless",
        "else",
        "until",
        "thinking",
        "considering",
        "might",
        "may",
        "could",
        "tempted",
    ];
    has_word(sentence, CONDITIONS)
}

/// A point that supposes rather than states ("your customers must all have dirty caches", often
/// sarcastic): said back as what went wrong, it turns a guess or a jibe into our admission.
fn supposed(point: &str) -> bool {
    const MODALS: &[&str] = &[
        "must",
        "should",
        "would",
        "could",
        "might",
        "may",
        "supposedly",
    ];
    has_word(point, MODALS)
}

/// A point whose subject is the client doing something ("you lost your job", "you cancelled
/// it in October", "you have two kids"): said back as what went wrong, with an apology, it
/// reads as the agent blaming the service for the client's life or agreeing with their mistake.
/// What was done to them, or what they still lack, is not their own act ("you were charged
/// twice", "you still haven't had a reply").
fn their_own_act(point: &str) -> bool {
    #[rustfmt::skip]
    const DONE_TO_THEM: &[&str] = &[
        "were", "was", "'ve been", "have been", "had been", "haven't", "have not", "hadn't",
        "didn't get", "did not get", "didn't receive", "did not receive", "still", "never",
        "can't", "cannot", "couldn't", "could not", "weren't", "are still", "'re still", "had to",
        "have had to", "'ve had to", "got", "received", "were never", "are being", "'re being",
        "keep getting", "keep being", "are left", "'re left", "were left",
    ];
    let lower = point.to_lowercase();
    let rest = lower
        .strip_prefix("you")
        .filter(|r| r.starts_with([' ', '\'']))
        .map(str::trim_start);
    rest.is_some_and(|rest| !DONE_TO_THEM.iter().any(|d| rest.starts_with(d)))
}

/// The sentence of `text` around byte `at`.
fn sentence_of(text: &str, at: usize) -> &str {
    let (start, end) = sentence_around(text, at);
    &text[start..end]
}

/// Whether `sentence` is about getting in touch: calling, writing, chasing, asking ("again"
/// alone is not: "not collected again, 3rd time this month" counts failures).
fn about_contact(sentence: &str) -> bool {
    #[rustfmt::skip]
    const CONTACT: &[&str] = &[
        "call", "called", "calling", "phone", "phoned", "ring", "rang", "rung", "email", "emailed",
        "emailing", "write", "wrote", "written", "writing", "contact", "contacted", "contacting",
        "chase", "chased", "chasing", "ask", "asked", "asking", "message", "messaged", "told",
        "tell", "explain", "explained", "explaining", "spoke", "spoken", "speak", "reported",
        "report", "raised", "complained", "complain", "ticket", "chat", "touch", "send", "sent",
        "same", "repeat", "repeating", "say", "said", "saying",
    ];
    has_word(sentence, CONTACT)
}

/// A question that complains rather than asks ("where are we supposed to sleep?", "is anyone
/// actually going to help?", "can you find out where it is or not?"): said back as what the
/// client wants to know, it reads as mockery.
fn rhetorical(point: &str) -> bool {
    #[rustfmt::skip]
    const MARKS: &[&str] = &[
        "supposed", "actually", "even", "really", "seriously", "honestly", "earth", "hell", "ever",
        // Whether they are talking to a machine is answered in the reply, not looked into.
        "bot", "robot", "human", "machine", "ai",
        // "are you serious?", "are you kidding me?"
        "serious", "kidding", "joking",
        // "are you calling me a liar?" accuses; it asks nothing to look into.
        "liar", "lying", "lie", "lies",
    ];
    // Hyperbole ("did you bill me for the whole street?"), chasing as a way of life, and a
    // question thrown back ("does it matter?").
    const RETORTS: &[&str] = &[
        "the whole street",
        "the whole town",
        "the whole city",
        "the whole building",
        "the whole estate",
        "the whole country",
        "the whole world",
        "the whole village",
        "the entire street",
        "the entire building",
        // "do I have to chase you every day?"
        "every day",
        "every single day",
        "every week",
        "have to chase",
        "got to chase",
        "need to chase",
        "whether it matters",
        "why it matters",
    ];
    let lower = point.to_lowercase();
    has_word(point, MARKS) || lower.contains(" or not") || RETORTS.iter().any(|w| lower.contains(w))
}

/// A fear put as a question ("does no news mean it's bad news?", "should I be worried?"):
/// the reply meets it with care; a next step that promises to find it out promises an answer
/// about their health, home or money nobody here can give.
fn feared(point: &str) -> bool {
    const FEARS: &[&str] = &[
        "bad news",
        "be worried",
        "worry",
        "cancer",
        "dying",
        "going to die",
        "wrong with me",
        "wrong with him",
        "wrong with her",
        "lose my",
        "lose the",
        "lose everything",
        "lose our",
    ];
    mentions_any(point, FEARS)
}

/// What a point asks, up to where a second thought begins ("make the messages stop, you
/// can't ..." asks to make the messages stop), as a clause.
fn first_part(asks: &str) -> String {
    clause(asks.split([',', ';']).next().unwrap_or(asks))
}

/// Whether a point reads as a whole statement from the agent's side, fit to be said back: it
/// opens with who or what it is about ("your parcel ...", "you ...", "we ...", "nobody ..."),
/// not mid-thought ("is not delivered", "that's what ..."), and is not a question turned half-way
/// into a statement or left with the client's own pronouns. (A slip of grammar never reaches a
/// point: the concerns leave it out.)
pub(crate) fn reads_well(text: &str) -> bool {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
                .to_lowercase()
        })
        .collect();
    let opens = words
        .first()
        .is_some_and(|w| SUBJECTS.contains(&w.as_str()));
    // "you want us to what you must do": a question turned half-way into a statement.
    let broken_question = words.windows(2).any(|w| {
        w[0] == "to"
            && matches!(
                w[1].as_str(),
                "what" | "where" | "when" | "why" | "how" | "who"
            )
    });
    // The client's own "me" or "my" left in a point said from the agent's side ("you offer me
    // another slot"): the pronouns were not turned.
    let unturned = words
        .iter()
        .any(|w| matches!(w.as_str(), "me" | "my" | "mine" | "myself"));
    // "..., is much money for you": a clause with its subject missing.
    let lower = text.to_lowercase();
    let no_subject = [", is ", ", are ", ", was "]
        .iter()
        .any(|gap| lower.contains(gap));
    opens && !broken_question && !unturned && !no_subject
}

/// Words a point said back may open with.
const SUBJECTS: &[&str] = &[
    "you", "your", "you're", "you've", "you'd", "you'll", "we", "our", "we've", "we're", "the",
    "a", "an", "there", "there's", "nobody", "no", "nothing", "someone", "somebody", "it", "it's",
];

/// Longest question or request, in words, that a next step names: a longer one reads as the
/// client's message read back.
const MAX_ASKED_WORDS: usize = 10;

/// Concerns said back in a paraphrase: more makes it a speech.
const MAX_CONCERNS: usize = 2;

/// Words aimed at the reader inside `start..end`, or sarcasm anywhere in the message: such a
/// concern is never said back (sarcastic praise read back sounds like agreement or mockery).
pub(crate) fn has_abuse(a: &Analysis, start: usize, end: usize) -> bool {
    let sarcastic = a
        .signals
        .iter()
        .any(|x| x.kind == SignalKind::Sarcasm && !x.quoted);
    sarcastic
        || a.signals.iter().any(|x| {
            let aimed = matches!(
                x.kind,
                SignalKind::Slur
                    | SignalKind::Threat
                    | SignalKind::Harassment
                    | SignalKind::Prejudice
            ) || matches!(x.kind, SignalKind::Insult | SignalKind::Profanity)
                && x.targeted;
            aimed && x.start < end && start < x.end
        })
}

/// The strongest of anger, frustration, anxiety, sadness and confusion that holds.
pub(crate) fn difficult_feeling(a: &Analysis) -> Option<Emotion> {
    difficult_feeling_where(a, |_| true)
}

/// The strongest of those feelings that holds and that `keep` accepts.
fn difficult_feeling_where(a: &Analysis, keep: impl Fn(&Emotion) -> bool) -> Option<Emotion> {
    [
        Emotion::Anger,
        Emotion::Frustration,
        Emotion::Anxiety,
        Emotion::Sadness,
        Emotion::Confusion,
    ]
    .into_iter()
    .filter(|e| a.emotion(*e).holds() && keep(e))
    .max_by(|x, y| a.emotion(*x).score.total_cmp(&a.emotion(*y).score))
}

/// Words for how a situation feels ("frustrating") and how the person feels ("frustrated").
pub(crate) fn feeling_words(e: Emotion) -> (&'static str, &'static str) {
    match e {
        Emotion::Anger => ("infuriating", "angry"),
        Emotion::Anxiety => ("worrying", "worried"),
        Emotion::Sadness => ("disheartening", "let down"),
        Emotion::Confusion => ("confusing", "unsure"),
        _ => ("frustrating", "frustrated"),
    }
}

/// The end of a deadline that ends at `end` in `text`, with the day that follows its time
/// ("by 5pm Thursday", "by noon on Friday"), if one does.
fn with_its_day(text: &str, end: usize) -> usize {
    let rest = &text[end..];
    let mut at = end;
    for (k, word) in rest.split(' ').enumerate().take(3) {
        let bare = word.trim_end_matches(|c: char| !c.is_alphanumeric());
        let lower = bare.to_lowercase();
        if when::weekday(&lower).is_some() || lower == "tomorrow" || lower == "tonight" {
            return at + usize::from(k > 0) + bare.len();
        }
        if !(word.is_empty() || lower == "on" || lower == "this" || lower == "next") {
            break;
        }
        at += word.len() + usize::from(k > 0);
    }
    end
}

/// A deadline without its preposition ("by Friday" -> "Friday"), to fit "with Friday so close".
fn bare_date(deadline: &str) -> String {
    let lower = deadline.to_lowercase();
    let cut = [
        "by ",
        "before ",
        "until ",
        "till ",
        "on ",
        "for ",
        "no later than ",
    ]
    .iter()
    .find(|p| lower.starts_with(*p))
    .map_or(0, |p| p.len());
    let words = deadline[cut..].split_whitespace().map(|w| {
        let lower = w.to_lowercase();
        if named_day(lower.trim_end_matches(|c: char| !c.is_alphabetic())) {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_uppercase().chain(chars.as_str().chars()).collect()
            })
        } else {
            w.to_string()
        }
    });
    words.collect::<Vec<_>>().join(" ")
}

/// A deadline written as a length of time ("within 48 hours", "in the next two days"), which
/// does not fit where a day goes.
fn is_span(deadline: &str) -> bool {
    let lower = deadline.to_lowercase();
    ["within", "in the next", "in ", "over the next"]
        .iter()
        .any(|p| lower.starts_with(p))
}

/// A deadline that is only "today" in other words, which no wording can say back usefully.
const SAME_DAY: &[&str] = &[
    "today",
    "tonight",
    "now",
    "right now",
    "immediately",
    "straight away",
    "right away",
    "asap",
    "this morning",
    "this afternoon",
    "this evening",
    "first thing",
];

/// A day of the week or a month, which a reply writes with a capital however the client wrote
/// it (but "may", which is as often the verb).
fn named_day(word: &str) -> bool {
    when::weekday(word).is_some() || word != "may" && MONTHS.contains(&word)
}

/// A count of contacts that reads well after "for the": "third time", "the 4th time".
fn is_count(text: &str) -> bool {
    const ORDINALS: &[&str] = &[
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "umpteenth",
        "nth",
    ];
    let words: Vec<String> = text
        .to_lowercase()
        .split_whitespace()
        .map(str::to_string)
        .collect();
    match words.as_slice() {
        [.., n, t] if t == "time" => {
            ORDINALS.contains(&n.as_str())
                || n.trim_end_matches(char::is_alphabetic)
                    .parse::<u32>()
                    .is_ok_and(|_| n.ends_with("th") || n.ends_with("rd") || n.ends_with("nd"))
        }
        _ => false,
    }
}

/// Function words a cut-off concern may end on ("... by Friday for…").
const DANGLING: &[&str] = &[
    "for", "and", "the", "a", "an", "to", "of", "with", "in", "on", "your", "our", "no", "but",
    "or", "at", "by", "so", "that",
];

/// A concern as a clause: no end punctuation or cut-off mark, no dangling last word, a
/// lower-case start unless it is "I" or a name.
fn clause(text: &str) -> String {
    let mut t = text
        .trim()
        .trim_end_matches(['.', '!', '?', ',', ';', ':', '…'])
        .trim();
    if text.trim_end().ends_with('…') {
        t = t.rsplit_once(' ').map_or(t, |(head, _)| head);
        while let Some((head, last)) = t.rsplit_once(' ') {
            if !DANGLING.contains(&last.to_lowercase().as_str()) {
                break;
            }
            t = head;
        }
        t = t.trim_end_matches([',', ';', ':']);
    }
    let mut chars = t.chars();
    match chars.next() {
        Some(c)
            if c.is_uppercase()
                && !t.starts_with("I ")
                && !t.starts_with("I'")
                && chars.clone().next().is_some_and(char::is_lowercase) =>
        {
            c.to_lowercase().chain(chars).collect()
        }
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kinds_of_trouble_come_from_every_client_turn() {
        assert_eq!(
            matters(
                [
                    "We've had no internet since Monday.",
                    "The form you sent is wrong."
                ]
                .into_iter()
            ),
            ["outage", "form"]
        );
        assert_eq!(
            matters(["You billed me £640 for one quarter."].into_iter()),
            ["charge"]
        );
        assert!(
            matters(["The staff were lovely but the music was too loud."].into_iter()).is_empty()
        );
        // Words inside other words are not the trouble ("formal", "roommate").
        assert!(matters(["A formal complaint from my roommate."].into_iter()).is_empty());
    }

    #[test]
    fn only_points_that_read_well_are_said_back() {
        for good in [
            "your parcel has not arrived",
            "you were charged twice for one order",
            "nobody has called you back",
            "we said it would be fixed on Monday",
        ] {
            assert!(reads_well(good), "{good}");
        }
        for slip in [
            "is not delivered",
            "that's what we said two hours ago",
            "you want us to what you must do now",
            "you've lost two days' wages and you offer me another slot",
            "you need the money back, is much money for you",
        ] {
            assert!(!reads_well(slip), "{slip}");
        }
    }

    #[test]
    fn clause_trims_and_lowers_the_start() {
        assert_eq!(clause("The invoice is wrong!"), "the invoice is wrong");
        assert_eq!(clause("I need a refund."), "I need a refund");
        assert_eq!(
            clause("your parcel still hasn't arrived and you need it by Friday for…"),
            "your parcel still hasn't arrived and you need it by Friday"
        );
        assert_eq!(clause("you still have no…"), "you still have");
    }

    #[test]
    fn deadlines_and_counts_read_well_in_a_sentence() {
        assert_eq!(bare_date("by Friday"), "Friday");
        assert_eq!(bare_date("tomorrow"), "tomorrow");
        assert_eq!(bare_date("before friday 3pm"), "Friday 3pm");
        assert_eq!(bare_date("by 2 march"), "2 March");
        assert!(is_span("within 48 hours") && is_span("in the next two days"));
        assert!(!is_span("Friday 3pm"));
    }

    #[test]
    fn a_count_is_of_contacts_only_in_a_sentence_about_getting_in_touch() {
        let text = "It's down for the third time this quarter. I've called you a third time today.";
        assert!(!about_contact(sentence_of(text, 20)));
        assert!(about_contact(sentence_of(text, 50)));
    }

    #[test]
    fn what_the_client_did_is_not_what_went_wrong() {
        assert!(their_own_act("you lost your job in August"));
        assert!(their_own_act("you cancelled this in October"));
        assert!(their_own_act("you have 2 kids"));
        assert!(supposed("your customers must all have dirty caches"));
        assert!(!supposed("your parcel has not arrived"));
        assert!(!their_own_act("you were charged twice for one order"));
        assert!(!their_own_act("you still haven't had a reply"));
        assert!(!their_own_act("you've been without heating for a week"));
        assert!(!their_own_act("your parcel has not arrived"));
    }

    #[test]
    fn remedies_turned_down_are_found_in_their_sentence() {
        assert_eq!(
            refused("Not another £10 credit. I dont want a refund either, I want it fixed."),
            ["credit", "refund"]
        );
        assert_eq!(
            refused("I don't want another \"someone will call you\". I want a date."),
            ["will call you"]
        );
        assert_eq!(
            refused("I'm honestly done being told someone will call me back."),
            ["call me back", "will call me"]
        );
        assert_eq!(
            refused("I don't want another 'we'll look into it', I want to know where it is."),
            ["look into", "looked into", "looking into"]
        );
        assert_eq!(
            refused("Do not tell me it's being sorted, it has been 'sorted' for a month."),
            ["sorted"]
        );
        assert!(refused("Please look into it and tell me where my parcel is.").is_empty());
        assert_eq!(
            refused("Stop telling me you understand and give me a date."),
            ["understand"]
        );
        assert_eq!(
            refused(
                "That's the third \"we're looking into it\" this week, and \"they're looking into it\" isn't going to cut it."
            ),
            ["look into", "looked into", "looking into"]
        );
        assert!(refused("I want a refund and a credit for the wait.").is_empty());
        assert!(refused("I don't want to wait. Give me a refund.").is_empty());
    }

    #[test]
    fn complaints_in_the_form_of_a_question_are_not_asked() {
        assert!(rhetorical(
            "you want to know where you are supposed to sleep tonight"
        ));
        assert!(rhetorical(
            "you want to know whether anyone is actually going to help"
        ));
        assert!(rhetorical("you want us to find out where it is or not"));
        assert!(rhetorical("you want to know whether we are a bot"));
        assert!(rhetorical("you want to know whether we are serious"));
        assert!(rhetorical(
            "you want to know whether we billed you for the whole street"
        ));
        assert!(rhetorical(
            "you want to know whether you have to chase us every day"
        ));
        assert!(rhetorical(
            "you want to know whether we are calling you a liar"
        ));
        assert!(!rhetorical("you want to know when your refund will arrive"));
        assert!(!rhetorical(
            "you want to know whether we are calling you back"
        ));
        assert!(is_count("the third time") && is_count("4th time"));
        assert!(!is_count("still hasn't") && !is_count("again"));
    }

    fn gathered(text: &str) -> Specifics {
        use crate::analyze::Analyzer;
        use crate::coach::{Conversation, Timestamp, UtcOffset};
        let c = Conversation::parse_transcript(text, Timestamp(1_772_618_400), UtcOffset::UTC)
            .expect("a transcript");
        Specifics::gather(&Analysed::new(&c, &Analyzer::new()))
    }

    #[test]
    fn a_question_thrown_back_is_not_said_back_and_a_real_one_is() {
        let said = |text: &str| gathered(text).concerns.join(" | ");
        let retort = said("Client: Does it matter?? It was 4.2 I think. Get my files back today.");
        assert!(!retort.contains("matters"), "{retort}");
        let asked = said("Client: Can you tell me when my refund will arrive?");
        assert!(asked.contains("refund"), "{asked}");
    }

    #[test]
    fn a_request_for_someone_senior_is_what_they_want() {
        let want = |text: &str| gathered(text).want;
        assert_eq!(
            want("Client: You people are useless. Get me your manager. NOW."),
            Some(Want::SpeakToSomeone)
        );
        assert_eq!(
            want("Client: I want to speak to someone who can actually make a decision."),
            Some(Want::SpeakToSomeone)
        );
        assert_ne!(
            want("Client: Your manager promised me a refund last week and it never came."),
            Some(Want::SpeakToSomeone)
        );
    }

    #[test]
    fn a_deadline_keeps_the_day_after_its_time() {
        fn end<'t>(text: &'t str, phrase: &str) -> &'t str {
            let start = text.find(phrase).unwrap();
            &text[start..with_its_day(text, start + phrase.len())]
        }
        assert_eq!(
            end("needs it by 5pm Thursday or we pay", "by 5pm"),
            "by 5pm Thursday"
        );
        assert_eq!(end("by noon on Friday.", "by noon"), "by noon on Friday");
        assert_eq!(
            end("I need it by 5pm. Thursday is too late", "by 5pm"),
            "by 5pm"
        );
        assert_eq!(end("by 5pm or else", "by 5pm"), "by 5pm");
    }

    #[test]
    fn only_a_deadline_that_names_a_time_is_said_back() {
        let deadline = |text: &str| gathered(text).deadline;
        assert_eq!(
            deadline("Client: My card is blocked and I need it working by Friday."),
            Some("Friday".to_string())
        );
        assert_eq!(
            deadline("Client: My card is blocked at the till. Please hurry!"),
            None
        );
    }
}
