import ArgumentParser
import EdgeSim
import Foundation
import Scenario
import SimKernel

struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Run a randomized fault campaign over a scenario, and shrink every failing schedule.",
        discussion: """
            For each seed, replaces SCENARIO's faults with a random schedule drawn \
            from its topology (swarm style: each seed enables a random subset of \
            cut, partition, crash, degrade and clock faults, with random times, \
            lengths and targets, overlaps allowed), runs the edge_hybrid arm in \
            two phases (faults, then a heal phase with every fault cleared), and \
            checks the run: no acknowledged write lost where the policy promises \
            none (siblings), every key converged by the end where anti-entropy \
            is on, no scheduler invariant broken. The network model has no \
            one-way cut, so the campaign draws none.

            A failing schedule is shrunk (faults dropped, shortened, moved later, \
            while it still fails) and written as OUT/repro-seed-N.yaml, a scenario \
            that `edgesim run` reproduces. Seeds run in parallel; each is \
            deterministic (the same seed gives the same schedule and the same run).

            Writes OUT (default Results/runs/<scenario name>-explore/):
              campaign.csv    seed, fault kinds, faults, outcome, the metrics checked
              repro-seed-N.yaml   for each failing seed, its shrunk schedule

            Exit status 0 when every seed passed, 1 when one failed, 2 on unusable input.

            EXAMPLES:
              edgesim explore Scenarios/store-partition.yaml --seeds 1000
              edgesim explore Scenarios/clock-skew.yaml --seeds 50 --set replication.policy=lww --require-no-loss
            """
    )

    @Argument(help: "The scenario file (YAML); it must have a replication section.")
    var scenario: String

    @Option(name: .customLong("set"), help: ArgumentHelp(ScenarioInput.setHelp, valueName: "key=value"))
    var sets: [String] = []

    @Option(help: "Seeds to run.")
    var seeds: Int = 100

    @Option(name: .customLong("first-seed"), help: "The first seed (seeds run from it upwards).")
    var firstSeed: UInt64 = 1

    @Option(help: "The heal phase at the end of each run, every fault cleared (default: a third of the run after warm-up, at most 10m).")
    var heal: String?

    @Option(name: .customLong("max-faults"), help: "Faults per schedule at most.")
    var maxFaults: Int = 6

    @Flag(name: .customLong("require-no-loss"), help: "Check for lost acknowledged writes whatever the policy (a negative control for lww).")
    var requireNoLoss = false

    @Flag(name: .customLong("no-shrink"), help: "Do not shrink failing schedules.")
    var noShrink = false

    @Option(help: "Results folder (default: Results/runs/<scenario name>-explore).")
    var out: String?

    @Flag(help: ArgumentHelp(OutputLocation.forceHelp))
    var force = false

    @Option(help: "Seeds at once (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "Print nothing on success but the failing seeds.")
    var quiet = false

    @OptionGroup var budgetOption: BudgetOption

    func validate() throws {
        if seeds < 1 { throw ValidationError("--seeds must be at least 1 (got \(seeds)).") }
        if maxFaults < 1 { throw ValidationError("--max-faults must be at least 1 (got \(maxFaults)).") }
        if let j = jobs, j < 1 { throw ValidationError("--jobs must be at least 1 (got \(j)).") }
        if let heal, (try? SimDuration(parsing: heal)) == nil {
            throw ValidationError("--heal: expected a duration such as 5m, found '\(heal)'.")
        }
    }

    func run() throws {
        let overrides = try ScenarioInput.overrides(sets)
        let (loaded, data) = try ScenarioInput.load(scenario, overrides: overrides)
        guard loaded.replication != nil else {
            ScenarioInput.fail(ExploreError(message: "\(scenario): explore needs a replication section (the checks read its history)"))
        }
        // The campaign is `seeds` runs of one arm, plus shrinking.
        _ = budgetOption.check(loaded, file: scenario, overrides: overrides, repetitions: seeds, arms: [.edgeHybrid])
        var explorer: Explorer
        do {
            explorer = try Explorer(scenario: loaded, text: String(decoding: data, as: UTF8.self),
                                    heal: try heal.map { try SimDuration(parsing: $0) }, maxFaults: maxFaults)
        } catch {
            ScenarioInput.fail(error)
        }
        if requireNoLoss { explorer.requireNoLoss = true }
        let folder = out ?? OutputLocation.defaultPath(loaded.name + "-explore")
        OutputLocation.check(folder, force: force, command: "explore")

        let seedList = (0..<UInt64(seeds)).map { firstSeed &+ $0 }
        let tty = !quiet && isatty(STDERR_FILENO) == 1
        let clock = ContinuousClock()
        let start = clock.now
        let outcomes = try explorer.explore(seeds: seedList, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount,
                                            shrinking: !noShrink, finished: { done in
            guard tty, done % 10 == 0 || done == seeds else { return }
            FileHandle.standardError.write(Data("\r\u{1B}[Kexplore: \(done)/\(seeds) seeds".utf8))
        })
        if tty { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        let wall = (clock.now - start) / .seconds(1)

        var files: [(name: String, contents: String)] = [("campaign.csv", Explorer.campaignCSV(outcomes))]
        let failing = outcomes.filter { !$0.verdict.passed }
        for o in failing {
            let faults = o.shrunk ?? o.faults
            let checks = (o.shrunkVerdict ?? o.verdict).failures.joined(separator: ", ")
            let comment = """
                Explored seed \(o.seed) of \(scenario): failed \(checks).
                Shrunk from \(o.faults.count) to \(faults.count) fault(s). Reproduce: edgesim run THIS_FILE
                """
            files.append(("repro-seed-\(o.seed).yaml", try explorer.reproducer(of: faults, seed: o.seed, comment: comment)))
        }
        OutputLocation.write(files, to: folder, force: force, command: "explore")

        for o in failing {
            print("seed \(o.seed): \(o.verdict.failures.joined(separator: ", ")) (lost \(o.verdict.lostAcknowledgedWrites), "
                  + "divergent \(o.verdict.divergentKeysAtEnd), invariants \(o.verdict.schedulerInvariantViolations)); "
                  + "shrunk to \((o.shrunk ?? o.faults).count) fault(s): \(folder)/repro-seed-\(o.seed).yaml")
        }
        if !quiet {
            var faultsByKind: [String] = []
            for kind in ExploredFaultKind.allCases {
                let faults = outcomes.reduce(0) { $0 + $1.faults.filter { $0.kindName == kind }.count }
                let seedsWith = outcomes.filter { $0.kinds.contains(kind) }.count
                faultsByKind.append("\(kind.rawValue) \(faults) (in \(seedsWith) seeds)")
            }
            let lost = outcomes.reduce(0) { $0 + $1.verdict.lostAcknowledgedWrites }
            let converged = outcomes.filter { !$0.verdict.failures.contains("not_converged") }.count
            print("wrote \(folder)/ (campaign.csv\(failing.isEmpty ? "" : ", \(failing.count) reproducers"))")
            print("\(seeds) seeds: \(seeds - failing.count) passed, \(failing.count) failed; lost acknowledged writes \(lost); "
                  + "converged \(converged)/\(seeds)\(explorer.requireConvergence ? "" : " (not required)")")
            print("faults by kind: " + faultsByKind.joined(separator: ", "))
            print(String(format: "%.1f s on %d jobs", wall, jobs ?? ProcessInfo.processInfo.activeProcessorCount))
        }
        if !failing.isEmpty { throw ExitCode(1) }
    }
}
