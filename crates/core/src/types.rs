//! The values an analysis returns: scores, levels, signals, causes and the evidence behind each.
//!
//! These are plain Rust values. They carry no serialisation: the CLI and the server turn them
//! into JSON themselves, so the wire format is owned by the edge that speaks it.

/// A byte range into the analysed text, with a short note of why it matters.
///
/// Offsets are UTF-8 byte offsets into the original input and always fall on char boundaries.
#[derive(Debug, Clone, PartialEq)]
pub struct Evidence {
    pub start: usize,
    pub end: usize,
    /// Plain words for an agent: "insult aimed at the reader", "word the model weighs as negative".
    pub why: String,
}

/// A yes/no judgement with its calibrated probability and what it rests on.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// Calibrated probability in `[0, 1]`; 0.5 is the decision threshold.
    pub score: f32,
    pub evidence: Vec<Evidence>,
}

impl Judgement {
    pub fn holds(&self) -> bool {
        self.score >= 0.5
    }
}

/// How heated a message is, from hostility and the abusive judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Calm,
    Tense,
    Angry,
    Abusive,
}

impl Level {
    pub const ALL: [Level; 4] = [Level::Calm, Level::Tense, Level::Angry, Level::Abusive];
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Calm => "calm",
            Level::Tense => "tense",
            Level::Angry => "angry",
            Level::Abusive => "abusive",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sentiment {
    Negative,
    Neutral,
    Positive,
}

impl Sentiment {
    pub const ALL: [Sentiment; 3] = [Sentiment::Negative, Sentiment::Neutral, Sentiment::Positive];
    pub fn as_str(self) -> &'static str {
        match self {
            Sentiment::Negative => "negative",
            Sentiment::Neutral => "neutral",
            Sentiment::Positive => "positive",
        }
    }
}

/// The six feelings defuse reports. Several can hold at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Emotion {
    Anger,
    Frustration,
    Anxiety,
    Sadness,
    Confusion,
    Satisfaction,
}

impl Emotion {
    pub const ALL: [Emotion; 6] = [
        Emotion::Anger,
        Emotion::Frustration,
        Emotion::Anxiety,
        Emotion::Sadness,
        Emotion::Confusion,
        Emotion::Satisfaction,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Emotion::Anger => "anger",
            Emotion::Frustration => "frustration",
            Emotion::Anxiety => "anxiety",
            Emotion::Sadness => "sadness",
            Emotion::Confusion => "confusion",
            Emotion::Satisfaction => "satisfaction",
        }
    }
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Likely root causes behind a difficult message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cause {
    Miscommunication,
    UnmetExpectations,
    OutsidePressure,
    ServiceFailure,
    FeelingUnheard,
}

impl Cause {
    pub const ALL: [Cause; 5] = [
        Cause::Miscommunication,
        Cause::UnmetExpectations,
        Cause::OutsidePressure,
        Cause::ServiceFailure,
        Cause::FeelingUnheard,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Cause::Miscommunication => "miscommunication",
            Cause::UnmetExpectations => "unmet_expectations",
            Cause::OutsidePressure => "outside_pressure",
            Cause::ServiceFailure => "service_failure",
            Cause::FeelingUnheard => "feeling_unheard",
        }
    }
    pub fn parse(s: &str) -> Option<Cause> {
        Cause::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

/// A cause with its score and the words that point to it.
/// What a client asks for, or would most want next, when it is something specific.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Want {
    Information,
    FixOrReplacement,
    RefundOrCompensation,
    ApologyOrAcknowledgement,
    Cancel,
    SpeakToSomeone,
}

impl Want {
    pub const ALL: [Want; 6] = [
        Want::Information,
        Want::FixOrReplacement,
        Want::RefundOrCompensation,
        Want::ApologyOrAcknowledgement,
        Want::Cancel,
        Want::SpeakToSomeone,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Want::Information => "information",
            Want::FixOrReplacement => "fix_or_replacement",
            Want::RefundOrCompensation => "refund_or_compensation",
            Want::ApologyOrAcknowledgement => "apology_or_acknowledgement",
            Want::Cancel => "cancel",
            Want::SpeakToSomeone => "speak_to_someone",
        }
    }
    pub fn parse(s: &str) -> Option<Want> {
        Want::ALL.into_iter().find(|w| w.as_str() == s)
    }
}

/// One thing the client may want, with the chance that they want it rather than nothing
/// specific, and the words behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct WantScore {
    pub want: Want,
    pub score: f32,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CauseScore {
    pub cause: Cause,
    pub score: f32,
    pub evidence: Vec<Evidence>,
}

/// Kinds of surface signal found by rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SignalKind {
    Insult,
    Threat,
    Profanity,
    Slur,
    Shouting,
    ExclamationRun,
    Absolute,
    Blame,
    Demand,
    Deadline,
    RepeatedContact,
    EscalationThreat,
    Sarcasm,
    /// Sexual remarks or advances aimed at the reader ("take off your clothes"), including
    /// ordinary words that press ("what are you wearing", "which office are you in" beside an
    /// advance).
    Harassment,
    /// The reply tells the agent that the fix they asked about did not work ("No, still the
    /// same" after "Did that fix it?"); found only when the agent's message is given as context.
    Unresolved,
    /// A remark or demand about the reader's origin, nationality or accent rather than their
    /// work ("put me through to someone British", "not someone in a call centre abroad").
    Prejudice,
}

impl SignalKind {
    pub const ALL: [SignalKind; 16] = [
        SignalKind::Insult,
        SignalKind::Threat,
        SignalKind::Profanity,
        SignalKind::Slur,
        SignalKind::Shouting,
        SignalKind::ExclamationRun,
        SignalKind::Absolute,
        SignalKind::Blame,
        SignalKind::Demand,
        SignalKind::Deadline,
        SignalKind::RepeatedContact,
        SignalKind::EscalationThreat,
        SignalKind::Sarcasm,
        SignalKind::Harassment,
        SignalKind::Unresolved,
        SignalKind::Prejudice,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            SignalKind::Insult => "insult",
            SignalKind::Threat => "threat",
            SignalKind::Profanity => "profanity",
            SignalKind::Slur => "slur",
            SignalKind::Shouting => "shouting",
            SignalKind::ExclamationRun => "exclamation_run",
            SignalKind::Absolute => "absolute",
            SignalKind::Blame => "blame",
            SignalKind::Demand => "demand",
            SignalKind::Deadline => "deadline",
            SignalKind::RepeatedContact => "repeated_contact",
            SignalKind::EscalationThreat => "escalation_threat",
            SignalKind::Sarcasm => "sarcasm",
            SignalKind::Harassment => "harassment",
            SignalKind::Unresolved => "unresolved",
            SignalKind::Prejudice => "prejudice",
        }
    }
}

/// One rule hit: a kind and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    pub kind: SignalKind,
    pub start: usize,
    pub end: usize,
    /// Aimed at a person (the reader, staff, others) rather than at a thing or situation.
    /// Meaningful for insults, profanity, slurs, threats and harassment; false for the other kinds.
    pub targeted: bool,
    /// Inside quoted or reported speech ("he called me an idiot"): not the writer's own words to the reader.
    pub quoted: bool,
}

/// A point or request of the client, as a short plain statement to paraphrase back.
#[derive(Debug, Clone, PartialEq)]
pub struct Concern {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Whether the text looks like English, which the models were trained on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    English,
    /// Not English (or not recognisably so): scores are damped towards neutral rather than guessed.
    Other,
    /// Too short to tell.
    Unknown,
}

impl Language {
    pub fn as_str(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Other => "other",
            Language::Unknown => "unknown",
        }
    }
}

/// Which model tiers produced an analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tier {
    Fast,
    Embedding,
}

impl Tier {
    pub fn as_str(self) -> &'static str {
        match self {
            Tier::Fast => "fast",
            Tier::Embedding => "fast+embedding",
        }
    }
}

/// Everything defuse understands about one client message.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub offensive: Judgement,
    pub abusive: Judgement,
    pub complaint: Judgement,
    /// 0..1, how hostile the message is toward the reader.
    pub hostility: f32,
    pub level: Level,
    /// The spans the level rests on: the abuse, the signals that set its floor, or the words the
    /// level was read from; empty for a calm message.
    pub level_evidence: Vec<Evidence>,
    pub sentiment: Sentiment,
    /// Probabilities for negative, neutral, positive (in `Sentiment::ALL` order); they sum to 1.
    pub sentiment_scores: [f32; 3],
    pub sentiment_evidence: Vec<Evidence>,
    /// Scores in `Emotion::ALL` order, each its own probability.
    pub emotions: [Judgement; 6],
    pub top_emotion: Option<Emotion>,
    /// Ranked, most likely first; only causes with some support are listed.
    pub causes: Vec<CauseScore>,
    /// The causes behind the conversation up to this message, read from its earlier turns
    /// (the agent's too) and this message joined (see [`crate::Input::with_earlier`]), ranked;
    /// empty when no grievance drives it; evidence only where it lies in this message. `None`
    /// when the message was analysed on its own.
    pub story: Option<Vec<CauseScore>>,
    /// What they ask for, most likely first; empty when nothing specific (or not read).
    pub wants: Vec<WantScore>,
    pub signals: Vec<Signal>,
    pub concerns: Vec<Concern>,
    pub language: Language,
    /// Length in bytes of the text that was analysed (after any truncation).
    pub analysed_len: usize,
    /// The input was longer than [`crate::MAX_TEXT_BYTES`] and only its start was analysed.
    pub truncated: bool,
    pub tier: Tier,
    /// Version of the model weights that made this analysis.
    pub model_version: &'static str,
}

impl Analysis {
    pub fn emotion(&self, e: Emotion) -> &Judgement {
        &self.emotions[e.index()]
    }

    /// Whether the client says something of `kind` in their own words (not quoting anyone).
    pub fn says(&self, kind: SignalKind) -> bool {
        self.signals.iter().any(|s| s.kind == kind && !s.quoted)
    }

    /// Whether the client says we told them conflicting things, or never told them: a
    /// misunderstanding we caused.
    pub fn told_otherwise(&self) -> bool {
        self.causes
            .iter()
            .filter(|c| c.cause == Cause::Miscommunication)
            .flat_map(|c| &c.evidence)
            .any(|e| e.why == crate::causes::CONFLICTING)
    }
}
