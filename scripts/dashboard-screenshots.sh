#!/usr/bin/env bash
# Renders the dashboard with real data in headless Chromium: builds the debug binary, seeds a
# temporary database (yearly values 2017-2021, YTD quarters of 2021 and 2022, 2022 targets for
# 临安区 330112 and its siblings under 杭州市), starts `zhibiao serve` on a free port, loads the
# overview, an indicator page and the documents view at desktop and phone widths, and saves
# screenshots under docs/screenshots/. Exits non-zero on any console error, uncaught exception
# or failed request (a 404 from /documents… is expected while that endpoint is not in the build).
# A second pass renders the documents views against scripts/dashboard-mock-documents.py, a stand-in
# for the documents endpoints in their agreed shape (skip it with MOCK_DOCUMENTS=0).
#
#   scripts/dashboard-screenshots.sh            # SCRATCH=.build-dash to reuse another build folder
set -euo pipefail
HERE=$(cd "$(dirname "$0")/.." && pwd)
cd "$HERE"
SCRATCH=${SCRATCH:-.build}
OUT=${OUT:-$HERE/docs/screenshots}

command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk" \
    || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null; }
python3 -c "import websocket" 2>/dev/null || pip install --quiet websocket-client

echo "building (scratch path $SCRATCH)…"
timeout 1200 swift build --scratch-path "$SCRATCH" --product zhibiao 2>&1 | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
ZHIBIAO=$HERE/$SCRATCH/debug/zhibiao
[ -x "$ZHIBIAO" ] || { echo "build failed" >&2; exit 1; }

WORK=$(mktemp -d)
DB=$WORK/db.sqlite
SERVER_PID="" CHROME_PID="" MOCK_PID=""
cleanup() {
    # Each process by the PID this script started it with; a stopped process's status is not ours.
    for pid in "$CHROME_PID" "$MOCK_PID" "$SERVER_PID"; do
        [ -n "$pid" ] || continue
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    rm -rf "$WORK"
}
trap cleanup EXIT
export ZHIBIAO_CONFIG=$HERE/config ZHIBIAO_MIGRATIONS=$HERE/Migrations

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

"$ZHIBIAO" migrate --database "$DB" >/dev/null
TOKEN=$("$ZHIBIAO" token create --database "$DB" --name 临安区科技局 --role editor)
PORT=$(free_port)
"$ZHIBIAO" serve --database "$DB" --port "$PORT" --log-level warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
BASE=http://127.0.0.1:$PORT
for _ in $(seq 1 100); do curl -sf -o /dev/null "$BASE/healthz" && break; sleep 0.1; done
curl -sf -o /dev/null "$BASE/healthz" || { echo "server did not start" >&2; cat "$WORK/server.log" >&2; exit 1; }

post() {
    curl -sS --max-time 30 -o "$WORK/post.out" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
        -H "Content-Type: application/json" --data-binary "$1" "$BASE/observations"
}
python3 "$HERE/scripts/dashboard-seed.py" >"$WORK/seed.json"
code=$(post @"$WORK/seed.json")
[[ $code == 2* ]] || { echo "seeding failed: $code $(cat "$WORK/post.out")" >&2; exit 1; }
# A revision, so the provenance view has a history to show.
code=$(post '{"indicator":"rd_expenditure","region":"330112","period":"2022-Q3","value":1432000000,"status":"provisional","note":"三季度快报更正 Q3 flash report corrected"}')
[[ $code == 2* ]] || { echo "revision failed: $code $(cat "$WORK/post.out")" >&2; exit 1; }
# The seed report, loaded through the real documents endpoint, so its facts show with their quotes.
code=$(curl -sS --max-time 60 -o "$WORK/post.out" -w '%{http_code}' -X POST -H "Authorization: Bearer $TOKEN" \
    -H "Content-Type: text/plain; charset=utf-8" --data-binary @"$HERE/examples/linan-2021.txt" "$BASE/documents?region=330112")
[[ $code == 2* ]] || { echo "loading the report failed: $code $(cat "$WORK/post.out")" >&2; exit 1; }
echo "seeded $(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$WORK/seed.json") observations"

DEVTOOLS=$(free_port)
mkdir -p "$OUT"
chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --disable-extensions --disable-background-networking --disable-component-update --disable-sync \
    --remote-debugging-address=127.0.0.1 --remote-debugging-port="$DEVTOOLS" --user-data-dir="$WORK/chrome" \
    --lang=zh-CN about:blank >"$WORK/chrome.log" 2>&1 &
CHROME_PID=$!

set +e
timeout 180 python3 "$HERE/scripts/dashboard-cdp.py" "$DEVTOOLS" "$BASE" "$OUT"
status=$?
if [ "${MOCK_DOCUMENTS:-1}" != 0 ]; then
    MOCK_PORT=$(free_port)
    python3 "$HERE/scripts/dashboard-mock-documents.py" "$MOCK_PORT" "$BASE" "$HERE" >"$WORK/mock.log" 2>&1 &
    MOCK_PID=$!
    for _ in $(seq 1 50); do curl -sf -o /dev/null "http://127.0.0.1:$MOCK_PORT/documents" && break; sleep 0.1; done
    echo "documents views against the stand-in endpoints:"
    timeout 120 python3 "$HERE/scripts/dashboard-cdp.py" "$DEVTOOLS" "http://127.0.0.1:$MOCK_PORT" "$OUT" mock-documents
    mock_status=$?
    [ $status -eq 0 ] && status=$mock_status
fi
set -e
for f in "$OUT"/*.png; do echo "$(basename "$f"): $(stat -c %s "$f") bytes"; done
[ $status -eq 0 ] && echo "dashboard screenshots: OK" || echo "dashboard screenshots: FAILED ($status)" >&2
exit $status
