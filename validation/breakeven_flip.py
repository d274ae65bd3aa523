#!/usr/bin/env python3
"""The store-server break-even of breakeven.csv, checked by rerunning.

Runs a scenario (both arms), reads the break-even store-server price from its
breakeven.csv, then reruns it with that price 1% below and 1% above (with
--set deployment.store.price=...) and reports each arm's monthly total from
costs.csv (the sum of its line items, averaged over repetitions). The check
passes when the cheaper arm flips between the two reruns, the way
breakeven.csv says it does (edge_hybrid_cheaper_when: below or above).

A price changes no simulated quantity, so the three runs simulate the same
deployment with the same seeds; only the bill differs.

Build the release binary first (make release). Takes three full runs of the
scenario.

Usage: breakeven_flip.py [--edgesim .build/release/edgesim]
                         [--scenario Scenarios/retail-chain.yaml] [--key deployment.store.price]
                         [--keep FOLDER] [--set KEY=VALUE ...]
Exit status 0 when the cheaper arm flips, 1 when it does not.
"""
import argparse
import csv
import os
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from decimal import Decimal

# Price keys the break-even can be checked for by rerunning, with their unit.
UNITS = {"deployment.store.price": "/h", "deployment.region.price": "/h", "deployment.cloud.price": "/h",
         "costs.cloud_service": "/h", "costs.store_site": "/month", "costs.region_site": "/month"}


def run(edgesim, scenario, out, sets):
    command = [edgesim, "run", scenario, "--out", out, "--quiet"]
    for s in sets:
        command += ["--set", s]
    subprocess.run(command, check=True)


def totals(folder):
    """arm -> mean over repetitions of the sum of the arm's line items."""
    sums, repetitions = defaultdict(Decimal), defaultdict(set)
    with open(os.path.join(folder, "costs.csv"), newline="") as f:
        for row in csv.DictReader(f):
            sums[row["arm"]] += Decimal(row["usd_month"])
            repetitions[row["arm"]].add(row["repetition"])
    return {arm: total / len(repetitions[arm]) for arm, total in sums.items()}


def breakeven(folder, key):
    with open(os.path.join(folder, "breakeven.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["price_key"] == key:
                return Decimal(row["breakeven_price_usd"]), row["edge_hybrid_cheaper_when"]
    raise SystemExit(f"breakeven.csv has no row for {key}")


def cheaper(t):
    return "edge_hybrid" if t["edge_hybrid"] < t["cloud_only"] else "cloud_only"


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--edgesim", default=".build/release/edgesim")
    p.add_argument("--scenario", default="Scenarios/retail-chain.yaml")
    p.add_argument("--key", default="deployment.store.price", choices=sorted(UNITS))
    p.add_argument("--keep", help="write the three runs under this folder (it must not exist) instead of a temporary one")
    p.add_argument("--set", action="append", default=[], dest="sets", help="a further override for every run")
    a = p.parse_args()

    base = a.keep or tempfile.mkdtemp(prefix="breakeven-flip-")
    if a.keep:
        os.makedirs(base)
    try:
        run(a.edgesim, a.scenario, os.path.join(base, "reference"), a.sets)
        price, when = breakeven(os.path.join(base, "reference"), a.key)
        if when not in ("below", "above"):
            print(f"{a.key}: edge-hybrid is {when} cheaper; nothing to flip")
            return 1
        print(f"{a.key}: break-even ${price}{UNITS[a.key]}; edge-hybrid is cheaper {when} it")
        outcomes = {}
        for label, factor in (("below", Decimal("0.99")), ("above", Decimal("1.01"))):
            value = (price * factor).quantize(Decimal("0.000001"))
            out = os.path.join(base, f"{label}-1pct")
            run(a.edgesim, a.scenario, out, a.sets + [f"{a.key}=${value}{UNITS[a.key]}"])
            t = totals(out)
            outcomes[label] = cheaper(t)
            print(f"  1% {label}: ${value}{UNITS[a.key]}  edge_hybrid ${t['edge_hybrid']:.2f}/month  "
                  f"cloud_only ${t['cloud_only']:.2f}/month  cheaper: {outcomes[label]}")
        expected = {"below": "edge_hybrid" if when == "below" else "cloud_only",
                    "above": "cloud_only" if when == "below" else "edge_hybrid"}
        flips = outcomes == expected
        print("flips as breakeven.csv says" if flips else f"does NOT flip as breakeven.csv says (expected {expected})")
        return 0 if flips else 1
    finally:
        if not a.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
