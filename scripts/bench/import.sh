#!/usr/bin/env bash
# Measures `defuse import` on a generated mbox (default 10,000 messages in threads of five):
# messages stored a second, as the command reports, and peak memory. Fast tier, fresh SQLite
# database in a temp dir. Usage: scripts/bench/import.sh [MESSAGES] [PROFILE]
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-10000}
profile=${2:-release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/bench/mbox.py "$n" > "$work/bench.mbox"
# Built with the workspace's usual feature set, so the dependencies are not built again.
if [ "$profile" = release ]; then
    cargo build --release --workspace --locked
    bin=target/release/defuse
else
    cargo test --workspace --locked --no-run
    bin=target/debug/defuse
fi
echo "$n messages, $(du -h "$work/bench.mbox" | cut -f1) mbox, $profile build, $(nproc) cores"
/usr/bin/time -f 'peak memory: %M KiB, wall %e s' \
    "$bin" import "$work/bench.mbox" --fast --data-dir "$work/data" --agent-domain shop.test
