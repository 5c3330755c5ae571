#!/usr/bin/env bash
# The series endpoint beside the reference peer's /obs (../shared/bench) in one run: serves a
# large database (Benchmarks/make-large-db.sh, default 12M observations) and compares
# GET /indicators/rd_intensity/observations?region=900001 (20 yearly values as JSON, each
# request doing the query and the encoding: there is no response cache) at 64 connections,
# with every field and with only the peer's five.
#
#   Benchmarks/series-compare.sh [DATABASE] [compare.sh options, e.g. --rounds 5]
#   (the database is built on first use at /tmp/zhibiao-large.sqlite)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${ZHIBIAO_SHARED:-$(cd "$REPO/../shared" 2>/dev/null && pwd || true)}
[ -n "$SHARED" ] && [ -x "$SHARED/bench/compare.sh" ] || { echo "shared bench not found; set ZHIBIAO_SHARED" >&2; exit 2; }
DB=/tmp/zhibiao-large.sqlite
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then DB=$1; shift; fi
cd "$REPO"
swift build -c release --product zhibiao 2>&1 | tail -1 >&2
[ -f "$DB" ] || Benchmarks/make-large-db.sh "$DB"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
ZHIBIAO_CONFIG=$REPO/config ZHIBIAO_MIGRATIONS=$REPO/Migrations \
    .build/release/zhibiao serve --database "$DB" --port "$PORT" --log-level warning >/tmp/zhibiao-series.log 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 300); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done
URL="http://127.0.0.1:$PORT/indicators/rd_intensity/observations?region=900001&frequency=year"
# The peer's rows carry five fields; ours carry twelve (status, revision, provenance, …). The
# first run compares our full rows, the second the same five fields (fields=) as the peer's.
SAME="$URL&fields=indicator,region,period,value,unit"
for url in "$URL" "$SAME"; do
    rows=$(curl -sf "$url" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]))')
    echo "== $url"
    echo "our series has $rows values; one response is $(curl -sf "$url" | wc -c) bytes"
    "$SHARED/bench/compare.sh" --ours-series "$url" "$@"
done
echo "our RSS after: $(awk '/VmRSS/ {print $2, $3}' /proc/$PID/status)"
