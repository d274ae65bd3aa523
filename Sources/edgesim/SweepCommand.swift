import ArgumentParser
import EdgeSim
import Foundation
import Metrics
import Scenario

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a scenario at every combination of values of some of its keys.",
        discussion: """
            Each --set KEY=V1,V2,... names a scenario key by its path and the values \
            to try (in the file's notation: 50, 10ms, 100Mbps, []); the points are \
            the cross product, the first --set varying slowest. Every point runs \
            the scenario's arms and repetitions, all points' runs sharing the \
            workers, and OUT (default Results/runs/<scenario name>-sweep/, which \
            git ignores) receives, atomically:

              points/<index>-<key=value,...>/   each point's results, as from `run`
              points.csv    index, the keys' values, folder
              sweep.csv     a row per point, arm and metric: the keys' values,
                            arm, metric, n, mean, stddev, ci95_low, ci95_high
              sweep.json    scenario hash, sets, seed, repetitions, shard

            The files are the same bytes whatever --jobs is (only each point's \
            run.json records wall time). With --shard K/N only the points whose \
            index is K-1 modulo N run; `edgesim merge` joins the N shard folders \
            into the folder one run writes. See docs/SWEEPS.md.

            Exit status 2, with every problem of every point located, when a point \
            does not validate, when a point's up-front estimate (its arms and \
            repetitions) exceeds --max-events or --max-memory (every point is \
            checked before any runs, each reported with its estimate and the \
            keys that drive it), or when OUT is a folder EdgeSim did not write; \
            nothing is written then.

            EXAMPLES:
              edgesim sweep Scenarios/smoke.yaml --set workload.upload_interval=30s,1m,2m
              edgesim sweep Scenarios/smoke.yaml --set seed=1,2,3 --shard 2/3 --out /tmp/shard-2
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: .customLong("set"), help: ArgumentHelp("A key and its values: KEY=V1,V2,... (repeatable; commas inside [] or {} do not split).",
                                                        valueName: "key=values"))
    var sets: [String] = []

    @Option(help: "Run only slice K of N (1-based), e.g. 2/8: the points whose index is K-1 modulo N.")
    var shard: String?

    @Option(help: "Master seed (overrides the scenario's).")
    var seed: UInt64?

    @OptionGroup var repetitionOption: RepetitionOption

    @Option(help: "Arms to run, comma-separated: edge_hybrid, cloud_only (overrides the scenario's).")
    var arms: String?

    @Option(help: "Results folder (default: Results/runs/<scenario name>-sweep, which git ignores).")
    var out: String?

    @Flag(help: ArgumentHelp(OutputLocation.forceHelp))
    var force = false

    @Flag(help: """
        Keep the points an interrupted sweep of the same manifest (scenario file, sets, seed, repetitions, arms, \
        shard) already wrote, and run only the others. Points are written as they finish, into .OUT.edgesim-partial \
        beside OUT, which becomes OUT when the last point is done; the result is byte-identical to an uninterrupted sweep.
        """)
    var resume = false

    @Option(help: "Runs at once, across points and repetitions (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "No progress line on standard error (there is none when it is not a terminal).")
    var quiet = false

    @OptionGroup var budgetOption: BudgetOption

    func validate() throws {
        if sets.isEmpty { throw ValidationError("give at least one --set KEY=V1,V2,...") }
        if let j = jobs, j < 1 { throw ValidationError("--jobs must be at least 1 (got \(j)).") }
        _ = try plan()
        _ = try parsedShard()
        _ = try ArmList.parse(arms)
    }

    func plan() throws -> SweepPlan {
        var axes: [SweepAxis] = []
        for text in sets {
            do {
                axes.append(try SweepAxis(parsing: text))
            } catch {
                throw ValidationError(error.message)
            }
        }
        if let twice = axes.enumerated().first(where: { i, a in axes[..<i].contains { $0.key == a.key } }) {
            throw ValidationError("--set \(twice.element.key) is given twice; list all its values in one --set")
        }
        return SweepPlan(axes: axes)
    }

    func parsedShard() throws -> SweepShard {
        guard let shard else { return .whole }
        do {
            return try SweepShard(parsing: shard)
        } catch {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        let plan = try plan()
        // The file as written must read and validate too (it names the sweep).
        let text = String(decoding: try ScenarioInput.load(scenario, overrides: []).text, as: UTF8.self)
        var options = SweepRunner.Options()
        options.seed = seed
        options.repetitions = repetitionOption.value
        options.arms = try ArmList.parse(arms)
        options.shard = try parsedShard()
        if let jobs { options.jobs = jobs }
        // One line on a terminal, updated in place; nothing otherwise.
        let progress = ProgressLine(enabled: !quiet)
        progress.attach(to: &options)
        let runner = SweepRunner(yaml: text, file: scenario, plan: plan, options: options)
        let manifest: SweepManifest
        do {
            let points = try runner.scenarios()
            manifest = try runner.manifest()
            // Every point is estimated before any runs.
            try runner.checkBudget(budgetOption.budget, points: points)
        } catch {
            ScenarioInput.fail(error)
        }
        let folder = out ?? OutputLocation.defaultPath("\(manifest.scenario)-sweep")
        OutputLocation.check(folder, force: force, command: "sweep")
        let clock = ContinuousClock()
        let start = clock.now
        let outcome: SweepRunner.Outcome
        do {
            outcome = try runner.run(into: URL(fileURLWithPath: folder), force: force, resume: resume)
        } catch let error as SweepError {
            progress.clear()
            ScenarioInput.fail(error)
        } catch let error as OutputError {
            progress.clear()
            OutputLocation.fail("sweep", error)
        }
        progress.clear()
        let wall = (clock.now - start) / .seconds(1)
        let shardNote = options.shard == .whole ? "" : " (shard \(options.shard))"
        guard !quiet else { return }
        let resumed = outcome.pointsResumed > 0 ? ", \(outcome.pointsResumed) of them kept from the interrupted sweep" : ""
        print("wrote \(folder)/ (sweep.csv, points.csv, sweep.json, points/): \(manifest.shardPoints.count) of \(plan.count) points\(shardNote)\(resumed)")
        print(String(format: "%d runs, %d events in %.2f s", outcome.runs, outcome.events, wall))
    }
}

/// `--arms edge_hybrid,cloud_only`.
enum ArmList {
    /// The arms named, or nil when the option is absent.
    ///
    /// - Throws: `ValidationError` for an empty list (`--arms ""`), an
    ///   unknown arm, or an arm listed twice.
    static func parse(_ text: String?) throws -> [Arm]? {
        guard let text else { return nil }
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let known = Arm.allCases.map(\.rawValue).joined(separator: ", ")
        guard names.contains(where: { !$0.isEmpty }) else {
            throw ValidationError("--arms: name at least one arm (\(known)).")
        }
        var found: [Arm] = []
        for name in names {
            guard let arm = Arm(rawValue: name) else {
                throw ValidationError("--arms: unknown arm '\(name)'; use \(known).")
            }
            guard !found.contains(arm) else { throw ValidationError("--arms: \(name) is listed twice; list each arm once.") }
            found.append(arm)
        }
        return found
    }
}
