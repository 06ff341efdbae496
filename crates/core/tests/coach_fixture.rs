//! Builds `Analysis` values by hand, so coaching can be tested apart from the analyzer.
//! Included by the other `coach_*` tests with `#[path]`; on its own it holds no tests.
#![allow(dead_code)]

use defuse_core::coach::{Analysed, Conversation, Role, Timestamp, Turn};
use defuse_core::{
    Analysis, Cause, CauseScore, Concern, Emotion, Evidence, Judgement, Language, Level, Sentiment,
    Signal, SignalKind, Tier,
};

/// Monday 2 March 2026, 10:00 UTC.
pub const MONDAY_10AM: Timestamp = Timestamp(1_772_445_600);

/// A hand-made analysis of one client message; phrases are found in the text to make spans.
pub struct Fx<'t> {
    text: &'t str,
    a: Analysis,
}

fn no() -> Judgement {
    Judgement {
        score: 0.05,
        evidence: Vec::new(),
    }
}

impl<'t> Fx<'t> {
    pub fn new(text: &'t str) -> Self {
        Fx {
            text,
            a: Analysis {
                offensive: no(),
                abusive: no(),
                complaint: no(),
                hostility: 0.05,
                level: Level::Calm,
                level_evidence: Vec::new(),
                sentiment: Sentiment::Neutral,
                sentiment_scores: [0.1, 0.8, 0.1],
                sentiment_evidence: Vec::new(),
                emotions: [no(), no(), no(), no(), no(), no()],
                top_emotion: None,
                causes: Vec::new(),
                story: None,
                wants: Vec::new(),
                signals: Vec::new(),
                concerns: Vec::new(),
                language: Language::English,
                analysed_len: text.len(),
                truncated: false,
                tier: Tier::Fast,
                model_version: "fixture",
            },
        }
    }

    fn span(&self, phrase: &str) -> (usize, usize) {
        let start = self
            .text
            .find(phrase)
            .unwrap_or_else(|| panic!("{phrase:?} not in {:?}", self.text));
        (start, start + phrase.len())
    }

    fn evidence(&self, phrase: &str, why: &str) -> Evidence {
        let (start, end) = self.span(phrase);
        Evidence {
            start,
            end,
            why: why.into(),
        }
    }

    pub fn level(mut self, level: Level, hostility: f32) -> Self {
        self.a.level = level;
        self.a.hostility = hostility;
        self
    }

    pub fn emotion(mut self, e: Emotion, score: f32, phrase: &str) -> Self {
        self.a.emotions[e.index()] = Judgement {
            score,
            evidence: vec![self.evidence(phrase, e.as_str())],
        };
        self.a.top_emotion = Some(e);
        self
    }

    pub fn complaint(mut self, phrase: &str) -> Self {
        self.a.complaint = Judgement {
            score: 0.9,
            evidence: vec![self.evidence(phrase, "complaint")],
        };
        self
    }

    pub fn abusive(mut self, phrase: &str) -> Self {
        self.a.abusive = Judgement {
            score: 0.9,
            evidence: vec![self.evidence(phrase, "abusive")],
        };
        self
    }

    pub fn cause(mut self, cause: Cause, phrase: &str) -> Self {
        let evidence = vec![self.evidence(phrase, cause.as_str())];
        self.a.causes.push(CauseScore {
            cause,
            score: 0.8,
            evidence,
        });
        self
    }

    pub fn signal(mut self, kind: SignalKind, phrase: &str, targeted: bool) -> Self {
        let (start, end) = self.span(phrase);
        self.a.signals.push(Signal {
            kind,
            start,
            end,
            targeted,
            quoted: false,
        });
        self
    }

    pub fn quoted(mut self, kind: SignalKind, phrase: &str) -> Self {
        let (start, end) = self.span(phrase);
        self.a.signals.push(Signal {
            kind,
            start,
            end,
            targeted: true,
            quoted: true,
        });
        self
    }

    pub fn concern(mut self, statement: &str, phrase: &str) -> Self {
        let (start, end) = self.span(phrase);
        self.a.concerns.push(Concern {
            text: statement.into(),
            start,
            end,
        });
        self
    }

    pub fn done(self) -> Analysis {
        self.a
    }
}

/// A conversation of `(role, text, analysis for client turns)`, one minute apart.
#[derive(Clone, Default)]
pub struct Talk {
    pub conversation: Conversation,
    analyses: Vec<Option<Analysis>>,
}

impl Talk {
    fn push(mut self, role: Role, text: &str, analysis: Option<Analysis>) -> Self {
        let at = Timestamp(MONDAY_10AM.0 + 60 * self.conversation.turns.len() as i64);
        self.conversation.turns.push(Turn {
            role,
            text: text.into(),
            at,
        });
        self.analyses.push(analysis);
        self
    }

    pub fn client(self, fx: Fx<'_>) -> Self {
        let text = fx.text.to_string();
        self.push(Role::Client, &text, Some(fx.done()))
    }

    pub fn agent(self, text: &str) -> Self {
        self.push(Role::Agent, text, None)
    }

    pub fn analysed(&self) -> Analysed<'_> {
        Analysed::from_parts(&self.conversation, self.analyses.clone())
    }
}
