# Sourced by the Benchmarks scripts: the release build, the reference peer of ../shared/bench
# (built and run exactly as its compare.sh does, in the same work folder, so either reuses the
# other's build), a server of ours, and wrk runs. Every process is stopped by its PID.
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${ZHIBIAO_SHARED:-$(cd "$REPO/../shared" 2>/dev/null && pwd || true)}
BENCH_DIR=${ZHIBIAO_BENCH_DIR:-/tmp/zhibiao-bench}
PIDS=()

stop_all() {
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid"; wait "$pid" 2>/dev/null || true; fi
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_for() {
  for _ in $(seq 1 300); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "no answer from $1" >&2; return 1
}

# bench_setup: wrk (installed if missing), a work folder $WORK removed at exit with every server
# stopped, and the release build in $BIN.
bench_setup() {
  command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  WORK=$(mktemp -d)
  trap 'stop_all; rm -rf "$WORK"' EXIT
  build_release
}

build_release() {
  (cd "$REPO" && swift build -c release --product zhibiao 2>&1 | tail -1) >&2
  BIN="$REPO/.build/release/zhibiao"
}

# serve NAME LOGFILE [serve options…]: starts `zhibiao serve` on a free port with stderr to
# LOGFILE (as a service manager would take it) and sets PORT_<NAME> and PID_<NAME>.
serve() {
  local name=$1 log=$2; shift 2
  local port; port=$(free_port)
  ZHIBIAO_CONFIG=$REPO/config ZHIBIAO_MIGRATIONS=$REPO/Migrations \
    "$BIN" serve --host 127.0.0.1 --port "$port" "$@" 2>"$log" >/dev/null &
  local pid=$!
  PIDS+=("$pid")
  printf -v "PORT_$name" '%s' "$port"
  printf -v "PID_$name" '%s' "$pid"
  wait_for "http://127.0.0.1:$port/healthz" || { cat "$log" >&2; exit 1; }
}

peer_start() {
  [ -n "$SHARED" ] && [ -d "$SHARED/bench/peer" ] || { echo "shared bench not found; set ZHIBIAO_SHARED" >&2; exit 2; }
  mkdir -p "$BENCH_DIR"
  if ! diff -rq "$SHARED/bench/peer" "$BENCH_DIR/peer" -x .build -x Package.resolved >/dev/null 2>&1; then
    rm -rf "$BENCH_DIR/peer"; cp -r "$SHARED/bench/peer" "$BENCH_DIR/peer"; chmod -R u+w "$BENCH_DIR/peer"
  fi
  (cd "$BENCH_DIR/peer" && swift build -c release --product peer-server 2>&1 | tail -1) >&2
  [ -f "$BENCH_DIR/data.db" ] || sqlite3 "$BENCH_DIR/data.db" < "$SHARED/bench/make_db.sql" >/dev/null
  PEER_PORT=$(free_port)
  DB="$BENCH_DIR/data.db" PORT=$PEER_PORT timeout 3600 "$BENCH_DIR/peer/.build/release/peer-server" \
    >"$BENCH_DIR/peer.log" 2>&1 &
  PIDS+=("$!")
  wait_for "http://127.0.0.1:$PEER_PORT/ping" || { cat "$BENCH_DIR/peer.log" >&2; exit 1; }
}

# wrk_run URL CONNECTIONS SECONDS -> "req_per_s p50_ms p99_ms"; non-2xx answers are reported.
wrk_run() {
  local threads=2
  [ "$2" -lt 2 ] && threads=1
  local out; out=$(wrk -t"$threads" -c"$2" -d"$3s" --timeout 5s --latency "$1")
  local errs; errs=$(awk '/Non-2xx|Socket errors/' <<<"$out" | tr '\n' ' ')
  [ -z "$errs" ] || echo "  note for $1: $errs" >&2
  awk 'function ms(v) { if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 } if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
                        if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 } return v }
       /Requests\/sec/ { rps = $2 } $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
       END { printf "%s %.2f %.2f\n", rps, p50, p99 }' <<<"$out"
}

median() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else print a[int((NR + 1) / 2)] }'; }

# rss_of PID -> "43.5 MiB (anon 9.4, file 34.0)": file pages are mostly the shared libraries.
rss_of() {
  awk '/^VmRSS/ { r = $2 } /^RssAnon/ { a = $2 } /^RssFile/ { f = $2 }
       END { printf "%.1f MiB (anon %.1f, file %.1f)", r / 1024, a / 1024, f / 1024 }' "/proc/$1/status"
}

# compare_rounds KIND CONNECTIONS SECONDS ROUNDS PEER_URL NAME=URL…: alternates the peer and
# each of ours, round by round, and prints every round and, per server of ours, the median
# ratio to the peer (req/s) and the range of its p99.
compare_rounds() {
  local kind=$1 conns=$2 dur=$3 rounds=$4 peer=$5; shift 5
  local names=() urls=() entry
  for entry in "$@"; do names+=("${entry%%=*}"); urls+=("${entry#*=}"); done
  wrk_run "$peer" "$conns" 2 >/dev/null
  for url in "${urls[@]}"; do wrk_run "$url" "$conns" 2 >/dev/null; done
  local table; table=$(mktemp)
  printf '%-8s %-8s %5s %10s %8s %8s\n' what who round req/s p50_ms p99_ms
  for r in $(seq 1 "$rounds"); do
    read -r prps pp50 pp99 < <(wrk_run "$peer" "$conns" "$dur")
    printf '%-8s %-8s %5s %10s %8s %8s\n' "$kind" peer "$r" "$prps" "$pp50" "$pp99"
    echo "peer $r $prps $pp99" >>"$table"
    for i in "${!urls[@]}"; do
      read -r orps op50 op99 < <(wrk_run "${urls[$i]}" "$conns" "$dur")
      printf '%-8s %-8s %5s %10s %8s %8s\n' "$kind" "${names[$i]}" "$r" "$orps" "$op50" "$op99"
      echo "${names[$i]} $r $orps $op99" >>"$table"
    done
  done
  echo "connections=$conns duration=${dur}s rounds=$rounds"
  for name in "${names[@]}"; do
    local ratios p99s
    ratios=$(awk -v n="$name" '$1 == "peer" { p[$2] = $3 } $1 == n { o[$2] = $3 } END { for (r in o) printf "%.2f\n", o[r] / p[r] }' "$table")
    p99s=$(awk -v n="$name" '$1 == n { print $4 }' "$table" | sort -g | tr '\n' ' ')
    local pp99; pp99=$(awk '$1 == "peer" { print $4 }' "$table" | sort -g | tr '\n' ' ')
    printf '%s %s ratio to peer: %s (rounds %s); p99 ours %s/ peer %s(ms)\n' "$kind" "$name" \
      "$(median <<<"$ratios")" "$(sort -g <<<"$ratios" | tr '\n' ' ' | sed 's/ $//')" "$p99s" "$pp99"
  done
  if [ ${#names[@]} -gt 1 ]; then
    local ratios
    ratios=$(awk -v a="${names[0]}" -v b="${names[1]}" '$1 == a { x[$2] = $3 } $1 == b { y[$2] = $3 } END { for (r in x) printf "%.2f\n", x[r] / y[r] }' "$table")
    printf '%s %s / %s: %s (rounds %s)\n' "$kind" "${names[0]}" "${names[1]}" "$(median <<<"$ratios")" \
      "$(sort -g <<<"$ratios" | tr '\n' ' ' | sed 's/ $//')"
  fi
  rm -f "$table"
}
