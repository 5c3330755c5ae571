#!/usr/bin/env bash
# Builds the request parser with libFuzzer and AddressSanitizer and runs it.
#   Fuzz/run-parser-fuzzer.sh [libFuzzer options, e.g. -runs=1000000 or -max_total_time=60]
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=${FUZZ_OUT:-/tmp/zhibiao-parser-fuzz}
mkdir -p "$OUT/corpus"
S="$REPO/Sources/HTTPServer"
swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name HTTPServer \
  "$S/RequestParser.swift" "$S/RequestHead.swift" "$S/HTTPParseError.swift" "$S/ByteClass.swift" \
  "$S/PercentDecoding.swift" "$S/HTTPHeaders.swift" "$S/HTTPMethod.swift" "$S/HTTPStatus.swift" \
  "$S/ProblemDetails.swift" "$S/HTTPResponse.swift" "$REPO/Fuzz/ParserFuzzEntry.swift" -o "$OUT/parser-fuzzer"
printf 'GET /a?b=%%E4%%B8%%B4 HTTP/1.1\r\nHost: a\r\n\r\n' >"$OUT/corpus/get"
printf 'POST /e HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;x=y\r\nhello\r\n0\r\nT: 1\r\n\r\n' >"$OUT/corpus/chunked"
printf 'POST /e HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc' >"$OUT/corpus/length"
exec "$OUT/parser-fuzzer" "$OUT/corpus" "${@:--max_total_time=60}"
