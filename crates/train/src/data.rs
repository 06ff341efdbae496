//! Reads the labeled data sets and turns each row into an [`Example`] with a label (or "unknown")
//! for every model column.
//!
//! The recipe (which set teaches which column, and how much it counts) lives in [`RECIPE`]. Rows
//! are split by their position in the file, so a split is the same on every run and in every
//! tool: complaints rows whose index is a multiple of 5 are held out for evaluation, and one row
//! in ten of the rest calibrates the scores.

use anyhow::{Context, Result, bail};
use defuse_core::model::columns as col;
use serde_json::Value;
use std::path::Path;

/// Label value meaning "this set says nothing about this column".
pub const UNKNOWN: f32 = f32::NAN;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Train,
    Calibrate,
    /// Held out for evaluation; never trained on.
    Dev,
}

#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    pub labels: [f32; col::COUNT],
    pub weight: f32,
    pub split: Split,
    /// Which data set the row came from, for per-set reports.
    pub set: &'static str,
}

/// One data set's part in training.
struct Ingredient {
    file: &'static str,
    weight: f32,
    /// At most this many rows (taken evenly through the file), to keep big sets from drowning small ones.
    cap: usize,
    label: fn(&Value) -> Option<[f32; col::COUNT]>,
}

const RECIPE: &[Ingredient] = &[
    Ingredient {
        file: "convabuse_train.jsonl",
        weight: 2.0,
        cap: usize::MAX,
        label: convabuse,
    },
    Ingredient {
        file: "tweeteval_offensive_train.jsonl",
        weight: 1.0,
        cap: usize::MAX,
        label: tweeteval_offensive,
    },
    Ingredient {
        file: "davidson_train.jsonl",
        weight: 0.5,
        cap: 8000,
        label: davidson,
    },
    Ingredient {
        file: "complaints_train.jsonl",
        weight: 3.0,
        cap: usize::MAX,
        label: complaints,
    },
    Ingredient {
        file: "brands_sentiment_train.jsonl",
        weight: 0.7,
        cap: usize::MAX,
        label: brands,
    },
    Ingredient {
        file: "reviews_train.jsonl",
        weight: 1.0,
        cap: usize::MAX,
        label: reviews,
    },
    Ingredient {
        file: "satisfaction_train.jsonl",
        weight: 0.4,
        cap: 8000,
        label: satisfaction,
    },
    Ingredient {
        file: "goemotions_train.jsonl",
        weight: 1.0,
        cap: usize::MAX,
        label: goemotions,
    },
    Ingredient {
        file: "tweeteval_emotion_train.jsonl",
        weight: 1.0,
        cap: usize::MAX,
        label: tweeteval_emotion,
    },
];

fn blank() -> [f32; col::COUNT] {
    [UNKNOWN; col::COUNT]
}

fn flag(b: bool) -> f32 {
    if b { 1.0 } else { 0.0 }
}

fn set_sentiment(l: &mut [f32; col::COUNT], class: usize) {
    for k in 0..3 {
        l[col::SENTIMENT + k] = flag(k == class);
    }
}

fn sentiment_class(s: &str) -> Option<usize> {
    match s {
        "negative" => Some(0),
        "neutral" => Some(1),
        "positive" => Some(2),
        _ => None,
    }
}

fn convabuse(v: &Value) -> Option<[f32; col::COUNT]> {
    let abusive = v["abusive"].as_bool()?;
    let mut l = blank();
    l[col::ABUSIVE] = flag(abusive);
    if abusive {
        l[col::OFFENSIVE] = 1.0;
    }
    Some(l)
}

fn tweeteval_offensive(v: &Value) -> Option<[f32; col::COUNT]> {
    let offensive = v["offensive"].as_bool()?;
    let mut l = blank();
    l[col::OFFENSIVE] = flag(offensive);
    if !offensive {
        l[col::ABUSIVE] = 0.0;
    }
    Some(l)
}

fn davidson(v: &Value) -> Option<[f32; col::COUNT]> {
    let label = v["label"].as_str()?;
    let mut l = blank();
    l[col::OFFENSIVE] = flag(label != "neither");
    Some(l)
}

fn complaints(v: &Value) -> Option<[f32; col::COUNT]> {
    let complaint = v["complaint"].as_bool()?;
    let mut l = blank();
    l[col::COMPLAINT] = flag(complaint);
    // Messages to a brand's support account are not abuse, nearly always.
    l[col::ABUSIVE] = 0.0;
    Some(l)
}

fn brands(v: &Value) -> Option<[f32; col::COUNT]> {
    let class = sentiment_class(v["sentiment"].as_str()?)?;
    let mut l = blank();
    set_sentiment(&mut l, class);
    l[col::COMPLAINT] = flag(class == 0);
    Some(l)
}

fn reviews(v: &Value) -> Option<[f32; col::COUNT]> {
    let class = sentiment_class(v["sentiment"].as_str()?)?;
    let mut l = blank();
    set_sentiment(&mut l, class);
    l[col::COMPLAINT] = flag(class == 0);
    l[col::OFFENSIVE] = 0.0;
    l[col::ABUSIVE] = 0.0;
    Some(l)
}

fn satisfaction(v: &Value) -> Option<[f32; col::COUNT]> {
    let rating = v["satisfaction"].as_f64()?;
    let mut l = blank();
    let class = if rating < 2.5 {
        0
    } else if rating > 3.5 {
        2
    } else {
        1
    };
    set_sentiment(&mut l, class);
    l[col::COMPLAINT] = flag(rating < 2.5);
    l[col::OFFENSIVE] = 0.0;
    l[col::ABUSIVE] = 0.0;
    Some(l)
}

/// GoEmotions labels feeding each of our six emotions, in `Emotion::ALL` order.
pub const GOEMOTIONS_MAP: [&[&str]; 6] = [
    &["anger"],
    &["annoyance", "disappointment", "disapproval"],
    &["nervousness", "fear"],
    &["sadness", "grief", "remorse"],
    &["confusion"],
    &["gratitude", "joy", "approval", "admiration", "relief"],
];

const GOEMOTIONS_POSITIVE: &[&str] = &[
    "admiration",
    "amusement",
    "approval",
    "caring",
    "desire",
    "excitement",
    "gratitude",
    "joy",
    "love",
    "optimism",
    "pride",
    "relief",
];
const GOEMOTIONS_NEGATIVE: &[&str] = &[
    "anger",
    "annoyance",
    "disappointment",
    "disapproval",
    "disgust",
    "embarrassment",
    "fear",
    "grief",
    "nervousness",
    "remorse",
    "sadness",
];

/// The six emotion labels of a GoEmotions row.
pub fn goemotions_six(v: &Value) -> Option<[bool; 6]> {
    let labels: Vec<&str> = v["emotions"]
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    Some(GOEMOTIONS_MAP.map(|sources| labels.iter().any(|l| sources.contains(l))))
}

fn goemotions(v: &Value) -> Option<[f32; col::COUNT]> {
    let six = goemotions_six(v)?;
    let labels: Vec<&str> = v["emotions"]
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let mut l = blank();
    for (k, on) in six.iter().enumerate() {
        l[col::EMOTIONS + k] = flag(*on);
    }
    let pos = labels.iter().any(|x| GOEMOTIONS_POSITIVE.contains(x));
    let neg = labels.iter().any(|x| GOEMOTIONS_NEGATIVE.contains(x));
    match (pos, neg, labels == ["neutral"]) {
        (true, false, _) => set_sentiment(&mut l, 2),
        (false, true, _) => set_sentiment(&mut l, 0),
        (false, false, true) => set_sentiment(&mut l, 1),
        _ => {}
    }
    Some(l)
}

/// TweetEval emotion rows teach anger, sadness and satisfaction (joy or optimism).
pub fn tweeteval_emotion_three(v: &Value) -> Option<[(usize, bool); 3]> {
    let e = v["emotion"].as_str()?;
    Some([
        (0, e == "anger"),
        (3, e == "sadness"),
        (5, e == "joy" || e == "optimism"),
    ])
}

fn tweeteval_emotion(v: &Value) -> Option<[f32; col::COUNT]> {
    let mut l = blank();
    for (k, on) in tweeteval_emotion_three(v)? {
        l[col::EMOTIONS + k] = flag(on);
    }
    let e = v["emotion"].as_str()?;
    set_sentiment(&mut l, if e == "anger" || e == "sadness" { 0 } else { 2 });
    Some(l)
}

/// Reads a JSON-lines file, naming the file and line of any row that cannot be read.
pub fn read_jsonl(path: &Path) -> Result<Vec<Value>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l)
                .with_context(|| format!("{}:{}: not valid JSON", path.display(), i + 1))
        })
        .collect()
}

/// The text of a row, or an error naming where it is missing.
pub fn text_of<'v>(v: &'v Value, path: &Path, line: usize) -> Result<&'v str> {
    v["text"].as_str().with_context(|| {
        format!(
            "{}:{}: field `text` missing or not a string",
            path.display(),
            line
        )
    })
}

/// Whether row `index` of the complaints set is held out for evaluation.
pub fn complaints_dev(index: usize) -> bool {
    index.is_multiple_of(5)
}

/// Every training example of the recipe, in a fixed order.
pub fn load_training(dir: &Path) -> Result<Vec<Example>> {
    let mut out = Vec::new();
    for ing in RECIPE {
        let path = dir.join(ing.file);
        let rows = read_jsonl(&path)?;
        let step = rows.len().div_ceil(ing.cap.min(rows.len()).max(1));
        for (i, v) in rows.iter().enumerate() {
            let Some(labels) = (ing.label)(v) else {
                bail!(
                    "{}:{}: missing or unknown label field",
                    path.display(),
                    i + 1
                );
            };
            let split = if ing.file.starts_with("complaints") && complaints_dev(i) {
                Split::Dev
            } else if i % 10 == 9 {
                Split::Calibrate
            } else if i % step != 0 {
                continue;
            } else {
                Split::Train
            };
            let text = text_of(v, &path, i + 1)?.to_string();
            out.push(Example {
                text,
                labels,
                weight: ing.weight,
                split,
                set: ing.file,
            });
        }
    }
    Ok(out)
}
