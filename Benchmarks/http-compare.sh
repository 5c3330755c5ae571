#!/usr/bin/env bash
# Builds zhibiao in release, serves /healthz, and compares it with the reference peer using
# ../shared/bench/compare.sh at 64 connections and at 1 connection; prints the ratios and our RSS.
#
#   Benchmarks/http-compare.sh [-d SECONDS] [--rounds N]
#
# ZHIBIAO_SHARED   path of the shared folder (default: ../shared beside the repository)
# ZHIBIAO_BENCH_PORT  our port (default: a free one)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${ZHIBIAO_SHARED:-$(cd "$REPO/../shared" 2>/dev/null && pwd || true)}
[ -n "$SHARED" ] && [ -x "$SHARED/bench/compare.sh" ] || { echo "shared bench not found; set ZHIBIAO_SHARED" >&2; exit 2; }
EXTRA=("$@")

cd "$REPO"
swift build -c release --product zhibiao 2>&1 | tail -1 >&2
BIN="$REPO/.build/release/zhibiao"

PORT=${ZHIBIAO_BENCH_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
"$BIN" serve --host 127.0.0.1 --port "$PORT" --log-level warning >/tmp/zhibiao-bench-serve.log 2>&1 &
PID=$!
stop() {
  if kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID"
    wait "$PID" && echo "zhibiao exited 0" >&2 || echo "zhibiao exited with $?" >&2
  fi
}
trap stop EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.1; done
curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" || { echo "zhibiao did not start" >&2; cat /tmp/zhibiao-bench-serve.log >&2; exit 1; }

URL="http://127.0.0.1:$PORT/healthz"
# compare.sh ends with a failing test when no series URL was given, so judge it by its output.
compare() {
  local out
  out=$("$SHARED/bench/compare.sh" --ours-ping "$URL" "$@" "${EXTRA[@]}" || true)
  echo "$out"
  grep -q '^ping ratio:' <<<"$out" || { echo "compare.sh failed" >&2; exit 1; }
}
echo "== 64 connections"
compare -c 64
echo "== 1 connection"
# compare.sh always runs `wrk -t2`, and wrk refuses fewer connections than threads: put a shim
# first on PATH that turns -t2 into -t1 when there is one connection.
SHIM=$(mktemp -d)
REAL_WRK=$(command -v wrk)
cat >"$SHIM/wrk" <<SH
#!/usr/bin/env bash
args=("\$@")
single=0
for a in "\${args[@]}"; do [ "\$a" = "-c1" ] && single=1; done
if [ \$single = 1 ]; then for i in "\${!args[@]}"; do [ "\${args[\$i]}" = "-t2" ] && args[\$i]="-t1"; done; fi
exec "$REAL_WRK" "\${args[@]}"
SH
chmod +x "$SHIM/wrk"
PATH="$SHIM:$PATH" compare -c 1
rm -rf "$SHIM"
echo "== our server after the runs"
grep -E 'VmRSS|VmHWM|Threads' "/proc/$PID/status"
