#!/usr/bin/env bash
# Durability: streams CSV batches into a running server, kills it with SIGKILL mid-import,
# restarts it, and checks that the database passes integrity_check and holds every batch that
# was acknowledged, each whole (a batch in flight at the kill is all there or not at all).
#
#   scripts/durability-check.sh [BATCHES] [ROWS_PER_BATCH]
set -euo pipefail
BATCHES=${1:-20}
ROWS=${2:-2000}
HERE=$(cd "$(dirname "$0")/.." && pwd)
ZHIBIAO=${ZHIBIAO:-$HERE/.build/release/zhibiao}
[ -x "$ZHIBIAO" ] || { echo "build first: swift build -c release (or set ZHIBIAO)" >&2; exit 2; }
command -v sqlite3 >/dev/null || { apt-get update -qq && apt-get install -y -qq sqlite3 >/dev/null; }
WORK=$(mktemp -d)
DB=$WORK/db.sqlite
PORT=${PORT:-18731}
export ZHIBIAO_CONFIG=$HERE/config ZHIBIAO_MIGRATIONS=$HERE/Migrations
trap 'kill -9 $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT

start_server() {
    "$ZHIBIAO" serve --database "$DB" --port "$PORT" --log-level warning >>"$WORK/server.log" 2>&1 &
    PID=$!
    for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && return 0; sleep 0.1; done
    echo "server did not start" >&2; cat "$WORK/server.log" >&2; exit 1
}

"$ZHIBIAO" migrate --database "$DB" >/dev/null 2>&1
TOKEN=$("$ZHIBIAO" token create --database "$DB" --name loader --role editor)
start_server

# Batch b holds ROWS distinct observations (10 indicators × 10 districts × months from 1950 on) whose value is b,
# so each batch's rows can be counted on their own after the crash.
acked=()
KILL_AT=$(( BATCHES / 2 ))
for b in $(seq 0 $((BATCHES - 1))); do
    body=$WORK/batch-$b.csv
    awk -v b="$b" -v rows="$ROWS" 'BEGIN { print "indicator,region,period,value,status";
        split("330102 330105 330106 330108 330109 330110 330111 330112 330113 330114", regions, " ");
        split("tech_smes_new hightech_enterprises_new rd_expenditure industrial_rd_expenditure hightech_investment " \
              "technology_transaction_value technology_transaction_projects innovation_vouchers_amount " \
              "innovation_vouchers_enterprises rd_super_deduction", indicators, " ");
        for (i = 0; i < rows; i++) { n = b * rows + i; m = int(n / 100);
            printf "%s,%s,%d-%02d,%d,final\n", indicators[int(n / 10) % 10 + 1], regions[n % 10 + 1], 1950 + int(m / 12), m % 12 + 1, b } }'>"$body"
    if [ "$b" -eq "$KILL_AT" ]; then
        curl -s -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" \
            --data-binary @"$body" "http://127.0.0.1:$PORT/observations" &
        CURL=$!
        # Kill once the import's transaction has started writing (the WAL grows), or after 2 s.
        wal_before=$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)
        for _ in $(seq 1 200); do
            [ "$(stat -c %s "$DB-wal" 2>/dev/null || echo 0)" != "$wal_before" ] && break
            kill -0 "$CURL" 2>/dev/null || break
            sleep 0.01
        done
        kill -9 "$PID"
        wait "$CURL" 2>/dev/null || true
        inflight=$b
        break
    fi
    code=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" \
        --data-binary @"$body" "http://127.0.0.1:$PORT/observations")
    [ "$code" = 201 ] && acked+=("$b")
done
wait "$PID" 2>/dev/null || true
start_server
integrity=$(sqlite3 "$DB" 'PRAGMA integrity_check')
ok=1
counts=$(sqlite3 "$DB" 'SELECT CAST(r.value AS INTEGER), count(*) FROM observations o JOIN revisions r ON r.id = o.revision_id GROUP BY 1')
for b in "${acked[@]}"; do
    n=$(awk -F'|' -v b="$b" '$1 == b {print $2}' <<<"$counts")
    [ "${n:-0}" -eq "$ROWS" ] || { echo "batch $b: ${n:-0} of $ROWS rows after the crash" >&2; ok=0; }
done
inflight_rows=$(awk -F'|' -v b="$inflight" '$1 == b {print $2}' <<<"$counts")
inflight_rows=${inflight_rows:-0}
total=$(sqlite3 "$DB" 'SELECT count(*) FROM observations')
echo "integrity_check: $integrity"
echo "acknowledged batches: ${#acked[@]} × $ROWS rows; in flight at SIGKILL: batch $inflight ($inflight_rows of $ROWS rows present)"
echo "observations after restart: $total"
[ "$integrity" = ok ] || ok=0
[ "$inflight_rows" -eq 0 ] || [ "$inflight_rows" -eq "$ROWS" ] || { echo "the in-flight batch is partly present" >&2; ok=0; }
expected=$(( ${#acked[@]} * ROWS ))
[ "$total" -eq "$expected" ] || [ "$total" -eq $(( expected + ROWS )) ] || ok=0
[ $ok -eq 1 ] && echo "durability: PASS" || { echo "durability: FAIL" >&2; exit 1; }
