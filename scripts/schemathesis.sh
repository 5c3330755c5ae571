#!/usr/bin/env bash
# Property-based API testing: runs schemathesis (PyPI) against /openapi.json of a seeded server,
# with an admin token so that write endpoints are exercised past authentication too.
#
#   scripts/schemathesis.sh [MAX_EXAMPLES]     (env ZHIBIAO: the binary; default the debug build)
set -euo pipefail
MAX=${1:-50}
HERE=$(cd "$(dirname "$0")/.." && pwd)
ZHIBIAO=${ZHIBIAO:-$HERE/.build/debug/zhibiao}
[ -x "$ZHIBIAO" ] || { echo "build first: swift build (or set ZHIBIAO)" >&2; exit 2; }
command -v schemathesis >/dev/null || pip install -q schemathesis
WORK=$(mktemp -d)
PORT=${PORT:-18741}
export ZHIBIAO_CONFIG=$HERE/config ZHIBIAO_MIGRATIONS=$HERE/Migrations ZHIBIAO_DATABASE=$WORK/db.sqlite
trap 'kill $PID 2>/dev/null || true; wait $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$ZHIBIAO" migrate >/dev/null 2>&1
TOKEN=$("$ZHIBIAO" token create --name schemathesis --role admin)
"$ZHIBIAO" serve --port "$PORT" --log-level warning >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done
# A few real values so that reads return data.
curl -sf -o /dev/null -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" \
    --data-binary $'indicator,region,period,kind,value,status\nrd_intensity,330112,2021,actual,3.34,final\nrd_intensity,330112,2022,target,3.45,final\ntech_smes_new,330112,2022-Q1,actual,40,provisional\n' \
    "http://127.0.0.1:$PORT/observations"
schemathesis --config-file "$HERE/scripts/schemathesis.toml" run "http://127.0.0.1:$PORT/openapi.json" --checks all --max-examples "$MAX" \
    -H "Authorization: Bearer $TOKEN" --max-response-time 5 2>&1 | tee "${REPORT:-$WORK/report.txt}" | tail -40
status=${PIPESTATUS[0]}
if grep -qiE "panicked|fatal error" "$WORK/server.log"; then echo "server crashed" >&2; exit 1; fi
kill -0 "$PID" || { echo "server died during the run" >&2; exit 1; }
exit "$status"
