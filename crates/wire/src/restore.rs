//! Reading a stored [`AnalysisDto`] back into a [`defuse_core::Analysis`], so that coaching a
//! long case uses the analyses made when each message arrived instead of analysing them again.
//!
//! The JSON keeps everything coaching reads. What it does not keep comes from the caller: the
//! analysed text's length (the body's) and the model version (a `&'static str` in core).

use defuse_core::{
    Analysis, Cause, CauseScore, Concern, Emotion, Evidence, Judgement, Language, Level, Sentiment,
    Signal, SignalKind, Tier, Want, WantScore,
};

use crate::analysis::{AnalysisDto, CauseDto, EvidenceDto};

impl AnalysisDto {
    /// The analysis this DTO was made from, for a message of `text_len` bytes. `None` when a
    /// name in it is not one this version knows (it was stored by another version).
    pub fn to_analysis(&self, text_len: usize, model_version: &'static str) -> Option<Analysis> {
        let e = &self.emotion_evidence;
        let s = &self.emotions;
        let judgement = |score: f32, evidence: &[EvidenceDto]| Judgement {
            score,
            evidence: evidence.iter().map(to_evidence).collect(),
        };
        Some(Analysis {
            offensive: judgement(self.offensive_score, &self.offensive_evidence),
            abusive: judgement(self.abusive_score, &self.abusive_evidence),
            complaint: judgement(self.complaint_score, &self.complaint_evidence),
            hostility: self.hostility,
            level: named(&Level::ALL, Level::as_str, &self.level)?,
            level_evidence: self.level_evidence.iter().map(to_evidence).collect(),
            sentiment: named(&Sentiment::ALL, Sentiment::as_str, &self.sentiment)?,
            sentiment_scores: [
                self.sentiment_scores.negative,
                self.sentiment_scores.neutral,
                self.sentiment_scores.positive,
            ],
            sentiment_evidence: self.sentiment_evidence.iter().map(to_evidence).collect(),
            emotions: [
                judgement(s.anger, &e.anger),
                judgement(s.frustration, &e.frustration),
                judgement(s.anxiety, &e.anxiety),
                judgement(s.sadness, &e.sadness),
                judgement(s.confusion, &e.confusion),
                judgement(s.satisfaction, &e.satisfaction),
            ],
            top_emotion: match &self.top_emotion {
                Some(name) => Some(named(&Emotion::ALL, Emotion::as_str, name)?),
                None => None,
            },
            causes: to_causes(&self.causes)?,
            story: match &self.story_causes {
                Some(causes) => Some(to_causes(causes)?),
                None => None,
            },
            wants: self
                .wants
                .iter()
                .map(|w| {
                    Some(WantScore {
                        want: Want::parse(&w.want)?,
                        score: w.score,
                        evidence: w.evidence.iter().map(to_evidence).collect(),
                    })
                })
                .collect::<Option<_>>()?,
            signals: self
                .signals
                .iter()
                .map(|g| {
                    let kind = named(&SignalKind::ALL, SignalKind::as_str, &g.kind)?;
                    Some(Signal {
                        kind,
                        start: g.start,
                        end: g.end,
                        targeted: g.targeted,
                        quoted: g.quoted,
                    })
                })
                .collect::<Option<_>>()?,
            concerns: self
                .concerns
                .iter()
                .map(|c| Concern {
                    text: c.text.clone(),
                    start: c.start,
                    end: c.end,
                })
                .collect(),
            language: named(
                &[Language::English, Language::Other, Language::Unknown],
                Language::as_str,
                &self.language,
            )?,
            analysed_len: text_len,
            truncated: self.truncated,
            tier: named(&[Tier::Fast, Tier::Embedding], Tier::as_str, &self.tier)?,
            model_version,
        })
    }
}

/// The causes of `dtos`; `None` when one is named in a way this version does not know.
fn to_causes(dtos: &[CauseDto]) -> Option<Vec<CauseScore>> {
    dtos.iter()
        .map(|c| {
            Some(CauseScore {
                cause: Cause::parse(&c.cause)?,
                score: c.score,
                evidence: c.evidence.iter().map(to_evidence).collect(),
            })
        })
        .collect()
}

fn to_evidence(e: &EvidenceDto) -> Evidence {
    Evidence {
        start: e.start,
        end: e.end,
        why: e.why.clone(),
    }
}

/// The value among `all` whose name is `name`.
fn named<T: Copy>(all: &[T], as_str: fn(T) -> &'static str, name: &str) -> Option<T> {
    all.iter().copied().find(|v| as_str(*v) == name)
}
