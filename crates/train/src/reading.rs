//! Training the reading heads (level, causes and what the client wants, see
//! `defuse_core::reading`) on the training split of `customer_labels.jsonl` and on the chat
//! conversations written for training (`crates/train/data`): each client line for the level and
//! the want, each conversation's turns joined for its cause, and those turns again, each word
//! marked with who wrote it, for the story head.
//!
//! Each head but the story head reads [`reading::features`] of the message as the rest of the
//! analysis reads it; the story head reads [`reading::story_counts`]. Both are weighed by
//! [`reading::weigh`], with the weights of words learned here from how rare they are among the
//! training texts.
//! The level and the want are one class of several (softmax); each cause is a yes/no of its own,
//! learned from every cause the labels name, since some causes are seldom the main one in short
//! public complaints. The heads are fitted by full-batch gradient descent (Adam) with an L2
//! penalty chosen by five-fold cross-validation on the training split alone.
//! The folds keep each writer's conversations together (see [`Folds`]): lines of one writer
//! share names, products and turns of phrase, and a head that has seen them reads that writer
//! better than it will read the next one.
//! How evenly each head counts its classes is chosen with the penalty, by the same
//! cross-validation (see [`BALANCING`]). The dev split is never read here.
//! Training also reports how the level of a chat line after a client's first reads in its
//! conversation, alone or with the turns before it ([`InStory`]), which is how
//! `coach::course::in_course` was chosen.

use anyhow::{Context, Result, bail};
use defuse_core::coach::course::in_course;
use defuse_core::coach::{Analysed, Conversation, Situation, Timestamp, UtcOffset};
use defuse_core::model::{Head, ModelSet, sigmoid, softmax};
use defuse_core::reading::{
    self, CAUSE_HEAD, DIM, LEVEL_HEAD, LEVELS, MESSAGE_SLOTS, Reading, ReadingFeatures,
    STORY_COLUMNS, STORY_DIM, STORY_HEAD, STORY_SLOTS, STORY_WEIGHTS, WANT_COLUMNS, WANT_HEAD,
    WEIGHTS,
};
use defuse_core::text::tokenize;
use defuse_core::{Analysis, Analyzer, Cause, Earlier, Input, Level, StoryText, Want};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

use crate::coaching::held_cause;
use crate::data::{read_jsonl, text_of};

/// L2 penalties tried by cross-validation. Weighed words and runs of letters chose the least of
/// 1e-4 to 1e-2 for three heads out of four, so the range reaches lower.
const PENALTIES: [f32; 6] = [1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 3e-3];
/// How far each class's weight moves from one (the training split's own prior) towards the
/// inverse of its frequency (every class counted evenly), tried by cross-validation with the
/// penalties: a weight is that inverse raised to this power. The conversations an agent brings
/// are more heated than the training split's tweets, which argues for even classes; real
/// support is still mostly service failures, which argues for the prior. The training data
/// decides.
const BALANCING: [f32; 3] = [0.0, 0.5, 1.0];
/// The weight of a customer message with no cause behind it (news, praise, a joke) in the level
/// head. They are a third of the training split but seldom what a client writes to support, and
/// their calm pulls the words of real complaints towards calm.
const NO_CAUSE_WEIGHT: f32 = 0.33;
const FOLDS: usize = 5;
const STEPS: usize = 300;
const LEARNING_RATE: f32 = 0.05;

/// One training row of a head.
struct Row {
    /// The training text it was made from, by its place.
    at: usize,
    x: ReadingFeatures,
    /// The length of the feature space `x` is in: the head's.
    dim: usize,
    /// The cross-validation fold it belongs to (see [`Folds`]).
    fold: usize,
    /// The class, for a softmax head; for the cause head, the main cause (0 for none, then
    /// one past each cause's column), which cross-validation scores.
    class: usize,
    /// Per column, the target (one-hot for a softmax head, every cause named for the cause
    /// head) and the weight of this row in that column.
    target: Vec<f32>,
    weight: Vec<f32>,
}

/// How a head turns scores into probabilities.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Loss {
    /// One class of several.
    Softmax,
    /// Each column a yes/no of its own.
    EachAlone,
}

/// What training found, for the log.
pub struct Report {
    pub heads: Vec<Chosen>,
    /// What the floors on the level add to the level head's cross-validated reading.
    pub floors: FloorReport,
    /// The chat lines that follow earlier turns, read alone and as their story.
    pub in_story: InStory,
    /// The main cause of each chat conversation, read by coaching and by the heads alone.
    pub story_causes: StoryCauses,
}

/// The main cause of each chat conversation (what drives its last client line, or none),
/// read across the folds (the heads never saw its writer) in several ways, and the share each
/// reads right: by the rules of `coach::story` as coaching reads it; by the cause head on the
/// whole story alone (the turns joined, as [`Analysis::story`] reads them); by the cause head
/// on the last client line alone; and always the commonest cause of the conversations.
/// `confusion` counts, for each label (rows, in the order of `causes`), what the rules read.
pub struct StoryCauses {
    pub conversations: usize,
    pub read: Vec<(&'static str, f64)>,
    /// The causes in the order of the confusion's rows and columns, none last.
    pub causes: Vec<&'static str>,
    pub confusion: Vec<Vec<usize>>,
}

/// The level of each chat line after a client's first, read across the folds (the head never
/// saw the line's writer) in several ways, and the share each reads right: the line alone; its
/// story (the earlier turns and the line joined, as a conversation is analysed); the more
/// heated of the two; the line raised one step towards a more heated story; and the line
/// carried from the one before as `coach::course::in_course` carries it (the line before as
/// read alone). Each is at least its floors, and abuse in a story is angry.
pub struct InStory {
    pub lines: usize,
    pub read: Vec<(&'static str, f64)>,
}

/// The level head's cross-validated reading of the customer messages and of the chat lines,
/// with every floor on the level ([`reading::floors`]), with none, and with each changed. Each
/// figure is of the customer messages, of those with a cause behind them, and of the chat lines.
pub struct FloorReport {
    pub all: [f64; 3],
    pub none: [f64; 3],
    pub each: Vec<FloorCheck>,
}

/// One floor on the level: what it is, the rows it holds on, and the reading with it set one
/// level lower (calm: left out) and left out.
pub struct FloorCheck {
    pub name: String,
    pub level: Level,
    pub holds: usize,
    pub lower: [f64; 3],
    pub without: [f64; 3],
}

/// What cross-validation chose for one head.
pub struct Chosen {
    pub name: &'static str,
    /// Its labelled rows.
    pub rows: usize,
    /// How far classes were weighted towards even (see [`BALANCING`]).
    pub balancing: f32,
    /// The L2 penalty.
    pub l2: f32,
    /// Its cross-validated accuracy with those.
    pub accuracy: f64,
}

/// Trains the heads over `base` (an analyzer without a reading of its own) on the training
/// split in `dir` and on the client lines of the chat conversations in `chat`.
pub fn train(dir: &Path, chat: &Path, base: &Analyzer) -> Result<(ModelSet, Report)> {
    if base.reads() {
        bail!(
            "the reading heads learn from the rules' own level and causes: pass an analyzer without a reading"
        );
    }
    let path = dir.join("customer_labels.jsonl");
    let mut texts = Vec::new();
    let mut labels = Vec::new();
    let mut folds = Folds::default();
    for (i, v) in read_jsonl(&path)?.iter().enumerate() {
        if v["split"] != "train" {
            continue;
        }
        texts.push(text_of(v, &path, i + 1)?.to_string());
        labels.push(Labels::of(v).with_context(|| format!("{}:{}", path.display(), i + 1))?);
        folds.of_message();
    }
    let chat = chat_rows(chat)?;
    let stories: Vec<Story> = chat
        .stories
        .into_iter()
        .map(|s| Story {
            line: texts.len() + s.line,
            before: texts.len() + s.before,
            text: s.text,
        })
        .collect();
    let conversations: Vec<ChatConversation> = chat
        .conversations
        .into_iter()
        .map(|c| ChatConversation {
            row: texts.len() + c.row,
            ..c
        })
        .collect();
    for (text, l, writer) in chat.rows {
        texts.push(text);
        labels.push(l);
        folds.of_writer(writer);
    }
    let customer = folds.messages;
    let folds = folds.each;
    let (analyses, mut features): (Vec<Analysis>, Vec<ReadingFeatures>) =
        texts.par_iter().map(|t| base.read_for_training(t)).unzip();
    let weights = rarity(&features, DIM, WEIGHTS);
    for x in &mut features {
        reading::weigh(x, &weights.weights, &MESSAGE_SLOTS);
    }
    let complaint: Vec<bool> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| i >= customer || l.main_cause.is_some_and(|c| c > 0))
        .collect();
    let levels = |b| {
        let classes = labels.iter().map(|l| l.level);
        let mut rows = softmax_rows(&features, &folds, classes, (LEVELS.len(), DIM), b);
        for r in rows.iter_mut().filter(|r| !complaint[r.at]) {
            r.weight.iter_mut().for_each(|w| *w *= NO_CAUSE_WEIGHT);
        }
        rows
    };
    let causes = |b| cause_rows(&features, &folds, &labels, b);
    let wants = |b| {
        let classes = labels.iter().map(|l| l.want);
        softmax_rows(&features, &folds, classes, (WANT_COLUMNS, DIM), b)
    };
    let level = choose(LEVEL_HEAD, levels, Loss::Softmax);
    let cause = choose(CAUSE_HEAD, causes, Loss::EachAlone);
    let want = choose(WANT_HEAD, wants, Loss::Softmax);
    let (story, story_weights) = story_head(&conversations, &folds);
    let read = read_by(&level.rows, &level.folds, Loss::Softmax);
    let floors = floor_report(&level.rows, &read, &analyses, (customer, &complaint));
    let fitted = InFolds {
        rows: &level.rows,
        folds: &folds,
        heads: &level.folds,
    };
    let in_story = in_story(&fitted, &read, &analyses, &stories, (base, &weights));
    let fold_sets = fold_sets(
        [
            (LEVEL_HEAD, level.folds.as_slice()),
            (CAUSE_HEAD, cause.folds.as_slice()),
            (WANT_HEAD, want.folds.as_slice()),
            (STORY_HEAD, story.folds.as_slice()),
        ],
        &[(WEIGHTS, &weights), (STORY_WEIGHTS, &story_weights)],
    );
    let story_causes = story_causes(&conversations, &folds, &fold_sets, base)?;
    let mut set = ModelSet::default();
    let mut report = Report {
        heads: Vec::new(),
        floors,
        in_story,
        story_causes,
    };
    for Fitted { chosen, head, .. } in [level, cause, want, story] {
        set.heads.push((chosen.name.to_string(), head));
        report.heads.push(chosen);
    }
    set.heads.push((WEIGHTS.to_string(), weights));
    set.heads.push((STORY_WEIGHTS.to_string(), story_weights));
    set.version = crate::version_tag("reading", &set.to_bytes());
    Ok((set, report))
}

/// The story head, fitted to each chat conversation's story with its main cause (or none),
/// in the fold of its writer, and the weights of its words.
fn story_head(conversations: &[ChatConversation], folds: &[usize]) -> (Fitted, Head) {
    let mut features: Vec<ReadingFeatures> = conversations
        .par_iter()
        .map(|c| reading::story_counts(&tokenize(&c.story.text), &c.story))
        .collect();
    let weights = rarity(&features, STORY_DIM, STORY_WEIGHTS);
    for x in &mut features {
        reading::weigh(x, &weights.weights, &[STORY_SLOTS]);
    }
    let folds: Vec<usize> = conversations.iter().map(|c| folds[c.row]).collect();
    let rows = |b| {
        let classes = conversations
            .iter()
            .map(|c| Some(c.cause.map_or(0, |c| 1 + c as usize)));
        softmax_rows(&features, &folds, classes, (STORY_COLUMNS, STORY_DIM), b)
    };
    (choose(STORY_HEAD, rows, Loss::Softmax), weights)
}

/// The weight of each hashed slot of `dim` among the counted features `texts`: the rarer its
/// words among them, the more, `ln((1 + n) / (1 + texts with it)) + 1`, as the reading reads it
/// back from its file (in 8 bits), as the head `name`. Every text, the held-out folds' too,
/// counts toward it.
fn rarity(texts: &[ReadingFeatures], dim: usize, name: &str) -> Head {
    let mut with = vec![0usize; dim];
    for x in texts {
        for &i in &x.index {
            with[i as usize] += 1;
        }
    }
    let n = texts.len() as f32;
    let mut head = Head::new(dim, 1);
    for (w, k) in head.weights.iter_mut().zip(with).skip(reading::DENSE) {
        *w = ((1.0 + n) / (1.0 + k as f32)).ln() + 1.0;
    }
    let set = ModelSet {
        version: String::new(),
        heads: vec![(name.to_string(), head)],
    };
    let stored = ModelSet::from_bytes(&set.to_bytes()).expect("a model set reads back");
    stored.heads.into_iter().next().expect("one head").1
}

/// What each floor on the level adds to `read`, the level head's out-of-fold classes of the
/// level `rows`, over the analyses of the training texts (the first `customer` of them are
/// customer messages, the rest chat lines and stories; `complaint` tells which have a cause
/// behind them).
fn floor_report(
    rows: &[Row],
    read: &[usize],
    analyses: &[Analysis],
    (customer, complaint): (usize, &[bool]),
) -> FloorReport {
    let accuracy = |floor: &dyn Fn(&Analysis) -> Level| -> [f64; 3] {
        let mut right = [0usize; 3];
        let mut count = [0usize; 3];
        for (r, &c) in rows.iter().zip(read) {
            let level = LEVELS[c].max(floor(&analyses[r.at]));
            let groups = if r.at >= customer {
                &[2][..]
            } else if complaint[r.at] {
                &[0, 1][..]
            } else {
                &[0][..]
            };
            for &g in groups {
                count[g] += 1;
                right[g] += usize::from(LEVELS[r.class] == level);
            }
        }
        [0, 1, 2].map(|s| right[s] as f64 / count[s].max(1) as f64)
    };
    let changed = |k: usize, to: Level| accuracy(&|a| reading::floor_changed(a, Some((k, to))));
    let each = reading::floors()
        .into_iter()
        .enumerate()
        .map(|(k, (name, level))| {
            let below = LEVELS.iter().rev().find(|l| **l < level);
            FloorCheck {
                holds: rows
                    .iter()
                    .filter(|r| reading::floor_holds(&analyses[r.at], k))
                    .count(),
                lower: changed(k, below.copied().unwrap_or(Level::Calm)),
                without: changed(k, Level::Calm),
                name,
                level,
            }
        })
        .collect();
    FloorReport {
        all: accuracy(&|a| reading::floor_changed(a, None)),
        none: accuracy(&|_| Level::Calm),
        each,
    }
}

/// The level rows, the fold of every training text, and the level head of each fold (see
/// [`fold_heads`]).
struct InFolds<'a> {
    rows: &'a [Row],
    folds: &'a [usize],
    heads: &'a [Head],
}

/// How the chat lines after a client's first read in each way of [`InStory`]: `read` is the
/// level head's out-of-fold class of each of the level rows, over the `analyses` of the
/// training texts; each story is read over `base` and weighed by `weights` (see
/// [`reading::weigh`]), then by the head of its line's fold (the heads never learn from
/// stories).
fn in_story(
    fitted: &InFolds<'_>,
    read: &[usize],
    analyses: &[Analysis],
    stories: &[Story],
    (base, weights): (&Analyzer, &Head),
) -> InStory {
    let rows = fitted.rows;
    let story_reads: Vec<(Analysis, ReadingFeatures)> = stories
        .par_iter()
        .map(|s| {
            let (a, mut x) = base.read_for_training(&s.text);
            reading::weigh(&mut x, &weights.weights, &MESSAGE_SLOTS);
            (a, x)
        })
        .collect();
    let row_of: HashMap<usize, usize> = rows.iter().enumerate().map(|(k, r)| (r.at, k)).collect();
    let line = |at: usize| {
        let k = *row_of.get(&at)?;
        let floor = reading::floor_changed(&analyses[at], None);
        Some((k, LEVELS[read[k]].max(floor)))
    };
    const WAYS: [&str; 5] = [
        "alone",
        "in their story",
        "the more heated",
        "one step towards the story",
        "carried from the line before",
    ];
    let mut right = [0usize; WAYS.len()];
    let mut lines = 0;
    for (s, (a, x)) in stories.iter().zip(&story_reads) {
        let (Some((k, own)), Some((_, before))) = (line(s.line), line(s.before)) else {
            continue;
        };
        // As the analysis would read a story: abuse in it counts as angry.
        let joined = match a.abusive.holds() {
            true => Level::Angry,
            false => LEVELS[predict(&fitted.heads[fitted.folds[s.line]], Loss::Softmax, x)]
                .max(reading::floor_changed(a, None)),
        };
        let step = LEVELS.iter().find(|l| **l > own).copied().unwrap_or(own);
        let carried = in_course(
            Some(before),
            &Analysis {
                level: own,
                ..analyses[s.line].clone()
            },
        );
        let ways = [
            own,
            joined,
            own.max(joined),
            own.max(step.min(joined)),
            carried,
        ];
        let label = LEVELS[rows[k].class];
        for (r, l) in right.iter_mut().zip(ways) {
            *r += usize::from(l == label);
        }
        lines += 1;
    }
    InStory {
        lines,
        read: WAYS
            .iter()
            .zip(right)
            .map(|(w, r)| (*w, r as f64 / lines.max(1) as f64))
            .collect(),
    }
}

/// For each fold, the reading heads fitted to the other folds, from each head's fold heads.
fn fold_sets<const N: usize>(
    heads: [(&str, &[Head]); N],
    shared: &[(&str, &Head)],
) -> Vec<ModelSet> {
    (0..FOLDS)
        .map(|k| {
            let mut set = ModelSet::default();
            for (name, each) in &heads {
                set.heads.push((name.to_string(), each[k].clone()));
            }
            for (name, head) in shared {
                set.heads.push((name.to_string(), (*head).clone()));
            }
            set.version = crate::version_tag("reading-fold", &set.to_bytes());
            set
        })
        .collect()
}

/// How the chat conversations' main causes read in each way of [`StoryCauses`]: each
/// conversation is analysed and coached over `base` with the heads of its fold (`sets`, one a
/// fold; `folds` gives each training text's fold).
fn story_causes(
    conversations: &[ChatConversation],
    folds: &[usize],
    sets: &[ModelSet],
    base: &Analyzer,
) -> Result<StoryCauses> {
    let analyzers = sets
        .iter()
        .map(|set| Ok(base.fast_tier().with_reading(Reading::from_models(set)?)))
        .collect::<Result<Vec<Analyzer>>>()?;
    let read = conversations
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let conversation =
                Conversation::parse_transcript(&c.transcript, Timestamp(0), UtcOffset::UTC)
                    .map_err(|e| {
                        anyhow::anyhow!(
                            "chat conversation {}, line {}: {}",
                            i + 1,
                            e.line,
                            e.message
                        )
                    })?;
            let analysed = Analysed::new(&conversation, &analyzers[folds[c.row]]);
            let rules = Situation::gather(&analysed).cause.map(|s| s.cause);
            let last = analysed.last_client().map(|(_, _, a)| a);
            let whole = last.and_then(|a| held_cause(a.story.as_deref().unwrap_or(&a.causes)));
            let alone = last.and_then(|a| held_cause(&a.causes));
            Ok([rules, whole, alone])
        })
        .collect::<Result<Vec<[Option<Cause>; 3]>>>()?;
    let causes: Vec<&'static str> = Cause::ALL
        .iter()
        .map(|c| c.as_str())
        .chain(["none"])
        .collect();
    let place = |c: Option<Cause>| c.map_or(Cause::ALL.len(), |c| c as usize);
    let mut counts = vec![0usize; causes.len()];
    for c in conversations {
        counts[place(c.cause)] += 1;
    }
    let common = (0..counts.len()).max_by_key(|&k| counts[k]).unwrap_or(0);
    let mut confusion = vec![vec![0usize; causes.len()]; causes.len()];
    let mut right = [0usize; 4];
    for (c, ways) in conversations.iter().zip(&read) {
        let label = place(c.cause);
        confusion[label][place(ways[0])] += 1;
        for (r, way) in right.iter_mut().zip(ways) {
            *r += usize::from(place(*way) == label);
        }
        right[3] += usize::from(label == common);
    }
    let n = conversations.len().max(1) as f64;
    let names = [
        "coaching's story rules",
        "the cause head on the whole story",
        "the cause head on the last client line",
        "always the commonest cause",
    ];
    Ok(StoryCauses {
        conversations: conversations.len(),
        read: names
            .into_iter()
            .zip(right)
            .map(|(w, r)| (w, r as f64 / n))
            .collect(),
        causes,
        confusion,
    })
}

/// A chat line after a client's first: the places of its text and of the client line before
/// it, and its story.
struct Story {
    line: usize,
    before: usize,
    text: String,
}

/// A head chosen by cross-validation: its settings, the rows it learned from, the head of
/// each fold (fitted to the other folds' rows, for reports that read held-out rows) and the
/// head fitted to all the rows.
struct Fitted {
    chosen: Chosen,
    rows: Vec<Row>,
    folds: Vec<Head>,
    head: Head,
}

/// The head `name` fitted to the rows `rows_at` gives for each balancing, with the balancing
/// and penalty of the best five-fold accuracy (ties go to the lesser balancing).
fn choose(name: &'static str, rows_at: impl Fn(f32) -> Vec<Row>, loss: Loss) -> Fitted {
    let mut best: Option<(Chosen, Vec<Row>, Vec<Head>)> = None;
    for balancing in BALANCING {
        let rows = rows_at(balancing);
        let (l2, accuracy, folds) = choose_penalty(&rows, loss);
        if best.as_ref().is_none_or(|(b, ..)| accuracy > b.accuracy) {
            let chosen = Chosen {
                name,
                rows: rows.len(),
                balancing,
                l2,
                accuracy,
            };
            best = Some((chosen, rows, folds));
        }
    }
    let (chosen, rows, folds) = best.expect("BALANCING is not empty");
    let head = fit(&rows.iter().collect::<Vec<_>>(), loss, chosen.l2);
    Fitted {
        chosen,
        rows,
        folds,
        head,
    }
}

/// The cross-validation fold of each training text, in order. Customer messages are
/// independent of each other and take the folds in turn; a writer's chat lines and stories all
/// go in one fold (the writers take the folds in the order they first appear), so the
/// cross-validated accuracy is that of a head reading a writer it has not learned from.
#[derive(Default)]
struct Folds {
    each: Vec<usize>,
    messages: usize,
    writers: Vec<char>,
}

impl Folds {
    fn of_message(&mut self) {
        self.each.push(self.messages % FOLDS);
        self.messages += 1;
    }

    fn of_writer(&mut self, writer: char) {
        let k = match self.writers.iter().position(|&w| w == writer) {
            Some(k) => k,
            None => {
                self.writers.push(writer);
                self.writers.len() - 1
            }
        };
        self.each.push(k % FOLDS);
    }
}

/// The labels of one row, each `None` where the two labellings disagreed.
struct Labels {
    /// Calm, tense, angry; abuse counts as angry here, as the abusive judgement decides it.
    level: Option<usize>,
    /// 0 for none, else one past the cause's place in `Cause::ALL`.
    main_cause: Option<usize>,
    /// Every cause named.
    causes: Option<Vec<Cause>>,
    /// 0 for nothing specific, else one past the want's place in `Want::ALL`.
    want: Option<usize>,
}

impl Labels {
    fn of(v: &Value) -> Result<Labels> {
        let level = match v["level"].as_str() {
            None => None,
            Some("abusive") => Some(2),
            Some(name) => Some(
                LEVELS
                    .iter()
                    .position(|l| l.as_str() == name)
                    .with_context(|| format!("unknown level {name}"))?,
            ),
        };
        let cause =
            |name: &str| Cause::parse(name).with_context(|| format!("unknown cause {name}"));
        let main_cause = match v["main_cause"].as_str() {
            None => None,
            Some("none") => Some(0),
            Some(name) => Some(1 + cause(name)? as usize),
        };
        let causes = match v["causes"].as_array() {
            None => None,
            Some(list) => Some(
                list.iter()
                    .map(|c| cause(c.as_str().unwrap_or("")))
                    .collect::<Result<_>>()?,
            ),
        };
        let want = match v["wants"].as_str() {
            None => None,
            Some("nothing_specific") => Some(0),
            Some(name) => Some(
                1 + Want::parse(name).with_context(|| format!("unknown want {name}"))? as usize,
            ),
        };
        Ok(Labels {
            level,
            main_cause,
            causes,
            want,
        })
    }
}

/// The client lines of the conversations in `path` (one JSON object a line with `transcript`,
/// `client_message_levels`, `main_cause` and `wants`, labelled from the same guide as the
/// customer messages) with their level, and the want for the last one; then each
/// conversation's story (its turns up to the last client line, the agent's too, as the analysis
/// joins them, see [`Input::story_text`]) with the conversation's main cause. A line carries no cause of its
/// own: the cause is the whole story's, and a later line may only say "still nothing".
/// Each row comes with its writer, the first letter of the conversation's `id`.
fn chat_rows(path: &Path) -> Result<ChatRows> {
    let mut out = Vec::new();
    let mut stories = Vec::new();
    let mut conversations = Vec::new();
    for (i, v) in read_jsonl(path)?.iter().enumerate() {
        let at = || format!("{}:{}", path.display(), i + 1);
        let writer = v["id"]
            .as_str()
            .and_then(|id| id.chars().next())
            .with_context(|| format!("{}: field `id` missing or empty", at()))?;
        let transcript = v["transcript"]
            .as_str()
            .with_context(|| format!("{}: field `transcript` missing", at()))?;
        // Every turn with whether the client wrote it; the story reads the agent's turns too.
        let turns: Vec<Earlier<'_>> = transcript
            .lines()
            .filter_map(|l| {
                let client = l.strip_prefix("Client:").map(|t| (true, t));
                client.or_else(|| l.strip_prefix("Agent:").map(|t| (false, t)))
            })
            .map(|(client, t)| Earlier {
                text: t.trim(),
                client,
            })
            .collect();
        let lines: Vec<&str> = turns.iter().filter(|t| t.client).map(|t| t.text).collect();
        let levels = v["client_message_levels"]
            .as_array()
            .with_context(|| format!("{}: field `client_message_levels` missing", at()))?;
        if levels.len() != lines.len() {
            bail!(
                "{}: {} client lines but {} levels",
                at(),
                lines.len(),
                levels.len()
            );
        }
        let mut at_turn = turns
            .iter()
            .enumerate()
            .filter(|(_, t)| t.client)
            .map(|(i, _)| i);
        let mut before = None;
        for (k, (line, level)) in lines.iter().zip(levels).enumerate() {
            let last = k + 1 == lines.len();
            let turn = at_turn.next().unwrap_or(0);
            let row = serde_json::json!({
                "level": level,
                "wants": if last { v["wants"].clone() } else { Value::Null },
            });
            let at_line = out.len();
            out.push((line.to_string(), Labels::of(&row).with_context(at)?, writer));
            // After the first line, the story up to it, to compare the readings with.
            if let Some(before) = before {
                let text = Input::new(line)
                    .with_earlier(&turns[..turn])
                    .story_text()
                    .text;
                stories.push(Story {
                    line: at_line,
                    before,
                    text,
                });
            }
            before = Some(at_line);
        }
        let Some(latest_at) = turns.iter().rposition(|t| t.client) else {
            continue;
        };
        let story = Input::new(turns[latest_at].text)
            .with_earlier(&turns[..latest_at])
            .story_text();
        // `null`: no grievance drives the client (harassment, a plain question).
        let row = match v.get("main_cause") {
            Some(Value::Null) => serde_json::json!({ "main_cause": "none", "causes": [] }),
            Some(Value::String(cause)) => {
                serde_json::json!({ "main_cause": cause, "causes": [cause] })
            }
            _ => bail!("{}: field `main_cause` missing or not a string", at()),
        };
        let labels = Labels::of(&row).with_context(at)?;
        conversations.push(ChatConversation {
            transcript: transcript.to_string(),
            cause: labels
                .main_cause
                .and_then(|c| c.checked_sub(1))
                .map(|c| Cause::ALL[c]),
            row: out.len(),
            story: story.clone(),
        });
        out.push((story.text, labels, writer));
    }
    Ok(ChatRows {
        rows: out,
        stories,
        conversations,
    })
}

/// The rows of the chat conversations, and the story of each client line after the first (its
/// places among the rows), to compare with the line alone.
struct ChatRows {
    rows: Vec<(String, Labels, char)>,
    stories: Vec<Story>,
    conversations: Vec<ChatConversation>,
}

/// A chat conversation as coaching reads it: its transcript, its main cause (`None`: no
/// grievance drives it), the place among the rows of its story, whose fold it shares, and the
/// story as the analysis joins it.
struct ChatConversation {
    transcript: String,
    cause: Option<Cause>,
    row: usize,
    story: StoryText,
}

/// Rows of a softmax head of `classes` columns over `dim` features, each weighted by the
/// inverse of its class's frequency (scaled so the weights average one).
fn softmax_rows(
    features: &[ReadingFeatures],
    folds: &[usize],
    labels: impl Iterator<Item = Option<usize>>,
    (classes, dim): (usize, usize),
    balancing: f32,
) -> Vec<Row> {
    let labelled: Vec<(usize, usize)> = labels
        .enumerate()
        .filter_map(|(i, l)| Some((i, l?)))
        .collect();
    let weight = balance(labelled.iter().map(|(_, c)| *c), classes, balancing);
    labelled
        .into_iter()
        .map(|(i, class)| {
            let mut target = vec![0.0; classes];
            target[class] = 1.0;
            Row {
                at: i,
                x: features[i].clone(),
                dim,
                fold: folds[i],
                class,
                target,
                weight: vec![weight[class]; classes],
            }
        })
        .collect()
}

/// Rows of the cause head: per cause, yes where the labels name it, with yes and no weighted
/// evenly in each column.
fn cause_rows(
    features: &[ReadingFeatures],
    folds: &[usize],
    labels: &[Labels],
    balancing: f32,
) -> Vec<Row> {
    let labelled: Vec<(usize, usize, &Vec<Cause>)> = labels
        .iter()
        .enumerate()
        .filter_map(|(i, l)| Some((i, l.main_cause?, l.causes.as_ref()?)))
        .collect();
    let per_column: Vec<[f32; 2]> = Cause::ALL
        .iter()
        .map(|c| {
            let w = balance(
                labelled
                    .iter()
                    .map(|(_, _, named)| usize::from(named.contains(c))),
                2,
                balancing,
            );
            [w[0], w[1]]
        })
        .collect();
    labelled
        .into_iter()
        .map(|(i, main, named)| {
            let yes: Vec<usize> = Cause::ALL
                .iter()
                .map(|c| usize::from(named.contains(c)))
                .collect();
            Row {
                at: i,
                x: features[i].clone(),
                dim: DIM,
                fold: folds[i],
                class: main,
                target: yes.iter().map(|&y| y as f32).collect(),
                weight: yes.iter().zip(&per_column).map(|(&y, w)| w[y]).collect(),
            }
        })
        .collect()
}

/// Per class, the inverse of its frequency among `classes_of` raised to `balancing` (0: every
/// row weighs one; 1: every class weighs the same in all), scaled so the rows' weights average
/// one.
fn balance(classes_of: impl Iterator<Item = usize>, classes: usize, balancing: f32) -> Vec<f32> {
    let mut counts = vec![0usize; classes];
    for c in classes_of {
        counts[c] += 1;
    }
    let raw: Vec<f32> = counts
        .iter()
        .map(|&k| {
            if k == 0 {
                0.0
            } else {
                (1.0 / k as f32).powf(balancing)
            }
        })
        .collect();
    let n: usize = counts.iter().sum();
    let total: f32 = counts.iter().zip(&raw).map(|(&k, &w)| k as f32 * w).sum();
    raw.iter()
        .map(|w| w * n as f32 / total.max(f32::MIN_POSITIVE))
        .collect()
}

/// The penalty with the best five-fold accuracy, that accuracy and the fold heads that read it
/// (ties go to the larger penalty).
fn choose_penalty(rows: &[Row], loss: Loss) -> (f32, f64, Vec<Head>) {
    PENALTIES
        .par_iter()
        .map(|&l2| {
            let heads = fold_heads(rows, loss, l2);
            (l2, cross_validated(rows, &heads, loss), heads)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .reduce(|best, next| if next.1 >= best.1 { next } else { best })
        .expect("PENALTIES is not empty")
}

/// The share of `rows` whose class the head of their fold reads right.
fn cross_validated(rows: &[Row], heads: &[Head], loss: Loss) -> f64 {
    let read = read_by(rows, heads, loss);
    let right = rows.iter().zip(&read).filter(|(r, c)| r.class == **c);
    right.count() as f64 / rows.len().max(1) as f64
}

/// A head for each fold, fitted to the rows of the other folds.
fn fold_heads(rows: &[Row], loss: Loss, l2: f32) -> Vec<Head> {
    (0..FOLDS)
        .map(|fold| {
            let kept: Vec<&Row> = rows.iter().filter(|r| r.fold != fold).collect();
            fit(&kept, loss, l2)
        })
        .collect()
}

/// Each row's class as read by the head of its fold (see [`fold_heads`]).
fn read_by(rows: &[Row], heads: &[Head], loss: Loss) -> Vec<usize> {
    rows.iter()
        .map(|r| predict(&heads[r.fold], loss, &r.x))
        .collect()
}

/// The class a softmax head picks; for a head of yes/no columns, one past the likeliest
/// column that says yes, or 0 when none does.
fn predict(head: &Head, loss: Loss, x: &ReadingFeatures) -> usize {
    let z = head.logits_sparse(&x.index, &x.value);
    let best = (0..z.len())
        .max_by(|&a, &b| z[a].total_cmp(&z[b]))
        .unwrap_or(0);
    match loss {
        Loss::Softmax => best,
        Loss::EachAlone if z[best] >= 0.0 => best + 1,
        Loss::EachAlone => 0,
    }
}

/// Weighted regression by full-batch Adam; the bias is not penalised.
fn fit(rows: &[&Row], loss: Loss, l2: f32) -> Head {
    let classes = rows.first().map_or(1, |r| r.target.len());
    let dim = rows.first().map_or(DIM, |r| r.dim);
    let mut head = Head::new(dim, classes);
    let n = rows.len().max(1) as f32;
    let mut adam_w = Adam::new(head.weights.len());
    let mut adam_b = Adam::new(classes);
    for step in 1..=STEPS {
        let mut grad_w: Vec<f32> = head.weights.iter().map(|w| l2 * w).collect();
        let mut grad_b = vec![0f32; classes];
        for r in rows {
            let z = head.logits_sparse(&r.x.index, &r.x.value);
            let q = match loss {
                Loss::Softmax => softmax(&z),
                Loss::EachAlone => z.iter().map(|&z| sigmoid(z)).collect(),
            };
            for c in 0..classes {
                let g = (q[c] - r.target[c]) * r.weight[c] / n;
                grad_b[c] += g;
                for (&i, &v) in r.x.index.iter().zip(&r.x.value) {
                    grad_w[i as usize * classes + c] += g * v;
                }
            }
        }
        adam_w.step(&mut head.weights, &grad_w, step);
        adam_b.step(&mut head.bias, &grad_b, step);
    }
    head
}

/// Adam's moment estimates for one parameter vector.
struct Adam {
    m: Vec<f32>,
    v: Vec<f32>,
}

impl Adam {
    fn new(len: usize) -> Adam {
        Adam {
            m: vec![0.0; len],
            v: vec![0.0; len],
        }
    }

    fn step(&mut self, params: &mut [f32], grad: &[f32], t: usize) {
        const B1: f32 = 0.9;
        const B2: f32 = 0.999;
        let (c1, c2) = (1.0 - B1.powi(t as i32), 1.0 - B2.powi(t as i32));
        for (((p, g), m), v) in params
            .iter_mut()
            .zip(grad)
            .zip(&mut self.m)
            .zip(&mut self.v)
        {
            *m = B1 * *m + (1.0 - B1) * g;
            *v = B2 * *v + (1.0 - B2) * g * g;
            *p -= LEARNING_RATE * (*m / c1) / ((*v / c2).sqrt() + 1e-8);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A row of a two-class head whose only feature is `index`, in fold `fold`.
    fn row(index: u32, class: usize, fold: usize) -> Row {
        let mut target = vec![0.0; 2];
        target[class] = 1.0;
        Row {
            at: 0,
            x: ReadingFeatures {
                index: vec![index],
                value: vec![1.0],
                ..Default::default()
            },
            dim: DIM,
            fold,
            class,
            target,
            weight: vec![1.0; 2],
        }
    }

    #[test]
    fn fitting_separates_what_one_feature_tells_apart() {
        let rows: Vec<Row> = (0..40)
            .map(|i| row(i % 2, (i % 2) as usize, i as usize % FOLDS))
            .collect();
        let head = fit(&rows.iter().collect::<Vec<_>>(), Loss::Softmax, 1e-3);
        assert_eq!(predict(&head, Loss::Softmax, &rows[0].x), 0);
        assert_eq!(predict(&head, Loss::Softmax, &rows[1].x), 1);
        assert!(
            cross_validated(
                &rows,
                &fold_heads(&rows, Loss::Softmax, 1e-3),
                Loss::Softmax
            ) > 0.99
        );
    }

    #[test]
    fn a_yes_no_column_says_yes_only_where_its_feature_is() {
        // Column 1 is yes exactly where feature 1 is present; column 0 is never yes.
        let rows: Vec<Row> = (0..40)
            .map(|i| {
                let mut r = row(i % 2, (i % 2) as usize, i as usize % FOLDS);
                r.target = vec![0.0, (i % 2) as f32];
                r.class = if i % 2 == 1 { 2 } else { 0 };
                r
            })
            .collect();
        let head = fit(&rows.iter().collect::<Vec<_>>(), Loss::EachAlone, 1e-3);
        assert_eq!(predict(&head, Loss::EachAlone, &rows[1].x), 2);
        assert_eq!(predict(&head, Loss::EachAlone, &rows[0].x), 0);
    }

    #[test]
    fn the_floor_report_counts_what_each_floor_adds() {
        // The shouted complaint and the chat line are labelled angry, the news calm, and the
        // head reads all three calm; the first two are customer messages.
        let base = Analyzer::unread();
        let texts = [
            "WHERE IS MY ORDER",
            "New phones out today",
            "Where is my order?",
        ];
        let analyses: Vec<Analysis> = texts.iter().map(|t| base.analyze(&Input::new(t))).collect();
        let rows: Vec<Row> = [2, 0, 2]
            .into_iter()
            .enumerate()
            .map(|(at, class)| Row {
                at,
                class,
                ..row(0, 0, 0)
            })
            .collect();
        let r = floor_report(&rows, &[0, 0, 0], &analyses, (2, &[true, false, true]));
        assert_eq!(r.all, [1.0, 1.0, 0.0]);
        assert_eq!(r.none, [0.5, 0.0, 0.0]);
        let shouting = r.each.iter().find(|c| c.name == "shouting");
        let shouting = shouting.expect("a floor for shouting");
        assert_eq!((shouting.holds, shouting.without), (1, [0.5, 0.0, 0.0]));
        let others = r.each.iter().filter(|c| c.name != "shouting");
        assert!(others.into_iter().all(|c| c.without == [1.0, 1.0, 0.0]));
    }

    #[test]
    fn a_writer_is_held_out_whole() {
        let mut folds = Folds::default();
        for writer in ['t', 't', 'b', 'c', 't', 'b'] {
            folds.of_writer(writer);
        }
        assert_eq!(folds.each, [0, 0, 1, 2, 0, 1]);
        let mut messages = Folds::default();
        (0..7).for_each(|_| messages.of_message());
        assert_eq!(messages.each, [0, 1, 2, 3, 4, 0, 1]);
    }

    #[test]
    fn a_habit_of_one_writer_does_not_count_as_skill() {
        // Each writer has a word of their own (feature 10 + writer) that marks their class,
        // and the writers disagree: held out whole, no writer's habit tells the next one's class.
        let rows: Vec<Row> = (0..60)
            .map(|i| {
                let writer = i as usize / 12;
                row(10 + writer as u32, writer % 2, writer)
            })
            .collect();
        let head = fit(&rows.iter().collect::<Vec<_>>(), Loss::Softmax, 1e-3);
        assert!(
            rows.iter()
                .all(|r| predict(&head, Loss::Softmax, &r.x) == r.class)
        );
        assert!(
            cross_validated(
                &rows,
                &fold_heads(&rows, Loss::Softmax, 1e-3),
                Loss::Softmax
            ) < 0.7
        );
    }

    #[test]
    fn rare_classes_weigh_more_and_weights_average_one() {
        let weights = |balancing| balance([0, 0, 0, 1].into_iter(), 3, balancing);
        let (even, half, prior) = (weights(1.0), weights(0.5), weights(0.0));
        assert!(
            (3.0 * even[0] - even[1]).abs() < 1e-5,
            "even: each class weighs the same"
        );
        assert!(half[1] > half[0] && half[1] < even[1]);
        assert_eq!(
            prior[0], prior[1],
            "no balancing: every row weighs the same"
        );
        for w in [even, half, prior] {
            assert_eq!(w[2], 0.0, "a class never seen weighs nothing");
            let mean = (3.0 * w[0] + w[1]) / 4.0;
            assert!((mean - 1.0).abs() < 1e-5);
        }
    }
}
