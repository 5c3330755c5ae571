#!/usr/bin/env bash
# /healthz of `zhibiao serve` in its default configuration (access log on, stderr to a file)
# beside the reference peer's /ping (../shared/bench), alternating round by round in one run, at
# 64 connections and at 1; prints req/s, p50 and p99 of every round and the median ratios. With
# --quiet a second server with `--log-access false` joins the same rounds, and the default's
# ratio to it is printed too. Then our RSS after the runs, and with 5,000 idle keep-alive
# connections open.
#
#   Benchmarks/http-compare.sh [--quiet] [-d SECONDS] [--rounds N]
#
# ZHIBIAO_SHARED     the shared folder (default ../shared beside the repository)
# ZHIBIAO_BENCH_DIR  the peer's work folder, shared with compare.sh (default /tmp/zhibiao-bench)
set -euo pipefail
source "$(dirname "$0")/bench-lib.sh"
QUIET=0; DUR=10; ROUNDS=4
while [ $# -gt 0 ]; do
  case $1 in
    --quiet) QUIET=1; shift ;;
    -d) DUR=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    -h|--help) sed -n 2,13p "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
bench_setup
peer_start
serve default "$WORK/default.log" --database "$WORK/default.sqlite"
SERVERS=("default=http://127.0.0.1:$PORT_default/healthz")
if [ $QUIET = 1 ]; then
  serve quiet "$WORK/quiet.log" --database "$WORK/quiet.sqlite" --log-access false
  SERVERS+=("quiet=http://127.0.0.1:$PORT_quiet/healthz")
fi
for conns in 64 1; do
  echo "== $conns connection(s)"
  compare_rounds ping "$conns" "$DUR" "$ROUNDS" "http://127.0.0.1:$PEER_PORT/ping" "${SERVERS[@]}"
done
echo "== our servers after the runs"
metrics=$(curl -sf "http://127.0.0.1:$PORT_default/metrics")
echo "default: RSS $(rss_of "$PID_default"), access log $(grep -c ' method=GET ' "$WORK/default.log" || true) lines," \
     "$(awk '/^zhibiao_log_dropped_records_total / { print $2 }' <<<"$metrics") dropped"
if [ $QUIET = 1 ]; then echo "quiet: RSS $(rss_of "$PID_quiet")"; fi
python3 - "$PORT_default" "$PID_default" <<'PY'
import resource, socket, sys
port, pid = int(sys.argv[1]), sys.argv[2]
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, 20000), hard))
conns = []
for _ in range(5000):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /healthz HTTP/1.1\r\nHost: bench\r\n\r\n")
    conns.append(s)
for s in conns:
    data = b""
    while not data.endswith(b'"ok"}'):
        chunk = s.recv(4096)
        if not chunk:
            sys.exit("a connection closed before its answer")
        data += chunk
status = {l.split(":")[0]: int(l.split()[1]) for l in open("/proc/%s/status" % pid) if l.startswith(("VmRSS", "RssAnon", "RssFile"))}
print("default: RSS %.1f MiB (anon %.1f, file %.1f) with %d idle keep-alive connections, each answered once"
      % (status["VmRSS"] / 1024, status["RssAnon"] / 1024, status["RssFile"] / 1024, len(conns)))
PY
