#!/usr/bin/env bash
# Peak memory of a 25-point sweep of the reference chain, shortened to 10
# simulated minutes (without its faults, which fall later), with --jobs 2: a sweep writes each point as it
# finishes, so its peak is that of the runs in flight, not of the sweep.
#
# Usage: bash benchmarks/sweep-memory.sh [EDGESIM]   (default: the release build)
# Prints the wall time and the peak resident set size.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-.build/release/edgesim}
[ "$bin" != .build/release/edgesim ] || swift build -c release --product edgesim >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$bin" sweep Scenarios/retail-chain.yaml \
    --set duration=10m --set warmup=1m --set "faults=[]" --set seed=1,2,3,4,5 \
    --set topology.stores_per_region=21,23,25,27,29 \
    --jobs 2 --quiet --out "$out/sweep" 2>&1 | grep -E "^wall|^wrote|runs,"
