#!/usr/bin/env bash
# Load benchmark: inbound client messages analysed, coached and stored, per second, with p50/p99.
#
# Starts the server (examples/load_target.rs, release build) on loopback with a fresh database,
# then drives it with wrk (Debian package `wrk`) for DURATION seconds with CONNECTIONS connections.
# Runs on SQLite always and on PostgreSQL when TEST_DATABASE_URL (or PG_URL) names a server.
#
#   scripts/load/run.sh                 # SQLite, then PostgreSQL if reachable
#   DURATION=10 CONNECTIONS=16 scripts/load/run.sh
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-16}"
threads="${THREADS:-1}"
cases="${CASES:-200}"
pg_admin="${TEST_DATABASE_URL:-${PG_URL:-postgres://postgres@127.0.0.1:5432/postgres}}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

if ! command -v wrk >/dev/null; then
  echo "wrk is missing: installing the Debian package" >&2
  apt-get install -y wrk >/dev/null
fi

cargo build --release -q -p defuse-server --example load_target --manifest-path "$root/Cargo.toml"
bin="$CARGO_TARGET_DIR/release/examples/load_target"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# run_one NAME DATABASE_URL: start a server on it, drive it, print one result line.
run_one() {
  local name="$1" url="$2" ready=""
  DEFUSE_DATA_DIR="$work/$name" DEFUSE_DATABASE_URL="$url" CASES="$cases" RUST_LOG=error \
    "$bin" >"$work/$name.out" 2>"$work/$name.err" &
  server_pid=$!
  for _ in $(seq 1 100); do
    ready="$(grep -m1 '^READY ' "$work/$name.out" || true)"
    [ -n "$ready" ] && break
    sleep 0.1
  done
  if [ -z "$ready" ]; then echo "$name: the server did not start:" >&2; cat "$work/$name.err" >&2; return 1; fi
  read -r _ address token first count <<<"$ready"
  local result
  result="$(TOKEN="$token" FIRST_CASE="$first" CASES="$count" \
    wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 5s -s "$here/inbound.lua" "$address" | grep '^RESULT')"
  echo "$name ${result#RESULT }"
  kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""
}

echo "inbound messages, ${duration}s, ${connections} connections, ${cases} cases, $(nproc) cores"
run_one sqlite ""
if command -v psql >/dev/null && psql "$pg_admin" -qtAc 'select 1' >/dev/null 2>&1; then
  db="defuse_load_$$"
  psql "$pg_admin" -qc "create database $db" >/dev/null
  run_one postgres "${pg_admin%/*}/$db"
  psql "$pg_admin" -qc "drop database if exists $db with (force)" >/dev/null
else
  echo "postgres: skipped (no server at $pg_admin)"
fi
