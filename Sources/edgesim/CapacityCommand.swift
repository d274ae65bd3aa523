import EdgeBase
import ArgumentParser
import EdgeSim
import Foundation
import Metrics
import Scenario

struct CapacityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "Find by bisection the largest value of a key before a condition holds.",
        discussion: """
            Runs SCENARIO with --vary KEY set to whole values between --from and \
            --to, and finds the knee: the largest value at which the condition \
            of --until does not hold yet, to within --resolution. It assumes that \
            once the condition holds it holds for every larger value.

            --until is METRIC OP VALUE: METRIC a metric of summary.csv \
            (docs/METRICS.md), compared by its mean over the repetitions of \
            --arm; OP one of >, >=, <, <=; VALUE a number in the metric's unit or \
            a quantity as scenario files write it: 2s or 150ms for a latency, \
            99% for a fraction, $50000 for a monthly cost, 1GB for bytes. It is \
            checked before the first evaluation, against the metrics this \
            scenario's results have.

            To compare two arms, name the arm of a metric in brackets: \
            METRIC[ARM] OP METRIC[ARM], such as \
            "total_cost_usd_month[edge_hybrid] < total_cost_usd_month[cloud_only]" \
            (the value at which edge-hybrid becomes the cheaper arm). The metric \
            on the right must name its arm; one on the left without brackets is \
            --arm's (--arm is refused when no metric reads it). Every arm the \
            condition reads runs at every value, and the two metrics must share \
            a unit.

            Each evaluation is printed as it ends, the metric in its unit. OUT \
            (default Results/runs/<scenario name>-capacity/, which git ignores) \
            receives capacity.csv (value, metric, unit, metric_value, holds: the \
            curve over the values evaluated; reference, reference_value for a \
            comparison of two arms), capacity.json (the question and \
            the knee), and runs/<KEY>=<value>/ with each evaluation's results as \
            `edgesim run` writes them. `edgesim report OUT` draws the curve.

            Before anything runs, both ends of the range are estimated as `edgesim \
            run` estimates a scenario (--max-events, --max-memory, for the \
            repetitions of --arm); an estimate grows or shrinks with the key, so \
            the ends bound the values between. Should a value between them \
            still exceed the budget, the search stops before running it.

            Exit status: 0 with the knee; 1 when the condition holds already at \
            --from; 3 when it does not hold even at --to; 2 for a scenario or an \
            override that is not valid, a range beyond the budget, a metric the \
            results lack, or an OUT that EdgeSim did not write. See docs/SWEEPS.md.

            EXAMPLES:
              edgesim capacity Scenarios/smoke.yaml --vary topology.cameras_per_store --from 4 --to 200 --until "update_latency_p99 > 1s" --set topology.links.store_region.bandwidth=10Mbps
              edgesim capacity Scenarios/retail-chain.yaml --vary topology.stores_per_region --from 25 --to 125 --until "sla_met_fraction < 99%" --set duration=15m
              edgesim capacity Scenarios/smoke.yaml --vary deployment.cloud.gpus --from 1 --to 8 --until "total_cost_usd_month[edge_hybrid] < total_cost_usd_month[cloud_only]" --set deployment.cloud.fleet=fixed
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(help: "The key to vary, by its path (e.g. topology.stores_per_region); whole values.")
    var vary: String

    @Option(help: "The smallest value.")
    var from: Int

    @Option(help: "The largest value.")
    var to: Int

    @Option(help: ArgumentHelp("The condition to find, METRIC OP VALUE or METRIC[ARM] OP METRIC[ARM], e.g. \"update_latency_p99 > 2s\" or \"total_cost_usd_month[edge_hybrid] < total_cost_usd_month[cloud_only]\".",
                               valueName: "condition"))
    var until: String

    @Option(help: "The arm of a metric of --until without brackets: edge_hybrid, cloud_only, least_allocated or random (default: cloud_only). Only the arms --until reads run.")
    var arm: String?

    @Option(help: "Stop when the interval is at most this wide.")
    var resolution: Int = 1

    @Option(name: .customLong("set"), help: ArgumentHelp("Another override, fixed for every evaluation (as on `edgesim run`).",
                                                        valueName: "key=value"))
    var sets: [String] = []

    @Option(help: "Master seed (overrides the scenario's).")
    var seed: UInt64?

    @OptionGroup var repetitionOption: RepetitionOption

    @Option(help: "Results folder (default: Results/runs/<scenario name>-capacity, which git ignores).")
    var out: String?

    @Flag(help: ArgumentHelp(OutputLocation.forceHelp))
    var force = false

    @Flag(help: "No progress line on standard error.")
    var quiet = false

    @Option(help: "Runs at once within an evaluation (default: the number of cores).")
    var jobs: Int?

    @OptionGroup var budgetOption: BudgetOption

    func validate() throws {
        let condition: CapacityCondition
        do {
            condition = try CapacityCondition(parsing: until)
            _ = try CapacitySearch(from: from, to: to, resolution: resolution)
        } catch {
            throw ValidationError(error.message)
        }
        if let arm {
            guard Arm(rawValue: arm) != nil else {
                throw ValidationError("--arm: unknown arm '\(arm)'; use \(Arm.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            guard condition.readsDefaultArm else {
                throw ValidationError("--arm \(arm) is not used: every metric of --until \"\(condition)\" names its arm; leave --arm out.")
            }
        }
        if let j = jobs, j < 1 { throw ValidationError("--jobs must be at least 1 (got \(j)).") }
    }

    /// The arm of a metric of --until without brackets.
    static let defaultArm = Arm.cloudOnly

    func run() throws {
        let condition = try CapacityCondition(parsing: until)
        let search = try CapacitySearch(from: from, to: to, resolution: resolution)
        let arm = arm.flatMap(Arm.init(rawValue:)) ?? Self.defaultArm
        let arms = condition.arms(default: arm)
        let fixed = try ScenarioInput.overrides(sets)
        let (base, data) = try ScenarioInput.load(scenario, overrides: fixed)
        let text = String(decoding: data, as: UTF8.self)
        // Both ends must validate, and fit the budget, before anything runs:
        // the search evaluates both, and the estimate of a key's value grows
        // (or shrinks) with it, so the ends bound the values between.
        var overBudget: [String] = []
        for (v, option) in [(from, "--from"), (to, "--to")] {
            let issues = budgetIssues(try load(text, fixed: fixed, value: v), fixed: fixed, value: v, arm: arm)
            if !issues.isEmpty { overBudget.append("\(vary)=\(v) (\(option)):\n" + issues.map(\.description).joined(separator: "\n")) }
        }
        if !overBudget.isEmpty {
            ScenarioInput.fail(SweepError("the search range reaches beyond the budget; nothing was run:\n" + overBudget.joined(separator: "\n")))
        }
        let folder = out ?? OutputLocation.defaultPath("\(base.name)-capacity")
        OutputLocation.check(folder, force: force, command: "capacity")
        // The metrics must be ones this scenario's results have: a run of one
        // simulated second of --from per arm says which, with their units.
        let probed = try load(text, fixed: fixed, value: from)
        let metrics = Dictionary(uniqueKeysWithValues: arms.map { ($0, CapacityProbe.metrics(of: probed, arm: $0)) })
        let unit: String
        do {
            unit = try condition.check(against: { metrics[$0] ?? [] }, defaultArm: arm)
        } catch {
            ScenarioInput.fail(error)
        }
        let quantity = { (x: Double) in QuantityFormat.value(x, unit: unit) }
        let armsText = arms.map(\.rawValue).joined(separator: ", ")

        var files: [(name: String, contents: String)] = []
        let clock = ContinuousClock()
        let start = clock.now
        print("\(base.name): \(vary) from \(from) to \(to), until \(condition) (\(armsText)); at most \(search.maximumSteps) runs")
        fflush(nil)
        let progress = ProgressLine(enabled: !quiet)
        var evaluation = 0
        let (outcome, steps) = try search.run { value in
            evaluation += 1
            let scenario = try load(text, fixed: fixed, value: value)
            // A value between the ends beyond the budget (an estimate not
            // monotonic in the key) stops the search before it runs.
            let issues = budgetIssues(scenario, fixed: fixed, value: value, arm: arm)
            if !issues.isEmpty {
                progress.clear()
                ScenarioInput.fail(SweepError("\(vary)=\(value) (evaluation \(evaluation)) is beyond the budget; stopped before running it, nothing written:\n"
                                              + issues.map(\.description).joined(separator: "\n")))
            }
            var options = ExperimentRunner.Options()
            options.seed = seed
            options.repetitions = repetitionOption.value
            options.arms = arms
            if let jobs { options.jobs = jobs }
            progress.attach(to: &options, scenario: scenario,
                            context: "run \(evaluation) of at most \(search.maximumSteps), \(vary)=\(value)")
            let began = clock.now
            let runs = try ExperimentRunner(scenario: scenario, options: options).runAll()
            progress.clear()
            let wall = (clock.now - began) / .seconds(1)
            let overrides = fixed.descriptions + ["\(vary)=\(value)"]
            let info = RunInfo(scenarioName: scenario.name, scenarioHash: StableHashHex.of(data),
                               seed: seed ?? scenario.seed, repetitions: repetitionOption.value ?? scenario.repetitions, arms: arms,
                               version: EdgeSimVersion.current, eventsHandled: runs.reduce(0) { $0 + $1.result.eventsHandled },
                               wallSeconds: wall, jobs: options.jobs, slaSeconds: scenario.sla.seconds, overrides: overrides)
            for f in ResultsWriter.files(scenario: scenario, runs: runs, runInfo: info, scenarioText: text) {
                files.append(("runs/\(vary)=\(value)/\(f.name)", f.contents))
            }
            let evaluated = condition.evaluate(defaultArm: arm) { name, arm in
                let values = runs.filter { $0.arm == arm }
                    .compactMap { $0.result.metrics.first { $0.name == name }?.value.doubleValue }
                return values.isEmpty ? nil : Summary(values).mean
            }
            guard let evaluated else {
                ScenarioInput.fail(SweepError("--until: the results have no metric \(condition.metric)\(condition.reference.map { " or \($0.metric)" } ?? ""); see docs/METRICS.md or a summary.csv for the names"))
            }
            // A metric with no value (a latency percentile when no update was
            // applied: an overloaded pool) would read as "does not hold" and
            // move the knee past the collapse: stop and say so instead.
            if evaluated.value.isNaN || (evaluated.reference?.isNaN ?? false) {
                ScenarioInput.fail(SweepError("--until: \(condition.left)\(condition.reference.map { " or \($0)" } ?? "") has no value at \(vary)=\(value) (nothing measured: for a latency, no update reached its consumer in the measured window); the search cannot tell whether the condition holds there. Use a metric defined at every load, such as sla_met_fraction, which counts late and lost updates"))
            }
            let step = CapacitySearch.Step(value: value, metric: evaluated.value, reference: evaluated.reference,
                                           holds: evaluated.holds)
            var measured = "\(condition.left) = \(quantity(evaluated.value))"
            if let reference = condition.reference, let y = evaluated.reference { measured += ", \(reference) = \(quantity(y))" }
            print(String(format: "  %@=%d: %@, %@ (run %d, %.1f s of wall time)", vary, value, measured,
                         step.holds ? "holds" : "does not hold", evaluation, wall))
            // Each evaluation can take minutes: show it now, even into a file.
            fflush(nil)
            return step
        }
        let wall = (clock.now - start) / .seconds(1)
        files.append(("capacity.csv", CapacityReport.curve(steps, metric: condition.left.description, unit: unit,
                                                           reference: condition.reference?.description)))
        files.append(("capacity.json", CapacityReport.summary(scenario: base.name, key: vary, search: search, condition: condition,
                                                              arm: arm.rawValue, arms: arms.map(\.rawValue),
                                                              overrides: fixed.descriptions, outcome: outcome, runs: steps.count)))
        OutputLocation.write(files, to: folder, force: force, command: "capacity")
        let timing = String(format: "%d runs in %.1f s", steps.count, wall)
        let written = "wrote \(folder.hasSuffix("/") ? folder : folder + "/") (capacity.csv, capacity.json, runs/)"
        switch outcome {
        case .knee(let below, let above):
            let at = { (v: Int) -> String in
                guard let s = steps.first(where: { $0.value == v }) else { return "?" }
                return quantity(s.metric) + (s.reference.map { " against " + quantity($0) } ?? "")
            }
            print("knee: \(vary) = \(below) (\(condition.left) \(at(below)) at \(below); \(at(above)) at \(above), where \(condition) holds); \(timing)")
            print(written)
        case .holdsAtStart:
            print("\(condition) holds already at \(vary) = \(from); no knee in the range; \(timing)")
            print(written)
            throw ExitCode(1)
        case .neverHolds:
            print("\(condition) does not hold even at \(vary) = \(to); the knee lies beyond; \(timing)")
            print(written)
            throw ExitCode(3)
        }
    }

    /// What exceeds the budget in the runs of one evaluation (the repetitions of `arm`).
    func budgetIssues(_ scenario: Scenario, fixed: [ScenarioOverride], value: Int, arm: Arm) -> [ScenarioIssue] {
        let estimate = RunEstimate(scenario, repetitions: repetitionOption.value, arms: [arm])
        return budgetOption.budget.issues(estimate, file: self.scenario,
                                          overrides: fixed + [ScenarioOverride(path: vary, value: String(value))])
    }

    /// The scenario with the fixed overrides and KEY = value.
    func load(_ text: String, fixed: [ScenarioOverride], value: Int) throws -> Scenario {
        do {
            let s = try ScenarioLoader.parse(yaml: text, file: scenario,
                                             overrides: fixed + [ScenarioOverride(path: vary, value: String(value))])
            return s
        } catch {
            ScenarioInput.fail(SweepError("\(vary)=\(value):\n\(error)"))
        }
    }
}
