#!/usr/bin/env bash
# Measures the reading heads on data they did not learn from, cut from the training data alone
# (see split.py): for writer c with fold 0 and writer b with fold 1, the heads are trained
# without that writer's chat conversations and without that fifth of the customer training
# split, compiled in, and `defuse eval --coaching --fast` reads the held-out parts. The heads in
# the repository are put back afterwards.
#
# Usage: scripts/heldout/run.sh [DATA_DIR]   (default: ../shared/data next to the repository)
# Takes a few minutes a writer: each needs a build with its own heads.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
data="${1:-$root/../shared/data}"
heads="$root/crates/core/models/reading.bin"
work="$(mktemp -d)"
cp "$heads" "$work/reading.bin.kept"
trap 'cp "$work/reading.bin.kept" "$heads"; rm -rf "$work"' EXIT

cd "$root"
cargo build -p defuse-cli --locked -q
for held in "c 0" "b 1"; do
  set -- $held
  python3 "$here/split.py" --data "$data" --chat crates/train/data/chat_conversations.jsonl \
    --out "$work" --writer "$1" --fold "$2"
  mkdir -p "$work/m$1"
  target/debug/defuse train --reading --data "$work/held$1" --chat "$work/chat_no$1.jsonl" \
    --out "$work/m$1"
  cp "$work/m$1/reading.bin" "$heads"
  cargo build -p defuse-cli --locked -q
  echo "== writer $1 held out, customer fold $2 as dev"
  target/debug/defuse eval --coaching --fast --data "$work/held$1" | grep -E '^\| (level|main cause) '
done
