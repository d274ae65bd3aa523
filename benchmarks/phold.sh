#!/usr/bin/env bash
# PHOLD side by side: EdgeSim's kernel, the plain C reference and SimPy,
# with the same parameters, in one run. Each engine runs REPEAT times
# (default 3) and its median run is kept. Prints each engine's line, then
# events/s and the ratios edgesim/C and edgesim/SimPy.
#
# Usage: benchmarks/phold.sh [phold flags...]     (default: the models' defaults)
# Needs: a C compiler, python3 (simpy is installed with pip when missing),
# and the reference sources in ../shared/bench (or set BENCH_REF=DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/median.sh
ref=${BENCH_REF:-../shared/bench}
out=benchmarks/out
mkdir -p "$out"

[ -f "$ref/phold.c" ] || { echo "phold.sh: reference models not found in $ref (set BENCH_REF)" >&2; exit 2; }
bash scripts/setup.sh
swift build -c release --product edgesim >/dev/null
cc -O2 -o "$out/phold-c" "$ref/phold.c" -lm
python3 -c 'import simpy' 2>/dev/null || python3 -m pip install -q simpy

edgesim_line=$(median_line events_per_s .build/release/edgesim bench phold "$@")
c_line=$(median_line events_per_s "$out/phold-c" "$@")
simpy_line=$(median_line events_per_s python3 "$ref/phold_simpy.py" "$@")
printf '%s\n%s\n%s\n' "$edgesim_line" "$c_line" "$simpy_line"

rate() { sed -n 's/.*events_per_s=\([0-9.]*\).*/\1/p' <<<"$1"; }
e=$(rate "$edgesim_line"); c=$(rate "$c_line"); s=$(rate "$simpy_line")
awk -v e="$e" -v c="$c" -v s="$s" 'BEGIN {
    printf "events_per_s edgesim=%.0f c=%.0f simpy=%.0f\n", e, c, s
    printf "ratio edgesim/c=%.2f edgesim/simpy=%.1f\n", e / c, e / s
}'
