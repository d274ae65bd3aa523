import Foundation
import SimKernel
import SimNetwork
import Yams

extension ScenarioReader {
    /// The fault timeline, in file order.
    ///
    /// - Parameters:
    ///   - facts: the topology's node names and extra links; nil when the
    ///     topology's counts are wrong (node names are then not checked).
    ///   - run: the run's duration; nil when it is wrong (times are then not checked).
    func readFaults(_ at: Located, facts: TopologyFacts?, run: SimDuration?) -> [FaultSpec] {
        guard let items = list(at, what: "a list of faults") else { return [] }
        return items.compactMap { readFault($0, facts: facts, run: run) }
    }

    func readFault(_ at: Located, facts: TopologyFacts?, run: SimDuration?) -> FaultSpec? {
        let kinds = ScenarioSchema.faultKinds.map(\.kind)
        // The kind decides which keys belong, so read it before the rest.
        var kind: String?
        if case .mapping(let mapping) = at.node, let kindNode = mapping["kind"] {
            let line = mapping.keys.first { $0.string == "kind" }?.mark?.line ?? at.line
            kind = choice(Located(node: kindNode, path: at.path("kind"), line: line), kinds, what: "a fault kind")
        }
        let allowed = kind.flatMap { k in ScenarioSchema.faultKinds.first { $0.kind == k }?.keys } ?? ScenarioSchema.faultKeys
        guard let f = fields(at, allowed: allowed, what: "a fault (a mapping with at, kind, ...)", explain: { key in
            guard let kind, ScenarioSchema.faultKeys.contains(key) else { return nil }
            if kind == "clock" && key == "duration" {
                return "a clock fault has no duration: it sets the node's clock from `at` to the end of the run"
            }
            return "`\(key)` does not apply to a \(kind) fault; a \(kind) takes \(allowed.joined(separator: ", "))"
        }) else { return nil }
        // Without a kind the timing can still be checked; the kind's own keys cannot.
        _ = required(f, "kind", kinds.joined(separator: ", "))

        let atAt = required(f, "at", "a duration from the start of the run, such as \"2m\"")
        let start = atAt.flatMap { duration($0) }
        let lengthAt = f["duration"]
        let length = lengthAt.flatMap(positiveDuration)
        if let run, let atAt, let start, start >= run {
            report(.faultTiming, atAt, "starts at \(start), at or after the end of the run (duration: \(run))")
        } else if let run, let lengthAt, let start, let length,
                  start.nanoseconds.addingReportingOverflow(length.nanoseconds).overflow || start + length > run {
            // Each is at most 100 years, so the sum cannot overflow; checked all the same.
            let end = start.nanoseconds.addingReportingOverflow(length.nanoseconds).overflow ? "beyond 292 years" : "\(start + length)"
            report(.faultTiming, lengthAt,
                   "ends at \(end) (at \(start) + \(length)), after the end of the run (duration: \(run))")
        }

        let naming = facts?.naming
        let faultKind: FaultSpec.Kind?
        switch kind {
        case "cut":
            faultKind = required(f, "link", "two node names, such as [store-17, region-0]")
                .flatMap { linkRef($0, facts) }.map { .cut($0) }
        case "degrade":
            let link = required(f, "link", "two node names, such as [store-17, region-0]").flatMap { linkRef($0, facts) }
            let latency = factor(f["latency_factor"], "latency_factor")
            let bandwidth = factor(f["bandwidth_factor"], "bandwidth_factor")
            var extraLoss: Double? = 0
            if let lossAt = f["extra_loss"] {
                extraLoss = probability(lossAt)
                if let v = extraLoss, !check(v < 1, lossAt, "must be less than 1 (to lose everything, cut the link)") {
                    extraLoss = nil
                }
            }
            if let link, let latency, let bandwidth, let extraLoss {
                faultKind = .degrade(link, latencyFactor: latency, bandwidthFactor: bandwidth, extraLoss: extraLoss)
            } else {
                faultKind = nil
            }
        case "partition":
            let a = required(f, "a", "a list of node names").flatMap { nodeSet($0, naming) }
            let b = required(f, "b", "a list of node names").flatMap { nodeSet($0, naming) }
            if let a, let b, let bAt = f["b"], case .sequence(let bItems) = bAt.node {
                var overlap = false
                for (j, name) in b.enumerated() where a.contains(name) {
                    let item = bItems[j]
                    report(.partitionOverlap, path: bAt.path(index: j), line: item.mark?.line ?? bAt.line,
                           "\(name) is on both sides of the partition (it is in a too)")
                    overlap = true
                }
                faultKind = overlap ? nil : .partition(a, b)
            } else {
                faultKind = nil
            }
        case "crash":
            faultKind = required(f, "node", "a node name such as \"region-3\"").flatMap { node($0, naming) }.map { .crash($0) }
        case "clock":
            let name = required(f, "node", "a node name such as \"store-3\"").flatMap { node($0, naming) }
            let offset = f["offset"].map(signedDuration) ?? .zero
            var drift: Double? = 0
            if let driftAt = f["drift_ppm"] {
                drift = double(driftAt, "a number of parts per million, such as 50 or -20")
                if let d = drift, !check(abs(d) < 1_000_000, driftAt, "must lie strictly between -1000000 and 1000000") {
                    drift = nil
                }
            }
            if let name, let offset, let drift {
                faultKind = .clock(name, offset: offset, driftPPM: drift)
            } else {
                faultKind = nil
            }
        default:
            faultKind = nil
        }
        guard let start, let faultKind, lengthAt == nil || length != nil else { return nil }
        return FaultSpec(at: start, duration: length, kind: faultKind, line: at.line)
    }

    /// A degrade factor: more than zero, 1 when absent.
    private func factor(_ at: Located?, _ key: String) -> Double? {
        guard let at else { return 1 }
        guard let v = double(at, "a factor such as 2 or 0.5") else { return nil }
        return check(v > 0, at, "must be more than zero") ? v : nil
    }

    /// `[a, b]`: two different nodes that a connection joins.
    func linkRef(_ at: Located, _ facts: TopologyFacts?) -> LinkRef? {
        guard let items = list(at, what: "two node names, such as [store-17, region-0]") else { return nil }
        guard items.count == 2 else {
            report(.wrongType, at, "expected two node names, such as [store-17, region-0], found \(items.count)")
            return nil
        }
        let a = node(items[0], facts?.naming), b = node(items[1], facts?.naming)
        guard let a, let b else { return nil }
        guard a != b else {
            report(.badLink, at, "a link joins two different nodes; both are \(a)")
            return nil
        }
        if let facts, facts.naming.isComplete, let x = facts.naming.node(named: a), let y = facts.naming.node(named: b), !facts.linked(x, y) {
            var message = "no link joins \(a) and \(b)"
            let (lower, upper) = x.tier <= y.tier ? (x, y) : (y, x)
            if lower.tier == upper.tier {
                message += "; add a peer link under topology.extra_links"
            } else if let parent = facts.naming.parent(of: lower) {
                message += "; \(lower.name)'s uplink goes to \(parent.name)"
            }
            report(.badLink, at, message)
            return nil
        }
        return LinkRef(a: a, b: b)
    }

    /// A non-empty list of node names.
    func nodeSet(_ at: Located, _ naming: NodeNaming?) -> [String]? {
        guard let items = list(at, what: "a list of node names, such as [store-0, store-1]") else { return nil }
        guard check(!items.isEmpty, at, "must name at least one node") else { return nil }
        let names = items.map { node($0, naming) }
        guard names.allSatisfy({ $0 != nil }) else { return nil }
        return names.map { $0! }
    }
}
