#!/bin/sh
# Times extraction of the seed report in release (200 runs after warm-up) and prints the mean
# and best. The first run builds the whole package in release, which takes several minutes.
set -e
cd "$(dirname "$0")/.."
ZHIBIAO_BENCH=1 swift test -c release -Xswiftc -enable-testing --scratch-path .build-bench \
    --filter BenchmarkTests 2>&1 | grep -E "seed extraction|error|failed"
