"""What the shipped replication and scheduling scenarios must show.

Reads the fresh runs that scripts/release-checks.sh wrote into FOLDER and
checks each scenario against the acceptance of the issue that shipped it.
Prints one line per check, then 'N passed, M failed'; exit status 1 on any
failure.

Usage: python3 scripts/shipped_checks.py FOLDER
"""
import csv
import json
import math
import os
import sys

folder = sys.argv[1]
passed = failed = 0


def check(ok, what):
    global passed, failed
    if ok:
        passed += 1
        print(f"ok   {what}")
    else:
        failed += 1
        print(f"FAIL {what}")


def comparison(run):
    """metric -> column -> value of comparison.csv."""
    rows = {}
    with open(os.path.join(folder, run, "comparison.csv"), newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        for row in reader:
            rows[row[1]] = {name: (float(v) if v not in ("", "nan") else math.nan)
                            for name, v in zip(header[3:], row[3:])}
    return header, rows


# store-partition: siblings lose nothing, every hint is delivered, reads are
# stale only until convergence.
_, sp = comparison("store-partition")
edge = {m: v["edge_hybrid"] for m, v in sp.items()}
check(edge["lost_acknowledged_writes"] == 0, "store-partition: no lost acknowledged write")
check(edge["hints_stored"] > 0 and edge["hints_delivered"] == edge["hints_stored"],
      f"store-partition: every hint delivered ({edge['hints_delivered']:.0f} of {edge['hints_stored']:.0f})")
check(edge["hint_backlog_end"] == 0, "store-partition: no hint left at the end")
c = edge["convergence_time_after_heal"]
check(math.isfinite(c) and 0 < c < 600, f"store-partition: converged {c:.1f} s after the heal")
check(edge["stale_reads_during_faults"] > 0 and edge["stale_reads_after_convergence"] == 0,
      "store-partition: stale reads during the cut, none after convergence")
check(edge["divergent_keys_at_end"] == 0, "store-partition: no divergent key at the end")

# clock-skew: lww loses acknowledged writes; siblings loses none and reports conflicts.
_, lww = comparison("clock-skew")
_, sib = comparison("clock-skew-siblings")
check(lww["lost_acknowledged_writes"]["edge_hybrid"] > 0, "clock-skew: lww loses acknowledged writes")
check(sib["lost_acknowledged_writes"]["edge_hybrid"] == 0, "clock-skew: siblings loses none")
check(sib["conflicts_detected"]["edge_hybrid"] > 0, "clock-skew: siblings reports conflicts")

# edge-failover: the crash moves inference within budget; WAN rises during
# the outage and returns after; --explain writes one JSON line per decision.
run = "edge-failover-explain"
header, ef = comparison(run)
check(header == ["scenario", "metric", "unit", "edge_hybrid", "cloud_only", "delta", "ratio",
                 "least_allocated", "least_allocated_delta", "least_allocated_ratio"],
      "edge-failover: comparison.csv has the third arm's columns")
check(ef["reschedules"]["edge_hybrid"] > 0 and ef["reschedules"]["cloud_only"] == 0,
      "edge-failover: the edge arm reschedules, cloud-only does not")
check(ef["sla_violating_placements"]["edge_hybrid"] == 0 and ef["sla_violating_placements"]["cloud_only"] > 0,
      "edge-failover: no placement beyond the budget on the edge arm")
p99 = ef["reschedule_time_p99"]["edge_hybrid"]
check(0 < p99 < 10, f"edge-failover: reschedule_time p99 {p99:.1f} s")
wan = []
with open(os.path.join(folder, run, "timeseries.csv"), newline="") as f:
    reader = csv.reader(f)
    header = next(reader)
    arm, metric, t, value = (header.index(k) for k in ("arm", "metric", "t_seconds", "value"))
    for row in reader:
        if row[arm] == "edge_hybrid" and row[metric] == "wan_bytes":
            wan.append((float(row[t]), float(row[value])))


def mean(lo, hi):
    xs = [v for t, v in wan if lo <= t <= hi]
    return sum(xs) / max(len(xs), 1)


before, during, after = mean(360, 900), mean(960, 1800), mean(1920, 2700)
check(during > 20 * before, f"edge-failover: WAN per minute {before:.0f} B before, {during:.0f} B during")
check(after < 2 * before, f"edge-failover: WAN per minute back to {after:.0f} B after")
with open(os.path.join(folder, run, "placements.jsonl")) as f:
    lines = f.read().splitlines()
check(len(lines) > 300 and all({"arm", "decision"} <= json.loads(line).keys() for line in lines),
      f"edge-failover: {len(lines)} parseable placement records")
with open(os.path.join(folder, run, "placement-nodes.csv")) as f:
    nodes = f.read()
check(nodes.startswith("scenario,arm,node,name,tier,millicores\n") and ",store-0/server-1,storeEdge," in nodes,
      "edge-failover: placement-nodes.csv lists the scheduler's nodes")

# quorum-staleness: the simulator's probe curve against an independent Monte
# Carlo of the WARS model (validation/wars_montecarlo.py), computed here, at
# every point of the sweep; R + W > N reads every write.
import subprocess

here = os.path.dirname(os.path.abspath(__file__))
montecarlo = os.path.join(here, "..", "validation", "wars_montecarlo.py")
delays = [("0ms", 0), ("1ms", 1), ("10ms", 10), ("100ms", 100)]


def probe_curve(path, point=None):
    """(arm edge_hybrid) delay label -> mean, for one point of sweep.csv or a run's summary.csv."""
    curve = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if point is not None and any(row[k] != v for k, v in point.items()):
                continue
            m = row["metric"]
            if row["arm"] == "edge_hybrid" and m.startswith("t_visibility_probe_") and "_ci95_" not in m:
                curve[m[len("t_visibility_probe_"):]] = float(row["mean"])
    return curve


def wars(r, w, legs):
    out = subprocess.run([sys.executable, montecarlo, "--n", "3", "--r", str(r), "--w", str(w), "--legs", legs,
                          "--t", ",".join(str(t) for _, t in delays), "--trials", "1000000"],
                         check=True, capture_output=True, text=True).stdout.split()
    return [float(x) for x in out[1::2]]


def compare(name, sim, mc):
    worst = max(abs(sim[label] - p) for (label, _), p in zip(delays, mc))
    text = " ".join(f"{label} {sim[label]:.4f}/{p:.4f}" for (label, _), p in zip(delays, mc))
    check(worst <= 0.02, f"{name}: sim/Monte Carlo {text} (largest gap {100 * worst:.2f} points, at most 2)")


compare("quorum-staleness (3,1,1) exp 10 ms", probe_curve(os.path.join(folder, "quorum-staleness", "summary.csv")),
        wars(1, 1, "exponential:10"))
sweep = os.path.join(folder, "quorum-staleness-sweep", "sweep.csv")
with open(sweep, newline="") as f:
    keys = next(csv.reader(f))[:-7]
lat, rk, wk = (next(k for k in keys if k.endswith(s)) for s in (".latency", ".r", ".w"))
legs = {"{distribution: exponential, mean: 10ms}": "exponential:10",
        # median 6 ms: the normal under ln(ms) has mean ln 6.
        "{distribution: lognormal, median: 6ms, sigma: 1}": f"lognormal:{math.log(6)},1"}
for latency, spec in legs.items():
    for r in (1, 2):
        for w in (1, 2):
            sim = probe_curve(sweep, {lat: latency, rk: str(r), wk: str(w)})
            name = f"quorum-staleness (3,{r},{w}) {spec.split(':')[0]}"
            compare(name, sim, wars(r, w, spec))
            if r + w > 3:
                check(all(v == 1 for v in sim.values()), f"{name}: every read consistent at every t (R + W > N)")

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
