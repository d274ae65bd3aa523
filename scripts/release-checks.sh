#!/usr/bin/env bash
# The checks that run whole shipped scenarios, in a release build (the debug
# test suite runs nothing longer than 5 simulated minutes):
#
#   1. every shipped scenario, and the clock-skew policy sweep, is run again
#      and each of its CSV files must be byte-identical to the committed
#      reference under Results/ (run.json holds wall times and is skipped);
#   2. the shipped replication and scheduling scenarios must show what their
#      issues asked of them (scripts/shipped_checks.py);
#   3. a 50-seed fault campaign (edgesim explore) on store-partition passes.
#
# A change meant to move a number regenerates Results/ (make results) in the
# same commit. Usage: bash scripts/release-checks.sh   (from any folder)
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product edgesim >/dev/null
bin=.build/release/edgesim
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

shipped="smoke retail-chain uplink-outage store-partition clock-skew edge-failover quorum-staleness"
for s in $shipped; do
    start=$(date +%s)
    "$bin" run "Scenarios/$s.yaml" --out "$work/$s" --quiet
    echo "release-checks: ran $s in $(( $(date +%s) - start )) s"
done
"$bin" sweep Scenarios/clock-skew.yaml --set replication.policy=siblings,lww,timestamp_heuristic \
    --out "$work/clock-skew-policies" --quiet
# The quorum-staleness figure's sweep, as the Makefile's results target runs it.
"$bin" sweep Scenarios/quorum-staleness.yaml \
    --set 'topology.extra_links[0].latency={distribution: exponential, mean: 10ms},{distribution: lognormal, median: 6ms, sigma: 1}' \
    --set replication.r=1,2 --set replication.w=1,2 --out "$work/quorum-staleness-sweep" --quiet

failed=0
compared=0
for s in $shipped clock-skew-policies quorum-staleness-sweep; do
    while IFS= read -r -d '' f; do
        rel=${f#"Results/$s/"}
        compared=$((compared + 1))
        if ! cmp -s "$f" "$work/$s/$rel"; then
            echo "release-checks: Results/$s/$rel differs from a fresh run" >&2
            failed=1
        fi
    done < <(find "Results/$s" -name '*.csv' -print0)
done
echo "release-checks: $compared CSV files compared with Results/, $([ $failed -eq 0 ] && echo 'all byte-identical' || echo 'some differ')"

# The shipped scenarios' own checks, on the fresh runs.
sed 's/  policy: lww/  policy: siblings/' Scenarios/clock-skew.yaml > "$work/clock-skew-siblings.yaml"
"$bin" run "$work/clock-skew-siblings.yaml" --out "$work/clock-skew-siblings" --quiet
"$bin" run Scenarios/edge-failover.yaml --out "$work/edge-failover-explain" --quiet --explain
# uplink-outage with volatile store storage and a crash of a cut store during the cut.
sed -e 's/^  store_feedback: per_update/  store_feedback: per_update\n  durable: {store: false}/' \
    -e 's/^faults:/faults:\n  - {at: 30m, duration: 1m, kind: crash, node: store-2}/' \
    Scenarios/uplink-outage.yaml > "$work/uplink-outage-volatile.yaml"
"$bin" run "$work/uplink-outage-volatile.yaml" --out "$work/uplink-outage-volatile" --quiet --report \
    --plots "$work/uplink-outage-volatile-plots"
python3 scripts/shipped_checks.py "$work" || failed=1

# A 50-seed fault campaign on store-partition (siblings): no lost acknowledged
# write, convergence after every heal, no scheduler invariant broken.
start=$(date +%s)
if "$bin" explore Scenarios/store-partition.yaml --seeds 50 --out "$work/explore" --quiet; then
    echo "release-checks: 50-seed campaign passed in $(( $(date +%s) - start )) s"
else
    echo "release-checks: the 50-seed campaign failed; see the reproducers printed above" >&2
    failed=1
fi

exit $failed
