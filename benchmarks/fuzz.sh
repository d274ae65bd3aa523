#!/usr/bin/env bash
# Fuzzes the scenario loader, validator and a bounded run with libFuzzer for
# MINUTES minutes (default 30), seeded with the shipped scenarios.
#
#   bash benchmarks/fuzz.sh 30
#
# Builds the edgesim-fuzz target with --sanitize=fuzzer (in .build/fuzz, apart
# from the ordinary builds), then runs it on as many jobs as there are cores.
# A crash or a hang (an input running longer than 10 s) stops it; libFuzzer
# saves the input as crash-* or timeout-* in .build/fuzz/findings/, and
# `swift run edgesim-fuzz FILE` replays it. Prints the inputs executed and
# the coverage reached.
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-30}
jobs=$(nproc 2>/dev/null || echo 2)

swift build -c release --sanitize=fuzzer -Xswiftc -DFUZZING --product edgesim-fuzz --scratch-path .build/fuzz >/dev/null
bin=.build/fuzz/release/edgesim-fuzz
corpus=.build/fuzz/corpus
findings=.build/fuzz/findings
mkdir -p "$corpus" "$findings"
cp Scenarios/*.yaml "$corpus/"

log=.build/fuzz/fuzz.log
status=0
# libFuzzer writes its workers' logs (fuzz-N.log) in the current folder: run it in .build/fuzz.
(cd .build/fuzz && ./release/edgesim-fuzz corpus -max_total_time=$((minutes * 60)) -timeout=10 -rss_limit_mb=2048 \
    -max_len=16384 -artifact_prefix=findings/ -print_final_stats=1 -jobs="$jobs" -workers="$jobs") >"$log" 2>&1 || status=$?
cat .build/fuzz/fuzz-*.log >>"$log" 2>/dev/null || true
rm -f .build/fuzz/fuzz-*.log

runs=$(grep -h '^stat::number_of_executed_units' "$log" | awk '{s += $2} END {print s + 0}')
cov=$(grep -ho 'cov: [0-9]*' "$log" | awk '{print $2}' | sort -n | tail -1)
crashes=$(find "$findings" -name 'crash-*' | wc -l)
hangs=$(find "$findings" -name 'timeout-*' | wc -l)
echo "fuzz: $minutes min on $jobs jobs: $runs inputs executed, coverage $cov edges, corpus $(ls "$corpus" | wc -l) inputs; $crashes crashes, $hangs hangs"
[ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ] && [ $status -eq 0 ]
