import SimKernel
import SimNetwork

extension ScenarioReader {
    /// How long after the last probe read is issued the run keeps going, so
    /// that the read is answered or times out: the request timeout plus a
    /// second.
    static func probeSettle(_ replication: ReplicationSection?) -> SimDuration {
        let timeout = replication?.configuration.requestTimeout.nanoseconds ?? 1_000_000_000
        return SimDuration(nanoseconds: timeout) + .seconds(1)
    }

    /// Checks the key-value workload against the rest of the scenario: its
    /// node names against the topology, its roles, N against its replicas,
    /// the run's length against its probes, and which arms, faults and
    /// coordinators it can run; and that `replication.coordinator: client`
    /// is asked only of the probe mode, which runs it.
    func checkKeyValue(_ workload: WorkloadSpec, at workloadAt: Located?, naming: NodeNaming?,
                       replication: ReplicationSection?, replicationAt: Located?, armsAt: Located?,
                       arms: [Arm]?, duration: SimDuration?, faults: [FaultSpec]) {
        let coordinatorPath = replicationAt.map { $0.path("coordinator") } ?? "replication.coordinator"
        let probe = workload.kind == .keyvalue && workload.keyValue.mode == .probe
        if replication?.coordinator == .client, !probe {
            report(.inconsistent, path: coordinatorPath, line: replicationAt?.line,
                   "client coordination is run by the key-value workload's probe mode (workload: {kind: keyvalue, mode: probe}); "
                   + "the retail world and the key-value load hand requests to an owner")
        }
        guard workload.kind == .keyvalue, let workloadAt else { return }
        let k = workload.keyValue
        let place = workloadAt
        guard let replication else {
            report(.missingKey, path: "replication", line: place.line,
                   "the key-value workload runs the replication library: the scenario needs a replication: section")
            return
        }
        if let arms, arms != [.edgeHybrid] {
            report(.inconsistent, path: armsAt?.path ?? "arms", line: armsAt?.line ?? place.line,
                   "the key-value workload runs the replication library alone, as one arm: write arms: [edge_hybrid] or leave arms out")
        }
        func known(_ names: [String], _ key: String) -> [NodeNaming.Parsed]? {
            var parsed: [NodeNaming.Parsed] = []
            for name in names {
                if let naming {
                    guard let p = naming.node(named: name) else {
                        report(.unknownNode, path: place.path(key), line: place.line, naming.problem(with: name))
                        return nil
                    }
                    parsed.append(p)
                }
            }
            return parsed
        }
        switch k.mode {
        case .load:
            if let stores = known(k.writers, "writers"), stores.contains(where: { if case .store = $0 { false } else { true } }) {
                report(.inconsistent, path: place.path("writers"), line: place.line,
                       "in mode: load the writers are stores (each writes its own keys)")
            }
        case .probe:
            let roles = [("replicas", k.replicas), ("writers", k.writers), ("readers", k.readers)]
            for (key, names) in roles {
                _ = known(names, key)
                if names.isEmpty {
                    report(.missingKey, path: place.path(key), line: place.line,
                           "mode: probe needs \(key == "writers" ? "one writer" : "at least one of its \(key)") (node names)")
                }
            }
            if k.writers.count > 1 {
                report(.outOfRange, path: place.path("writers"), line: place.line,
                       "mode: probe has exactly one writer; found \(k.writers.count)")
            }
            var seen: [String: String] = [:]
            for (key, names) in roles {
                for name in names {
                    if let other = seen[name] {
                        report(.duplicate, path: place.path(key), line: place.line,
                               "\(name) is already in \(other); a node plays one role")
                    }
                    seen[name] = key
                }
            }
            let n = replication.configuration.replicationFactor
            if !k.replicas.isEmpty, n > k.replicas.count {
                report(.outOfRange, path: replicationAt?.path("n") ?? "replication.n", line: replicationAt?.line,
                       "\(n) exceeds the \(k.replicas.count) replicas of workload.replicas")
            }
            let end = k.probesEnd(settle: Self.probeSettle(replication))
            if let duration, end > duration {
                report(.outOfRange, path: place.path("probes"), line: place.line,
                       "\(k.probes) probes every \(k.probeInterval) from \(k.probeStart), read up to \(k.probeDelays.max() ?? .zero) later, "
                       + "need a run of at least \(end) (duration: \(duration))")
            }
            for fault in faults {
                if case .clock = fault.kind {
                    warn(.noEffect, path: "faults", line: fault.line,
                         "the probe world reads true time: a clock fault has no effect on it")
                }
            }
        }
    }
}
