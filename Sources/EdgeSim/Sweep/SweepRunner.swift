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

    /// Checks every point against `budget` before any runs: each point's
    /// runs (its arms × repetitions, as they will run) are estimated as
    /// `edgesim run` estimates one scenario (``RunEstimate``).
    ///
    /// - Parameter points: the shard's points, from ``scenarios()``.
    /// - Throws: ``SweepError`` listing every point beyond the budget, each
    ///   with its values, its estimate and the keys that drive it.
    public func checkBudget(_ budget: RunBudget, points: [(point: SweepPoint, scenario: Scenario)]) throws(SweepError) {
        var problems: [String] = []
        for (point, scenario) in points {
            let estimate = RunEstimate(scenario, repetitions: options.repetitions, arms: options.arms)
            let issues = budget.issues(estimate, file: file, overrides: point.overrides)
            guard !issues.isEmpty else { continue }
            problems.append("point \(point.index) (\(zip(point.keys, point.values).map { "\($0)=\($1)" }.joined(separator: " "))):\n"
                            + issues.map(\.description).joined(separator: "\n"))
        }
        guard problems.isEmpty else {
            throw SweepError("\(problems.count) of \(points.count) points beyond the budget; nothing was run:\n"
                             + problems.joined(separator: "\n"))
        }
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

    /// What a sweep did.
    public struct Outcome: Sendable {
        /// Runs done now.
        public var runs: Int
        /// Events those runs handled.
        public var events: Int
        /// Points run now.
        public var pointsRun: Int
        /// Points taken whole from an interrupted sweep (`--resume`).
        public var pointsResumed: Int
    }

    /// Where a sweep bound for `destination` writes its points as they
    /// finish: `.NAME.edgesim-partial` beside it. It becomes the destination
    /// in one step when the last point is written; until then an interrupted
    /// sweep leaves it for `--resume`.
    public static func partialFolder(for destination: URL) -> URL {
        let d = destination.standardizedFileURL
        return d.deletingLastPathComponent().appendingPathComponent(".\(d.lastPathComponent)\(partialTag)")
    }

    /// The suffix of a partial sweep's folder name.
    static let partialTag = ".edgesim-partial"

    /// Runs every point of the shard and writes the sweep folder, point by
    /// point: each point's files are written as soon as its runs are done and
    /// then released, so memory holds the runs in flight, not the sweep.
    ///
    /// The points go to ``partialFolder(for:)`` (each point's folder appears
    /// whole, by a rename); points.csv and sweep.csv are then built from the
    /// points' summary.csv files, and the folder takes the destination's
    /// place in one step. With `resume`, the points an interrupted sweep of
    /// the same manifest finished are kept and not run again; runs are
    /// deterministic, so the folder is byte-identical to an uninterrupted
    /// sweep's. Without it, a partial sweep left beside the destination is
    /// discarded.
    ///
    /// - Throws: ``SweepError`` for points that do not validate or a partial
    ///   sweep of another manifest under `resume`; `OutputError` for a
    ///   destination that may not be replaced or a file-system failure; a
    ///   run's error.
    public func run(into destination: URL, force: Bool = false, resume: Bool = false) throws -> Outcome {
        let points = try scenarios()
        let manifest = try manifest()
        let fm = FileManager.default
        let partial = Self.partialFolder(for: destination)
        let manifestFile = partial.appendingPathComponent(SweepManifest.fileName)
        try ResultsFolder.checkReplaceable(destination, force: force)
        if fm.fileExists(atPath: partial.path) {
            let previous = try? String(contentsOf: manifestFile, encoding: .utf8)
            if resume, previous != manifest.json {
                throw SweepError("the partial sweep at \(partial.path) is of another sweep (its sweep.json differs: "
                    + "scenario file, sets, seed, repetitions, arms, shard or version); run without --resume to start again")
            }
            if !resume { try fm.removeItem(at: partial) }
        }
        try fm.createDirectory(at: partial.appendingPathComponent("points"), withIntermediateDirectories: true)
        try Data(manifest.json.utf8).write(to: manifestFile)

        // A point's folder exists only once it is whole (written aside, then renamed).
        @Sendable func folder(_ point: SweepPoint) -> URL { partial.appendingPathComponent("points/\(point.folderName)") }
        let remaining = points.enumerated().filter { !fm.fileExists(atPath: folder($0.element.point).path) }
        var tasks: [ExperimentRunner.Task] = []
        var owner: [Int] = []
        var labels: [String] = []
        for (i, p) in remaining {
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

        let pending = PendingPoints(owner: owner)
        let yaml = self.yaml, options = self.options
        try ExperimentRunner.performEach(tasks, jobs: options.jobs, progress: progress) { index, run in
            guard let (i, runs) = pending.add(run, task: index) else { return }
            let p = points[i]
            let info = RunInfo(scenarioName: p.scenario.name, scenarioHash: StableHashHex.of(Data(yaml.utf8)),
                               seed: options.seed ?? p.scenario.seed,
                               repetitions: options.repetitions ?? p.scenario.repetitions,
                               arms: options.arms ?? p.scenario.arms, version: EdgeSimVersion.current,
                               eventsHandled: runs.reduce(0) { $0 + $1.result.eventsHandled },
                               wallSeconds: runs.reduce(0) { $0 + $1.wallSeconds }, jobs: options.jobs,
                               slaSeconds: p.scenario.sla.seconds, overrides: p.point.overrides.descriptions)
            try Self.writePoint(ResultsWriter.files(scenario: p.scenario, runs: runs, runInfo: info, scenarioText: yaml),
                                to: folder(p.point))
        }

        var summaries: [(point: SweepPoint, summary: String?)] = []
        for p in points {
            summaries.append((p.point, try? String(contentsOf: folder(p.point).appendingPathComponent("summary.csv"),
                                                  encoding: .utf8)))
        }
        for file in try SweepOutput.indexFiles(plan: plan, manifest: manifest, summaries: summaries) {
            try Data(file.contents.utf8).write(to: partial.appendingPathComponent(file.name))
        }
        try ResultsFolder.install(partial, as: destination, force: force)
        return Outcome(runs: tasks.count, events: pending.events, pointsRun: remaining.count,
                       pointsResumed: points.count - remaining.count)
    }

    /// Writes one point's files into `folder` whole: into a hidden folder
    /// beside it, then renamed.
    static func writePoint(_ files: [(name: String, contents: String)], to folder: URL) throws {
        let fm = FileManager.default
        let aside = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent).writing")
        try? fm.removeItem(at: aside)
        try fm.createDirectory(at: aside, withIntermediateDirectories: true)
        for file in files {
            let url = aside.appendingPathComponent(file.name)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
        }
        try fm.moveItem(at: aside, to: folder)
    }
}

/// The runs of the points still being run, gathered from the worker threads
/// until each point has all of its runs; a point's runs are then handed over
/// (in task order, so the files do not depend on which run finished first)
/// and forgotten.
final class PendingPoints: @unchecked Sendable {
    /// The point of each task; a point's tasks are contiguous.
    private let owner: [Int]
    /// The first task of each task's point, and the number of its point's tasks.
    private var firstTask: [Int] = []
    private var taskCount: [Int: Int] = [:]   // looked up by point, never iterated
    private var runs: [Int: [ExperimentRunner.Run?]] = [:]   // looked up by point, never iterated
    private var total = 0
    private let lock = NSLock()

    init(owner: [Int]) {
        self.owner = owner
        for (t, o) in owner.enumerated() {
            firstTask.append(t > 0 && owner[t - 1] == o ? firstTask[t - 1] : t)
            taskCount[o, default: 0] += 1
        }
    }

    /// Events handled by the runs added so far.
    var events: Int { lock.withLock { total } }

    /// Adds the run of task `task`; returns its point and the point's runs in
    /// task order once the last of them arrives.
    func add(_ run: ExperimentRunner.Run, task: Int) -> (Int, [ExperimentRunner.Run])? {
        lock.withLock {
            total += run.result.eventsHandled
            let point = owner[task]
            var slots = runs[point] ?? Array(repeating: nil, count: taskCount[point]!)
            slots[task - firstTask[task]] = run
            guard slots.allSatisfy({ $0 != nil }) else {
                runs[point] = slots
                return nil
            }
            runs[point] = nil
            return (point, slots.map { $0! })
        }
    }
}
