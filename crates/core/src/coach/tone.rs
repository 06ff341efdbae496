//! What in a draft's wording would make it land badly: raised voice, blame, dismissive and
//! defensive phrases, sarcasm, minimising, vague times, too many apologies, and promises the
//! policy forbids. Each finding carries its span and a rewrite.

use std::sync::OnceLock;

use super::check::Finding;
use super::conversation::{Timestamp, UtcOffset};
use super::phrases::{PhraseSet, sentence_around};
use super::policy::Policy;
use super::when::{self, Due};

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
    ForbiddenPromise,
    OverApologising,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
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
        Kind::ForbiddenPromise,
        Kind::OverApologising,
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
            Kind::ForbiddenPromise => "forbidden_promise",
            Kind::OverApologising => "over_apologising",
        }
    }

    /// Points taken off the score for one finding of this kind.
    pub fn weight(self) -> u8 {
        match self {
            Kind::RaisedVoice
            | Kind::Blame
            | Kind::Dismissive
            | Kind::Arguing
            | Kind::Sarcasm
            | Kind::ForbiddenPromise => 25,
            Kind::NoAcknowledgement
            | Kind::Minimising
            | Kind::VaguePromise
            | Kind::PromiseWithoutTime => 15,
            Kind::NoNextStep | Kind::OverApologising => 10,
        }
    }

    pub(crate) fn message(self) -> &'static str {
        match self {
            Kind::Blame => "puts the blame on the client",
            Kind::Dismissive => "brushes the client's problem aside",
            Kind::Arguing => "argues or defends instead of helping",
            Kind::Sarcasm => "reads as sarcastic",
            Kind::Minimising => "makes their problem sound small",
            Kind::VaguePromise => "a vague time where the client needs a real one",
            _ => "",
        }
    }
}

/// A phrase to flag, its kind, and what to write instead.
type Entry = (Kind, &'static str, &'static str);

const ENTRIES: &[Entry] = &[
    (Kind::Blame, "you should have", "it can help to"),
    (Kind::Blame, "you shouldn't have", "it's best to avoid"),
    (Kind::Blame, "as i already told you", "to recap"),
    (Kind::Blame, "as i already said", "to recap"),
    (Kind::Blame, "as i said before", "to recap"),
    (Kind::Blame, "as i've already explained", "to recap"),
    (Kind::Blame, "as previously stated", "to recap"),
    (Kind::Blame, "as mentioned before", "to recap"),
    (Kind::Blame, "like i said", "to recap"),
    (Kind::Blame, "you failed to", "it looks like we didn't get"),
    (Kind::Blame, "if you had read", "the detail is in"),
    (Kind::Blame, "if you'd read", "the detail is in"),
    (Kind::Blame, "you didn't read", "this part is easy to miss:"),
    (Kind::Blame, "you were supposed to", "the usual step is to"),
    (Kind::Blame, "your own fault", "what happened"),
    (Kind::Blame, "your fault", "what happened"),
    (
        Kind::Blame,
        "you didn't follow",
        "one step may have been missed:",
    ),
    (
        Kind::Dismissive,
        "calm down",
        "I can hear how much this matters to you",
    ),
    (Kind::Dismissive, "relax", "I'm on it"),
    (
        Kind::Dismissive,
        "that's just our policy",
        "the rule here is [rule], and this is what I can do within it",
    ),
    (
        Kind::Dismissive,
        "it's just our policy",
        "the rule here is [rule], and this is what I can do within it",
    ),
    (
        Kind::Dismissive,
        "that's our policy",
        "the rule here is [rule], and this is what I can do within it",
    ),
    (
        Kind::Dismissive,
        "rules are rules",
        "this is the rule, and here is what I can do within it",
    ),
    (
        Kind::Dismissive,
        "there's nothing i can do",
        "here is what I can do",
    ),
    (
        Kind::Dismissive,
        "there is nothing i can do",
        "here is what I can do",
    ),
    (Kind::Dismissive, "nothing i can do", "what I can do is"),
    (Kind::Dismissive, "nothing we can do", "what we can do is"),
    (
        Kind::Dismissive,
        "not my problem",
        "let me find who can fix this",
    ),
    (
        Kind::Dismissive,
        "not my job",
        "let me find who can fix this",
    ),
    (
        Kind::Dismissive,
        "not my department",
        "let me bring in the right team",
    ),
    (
        Kind::Dismissive,
        "deal with it",
        "let's find a way through this",
    ),
    (
        Kind::Dismissive,
        "it is what it is",
        "here is what I can change",
    ),
    (
        Kind::Dismissive,
        "take it or leave it",
        "this is the best I can offer, and I'll explain why",
    ),
    (
        Kind::Dismissive,
        "you're overreacting",
        "I understand why this upset you",
    ),
    (
        Kind::Dismissive,
        "you are overreacting",
        "I understand why this upset you",
    ),
    (
        Kind::Dismissive,
        "no need to get upset",
        "I understand why this upset you",
    ),
    (
        Kind::Dismissive,
        "no need to be upset",
        "I understand why this upset you",
    ),
    (
        Kind::Dismissive,
        "sorry you feel that way",
        "I'm sorry this has been so frustrating",
    ),
    (
        Kind::Dismissive,
        "sorry if you feel",
        "I'm sorry this has been so frustrating",
    ),
    (
        Kind::Dismissive,
        "what do you want me to do",
        "what would help most right now?",
    ),
    (
        Kind::Arguing,
        "that's not true",
        "our records show something different; let me share what I see",
    ),
    (
        Kind::Arguing,
        "that is not true",
        "our records show something different; let me share what I see",
    ),
    (
        Kind::Arguing,
        "that isn't true",
        "our records show something different; let me share what I see",
    ),
    (
        Kind::Arguing,
        "that's not what happened",
        "let me share what our records show",
    ),
    (
        Kind::Arguing,
        "it's not our fault",
        "let me look at what went wrong",
    ),
    (
        Kind::Arguing,
        "it is not our fault",
        "let me look at what went wrong",
    ),
    (
        Kind::Arguing,
        "not our fault",
        "something we need to look at",
    ),
    (
        Kind::Arguing,
        "we are not responsible",
        "let me see what we can do",
    ),
    (
        Kind::Arguing,
        "we're not responsible",
        "let me see what we can do",
    ),
    (
        Kind::Arguing,
        "we did nothing wrong",
        "let me look at what happened",
    ),
    (Kind::Arguing, "actually you", "from what I can see,"),
    (Kind::Arguing, "actually, you", "from what I can see,"),
    (Kind::Arguing, "you're wrong", "let me clear up one detail"),
    (Kind::Arguing, "you are wrong", "let me clear up one detail"),
    (
        Kind::Arguing,
        "you're mistaken",
        "let me clear up one detail",
    ),
    (
        Kind::Arguing,
        "you are mistaken",
        "let me clear up one detail",
    ),
    (
        Kind::Arguing,
        "you misunderstood",
        "I may not have explained this clearly",
    ),
    (Kind::Arguing, "with all due respect", ""),
    (
        Kind::Arguing,
        "i never said",
        "I'm sorry if I wasn't clear; what I meant was",
    ),
    (Kind::Sarcasm, "obviously", ""),
    (Kind::Sarcasm, "clearly you", "it looks like"),
    (Kind::Sarcasm, "good luck with that", ""),
    (Kind::Sarcasm, "as you well know", ""),
    (Kind::Sarcasm, "if you say so", "thank you for explaining"),
    (Kind::Sarcasm, "well done", ""),
    (Kind::Sarcasm, "nice try", ""),
    (Kind::Sarcasm, "genius", ""),
    (Kind::Sarcasm, "lucky you", ""),
    (Kind::Sarcasm, "thanks a lot", "thank you"),
    (Kind::Sarcasm, "not rocket science", ""),
    (Kind::Sarcasm, "surprise, surprise", ""),
    (Kind::Sarcasm, "surprise surprise", ""),
    (Kind::Sarcasm, "believe it or not", ""),
    (Kind::Sarcasm, "funny how", ""),
    (Kind::Sarcasm, "what a shame", ""),
    (Kind::Minimising, "it's just", "it's"),
    (Kind::Minimising, "it is just", "it is"),
    (Kind::Minimising, "only a few", "a few"),
    (Kind::Minimising, "just a few", "a few"),
    (Kind::Minimising, "simply", ""),
    (Kind::Minimising, "merely", ""),
    (Kind::Minimising, "a small issue", "an issue"),
    (Kind::Minimising, "a minor issue", "an issue"),
    (
        Kind::Minimising,
        "a minor inconvenience",
        "a real inconvenience",
    ),
    (
        Kind::Minimising,
        "a small inconvenience",
        "a real inconvenience",
    ),
    (
        Kind::Minimising,
        "not a big deal",
        "something we'll sort out",
    ),
    (Kind::Minimising, "no big deal", "something we'll sort out"),
    (
        Kind::Minimising,
        "all you have to do is",
        "the next step is to",
    ),
    (
        Kind::Minimising,
        "all you need to do is",
        "the next step is to",
    ),
    (Kind::Minimising, "you just need to", "the next step is to"),
    (Kind::Minimising, "just need to", "need to"),
    (Kind::Minimising, "just restart", "restart"),
    (Kind::Minimising, "just log", "log"),
    (Kind::Minimising, "just click", "click"),
    (Kind::Minimising, "just try", "try"),
    (Kind::Minimising, "just wait", "wait"),
    (Kind::Minimising, "just follow", "follow"),
    (Kind::Minimising, "just reset", "reset"),
    (Kind::Minimising, "it's easy", "here's how"),
    (Kind::Minimising, "it's simple", "here's how"),
];

fn entries() -> &'static PhraseSet<usize> {
    static SET: OnceLock<PhraseSet<usize>> = OnceLock::new();
    SET.get_or_init(|| PhraseSet::new(ENTRIES.iter().enumerate().map(|(i, e)| (i, [e.1]))))
}

/// Time words that are vague wherever they appear; milder ones ("later") count only inside a promise.
const ALWAYS_VAGUE: &[&str] = &[
    "asap",
    "as soon as possible",
    "soon",
    "shortly",
    "in due course",
    "at some point",
    "at the earliest opportunity",
];

fn vague() -> &'static PhraseSet<()> {
    static SET: OnceLock<PhraseSet<()>> = OnceLock::new();
    SET.get_or_init(|| PhraseSet::new([((), ALWAYS_VAGUE)]))
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

/// Capitals that are names, not shouting.
const ACRONYMS: &[&str] = &[
    "ASAP", "FAQ", "URL", "PDF", "VAT", "SMS", "USB", "GDPR", "IBAN", "EUR", "USD", "GBP", "UTC",
    "CEO", "HTTP", "HTTPS", "API", "OK", "UK", "US", "EU", "PIN", "DHL", "UPS", "TV", "PC", "IT",
    "HR", "AM", "PM", "BST", "CET", "VIP", "NHS", "SIM", "WIFI", "ID", "IBM", "NASA",
];

/// Wording findings in `draft`, in text order.
pub(crate) fn findings(draft: &str, policy: &Policy) -> Vec<Finding> {
    let mut out: Vec<Finding> = entries()
        .find(draft)
        .into_iter()
        .map(|h| {
            let (kind, _, rewrite) = ENTRIES[h.tag];
            finding(kind, h.start, h.end, kind.message(), rewrite)
        })
        .collect();
    out.extend(vague().find(draft).into_iter().map(|h| {
        finding(
            Kind::VaguePromise,
            h.start,
            h.end,
            Kind::VaguePromise.message(),
            "by <a time you can keep, e.g. 3pm today>",
        )
    }));
    out.extend(
        apologies()
            .find(draft)
            .into_iter()
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

fn finding(kind: Kind, start: usize, end: usize, message: &str, rewrite: &str) -> Finding {
    Finding {
        kind,
        start,
        end,
        message: message.to_string(),
        rewrite: rewrite.to_string(),
    }
}

/// Words in capitals (one of four letters or more, or two in a row) and runs of `!` or `?`.
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
        let shouted = word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !word.chars().any(char::is_lowercase)
            && !ACRONYMS.contains(&word);
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

/// Promises the policy says cannot be made: a refund above the limit, or a date for an outcome
/// the agent does not control.
pub(crate) fn forbidden_promises(
    draft: &str,
    policy: &Policy,
    sent_at: Timestamp,
    offset: UtcOffset,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < draft.len() {
        let (s, e) = sentence_around(draft, at);
        let e = e.max(at + 1).min(draft.len());
        let sentence = &draft[s..e];
        let lower = sentence.to_lowercase();
        let negated = [
            "can't",
            "cannot",
            "can not",
            "not ",
            "unable",
            "won't",
            "n't promise",
        ]
        .iter()
        .any(|n| lower.contains(n));
        if !negated {
            let about_money = ["refund", "reimburse", "compensat"]
                .iter()
                .any(|w| lower.contains(w));
            if about_money
                && let Some(amount) = amounts(sentence)
                    .into_iter()
                    .find(|a| *a > policy.max_refund)
            {
                let message = format!(
                    "a refund of {amount} is above the {} an agent may promise",
                    policy.max_refund
                );
                out.push(finding(
                    Kind::ForbiddenPromise,
                    s,
                    e,
                    &message,
                    "I'll ask my supervisor to approve this refund and confirm by <time>.",
                ));
            }
            let controlled_elsewhere = policy.uncontrolled.iter().any(|u| {
                ["will ", "'ll ", "going to "]
                    .iter()
                    .any(|m| lower.contains(&format!("{m}{u}")))
            });
            if controlled_elsewhere
                && when::find(sentence, sent_at, offset)
                    .is_some_and(|t| matches!(t.due, Due::At(_)))
            {
                out.push(finding(
                    Kind::ForbiddenPromise,
                    s,
                    e,
                    "a date for something you do not control",
                    "I'll chase this and tell you where it stands by <time>.",
                ));
            }
        }
        at = e;
    }
    out
}

/// Money amounts in `text`: "€250", "$1,200.50", "250 euros", "EUR 250".
fn amounts(text: &str) -> Vec<f64> {
    let mut out = Vec::new();
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    for (i, w) in words.iter().enumerate() {
        let has_symbol = w.contains(['€', '$', '£']);
        let unit_after = words.get(i + 1).is_some_and(|n| {
            ["euro", "euros", "dollars", "pounds", "eur", "usd", "gbp"]
                .contains(&n.trim_matches(|c: char| !c.is_alphanumeric()))
        });
        let unit_before = i > 0 && ["eur", "usd", "gbp"].contains(&words[i - 1]);
        let digits: String = w
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        if (has_symbol || unit_after || unit_before)
            && let Ok(v) = digits.trim_end_matches('.').parse::<f64>()
        {
            out.push(v);
        }
    }
    out
}

/// The draft reports something already done ("I've issued the refund", "it has been sent").
pub(crate) fn reports_done(draft: &str) -> bool {
    const DONE: &[&str] = &[
        "sent",
        "issued",
        "arranged",
        "booked",
        "refunded",
        "escalated",
        "raised",
        "processed",
        "updated",
        "fixed",
        "cancelled",
        "credited",
        "reset",
        "added",
        "changed",
        "corrected",
        "applied",
        "scheduled",
        "resent",
        "passed",
        "attached",
        "approved",
    ];
    let lower = draft.to_lowercase().replace('’', "'");
    [
        "i've ",
        "i have ",
        "we've ",
        "we have ",
        "has been ",
        "have been ",
        "is now ",
        "i've already ",
        "i have already ",
    ]
    .iter()
    .any(|lead| {
        lower
            .match_indices(lead)
            .any(|(i, _)| DONE.iter().any(|d| lower[i + lead.len()..].starts_with(d)))
    })
}
