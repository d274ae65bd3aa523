import EdgeBase
import Replication
import SimKernel

/// The scenario's `replication:` section, read straight into the
/// replication library's own ``ReplicationConfiguration``.
///
/// The section's presence turns replication on; without it the run is
/// exactly the one without replication. Every key is optional and defaults
/// to the library's own default (``keys`` lists them, and
/// `Scenarios/README.md` documents them; a test holds the two together).
/// The configuration's `group` and `homePinning` are left empty here: the
/// simulator fills them per replication group, from ``group`` and
/// ``homePinning``, when it builds the replicas.
public struct ReplicationSection: Sendable, Hashable {
    /// Which nodes form one replication group (edge-hybrid arm).
    public enum Group: String, Sendable, Hashable, CaseIterable {
        /// A region's store edges plus its regional aggregator.
        case region
        /// A region's store edges only.
        case stores
    }

    /// The conflict policies by their scenario names.
    static let policies: [(name: String, make: @Sendable (LocalDuration) -> ConflictPolicy)] = [
        ("siblings", { _ in .siblings }),
        ("lww", { _ in .lastWriterWins }),
        ("timestamp_heuristic", { .timestampHeuristic(threshold: $0) }),
    ]

    /// Every replica knob; `group` and `homePinning` are filled per group.
    public var configuration = ReplicationConfiguration(group: [])
    /// Which nodes form a group in the edge-hybrid arm.
    public var group = Group.region
    /// Whether a store's keys have the store as first owner.
    public var homePinning = true
    /// Reads per second per reader (each store, regional dashboard and cloud node).
    public var readRate: Double = 1
    /// Corrections (a read, then a write of what was read) per second per
    /// regional dashboard.
    public var correctionRate: Double = 0
    /// Who coordinates a client's requests. ``CoordinatorPlacement/client``
    /// is run by the key-value workload's probe mode.
    public var coordinator = CoordinatorPlacement.owner

    /// Every default.
    public init() {}

    /// The configuration of one group: these settings with `members` as the
    /// group, `pinning` as home pinning, and N, R and W capped at `cap`
    /// (the cloud-only arm's group has only as many replicas as cloud nodes).
    public func configuration(members: [ReplicaID], pinning: HomePinning, cap: Int = .max) -> ReplicationConfiguration {
        var c = configuration
        c.group = members
        c.homePinning = pinning
        c.replicationFactor = min(c.replicationFactor, cap)
        c.readQuorum = min(c.readQuorum, c.replicationFactor)
        c.writeQuorum = min(c.writeQuorum, c.replicationFactor)
        return c
    }
}

extension ReplicationSection {
    private static let library = ReplicationConfiguration(group: [])

    private static func text(_ d: LocalDuration) -> String { SimDuration(nanoseconds: d.nanoseconds).description }

    /// The section's keys, in the order `Scenarios/README.md` lists them.
    static let keys: [SectionKey<ReplicationSection>] = [
        SectionKey("enabled", default: "true") { reader, at, _ in _ = reader.bool(at) },
        SectionKey("n", default: "\(library.replicationFactor)") { reader, at, s in
            if let v = reader.int(at, min: 1, max: 1_000) { s.configuration.replicationFactor = v }
        },
        SectionKey("r", default: "\(library.readQuorum)") { reader, at, s in
            if let v = reader.int(at, min: 1, max: 1_000) { s.configuration.readQuorum = v }
        },
        SectionKey("w", default: "\(library.writeQuorum)") { reader, at, s in
            if let v = reader.int(at, min: 1, max: 1_000) { s.configuration.writeQuorum = v }
        },
        SectionKey("sloppy", default: "\(library.sloppyQuorum)") { reader, at, s in
            if let v = reader.bool(at) { s.configuration.sloppyQuorum = v }
        },
        SectionKey("group", default: Group.region.rawValue) { reader, at, s in
            if let v = reader.choice(at, Group.allCases.map(\.rawValue), what: "a group").flatMap(Group.init) { s.group = v }
        },
        SectionKey("home_pinning", default: "true") { reader, at, s in
            if let v = reader.bool(at) { s.homePinning = v }
        },
        // `policy` is read before `heuristic_threshold` (the reader follows
        // this list), so the threshold lands in the policy it belongs to; it
        // is checked, and has no effect, under the other policies.
        SectionKey("policy", default: "siblings") { reader, at, s in
            guard let name = reader.choice(at, policies.map(\.name), what: "a policy") else { return }
            s.configuration.conflictPolicy = policies.first { $0.name == name }!.make(ConflictPolicy.defaultHeuristicThreshold)
        },
        SectionKey("heuristic_threshold", default: text(ConflictPolicy.defaultHeuristicThreshold)) { reader, at, s in
            guard let d = reader.duration(at) else { return }
            if case .timestampHeuristic = s.configuration.conflictPolicy {
                s.configuration.conflictPolicy = .timestampHeuristic(threshold: LocalDuration(nanoseconds: d.nanoseconds))
            }
        },
        SectionKey("request_timeout", default: text(library.requestTimeout)) { reader, at, s in
            if let d = reader.localDuration(at) { s.configuration.requestTimeout = d }
        },
        SectionKey("heartbeat_interval", default: text(library.heartbeatInterval)) { reader, at, s in
            if let d = reader.localDuration(at) { s.configuration.heartbeatInterval = d }
        },
        SectionKey("suspicion_timeout", default: text(library.suspicionTimeout)) { reader, at, s in
            if let d = reader.localDuration(at) { s.configuration.suspicionTimeout = d }
        },
        SectionKey("hint_window", default: text(library.hintWindow)) { reader, at, s in
            if let d = reader.localDuration(at) { s.configuration.hintWindow = d }
        },
        SectionKey("hint_ttl", default: text(library.hintTTL)) { reader, at, s in
            if let d = reader.localDuration(at) { s.configuration.hintTTL = d }
        },
        SectionKey("handoff_per_tick", default: "\(library.handoffThrottle)") { reader, at, s in
            if let v = reader.int(at, min: 1) { s.configuration.handoffThrottle = v }
        },
        SectionKey("anti_entropy_period", default: text(library.antiEntropyPeriod)) { reader, at, s in
            if case .scalar(let scalar) = at.node, ["off", "false", "no", "none"].contains(scalar.string.lowercased()) {
                s.configuration.antiEntropy = false
            } else if let d = reader.localDuration(at) {
                s.configuration.antiEntropy = true
                s.configuration.antiEntropyPeriod = d
            }
        },
        SectionKey("read_repair", default: "\(library.readRepair)") { reader, at, s in
            if let v = reader.bool(at) { s.configuration.readRepair = v }
        },
        SectionKey("coordinator", default: CoordinatorPlacement.owner.rawValue) { reader, at, s in
            if let v = reader.choice(at, CoordinatorPlacement.allCases.map(\.rawValue), what: "a coordinator")
                .flatMap(CoordinatorPlacement.init(rawValue:)) { s.coordinator = v }
        },
        SectionKey("read_rate", default: "1") { reader, at, s in
            if let v = reader.operationRate(at) { s.readRate = v }
        },
        SectionKey("correction_rate", default: "0") { reader, at, s in
            if let v = reader.operationRate(at) { s.correctionRate = v }
        },
    ]
}
