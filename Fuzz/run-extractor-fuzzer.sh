#!/usr/bin/env bash
# Builds the report extractor (Sources/Domain as a module, then Sources/Extraction with
# Fuzz/ExtractorFuzzEntry.swift) with libFuzzer and AddressSanitizer and runs it.
#   Fuzz/run-extractor-fuzzer.sh [libFuzzer options, e.g. -max_total_time=300 or -runs=100000]
#   Fuzz/run-extractor-fuzzer.sh -minimize_crash=1 -runs=20000 CRASH-FILE   # shrink a crasher
# The seed corpus is a few lines of the test fixtures (linan-2021.txt and Fixtures/corpus/*.txt),
# copied at each run, plus Fuzz/extractor-corpus/ (traditional characters, pinyin glosses,
# full-width digits, form feeds, | table rows, and inputs that once failed). Crashes and
# invariant violations (span, quote, finite value) are written to $OUT/crash-*; copy one into
# Fuzz/extractor-corpus/ to keep it. Output goes to .build-fuzz/ (FUZZ_OUT to change it).
# Measured on 2 shared cores (ASan, two extractions an input): -max_total_time=300 ran 50,702
# inputs (168/s), coverage 3,240 -> 3,842 edges; a second 300 s with -len_control=0 (inputs up to
# 4 KB) ran 32,490 more (107/s) to 3,974 edges of 32,885; no crash, violation or timeout.
# It does not look for slowness: see the adversarial inputs of Benchmarks/extract.sh for that.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
OUT=${FUZZ_OUT:-$REPO/.build-fuzz/extractor}
mkdir -p "$OUT/modules" "$OUT/corpus"
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O)
if [ ! -x "$OUT/extractor-fuzzer" ] || [ -n "$(find "$REPO/Sources/Domain" "$REPO/Sources/Extraction" \
        "$REPO/Fuzz/ExtractorFuzzEntry.swift" -name '*.swift' -newer "$OUT/extractor-fuzzer")" ]; then
  swiftc "${FLAGS[@]}" -wmo -module-name Domain -emit-module -emit-module-path "$OUT/modules/Domain.swiftmodule" \
    -c "$REPO"/Sources/Domain/*.swift -o "$OUT/Domain.o"
  swiftc "${FLAGS[@]}" -module-name Extraction -I "$OUT/modules" \
    "$REPO"/Sources/Extraction/*.swift "$REPO/Fuzz/ExtractorFuzzEntry.swift" "$OUT/Domain.o" -o "$OUT/extractor-fuzzer"
fi
# Seeds: every line of the seed report with a figure, and the first two such lines of each
# corpus report, cut to 1 KB; the committed hand-written seeds beside them.
F="$REPO/Tests/ExtractionTests/Fixtures"
n=0
while IFS= read -r line; do
  n=$((n + 1)); printf '%s\n' "$line" | head -c 1024 >"$OUT/corpus/linan-$n"
done < <(grep '[0-9]' "$F/linan-2021.txt")
for f in "$F"/corpus/*.txt; do
  grep -m2 '[0-9]' "$f" | head -c 1024 >"$OUT/corpus/$(basename "$f" .txt)" || true
done
cp "$REPO"/Fuzz/extractor-corpus/* "$OUT/corpus/"
if [ "$#" -gt 0 ] && [ -f "${!#}" ]; then   # a file to replay or minimise: no corpus directory
  exec "$OUT/extractor-fuzzer" -artifact_prefix="$OUT/" "$@"
fi
exec "$OUT/extractor-fuzzer" -max_len=4096 -timeout=10 -rss_limit_mb=4096 -artifact_prefix="$OUT/" \
  "$OUT/corpus" "${@:--max_total_time=60}"
