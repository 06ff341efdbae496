//! What is happening to the client beyond their tone: vulnerability (bereavement, illness, money
//! hardship, safety, dependants), urgency (harm now, fraud in progress, a deadline hours away), a
//! concrete failure by the organisation, and the domain the conversation is about.
//!
//! Each is a small phrase family in `data/situation.txt`, read over the client's turns (the
//! domain over every turn), and every finding keeps its span as evidence. The reply's tone and
//! timing follow from it: a grieving client is never asked what they expected, and harm
//! happening now gets a step taken now.

use std::sync::OnceLock;

use super::conversation::{Analysed, Timestamp, UtcOffset};
use super::lists;
use super::phrases::{PhraseSet, has_word, sentence_around, sentences, words};
use super::story::{StoryCause, story_cause};
use super::when::{self, Due};
use crate::types::{Analysis, Signal, SignalKind};

/// A kind of thing happening to the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Signs of a medical emergency or a risk to life: emergency help comes first.
    Emergency,
    /// Signs that the client may harm themselves ("everyone would be better off without me"):
    /// their safety and where to find help come first.
    Crisis,
    /// Danger in the home (a gas smell, carbon monoxide, fire): getting everyone out to fresh
    /// air and calling for help comes before anything we do.
    Hazard,
    /// Danger from the electrics (water through a light fitting, sparks, bare wires): keeping
    /// clear and the power off, not leaving the home, comes before anything we do.
    Electrics,
    /// A cooker, barbecue or stove used to heat a room: its fumes (carbon monoxide) are the
    /// danger, so turning it off and letting air in come first.
    Fumes,
    /// A ceiling, roof or wall that is sagging, cracking or coming down: keeping everyone out
    /// of the room comes before anything we do.
    Collapse,
    /// Someone posing as us, a bank or the police is pressing the client to move money or keep
    /// it quiet, while they write: stopping them comes before anything else.
    Scam,
    /// Someone is trying to get in to where the client is, or is following them: getting safe
    /// and calling the police come before anything we do.
    Intruder,
    /// Someone relies on powered medical equipment (a home oxygen concentrator) and the power
    /// is going or gone: the backup and emergency help come first.
    Device,
    Bereavement,
    Illness,
    Hardship,
    Safety,
    Dependants,
    /// The client is old, said of themselves ("I'm 84 and"): help comes to them, with nothing
    /// left for them to chase.
    Elderly,
    /// Harm or loss happening now.
    Now,
    /// The client is waiting in person, at our desk or counter, while they write: harm now, and
    /// an hour is too long to keep them standing there.
    Waiting,
    /// A deadline of the client's that is hours away.
    Soon,
    /// Misuse in progress that the organisation can stop (a card being used).
    Stoppable,
    /// Fraud words: stoppable harm when something happens now too.
    Fraud,
    /// Something the organisation demonstrably got wrong.
    Failure,
    /// A promise of ours the client says was not kept ("you said that Friday"): a failure, and
    /// one an earlier apology does not cover.
    BrokenPromise,
    /// The client says what they want ("I need a date"): no need to ask them.
    Asks,
}

impl Family {
    /// The vulnerabilities that put the client's safety before the matter itself; they lead
    /// [`Family::VULNERABLE`], in the same order.
    pub const SAFETY_FIRST: [Family; 9] = [
        Family::Emergency,
        Family::Crisis,
        Family::Hazard,
        Family::Electrics,
        Family::Fumes,
        Family::Collapse,
        Family::Scam,
        Family::Intruder,
        Family::Device,
    ];

    /// Whether this vulnerability puts the client's safety before the matter itself (one of
    /// [`Family::SAFETY_FIRST`]).
    pub fn comes_first(self) -> bool {
        Family::SAFETY_FIRST.contains(&self)
    }
    /// Whether the health or safety of the client, or of someone in their care, is at stake:
    /// it comes before holding the line, and it goes with a handover.
    pub fn at_risk(self) -> bool {
        self.comes_first() || matches!(self, Family::Safety | Family::Illness | Family::Dependants)
    }

    /// The vulnerabilities, the weightiest first: the first found sets the tone.
    pub const VULNERABLE: [Family; 15] = [
        Family::Emergency,
        Family::Crisis,
        Family::Hazard,
        Family::Electrics,
        Family::Fumes,
        Family::Collapse,
        Family::Scam,
        Family::Intruder,
        Family::Device,
        Family::Bereavement,
        Family::Safety,
        Family::Illness,
        Family::Hardship,
        Family::Dependants,
        Family::Elderly,
    ];
    /// Failures of ours, of every kind.
    pub const FAILED: [Family; 2] = [Family::Failure, Family::BrokenPromise];
    /// The families found by phrases, with their section in `situation.txt`.
    const PHRASED: [(Family, &'static str); 22] = [
        (Family::Emergency, "emergency"),
        (Family::Crisis, "crisis"),
        (Family::Hazard, "hazard"),
        (Family::Electrics, "electrics"),
        (Family::Fumes, "fumes"),
        (Family::Collapse, "collapse"),
        (Family::Scam, "scam"),
        (Family::Intruder, "intruder"),
        (Family::Device, "device"),
        (Family::Bereavement, "bereavement"),
        (Family::Illness, "illness"),
        (Family::Hardship, "hardship"),
        (Family::Safety, "safety"),
        (Family::Dependants, "dependants"),
        (Family::Elderly, "elderly"),
        (Family::Now, "now"),
        (Family::Waiting, "waiting"),
        (Family::Stoppable, "stoppable"),
        (Family::Fraud, "fraud"),
        (Family::Failure, "failure"),
        (Family::BrokenPromise, "broken_promise"),
        (Family::Asks, "asks"),
    ];

    /// The family's name in `situation.txt` and in the wordings' sections ("bereavement").
    pub fn section(self) -> &'static str {
        Family::PHRASED
            .iter()
            .find(|(f, _)| *f == self)
            .map_or("soon", |(_, name)| name)
    }

    /// Plain words for the agent: "bereavement", "harm happening now".
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Soon => "deadline hours away",
            Family::Now => "harm happening now",
            Family::Waiting => "waiting in person",
            Family::Stoppable | Family::Fraud => "misuse in progress",
            Family::Failure => "something we got wrong",
            Family::BrokenPromise => "a promise we broke",
            Family::Asks => "what they ask for",
            Family::Emergency => "signs of an emergency",
            Family::Crisis => "may harm themselves",
            Family::Hazard => "danger in the home",
            Family::Electrics => "danger from the electrics",
            Family::Fumes => "fumes from heating with a cooker",
            Family::Collapse => "a ceiling or wall that may come down",
            Family::Scam => "a scam under way",
            Family::Intruder => "someone trying to get in",
            Family::Device => "medical equipment losing power",
            Family::Bereavement => "bereavement",
            Family::Illness => "illness",
            Family::Hardship => "money hardship",
            Family::Safety => "safety",
            Family::Dependants => "dependants",
            Family::Elderly => "older client",
        }
    }
}

/// How soon the next step must come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum Urgency {
    #[default]
    None,
    /// The client's deadline is hours away.
    Soon,
    /// Harm or loss is happening now.
    Now,
    /// Harm is happening now and an action of ours stops it: that action comes first.
    Stop,
}

/// What the conversation is about, for options that make sense there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Domain {
    Retail,
    Travel,
    TelecomUtility,
    Finance,
    Health,
    Software,
    FreelanceServices,
    Housing,
    Hospitality,
    PublicService,
}

impl Domain {
    pub const ALL: [Domain; 10] = [
        Domain::Retail,
        Domain::Travel,
        Domain::TelecomUtility,
        Domain::Finance,
        Domain::Health,
        Domain::Software,
        Domain::FreelanceServices,
        Domain::Housing,
        Domain::Hospitality,
        Domain::PublicService,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Domain::Retail => "retail",
            Domain::Travel => "travel",
            Domain::TelecomUtility => "telecom_utility",
            Domain::Finance => "finance",
            Domain::Health => "health",
            Domain::Software => "software",
            Domain::FreelanceServices => "freelance_services",
            Domain::Housing => "housing",
            Domain::Hospitality => "hospitality",
            Domain::PublicService => "public_service",
        }
    }
}

/// One finding: what it shows and where (a turn and a byte span of it).
#[derive(Debug, Clone, PartialEq)]
pub struct Cue<T> {
    pub what: T,
    pub turn: usize,
    pub start: usize,
    pub end: usize,
}

/// What is happening to the client, with the evidence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Situation {
    /// Every cue in the client's turns, in turn and text order.
    pub cues: Vec<Cue<Family>>,
    /// The domain with the most words in the conversation; `None` on a tie or with none.
    pub domain: Option<Domain>,
    /// The words that set the domain.
    pub domain_cues: Vec<Cue<Domain>>,
    /// When the client's earliest stated deadline falls, if a time can be read from it.
    pub deadline: Option<Timestamp>,
    /// The cause behind the conversation as a whole; `None` when no grievance drives it.
    pub cause: Option<StoryCause>,
}

/// A deadline this close to the turn that mentions it makes the case urgent.
const SOON_SECONDS: i64 = 12 * 3600;

impl Situation {
    pub fn gather(analysed: &Analysed<'_>) -> Situation {
        let conversation = analysed.conversation;
        let mut cues = Vec::new();
        let mut deadline: Option<Timestamp> = None;
        let advances = analysed.client_turns().any(|(_, _, a)| {
            a.signals
                .iter()
                .any(|s| s.kind == SignalKind::Harassment && !s.quoted)
        });
        for (i, turn, a) in analysed.client_turns() {
            let found = find(&turn.text, i, families()).into_iter();
            cues.extend(found.filter(|c| {
                !menacing(&turn.text, a, c, advances)
                    && !feared(&turn.text, c)
                    && !done_by_the_client(&turn.text, c)
            }));
            let signalled = a.signals.iter().filter(|s| s.kind == SignalKind::Deadline);
            let phrased = find(&turn.text, i, soon()).into_iter();
            let spans = signalled.map(|s| (s.start, s.end, None));
            let spans = spans
                .chain(phrased.map(|c| (c.start, c.end, None)))
                .chain(event_tomorrow(&turn.text).map(|(s, e)| (s, e, Some("tomorrow morning"))))
                .chain(
                    event_hour(&turn.text, turn.at, conversation.offset).map(|(s, e)| (s, e, None)),
                );
            for (start, end, read_as) in spans {
                if narrated(&turn.text, (start, end)) {
                    continue;
                }
                // The rest of the sentence says which day ("by 5pm Thursday").
                let (_, sentence_end) = sentence_around(&turn.text, end.saturating_sub(1));
                let due = read_as
                    .or_else(|| turn.text.get(start..sentence_end.max(end)))
                    .and_then(|words| when::find(words, turn.at, conversation.offset))
                    .and_then(|t| match t.due {
                        Due::At(due) => Some(due),
                        Due::Vague => None,
                    });
                let Some(due) = due else { continue };
                deadline = Some(deadline.map_or(due, |d| d.min(due)));
                let overlaps = |c: &Cue<Family>| c.turn == i && c.start < end && start < c.end;
                let known = cues.iter().any(|c| c.what == Family::Soon && overlaps(c));
                if due.0 - turn.at.0 <= SOON_SECONDS && !known {
                    cues.push(Cue {
                        what: Family::Soon,
                        turn: i,
                        start,
                        end,
                    });
                }
            }
        }
        let domain_cues: Vec<Cue<Domain>> = conversation
            .turns
            .iter()
            .enumerate()
            .flat_map(|(i, t)| find(&t.text, i, domains()))
            .collect();
        // What the client has from us ("my card", "our booking") says whom they are writing to
        // more than a place they mention ("declined at the hotel desk"): it counts twice. Someone
        // of their own ("my landlord", "my doctor") is not us: it does not count.
        let third_parties = lists::words("third_parties");
        let weight = |c: &Cue<Domain>| {
            let text = &conversation.turns[c.turn].text;
            let before = text[..c.start].trim_end();
            let word = before.rsplit(|ch: char| !ch.is_alphanumeric()).next();
            let is = |list: &[&str]| {
                word.is_some_and(|w| list.iter().any(|o| w.eq_ignore_ascii_case(o)))
            };
            let named = text[c.start..c.end].to_ascii_lowercase();
            match (is(&["my", "our"]), is(&["your"])) {
                (true, _) if third_parties.contains(&named.as_str()) => 0,
                (true, _) | (_, true) => 2,
                _ => 1,
            }
        };
        let count =
            |d: Domain| -> usize { domain_cues.iter().filter(|c| c.what == d).map(weight).sum() };
        let mut ranked: Vec<(usize, Domain)> = Domain::ALL.map(|d| (count(d), d)).to_vec();
        ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
        let domain = match ranked.as_slice() {
            [(top, d), (next, _), ..] if *top > 0 && top > next => Some(*d),
            _ => None,
        };
        // Not needing "it" after a day is a sign of crisis only in a talk about medicine: "I
        // won't be needing it after this weekend" of a prescription, not of a hire car.
        #[rustfmt::skip]
        const MEDICINE: &[&str] = &[
            "tablet", "tablets", "pill", "pills", "medication", "medications", "medicine",
            "medicines", "meds", "prescription", "prescriptions", "dose", "doses",
            "antidepressant", "antidepressants", "inhaler", "inhalers", "insulin", "pharmacy",
            "sertraline",
        ];
        let about_medicine = analysed
            .client_turns()
            .any(|(_, t, _)| mentions(&t.text, MEDICINE));
        cues.retain(|c| {
            let text = &conversation.turns[c.turn].text;
            c.what != Family::Crisis || about_medicine || !text[c.start..c.end].contains("needing")
        });
        // Medication, a diagnosis or surgery in a talk about a pet are the animal's.
        #[rustfmt::skip]
        const PETS: &[&str] = &[
            "dog", "dogs", "cat", "cats", "puppy", "kitten", "pet", "pets", "vet", "vets", "horse",
            "rabbit", "hamster", "parrot",
        ];
        let about_a_pet = analysed
            .client_turns()
            .any(|(_, t, _)| mentions(&t.text, PETS));
        if about_a_pet {
            cues.retain(|c| c.what != Family::Illness);
        }
        // Medical equipment is a danger only with the power going; else it tells of an illness.
        let power_going = analysed
            .client_turns()
            .any(|(_, t, _)| !power_loss().find(&t.text).is_empty());
        if !power_going {
            for c in cues.iter_mut().filter(|c| c.what == Family::Device) {
                c.what = Family::Illness;
            }
        }
        // "If the power goes off he can't breathe" fears an emergency; it is not one yet.
        let turns = &conversation.turns;
        cues.retain(|c| c.what != Family::Emergency || !conditional(&turns[c.turn].text, c.start));
        let cause = story_cause(analysed, &cues);
        Situation {
            cause,
            cues,
            domain_cues: domain_cues
                .into_iter()
                .filter(|c| Some(c.what) == domain)
                .collect(),
            domain,
            deadline,
        }
    }

    /// The cues of one family.
    pub fn of(&self, family: Family) -> impl Iterator<Item = &Cue<Family>> {
        self.cues.iter().filter(move |c| c.what == family)
    }

    fn has(&self, family: Family) -> bool {
        self.of(family).next().is_some()
    }

    /// The client's safety comes before the matter itself: emergency help, a crisis line,
    /// getting out of danger or stopping a scam opens the reply.
    pub fn safety_first(&self) -> bool {
        self.vulnerability().is_some_and(Family::comes_first)
    }

    /// The weightiest vulnerability found, if any.
    pub fn vulnerability(&self) -> Option<Family> {
        Family::VULNERABLE.into_iter().find(|f| self.has(*f))
    }

    pub fn urgency(&self) -> Urgency {
        let now = self.has(Family::Now) || self.waiting();
        let stoppable = self.has(Family::Stoppable) || self.has(Family::Fraud) && now;
        // Danger, a scam or an intruder is stopped now; a crisis is answered now (below).
        let in_danger = Family::SAFETY_FIRST
            .iter()
            .any(|f| *f != Family::Crisis && self.has(*f));
        if stoppable || in_danger {
            Urgency::Stop
        } else if now || self.has(Family::Safety) || self.has(Family::Crisis) {
            // A client who is unsafe (stranded, without heat, in danger) is harmed now.
            Urgency::Now
        } else if self.has(Family::Soon) {
            Urgency::Soon
        } else {
            Urgency::None
        }
    }

    /// The client is waiting in person while they write (see [`Family::Waiting`]).
    pub fn waiting(&self) -> bool {
        self.has(Family::Waiting)
    }

    /// The client names something the organisation got wrong.
    pub fn failed(&self) -> bool {
        Family::FAILED.iter().any(|f| self.has(*f))
    }
}

type Sets<T> = Vec<(T, PhraseSet<()>)>;

fn families() -> &'static Sets<Family> {
    static SETS: OnceLock<Sets<Family>> = OnceLock::new();
    SETS.get_or_init(|| {
        Family::PHRASED
            .iter()
            .map(|(f, name)| (*f, set(name)))
            .collect()
    })
}

/// Whether `c` (harm now, being unsafe, or illness) sits in a sentence of `text` that holds a
/// threat of the client's, or (harm now, being unsafe) in a conversation where the client makes
/// advances to the reader (`advances`): "tonight" there is when they mean to act ("what time do
/// you finish tonight?", "is the pool open late tonight" before "come up to my room"), and
/// "he'll be leaving in an ambulance" is harm meant for someone else, not done to them.
fn menacing(text: &str, a: &Analysis, c: &Cue<Family>, advances: bool) -> bool {
    let advances_count = match c.what {
        Family::Now | Family::Waiting | Family::Safety => true,
        Family::Illness | Family::Emergency => false,
        _ => return false,
    };
    let (start, end) = sentence_around(text, c.start);
    let threat = |s: &&Signal| s.kind == SignalKind::Threat && !s.quoted;
    let in_sentence = |s: &Signal| start <= s.start && s.end <= end;
    a.signals.iter().filter(threat).any(in_sentence) || advances_count && advances
}

/// Whether `c`, a sign of an emergency in `text`, is feared rather than happening ("who ends up
/// having a seizure", "if she has a fit"): a word of what may come is among the three before it.
fn feared(text: &str, c: &Cue<Family>) -> bool {
    const HYPOTHETICAL: [&str; 11] = [
        "if", "could", "might", "may", "risk", "end", "ends", "before", "until", "avoid", "prevent",
    ];
    c.what == Family::Emergency
        && text[..c.start]
            .split(|ch: char| !ch.is_alphanumeric())
            .rev()
            .filter(|w| !w.is_empty())
            .take(3)
            .any(|w| HYPOTHETICAL.contains(&w.to_lowercase().as_str()))
}

/// Whether `c`, a failure in `text`, is something the client did themselves ("I missed my
/// flight", "I overslept and missed my flight", "I cancelled my booking"): not ours. Only what
/// someone did counts ("cancelled my booking"), not what did not happen ("I still haven't been
/// refunded").
fn done_by_the_client(text: &str, c: &Cue<Family>) -> bool {
    /// Verbs of doing that open a failure phrase.
    const DONE: [&str; 6] = [
        "cancelled",
        "canceled",
        "lost",
        "deleted",
        "missed",
        "mixed",
    ];
    /// Words passed over on the way back to whoever did it: joints, adverbs, the client's own
    /// verbs before it.
    #[rustfmt::skip]
    const PASSED: [&str; 13] = [
        "and", "then", "so", "just", "accidentally", "also", "stupidly", "overslept", "forgot",
        "got", "went", "slept", "woke",
    ];
    let first = text[c.start..c.end].split_whitespace().next().unwrap_or("");
    if c.what != Family::Failure || !DONE.contains(&first.to_lowercase().as_str()) {
        return false;
    }
    let (sentence_start, _) = sentence_around(text, c.start);
    words(&text[sentence_start..c.start])
        .into_iter()
        .rev()
        .take(4)
        .find(|w| !(PASSED.contains(&w.as_str()) || w.ends_with("ed")))
        .is_some_and(|w| matches!(w.as_str(), "i" | "we" | "i've" | "we've" | "i'd" | "we'd"))
}

/// The client's own time limits in words (`[soon]`), kept only when they fall within hours.
fn soon() -> &'static Sets<Family> {
    static SETS: OnceLock<Sets<Family>> = OnceLock::new();
    SETS.get_or_init(|| vec![(Family::Soon, set("soon"))])
}

/// A time in a sentence that tells what has happened ("the room next door had a party until
/// 3am both nights"), not what is to come: a past verb before it and nothing of the future in
/// the sentence. Read as a deadline, it made a week-old noise complaint urgent (round DF).
fn narrated(text: &str, (at, to): (usize, usize)) -> bool {
    const PAST: &[&str] = &[
        "had", "was", "were", "lasted", "went", "kept", "stayed", "partied", "played", "ran",
        "did", "got", "happened", "started", "began", "arrived",
    ];
    const TO_COME: &[&str] = &[
        "will", "tomorrow", "tonight", "need", "needs", "must", "going", "gonna", "before", "by",
        "due", "until", "till",
    ];
    let (start, end) = sentence_around(text, at);
    let before = &text[start..at];
    let rest = format!("{before} {}", text.get(to..end).unwrap_or(""));
    has_word(before, PAST) && !has_word(&rest, TO_COME) && !rest.contains("'ll")
}

/// The hour in a sentence that names an event of the client's that keeps a time ("a taxi at
/// 4am because there's no train that early, and a job interview at noon"): a reader found
/// "by noon tomorrow" offered to a client whose taxi leaves at 4am (round DH).
fn event_hour(
    text: &str,
    at: Timestamp,
    offset: UtcOffset,
) -> impl Iterator<Item = (usize, usize)> + '_ {
    let events = lists::words("timed_events");
    sentences(text).filter_map(move |sentence| {
        if !has_word(sentence, events) {
            return None;
        }
        let s = sentence.as_ptr() as usize - text.as_ptr() as usize;
        let found = when::find(sentence, at, offset)?;
        (!found.day_only && matches!(found.due, Due::At(_)))
            .then_some((s + found.start, s + found.end))
    })
}

/// "tomorrow" in a sentence that names an event of the client's that keeps a time (a flight, a
/// funeral, an interview): it may be early in the day, so it is read as tomorrow morning, and an
/// update at noon tomorrow would come after it.
fn event_tomorrow(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    static TOMORROW: OnceLock<PhraseSet<()>> = OnceLock::new();
    let events = lists::words("timed_events");
    let tomorrow = TOMORROW.get_or_init(|| PhraseSet::new([((), ["tomorrow"])]));
    tomorrow
        .find(text)
        .into_iter()
        .filter(move |h| {
            let (s, e) = sentence_around(text, h.start);
            has_word(&text[s..e], events)
        })
        .map(|h| (h.start, h.end))
}

/// The power going or gone (`[power_loss]`), which puts medical equipment at risk.
fn power_loss() -> &'static PhraseSet<()> {
    static SET: OnceLock<PhraseSet<()>> = OnceLock::new();
    SET.get_or_init(|| set("power_loss"))
}

fn domains() -> &'static Sets<Domain> {
    static SETS: OnceLock<Sets<Domain>> = OnceLock::new();
    SETS.get_or_init(|| {
        Domain::ALL
            .iter()
            .map(|d| (*d, set(&format!("domain.{}", d.as_str()))))
            .collect()
    })
}

fn set(section: &str) -> PhraseSet<()> {
    PhraseSet::new([((), lists::situation(section).iter().flat_map(|l| expand(l)))])
}

/// Whether the sentence of `text` up to byte `at` puts what follows on a condition ("if the
/// power goes off he can't breathe", "without it she could collapse").
fn conditional(text: &str, at: usize) -> bool {
    const CONDITIONS: &[&str] = &[
        "if",
        "unless",
        "when",
        "without",
        "otherwise",
        "could",
        "would",
        "might",
        "may",
        "risk",
    ];
    let (start, _) = sentence_around(text, at);
    has_word(&text[start..at], CONDITIONS)
}

/// Whether one of `list` (lower case) is a word of `text`, split at every character that is
/// not a letter or a digit ("my dog's tablets" speaks of a dog).
fn mentions(text: &str, list: &[&str]) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| list.iter().any(|p| w.eq_ignore_ascii_case(p)))
}

/// Hits of every set in `text`, except those inside a phrase of `[none]` ("sick of waiting").
fn find<T: Copy>(text: &str, turn: usize, sets: &Sets<T>) -> Vec<Cue<T>> {
    static NONE: OnceLock<PhraseSet<()>> = OnceLock::new();
    let blocked = NONE.get_or_init(|| set("none")).find(text);
    sets.iter()
        .flat_map(|(what, s)| {
            s.find(text).into_iter().map(move |h| Cue {
                what: *what,
                turn,
                start: h.start,
                end: h.end,
            })
        })
        .filter(|c| !blocked.iter().any(|b| b.start < c.end && c.start < b.end))
        .collect()
}

/// Writes out the alternatives of a phrase line: "my (mum|dad) died" gives two phrases.
fn expand(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut rest = line;
    while let Some(open) = rest.find('(') {
        let close = rest[open..].find(')').map_or(rest.len(), |c| open + c);
        let head = &rest[..open];
        let choices: Vec<&str> = rest[open + 1..close].split('|').collect();
        out = out
            .iter()
            .flat_map(|o| choices.iter().map(move |c| format!("{o}{head}{c}")))
            .collect();
        rest = rest.get(close + 1..).unwrap_or("");
    }
    out.into_iter()
        .map(|o| {
            format!("{o}{rest}")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn families_in(text: &str) -> Vec<(Family, String)> {
        find(text, 0, families())
            .into_iter()
            .filter(|c| !done_by_the_client(text, c))
            .map(|c| (c.what, text[c.start..c.end].to_string()))
            .collect()
    }

    fn has(text: &str, family: Family) -> bool {
        families_in(text).iter().any(|(f, _)| *f == family)
    }

    #[test]
    fn expand_writes_out_every_choice() {
        assert_eq!(expand("my (mum|dad) (died|passed)").len(), 4);
        assert_eq!(expand("lost my (mum|dad)")[1], "lost my dad");
        assert_eq!(expand("plain words"), ["plain words"]);
    }

    #[test]
    fn every_section_is_filled() {
        assert!(!lists::situation("soon").is_empty());
        for (_, name) in Family::PHRASED {
            assert!(!lists::situation(name).is_empty(), "[{name}] is empty");
        }
        for d in Domain::ALL {
            assert!(!lists::situation(&format!("domain.{}", d.as_str())).is_empty());
        }
    }

    /// The situation of a `Client:`/`Agent:` transcript.
    fn situation_of(transcript: &str) -> Situation {
        let c = crate::coach::Conversation::parse_transcript(
            transcript,
            Timestamp(1_772_618_400),
            crate::coach::UtcOffset::UTC,
        )
        .expect("a transcript");
        let analyzer = crate::analyze::Analyzer::new();
        Situation::gather(&Analysed::new(&c, &analyzer))
    }

    #[test]
    fn a_pets_medication_is_no_illness_of_the_client() {
        let ill = |transcript: &str| situation_of(transcript).has(Family::Illness);
        assert!(ill("Client: My repeat prescription hasn't arrived."));
        assert!(!ill("Client: My dog's repeat prescription hasn't arrived."));
    }

    #[test]
    fn not_needing_it_any_more_is_a_crisis_only_about_medicine() {
        let crisis = |transcript: &str| situation_of(transcript).has(Family::Crisis);
        assert!(crisis(
            "Client: my repeat prescription still isnt ready\nAgent: It should be ready in 2 days.\nClient: doesnt matter. I won't be needing it after this weekend anyway"
        ));
        assert!(!crisis(
            "Client: Please cancel the hire car. I won't be needing it after this weekend."
        ));
    }

    #[test]
    fn bereavement() {
        assert!(has(
            "Since my father passed away the letters keep coming.",
            Family::Bereavement
        ));
        assert!(has("It was my late wife's account.", Family::Bereavement));
        assert!(!has("My laptop died after a week.", Family::Bereavement));
        assert!(has(
            "My mother, Ellen Marsh, died on 2 February.",
            Family::Bereavement
        ));
        assert!(has(
            "I shouldn't have to keep explaining that she's dead.",
            Family::Bereavement
        ));
    }

    #[test]
    fn a_client_who_feels_a_burden_is_in_crisis_and_a_cold_home_is_unsafe() {
        assert!(has(
            "Maybe everyone would be better off if I just wasn't here to be a problem.",
            Family::Crisis
        ));
        assert!(!has(
            "We'd be better off if I just wasn't here on Fridays.",
            Family::Crisis
        ));
        assert!(has(
            "It is very cold in the house, i have my coat on in bed.",
            Family::Safety
        ));
        assert!(!has("It's very cold outside today.", Family::Safety));
        assert!(has(
            "I don't think I'd mind much if I didn't wake up tomorrow.",
            Family::Crisis
        ));
        assert!(has(
            "I'm locked in the bathroom with the kids and he's banging on the door.",
            Family::Intruder
        ));
        assert!(!has(
            "The engineer was banging on the pipes all morning.",
            Family::Intruder
        ));
        assert!(has(
            "Now he very sleepy, i call his name he open eye little and close again.",
            Family::Emergency
        ));
        assert!(!has(
            "I've been feeling a bit dizzy since the tablets ran out.",
            Family::Emergency
        ));
        assert!(has(
            "I've been feeling a bit dizzy since the tablets ran out.",
            Family::Illness
        ));
    }

    #[test]
    fn illness_but_not_being_fed_up() {
        assert!(has(
            "I'm diabetic and my insulin is in that parcel.",
            Family::Illness
        ));
        assert!(!has(
            "I am sick of waiting for this refund.",
            Family::Illness
        ));
    }

    #[test]
    fn hardship_safety_dependants() {
        assert!(has(
            "I can't afford to be without that money.",
            Family::Hardship
        ));
        assert!(has("We are stranded with no hotel.", Family::Safety));
        assert!(has(
            "No heating since Monday and it's freezing.",
            Family::Safety
        ));
        assert!(has("I have my two kids in the car.", Family::Dependants));
        assert!(has("I am alone and I am little bit scared", Family::Safety));
        assert!(has(
            "a man keeps trying the door handle of our room and I'm here with my son",
            Family::Intruder
        ));
        assert!(!has(
            "The door handle of our room is broken.",
            Family::Intruder
        ));
        // Bringing up a child alone is care, not danger; leaving work is no lost job.
        let single = "I'm on my own with her and I can't get out of work that day.";
        assert!(has(single, Family::Dependants));
        assert!(!has(single, Family::Safety));
        assert!(!has(single, Family::Hardship));
        assert!(has("I've been out of work since March.", Family::Hardship));
    }

    #[test]
    fn stranded_on_the_floor_with_hungry_children_is_unsafe() {
        for text in [
            "we are sitting on the floor since 3 hours",
            "my children are hungry its 11 at night",
        ] {
            assert!(has(text, Family::Safety), "{text}");
        }
        assert!(!has("my children are at school all day", Family::Safety));
    }

    #[test]
    fn the_safety_first_families_lead_the_vulnerabilities() {
        let n = Family::SAFETY_FIRST.len();
        assert_eq!(Family::VULNERABLE[..n], Family::SAFETY_FIRST);
    }

    #[test]
    fn danger_in_the_home_and_a_client_who_may_harm_themselves() {
        for text in [
            "There's a strong smell of gas in the kitchen.",
            "The socket smells of burning.",
            "theres a really strong gas smell in the kitchen and the kids are home",
        ] {
            assert!(has(text, Family::Hazard), "{text}");
        }
        // Water in the electrics is kept clear of, not fled into the cold; an oven used for
        // heat is turned off.
        for text in [
            "Water is coming through the light fitting and it's sparking.",
            "water dripping through the light fitting",
        ] {
            assert!(has(text, Family::Electrics), "{text}");
            assert!(!has(text, Family::Hazard), "{text}");
        }
        for text in [
            "we sleep all in one room with the oven door open and on all night to keep it warm",
            "We're using the cooker to heat the flat.",
            "We're all sleeping in one room with the oven door open.",
        ] {
            assert!(has(text, Family::Fumes), "{text}");
        }
        assert!(!has("The gas bill is wrong again.", Family::Hazard));
        // Stale cigarette smoke in a hotel room is no fire.
        assert!(!has("The room smells of smoke.", Family::Hazard));
        for text in [
            "Some days I think everyone would be better off without me.",
            "honestly i dont see the point any more",
            "Cut it off, I don't care what happens to me.",
            "Some days I just don't see the point of carrying on with any of it.",
            "I live on my own and nobody would notice if I ran out anyway",
            "Maybe it'd be easier for everyone if I just wasn't here.",
            "Honestly I don't think I'll still be around by the time they come, so it won't really matter.",
            "sometimes I think it would be easier if I was not here also",
        ] {
            assert!(has(text, Family::Crisis), "{text}");
        }
        assert!(!has(
            "nobody would notice if the parcel went missing",
            Family::Crisis
        ));
        assert!(!has("I don't see the point of this form.", Family::Crisis));
        for text in [
            "the man from your fraud team is on the other line, he says I have to move it to a safe account today",
            "She said she was from the bank and told me not to tell the branch.",
            "The police officer asked me to withdraw £3,000 and hand it to a courier.",
            "a man call me saying he is from bank security and i give him the code from my phone",
            "A detective from the fraud squad, he's still on my other phone.",
            "He says staff at your branch are involved, so I mustn't tell you details.",
        ] {
            assert!(has(text, Family::Scam), "{text}");
        }
        assert!(!has("I can't tell you how angry I am.", Family::Scam));
        assert!(!has(
            "I'd like to open a new savings account.",
            Family::Scam
        ));
        assert!(!has("Your fraud team blocked my card again.", Family::Scam));
        assert!(!has(
            "I gave the code from the letter to the engineer and the router works.",
            Family::Scam
        ));
        assert!(!has(
            "I don't see the point of carrying on with this complaint.",
            Family::Crisis
        ));
        assert!(has(
            "He has about an hour of oxygen left in the backup cylinder.",
            Family::Emergency
        ));
    }

    #[test]
    fn harm_now_and_misuse_in_progress() {
        assert!(has(
            "Someone is using my card right now!",
            Family::Stoppable
        ));
        assert!(has("My account is being drained.", Family::Stoppable));
        assert!(has(
            "HELP someone taking money from my account right now!!!",
            Family::Stoppable
        ));
        for text in [
            "our checkout is failing and we are losing sales",
            "the pharmacy say the doctor did not send. I have only 1 left for tomorrow morning",
            "I've got 2 tablets left of my blood thinner",
            "I have one pen left and it will last until tomorrow evening at best",
            "my children are hungry its 11 at night and everything is closed",
            "my electricity is cut today morning. my son use oxygen machine, battery is only for 3 hour",
            "Sort it out now or I'll complain.",
            "I need a room tonight, not an estimate.",
            "Get off your backside and send someone up NOW",
        ] {
            assert!(has(text, Family::Now), "{text}");
        }
        assert!(has(
            "i have two kids asleep on the floor at gate B12",
            Family::Safety
        ));
        assert!(has(
            "it's 11 at night, my kids are falling asleep on the suitcases",
            Family::Safety
        ));
        // Waiting in person is harm now, and it makes an hour too long (see `timing`).
        for text in [
            "my card's been blocked again and i'm at the till with a full trolley",
            "my card's been declined 3 times, im stood in a shop in lisbon with no money",
            "I HAVE BEEN STANDING AT THIS DESK FOR TWO HOURS",
            "I'm standing at your front desk with two kids",
            "I'm at your front desk right now and they can't find my booking.",
        ] {
            assert!(has(text, Family::Waiting), "{text}");
            assert!(!has(text, Family::Now), "{text}");
        }
        assert!(!has("I was at your front desk yesterday.", Family::Waiting));
        assert!(has(
            "honestly whats the point anymore. i dont think ill be around to sort this out much longer",
            Family::Crisis
        ));
        // Money gone and the home at risk.
        assert!(has(
            "I have £3 left and nothing in the fridge.",
            Family::Hardship
        ));
        assert!(has("We could be evicted next week.", Family::Hardship));
        // A cold home in other words.
        assert!(has(
            "It was 9 degrees in here this morning.",
            Family::Safety
        ));
        assert!(has("It's 11°C in the flat.", Family::Safety));
        assert!(has("I've been sitting in my coat all day.", Family::Safety));
        // The heating off in other words, and ending it all in another tense.
        for text in [
            "Heating's been off in the flat 5 days now.",
            "We have no heating and no hot water and my baby is three months old.",
        ] {
            assert!(has(text, Family::Safety), "{text}");
        }
        assert!(!has(
            "The heating is off because it's summer.",
            Family::Safety
        ));
        assert!(has("Honestly I feel like ending it all.", Family::Crisis));
        // What the client did themselves is no failure of ours.
        assert!(!has("I overslept and missed my flight.", Family::Failure));
        assert!(!has(
            "I just cancelled my booking by mistake.",
            Family::Failure
        ));
        assert!(has(
            "You cancelled my booking without telling me.",
            Family::Failure
        ));
        assert!(has("I still haven't been refunded.", Family::Failure));
        // An age said of oneself, not a number that happens to follow "I'm".
        for text in [
            "I'm 84 and I can't wash anything by hand any more.",
            "i am 87, i dont have a computer",
            "I'm in my eighties and this is too much.",
        ] {
            assert!(has(text, Family::Elderly), "{text}");
        }
        for text in [
            "I'm 75% sure I paid.",
            "I'm 80 miles from the nearest branch.",
            "My mum is 84 and lives alone.",
        ] {
            assert!(!has(text, Family::Elderly), "{text}");
        }
        // Dizziness alone is for the doctor, not 999: a reader's 81-year-old without her tablets
        // was told to go to the emergency department.
        assert!(has("i feel a bit dizzy today", Family::Illness));
        assert!(has("i feel very faint", Family::Emergency));
        assert!(has(
            "I've sorted things out so nobody has to deal with me after this week.",
            Family::Crisis
        ));
        assert!(has(
            "Honestly I'm tired of living like this.",
            Family::Crisis
        ));
        assert!(!has("I'm tired of chasing this refund.", Family::Crisis));
        // An event of theirs tomorrow may be early: "tomorrow" is read as tomorrow morning.
        assert_eq!(
            event_tomorrow("I'm flying tomorrow 6:40, what do I do??").count(),
            1
        );
        let text = "My flight TK1984 for tomorrow 06:40 is cancelled. See you tomorrow!";
        let spans: Vec<&str> = event_tomorrow(text).map(|(s, e)| &text[s..e]).collect();
        assert_eq!(spans, ["tomorrow"]);
        assert_eq!(
            event_tomorrow("The tomorrowland tickets are wrong.").count(),
            0
        );
        // A time in what has happened is no deadline; one in what is to come is.
        let span = |text: &str, of: &str| {
            let at = text.find(of).unwrap();
            (at, at + of.len())
        };
        let party = "The room next door had a party until 3am both nights.";
        assert!(narrated(party, span(party, "until 3am")));
        for (text, of) in [
            (
                "The engineer was meant to come, and I need it fixed by 3pm.",
                "by 3pm",
            ),
            ("It was fine until today and I leave at 6pm.", "at 6pm"),
        ] {
            assert!(!narrated(text, span(text, of)), "{text}");
        }
        // So may money that leaves their account tomorrow.
        assert_eq!(
            event_tomorrow("My rent goes out tomorrow and now I'm short.").count(),
            1
        );
        for text in [
            "I ordered a card last month.",
            "I was at the till when I noticed the price.",
            "There's only 1 left in stock.",
            "My new phone's battery only lasts for 3 hours.",
            "I need it by Friday.",
        ] {
            assert!(!has(text, Family::Now), "{text}");
        }
        // The client's own time limits, read as times.
        let at = Timestamp(1_772_618_400);
        for (text, limit) in [
            (
                "MY DAUGHTER'S WEDDING IS TOMORROW AT NOON.",
                "TOMORROW AT NOON",
            ),
            ("I have a client report due at 4.", "due at 4"),
            ("The printer is booked for today.", "booked for today"),
        ] {
            let found = find(text, 0, soon());
            let words: Vec<&str> = found.iter().map(|c| &text[c.start..c.end]).collect();
            assert_eq!(words, [limit]);
            let due = when::find(limit, at, crate::coach::UtcOffset::UTC).map(|t| t.due);
            assert!(matches!(due, Some(Due::At(_))), "{text}");
        }
    }

    #[test]
    fn failures_of_ours() {
        assert!(has("The parcel still hasn't arrived.", Family::Failure));
        assert!(has("You charged me twice for one month.", Family::Failure));
        assert!(!has(
            "Could you tell me how to change my address?",
            Family::Failure
        ));
    }

    #[test]
    fn domain_words_are_found_by_family() {
        let hits =
            |t: &str| -> Vec<Domain> { find(t, 0, domains()).iter().map(|c| c.what).collect() };
        assert!(hits("the router keeps dropping the broadband").contains(&Domain::TelecomUtility));
        assert!(hits("my landlord ignores the mould").contains(&Domain::Housing));
        assert!(hits("nothing useful here").is_empty());
    }
}
