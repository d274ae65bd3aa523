#!/usr/bin/env python3
"""An independent Monte Carlo of the WARS model of Bailis et al.,
"Probabilistically Bounded Staleness for Practical Partial Quorums" (VLDB 2012).

A write goes to N replicas (leg W), each acknowledges (leg A); it commits at
the W-th acknowledgement. A read starts t after the commit, goes to the N
replicas (leg R), each answers (leg S) with the write if the write reached it
before the read request did; the read takes the first R answers and is
consistent if one of them had the write. Every leg of every replica is an
independent draw.

Usage: wars_montecarlo.py [--n 3 --r 1 --w 1] [--legs exponential:10 | lognormal:MU,SIGMA]
                          [--t 0,1,10,100] [--trials 1000000] [--seed 1]
Times in milliseconds. Prints one line per t: "t_ms p_consistent".
"""
import argparse

import numpy as np


def legs(spec, rng, shape):
    kind, _, args = spec.partition(":")
    if kind == "exponential":
        return rng.exponential(float(args), shape)
    if kind == "lognormal":  # mu and sigma of the underlying normal, of ln(ms)
        mu, sigma = (float(x) for x in args.split(","))
        return rng.lognormal(mu, sigma, shape)
    raise SystemExit(f"unknown leg distribution {spec}")


def p_consistent(n, r, w, spec, ts, trials, seed):
    rng = np.random.default_rng(seed)
    W, A, R, S = (legs(spec, rng, (trials, n)) for _ in range(4))
    commit = np.sort(W + A, axis=1)[:, w - 1:w]             # the W-th acknowledgement
    first = np.argsort(R + S, axis=1)[:, :r]                # the R first responders
    out = []
    for t in ts:
        has = W <= commit + t + R                           # the write arrived before the read request
        out.append(np.take_along_axis(has, first, axis=1).any(axis=1).mean())
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--n", type=int, default=3)
    p.add_argument("--r", type=int, default=1)
    p.add_argument("--w", type=int, default=1)
    p.add_argument("--legs", default="exponential:10")
    p.add_argument("--t", default="0,1,10,100")
    p.add_argument("--trials", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    ts = [float(x) for x in a.t.split(",")]
    for t, pc in zip(ts, p_consistent(a.n, a.r, a.w, a.legs, ts, a.trials, a.seed)):
        print(f"{t:g} {pc:.4f}")


if __name__ == "__main__":
    main()
