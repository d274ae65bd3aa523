#!/usr/bin/env bash
# Tree fan-in side by side: EdgeSim's network model and the SimPy reference,
# with the same parameters, in one run. Each engine runs REPEAT times (default
# 3) and its median run is kept. Prints both lines, then messages/s and
# the ratio edgesim/SimPy.
#
# Usage: benchmarks/fanin.sh [fanin flags...]     (default: the models' defaults)
# Needs: python3 (simpy is installed with pip when missing) and the reference
# model in ../shared/bench (or set BENCH_REF=DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/median.sh
ref=${BENCH_REF:-../shared/bench}

[ -f "$ref/fanin_simpy.py" ] || { echo "fanin.sh: reference model not found in $ref (set BENCH_REF)" >&2; exit 2; }
bash scripts/setup.sh
swift build -c release --product edgesim >/dev/null
python3 -c 'import simpy' 2>/dev/null || python3 -m pip install -q simpy

edgesim_line=$(median_line messages_per_s .build/release/edgesim bench fanin "$@")
simpy_line=$(median_line messages_per_s python3 "$ref/fanin_simpy.py" "$@")
printf '%s\n%s\n' "$edgesim_line" "$simpy_line"

rate() { sed -n 's/.*messages_per_s=\([0-9.]*\).*/\1/p' <<<"$1"; }
e=$(rate "$edgesim_line"); s=$(rate "$simpy_line")
awk -v e="$e" -v s="$s" 'BEGIN {
    printf "messages_per_s edgesim=%.0f simpy=%.0f\n", e, s
    printf "ratio edgesim/simpy=%.1f\n", e / s
}'
