#!/usr/bin/env bash
# Bulk speed: times one POST /observations of ROWS observations as CSV (default 1,000,000) into a
# fresh database on a release build, and prints rows per second.
#
#   Benchmarks/bulk-import.sh [ROWS]
set -euo pipefail
ROWS=${1:-1000000}
HERE=$(cd "$(dirname "$0")/.." && pwd)
ZHIBIAO=${ZHIBIAO:-$HERE/.build/release/zhibiao}
[ -x "$ZHIBIAO" ] || { echo "build first: swift build -c release (or set ZHIBIAO)" >&2; exit 2; }
WORK=$(mktemp -d)
DB=$WORK/db.sqlite
PORT=${PORT:-18732}
export ZHIBIAO_CONFIG=$HERE/config ZHIBIAO_MIGRATIONS=$HERE/Migrations
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$ZHIBIAO" migrate --database "$DB" >/dev/null 2>&1
# 1,000,000 distinct observations need more regions than the seed has: add 100 bench districts.
sqlite3 "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
  INSERT INTO regions (code, name_zh, name_en, level, parent, updated_at)
  SELECT printf('98%04d', i), '测试区' || i, 'Bench ' || i, 'district', '330100', 0 FROM n;"
TOKEN=$("$ZHIBIAO" token create --database "$DB" --name bulk --role editor)
"$ZHIBIAO" serve --database "$DB" --port "$PORT" --log-level warning >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done
# Rows: 100 regions × 26 base indicators × months of 1985–2026.
awk -v rows="$ROWS" 'BEGIN { print "indicator,region,period,value,status";
    split("rd_expenditure industrial_rd_expenditure hightech_investment industrial_value_added hightech_industry_value_added " \
          "hightech_enterprises_new hightech_enterprises_applied tech_smes_new eagle_enterprises_new enterprise_rd_institutions_new " \
          "provincial_enterprise_research_institutes_new incubators_new key_rd_projects tech_projects_district " \
          "innovation_vouchers_amount innovation_vouchers_enterprises technology_transaction_value technology_transaction_projects " \
          "rd_super_deduction hightech_enterprises_total", ind, " ");
    for (i = 0; i < rows; i++) { r = i % 100; k = int(i / 100) % 20; m = int(i / 2000);
        printf "%s,98%04d,%d-%02d,%d,final\n", ind[k + 1], r + 1, 1985 + int(m / 12), m % 12 + 1, i % 9973 } }' >"$WORK/bulk.csv"
echo "CSV: $ROWS rows, $(du -h "$WORK/bulk.csv" | cut -f1)"
start=$(date +%s.%N)
code=$(curl -s -o "$WORK/answer.json" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" \
    --data-binary @"$WORK/bulk.csv" "http://127.0.0.1:$PORT/observations")
end=$(date +%s.%N)
echo "status $code: $(head -c 200 "$WORK/answer.json")"
awk -v s="$start" -v e="$end" -v n="$ROWS" 'BEGIN { printf "bulk import: %d rows in %.2f s (%.0f rows/s)\n", n, e - s, n / (e - s) }'
echo "server RSS after: $(awk '/VmRSS/ {print $2, $3}' /proc/$PID/status)"
