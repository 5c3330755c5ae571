#!/bin/sh
# Times, in release with the national catalogue of config/ (3,618 regions), extraction of the seed
# report (linan-2021.txt, 17 KB, 200 runs after warm-up) and the building of a ReportExtractor
# (20 runs), and prints the mean and best of each. The first run builds the whole package in
# release into .build-bench, which takes several minutes (BENCH_JOBS=1 to spare a shared machine).
#   Benchmarks/extract.sh
# Measured (2 shared cores): see README ("Checks beyond swift test"); the goal is ≤ 5 ms a report.
set -e
cd "$(dirname "$0")/.."
ZHIBIAO_BENCH=1 swift test -c release -Xswiftc -enable-testing --scratch-path .build-bench \
    ${BENCH_JOBS:+-j "$BENCH_JOBS"} --filter BenchmarkTests 2>&1 | grep -E "seed extraction|corpus extraction|extractor build|slow input|error|failed"
