import Foundation
import SimKernel

/// The scenario's `replication:` section, read and checked.
///
/// The section arrives raw (``Scenario/replication``: key → text as written);
/// ``init(raw:topology:)`` reads every key, applies the defaults below and
/// checks the whole, collecting every problem before throwing. Keys are
/// relative to the section (`n`, not `replication.n`). Every key is optional:
///
/// | key | default | meaning |
/// | --- | --- | --- |
/// | `enabled` | `false` | Run the replication library at all. Off, the run is exactly the one without the section. |
/// | `n`, `r`, `w` | 3, 2, 2 | Replicas per key, read and write quorums (1 ≤ r, w ≤ n ≤ group size). |
/// | `sloppy` | `true` | Sloppy quorum: stand-ins with hints replace suspected owners. |
/// | `group` | `region` | `region`: a region's store edges and its aggregator form one group; `stores`: its store edges only. |
/// | `home_pinning` | `true` | A store's keys have that store as first owner. |
/// | `policy` | `siblings` | `siblings`, `lww` or `timestamp_heuristic`. |
/// | `heuristic_threshold` | `5s` | Threshold of `timestamp_heuristic`. |
/// | `request_timeout` | `1s` | Deadline of a coordinated request. |
/// | `heartbeat_interval` | `500ms` | Heartbeat period (hand-off and hint expiry run on it). |
/// | `suspicion_timeout` | `2s` | Silence after which a member is suspected; above `heartbeat_interval`. |
/// | `hint_window` | `3h` | No hints for an owner suspected longer than this. |
/// | `hint_ttl` | `24h` | Undelivered hints older than this are dropped. |
/// | `handoff_per_tick` | 32 | Hints handed to one owner per heartbeat tick, at most. |
/// | `anti_entropy_period` | `30s` | Period of anti-entropy rounds, or `off`. |
/// | `read_repair` | `true` | Read repair on or off. |
/// | `read_rate` | 1 | Reads per second per reader (each store, regional dashboard and cloud node). |
/// | `correction_rate` | 0 | Read-modify-write corrections per second per regional dashboard. |
///
/// Durations use the scenario units ("150ms", "2s", "5m"); booleans are
/// `true`/`false` (also `yes`/`no`, `on`/`off`); rates are decimal numbers.
public struct ReplicationSettings: Sendable, Hashable {
    /// Which nodes form one replication group (edge-hybrid arm).
    public enum Group: String, Sendable, Hashable, CaseIterable {
        /// A region's store edges plus its regional aggregator.
        case region
        /// A region's store edges only.
        case stores
    }

    /// What replicas do with concurrent versions.
    public enum Policy: String, Sendable, Hashable, CaseIterable {
        case siblings
        case lww
        case timestampHeuristic = "timestamp_heuristic"
    }

    /// Whether replicas and their clients run at all.
    public var enabled = false
    /// N: replicas per key.
    public var n = 3
    /// R: replicas a read waits for.
    public var r = 2
    /// W: acknowledgements a write waits for.
    public var w = 2
    /// Sloppy quorum: stand-ins with hints replace suspected owners.
    public var sloppy = true
    /// Which nodes form a group in the edge-hybrid arm.
    public var group = Group.region
    /// Whether a store's keys have the store as first owner.
    public var homePinning = true
    /// The conflict policy.
    public var policy = Policy.siblings
    /// Threshold of `timestamp_heuristic`.
    public var heuristicThreshold: SimDuration = .seconds(5)
    /// Deadline of a coordinated request.
    public var requestTimeout: SimDuration = .seconds(1)
    /// Heartbeat period; hand-off and hint expiry run on it.
    public var heartbeatInterval: SimDuration = .milliseconds(500)
    /// Silence after which a member is suspected.
    public var suspicionTimeout: SimDuration = .seconds(2)
    /// No hints for an owner suspected longer than this.
    public var hintWindow: SimDuration = .hours(3)
    /// Undelivered hints older than this are dropped.
    public var hintTTL: SimDuration = .hours(24)
    /// Hints handed to one owner per heartbeat tick, at most.
    public var handoffPerTick = 32
    /// Nil when anti-entropy is off.
    public var antiEntropyPeriod: SimDuration? = .seconds(30)
    /// Whether reads repair the stale replicas they met.
    public var readRepair = true
    /// Reads per second per reader.
    public var readRate: Double = 1
    /// Corrections (a read, then a write of what was read) per second per
    /// regional dashboard.
    public var correctionRate: Double = 0

    /// Every default; replication disabled.
    public init() {}

    /// The keys the section may hold, sorted.
    public static let keys: [String] = [
        "anti_entropy_period", "correction_rate", "enabled", "group", "handoff_per_tick", "heartbeat_interval",
        "heuristic_threshold", "hint_ttl", "hint_window", "home_pinning", "n", "policy", "r", "read_rate",
        "read_repair", "request_timeout", "sloppy", "suspicion_timeout", "w",
    ]

    /// Reads a raw `replication:` section and checks it against the topology.
    ///
    /// - Parameters:
    ///   - raw: key (relative to the section) → text as written.
    ///   - topology: the deployment, for the group size that bounds `n`.
    /// - Throws: ``ReplicationSettingsError`` listing every problem, each
    ///   located by its key path (`replication.r`).
    public init(raw: [String: String], topology: TopologySpec) throws(ReplicationSettingsError) {
        var issues: [ReplicationSettingsError.Issue] = []
        var s = ReplicationSettings()
        func fail(_ key: String, _ message: String) { issues.append(.init(key: key, message: message)) }

        for key in raw.keys.sorted() {
            let text = raw[key]!
            let value = text.trimmingCharacters(in: .whitespaces)
            switch key {
            case "enabled": Self.bool(value, key, &s.enabled, fail)
            case "sloppy": Self.bool(value, key, &s.sloppy, fail)
            case "home_pinning": Self.bool(value, key, &s.homePinning, fail)
            case "read_repair": Self.bool(value, key, &s.readRepair, fail)
            case "n": Self.count(value, key, &s.n, fail)
            case "r": Self.count(value, key, &s.r, fail)
            case "w": Self.count(value, key, &s.w, fail)
            case "handoff_per_tick": Self.count(value, key, &s.handoffPerTick, fail)
            case "group":
                if let g = Group(rawValue: value) { s.group = g } else {
                    fail(key, "\"\(text)\" is not a group; write region or stores")
                }
            case "policy":
                if let p = Policy(rawValue: value) { s.policy = p } else {
                    fail(key, "\"\(text)\" is not a policy; write siblings, lww or timestamp_heuristic")
                }
            case "heuristic_threshold": Self.duration(value, key, allowZero: true, &s.heuristicThreshold, fail)
            case "request_timeout": Self.duration(value, key, allowZero: false, &s.requestTimeout, fail)
            case "heartbeat_interval": Self.duration(value, key, allowZero: false, &s.heartbeatInterval, fail)
            case "suspicion_timeout": Self.duration(value, key, allowZero: false, &s.suspicionTimeout, fail)
            case "hint_window": Self.duration(value, key, allowZero: false, &s.hintWindow, fail)
            case "hint_ttl": Self.duration(value, key, allowZero: false, &s.hintTTL, fail)
            case "anti_entropy_period":
                if ["off", "false", "no", "none"].contains(value.lowercased()) {
                    s.antiEntropyPeriod = nil
                } else {
                    var period: SimDuration = .zero
                    if Self.duration(value, key, allowZero: false, &period, fail) { s.antiEntropyPeriod = period }
                }
            case "read_rate": Self.rate(value, key, &s.readRate, fail)
            case "correction_rate": Self.rate(value, key, &s.correctionRate, fail)
            default:
                if let near = Suggestion.closest(to: key, among: Self.keys) {
                    fail(key, "unknown key; did you mean `\(near)`?")
                } else {
                    fail(key, "unknown key; the replication keys are " + Self.keys.joined(separator: ", "))
                }
            }
        }

        // Relations between keys, checked only between values that parsed.
        let groupSize = topology.storesPerRegion + (s.group == .region ? 1 : 0)
        if s.n > groupSize {
            fail("n", "\(s.n) exceeds the \(groupSize) replicas of a group (group: \(s.group.rawValue), "
                + "\(topology.storesPerRegion) stores per region)")
        }
        if s.r > s.n { fail("r", "\(s.r) exceeds n = \(s.n)") }
        if s.w > s.n { fail("w", "\(s.w) exceeds n = \(s.n)") }
        if s.suspicionTimeout <= s.heartbeatInterval {
            fail("suspicion_timeout", "\(s.suspicionTimeout) must exceed heartbeat_interval \(s.heartbeatInterval)")
        }
        guard issues.isEmpty else { throw ReplicationSettingsError(issues: issues) }
        self = s
    }

    // MARK: - Readers of one value

    static func bool(_ text: String, _ key: String, _ out: inout Bool, _ fail: (String, String) -> Void) {
        switch text.lowercased() {
        case "true", "yes", "on": out = true
        case "false", "no", "off": out = false
        default: fail(key, "\"\(text)\" is not a boolean; write true or false")
        }
    }

    static func count(_ text: String, _ key: String, _ out: inout Int, _ fail: (String, String) -> Void) {
        guard let v = Int(text) else { return fail(key, "\"\(text)\" is not a whole number") }
        guard v >= 1 else { return fail(key, "must be at least 1, got \(v)") }
        out = v
    }

    @discardableResult
    static func duration(_ text: String, _ key: String, allowZero: Bool, _ out: inout SimDuration,
                         _ fail: (String, String) -> Void) -> Bool {
        do {
            let d = try SimDuration(parsing: text)
            guard allowZero || d > .zero else {
                fail(key, "must be a positive duration, got \(text)")
                return false
            }
            out = d
            return true
        } catch {
            fail(key, error.description)
            return false
        }
    }

    static func rate(_ text: String, _ key: String, _ out: inout Double, _ fail: (String, String) -> Void) {
        guard let v = Double(text), v.isFinite else {
            return fail(key, "\"\(text)\" is not a number (operations per second, as in 0.5 or 2)")
        }
        guard v >= 0 else { return fail(key, "must not be negative, got \(text)") }
        out = v
    }
}

extension Scenario {
    /// The scenario's replication settings, read and checked.
    ///
    /// - Throws: ``ReplicationSettingsError`` listing every problem.
    public func replicationSettings() throws(ReplicationSettingsError) -> ReplicationSettings {
        try ReplicationSettings(raw: replication, topology: topology)
    }
}

/// The `replication:` section, for the key paths of its issues.
public enum ReplicationSection: CheckedSection {
    public static let name = "replication"
}

/// A `replication:` section that cannot run, with every problem found.
public typealias ReplicationSettingsError = SectionSettingsError<ReplicationSection>
