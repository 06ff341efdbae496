//! What in a draft's wording would make it land badly: raised voice, blame, dismissive and
//! defensive phrases, sarcasm, minimising, vague times, too many apologies, and promises the
//! policy forbids in so many words. Each finding carries its span and a rewrite. The phrases
//! are in `data/tone.txt`; forbidden refunds and dates are in `forbidden`.

use std::sync::OnceLock;

use super::check::Finding;
use super::lists;
use super::phrases::{Hit, PhraseSet};
use super::policy::Policy;
use super::when;

/// Kinds of finding in a draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    RaisedVoice,
    Blame,
    Dismissive,
    Arguing,
    Sarcasm,
    Minimising,
    NoAcknowledgement,
    NoNextStep,
    VaguePromise,
    PromiseWithoutTime,
    /// Names an hour of today that is already past when the draft is sent.
    TimePassed,
    ForbiddenPromise,
    OverApologising,
    /// Justifies us, our staff or our systems instead of dealing with what went wrong.
    Defensive,
    /// Sends the client to a third party to sort out what we should chase.
    Deflecting,
    /// Closes the door: nothing more will be done, or the same answer again.
    Stonewalling,
    /// Talks down to the client, or polices the tone of a client who was not abusive.
    Condescending,
    /// Answers with a rule or the small print instead of with this client's case.
    PolicyHiding,
    /// Withholds help, a refund or service because of the client's tone, or hints at legal action.
    CounterThreat,
    /// Guarantees an outcome that a third party or chance decides.
    UncontrolledOutcome,
    /// Harm or a deadline is hours away and the draft's step is days away.
    IgnoresUrgency,
    /// The client may be in danger (an emergency, thoughts of harming themselves, danger in the
    /// home) and the draft does not put their safety first.
    IgnoresSafety,
    /// A gap left to fill ("by <time>", from a suggested rewrite) is still in the draft.
    Placeholder,
    /// Written for colleagues, not for the client: shorthand, or the client as "she" or "he".
    Note,
}

impl Kind {
    pub const ALL: [Kind; 24] = [
        Kind::RaisedVoice,
        Kind::Blame,
        Kind::Dismissive,
        Kind::Arguing,
        Kind::Sarcasm,
        Kind::Minimising,
        Kind::NoAcknowledgement,
        Kind::NoNextStep,
        Kind::VaguePromise,
        Kind::PromiseWithoutTime,
        Kind::TimePassed,
        Kind::ForbiddenPromise,
        Kind::OverApologising,
        Kind::Defensive,
        Kind::Deflecting,
        Kind::Stonewalling,
        Kind::Condescending,
        Kind::PolicyHiding,
        Kind::CounterThreat,
        Kind::UncontrolledOutcome,
        Kind::IgnoresUrgency,
        Kind::IgnoresSafety,
        Kind::Placeholder,
        Kind::Note,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::RaisedVoice => "raised_voice",
            Kind::Blame => "blame",
            Kind::Dismissive => "dismissive",
            Kind::Arguing => "arguing",
            Kind::Sarcasm => "sarcasm",
            Kind::Minimising => "minimising",
            Kind::NoAcknowledgement => "no_acknowledgement",
            Kind::NoNextStep => "no_next_step",
            Kind::VaguePromise => "vague_promise",
            Kind::PromiseWithoutTime => "promise_without_time",
            Kind::TimePassed => "time_passed",
            Kind::ForbiddenPromise => "forbidden_promise",
            Kind::OverApologising => "over_apologising",
            Kind::Defensive => "defensive",
            Kind::Deflecting => "deflecting",
            Kind::Stonewalling => "stonewalling",
            Kind::Condescending => "condescending",
            Kind::PolicyHiding => "policy_hiding",
            Kind::CounterThreat => "counter_threat",
            Kind::UncontrolledOutcome => "uncontrolled_outcome",
            Kind::IgnoresUrgency => "ignores_urgency",
            Kind::IgnoresSafety => "ignores_safety",
            Kind::Placeholder => "placeholder",
            Kind::Note => "note",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Points taken off the score for one finding of this kind.
    pub fn weight(self) -> u8 {
        match self {
            Kind::RaisedVoice
            | Kind::Blame
            | Kind::Dismissive
            | Kind::Arguing
            | Kind::Sarcasm
            | Kind::ForbiddenPromise
            | Kind::CounterThreat
            | Kind::Stonewalling
            | Kind::IgnoresUrgency
            | Kind::IgnoresSafety
            | Kind::Placeholder => 25,
            Kind::NoAcknowledgement
            | Kind::Minimising
            | Kind::Defensive
            | Kind::Deflecting
            | Kind::Condescending
            | Kind::PolicyHiding
            | Kind::UncontrolledOutcome
            | Kind::VaguePromise
            | Kind::PromiseWithoutTime
            | Kind::TimePassed => 15,
            // A note is fixed word by word; several in one finding must not sink the draft.
            Kind::NoNextStep | Kind::OverApologising | Kind::Note => 10,
        }
    }

    /// Sending a draft with this fault would make things worse, whatever else it gets right:
    /// blame, sarcasm, a counter-threat, a closed door, a brush-off, talking down, a raised voice,
    /// the client sent to chase someone else themselves, or a client in danger or in a hurry left
    /// waiting.
    pub fn makes_it_worse(self) -> bool {
        matches!(
            self,
            Kind::RaisedVoice
                | Kind::Blame
                | Kind::Dismissive
                | Kind::Sarcasm
                | Kind::CounterThreat
                | Kind::Stonewalling
                | Kind::Deflecting
                | Kind::Condescending
                | Kind::IgnoresUrgency
                | Kind::IgnoresSafety
        )
    }

    pub(crate) fn message(self) -> &'static str {
        match self {
            Kind::Blame => "puts the blame on the client",
            Kind::Dismissive => "brushes the client's problem aside",
            Kind::Arguing => "argues or defends instead of helping",
            Kind::Sarcasm => "reads as sarcastic",
            Kind::Minimising => "makes their problem sound small",
            Kind::VaguePromise => "a vague time where the client needs a real one",
            Kind::TimePassed => "this hour has already passed today: name one still ahead",
            Kind::Placeholder => {
                "a gap to fill is still in the draft: write what goes there before sending"
            }
            Kind::Note => {
                "reads as a note for colleagues (shorthand, no one doing it, or the client as \"she\" or \"he\"): say it to the client in full words"
            }
            _ => "",
        }
    }
}

/// The phrases of `data/tone.txt`, each tagged with its kind and rewrite.
fn entries() -> &'static PhraseSet<(Kind, &'static str)> {
    static SET: OnceLock<PhraseSet<(Kind, &'static str)>> = OnceLock::new();
    SET.get_or_init(|| {
        PhraseSet::new(lists::rows(lists::TONE).map(|r| {
            let kind = Kind::parse(r[0]).expect("kinds in tone.txt are known");
            ((kind, r[2]), [r[1]])
        }))
    })
}

fn vague() -> &'static PhraseSet<()> {
    static SET: OnceLock<PhraseSet<()>> = OnceLock::new();
    SET.get_or_init(|| PhraseSet::new([((), lists::words("always_vague"))]))
}

/// The hit `start..end` of `draft` is "soon" that promises nothing ([`when::soon_no_promise`]).
/// Only the words next to the hit are read, so a draft full of "soon" stays linear.
fn no_promise(draft: &str, start: usize, end: usize) -> bool {
    let not_word = |c: char| !c.is_alphanumeric();
    let mut before = draft[..start]
        .trim_end()
        .rsplit(not_word)
        .filter(|w| !w.is_empty())
        .take(2)
        .map(str::to_lowercase);
    let last = before.next().unwrap_or_default();
    let second = before.next().unwrap_or_default();
    let after = draft[end..]
        .trim_start()
        .split(not_word)
        .next()
        .unwrap_or("");
    when::soon_no_promise(
        [second.as_str(), last.as_str()],
        &draft[start..end].to_lowercase(),
        &after.to_lowercase(),
    )
}

fn apologies() -> &'static PhraseSet<()> {
    static SET: OnceLock<PhraseSet<()>> = OnceLock::new();
    SET.get_or_init(|| {
        PhraseSet::new([(
            (),
            [
                "sorry",
                "apologise",
                "apologize",
                "apologies",
                "apologising",
                "apologizing",
            ],
        )])
    })
}

/// More apologies than this in one draft read as grovelling.
const MAX_APOLOGIES: usize = 2;

/// The words `start..end` stand in quotation marks of their own: the agent quotes them ("I
/// know I said \"soon\"") rather than promising by them.
fn in_quotes(draft: &str, start: usize, end: usize) -> bool {
    let opens = draft[..start].ends_with(['"', '“', '\'', '‘']);
    let closes = draft[end..].starts_with(['"', '”', '\'', '’']);
    opens && closes
}

/// The words at `start` are the agent's own earlier words, owned in an apology ("I'm sorry I
/// told you to calm down"): the apology takes them back rather than saying them again.
fn taken_back(draft: &str, start: usize) -> bool {
    const REPORTED: [&str; 6] = [
        "told you to",
        "asked you to",
        "telling you to",
        "said",
        "saying",
        "wrote",
    ];
    const SORRY: [&str; 6] = [
        "sorry",
        "apologise",
        "apologize",
        "shouldn't have",
        "should not have",
        "wrong to",
    ];
    let (sentence_start, _) = super::phrases::sentence_around(draft, start);
    let before = draft[sentence_start..start].to_lowercase();
    let before = before.trim_end().trim_end_matches(['"', '“', '\'', '‘']);
    REPORTED.iter().any(|r| before.ends_with(r)) && SORRY.iter().any(|s| before.contains(s))
}

/// Wording findings in `draft`, in text order.
pub(crate) fn findings(draft: &str, policy: &Policy) -> Vec<Finding> {
    let mut out: Vec<Finding> = entries()
        .find(draft)
        .into_iter()
        .filter(|h| !taken_back(draft, h.start))
        .map(|h| {
            let (kind, rewrite) = h.tag;
            finding(kind, h.start, h.end, kind.message(), rewrite)
        })
        .collect();
    out.extend(
        vague()
            .find(draft)
            .into_iter()
            .filter(|h| !no_promise(draft, h.start, h.end) && !in_quotes(draft, h.start, h.end))
            .map(|h| {
                finding(
                    Kind::VaguePromise,
                    h.start,
                    h.end,
                    Kind::VaguePromise.message(),
                    "by <a time you can keep, e.g. 3pm today>",
                )
            }),
    );
    // "I've asked our practice manager to ring your father to apologise": an apology someone
    // else will make is not one of the draft's own.
    let own = |h: &Hit<()>| {
        let before = draft[..h.start].trim_end().to_lowercase();
        !(before.ends_with(" to") || before.ends_with(" will") || before.ends_with(" would"))
    };
    out.extend(
        apologies()
            .find(draft)
            .into_iter()
            .filter(own)
            .skip(MAX_APOLOGIES)
            .map(|h| {
                finding(
                    Kind::OverApologising,
                    h.start,
                    h.end,
                    "one sincere apology is enough; more reads as grovelling",
                    "",
                )
            }),
    );
    out.extend(raised_voice(draft));
    let forbidden = PhraseSet::new(
        policy
            .forbidden
            .iter()
            .map(|f| (f.reason.as_str(), f.phrases.iter())),
    );
    out.extend(
        forbidden
            .find(draft)
            .into_iter()
            .map(|h| finding(Kind::ForbiddenPromise, h.start, h.end, h.tag, "")),
    );
    out
}

pub(crate) fn finding(
    kind: Kind,
    start: usize,
    end: usize,
    message: &str,
    rewrite: &str,
) -> Finding {
    Finding {
        kind,
        start,
        end,
        message: message.to_string(),
        rewrite: rewrite.to_string(),
    }
}

/// Words in capitals (one of four letters or more, or two in a row; codes with digits such as
/// "AB12" are not words) and runs of `!` or `?`.
fn raised_voice(draft: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut caps_run: Option<(usize, usize, usize)> = None; // start, end, words
    let flush = |run: Option<(usize, usize, usize)>, out: &mut Vec<Finding>| {
        if let Some((s, e, n)) = run {
            let long = draft[s..e]
                .chars()
                .filter(char::is_ascii_alphabetic)
                .count()
                >= 4;
            if n >= 2 || long {
                out.push(finding(
                    Kind::RaisedVoice,
                    s,
                    e,
                    "capitals read as shouting",
                    &draft[s..e].to_lowercase(),
                ));
            }
        }
    };
    for (s, word) in word_spans(draft) {
        let shouted = !word.chars().any(|c| c.is_ascii_digit())
            && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !word.chars().any(char::is_lowercase)
            && !lists::words("acronyms").contains(&word);
        match (shouted, caps_run) {
            (true, Some((rs, _, n))) => caps_run = Some((rs, s + word.len(), n + 1)),
            (true, None) => caps_run = Some((s, s + word.len(), 1)),
            (false, run) => {
                flush(run, &mut out);
                caps_run = None;
            }
        }
    }
    flush(caps_run, &mut out);
    let bytes = draft.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..]
            .iter()
            .take_while(|b| matches!(b, b'!' | b'?'))
            .count();
        if run >= 2 {
            let calm = if bytes[i..i + run].contains(&b'?') {
                "?"
            } else {
                "."
            };
            out.push(finding(
                Kind::RaisedVoice,
                i,
                i + run,
                "stacked ! or ? read as raising your voice",
                calm,
            ));
        }
        i += run.max(1);
    }
    out
}

fn word_spans(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(move |w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
}
