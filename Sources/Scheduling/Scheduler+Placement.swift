import EdgeBase

// The placement path: steps, candidate indexes, filters, scores, tie-break.

extension Scheduler {
    /// A node found for a replica.
    struct Decision {
        var node: ClusterNodeID
        var mode: PlacementMode
        /// Found by a step after the first.
        var fallback: Bool
    }

    /// What the filters need to know about one step, computed once per step
    /// rather than once per node.
    struct StepContext {
        var replica: WorkloadReplicaID
        var request: Resources
        var stepTiers: TierSet
        /// The workload's allowed tiers, or every tier when the filter is off.
        var allowedTiers: TierSet
        var residency: WorkloadRequest.Residency
        var sourceStore: Int
        var sourceRegion: Int
        var dataset: DatasetID?
        var spreadReplicas: Bool
        /// The workload's source, when a filter or a score needs its latency.
        var latencySource: SourceID?
        /// The latency budget in nanoseconds, `Int64.max` when not enforced.
        var budget: Int64
    }

    @inline(__always)
    func enabled(_ filter: FilterPlugin) -> Bool { filterMask & filter.bit != 0 }

    /// The filters' view of placing `replica` of `spec` with `request` in a step over `stepTiers`.
    func makeContext(
        _ replica: WorkloadReplicaID, _ spec: WorkloadRequest, _ request: Resources, _ stepTiers: TierSet, enforceLatency: Bool
    ) -> StepContext {
        let affinity = enabled(.affinity)
        let origin = spec.source.map { cluster.sources[$0.rawValue] }
        let budget = enforceLatency && enabled(.withinLatency) ? spec.maxLatency?.nanoseconds ?? .max : .max
        return StepContext(
            replica: replica, request: request, stepTiers: stepTiers,
            allowedTiers: enabled(.tierAllowed) ? spec.allowedTiers : .all,
            residency: affinity && origin != nil ? spec.residency : .anywhere,
            sourceStore: origin?.store ?? -1, sourceRegion: origin?.region ?? -1,
            dataset: affinity ? spec.dataset : nil,
            spreadReplicas: affinity && spec.replicas > 1,
            // The baselines neither filter nor score on latency: skip the lookups.
            latencySource: budget < .max || weights.latency > 0 ? spec.source : nil,
            budget: budget
        )
    }

    /// Tiers the scheduler's scope and, if the filter is on, the workload allow.
    func admissibleTiers(_ spec: WorkloadRequest) -> TierSet {
        let scope: TierSet = configuration.kind == .cloudOnly ? .cloud : .all
        return enabled(.tierAllowed) ? scope.intersection(spec.allowedTiers) : scope
    }

    /// The request of `spec` in `mode`.
    @inline(__always)
    static func request(_ spec: WorkloadRequest, _ mode: PlacementMode) -> Resources {
        mode == .normal ? spec.resources : spec.degraded!.resources
    }

    /// Runs the steps for `replica` until one finds a node. Records an
    /// explanation if explanations are on. Does not place.
    mutating func decide(_ replica: WorkloadReplicaID, trigger: PlacementExplanation.Trigger, at time: LocalTime) -> Decision? {
        let spec = workloads[replica.workload.rawValue].spec
        let explaining = configuration.explanations != .off
        let tiers = admissibleTiers(spec)
        let relaxable = configuration.fallback.beyondLatencyBudget && enabled(.withinLatency) && spec.maxLatency != nil
        let degradable = configuration.fallback.degradedMode && spec.degraded != nil
        var steps: [PlacementExplanation.Step] = []
        var first = true
        var decision: Decision?
        search: for phase in 0..<(relaxable ? 2 : 1) {
            for mode in PlacementMode.allCases where mode == .normal || degradable {
                let request = Self.request(spec, mode)
                // Beyond the budget, one pooled step: the latency score then
                // prefers the nearest node rather than the lowest tier.
                if configuration.tierSearch == .ladder && phase == 0 {
                    // A tier with no node at all in the cluster is not a rung.
                    for tier in ClusterTier.allCases where tiers.contains(tier) && !cluster.nodesByTier[tier.rawValue].isEmpty {
                        let (node, step) = runStep(replica, spec, request, mode, TierSet(tier), enforceLatency: phase == 0, explain: explaining)
                        if let step { steps.append(step) }
                        if let node {
                            decision = Decision(node: node, mode: mode, fallback: !first)
                            break search
                        }
                        first = false
                    }
                } else if !tiers.isEmpty {
                    let (node, step) = runStep(replica, spec, request, mode, tiers, enforceLatency: phase == 0, explain: explaining)
                    if let step { steps.append(step) }
                    if let node {
                        decision = Decision(node: node, mode: mode, fallback: !first)
                        break search
                    }
                    first = false
                }
            }
        }
        if explaining {
            explanationLog.append(PlacementExplanation(
                replica: replica, workload: spec.name, time: time, scheduler: configuration.kind, trigger: trigger,
                steps: steps, outcome: decision.map { .placed($0.node, $0.mode) } ?? .unschedulable
            ))
        }
        return decision
    }

    /// One step: gathers candidates, filters, scores, chooses.
    ///
    /// - Returns: the chosen node, if any; the step's record, if `explain`.
    mutating func runStep(
        _ replica: WorkloadReplicaID, _ spec: WorkloadRequest, _ request: Resources, _ mode: PlacementMode,
        _ stepTiers: TierSet, enforceLatency: Bool, explain: Bool
    ) -> (ClusterNodeID?, PlacementExplanation.Step?) {
        // Borrow the scratch buffers so that the loop below does not allocate.
        var candidates: [ClusterNodeID] = []
        var feasible: [Candidate] = []
        swap(&candidates, &scratchCandidates)
        swap(&feasible, &scratchFeasible)
        defer {
            candidates.removeAll(keepingCapacity: true)
            feasible.removeAll(keepingCapacity: true)
            swap(&candidates, &scratchCandidates)
            swap(&feasible, &scratchFeasible)
        }

        let prunedBy = gatherCandidates(spec, stepTiers, into: &candidates)
        let context = makeContext(replica, spec, request, stepTiers, enforceLatency: enforceLatency)
        var evaluations: [PlacementExplanation.NodeEvaluation] = []
        for node in candidates {
            let (reason, latency) = check(node, context)
            let tier = cluster.nodes[node.rawValue].tier
            if let reason {
                if explain { evaluations.append(.init(node: node, tier: tier, verdict: .rejected(reason))) }
                continue
            }
            feasible.append(Candidate(node: node, tier: tier, latency: latency, leastAllocated: 0, cost: 0, failureRate: 0, total: 0))
        }

        var chosen: ClusterNodeID?
        if !feasible.isEmpty {
            if configuration.kind == .random {
                // Canonical order first, so the draw picks the same node
                // whatever index produced the candidates.
                if !feasible.indices.dropFirst().allSatisfy({ feasible[$0 - 1].node < feasible[$0].node }) {
                    feasible.sort { $0.node < $1.node }
                }
                let draw = randomSource!()
                chosen = feasible[Int(draw.multipliedFullWidth(by: UInt64(feasible.count)).high)].node
                if explain {
                    for c in feasible { evaluations.append(.init(node: c.node, tier: c.tier, verdict: .feasible(scores: [], total: 0))) }
                }
            } else {
                let maxima = score(&feasible, request)
                var best = 0
                for i in 1..<feasible.count where Self.outranks(feasible[i], feasible[best]) { best = i }
                chosen = feasible[best].node
                if explain {
                    for c in feasible {
                        evaluations.append(.init(node: c.node, tier: c.tier, verdict: .feasible(scores: pluginScores(c, maxima), total: c.total)))
                    }
                }
            }
        }

        guard explain else { return (chosen, nil) }
        evaluations.sort { $0.node < $1.node }
        let pruned = cluster.nodes.count - candidates.count
        let step = PlacementExplanation.Step(
            tiers: stepTiers, mode: mode, latencyEnforced: enforceLatency, nodes: evaluations,
            pruned: pruned, prunedBy: pruned > 0 ? prunedBy : nil, feasible: feasible.count, chosen: chosen
        )
        return (chosen, step)
    }

    /// Fills `candidates` from the smallest index that keeps every node the
    /// filters could accept: the step's tier lists, the source's store or
    /// region (residency), or the dataset's holders. Every node when
    /// explaining all nodes.
    ///
    /// - Returns: the name of the index used.
    func gatherCandidates(_ spec: WorkloadRequest, _ stepTiers: TierSet, into candidates: inout [ClusterNodeID]) -> String {
        if configuration.explanations == .allNodes {
            for i in cluster.nodes.indices { candidates.append(ClusterNodeID(i)) }
            return "none"
        }
        var tierCount = 0
        for tier in ClusterTier.allCases where stepTiers.contains(tier) { tierCount += cluster.nodesByTier[tier.rawValue].count }
        var best: (list: [ClusterNodeID], name: String)?
        var bestCount = tierCount
        if enabled(.affinity), let source = spec.source, spec.residency != .anywhere {
            let origin = cluster.sources[source.rawValue]
            let list = spec.residency == .store ? cluster.nodes(inStore: origin.store) : cluster.nodes(inRegion: origin.region)
            if list.count < bestCount {
                best = (list, spec.residency == .store ? "store \(origin.store)" : "region \(origin.region)")
                bestCount = list.count
            }
        }
        if enabled(.affinity), let dataset = spec.dataset, cluster.datasets[dataset.rawValue].nodes.count < bestCount {
            best = (cluster.datasets[dataset.rawValue].nodes, "dataset \(dataset)")
        }
        if let best {
            candidates.append(contentsOf: best.list)
            return best.name
        }
        if stepTiers == .all {
            // Ascending, which spares the random scheduler a sort.
            for i in cluster.nodes.indices { candidates.append(ClusterNodeID(i)) }
            return "tier"
        }
        for tier in ClusterTier.allCases where stepTiers.contains(tier) {
            candidates.append(contentsOf: cluster.nodesByTier[tier.rawValue])
        }
        return "tier"
    }

    /// Runs the enabled filters and the step's tier check, in order, on one node.
    ///
    /// - Returns: the first rejection, if any, and the latency from the
    ///   workload's source in nanoseconds (0 without a source, or when
    ///   neither the latency filter nor the latency score needs it).
    @inline(__always)
    func check(_ node: ClusterNodeID, _ context: StepContext) -> (FilterReason?, Int64) {
        let i = node.rawValue
        let tier = cluster.nodes[i].tier
        if !context.allowedTiers.contains(tier) { return (.tierNotAllowed(tier), 0) }
        if !context.stepTiers.contains(tier) { return (.tierOutsideStep(tier), 0) }
        switch cluster.nodes[i].health {
        case .healthy: break
        case .cordoned: return (.nodeCordoned, 0)
        case .failed: return (.nodeFailed, 0)
        }
        switch context.residency {
        case .anywhere: break
        case .store: if cluster.nodes[i].location.store != context.sourceStore { return (.outsideResidency(.store), 0) }
        case .region: if cluster.nodes[i].location.region != context.sourceRegion { return (.outsideResidency(.region), 0) }
        }
        if let dataset = context.dataset, !cluster.node(node, holds: dataset) { return (.datasetAbsent(dataset), 0) }
        if context.spreadReplicas {
            let replica = context.replica
            for (j, sibling) in workloads[replica.workload.rawValue].replicas.enumerated()
            where j != replica.index && sibling.placement?.node == node {
                return (.replicaAlreadyOnNode(j), 0)
            }
        }
        var latency: Int64 = 0
        if let source = context.latencySource {
            latency = cluster.latency(from: source, to: node).nanoseconds
            if latency > context.budget {
                return (.latencyOverBudget(latency: LocalDuration(nanoseconds: latency), budget: LocalDuration(nanoseconds: context.budget)), latency)
            }
        }
        let request = context.request
        let capacity = cluster.nodes[i].capacity, allocated = cluster.nodes[i].allocated
        if request.milliCPU > capacity.milliCPU - allocated.milliCPU {
            return (.insufficientCPU(requested: request.milliCPU, free: capacity.milliCPU - allocated.milliCPU), latency)
        }
        if request.memoryMiB > capacity.memoryMiB - allocated.memoryMiB {
            return (.insufficientMemory(requested: request.memoryMiB, free: capacity.memoryMiB - allocated.memoryMiB), latency)
        }
        if request.gpus > capacity.gpus - allocated.gpus {
            return (.insufficientGPU(requested: request.gpus, free: capacity.gpus - allocated.gpus), latency)
        }
        return (nil, latency)
    }

    /// Whether `node` is inside the residency `spec` demands (regardless of filters).
    @inline(__always)
    func isWithinResidency(_ spec: WorkloadRequest, _ node: ClusterNodeID) -> Bool {
        guard let source = spec.source else { return true }
        switch spec.residency {
        case .anywhere: return true
        case .store: return cluster.nodes[node.rawValue].location.store == cluster.sources[source.rawValue].store
        case .region: return cluster.nodes[node.rawValue].location.region == cluster.sources[source.rawValue].region
        }
    }

    /// Maxima of the raw values normalised against (latency, cost, failure rate).
    typealias Maxima = (latency: Int64, cost: Int64, failureRate: Int64)

    /// Computes every enabled plugin's raw value and every node's weighted
    /// total, in place.
    ///
    /// - Returns: the maxima the normalisation used.
    func score(_ feasible: inout [Candidate], _ request: Resources) -> Maxima {
        var maxima: Maxima = (0, 0, 0)
        for i in feasible.indices {
            let node = feasible[i].node.rawValue
            if weights.leastAllocated > 0 {
                feasible[i].leastAllocated = Self.leastAllocated(cluster.nodes[node].capacity, cluster.nodes[node].allocated, request)
            }
            if weights.cost > 0 {
                feasible[i].cost = Self.cost(cluster.nodes[node].costPerHour, cluster.nodes[node].capacity, request)
                maxima.cost = max(maxima.cost, feasible[i].cost)
            }
            if weights.reliability > 0 {
                feasible[i].failureRate = cluster.nodes[node].reliability.failuresPerMillionHours
                maxima.failureRate = max(maxima.failureRate, feasible[i].failureRate)
            }
            maxima.latency = max(maxima.latency, feasible[i].latency)
        }
        for i in feasible.indices {
            let c = feasible[i]
            var total = weights.leastAllocated * Int(c.leastAllocated)
            total += weights.latency * Self.reverseNormalized(c.latency, max: maxima.latency)
            total += weights.cost * Self.reverseNormalized(c.cost, max: maxima.cost)
            total += weights.reliability * Self.reverseNormalized(c.failureRate, max: maxima.failureRate)
            feasible[i].total = total
        }
        return maxima
    }

    /// The weighted plugins' raw and normalised scores of one node, for records.
    func pluginScores(_ c: Candidate, _ maxima: Maxima) -> [PlacementExplanation.PluginScore] {
        var scores: [PlacementExplanation.PluginScore] = []
        for plugin in ScorePlugin.allCases where weights[plugin] > 0 {
            let raw: Int64
            let score: Int
            switch plugin {
            case .latency: (raw, score) = (c.latency, Self.reverseNormalized(c.latency, max: maxima.latency))
            case .leastAllocated: (raw, score) = (c.leastAllocated, Int(c.leastAllocated))
            case .cost: (raw, score) = (c.cost, Self.reverseNormalized(c.cost, max: maxima.cost))
            case .reliability: (raw, score) = (c.failureRate, Self.reverseNormalized(c.failureRate, max: maxima.failureRate))
            }
            scores.append(.init(plugin: plugin, raw: raw, score: score, weight: weights[plugin], weighted: score * weights[plugin]))
        }
        return scores
    }

    /// kube-scheduler's `DefaultNormalizeScore` with `reverse: true`: `100 -
    /// raw × 100 / max`, and 100 for every node when `max` is 0.
    @inline(__always)
    static func reverseNormalized(_ raw: Int64, max: Int64) -> Int {
        guard max > 0 else { return 100 }
        return 100 - Int(percent(raw, of: max))
    }

    /// `part * 100 / whole`, exact even where `part * 100` overflows 64 bits.
    @inline(__always)
    static func percent(_ part: Int64, of whole: Int64) -> Int64 { muldiv(part, 100, whole) }

    /// kube-scheduler's `LeastAllocated`: free share after placing, in
    /// percent, averaged over CPU, memory, and GPUs if requested.
    static func leastAllocated(_ capacity: Resources, _ allocated: Resources, _ request: Resources) -> Int64 {
        var sum: Int64 = 0
        var count: Int64 = 0
        if capacity.milliCPU > 0 {
            sum += percent(capacity.milliCPU - allocated.milliCPU - request.milliCPU, of: capacity.milliCPU)
            count += 1
        }
        if capacity.memoryMiB > 0 {
            sum += percent(capacity.memoryMiB - allocated.memoryMiB - request.memoryMiB, of: capacity.memoryMiB)
            count += 1
        }
        if request.gpus > 0, capacity.gpus > 0 {
            sum += percent(capacity.gpus - allocated.gpus - request.gpus, of: capacity.gpus)
            count += 1
        }
        return count > 0 ? sum / count : 0
    }

    /// The node's hourly price times the request's dominant share of the
    /// node's capacity, in micro-dollars an hour.
    static func cost(_ price: MicroDollars, _ capacity: Resources, _ request: Resources) -> Int64 {
        var sharePPM: Int64 = 0
        if capacity.milliCPU > 0 { sharePPM = max(sharePPM, muldiv(request.milliCPU, 1_000_000, capacity.milliCPU)) }
        if capacity.memoryMiB > 0 { sharePPM = max(sharePPM, muldiv(request.memoryMiB, 1_000_000, capacity.memoryMiB)) }
        if capacity.gpus > 0 { sharePPM = max(sharePPM, muldiv(request.gpus, 1_000_000, capacity.gpus)) }
        return muldiv(price.value, sharePPM, 1_000_000)
    }

    /// `a * b / c` for non-negative operands, exact even where `a * b`
    /// overflows 64 bits (the quotient is clamped to `Int64.max`).
    @inline(__always)
    static func muldiv(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        if !overflow { return product / c }
        return Int64(clamping: Int128(a) * Int128(b) / Int128(c))
    }

    /// The tie-break: higher total, then lower tier, then lower node identifier.
    @inline(__always)
    static func outranks(_ a: Candidate, _ b: Candidate) -> Bool {
        if a.total != b.total { return a.total > b.total }
        if a.tier != b.tier { return a.tier < b.tier }
        return a.node < b.node
    }

    /// Puts `replica` on the decided node and counts the placement.
    ///
    /// - Parameter counted: whether it counts in ``SchedulerCounters/placements`` and its subsets
    ///   (not for a rebalance move, which is counted on its own).
    mutating func commit(_ replica: WorkloadReplicaID, _ decision: Decision, counted: Bool = true) -> Placement {
        let spec = workloads[replica.workload.rawValue].spec
        let node = decision.node
        cluster.nodes[node.rawValue].allocated += Self.request(spec, decision.mode)
        replicasOnNode[node.rawValue].append(replica)
        let latency = spec.source.map { cluster.latency(from: $0, to: node) }
        let withinBudget = spec.maxLatency.map { budget in latency.map { $0 <= budget } ?? true } ?? true
        let placement = Placement(
            replica: replica, node: node, tier: cluster.nodes[node.rawValue].tier, mode: decision.mode,
            latency: latency, withinLatencyBudget: withinBudget, withinResidency: isWithinResidency(spec, node),
            fallback: decision.fallback
        )
        workloads[replica.workload.rawValue].replicas[replica.index].placement = placement
        if counted {
            counters.placements += 1
            if decision.mode == .degraded { counters.degradedPlacements += 1 }
            if decision.fallback { counters.fallbackPlacements += 1 }
            if !placement.withinLatencyBudget { counters.slaViolatingPlacements += 1 }
            if !placement.withinResidency { counters.sovereigntyViolatingPlacements += 1 }
        }
        return placement
    }
}
