import Dispatch
import EdgeBase
import Foundation
import Metrics
import Scenario
import SimKernel
import Workloads

/// Runs every arm and repetition of a scenario and gathers the results by
/// index, so the output never depends on which run finished first.
public struct ExperimentRunner: Sendable {
    public struct Options: Sendable {
        /// Overrides the scenario's master seed.
        public var seed: UInt64?
        /// Overrides the scenario's repetition count.
        public var repetitions: Int?
        /// Overrides the scenario's arms.
        public var arms: [Arm]?
        /// Runs at once; defaults to the number of cores.
        public var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
        /// Called after each run with (finished, total, arm, repetition, wall seconds).
        public var progress: (@Sendable (Int, Int, Arm, Int, Double) -> Void)?
        /// Called during a run, at each tenth of its simulated duration, with
        /// (arm, repetition, fraction done).
        public var runProgress: (@Sendable (Arm, Int, Double) -> Void)?
        /// Called while runs go on, from their first event (see ``RunTick``).
        public var tick: (@Sendable (RunTick) -> Void)?
        /// Records every placement decision (`placements.jsonl`).
        public var explain = false

        public init() {}
    }

    /// One finished run.
    public struct Run: Sendable {
        public var arm: Arm
        public var repetition: Int
        public var seed: UInt64
        public var result: RunResult
        /// How long the run took on its worker, in seconds (not part of any CSV file).
        public var wallSeconds: Double = 0
    }

    public let scenario: Scenario
    public let options: Options

    public init(scenario: Scenario, options: Options = Options()) {
        self.scenario = scenario
        self.options = options
    }

    /// The seed of repetition `r`: derived from the master seed and r alone,
    /// the same for both arms (common random numbers).
    public static func seed(master: UInt64, repetition r: Int) -> UInt64 {
        StableHash.streamSeed(master: master, name: "replication-\(r)")
    }

    /// Runs everything; results in (arm, repetition) order.
    ///
    /// - Throws: a validation error before any run starts, or the first error of a run.
    public func runAll() throws -> [Run] {
        var progress = Progress()
        progress.finished = options.progress
        progress.during = options.runProgress
        progress.tick = options.tick
        return try Self.perform(tasks(), jobs: options.jobs, explain: options.explain, progress: progress)
    }

    /// The runs `runAll` does, in (arm, repetition) order.
    public func tasks() -> [Task] {
        let arms = options.arms ?? scenario.arms
        let repetitions = options.repetitions ?? scenario.repetitions
        let master = options.seed ?? scenario.seed
        return arms.flatMap { arm in
            (0..<repetitions).map { Task(scenario: scenario, arm: arm, repetition: $0, seed: Self.seed(master: master, repetition: $0)) }
        }
    }

    /// One run to do: an arm of a scenario under one repetition's seed.
    public struct Task: Sendable {
        public var scenario: Scenario
        public var arm: Arm
        public var repetition: Int
        public var seed: UInt64

        public init(scenario: Scenario, arm: Arm, repetition: Int, seed: UInt64) {
            self.scenario = scenario
            self.arm = arm
            self.repetition = repetition
            self.seed = seed
        }
    }

    /// Progress callbacks of ``perform(_:jobs:explain:progress:)``.
    public struct Progress: Sendable {
        /// Called after each run with (finished, total, arm, repetition, wall seconds).
        public var finished: (@Sendable (Int, Int, Arm, Int, Double) -> Void)?
        /// Called during a run, at each tenth of its simulated duration.
        public var during: (@Sendable (Arm, Int, Double) -> Void)?
        /// Called during every run, from its first event, and as it ends.
        public var tick: (@Sendable (RunTick) -> Void)?
        /// A label per task for ``RunTick/label`` (a sweep's point).
        public var labels: [String]?

        public init() {}
    }

    /// Runs `tasks` on up to `jobs` worker threads and returns their results
    /// in the order of `tasks`, whatever order they finish in; with `explain`
    /// each run keeps its scheduler's explanations.
    ///
    /// - Throws: the first error of a run (the other runs still finish).
    public static func perform(_ tasks: [Task], jobs: Int, explain: Bool = false,
                               progress: Progress = Progress()) throws -> [Run] {
        let results = ResultSlots<Run>(count: tasks.count)
        try performEach(tasks, jobs: jobs, explain: explain, progress: progress) { index, run in
            results.set(index, run)
        }
        return (0..<tasks.count).map { results.get($0)! }
    }

    /// Runs `tasks` as ``perform(_:jobs:explain:progress:)`` does, handing each
    /// result to `deliver` (on the worker thread that ran it, with its task's
    /// index) as soon as it is done, and keeping none: a caller that writes
    /// results as they come holds only the runs in flight.
    ///
    /// - Throws: the first error of a run or of `deliver` (the other runs
    ///   still finish).
    public static func performEach(_ tasks: [Task], jobs: Int, explain: Bool = false, progress: Progress = Progress(),
                                   deliver: @escaping @Sendable (Int, Run) throws -> Void) throws {
        let failures = ResultSlots<Run>(count: 0)
        let finished = ResultSlots<Int>(count: 1)
        let workers = max(1, min(jobs, tasks.count))
        let next = ResultSlots<Int>(count: 1)
        next.set(0, 0)
        finished.set(0, 0)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let index = next.increment(0) - 1
                guard index < tasks.count else { return }
                let task = tasks[index]
                let (arm, r) = (task.arm, task.repetition)
                let clock = ContinuousClock()
                let start = clock.now
                do {
                    let result: RunResult
                    if task.scenario.workload.kind == .keyvalue {
                        result = try Self.runKeyValue(task)
                    } else {
                        var world = try RetailWorld(scenario: task.scenario, arm: arm, seed: task.seed, explain: explain)
                        if let report = progress.during {
                            let total = Double(task.scenario.duration.nanoseconds)
                            let step = max(1, task.scenario.duration.nanoseconds / 10)
                            let nextReport = ResultSlots<Int>(count: 1)
                            nextReport.set(0, 1)
                            world.onBucket = { now in
                                let tenth = Int(now.nanoseconds / step)
                                guard let due = nextReport.get(0), tenth >= due, tenth < 10 else { return }
                                nextReport.set(0, tenth + 1)
                                report(arm, r, Double(now.nanoseconds) / total)
                            }
                        }
                        if let tick = progress.tick {
                            let label = progress.labels?[index]
                            let duration = task.scenario.duration.nanoseconds
                            tick(RunTick(index: index, tasks: tasks.count, arm: arm, repetition: r, label: label,
                                         simulated: 0, duration: duration, warmup: task.scenario.warmup.nanoseconds,
                                         events: 0, finished: false))
                            world.onEvents = { now, events in
                                tick(RunTick(index: index, tasks: tasks.count, arm: arm, repetition: r, label: label,
                                             simulated: now.nanoseconds, duration: duration,
                                             warmup: task.scenario.warmup.nanoseconds, events: events, finished: false))
                            }
                        }
                        result = world.run()
                    }
                    progress.tick?(RunTick(index: index, tasks: tasks.count, arm: arm, repetition: r,
                                           label: progress.labels?[index], simulated: task.scenario.duration.nanoseconds,
                                           duration: task.scenario.duration.nanoseconds,
                                           warmup: task.scenario.warmup.nanoseconds, events: result.eventsHandled,
                                           finished: true))
                    try deliver(index, Run(arm: arm, repetition: r, seed: task.seed, result: result,
                                           wallSeconds: (clock.now - start) / .seconds(1)))
                } catch {
                    failures.fail(error)
                }
                let done = finished.increment(0)
                progress.finished?(done, tasks.count, arm, r, (clock.now - start) / .seconds(1))
            }
        }
        if let error = failures.failure { throw error }
    }
}

extension ExperimentRunner {
    /// One run of the key-value workload: the probe world, or the key-value
    /// world under its synthetic load.
    static func runKeyValue(_ task: Task) throws -> RunResult {
        let k = task.scenario.workload.keyValue
        switch k.mode {
        case .probe:
            var world = try ProbeWorld(scenario: task.scenario, seed: task.seed)
            var result = world.run()
            result.metrics.append(MetricValue("events_handled", "count", .count(result.eventsHandled)))
            return result
        case .load:
            var load = KeyValueLoad()
            load.keysPerStore = k.keysPerStore
            load.writeRate = k.writeRate
            if !k.writers.isEmpty {
                load.writingStores = k.writers.compactMap { $0.hasPrefix("store-") ? Int($0.dropFirst(6)) : nil }
            }
            var world = try KeyValueWorld(scenario: task.scenario, load: load, seed: task.seed)
            return world.run()
        }
    }
}

/// Where one run of a batch stands, for a progress line: reported from its
/// first event (warm-up included), every 65,536 events, and as it ends.
public struct RunTick: Sendable {
    /// The run's index among the batch's tasks.
    public var index: Int
    /// Runs in the batch.
    public var tasks: Int
    public var arm: Arm
    public var repetition: Int
    /// What the run belongs to (a sweep's point), when the caller named it.
    public var label: String?
    /// Simulated nanoseconds reached.
    public var simulated: Int64
    /// The run's simulated duration, warm-up included, in nanoseconds.
    public var duration: Int64
    /// The warm-up's length, in nanoseconds.
    public var warmup: Int64
    /// Events handled so far.
    public var events: Int
    /// Whether the run has ended.
    public var finished: Bool
}

/// Slots written by index from several threads, behind a lock.
final class ResultSlots<T>: @unchecked Sendable {
    private var values: [T?]
    private var error: Error?
    private let lock = NSLock()

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ v: T) { lock.withLock { values[i] = v } }
    func get(_ i: Int) -> T? { lock.withLock { values[i] } }
    func fail(_ e: Error) { lock.withLock { if error == nil { error = e } } }
    var failure: Error? { lock.withLock { error } }
}

extension ResultSlots where T == Int {
    /// Adds one and returns the new value.
    func increment(_ i: Int) -> Int {
        lock.withLock {
            values[i] = (values[i] ?? 0) + 1
            return values[i]!
        }
    }
}
