//! Puts the stages together: tokens, signals, features, models, causes and concerns into one
//! [`Analysis`] with evidence for every judgement.

use crate::encoder::Encoder;
use crate::features::{self, Features};
use crate::model::{Head, ModelError, ModelSet, columns as col, logit, sigmoid, softmax};
use crate::reading::{self, Message, Reading, ReadingFeatures};
use crate::text::{self, Token};
use crate::types::*;
use crate::{causes, concerns, feelings, language, reply, signals, valence};

/// Longest text analysed; longer input is cut at a char boundary and marked truncated.
pub const MAX_TEXT_BYTES: usize = 100 * 1024;

/// The fast-tier weights, trained by `defuse train` and compiled in.
const FAST_MODELS: &[u8] = include_bytes!("../models/fast.bin");
/// The heads over MiniLM embeddings, used when an encoder is installed.
const EMBED_MODELS: &[u8] = include_bytes!("../models/embed.bin");
/// The level and cause heads learned from customer messages (see [`crate::reading`]); empty
/// only before they were first trained.
const READING_MODELS: &[u8] = include_bytes!("../models/reading.bin");

/// One client message to analyse.
#[derive(Debug, Clone, Copy, Default)]
pub struct Input<'a> {
    pub text: &'a str,
    /// The agent's previous message, when known.
    pub context: Option<&'a str>,
    /// The conversation's earlier turns, the agent's too, oldest first.
    pub earlier: &'a [Earlier<'a>],
}

/// An earlier turn of the conversation: its text and whether the client wrote it.
#[derive(Debug, Clone, Copy)]
pub struct Earlier<'a> {
    pub text: &'a str,
    pub client: bool,
}

/// A story as the analysis reads it: the earlier turns and the latest message, a line each.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryText {
    pub text: String,
    /// Where the latest message starts in `text`.
    pub at: usize,
    /// Where each earlier turn that was kept starts, and whether the client wrote it.
    pub turns: Vec<(usize, bool)>,
}

impl<'a> Input<'a> {
    pub fn new(text: &'a str) -> Self {
        Input {
            text,
            context: None,
            earlier: &[],
        }
    }
    pub fn with_context(self, context: &'a str) -> Self {
        Input {
            context: Some(context),
            ..self
        }
    }
    /// This message as the latest of the conversation's story: the analysis then also reads
    /// the cause behind `earlier` and this message together ([`Analysis::story`]). The agent's
    /// turns belong to the story: an explanation the client answers ("the refund went back to
    /// your gift card") is what tells a misunderstanding from a failure.
    pub fn with_earlier(self, earlier: &'a [Earlier<'a>]) -> Self {
        Input { earlier, ..self }
    }

    /// The story as one text: the earlier turns and this message, a line each. The earliest
    /// turns are left out as far as the story would be longer than an analysis reads, so this
    /// message is always read whole.
    pub fn story_text(&self) -> StoryText {
        let room = MAX_TEXT_BYTES.saturating_sub(self.text.len());
        let mut used = 0;
        let kept = self
            .earlier
            .iter()
            .rev()
            .take_while(|t| {
                used += t.text.len() + 1;
                used <= room
            })
            .count();
        let mut text = String::new();
        let mut turns = Vec::with_capacity(kept);
        for t in &self.earlier[self.earlier.len() - kept..] {
            turns.push((text.len(), t.client));
            text.push_str(t.text);
            text.push('\n');
        }
        let at = text.len();
        text.push_str(self.text);
        StoryText { text, at, turns }
    }
}

/// The analysis engine, holding the model weights. Build once, share freely (it is `Sync`).
pub struct Analyzer {
    fast: Head,
    version: &'static str,
    embedding: Option<EmbeddingTier>,
    /// Sets the level and the causes last; `None` while training it.
    reading: Option<Reading>,
}

struct EmbeddingTier {
    encoder: Box<dyn Encoder>,
    head: Head,
    stack: Head,
    /// Per cause, the embeddings of its descriptions, cut to the encoder's similarity range.
    cause_vectors: Vec<(Cause, Vec<Vec<f32>>)>,
    similarity: std::ops::Range<usize>,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new()
    }
}

fn take_head(set: &ModelSet, name: &str, dim: usize) -> Result<Head, ModelError> {
    let head = set
        .head(name)
        .ok_or_else(|| ModelError(format!("missing head {name}")))?;
    if head.classes != col::COUNT || head.dim != dim {
        return Err(ModelError(format!(
            "head {name} has shape {}x{}",
            head.dim, head.classes
        )));
    }
    Ok(head.clone())
}

impl Analyzer {
    /// The fast tier with the weights compiled into the crate.
    pub fn new() -> Self {
        let analyzer = Self::unread();
        if READING_MODELS.is_empty() {
            return analyzer;
        }
        let reading = ModelSet::from_bytes(READING_MODELS)
            .and_then(|set| Reading::from_models(&set))
            .expect("compiled-in reading models are valid");
        analyzer.with_reading(reading)
    }

    /// Reads the level and the causes with `reading` instead of the rules alone.
    pub fn with_reading(mut self, reading: Reading) -> Self {
        self.version =
            Box::leak(format!("{}+{}", self.fast_version(), reading.version).into_boxed_str());
        self.reading = Some(reading);
        self
    }

    /// The fast tier compiled into the crate, leaving the level and the causes to the rules:
    /// what the reading heads learn from (it never loads the compiled-in heads, so training
    /// works while they are being changed).
    pub fn unread() -> Self {
        let set = ModelSet::from_bytes(FAST_MODELS).expect("compiled-in fast models are valid");
        Self::from_models(&set).expect("compiled-in fast models have every head")
    }

    /// The version of the models without the reading's ("fast-…" of "fast-…+reading-…").
    fn fast_version(&self) -> &'static str {
        self.version.split('+').next().unwrap_or(self.version)
    }

    /// This analyzer's fast tier alone, without the embedding tier or a reading: training reads
    /// conversations with heads fitted to part of its data (`Analyzer::with_reading`).
    pub fn fast_tier(&self) -> Analyzer {
        Analyzer {
            fast: self.fast.clone(),
            version: self.fast_version(),
            embedding: None,
            reading: None,
        }
    }

    /// What the reading heads read of `text`, as this analyzer (without a reading of its own)
    /// sees it, before it is weighed: what they are trained on.
    pub fn reading_features(&self, text: &str) -> ReadingFeatures {
        self.read_for_training(text).1
    }

    /// The analysis of `text` beside what the reading heads read of it: training needs both and
    /// analyses each text once.
    pub fn read_for_training(&self, text: &str) -> (Analysis, ReadingFeatures) {
        let a = self.analysis(&Input::new(text), None, None);
        let p = prepare(text);
        let whole = self.fast.logits_sparse(&p.feats.index, &p.feats.value);
        let m = Message::new(&self.fast, p.text, &p.tokens, &p.feats, &whole);
        let x = reading::features(&a, &m);
        (a, x)
    }

    /// Whether the learned reading of level and causes is in use.
    pub fn reads(&self) -> bool {
        self.reading.is_some()
    }

    /// The fast tier from a model set, such as one just trained.
    pub fn from_models(set: &ModelSet) -> Result<Self, ModelError> {
        signals::warm_up();
        let version: &'static str = Box::leak(set.version.clone().into_boxed_str());
        Ok(Analyzer {
            fast: take_head(set, col::FAST_HEAD, features::DIM)?,
            version,
            embedding: None,
            reading: None,
        })
    }

    /// Adds the embedding tier with the heads compiled into the crate.
    pub fn with_encoder(self, encoder: Box<dyn Encoder>) -> Result<Self, ModelError> {
        let set = ModelSet::from_bytes(EMBED_MODELS)?;
        self.with_encoder_models(encoder, &set)
    }

    /// Adds the embedding tier with heads from `set` (which holds an embedding head and a stack head).
    pub fn with_encoder_models(
        mut self,
        encoder: Box<dyn Encoder>,
        set: &ModelSet,
    ) -> Result<Self, ModelError> {
        let head = take_head(set, col::EMBED_HEAD, encoder.dim())?;
        let stack = take_head(set, col::STACK_HEAD, 2)?;
        let similarity = encoder.similarity_range();
        let cause_vectors = causes::DESCRIPTIONS
            .iter()
            .map(|(cause, texts)| {
                let vectors = encoder.embed_batch(texts);
                let cut = vectors
                    .iter()
                    .map(|v| v.get(similarity.clone()).unwrap_or_default().to_vec());
                (*cause, cut.collect())
            })
            .collect();
        self.embedding = Some(EmbeddingTier {
            encoder,
            head,
            stack,
            cause_vectors,
            similarity,
        });
        Ok(self)
    }

    pub fn tier(&self) -> Tier {
        if self.embedding.is_some() {
            Tier::Embedding
        } else {
            Tier::Fast
        }
    }

    pub fn model_version(&self) -> &'static str {
        self.version
    }

    pub fn analyze(&self, input: &Input<'_>) -> Analysis {
        let embedding = self
            .embedding
            .as_ref()
            .map(|e| e.encoder.embed(truncate(input.text).0));
        self.analyze_embedded(input, embedding.as_deref())
    }

    /// Analyses several messages, embedding them in one batch when the embedding tier is on.
    pub fn analyze_batch(&self, inputs: &[Input<'_>]) -> Vec<Analysis> {
        let texts: Vec<&str> = inputs.iter().map(|i| i.text).collect();
        match self.embed_batch(&texts) {
            None => inputs
                .iter()
                .map(|i| self.analyze_embedded(i, None))
                .collect(),
            Some(vectors) => inputs
                .iter()
                .zip(&vectors)
                .map(|(i, v)| self.analyze_embedded(i, Some(v)))
                .collect(),
        }
    }

    /// The embedding of each text (as far as it is analysed), in one batch through the
    /// encoder; `None` when the embedding tier is off. With [`Analyzer::analyze_embedded`] this
    /// is [`Analyzer::analyze_batch`] in two steps, so that a caller can run the encoder over a
    /// large batch (it uses every core itself) and the rest of the analysis in parallel.
    pub fn embed_batch(&self, texts: &[&str]) -> Option<Vec<Vec<f32>>> {
        let e = self.embedding.as_ref()?;
        let cut: Vec<&str> = texts.iter().map(|t| truncate(t).0).collect();
        Some(e.encoder.embed_batch(&cut))
    }

    /// Calibrated fast-tier scores of every column, for training the stack and for evaluation.
    pub fn fast_scores(&self, text: &str) -> Vec<f32> {
        let f = featurize(text);
        self.fast
            .calibrate(&self.fast.logits_sparse(&f.index, &f.value))
    }

    /// Analyses `input` given its vector from [`Analyzer::embed_batch`]; with `None`, the fast
    /// tier alone.
    pub fn analyze_embedded(&self, input: &Input<'_>, embedding: Option<&[f32]>) -> Analysis {
        self.analysis(input, embedding, self.reading.as_ref())
    }

    /// The analysis of `input`, its level and causes set by `reading` when there is one.
    fn analysis(
        &self,
        input: &Input<'_>,
        embedding: Option<&[f32]>,
        reading: Option<&Reading>,
    ) -> Analysis {
        if !input.text.chars().any(char::is_alphanumeric) {
            return self.nothing_said(input.text);
        }
        let Prepared {
            text,
            truncated,
            tokens,
            mut sigs,
            val,
            feats,
        } = prepare(input.text);
        let answer = input.context.and_then(|c| reply::answer(c, &tokens));
        if let Some(reply::Answer::NotSolved { first, last }) = answer {
            sigs.push(Signal {
                kind: SignalKind::Unresolved,
                start: tokens[first].start,
                end: tokens[last].end,
                targeted: false,
                quoted: false,
            });
            sigs.sort_by_key(|s| (s.start, s.end, s.kind));
        }
        let language = language::detect(&tokens);
        let fast_z = self.fast.logits_sparse(&feats.index, &feats.value);
        let z = match (embedding, &self.embedding) {
            (Some(v), Some(tier)) => tier.blend(&self.fast.calibrate(&fast_z), v),
            _ => self.fast.calibrate(&fast_z),
        };
        let mut p = Probabilities::from_calibrated(&z);
        if language == Language::Other {
            p.damp_for_unknown_language();
        }
        if sigs
            .iter()
            .any(|s| s.kind == SignalKind::Sarcasm && !s.quoted)
        {
            p.read_as_sarcasm();
        }
        match answer {
            Some(reply::Answer::NotSolved { .. }) => p.read_as_not_solved(),
            Some(reply::Answer::Solved) => p.read_as_solved(),
            None => {}
        }
        let named = feelings::named(&tokens);
        for n in &named {
            let e = &mut p.emotions[n.emotion.index()];
            *e = e.max(NAMED_FEELING);
        }
        let glad = |n: &feelings::Named| n.emotion == Emotion::Satisfaction;
        if named.iter().any(|n| !glad(n)) && !named.iter().any(glad) {
            p.read_as_unhappy();
        }
        let ev = EvidenceBuilder {
            tokens: &tokens,
            feats: &feats,
            head: &self.fast,
            signals: &sigs,
        };
        let offensive = ev.judgement(p.offensive, col::OFFENSIVE, OFFENSIVE_SIGNALS, false);
        let abusive = self.abusive(&ev, &p, &sigs);
        let complaint = ev.judgement(p.complaint, col::COMPLAINT, COMPLAINT_SIGNALS, false);
        let mut emotions = Emotion::ALL.map(|e| {
            ev.judgement(
                p.emotions[e.index()],
                col::EMOTIONS + e.index(),
                emotion_signals(e),
                false,
            )
        });
        for n in &named {
            let (start, end) = (tokens[n.first].start, tokens[n.last].end);
            let evidence = &mut emotions[n.emotion.index()].evidence;
            evidence.retain(|e| e.end <= start || e.start >= end);
            evidence.push(Evidence {
                start,
                end,
                why: feelings::SAID_OUTRIGHT.to_string(),
            });
            evidence.sort_by_key(|e| e.start);
        }
        let top_emotion = Emotion::ALL
            .into_iter()
            .filter(|e| emotions[e.index()].holds())
            .max_by(|a, b| {
                emotions[a.index()]
                    .score
                    .total_cmp(&emotions[b.index()].score)
            });
        p.unhappy_as(complaint.score.max(abusive.score));
        let sentiment = Sentiment::ALL[argmax(&p.sentiment)];
        let mut sentiment_evidence = sentiment_evidence(&tokens, &val, sentiment);
        if sentiment == Sentiment::Negative && sentiment_evidence.is_empty() {
            sentiment_evidence = complaint.evidence.clone();
        }
        let hostility = hostility(&p, abusive.score, offensive.score, &sigs);
        let level = if abusive.holds() {
            Level::Abusive
        } else if hostility >= 0.6 {
            Level::Angry
        } else if hostility >= 0.3 {
            Level::Tense
        } else {
            Level::Calm
        };
        let similarity = match (embedding, &self.embedding) {
            (Some(v), Some(tier)) => Some(tier.cause_similarity(v)),
            _ => None,
        };
        let mut analysis = Analysis {
            causes: causes::rank(text, &tokens, &sigs, similarity.as_ref()),
            story: None,
            wants: Vec::new(),
            concerns: concerns::extract(text, &tokens, &sigs),
            offensive,
            abusive,
            complaint,
            hostility,
            level,
            level_evidence: Vec::new(),
            sentiment,
            sentiment_scores: p.sentiment,
            sentiment_evidence,
            emotions,
            top_emotion,
            signals: sigs,
            language,
            analysed_len: text.len(),
            truncated,
            tier: if similarity.is_some() {
                Tier::Embedding
            } else {
                Tier::Fast
            },
            model_version: self.version,
        };
        analysis.level_evidence = crate::reading::level_evidence(&analysis, || {
            Some(if analysis.sentiment == Sentiment::Negative {
                analysis.sentiment_evidence.clone()
            } else {
                analysis.offensive.evidence.clone()
            })
        });
        if let Some(reading) = reading.filter(|_| language != Language::Other) {
            reading.apply(
                &mut analysis,
                &Message::new(&self.fast, text, &tokens, &feats, &fast_z),
            );
        }
        if !input.earlier.is_empty() {
            analysis.story = Some(self.story(input));
        }
        analysis
    }

    /// The causes behind `input`'s story: what the story head reads in it, or without a
    /// reading (or in a language it does not know) the rules' causes of it as one text; of
    /// their evidence, the spans in `input`'s own text, at its offsets.
    fn story(&self, input: &Input<'_>) -> Vec<CauseScore> {
        let story = input.story_text();
        let tokens = text::tokenize(&story.text);
        let causes = match &self.reading {
            Some(reading) if language::detect(&tokens) != Language::Other => {
                reading.story_causes(reading::story_counts(&tokens, &story), &tokens)
            }
            _ => self.analysis(&Input::new(&story.text), None, None).causes,
        };
        let at = story.at;
        causes
            .into_iter()
            .map(|c| CauseScore {
                evidence: c
                    .evidence
                    .into_iter()
                    .filter(|e| e.start >= at)
                    .map(|e| Evidence {
                        start: e.start - at,
                        end: e.end - at,
                        why: e.why,
                    })
                    .collect(),
                ..c
            })
            .collect()
    }

    /// The calm result for a message with no words in it (empty, blank, only punctuation).
    fn nothing_said(&self, text: &str) -> Analysis {
        let none = || Judgement {
            score: 0.0,
            evidence: Vec::new(),
        };
        let (text, truncated) = truncate(text);
        Analysis {
            offensive: none(),
            abusive: none(),
            complaint: none(),
            hostility: 0.0,
            level: Level::Calm,
            level_evidence: Vec::new(),
            sentiment: Sentiment::Neutral,
            sentiment_scores: [0.0, 1.0, 0.0],
            sentiment_evidence: Vec::new(),
            emotions: std::array::from_fn(|_| none()),
            top_emotion: None,
            causes: Vec::new(),
            story: None,
            wants: Vec::new(),
            signals: Vec::new(),
            concerns: Vec::new(),
            language: Language::Unknown,
            analysed_len: text.len(),
            truncated,
            tier: self.tier(),
            model_version: self.version,
        }
    }

    /// Abuse is offence aimed at a person. Offence aimed at someone (by the rules, which were
    /// right 24 times in 25 on the ConvAbuse dev split) lifts the score; offence only in quoted
    /// or reported speech, or only about a thing ("this damn printer"), holds it below the
    /// threshold.
    fn abusive(&self, ev: &EvidenceBuilder<'_>, p: &Probabilities, sigs: &[Signal]) -> Judgement {
        let offence = |s: &&Signal| OFFENSIVE_SIGNALS.contains(&s.kind);
        let aimed = sigs.iter().filter(offence).any(|s| s.targeted && !s.quoted);
        let unaimed: Vec<&Signal> = sigs
            .iter()
            .filter(offence)
            .filter(|s| !s.targeted)
            .collect();
        let only_quoted = !aimed && !unaimed.is_empty() && unaimed.iter().all(|s| s.quoted);
        let about_things = !aimed
            && !unaimed.is_empty()
            && unaimed
                .iter()
                .all(|s| s.quoted || about_a_thing(ev.tokens, s));
        let score = if aimed {
            p.abusive.max(0.85)
        } else if only_quoted || about_things {
            p.abusive.min(0.35)
        } else {
            p.abusive
        };
        let mut j = ev.judgement(score, col::ABUSIVE, OFFENSIVE_SIGNALS, true);
        if only_quoted {
            j.evidence.retain(|e| !e.why.starts_with("word"));
        }
        j
    }
}

/// Whether an offensive word qualifies a thing: it follows a determiner such as "this" or "the"
/// ("this damn printer", "the fucking app").
fn about_a_thing(tokens: &[Token], s: &Signal) -> bool {
    const DETERMINERS: &[&str] = &[
        "this", "the", "that", "these", "those", "my", "our", "its", "his", "her", "their",
        "stupid", "damn",
    ];
    // Tokens are in text order: a binary search keeps this cheap for every one of many signals.
    let i = tokens.partition_point(|t| t.start < s.start);
    if tokens.get(i).is_none_or(|t| t.start != s.start) {
        return false;
    }
    i > 0
        && DETERMINERS.contains(&tokens[i - 1].norm.as_str())
        && tokens.get(i + 1).is_some_and(Token::is_word)
}

/// Calibrated scores of the embedding tier: the embedding `head` on the vector `v`, blended
/// column by column by the `stack` head with the calibrated fast-tier scores `fast`.
pub fn blend(head: &Head, stack: &Head, fast: &[f32], v: &[f32]) -> Vec<f32> {
    let emb = head.calibrate(&head.logits_dense(v));
    let z: Vec<f32> = (0..col::COUNT)
        .map(|c| stack.bias[c] + stack.weight(0, c) * fast[c] + stack.weight(1, c) * emb[c])
        .collect();
    stack.calibrate(&z)
}

impl EmbeddingTier {
    /// Blends calibrated fast scores with the embedding head's, column by column.
    fn blend(&self, fast: &[f32], v: &[f32]) -> Vec<f32> {
        blend(&self.head, &self.stack, fast, v)
    }

    fn cause_similarity(&self, v: &[f32]) -> [f32; 5] {
        let v = v.get(self.similarity.clone()).unwrap_or_default();
        let mut out = [0.0; 5];
        for (cause, vectors) in &self.cause_vectors {
            let best = vectors.iter().map(|d| dot(d, v)).fold(f32::MIN, f32::max);
            out[*cause as usize] = best;
        }
        out
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn argmax(v: &[f32]) -> usize {
    (0..v.len())
        .max_by(|&a, &b| v[a].total_cmp(&v[b]))
        .unwrap_or(0)
}

/// A message after the rule stages, ready for the models.
struct Prepared<'t> {
    text: &'t str,
    truncated: bool,
    tokens: Vec<Token>,
    sigs: Vec<Signal>,
    val: valence::Valence,
    feats: Features,
}

fn prepare(text: &str) -> Prepared<'_> {
    let (text, truncated) = truncate(text);
    let tokens = text::tokenize(text);
    let sigs = signals::detect(text, &tokens);
    let val = valence::score(&tokens);
    let mut feats = Features::default();
    features::extract(&tokens, &val, &sigs, &mut feats);
    Prepared {
        text,
        truncated,
        tokens,
        sigs,
        val,
        feats,
    }
}

/// The fast tier's features of a message: what the trainer learns from.
pub fn featurize(text: &str) -> Features {
    prepare(text).feats
}

/// Cuts `text` to [`MAX_TEXT_BYTES`] on a char boundary.
fn truncate(text: &str) -> (&str, bool) {
    if text.len() <= MAX_TEXT_BYTES {
        return (text, false);
    }
    let mut end = MAX_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

/// Calibrated probabilities of every task.
struct Probabilities {
    offensive: f32,
    abusive: f32,
    complaint: f32,
    sentiment: [f32; 3],
    emotions: [f32; 6],
}

impl Probabilities {
    fn from_calibrated(z: &[f32]) -> Self {
        let s = softmax(&z[col::SENTIMENT..col::SENTIMENT + 3]);
        Probabilities {
            offensive: sigmoid(z[col::OFFENSIVE]),
            abusive: sigmoid(z[col::ABUSIVE]),
            complaint: sigmoid(z[col::COMPLAINT]),
            sentiment: [s[0], s[1], s[2]],
            emotions: std::array::from_fn(|i| sigmoid(z[col::EMOTIONS + i])),
        }
    }

    /// Sarcastic praise ("thanks for nothing", "great, another update") means the opposite of
    /// its words, which the models read at face value: what they took for a positive tone and
    /// for satisfaction is counted as negative tone and frustration. The rules find it only said
    /// of something that went wrong, so it also complains.
    fn read_as_sarcasm(&mut self) {
        self.complaint = self.complaint.max(0.6);
        self.shift_sentiment(Sentiment::Positive, Sentiment::Negative, 1.0);
        let satisfaction = std::mem::take(&mut self.emotions[Emotion::Satisfaction.index()]);
        let frustration = &mut self.emotions[Emotion::Frustration.index()];
        *frustration = frustration.max(satisfaction);
    }

    /// "No" to "did that fix it?": the service has fallen short again, and the client is at
    /// least as frustrated as they are anything else; the models saw only the bare "no".
    fn read_as_not_solved(&mut self) {
        self.complaint = self.complaint.max(0.8);
        self.shift_sentiment(Sentiment::Positive, Sentiment::Negative, 1.0);
        self.shift_sentiment(Sentiment::Neutral, Sentiment::Negative, 0.5);
        self.emotions[Emotion::Satisfaction.index()] = 0.0;
        let frustration = &mut self.emotions[Emotion::Frustration.index()];
        *frustration = frustration.max(0.6);
    }

    /// A client who says outright that they are let down, worried or upset, and names no good
    /// feeling beside it, is not positive, whatever warm words are around it ("the engineer was
    /// lovely, but I'm disappointed").
    fn read_as_unhappy(&mut self) {
        self.shift_sentiment(Sentiment::Positive, Sentiment::Negative, 1.0);
    }

    /// "Yes, thanks" to "did that fix it?": the problem is solved.
    fn read_as_solved(&mut self) {
        self.complaint = self.complaint.min(0.2);
        self.shift_sentiment(Sentiment::Negative, Sentiment::Positive, 1.0);
        self.shift_sentiment(Sentiment::Neutral, Sentiment::Positive, 0.5);
        let satisfaction = &mut self.emotions[Emotion::Satisfaction.index()];
        *satisfaction = satisfaction.max(0.6);
    }

    /// A client who complains or abuses is not neutral about it, however flat, polite or
    /// oddly worded ("the manager promised a call back yesterday and I'm still waiting", "you're
    /// a joke"): the surer the complaint or the abuse (the final judgements, rules included),
    /// the more of the neutral and positive shares goes to negative.
    fn unhappy_as(&mut self, complaint_or_abuse: f32) {
        let sure = ((complaint_or_abuse - 0.5) * 2.0).max(0.0);
        self.shift_sentiment(Sentiment::Neutral, Sentiment::Negative, sure);
        self.shift_sentiment(Sentiment::Positive, Sentiment::Negative, sure);
    }

    /// Moves `fraction` of the share of sentiment `from` to sentiment `to`; the shares still sum to 1.
    fn shift_sentiment(&mut self, from: Sentiment, to: Sentiment, fraction: f32) {
        let shift = self.sentiment[from as usize] * fraction;
        self.sentiment[from as usize] -= shift;
        self.sentiment[to as usize] += shift;
    }

    /// The models know English; elsewhere they would guess. Pull every score halfway to
    /// "nothing found" so only strong, rule-backed evidence crosses a threshold.
    fn damp_for_unknown_language(&mut self) {
        for p in [&mut self.offensive, &mut self.abusive, &mut self.complaint] {
            *p = sigmoid(logit(*p) * 0.5 - 1.0);
        }
        self.emotions
            .iter_mut()
            .for_each(|p| *p = sigmoid(logit(*p) * 0.5 - 1.0));
        self.sentiment = [0.15, 0.7, 0.15];
    }
}

/// Least score of a feeling the client names outright ("I'm panicking").
const NAMED_FEELING: f32 = 0.8;

const OFFENSIVE_SIGNALS: &[SignalKind] = &[
    SignalKind::Insult,
    SignalKind::Profanity,
    SignalKind::Slur,
    SignalKind::Threat,
    SignalKind::Harassment,
    SignalKind::Prejudice,
];
const COMPLAINT_SIGNALS: &[SignalKind] = &[
    SignalKind::Blame,
    SignalKind::RepeatedContact,
    SignalKind::EscalationThreat,
    SignalKind::Demand,
    SignalKind::Sarcasm,
    SignalKind::Unresolved,
];

fn emotion_signals(e: Emotion) -> &'static [SignalKind] {
    match e {
        Emotion::Anger => &[
            SignalKind::Insult,
            SignalKind::Profanity,
            SignalKind::Shouting,
            SignalKind::ExclamationRun,
            SignalKind::Threat,
        ],
        Emotion::Frustration => &[
            SignalKind::RepeatedContact,
            SignalKind::Absolute,
            SignalKind::Sarcasm,
            SignalKind::Unresolved,
        ],
        Emotion::Anxiety => &[SignalKind::Deadline],
        Emotion::Sadness | Emotion::Confusion | Emotion::Satisfaction => &[],
    }
}

/// Hostility toward the reader in [0, 1]: a noisy-OR over the judgements and the signals,
/// so any one strong sign is enough and several weak ones add up. A judgement counts only by
/// how far it is above its decision point, so a message with nothing in it scores zero.
fn hostility(p: &Probabilities, abusive: f32, offensive: f32, sigs: &[Signal]) -> f32 {
    let above = |p: f32| ((p - 0.5) * 2.0).max(0.0);
    let mut calm = (1.0 - 0.95 * above(abusive))
        * (1.0 - 0.45 * above(offensive))
        * (1.0 - 0.6 * above(p.emotions[0]));
    calm *= (1.0 - 0.35 * above(p.sentiment[0])) * (1.0 - 0.25 * above(p.emotions[1]));
    for s in sigs.iter().filter(|s| !s.quoted) {
        let weight = match s.kind {
            SignalKind::Threat => 0.6,
            SignalKind::Slur | SignalKind::Harassment | SignalKind::Prejudice => 0.5,
            SignalKind::Insult if s.targeted => 0.4,
            SignalKind::EscalationThreat => 0.32,
            SignalKind::Shouting
            | SignalKind::Blame
            | SignalKind::Sarcasm
            | SignalKind::Unresolved
            | SignalKind::ExclamationRun => 0.12,
            SignalKind::Demand | SignalKind::Absolute | SignalKind::Profanity => 0.08,
            _ => 0.0,
        };
        calm *= 1.0 - weight;
    }
    (1.0 - calm).clamp(0.0, 1.0)
}

/// Words that may tip a model's score but mean nothing to an agent shown them as the reason:
/// articles, conjunctions, prepositions, auxiliaries, pronouns, negations, question words and
/// the like (readers of round DF found "not", "I'd", "like" and "know" given as the words behind
/// a cause). "you" is not here: aimed at the reader, it is part of the reason.
#[rustfmt::skip]
const SAYS_NOTHING: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "so", "of", "to", "in", "on", "at", "for", "with",
    "from", "by", "as", "my", "our", "its", "it", "is", "are", "was", "be", "been", "this",
    "that", "these", "those", "there", "then", "i", "me", "we", "just", "if", "what", "which", "who", "when", "where", "how", "every", "all", "any", "some", "out", "up",
    "get", "got", "have", "has", "had", "do", "does", "did", "can", "will", "would", "am", "were",
    "i'm", "i've", "i'll", "it's", "please", "yes", "no", "ok", "okay", "amp", "not", "i'd",
    "like", "know", "they", "them", "their", "he", "she", "him", "her", "us", "than", "too",
    "very", "about", "into", "over", "could", "should", "may", "might", "being", "here", "also",
    "that's", "there's", "what's", "don't", "didn't", "doesn't", "isn't", "wasn't", "haven't",
    "hasn't",
];

/// Whether the word (lower-case) is one of [`SAYS_NOTHING`].
pub(crate) fn says_nothing(word: &str) -> bool {
    SAYS_NOTHING.contains(&word)
}

/// Collects evidence for a judgement: the rule hits of the relevant kinds and the words that
/// pushed the model's score up the most.
struct EvidenceBuilder<'a> {
    tokens: &'a [Token],
    feats: &'a Features,
    head: &'a Head,
    signals: &'a [Signal],
}

impl EvidenceBuilder<'_> {
    fn judgement(
        &self,
        score: f32,
        column: usize,
        kinds: &[SignalKind],
        need_target: bool,
    ) -> Judgement {
        let mut evidence: Vec<Evidence> = self
            .signals
            .iter()
            .filter(|s| kinds.contains(&s.kind) && (!need_target || (s.targeted && !s.quoted)))
            .map(|s| Evidence {
                start: s.start,
                end: s.end,
                why: signal_why(s),
            })
            .collect();
        if score >= 0.3 {
            let contrib = self
                .feats
                .token_contributions(|i| self.head.weight(i, column), self.tokens.len());
            let mut ranked: Vec<usize> = (0..self.tokens.len())
                .filter(|&i| {
                    let t = &self.tokens[i];
                    contrib[i] > 0.05 && t.is_word() && !says_nothing(&t.norm)
                })
                .collect();
            ranked.sort_by(|&a, &b| contrib[b].total_cmp(&contrib[a]));
            for &i in ranked.iter().take(3) {
                let t = &self.tokens[i];
                if !evidence
                    .iter()
                    .any(|e| e.start <= t.start && t.end <= e.end)
                {
                    let why = format!("word the model weighs toward {}", col::NAMES[column]);
                    evidence.push(Evidence {
                        start: t.start,
                        end: t.end,
                        why,
                    });
                }
            }
        }
        evidence.sort_by_key(|e| e.start);
        Judgement { score, evidence }
    }
}

fn signal_why(s: &Signal) -> String {
    let who = match (s.targeted, s.quoted) {
        (_, true) => " (quoted or reported, not aimed at you)",
        (true, false) => " aimed at a person",
        (false, false) => "",
    };
    format!("{}{}", s.kind.as_str().replace('_', " "), who)
}

fn sentiment_evidence(tokens: &[Token], val: &valence::Valence, s: Sentiment) -> Vec<Evidence> {
    let want: fn(f32) -> bool = match s {
        Sentiment::Negative => |v| v < 0.0,
        Sentiment::Positive => |v| v > 0.0,
        Sentiment::Neutral => return Vec::new(),
    };
    let mut words: Vec<&(usize, f32)> = val.words.iter().filter(|(_, v)| want(*v)).collect();
    words.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    let mut ev: Vec<Evidence> = words
        .into_iter()
        .take(4)
        .map(|&(i, v)| Evidence {
            start: tokens[i].start,
            end: tokens[i].end,
            why: format!("{} word ({v:+.1})", s.as_str()),
        })
        .collect();
    ev.sort_by_key(|e| e.start);
    ev
}
