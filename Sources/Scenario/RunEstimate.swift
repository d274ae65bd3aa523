import Foundation
import SimKernel

/// An up-front estimate of what running a scenario costs: events handled
/// and peak memory, from the scenario's own numbers (frames, ticks,
/// purchases, reads, heartbeats, per-run tables), before any event runs.
///
/// The figures are orders of magnitude, not predictions: each source of
/// events is counted as its rate × the run's length × a few events per
/// occurrence (a frame crosses several hops), and memory as the run's
/// tables and what grows with it. They exist so that a scenario that would
/// run for days or exhaust memory is refused at once (see ``RunBudget``),
/// naming the keys that drive it, instead of aborting hours later.
public struct RunEstimate: Sendable, Hashable {
    /// One source of events or memory, with the keys that set its size.
    public struct Part: Sendable, Hashable {
        /// What it is ("camera frames", "timeseries buckets").
        public var what: String
        /// The scenario keys that drive it, most direct first.
        public var keys: [String]
        /// Events over every run (all arms and repetitions).
        public var events: Double
        /// Bytes held at once by one run.
        public var bytes: Double
    }

    /// Every part, in a fixed order.
    public var parts: [Part]
    /// Runs (arms × repetitions) the estimate covers.
    public var runs: Int

    /// Events over every run.
    public var events: Double { parts.reduce(0) { $0 + $1.events } }
    /// Peak bytes of one run (runs at once each hold their own).
    public var bytesPerRun: Double { parts.reduce(0) { $0 + $1.bytes } }

    /// Estimates `scenario` run `repetitions` times per arm over `arms`
    /// (the scenario's own when nil).
    public init(_ scenario: Scenario, repetitions: Int? = nil, arms: [Arm]? = nil) {
        let t = scenario.topology
        let seconds = max(0, scenario.duration.seconds)
        let armCount = Double((arms ?? scenario.arms).count)
        runs = (arms ?? scenario.arms).count * (repetitions ?? scenario.repetitions)
        let runCount = Double(runs)
        let regions = Double(t.regions), stores = regions * Double(t.storesPerRegion)
        let cameras = stores * Double(t.camerasPerStore)
        let nodes = cameras + stores * Double(t.serversPerStore) + regions + Double(t.cloudNodes)
        let w = scenario.workload
        _ = armCount

        func per(_ interval: SimDuration) -> Double { seconds / max(1e-9, interval.seconds) }
        var parts: [Part] = []
        // A frame: capture, a hop or three each way, inference, its result.
        parts.append(Part(what: "camera frames", keys: ["workload.frame_interval", "topology.cameras_per_store", "duration"],
                          events: cameras * per(w.frameInterval) * 8 * runCount, bytes: 0))
        let purchases = stores * Double(w.skusPerStore) * w.purchasesPerSkuPerHour / 3_600 * seconds
        parts.append(Part(what: "purchases and restocks", keys: ["workload.purchases_per_sku", "workload.skus_per_store", "duration"],
                          events: purchases * 2 * runCount, bytes: 0))
        parts.append(Part(what: "per-store SKU tables", keys: ["workload.skus_per_store", "topology.stores_per_region"],
                          events: 0, bytes: stores * Double(w.skusPerStore) * 96))
        parts.append(Part(what: "inventory uploads", keys: ["workload.upload_interval", "duration"],
                          events: stores * per(w.uploadInterval) * 6 * runCount,
                          bytes: stores * Double(w.skusPerStore) * 16))
        let buckets = max(0, (scenario.duration - scenario.warmup).seconds) / max(1e-9, scenario.timeseriesBucket.seconds)
        // Each bucket is an event and a row per timeseries metric (about 20 with replication).
        parts.append(Part(what: "timeseries buckets", keys: ["timeseries_bucket", "duration"],
                          events: buckets * runCount, bytes: buckets * 20 * 64))
        parts.append(Part(what: "nodes and links", keys: ["topology.cameras_per_store", "topology.stores_per_region", "topology.regions"],
                          events: 0, bytes: nodes * 2_048))

        if let r = scenario.replication {
            let c = r.configuration
            let n = Double(c.replicationFactor)
            let readers = stores + regions + Double(t.cloudNodes)
            let reads = readers * r.readRate * seconds + regions * r.correctionRate * seconds * 2
            let writes = purchases * 2
            // A client operation: a request to each owner and its answer, a hop or two each.
            let operations = reads + writes
            parts.append(Part(what: "replication reads and writes",
                              keys: ["replication.read_rate", "replication.correction_rate", "workload.purchases_per_sku"],
                              events: operations * (2 + 4 * n) * runCount,
                              // What the history checker keeps per key, not per operation.
                              bytes: stores * Double(w.skusPerStore) * 256))
            let members = Double(t.storesPerRegion) + 1
            let heartbeats = regions * members * (members - 1) * per(SimDuration(nanoseconds: c.heartbeatInterval.nanoseconds))
            parts.append(Part(what: "replica heartbeats", keys: ["replication.heartbeat_interval", "duration"],
                              events: heartbeats * 2 * runCount, bytes: 0))
            if c.antiEntropy {
                let rounds = regions * members * per(SimDuration(nanoseconds: c.antiEntropyPeriod.nanoseconds))
                parts.append(Part(what: "anti-entropy rounds", keys: ["replication.anti_entropy_period", "duration"],
                                  events: rounds * 8 * runCount, bytes: 0))
            }
            parts.append(Part(what: "replicas' keys", keys: ["workload.skus_per_store", "replication.n"],
                              events: 0, bytes: stores * Double(w.skusPerStore) * n * 512))
        }
        let scheduled = (arms ?? scenario.arms).contains { $0.needsScheduler } || scenario.scheduling != nil
        if scheduled {
            let interval = scenario.scheduling?.heartbeatInterval ?? .seconds(2)
            parts.append(Part(what: "scheduler heartbeats", keys: ["scheduling.heartbeat_interval", "duration"],
                              events: (stores * Double(t.serversPerStore) + regions + Double(t.cloudNodes)) * per(interval) * runCount,
                              bytes: nodes * 512))
        }
        self.parts = parts
    }

    /// The parts that contribute most of `value`, largest first (at least one).
    func drivers(_ value: (Part) -> Double) -> [Part] {
        let total = parts.reduce(0) { $0 + value($1) }
        let sorted = parts.filter { value($0) > 0 }.sorted { value($0) > value($1) }
        var out: [Part] = []
        var covered = 0.0
        for part in sorted where covered < total * 0.9 {
            out.append(part)
            covered += value(part)
        }
        return out
    }
}

/// The most a run may cost before it starts: events over all runs, and
/// memory per run. Beyond either, the scenario is refused with its estimate.
public struct RunBudget: Sendable, Hashable {
    /// Events over every run of the command (default 10¹⁰).
    public var maxEvents: Double = 1e10
    /// Bytes one run may hold at once (default 8 GiB).
    public var maxBytesPerRun: Double = 8 * 1_073_741_824

    public init() {}

    /// The problems of `estimate` against this budget, reported against
    /// `file` at the keys that drive it; empty when within.
    public func issues(_ estimate: RunEstimate, file: String) -> [ScenarioIssue] {
        var issues: [ScenarioIssue] = []
        if !(estimate.events <= maxEvents) {
            let drivers = estimate.drivers(\.events)
            let list = drivers.map { "\($0.what) \(Self.count($0.events)) (\($0.keys.joined(separator: ", ")))" }
            issues.append(ScenarioIssue(
                file: file, keyPath: drivers.first?.keys.first ?? "", line: nil, kind: .budget,
                message: "the run is estimated at \(Self.count(estimate.events)) events over \(estimate.runs) runs, "
                    + "beyond the budget of \(Self.count(maxEvents)) (--max-events): "
                    + list.joined(separator: "; ")))
        }
        if !(estimate.bytesPerRun <= maxBytesPerRun) {
            let drivers = estimate.drivers(\.bytes)
            let list = drivers.map { "\($0.what) \(Self.bytes($0.bytes)) (\($0.keys.joined(separator: ", ")))" }
            issues.append(ScenarioIssue(
                file: file, keyPath: drivers.first?.keys.first ?? "", line: nil, kind: .budget,
                message: "one run is estimated to hold \(Self.bytes(estimate.bytesPerRun)) of memory, "
                    + "beyond the budget of \(Self.bytes(maxBytesPerRun)) (--max-memory): "
                    + list.joined(separator: "; ")))
        }
        return issues
    }

    /// As ``issues(_:file:)``, an issue whose key was set by an override
    /// reported against the override.
    public func issues(_ estimate: RunEstimate, file: String, overrides: [ScenarioOverride]) -> [ScenarioIssue] {
        issues(estimate, file: file).map { ScenarioLoader.relocate($0, overrides) }
    }

    /// "3.2e10", "450 000".
    public static func count(_ x: Double) -> String {
        guard x.isFinite else { return "beyond 1e308" }
        return x < 1e6 ? String(Int(x.rounded())) : String(format: "%.2g", x)
    }

    /// "8.0 GiB", "350 MiB".
    public static func bytes(_ x: Double) -> String {
        guard x.isFinite else { return "beyond 1e308 B" }
        let units: [(String, Double)] = [("TiB", 1_099_511_627_776), ("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1_024)]
        for (name, size) in units where x >= size {
            let value = x / size >= 1e4 ? String(format: "%.2g", x / size) : String(format: "%.1f", x / size)
            return "\(value) \(name)"
        }
        return "\(Int(x)) B"
    }
}
