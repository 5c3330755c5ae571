#!/usr/bin/env bash
# The series endpoint of `zhibiao serve` in its default configuration (access log on, stderr to
# a file) beside the reference peer's /obs (../shared/bench), alternating round by round in one
# run at 64 and 16 connections, on a large database (Benchmarks/make-large-db.sh, 12M observations):
# GET /indicators/rd_intensity/observations?region=900001&frequency=year (20 yearly values as
# JSON, each request doing the query and the encoding: there is no response cache), with every
# field and with only the peer's five. With --quiet a second server with `--log-access false`
# joins the same rounds. Prints req/s, p50 and p99 of every round, the median ratios and our RSS.
#
#   Benchmarks/series-compare.sh [DATABASE] [--quiet] [-c "CONNECTIONS…"] [-d SECONDS] [--rounds N]
#   (the database is built on first use at /tmp/zhibiao-large.sqlite)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
DB=/tmp/zhibiao-large.sqlite
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then DB=$1; shift; fi
QUIET=0; DUR=10; ROUNDS=4; CONNS="64 16"
while [ $# -gt 0 ]; do
  case $1 in
    --quiet) QUIET=1; shift ;;
    -c) CONNS=$2; shift 2 ;;
    -d) DUR=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    -h|--help) sed -n 2,12p "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
bench_setup
[ -f "$DB" ] || ZHIBIAO=$BIN "$REPO/Benchmarks/make-large-db.sh" "$DB"
peer_start
serve default "$WORK/default.log" --database "$DB"
if [ $QUIET = 1 ]; then serve quiet "$WORK/quiet.log" --database "$DB" --log-access false; fi
SERIES="/indicators/rd_intensity/observations?region=900001&frequency=year"
# The peer's rows carry five fields; ours carry twelve (status, revision, provenance, …). The
# first comparison is of our full rows, the second of the same five fields (fields=) as the peer's.
for query in "$SERIES" "$SERIES&fields=indicator,region,period,value,unit"; do
  url="http://127.0.0.1:$PORT_default$query"
  rows=$(curl -sf "$url" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["data"]))')
  echo "== $query"
  echo "our series has $rows values; one response is $(curl -sf "$url" | wc -c) bytes"
  servers=("default=$url")
  if [ $QUIET = 1 ]; then servers+=("quiet=http://127.0.0.1:$PORT_quiet$query"); fi
  for conns in $CONNS; do
    compare_rounds series "$conns" "$DUR" "$ROUNDS" \
      "http://127.0.0.1:$PEER_PORT/obs?indicator=unemployment_rate&region=DE103" "${servers[@]}"
  done
done
echo "== our servers after the runs"
metrics=$(curl -sf "http://127.0.0.1:$PORT_default/metrics")
echo "default: RSS $(rss_of "$PID_default"), access log $(grep -c ' method=GET ' "$WORK/default.log" || true) lines," \
     "$(awk '/^zhibiao_log_dropped_records_total / { print $2 }' <<<"$metrics") dropped"
if [ $QUIET = 1 ]; then echo "quiet: RSS $(rss_of "$PID_quiet")"; fi
