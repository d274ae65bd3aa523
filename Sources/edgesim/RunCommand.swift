import EdgeBase
import ArgumentParser
import EdgeSim
import Foundation
import Metrics
import Scenario

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a scenario's arms and repetitions and write CSV results.",
        discussion: """
            Reads SCENARIO (YAML, see Scenarios/README.md), applies any --set \
            overrides to it, validates it whole (every problem is reported with \
            file, key path and line, exit status 2, nothing written), then runs \
            every arm (edge_hybrid, cloud_only, and least_allocated or random \
            where the scenario lists them) and repetition, several at once, \
            and writes into OUT (default Results/runs/<scenario name>/, which git \
            ignores), atomically:

              metrics.csv     one row per arm, repetition and metric
              summary.csv     mean, stddev and Student-t 95% interval per arm and metric
              comparison.csv  each arm beside cloud_only, with delta and ratio
              timeseries.csv  per time bucket after the warm-up
              run.json        scenario hash, seed, SLA, overrides, version, events, wall time
              scenario.yaml   the scenario file as read (run.json lists the --set overrides)
              costs.csv       the itemised monthly bill of every run
              breakeven.csv   per price, where the two arms cost the same

            With --explain, also placements.jsonl (every scheduling decision: \
            each node's filter verdict, each plugin's scores, the choice and the \
            fallback path) and placement-nodes.csv.

            With --report, the report of the results follows the run (as \
            `edgesim report OUT` writes it): OUT/report.html with its figures, \
            and the figures' data under plots/<scenario name>/.

            Every metric is defined in docs/METRICS.md. The same scenario and seed \
            give byte-identical CSV files; only run.json differs between runs.

            OUT is replaced whole only when it is new, empty or a folder EdgeSim \
            wrote (its run.json says so); anything else exits 2 untouched.

            EXAMPLES:
              edgesim run Scenarios/smoke.yaml
              edgesim run Scenarios/retail-chain.yaml --repetitions 3 --jobs 2 --report
              edgesim run Scenarios/smoke.yaml --set faults=[] --seed 7 --out /tmp/what-if
            """
    )

    @Argument(help: "The scenario file (YAML).")
    var scenario: String

    @Option(name: .customLong("set"), help: ArgumentHelp(ScenarioInput.setHelp, valueName: "key=value"))
    var sets: [String] = []

    @Option(help: "Master seed (overrides the scenario's).")
    var seed: UInt64?

    @OptionGroup var repetitionOption: RepetitionOption

    @Option(help: "Arms to run, comma-separated: edge_hybrid, cloud_only, least_allocated, random (overrides the scenario's).")
    var arms: String?

    @Option(help: "Results folder (default: Results/runs/<scenario name>, which git ignores).")
    var out: String?

    @Flag(help: ArgumentHelp(OutputLocation.forceHelp))
    var force = false

    @Option(help: "Runs at once (default: the number of cores).")
    var jobs: Int?

    @Flag(help: "Write OUT/report.html and its figures right after the run (needs gnuplot; see `edgesim report --help`).")
    var report = false

    @Option(help: "With --report: where the figures and their data go (default: plots/<scenario name>).")
    var plots: String?

    @Flag(help: "Print nothing on success: no progress line, no summary (warnings and errors still go to standard error).")
    var quiet = false

    @OptionGroup var budgetOption: BudgetOption

    @Flag(help: "Explain every placement decision: OUT/placements.jsonl (one JSON line each) and OUT/placement-nodes.csv.")
    var explain = false

    func validate() throws {
        if plots != nil && !report { throw ValidationError("--plots needs --report.") }
        if let j = jobs, j < 1 { throw ValidationError("--jobs must be at least 1 (got \(j)).") }
        _ = try parsedArms()
    }

    func parsedArms() throws -> [Arm]? {
        try ArmList.parse(arms)
    }

    func run() throws {
        let overrides = try ScenarioInput.overrides(sets)
        let (loaded, text) = try ScenarioInput.load(scenario, overrides: overrides)
        var options = ExperimentRunner.Options()
        options.seed = seed
        options.repetitions = repetitionOption.value
        options.arms = try parsedArms()
        if let jobs { options.jobs = jobs }
        options.explain = explain
        let estimate = budgetOption.check(loaded, file: scenario, overrides: overrides, repetitions: options.repetitions, arms: options.arms)
        // One line on a terminal, updated in place; nothing otherwise.
        let progress = ProgressLine(enabled: !quiet)
        progress.estimatedEvents = estimate.events
        progress.attach(to: &options, scenario: loaded)
        let folder = out ?? OutputLocation.defaultPath(loaded.name)
        OutputLocation.check(folder, force: force, command: "run")
        let runner = ExperimentRunner(scenario: loaded, options: options)
        let clock = ContinuousClock()
        let start = clock.now
        let runs = try runner.runAll()
        progress.clear()
        let wall = (clock.now - start) / .seconds(1)
        let info = RunInfo(scenarioName: loaded.name, scenarioHash: String(StableHashHex.of(text)),
                           seed: seed ?? loaded.seed, repetitions: repetitionOption.value ?? loaded.repetitions,
                           arms: options.arms ?? loaded.arms, version: EdgeSimVersion.current,
                           eventsHandled: runs.reduce(0) { $0 + $1.result.eventsHandled }, wallSeconds: wall,
                           jobs: options.jobs, slaSeconds: loaded.sla.seconds, overrides: overrides.descriptions)
        let files = ResultsWriter.files(scenario: loaded, runs: runs, runInfo: info,
                                        scenarioText: String(decoding: text, as: UTF8.self))
        OutputLocation.write(files, to: folder, force: force, command: "run")
        if !quiet {
            print("wrote \(folder.hasSuffix("/") ? folder : folder + "/") (\(files.map(\.name).joined(separator: ", ")))")
            print(String(format: "%d runs, %d events in %.2f s", runs.count, info.eventsHandled, wall))
        }
        guard report else { return }
        var reportOptions = ResultsReport.Options()
        reportOptions.plotsFolder = plots
        do {
            let outcome = try ResultsReport.write(resultsFolder: folder, options: reportOptions)
            let page = (folder.hasSuffix("/") ? folder : folder + "/") + ResultsReport.pageName
            if !quiet { print("report: \(page) (figures: \(outcome.figures.joined(separator: ", ")); data in \(outcome.plotsPath)/)") }
        } catch {
            FileHandle.standardError.write(Data("edgesim run --report: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
