# EdgeSim: the two commands a new user runs, and their helpers.
#
#   make run    build (release) and run the main job
#   make test   build and run every test
#
# Both first install what is missing (GNU Scientific Library through
# apt-get), so they work on a fresh Debian machine with the Swift toolchain.

SWIFT ?= swift
RELEASE_BIN := .build/release/edgesim

.PHONY: setup build release run results smoke test bench clean

## Install the system packages EdgeSim builds against, when missing.
setup:
	@bash scripts/setup.sh

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release --product edgesim

## The main job: the reference retail chain, both arms, into Results/runs/retail-chain/
## (ignored by git; the committed reference stays in Results/retail-chain/), and its report.
run: release
	$(RELEASE_BIN) run Scenarios/retail-chain.yaml --report
	@echo "Open Results/runs/retail-chain/report.html (every metric is defined in docs/METRICS.md)."

## Regenerate the committed reference results and reports of every shipped
## scenario under Results/<name>/ (figures under plots/<name>/).
SHIPPED := smoke retail-chain store-partition clock-skew edge-failover quorum-staleness
## The quorum-staleness figure: (r, w) and the delay distribution swept (docs/QUORUM_STALENESS.md).
QUORUM_SWEEP := --set 'topology.extra_links[0].latency={distribution: exponential, mean: 10ms},{distribution: lognormal, median: 6ms, sigma: 1}' \
	--set replication.r=1,2 --set replication.w=1,2
results: release
	for s in $(SHIPPED); do $(RELEASE_BIN) run Scenarios/$$s.yaml --out Results/$$s --quiet --report --plots plots/$$s || exit 1; done
	$(RELEASE_BIN) sweep Scenarios/clock-skew.yaml --set replication.policy=siblings,lww,timestamp_heuristic \
		--out Results/clock-skew-policies --quiet
	$(RELEASE_BIN) sweep Scenarios/quorum-staleness.yaml $(QUORUM_SWEEP) --out Results/quorum-staleness-sweep --quiet
	$(RELEASE_BIN) report Results/quorum-staleness-sweep --plots plots/quorum-staleness-sweep

## The small scenario CI runs, into Results/runs/smoke/ (ignored by git).
smoke: release
	$(RELEASE_BIN) run Scenarios/smoke.yaml

## Every unit and end-to-end test.
test: setup
	$(SWIFT) test

## Side-by-side benchmarks against the C and SimPy references.
bench: setup
	bash benchmarks/phold.sh
	bash benchmarks/fanin.sh

clean:
	rm -rf .build
