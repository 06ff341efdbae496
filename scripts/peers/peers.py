"""Score the peers a user would pick instead of defuse on the dev splits `defuse eval` uses.

Run it through run.sh, which builds the pinned virtualenv first:

    scripts/peers/run.sh [DATA_DIR] [--json OUT]

Splits and metrics (the same as defuse's):
- ConvAbuse: convabuse_dev.jsonl, label `abusive`, macro-F1 over the two classes.
- TweetEval offensive: tweeteval_offensive_dev.jsonl, label `offensive`, macro-F1.
- Complaints: complaints_train.jsonl lines whose 0-based index % 5 == 0 (the rest is for
  training), label `complaint`, macro-F1. This is also the "unhappy customer vs not" figure.
- Sentiment: tweeteval_sentiment_dev.jsonl, label `sentiment`, macro-recall and macro-F1
  over negative, neutral, positive.
- TweetEval emotion: tweeteval_emotion_dev.jsonl; anger <- anger, sadness <- sadness,
  satisfaction <- joy or optimism; the mean of the per-emotion yes/no F1.
- GoEmotions: goemotions_dev.jsonl mapped to six emotions; the mean of per-emotion F1.

How each peer predicts (n/a where it has no honest way to):
- alt-profanity-check: `predict_prob(text) >= 0.5` means abusive, offensive and complaint.
  It says nothing about sentiment or emotions: n/a there.
- VADER: compound <= -0.05 is negative, >= 0.05 positive, neutral in between (its standard
  thresholds). For the yes/no tasks (abusive, offensive, complaint) it says yes when
  compound <= -0.05. Sentiment uses the three-way rule. For emotions it can only say
  satisfaction (compound >= 0.05); it cannot tell anger from sadness, so the per-emotion
  means are n/a and its satisfaction F1 on TweetEval emotion is reported on its own row.
  GoEmotions is n/a for both peers.

F1 of a class is 2tp / (2tp + fp + fn), and 0 when that is 0/0; recall is tp / (tp + fn).
"""

import argparse
import json
import sys
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
PEERS = ("alt-profanity-check", "vaderSentiment")
PACKAGES = PEERS + ("scikit-learn", "joblib", "numpy", "scipy")
SENTIMENTS = ("negative", "neutral", "positive")
TWEETEVAL_EMOTIONS = {"anger": {"anger"}, "sadness": {"sadness"}, "satisfaction": {"joy", "optimism"}}
FILES = (
    "convabuse_dev.jsonl",
    "tweeteval_offensive_dev.jsonl",
    "complaints_train.jsonl",
    "tweeteval_sentiment_dev.jsonl",
    "tweeteval_emotion_dev.jsonl",
    "goemotions_dev.jsonl",
)


class DataError(Exception):
    """The data directory is missing a file, or a line lacks what it should hold."""


def read_split(path, label, keep=lambda index: True):
    """Return (texts, labels) of the lines of `path` whose 0-based index passes `keep`."""
    texts, labels = [], []
    with path.open(encoding="utf-8") as lines:
        for index, line in enumerate(lines):
            if not keep(index):
                continue
            try:
                row = json.loads(line)
                texts.append(row["text"])
                labels.append(row[label])
            except (json.JSONDecodeError, KeyError) as err:
                raise DataError(f"{path}:{index + 1}: expected JSON with `text` and `{label}` ({err})") from err
    return texts, labels


def f1(gold, pred, cls):
    tp = sum(g == cls and p == cls for g, p in zip(gold, pred))
    wrong = sum((g == cls) != (p == cls) for g, p in zip(gold, pred))
    return 2 * tp / (2 * tp + wrong) if tp + wrong else 0.0


def recall(gold, pred, cls):
    support = sum(g == cls for g in gold)
    return sum(g == cls and p == cls for g, p in zip(gold, pred)) / support if support else 0.0


def mean(values):
    return sum(values) / len(values)


def macro_f1(gold, pred, classes=(False, True)):
    return mean([f1(gold, pred, c) for c in classes])


def macro_recall(gold, pred, classes):
    return mean([recall(gold, pred, c) for c in classes])


def vader_sentiment(compound):
    return "negative" if compound <= -0.05 else "positive" if compound >= 0.05 else "neutral"


def score(data_dir):
    """Return one dict per reported row: task, file, rows, metric and a value (or None) per peer."""
    missing = [name for name in FILES if not (data_dir / name).is_file()]
    if missing:
        raise DataError(f"missing in {data_dir}: {', '.join(missing)} (pass the data directory as the first argument)")

    from profanity_check import predict_prob
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    vader = SentimentIntensityAnalyzer()

    def profane(texts):
        return [p >= 0.5 for p in predict_prob(texts)]

    def compounds(texts):
        return [vader.polarity_scores(t)["compound"] for t in texts]

    rows = []

    def row(task, file, n, metric, profanity=None, vader_value=None):
        values = dict(zip(PEERS, (profanity, vader_value)))
        rows.append({"task": task, "file": file, "rows": n, "metric": metric, **values})

    binary = (
        ("ConvAbuse abusive", "convabuse_dev.jsonl", "abusive", lambda i: True),
        ("TweetEval offensive", "tweeteval_offensive_dev.jsonl", "offensive", lambda i: True),
        ("Complaints hold-out (unhappy customer vs not)", "complaints_train.jsonl", "complaint", lambda i: i % 5 == 0),
    )
    for task, file, label, keep in binary:
        texts, gold = read_split(data_dir / file, label, keep)
        negative = [c <= -0.05 for c in compounds(texts)]
        row(task, file, len(texts), "macro-F1", macro_f1(gold, profane(texts)), macro_f1(gold, negative))

    file = "tweeteval_sentiment_dev.jsonl"
    texts, gold = read_split(data_dir / file, "sentiment")
    pred = [vader_sentiment(c) for c in compounds(texts)]
    row("Sentiment 3-way", file, len(texts), "macro-recall", vader_value=macro_recall(gold, pred, SENTIMENTS))
    row("Sentiment 3-way", file, len(texts), "macro-F1", vader_value=macro_f1(gold, pred, SENTIMENTS))

    file = "tweeteval_emotion_dev.jsonl"
    texts, gold = read_split(data_dir / file, "emotion")
    row("TweetEval emotion", file, len(texts), "per-emotion F1 mean")
    satisfied = [g in TWEETEVAL_EMOTIONS["satisfaction"] for g in gold]
    happy = [c >= 0.05 for c in compounds(texts)]
    row("TweetEval emotion", file, len(texts), "satisfaction F1 only", vader_value=f1(satisfied, happy, True))

    file = "goemotions_dev.jsonl"
    texts, _ = read_split(data_dir / file, "emotions")
    row("GoEmotions six emotions", file, len(texts), "per-emotion F1 mean")
    return rows


def markdown(rows):
    def cell(value):
        return "n/a" if value is None else f"{value:.3f}"

    lines = ["| task | split | rows | metric | " + " | ".join(PEERS) + " |", "|---|---|---:|---|---:|---:|"]
    for r in rows:
        cells = [r["task"], r["file"], str(r["rows"]), r["metric"]] + [cell(r[p]) for p in PEERS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA, help="the labeled JSONL files")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the results as JSON to OUT")
    args = parser.parse_args()
    try:
        rows = score(args.data_dir)
    except (DataError, OSError) as err:
        sys.exit(f"peers: {err}")
    packages = {name: metadata.version(name) for name in PACKAGES}
    date = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    print(markdown(rows))
    print(f"\nMeasured {date} with " + ", ".join(f"{k} {v}" for k, v in packages.items()) + ".")
    if args.json:
        report = {"date": date, "data_dir": str(args.data_dir), "packages": packages, "results": rows}
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
