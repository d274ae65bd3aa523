import EdgeBase
import Replication
import Scheduling
import SimKernel

extension ScenarioReader {
    /// The `replication:` section, or nil when it is off (`enabled: false`)
    /// or wrong (every problem recorded).
    ///
    /// - Parameter topology: the deployment when it parsed, for the group
    ///   size that bounds `n`; the other checks run without it.
    func readReplication(_ at: Located, topology: TopologySpec?) -> ReplicationSection? {
        let before = issues.count
        var section = ReplicationSection()
        let present = readSection(at, keys: ReplicationSection.keys, into: &section)
        func located(_ key: String) -> Located { present.first { $0.key == key }?.at ?? at }
        func has(_ key: String) -> Bool { present.contains { $0.key == key } }

        if let enabledAt = present.first(where: { $0.key == "enabled" })?.at, case .scalar(let flag) = enabledAt.node,
           ["false", "no", "off"].contains(flag.string.lowercased()) {
            let others = present.map(\.key).filter { $0 != "enabled" }
            guard others.isEmpty else {
                report(.inconsistent, enabledAt, "is false, but the section also sets "
                    + others.joined(separator: ", ") + "; remove enabled: false to run replication, or remove the section")
                return nil
            }
            return nil
        }

        // Relations between keys, checked between values that parsed.
        let c = section.configuration
        if let topology {
            let groupSize = topology.storesPerRegion + (section.group == .region ? 1 : 0)
            if c.replicationFactor > groupSize {
                report(.outOfRange, located("n"), "\(c.replicationFactor) exceeds the \(groupSize) replicas of a group "
                    + "(group: \(section.group.rawValue), \(topology.storesPerRegion) stores per region)")
            }
        }
        if c.readQuorum > c.replicationFactor {
            report(.outOfRange, located(has("r") ? "r" : "n"), "r = \(c.readQuorum) exceeds n = \(c.replicationFactor)")
        }
        if c.writeQuorum > c.replicationFactor {
            report(.outOfRange, located(has("w") ? "w" : "n"), "w = \(c.writeQuorum) exceeds n = \(c.replicationFactor)")
        }
        if c.suspicionTimeout <= c.heartbeatInterval {
            let key = has("suspicion_timeout") ? "suspicion_timeout" : "heartbeat_interval"
            report(.outOfRange, located(key), "suspicion_timeout (\(Self.text(c.suspicionTimeout))) must exceed "
                + "heartbeat_interval (\(Self.text(c.heartbeatInterval)))")
        }
        guard issues.count == before else { return nil }
        // The library's own check, on a group as large as N: anything it
        // refuses that the checks above let through is still an error here.
        let probe = section.configuration(members: (0..<Int32(c.replicationFactor)).map { ReplicaID($0) }, pinning: .disabled)
        do {
            try probe.validate()
        } catch {
            report(.outOfRange, at, error.description)
            return nil
        }
        return section
    }

    /// The `scheduling:` section, or nil when it is wrong (every problem recorded).
    func readScheduling(_ at: Located) -> SchedulingSection? {
        let before = issues.count
        var section = SchedulingSection()
        let present = readSection(at, keys: SchedulingSection.keys, into: &section)
        section.applyHeartbeatTimeout()
        if ScorePlugin.allCases.allSatisfy({ section.configuration.weights[$0] == 0 }) {
            let weightsAt = present.first { $0.key.hasPrefix("weights.") }?.at ?? at
            report(.outOfRange, path: at.path("weights"), line: weightsAt.line, "at least one weight must be above 0")
        }
        guard issues.count == before else { return nil }
        do {
            try section.configuration.validate()
        } catch {
            report(.outOfRange, at, error.description)
            return nil
        }
        return section
    }

    static func text(_ d: LocalDuration) -> String { SimDuration(nanoseconds: d.nanoseconds).description }
}

extension ScenarioReader {
    /// Warns about clock faults on nodes whose clock nothing reads: only the
    /// replicas (store edges, aggregators in `group: region`, cloud nodes in
    /// the cloud-only arm) and the scheduler (on `cloud-0`) read a local
    /// clock, so a skew elsewhere changes no number.
    func warnAboutFaultsWithoutEffect(_ faults: [FaultSpec], facts: TopologyFacts,
                                      replication: ReplicationSection?, scheduling: SchedulingSection?, arms: [Arm]) {
        let schedulerRuns = scheduling != nil || arms.contains { $0.needsScheduler }
        for (i, fault) in faults.enumerated() {
            guard case .clock(let name, _, _) = fault.kind, let node = NodeNaming.parse(name) else { continue }
            var read = false
            if let replication {
                switch node {
                case .store: read = arms.contains { $0.isEdge }
                case .region: read = replication.group == .region && arms.contains { $0.isEdge }
                case .cloud: read = arms.contains(.cloudOnly)
                case .device, .server: read = false
                }
            }
            if schedulerRuns, node == .cloud(0) { read = true }
            guard !read else { continue }
            let readers = replication == nil && !schedulerRuns
                ? "neither replication nor scheduling is on, and only they read local clocks"
                : "only replicas (store edges, aggregators with group: region, cloud nodes in cloud_only) and the scheduler (cloud-0) read local clocks"
            warn(path: "faults[\(i)]", line: fault.line, "the clock fault on \(name) has no effect: \(readers)")
        }
    }
}
