#!/usr/bin/env bash
# The endpoints a province- or country-wide dashboard leans on, on a large database
# (Benchmarks/make-large-db.sh: 3,000 districts under 杭州市 330100, 12M observations), with the
# access log off (`--log-access false`) as issue 15 states the goals: per endpoint, one
# connection alone (p50) and then 16 connections (req/s, p50, p99), then our RSS. Targets for
# region 900001's 2024 are added once, so that /progress has something to compare.
#
#   Benchmarks/scale.sh [DATABASE] [-c CONNECTIONS] [-d SECONDS] [--rounds N]
#   (the database is built on first use at /tmp/zhibiao-large.sqlite)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
DB=/tmp/zhibiao-large.sqlite
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then DB=$1; shift; fi
CONNS=16; DUR=10; ROUNDS=2
while [ $# -gt 0 ]; do
  case $1 in
    -c) CONNS=$2; shift 2 ;;
    -d) DUR=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    -h|--help) sed -n 2,9p "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
bench_setup
[ -f "$DB" ] || ZHIBIAO=$BIN "$REPO/Benchmarks/make-large-db.sh" "$DB"
# One yearly target per base indicator for 900001 in 2024, written as make-large-db.sh writes
# rows: the revision and the observation's copy of it, ids after the largest.
sqlite3 "$DB" <<'SQL'
BEGIN;
CREATE TEMP TABLE t AS
  SELECT (SELECT max(m) FROM (SELECT max(id) AS m FROM observations UNION ALL SELECT max(id) FROM revisions))
           + row_number() OVER (ORDER BY code) AS id, code
  FROM indicators i WHERE base IS NULL AND NOT EXISTS (
    SELECT 1 FROM observations o WHERE o.indicator = i.code AND o.region = '900001' AND o.kind = 'target' AND o.period = '2024');
INSERT INTO revisions (id, observation_id, value, status, bound, note, source_type, token_name, recorded_at)
  SELECT id, id, 50, 'final', NULL, NULL, 'system', 'bench', 1700000000000000 FROM t;
INSERT INTO observations (id, indicator, region, kind, scope, period, period_key, frequency, revision_id, created_at,
                          value, status, source_type, token_name, recorded_at)
  SELECT id, code, '900001', 'target', '', '2024', (2024 * 12 + 12) * 4 + 2, 'year', id, 0, 50, 'final', 'system', 'bench',
         1700000000000000 FROM t;
COMMIT;
SQL
serve quiet "$WORK/quiet.log" --database "$DB" --log-access false
BASE="http://127.0.0.1:$PORT_quiet"
ENDPOINTS=(
  "/observations?indicator=rd_intensity&period=2024&parent=330100"
  "/observations?indicator=rd_intensity&period=2024&parent=330100&limit=100"
  "/indicators?region=900001"
  "/regions/330100"
  "/progress?region=900001&year=2024"
)
echo "observations: $(sqlite3 "$DB" 'SELECT count(*) FROM observations'); children of 330100: $(sqlite3 "$DB" "SELECT count(*) FROM regions WHERE parent = '330100'")"
for path in "${ENDPOINTS[@]}"; do
  curl -sf -o "$WORK/body" "$BASE$path" || { echo "failed: $path" >&2; exit 1; }
  echo "== $path ($(wc -c <"$WORK/body") bytes)"
  wrk -t2 -c"$CONNS" -d2s "$BASE$path" >/dev/null
  read -r _ alone _ < <(wrk_run "$BASE$path" 1 3)
  echo "  one connection alone: p50 $alone ms"
  for r in $(seq 1 "$ROUNDS"); do
    read -r rps p50 p99 < <(wrk_run "$BASE$path" "$CONNS" "$DUR")
    echo "  $CONNS connections, round $r: $rps req/s, p50 $p50 ms, p99 $p99 ms"
  done
done
echo "== RSS after the runs: $(rss_of "$PID_quiet")"
