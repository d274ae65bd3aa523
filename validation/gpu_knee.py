#!/usr/bin/env python3
"""The capacity knee of a fixed cloud fleet against the M/G/c saturation point.

Runs `edgesim capacity` over topology.stores_per_region for the cloud-only arm
of the reference chain (one region, 10 simulated minutes, no faults) with a
fixed fleet of G and 2G GPUs, until the SLA fraction falls below 99%
(sla_met_fraction counts late and lost updates, so it is defined at every
load). The reference is the load at which the fleet saturates (utilisation 1):

    stores* = G x slots_per_gpu / E[service] / (cameras_per_store / frame_interval)

with E[service] = median x exp(sigma^2 / 2) for the lognormal inference time.
Below it an M/G/c queue is stable and the 2 s SLA holds almost always; above it
the backlog grows without bound for the rest of the run. The check passes when
each knee lies within 5% of its stores* and the 2G knee is 2x the G knee within 10%.

Build the release binary first (make release). Takes about 20 short runs.

Usage: gpu_knee.py [--edgesim .build/release/edgesim] [--gpus 8]
Exit status 0 when both checks hold, 1 otherwise.
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

SCENARIO = "Scenarios/retail-chain.yaml"
# The reference chain's values (Scenarios/retail-chain.yaml): cameras per store,
# frame interval (s), cloud inference time (lognormal median s, sigma).
CAMERAS, INTERVAL, MEDIAN, SIGMA, SLOTS = 50, 5.0, 0.015, 0.25, 1


def knee(edgesim, gpus, out):
    args = [edgesim, "capacity", SCENARIO, "--vary", "topology.stores_per_region", "--from", "5", "--to", "400",
            "--until", "sla_met_fraction < 99%", "--quiet", "--out", out,
            "--set", "topology.regions=1", "--set", "duration=10m", "--set", "warmup=2m", "--set", "faults=[]",
            "--set", "deployment.cloud.fleet=fixed", "--set", f"deployment.cloud.gpus={gpus}"]
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(out, "capacity.json")) as f:
        return json.load(f)["knee"]


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--edgesim", default=".build/release/edgesim")
    p.add_argument("--gpus", type=int, default=8)
    a = p.parse_args()
    mean_service = MEDIAN * math.exp(SIGMA ** 2 / 2)
    per_store = CAMERAS / INTERVAL
    ok = True
    knees = {}
    with tempfile.TemporaryDirectory() as tmp:
        for g in (a.gpus, 2 * a.gpus):
            k = knee(a.edgesim, g, os.path.join(tmp, f"gpus-{g}"))
            saturation = g * SLOTS / mean_service / per_store
            close = abs(k - saturation) <= 0.05 * saturation
            ok &= close
            knees[g] = k
            print(f"{g:3d} GPUs: knee {k} stores per region; saturation point {saturation:.1f} "
                  f"({'within' if close else 'NOT within'} 5%)")
    ratio = knees[2 * a.gpus] / knees[a.gpus]
    proportional = abs(ratio - 2) <= 0.2
    ok &= proportional
    print(f"knee ratio 2G/G = {ratio:.3f} ({'within' if proportional else 'NOT within'} 10% of 2)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
