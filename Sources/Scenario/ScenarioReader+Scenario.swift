import Foundation
import SimKernel
import SimNetwork
import Yams

/// What the faults need to know of the topology: the node names it
/// generates and the extra links it adds.
struct TopologyFacts {
    var naming: NodeNaming
    var extraLinks: [(a: String, b: String)]

    func linked(_ a: NodeNaming.Parsed, _ b: NodeNaming.Parsed) -> Bool {
        if naming.treeLinks(a, b) { return true }
        return extraLinks.contains { ($0.a == a.name && $0.b == b.name) || ($0.a == b.name && $0.b == a.name) }
    }
}

extension ScenarioReader {
    /// The whole scenario, or nil when anything is wrong (every problem recorded).
    func readScenario(_ root: Yams.Node) -> Scenario? {
        let document = Located(node: root, path: "", line: root.mark?.line ?? 1)
        guard let top = fields(document, allowed: ScenarioSchema.topLevel,
                               what: "a mapping of scenario keys (name, duration, topology, ...)") else { return nil }

        let name = required(top, "name", "letters, digits, - and _").flatMap(scenarioName)
        let description = top["description"].flatMap { string($0) }
        let duration = required(top, "duration", "a duration such as \"10m\"").flatMap(positiveDuration)
        let warmupAt = top["warmup"]
        let warmup = warmupAt.flatMap { self.duration($0) }
        if let warmupAt, let warmup, let duration, warmup >= duration {
            report(.outOfRange, warmupAt, "the warm-up (\(warmup)) must be shorter than the run (duration: \(duration))")
        }
        let seed = top["seed"].flatMap { uint64($0, "a whole number from 0 to \(UInt64.max)") }
        // "replications" was the old name of "repetitions" (a replication is
        // also what the replication library does): still read, with a warning.
        var repetitions = top["repetitions"].flatMap { int($0, min: 1, max: 100_000) }
        if let old = top["replications"] {
            if top.has("repetitions") {
                report(.duplicate, old, "`replications` is the old name of `repetitions`; write only `repetitions`")
            } else {
                repetitions = int(old, min: 1, max: 100_000)
                warn(.deprecated, path: old.path, line: old.line,
                     "`replications` is now `repetitions` (independent runs per arm); the old name still works")
            }
        }
        let arms = top["arms"].flatMap(readArms)
        let sla = top["sla"].flatMap(positiveDuration)
        let bucket = top["timeseries_bucket"].flatMap(positiveDuration)

        let topologyAt = required(top, "topology", "regions, stores_per_region, cameras_per_store and links")
        let (topology, facts) = topologyAt.map(readTopology) ?? (nil, nil)
        let workload = top["workload"].map(readWorkload) ?? WorkloadSpec()
        let costs = top["costs"].map(readCosts) ?? CostSpec()
        let faults = top["faults"].map { readFaults($0, facts: facts, run: duration) } ?? []
        // Both sections are read whatever else failed, so that validation is whole.
        let replicationAt = top["replication"]
        let replication = replicationAt.flatMap { readReplication($0, topology: topology) }
        let schedulingAt = top["scheduling"]
        let scheduling = schedulingAt.flatMap(readScheduling)
        // After every section that may hold an old name of one of its keys.
        let deployment = readDeployment(top["deployment"])
        checkKeyValue(workload, at: top["workload"], naming: facts?.naming, replication: replication,
                      replicationAt: replicationAt, armsAt: top["arms"], arms: arms, duration: duration, faults: faults)
        if let facts, workload.kind == .retail {
            warnAboutFaultsWithoutEffect(faults, facts: facts, replication: replication, scheduling: scheduling,
                                         arms: arms ?? Scenario.defaultArms)
        }

        guard issues.isEmpty, let name, let duration, let topology else {
            if issues.isEmpty {
                report(.missingKey, document, "the scenario is incomplete")
            }
            return nil
        }
        var scenario = Scenario(name: name, duration: duration, topology: topology)
        if let description { scenario.description = description }
        if let warmup { scenario.warmup = warmup }
        if let seed { scenario.seed = seed }
        if let repetitions { scenario.repetitions = repetitions }
        if let arms { scenario.arms = arms } else if workload.kind == .keyvalue { scenario.arms = [.edgeHybrid] }
        if let sla { scenario.sla = sla }
        if let bucket { scenario.timeseriesBucket = bucket }
        scenario.workload = workload
        scenario.costs = costs
        if let deployment { scenario.deployment = deployment }
        scenario.faults = faults
        scenario.replication = replication
        scenario.scheduling = scheduling
        scenario.warnings = warnings
        return scenario
    }

    /// The name names the results folder, so it must be safe as one.
    func scenarioName(_ at: Located) -> String? {
        guard let text = string(at, "a name of letters, digits, - and _") else { return nil }
        guard check(text.count <= ScenarioLimits.longestName, at,
                    "is \(text.count) characters long; a name has at most \(ScenarioLimits.longestName) (it names the results folder)")
        else { return nil }
        let ok = !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        return check(ok, at, "\"\(text)\" must be letters, digits, - and _ only (it names the results folder)") ? text : nil
    }

    func readArms(_ at: Located) -> [Arm]? {
        let names = Arm.allCases.map(\.rawValue)
        guard let items = list(at, what: "a list of arms (\(names.joined(separator: ", ")))") else { return nil }
        guard check(!items.isEmpty, at, "must name at least one arm (\(names.joined(separator: ", ")))") else { return nil }
        var arms: [Arm] = []
        var ok = true
        for item in items {
            guard let text = choice(item, names, what: "an arm"), let arm = Arm(rawValue: text) else {
                ok = false
                continue
            }
            if arms.contains(arm) {
                report(.duplicate, item, "the arm \(text) is listed twice")
                ok = false
            }
            arms.append(arm)
        }
        return ok ? arms : nil
    }

    // MARK: - Topology

    /// The topology, and what faults need to know of it even when some of
    /// its links are wrong (nil when the counts themselves are).
    func readTopology(_ at: Located) -> (TopologySpec?, TopologyFacts?) {
        guard let f = fields(at, allowed: ScenarioSchema.topology) else { return (nil, nil) }
        let regions = required(f, "regions", "a whole number ≥ 1").flatMap { int($0, min: 1, max: 100_000) }
        let stores = required(f, "stores_per_region", "a whole number ≥ 1").flatMap { int($0, min: 1, max: 100_000) }
        let cameras = required(f, "cameras_per_store", "a whole number ≥ 0").flatMap { int($0, min: 0, max: 100_000) }
        let clouds = f["cloud_nodes"].map { int($0, min: 1, max: 1_000) } ?? 1
        let servers = f["servers_per_store"].map { int($0, min: 1, max: 64) } ?? 1

        var naming: NodeNaming? = NodeNaming(regions: regions, storesPerRegion: stores, camerasPerStore: cameras,
                                             cloudNodes: clouds, serversPerStore: servers)
        if let regions, let stores, let cameras {
            // Devices dominate; keep the node count within what a run can hold.
            let (storeCount, o1) = regions.multipliedReportingOverflow(by: stores)
            let (deviceCount, o2) = storeCount.multipliedReportingOverflow(by: cameras)
            if o1 || o2 || storeCount + deviceCount > 50_000_000 {
                report(.outOfRange, at, "the topology has more than 50 000 000 nodes (regions × stores_per_region × cameras_per_store)")
                naming = nil
            }
        }

        var deviceStore: LinkSettings?, storeRegion: LinkSettings?, regionCloud: LinkSettings?
        if let linksAt = required(f, "links", "device_store, store_region and region_cloud"),
           let links = fields(linksAt, allowed: ScenarioSchema.links) {
            func setting(_ key: String) -> LinkSettings? {
                guard let s = required(links, key, "latency and bandwidth"),
                      let sf = fields(s, allowed: ScenarioSchema.linkSettings) else { return nil }
                return linkSettings(sf)
            }
            deviceStore = setting("device_store")
            storeRegion = setting("store_region")
            regionCloud = setting("region_cloud")
        }

        var extraLinks: [ExtraLink] = []
        var extraPairs: [(a: String, b: String)] = []
        var extraOK = true
        if let extraAt = f["extra_links"], let items = list(extraAt, what: "a list of links") {
            for item in items {
                guard let (links, pairs) = readExtraLinks(item, naming: naming, earlier: extraPairs) else {
                    extraOK = false
                    continue
                }
                extraPairs += pairs
                if let links { extraLinks += links } else { extraOK = false }
            }
        }

        let facts = naming.map { TopologyFacts(naming: $0, extraLinks: extraPairs) }
        guard let regions, let stores, let cameras, let clouds, let servers, naming != nil,
              let deviceStore, let storeRegion, let regionCloud, extraOK else { return (nil, facts) }
        var spec = TopologySpec(regions: regions, storesPerRegion: stores, camerasPerStore: cameras,
                                deviceStore: deviceStore, storeRegion: storeRegion, regionCloud: regionCloud)
        spec.cloudNodes = clouds
        spec.serversPerStore = servers
        spec.extraLinks = extraLinks
        return (spec, facts)
    }

    /// One link's settings: a latency (both directions, or `latency_up` and
    /// `latency_down`) and bandwidth required, the rest defaulted.
    func linkSettings(_ f: Fields) -> LinkSettings? {
        let latencyAt = f["latency"]
        let upAt = f["latency_up"], downAt = f["latency_down"]
        var latency: Distribution?
        if let latencyAt {
            latency = distribution(latencyAt, of: .duration)
        } else if upAt == nil || downAt == nil {
            report(.missingKey, path: f.owner.path("latency"), line: f.owner.line,
                   "required key is missing (a duration such as \"10ms\" or a distribution; or both latency_up and latency_down)")
        }
        let up = upAt.flatMap { distribution($0, of: .duration) }
        let down = downAt.flatMap { distribution($0, of: .duration) }
        let bandwidth = required(f, "bandwidth", "a bandwidth such as \"100Mbps\"").flatMap(bandwidth)
        var loss: Double?
        if let at = f["loss"], let p = probability(at) {
            loss = check(p < 1, at, "must be less than 1 (a link that loses everything is a cut; see faults)") ? p : nil
        }
        let queue = f["queue_limit"].flatMap { size($0, min: 1, max: .max) }
        let discipline = f["discipline"].flatMap { choice($0, LinkDiscipline.allCases.map(\.rawValue), what: "a discipline") }
            .flatMap(LinkDiscipline.init(rawValue:))
        var ordering = f["ordering"].flatMap { choice($0, LinkOrdering.allCases.map(\.rawValue), what: "an ordering") }
            .flatMap(LinkOrdering.init(rawValue:))
        // `reorder` was the boolean before `ordering`: still read, with a warning.
        if let old = f["reorder"] {
            if f.has("ordering") {
                report(.duplicate, old, "`reorder` is the old spelling of `ordering`; write only `ordering`")
            } else if let reorder = bool(old) {
                ordering = reorder ? LinkOrdering.none : .link
                warn(.deprecated, path: old.path, line: old.line,
                     "`reorder: \(reorder)` is now `ordering: \(reorder ? "none" : "link")` (the default, `flow`, keeps order per source, destination and class); the old spelling still works")
            }
        }

        guard let latency = latency ?? up, let bandwidth else { return nil }
        if (upAt != nil && up == nil) || (downAt != nil && down == nil) { return nil }
        var settings = LinkSettings(latency: latency, bandwidth: bandwidth)
        settings.latencyUp = up
        settings.latencyDown = down
        if let loss { settings.loss = loss }
        if let queue {
            guard let limit = Int(exactly: queue) else { return nil }
            settings.queueLimitBytes = limit
        }
        if let discipline { settings.discipline = discipline }
        if let ordering { settings.ordering = ordering }
        do throws(LinkSpecError) {
            _ = try settings.spec(.up)
            _ = try settings.spec(.down)
        } catch {
            report(.outOfRange, f.owner, error.description)
            return nil
        }
        return settings
    }

    /// One item of `extra_links`: a link, or one link per pair when `a` or
    /// `b` is a list (a star: `a: writer`, `b: [replica-0, replica-1, ...]`).
    /// Nil when unreadable; `(nil, pairs)` when its ends are known but its
    /// settings or some pair are wrong (so faults may still name them).
    func readExtraLinks(_ at: Located, naming: NodeNaming?,
                        earlier: [(a: String, b: String)]) -> ([ExtraLink]?, [(a: String, b: String)])? {
        guard let f = fields(at, allowed: ScenarioSchema.extraLink) else { return nil }
        let kindText = required(f, "kind", "peer or uplink").flatMap { choice($0, ["peer", "uplink"], what: "a link kind") }
        let aAt = required(f, "a", "a node name such as \"store-3\", or a list of them")
        let bAt = required(f, "b", "a node name such as \"store-4\", or a list of them")
        let aNames = aAt.flatMap { nodes($0, naming) }
        let bNames = bAt.flatMap { nodes($0, naming) }
        let settings = linkSettings(f)
        guard let kindText, let kind = ExtraLink.Kind(rawValue: kindText), let aNames, let bNames, let bAt else { return nil }

        var pairs: [(a: String, b: String)] = []
        var ok = true
        for a in aNames {
            for b in bNames {
                if let naming, let x = naming.node(named: a), let y = naming.node(named: b) {
                    if x == y {
                        report(.badLink, bAt, "a link joins two different nodes; both ends are \(a)")
                        ok = false
                        continue
                    }
                    switch kind {
                    case .peer:
                        guard x.tier == y.tier else {
                            report(.badLink, bAt, "a peer link joins two nodes of the same tier; \(a) is a \(x.tier) and \(b) a \(y.tier)")
                            ok = false
                            continue
                        }
                    case .uplink:
                        guard y.tier.rawValue == x.tier.rawValue + 1 else {
                            report(.badLink, bAt,
                                   "an uplink goes from a node to one a tier up; \(a) is a \(x.tier), so b must be a \(Tier(rawValue: x.tier.rawValue + 1).map(\.description) ?? "higher tier") (\(b) is a \(y.tier))")
                            ok = false
                            continue
                        }
                    }
                    if naming.isComplete, naming.treeLinks(x, y) {
                        report(.duplicate, at, "\(a) and \(b) are already linked by the tree")
                        ok = false
                        continue
                    }
                }
                let seen = earlier + pairs
                if let i = seen.firstIndex(where: { ($0.a == a && $0.b == b) || ($0.a == b && $0.b == a) }) {
                    report(.duplicate, at, i < earlier.count
                           ? "\(a) and \(b) are already linked by an earlier item of topology.extra_links"
                           : "\(a) and \(b) are linked twice by this item")
                    ok = false
                    continue
                }
                pairs.append((a, b))
            }
        }
        guard ok, let settings else { return (nil, pairs) }
        return (pairs.map { ExtraLink(kind: kind, a: $0.a, b: $0.b, settings: settings) }, pairs)
    }

    /// A node name, or a non-empty list of distinct ones.
    func nodes(_ at: Located, _ naming: NodeNaming?) -> [String]? {
        guard case .sequence = at.node else { return node(at, naming).map { [$0] } }
        guard let items = list(at, what: "a list of node names"), check(!items.isEmpty, at, "must name at least one node") else {
            return nil
        }
        var names: [String] = []
        var ok = true
        for item in items {
            guard let name = node(item, naming) else { ok = false; continue }
            if names.contains(name) {
                report(.duplicate, item, "\(name) is listed twice")
                ok = false
            }
            names.append(name)
        }
        return ok ? names : nil
    }

    /// A node name, checked against the topology when its counts are known.
    func node(_ at: Located, _ naming: NodeNaming?) -> String? {
        guard let name = string(at, "a node name such as \"store-3\"") else { return nil }
        if let naming, naming.node(named: name) == nil {
            report(.unknownNode, at, naming.problem(with: name))
            return nil
        }
        return name
    }
}
