//! The JSON form of one analysed message, with the field names of the documented format.
//!
//! Every evidence span is given as UTF-8 byte offsets into the text as it was received, together
//! with the words it covers, so a reader can check each judgement without re-slicing the text.

use defuse_core::{Analysis, CauseScore, Concern, Evidence, Judgement, Signal, WantScore};
use serde::{Deserialize, Serialize};

/// One analysed message, as `defuse analyze --jsonl` prints it and the API returns it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AnalysisDto {
    /// Echo of the caller's `id`, when one was given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<Object>))]
    pub id: Option<serde_json::Value>,
    /// Any offensive language: profanity, insults, slurs, threats, harassment.
    pub offensive: bool,
    pub offensive_score: f32,
    pub offensive_evidence: Vec<EvidenceDto>,
    /// Offensive language or threats aimed at a person.
    pub abusive: bool,
    pub abusive_score: f32,
    pub abusive_evidence: Vec<EvidenceDto>,
    /// The client says something fell short of what they expected.
    pub complaint: bool,
    pub complaint_score: f32,
    pub complaint_evidence: Vec<EvidenceDto>,
    /// 0..1, how hostile the message is toward the reader.
    pub hostility: f32,
    /// `calm`, `tense`, `angry` or `abusive`.
    pub level: String,
    /// The spans the level rests on; empty for a calm message (and in analyses stored before
    /// it was kept).
    #[serde(default)]
    pub level_evidence: Vec<EvidenceDto>,
    /// `negative`, `neutral` or `positive`.
    pub sentiment: String,
    pub sentiment_scores: SentimentScores,
    pub sentiment_evidence: Vec<EvidenceDto>,
    pub emotions: EmotionScores,
    /// The words behind each emotion, keyed like `emotions`.
    pub emotion_evidence: EmotionEvidence,
    #[serde(default)]
    pub top_emotion: Option<String>,
    /// Likely root causes, most likely first.
    pub causes: Vec<CauseDto>,
    /// The causes behind the client's story up to this message (their earlier messages in the
    /// conversation read together with this one), most likely first; evidence only from this
    /// message. Absent when the message was read on its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub story_causes: Option<Vec<CauseDto>>,
    /// What the client asks for, most likely first; empty when nothing specific.
    #[serde(default)]
    pub wants: Vec<WantDto>,
    pub signals: Vec<SignalDto>,
    /// The client's points and requests, to paraphrase back.
    pub concerns: Vec<ConcernDto>,
    /// `en`, `other` or `unknown`.
    pub language: String,
    /// Only the first part of an over-long message was analysed.
    pub truncated: bool,
    /// `fast` or `fast+embedding`.
    pub tier: String,
    pub model_version: String,
}

/// A span of the text that a judgement rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EvidenceDto {
    pub start: usize,
    pub end: usize,
    /// The words at `start..end`.
    pub text: String,
    /// Why these words matter, in plain words.
    pub why: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SentimentScores {
    pub negative: f32,
    pub neutral: f32,
    pub positive: f32,
}

/// One score per emotion; several can hold at once.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmotionScores {
    pub anger: f32,
    pub frustration: f32,
    pub anxiety: f32,
    pub sadness: f32,
    pub confusion: f32,
    pub satisfaction: f32,
}

/// The evidence behind each emotion score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmotionEvidence {
    pub anger: Vec<EvidenceDto>,
    pub frustration: Vec<EvidenceDto>,
    pub anxiety: Vec<EvidenceDto>,
    pub sadness: Vec<EvidenceDto>,
    pub confusion: Vec<EvidenceDto>,
    pub satisfaction: Vec<EvidenceDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CauseDto {
    /// `miscommunication`, `unmet_expectations`, `outside_pressure`, `service_failure` or `feeling_unheard`.
    pub cause: String,
    pub score: f32,
    pub evidence: Vec<EvidenceDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WantDto {
    /// `information`, `fix_or_replacement`, `refund_or_compensation`,
    /// `apology_or_acknowledgement`, `cancel` or `speak_to_someone`.
    pub want: String,
    pub score: f32,
    pub evidence: Vec<EvidenceDto>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignalDto {
    /// `insult`, `threat`, `profanity`, `slur`, `shouting`, `exclamation_run`, `absolute`, `blame`,
    /// `demand`, `deadline`, `repeated_contact`, `escalation_threat`, `sarcasm`, `harassment`,
    /// `unresolved` (the reply says the fix the agent asked about did not work; needs `context`)
    /// or `prejudice` (a demand or remark about the reader's origin or accent).
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Aimed at a person rather than at a thing or a situation.
    pub targeted: bool,
    /// Inside quoted or reported speech.
    pub quoted: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConcernDto {
    /// A short plain statement of the point.
    pub text: String,
    pub start: usize,
    pub end: usize,
}

impl AnalysisDto {
    /// Converts `analysis`, made from `text`, echoing `id` when the caller gave one.
    pub fn new(id: Option<serde_json::Value>, text: &str, analysis: &Analysis) -> AnalysisDto {
        let slice = Slicer(text);
        let [
            anger,
            frustration,
            anxiety,
            sadness,
            confusion,
            satisfaction,
        ] = &analysis.emotions;
        let [negative, neutral, positive] = analysis.sentiment_scores;
        AnalysisDto {
            id,
            offensive: analysis.offensive.holds(),
            offensive_score: analysis.offensive.score,
            offensive_evidence: slice.judgement(&analysis.offensive),
            abusive: analysis.abusive.holds(),
            abusive_score: analysis.abusive.score,
            abusive_evidence: slice.judgement(&analysis.abusive),
            complaint: analysis.complaint.holds(),
            complaint_score: analysis.complaint.score,
            complaint_evidence: slice.judgement(&analysis.complaint),
            hostility: analysis.hostility,
            level: analysis.level.as_str().to_owned(),
            level_evidence: slice.evidence(&analysis.level_evidence),
            sentiment: analysis.sentiment.as_str().to_owned(),
            sentiment_scores: SentimentScores {
                negative,
                neutral,
                positive,
            },
            sentiment_evidence: slice.evidence(&analysis.sentiment_evidence),
            emotions: EmotionScores {
                anger: anger.score,
                frustration: frustration.score,
                anxiety: anxiety.score,
                sadness: sadness.score,
                confusion: confusion.score,
                satisfaction: satisfaction.score,
            },
            emotion_evidence: EmotionEvidence {
                anger: slice.judgement(anger),
                frustration: slice.judgement(frustration),
                anxiety: slice.judgement(anxiety),
                sadness: slice.judgement(sadness),
                confusion: slice.judgement(confusion),
                satisfaction: slice.judgement(satisfaction),
            },
            top_emotion: analysis.top_emotion.map(|e| e.as_str().to_owned()),
            causes: analysis.causes.iter().map(|c| slice.cause(c)).collect(),
            story_causes: analysis
                .story
                .as_ref()
                .map(|s| s.iter().map(|c| slice.cause(c)).collect()),
            wants: analysis.wants.iter().map(|w| slice.want(w)).collect(),
            signals: analysis.signals.iter().map(|s| slice.signal(s)).collect(),
            concerns: analysis.concerns.iter().map(ConcernDto::from).collect(),
            language: analysis.language.as_str().to_owned(),
            truncated: analysis.truncated,
            tier: analysis.tier.as_str().to_owned(),
            model_version: analysis.model_version.to_owned(),
        }
    }
}

impl From<&Concern> for ConcernDto {
    fn from(c: &Concern) -> ConcernDto {
        ConcernDto {
            text: c.text.clone(),
            start: c.start,
            end: c.end,
        }
    }
}

/// Cuts evidence spans out of the analysed text.
struct Slicer<'a>(&'a str);

impl Slicer<'_> {
    /// The words at `start..end`, or an empty string if the span does not fit the text
    /// (the core promises it always does; a DTO must never panic on a bad span).
    fn text(&self, start: usize, end: usize) -> String {
        crate::marks::slice(self.0, start, end).to_owned()
    }

    fn evidence(&self, evidence: &[Evidence]) -> Vec<EvidenceDto> {
        evidence
            .iter()
            .map(|e| EvidenceDto {
                start: e.start,
                end: e.end,
                text: self.text(e.start, e.end),
                why: e.why.clone(),
            })
            .collect()
    }

    fn judgement(&self, j: &Judgement) -> Vec<EvidenceDto> {
        self.evidence(&j.evidence)
    }

    fn cause(&self, c: &CauseScore) -> CauseDto {
        CauseDto {
            cause: c.cause.as_str().to_owned(),
            score: c.score,
            evidence: self.evidence(&c.evidence),
        }
    }

    fn want(&self, w: &WantScore) -> WantDto {
        WantDto {
            want: w.want.as_str().to_owned(),
            score: w.score,
            evidence: self.evidence(&w.evidence),
        }
    }

    fn signal(&self, s: &Signal) -> SignalDto {
        SignalDto {
            kind: s.kind.as_str().to_owned(),
            start: s.start,
            end: s.end,
            text: self.text(s.start, s.end),
            targeted: s.targeted,
            quoted: s.quoted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use defuse_core::{Cause, Emotion, Language, Level, Sentiment, SignalKind, Tier};

    fn judgement(score: f32, evidence: Vec<Evidence>) -> Judgement {
        Judgement { score, evidence }
    }

    fn ev(start: usize, end: usize, why: &str) -> Evidence {
        Evidence {
            start,
            end,
            why: why.to_owned(),
        }
    }

    /// A hand-made analysis of `TEXT`, so these tests pin the wire format and not the models.
    const TEXT: &str = "You idiots lost my parcel AGAIN";

    fn sample() -> Analysis {
        let quiet = || judgement(0.1, vec![]);
        Analysis {
            offensive: judgement(0.9, vec![ev(4, 10, "insult")]),
            abusive: judgement(0.8, vec![ev(0, 10, "insult aimed at the reader")]),
            complaint: judgement(0.3, vec![]),
            hostility: 0.7,
            level: Level::Angry,
            level_evidence: vec![ev(26, 31, "shouting in capitals")],
            sentiment: Sentiment::Negative,
            sentiment_scores: [0.8, 0.15, 0.05],
            sentiment_evidence: vec![ev(11, 15, "negative word")],
            emotions: [
                judgement(0.9, vec![ev(4, 10, "insult")]),
                quiet(),
                quiet(),
                quiet(),
                quiet(),
                quiet(),
            ],
            top_emotion: Some(Emotion::Anger),
            causes: vec![CauseScore {
                cause: Cause::ServiceFailure,
                score: 0.6,
                evidence: vec![ev(11, 15, "lost")],
            }],
            story: None,
            wants: Vec::new(),
            signals: vec![Signal {
                kind: SignalKind::Shouting,
                start: 26,
                end: 31,
                targeted: false,
                quoted: false,
            }],
            concerns: vec![Concern {
                text: "my parcel was lost".to_owned(),
                start: 11,
                end: 25,
            }],
            language: Language::English,
            analysed_len: TEXT.len(),
            truncated: false,
            tier: Tier::Fast,
            model_version: "test-1",
        }
    }

    #[test]
    fn field_names_follow_the_documented_format() {
        let json =
            serde_json::to_value(AnalysisDto::new(Some("m1".into()), TEXT, &sample())).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for key in [
            "id",
            "offensive",
            "offensive_score",
            "abusive",
            "abusive_score",
            "complaint",
            "complaint_score",
            "hostility",
            "level",
            "sentiment",
            "sentiment_scores",
            "emotions",
            "top_emotion",
            "causes",
            "wants",
            "signals",
            "concerns",
            "language",
            "truncated",
            "tier",
            "model_version",
        ] {
            assert!(keys.contains(&key), "missing {key} in {keys:?}");
        }
        assert_eq!(json["id"], "m1");
        assert_eq!(json["offensive"], true);
        assert_eq!(json["complaint"], false);
        assert_eq!(json["level"], "angry");
        assert_eq!(json["top_emotion"], "anger");
        assert_eq!(json["tier"], "fast");
        assert_eq!(json["language"], "en");
        let emotions: Vec<&str> = json["emotions"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(emotions.len(), 6);
        assert!(emotions.contains(&"satisfaction"));
        assert_eq!(
            json["sentiment_scores"]["negative"].as_f64().unwrap() as f32,
            0.8
        );
    }

    #[test]
    fn evidence_carries_the_words_it_points_at() {
        let dto = AnalysisDto::new(None, TEXT, &sample());
        assert_eq!(dto.offensive_evidence[0].text, "idiots");
        assert_eq!(dto.signals[0].text, "AGAIN");
        assert_eq!(dto.signals[0].kind, "shouting");
        assert_eq!(dto.causes[0].cause, "service_failure");
        assert_eq!(dto.causes[0].evidence[0].text, "lost");
        assert_eq!(dto.emotion_evidence.anger[0].text, "idiots");
        assert!(dto.emotion_evidence.sadness.is_empty());
    }

    #[test]
    fn absent_id_is_left_out_and_a_bad_span_gives_empty_text() {
        let mut analysis = sample();
        analysis.signals[0].end = 999;
        let dto = AnalysisDto::new(None, TEXT, &analysis);
        assert_eq!(dto.signals[0].text, "");
        let json = serde_json::to_value(&dto).unwrap();
        assert!(json.get("id").is_none());
    }

    #[test]
    fn restores_the_analysis_it_was_made_from() {
        let mut original = sample();
        original.story = Some(vec![CauseScore {
            cause: Cause::FeelingUnheard,
            score: 0.7,
            evidence: vec![ev(26, 31, "again")],
        }]);
        let dto = AnalysisDto::new(None, TEXT, &original);
        assert_eq!(dto.to_analysis(TEXT.len(), "test-1"), Some(original));
        let mut unknown = dto;
        unknown.level = "furious".into();
        assert_eq!(unknown.to_analysis(TEXT.len(), "test-1"), None);
    }

    #[test]
    fn roundtrips_through_json() {
        let dto = AnalysisDto::new(Some(7.into()), TEXT, &sample());
        let back: AnalysisDto =
            serde_json::from_str(&serde_json::to_string(&dto).unwrap()).unwrap();
        assert_eq!(back, dto);
    }
}
