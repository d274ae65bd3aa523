import EdgeBase
import Foundation
import Metrics
import Scenario
import Workloads

/// Runs the points of a sweep (or of one shard of it) and returns the sweep
/// folder's files.
///
/// Every (point, arm, repetition) run goes into one pool of workers, so a
/// sweep of many short points and one of few long ones both keep the cores
/// busy; results are gathered by index, so the files are the same bytes
/// whatever the number of workers or the order in which runs finish.
public struct SweepRunner: Sendable {
    public struct Options: Sendable {
        /// Overrides the scenario's master seed.
        public var seed: UInt64?
        /// Overrides the scenario's repetition count.
        public var repetitions: Int?
        /// Overrides the scenario's arms.
        public var arms: [Arm]?
        /// Runs at once; defaults to the number of cores.
        public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
        /// Which slice of the points to run.
        public var shard: SweepShard = .whole
        /// Called after each run with (runs finished, runs in all).
        public var progress: (@Sendable (Int, Int) -> Void)?
        /// Called while runs go on (see ``RunTick``; its label names the point).
        public var tick: (@Sendable (RunTick) -> Void)?

        public init() {}
    }

    /// The scenario file's text.
    public var yaml: String
    /// The name its issues are reported under.
    public var file: String
    public var plan: SweepPlan
    public var options: Options

    public init(yaml: String, file: String, plan: SweepPlan, options: Options = Options()) {
        self.yaml = yaml
        self.file = file
        self.plan = plan
        self.options = options
    }

    /// The scenario of each point of the shard, validated.
    ///
    /// - Throws: ``SweepError`` listing every point that does not validate,
    ///   each with its problems.
    public func scenarios() throws(SweepError) -> [(point: SweepPoint, scenario: Scenario)] {
        var loaded: [(SweepPoint, Scenario)] = []
        var problems: [String] = []
        for point in plan.points(in: options.shard) {
            do {
                let s = try ScenarioLoader.parse(yaml: yaml, file: file, overrides: point.overrides)
                loaded.append((point, s))
            } catch {
                problems.append("point \(point.index) (\(zip(point.keys, point.values).map { "\($0)=\($1)" }.joined(separator: " "))):\n\(error)")
            }
        }
        guard problems.isEmpty else { throw SweepError(problems.joined(separator: "\n")) }
        return loaded
    }

    /// The manifest of this run's folder: the seed, repetitions and arms
    /// are the options', else the scenario file's as written.
    ///
    /// - Throws: ``SweepError`` when the file without overrides does not validate.
    public func manifest() throws(SweepError) -> SweepManifest {
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.parse(yaml: yaml, file: file)
        } catch {
            throw SweepError(error.description)
        }
        return SweepManifest(scenario: scenario.name, scenarioHash: StableHashHex.of(Data(yaml.utf8)), sets: plan.axes.map(\.description),
                      seed: options.seed ?? scenario.seed, repetitions: options.repetitions ?? scenario.repetitions,
                      arms: (options.arms ?? scenario.arms).map(\.rawValue), points: plan.count,
                      shard: options.shard.description, shardPoints: plan.points(in: options.shard).map(\.index),
                      version: EdgeSimVersion.current)
    }

    /// Runs every point of the shard.
    ///
    /// - Returns: the files of the sweep folder (see ``SweepOutput``) and the
    ///   number of runs and events.
    /// - Throws: ``SweepError`` for points that do not validate, or a run's error.
    public func run() throws -> (files: [(name: String, contents: String)], runs: Int, events: Int) {
        let points = try scenarios()
        var tasks: [ExperimentRunner.Task] = []
        var owner: [Int] = []
        var labels: [String] = []
        for (i, p) in points.enumerated() {
            var o = ExperimentRunner.Options()
            o.seed = options.seed
            o.repetitions = options.repetitions
            o.arms = options.arms
            let t = ExperimentRunner(scenario: p.scenario, options: o).tasks()
            tasks += t
            owner += Array(repeating: i, count: t.count)
            let label = "point \(p.point.index + 1) of \(plan.count) ("
                + zip(p.point.keys, p.point.values).map { "\($0)=\($1)" }.joined(separator: " ") + ")"
            labels += Array(repeating: label, count: t.count)
        }
        var progress = ExperimentRunner.Progress()
        if let report = options.progress {
            progress.finished = { done, total, _, _, _ in report(done, total) }
        }
        progress.tick = options.tick
        progress.labels = labels
        let runs = try ExperimentRunner.perform(tasks, jobs: options.jobs, progress: progress)
        var byPoint = Array(repeating: [ExperimentRunner.Run](), count: points.count)
        for (i, run) in runs.enumerated() { byPoint[owner[i]].append(run) }

        var pointFiles: [SweepOutput.PointFiles] = []
        for (i, p) in points.enumerated() {
            let r = byPoint[i]
            let info = RunInfo(scenarioName: p.scenario.name, scenarioHash: StableHashHex.of(Data(yaml.utf8)),
                               seed: options.seed ?? p.scenario.seed,
                               repetitions: options.repetitions ?? p.scenario.repetitions,
                               arms: options.arms ?? p.scenario.arms, version: EdgeSimVersion.current,
                               eventsHandled: r.reduce(0) { $0 + $1.result.eventsHandled },
                               wallSeconds: r.reduce(0) { $0 + $1.wallSeconds }, jobs: options.jobs,
                               slaSeconds: p.scenario.sla.seconds, overrides: p.point.overrides.descriptions)
            pointFiles.append(SweepOutput.PointFiles(point: p.point,
                                                     files: ResultsWriter.files(scenario: p.scenario, runs: r, runInfo: info)))
        }
        let files = try SweepOutput.files(plan: plan, manifest: manifest(), points: pointFiles)
        return (files, runs.count, runs.reduce(0) { $0 + $1.result.eventsHandled })
    }
}
