import Foundation
import Testing
import SimKernel
import SimNetwork
@testable import Scenario

@Suite("Validation")
struct ValidationTests {
    @Test("the minimal scenario loads with the documented defaults")
    func defaults() throws {
        let s = try scenario(base)
        #expect(s.name == "t")
        #expect(s.warmup == .zero)
        #expect(s.seed == 1)
        #expect(s.repetitions == 1)
        #expect(s.arms == [.edgeHybrid, .cloudOnly])
        #expect(s.sla == .seconds(2))
        #expect(s.timeseriesBucket == .minutes(1))
        #expect(s.topology.cloudNodes == 1)
        #expect(s.topology.storeRegion.loss == 0)
        #expect(s.topology.storeRegion.queueLimitBytes == nil)
        #expect(s.topology.storeRegion.discipline == .fifo)
        #expect(s.topology.storeRegion.ordering == .flow)
        #expect(s.workload == WorkloadSpec())
        #expect(s.costs == CostSpec())
        #expect(s.faults.isEmpty)
        #expect(s.replication == nil && s.scheduling == nil)
    }

    // MARK: Unknown and missing keys

    @Test("an unknown key close to a known one gets a did-you-mean")
    func unknownKeyNear() {
        let i = issue(base + "replicatons: 2\n")
        #expect(i?.keyPath == "replicatons")
        #expect(i?.line == 11)
        #expect(i?.kind == .unknownKey)
        #expect(i?.message == "unknown key; did you mean `repetitions`?")
    }

    @Test("replication settings are checked at load time, each issue at its own line")
    func replicationLocated() {
        let found = issues(base + "replication:\n  enabled: true\n  n: 3\n  r: 4\n  polcy: lww\n")
        #expect(found.map(\.keyPath) == ["replication.r", "replication.polcy"])
        #expect(found.map(\.line) == [14, 15])
        #expect(found.first?.message == "r = 4 exceeds n = 3")
        #expect(found.last?.kind == .unknownKey)
    }

    @Test("camelCase and dashes are matched to the snake_case key")
    func unknownKeyCase() {
        let i = issue(base + "workload:\n  skusPerStore: 10\n")
        #expect(i?.keyPath == "workload.skusPerStore")
        #expect(i?.line == 12)
        #expect(i?.message == "unknown key; did you mean `skus_per_store`?")
    }

    @Test("an unknown key far from every known one lists the keys")
    func unknownKeyFar() {
        let i = issue(base + "workload:\n  colour: red\n")
        #expect(i?.keyPath == "workload.colour")
        #expect(i?.line == 12)
        #expect(i?.message.hasPrefix("unknown key; expected one of: kind, skus_per_store, shelf_capacity,") == true)
    }

    @Test("a key in the wrong section is pointed home")
    func misplacedKey() {
        let i = issue(base + "upload_interval: 5m\n")
        #expect(i?.keyPath == "upload_interval")
        #expect(i?.message == "unknown key here; `upload_interval` belongs under `workload`")
    }

    @Test("a missing required key is reported at the mapping that should hold it")
    func missingKey() {
        let i = issue(base.replacingOccurrences(of: "name: t\n", with: "description: x\n"))
        #expect(i?.keyPath == "name")
        #expect(i?.line == 1)
        #expect(i?.kind == .missingKey)
        #expect(i?.message == "required key is missing (letters, digits, - and _)")
    }

    @Test("a link without a bandwidth is reported on its line")
    func missingBandwidth() {
        let i = issue(base.replacingOccurrences(of: "{latency: 10ms, bandwidth: 100Mbps}", with: "{latency: 10ms}"))
        #expect(i?.keyPath == "topology.links.store_region.bandwidth")
        #expect(i?.line == 9)
        #expect(i?.kind == .missingKey)
        #expect(i?.message == "required key is missing (a bandwidth such as \"100Mbps\")")
    }

    @Test("a misspelt required key is one issue, not two")
    func misspeltRequired() {
        let i = issue(base.replacingOccurrences(of: "  regions: 2", with: "  regoins: 2"))
        #expect(i?.keyPath == "topology.regoins")
        #expect(i?.message == "unknown key; did you mean `regions`?")
    }

    @Test("an empty file and a non-mapping document are rejected")
    func emptyDocument() {
        #expect(issue("")?.message == "the file is empty; a scenario needs at least name, duration and topology")
        let list = issue("- a\n- b\n")
        #expect(list?.kind == .wrongType)
        #expect(list?.line == 1)
    }

    // MARK: Types and units

    @Test("wrong types name what was expected and what was found", arguments: [
        ("  regions: many", "topology.regions", 4, "expected a whole number, found \"many\""),
        ("  regions: 2.5", "topology.regions", 4, "expected a whole number, found 2.5, which is not whole"),
        ("  regions: [1, 2]", "topology.regions", 4, "expected a whole number, found a list"),
        ("  regions:", "topology.regions", 4, "has no value; expected a whole number"),
    ])
    func wrongTypes(line: String, path: String, lineNumber: Int, message: String) {
        let i = issue(base.replacingOccurrences(of: "  regions: 2", with: line))
        #expect(i?.keyPath == path)
        #expect(i?.line == lineNumber)
        #expect(i?.kind == .wrongType)
        #expect(i?.message == message)
    }

    @Test("a whole number written as a float is accepted")
    func wholeFloat() throws {
        #expect(try scenario(base + "repetitions: 3.0\n").repetitions == 3)
    }

    @Test("a second YAML document is a syntax error")
    func twoDocuments() {
        let i = issue(base + "---\nname: u\n")
        #expect(i?.kind == .syntax)
        #expect(i?.line == 11)
        #expect(i?.message == "YAML syntax error: a second document starts here; a scenario file holds one document")
    }

    @Test("a section that is not a mapping")
    func sectionType() {
        let i = issue(base + "workload: fast\n")
        #expect(i?.keyPath == "workload")
        #expect(i?.line == 11)
        #expect(i?.message == "expected a mapping, found \"fast\"")
    }

    @Test("a choice that is close to a valid one gets a did-you-mean")
    func choice() {
        let i = issue(base + "arms: [edge_hybrid, cloud-only]\n")
        #expect(i?.keyPath == "arms[1]")
        #expect(i?.line == 11)
        #expect(i?.message == "\"cloud-only\" is not an arm; did you mean `cloud_only`?")
    }

    @Test("booleans are true or false")
    func bool() {
        let i = issue(base.replacingOccurrences(of: "{latency: 2ms, bandwidth: 1Gbps}", with: "{latency: 2ms, bandwidth: 1Gbps, reorder: maybe}"))
        #expect(i?.keyPath == "topology.links.device_store.reorder")
        #expect(i?.line == 8)
        #expect(i?.message == "expected true or false, found \"maybe\"")
    }

    @Test("a quantity without its unit, or in a bad one", arguments: [
        ("duration: 10m", "duration: 600", "duration", 2, "duration \"600\" needs a unit: ns, us, ms, s, m, h or d (as in \"150ms\" or \"2.5s\")"),
        ("bandwidth: 100Mbps", "bandwidth: 100", "topology.links.store_region.bandwidth", 9, "\"100\" has no unit; write e.g. \"50Mbps\" or \"1Gbps\""),
        ("bandwidth: 100Mbps", "bandwidth: 50 Mbps/s", "topology.links.store_region.bandwidth", 9, "\"50 Mbps/s\" is not a bandwidth; write e.g. \"50Mbps\" or \"1Gbps\""),
        ("latency: 10ms", "latency: 10", "topology.links.store_region.latency", 9, "duration \"10\" needs a unit: ns, us, ms, s, m, h or d (as in \"150ms\" or \"2.5s\")"),
    ])
    func units(from: String, to: String, path: String, line: Int, message: String) {
        let i = issue(base.replacingOccurrences(of: from, with: to))
        #expect(i?.keyPath == path)
        #expect(i?.line == line)
        #expect(i?.kind == .badUnit)
        #expect(i?.message == message)
    }

    @Test("quantities in workload and costs check their units", arguments: [
        ("workload:\n  frame_size: 150", "workload.frame_size", 12, "\"150\" has no unit; write e.g. \"512B\", \"200KB\", \"1.5MB\" or \"1MiB\""),
        ("workload:\n  purchases_per_sku: 6", "workload.purchases_per_sku", 12, "\"6\" has no unit; write e.g. \"6/h\", \"0.2/s\" or \"10/min\""),
        ("costs:\n  store_server: $150/month", "costs.store_server", 12, "\"$150/month\" is a price per month; this needs a price per hour, such as \"$0.35/h\""),
        ("costs:\n  store_site: 150", "costs.store_site", 12, "\"150\" has no unit; write e.g. \"$0.09/GB\", \"$0.35/h\" or \"$150/month\""),
        ("costs:\n  transfer:\n    - {from: store, to: region, price: $0.02/h}", "costs.transfer[0].price", 13, "\"$0.02/h\" is a price per hour; this needs a price per gigabyte, such as \"$0.09/GB\""),
    ])
    func sectionUnits(text: String, path: String, line: Int, message: String) {
        let i = issue(base + text + "\n")
        #expect(i?.keyPath == path)
        #expect(i?.line == line)
        #expect(i?.kind == .badUnit)
        #expect(i?.message == message)
    }

    // MARK: Ranges

    @Test("values outside their range", arguments: [
        ("  regions: 2", "  regions: -1", "topology.regions", 4, "must be at least 1, found -1"),
        ("  cameras_per_store: 4", "  cameras_per_store: -4", "topology.cameras_per_store", 6, "must be at least 0, found -4"),
        ("{latency: 2ms, bandwidth: 1Gbps}", "{latency: 2ms, bandwidth: 1Gbps, loss: 1}", "topology.links.device_store.loss", 8,
         "must be less than 1 (a link that loses everything is a cut; see faults)"),
        ("{latency: 2ms, bandwidth: 1Gbps}", "{latency: 2ms, bandwidth: 1Gbps, loss: 1.5}", "topology.links.device_store.loss", 8,
         "\"1.5\" is more than 1 (100%); write a number from 0 to 1 such as 0.01, or a percentage such as \"1%\""),
        ("{latency: 2ms, bandwidth: 1Gbps}", "{latency: 2ms, bandwidth: 0bps}", "topology.links.device_store.bandwidth", 8,
         "must be more than zero"),
        ("{latency: 2ms, bandwidth: 1Gbps}", "{latency: 2ms, bandwidth: 1Gbps, queue_limit: 0B}", "topology.links.device_store.queue_limit", 8,
         "must be at least 1B"),
        ("duration: 10m", "duration: 0s", "duration", 2, "must be longer than zero"),
    ])
    func ranges(from: String, to: String, path: String, line: Int, message: String) {
        let i = issue(base.replacingOccurrences(of: from, with: to))
        #expect(i?.keyPath == path)
        #expect(i?.line == line)
        #expect(i?.kind == .outOfRange)
        #expect(i?.message == message)
    }

    @Test("top-level values outside their range", arguments: [
        ("repetitions: 0", "repetitions", "must be at least 1, found 0"),
        ("warmup: 10m", "warmup", "the warm-up (10m) must be shorter than the run (duration: 10m)"),
        ("warmup: 1h", "warmup", "the warm-up (1h) must be shorter than the run (duration: 10m)"),
        ("sla: 0ms", "sla", "must be longer than zero"),
        ("timeseries_bucket: 0s", "timeseries_bucket", "must be longer than zero"),
        ("name: my scenario", "name", "\"my scenario\" must be letters, digits, - and _ only (it names the results folder)"),
        ("arms: []", "arms", "must name at least one arm (edge_hybrid, cloud_only, least_allocated, random)"),
        ("workload:\n  stockout_threshold: 40", "workload.stockout_threshold", "stockout_threshold (40) must be below shelf_capacity (40)"),
        ("deployment:\n  cloud:\n    target_utilization: 0%", "deployment.cloud.target_utilization", "must be more than zero"),
    ])
    func topLevelRanges(text: String, path: String, message: String) {
        let yaml = text.hasPrefix("name:") ? base.replacingOccurrences(of: "name: t\n", with: text + "\n") : base + text + "\n"
        let i = issue(yaml)
        #expect(i?.keyPath == path)
        #expect(i?.kind == .outOfRange)
        #expect(i?.message == message)
    }

    @Test("an arm listed twice")
    func duplicateArm() {
        let i = issue(base + "arms: [cloud_only, cloud_only]\n")
        #expect(i?.keyPath == "arms[1]")
        #expect(i?.kind == .duplicate)
        #expect(i?.message == "the arm cloud_only is listed twice")
    }

    // MARK: YAML syntax

    @Test("a YAML syntax error is one issue with its line")
    func syntax() {
        let i = issue(base + "workload:\n  skus_per_store: [1, 2\n  shelf_capacity: 3\n")
        #expect(i?.kind == .syntax)
        #expect(i?.keyPath == "")
        #expect(i?.line != nil && i!.line! >= 12)
        #expect(i?.message.hasPrefix("YAML syntax error: ") == true)
        #expect(i?.description.hasPrefix("t.yaml:\(i?.line ?? 0): YAML syntax error: ") == true)
    }

    @Test("bad indentation is a syntax error on its line")
    func indentation() {
        let i = issue("name: t\nduration: 10m\n  warmup: 1m\n")
        #expect(i?.kind == .syntax)
        #expect(i?.line == 3)
    }

    @Test("a key given twice is reported")
    func duplicateKey() {
        let i = issue(base + "seed: 1\nseed: 2\n")
        #expect(i?.kind == .duplicate)
        #expect(i?.line == 11)
        #expect(i?.message == "key `seed` appears more than once in the same mapping")
    }

    // MARK: The whole file at once

    @Test("every problem is reported in one call, sorted by line then key path")
    func everything() {
        let yaml = """
            name: t
            duration: 10m
            warmup: 20m
            repetitions: 0
            topology:
              regions: 2
              stores_per_region: 3
              cameras_per_store: 4
              colour: blue
              links:
                device_store: {latency: 2ms, bandwith: 1Gbps}
                store_region: {latency: 10ms, bandwidth: 100Mbps, loss: 2}
                region_cloud: {latency: 35ms, bandwidth: 10Gbps}
            faults:
              - {at: 1m, duration: 1m, kind: crash, node: store-6}
              - {at: 12m, kind: crash, node: store-5}

            """
        let found = issues(yaml)
        #expect(found.map(\.keyPath) == [
            "warmup", "repetitions", "topology.colour",
            "topology.links.device_store.bandwith",
            "topology.links.store_region.loss", "faults[0].node", "faults[1].at",
        ])
        #expect(found.map(\.line) == [3, 4, 9, 11, 12, 15, 16])
        // The misspelt bandwidth is reported once, as an unknown key, not also as missing.
        #expect(found[3].message == "unknown key; did you mean `bandwidth`?")
        let sorted = found.sorted { ($0.line ?? 0, $0.keyPath) < ($1.line ?? 0, $1.keyPath) }
        #expect(found == sorted)
        // Parsing again gives the same issues in the same order.
        #expect(issues(yaml) == found)
    }
}

@Suite("Faults and nodes")
struct FaultValidationTests {
    @Test("every fault kind loads")
    func kinds() throws {
        let s = try scenario(base + """
            faults:
              - {at: 1m, duration: 2m, kind: cut, link: [store-4, region-1]}
              - {at: 2m, duration: 1m, kind: partition, a: [region-0, store-0], b: [cloud-0]}
              - {at: 3m, kind: crash, node: region-1}
              - {at: 4m, duration: 30s, kind: degrade, link: [region-0, cloud-0], latency_factor: 3, bandwidth_factor: 0.5, extra_loss: 1%}
              - {at: 5m, kind: clock, node: device-5-3, offset: -50ms, drift_ppm: 20}

            """)
        #expect(s.faults.count == 5)
        #expect(s.faults[0] == FaultSpec(at: .minutes(1), duration: .minutes(2), kind: .cut(LinkRef(a: "store-4", b: "region-1")), line: 12))
        #expect(s.faults[1].kind == .partition(["region-0", "store-0"], ["cloud-0"]))
        #expect(s.faults[2].kind == .crash("region-1"))
        #expect(s.faults[2].duration == nil)
        #expect(s.faults[3].kind == .degrade(LinkRef(a: "region-0", b: "cloud-0"), latencyFactor: 3, bandwidthFactor: 0.5, extraLoss: 0.01))
        #expect(s.faults[4].kind == .clock("device-5-3", offset: .zero - .milliseconds(50), driftPPM: 20))
        #expect(s.faults.map(\.line) == [12, 13, 14, 15, 16])
    }

    @Test("a fault on a node that does not exist", arguments: [
        ("{at: 1m, kind: crash, node: region-2}", "faults[0].node", "no node is called \"region-2\"; they run from region-0 to region-1"),
        ("{at: 1m, kind: crash, node: store-6}", "faults[0].node", "no node is called \"store-6\"; they run from store-0 to store-5"),
        ("{at: 1m, kind: crash, node: cloud-1}", "faults[0].node", "no node is called \"cloud-1\"; the only one is cloud-0"),
        ("{at: 1m, kind: clock, node: device-2-4}", "faults[0].node", "no node is called \"device-2-4\"; store-2 has device-2-0 to device-2-3"),
        ("{at: 1m, kind: clock, node: device-9-0}", "faults[0].node", "no node is called \"device-9-0\"; device-S-D needs a store S: they run from store-0 to store-5"),
        ("{at: 1m, kind: crash, node: Store-03}", "faults[0].node", "no node is called \"Store-03\"; did you mean \"store-3\"?"),
        ("{at: 1m, kind: crash, node: shop-1}", "faults[0].node", "no node is called \"shop-1\"; nodes are named cloud-C, region-R, store-S, store-S/server-K and device-S-D"),
        ("{at: 1m, kind: cut, link: [store-0, region-9]}", "faults[0].link[1]", "no node is called \"region-9\"; they run from region-0 to region-1"),
        ("{at: 1m, kind: partition, a: [store-0], b: [store-1, store-99]}", "faults[0].b[1]", "no node is called \"store-99\"; they run from store-0 to store-5"),
    ])
    func unknownNode(fault: String, path: String, message: String) {
        let i = issue(base + "faults:\n  - \(fault)\n")
        #expect(i?.keyPath == path)
        #expect(i?.line == 12)
        #expect(i?.kind == .unknownNode)
        #expect(i?.message == message)
    }

    @Test("a cut between nodes that no link joins")
    func notALink() {
        let i = issue(base + "faults:\n  - {at: 1m, kind: cut, link: [store-0, region-1]}\n")
        #expect(i?.keyPath == "faults[0].link")
        #expect(i?.kind == .badLink)
        #expect(i?.message == "no link joins store-0 and region-1; store-0's uplink goes to region-0")
        let peers = issue(base + "faults:\n  - {at: 1m, kind: cut, link: [store-0, store-1]}\n")
        #expect(peers?.message == "no link joins store-0 and store-1; add a peer link under topology.extra_links")
    }

    @Test("a fault past the end of the run", arguments: [
        ("{at: 11m, kind: crash, node: region-0}", "faults[0].at", "starts at 11m, at or after the end of the run (duration: 10m)"),
        ("{at: 10m, kind: crash, node: region-0}", "faults[0].at", "starts at 10m, at or after the end of the run (duration: 10m)"),
        ("{at: 9m, duration: 2m, kind: crash, node: region-0}", "faults[0].duration", "ends at 11m (at 9m + 2m), after the end of the run (duration: 10m)"),
    ])
    func timing(fault: String, path: String, message: String) {
        let i = issue(base + "faults:\n  - \(fault)\n")
        #expect(i?.keyPath == path)
        #expect(i?.line == 12)
        #expect(i?.kind == .faultTiming)
        #expect(i?.message == message)
    }

    @Test("a fault that ends exactly at the end of the run is fine")
    func endsAtEnd() throws {
        let s = try scenario(base + "faults:\n  - {at: 8m, duration: 2m, kind: crash, node: region-0}\n")
        #expect(s.faults.first?.duration == .minutes(2))
    }

    @Test("a partition whose sets overlap")
    func overlap() {
        let i = issue(base + """
            faults:
              - at: 1m
                kind: partition
                a: [store-0, store-1]
                b:
                  - region-0
                  - store-1

            """)
        #expect(i?.keyPath == "faults[0].b[1]")
        #expect(i?.line == 17)
        #expect(i?.kind == .partitionOverlap)
        #expect(i?.message == "store-1 is on both sides of the partition (it is in a too)")
    }

    @Test("a key that belongs to another fault kind")
    func wrongKeyForKind() {
        // The misplaced key, and the link the cut lacks.
        let all = issues(base + "faults:\n  - {at: 1m, kind: cut, node: store-1}\n")
        #expect(all.map(\.keyPath) == ["faults[0].link", "faults[0].node"])
        #expect(all.last?.kind == .unknownKey)
        #expect(all.last?.message == "`node` does not apply to a cut fault; a cut takes at, duration, kind, link")
    }

    @Test("a clock setting has no duration")
    func clockDuration() {
        let i = issue(base + "faults:\n  - {at: 1m, duration: 1m, kind: clock, node: store-1, offset: 5ms}\n")
        #expect(i?.keyPath == "faults[0].duration")
        #expect(i?.message == "a clock fault has no duration: it sets the node's clock from `at` to the end of the run")
    }

    @Test("an unknown fault kind gets a did-you-mean")
    func unknownKind() {
        let i = issue(base + "faults:\n  - {at: 1m, kind: partiton, a: [store-0], b: [store-1]}\n")
        #expect(i?.keyPath == "faults[0].kind")
        #expect(i?.message == "\"partiton\" is not a fault kind; did you mean `partition`?")
    }

    @Test("degrade factors must be positive and extra loss below 1")
    func degradeRanges() {
        let found = issues(base + "faults:\n  - {at: 1m, kind: degrade, link: [store-0, region-0], bandwidth_factor: 0, extra_loss: 100%}\n")
        #expect(found.map(\.keyPath) == ["faults[0].bandwidth_factor", "faults[0].extra_loss"])
        #expect(found.map(\.message) == ["must be more than zero", "must be less than 1 (to lose everything, cut the link)"])
    }

    // MARK: Extra links

    @Test("extra links load, and faults may name them")
    func extraLinks() throws {
        let s = try scenario(base.replacingOccurrences(of: "  links:", with: """
              extra_links:
                - {kind: peer, a: store-0, b: store-3, latency: 5ms, bandwidth: 1Gbps}
                - {kind: uplink, a: store-2, b: region-1, latency: 12ms, bandwidth: 50Mbps, discipline: priority}
              links:
            """) + "faults:\n  - {at: 1m, duration: 1m, kind: cut, link: [store-3, store-0]}\n")
        #expect(s.topology.extraLinks.count == 2)
        #expect(s.topology.extraLinks[0].kind == .peer)
        #expect(s.topology.extraLinks[1].settings.bandwidth == 50e6)
        #expect(s.topology.areLinked("store-3", "store-0"))
        #expect(s.topology.areLinked("store-2", "region-1"))
        #expect(!s.topology.areLinked("store-2", "store-3"))
        #expect(s.faults.first?.kind == .cut(LinkRef(a: "store-3", b: "store-0")))
    }

    @Test("an extra link whose tiers do not fit its kind", arguments: [
        ("{kind: peer, a: store-0, b: region-0, latency: 5ms, bandwidth: 1Gbps}", ScenarioIssue.Kind.badLink,
         "topology.extra_links[0].b", "a peer link joins two nodes of the same tier; store-0 is a store and region-0 a region"),
        ("{kind: uplink, a: store-0, b: cloud-0, latency: 5ms, bandwidth: 1Gbps}", .badLink,
         "topology.extra_links[0].b", "an uplink goes from a node to one a tier up; store-0 is a store, so b must be a region (cloud-0 is a cloud)"),
        ("{kind: uplink, a: store-0, b: region-0, latency: 5ms, bandwidth: 1Gbps}", .duplicate,
         "topology.extra_links[0]", "store-0 and region-0 are already linked by the tree"),
        ("{kind: peer, a: store-0, b: store-0, latency: 5ms, bandwidth: 1Gbps}", .badLink,
         "topology.extra_links[0].b", "a link joins two different nodes; both ends are store-0"),
        ("{kind: bridge, a: store-0, b: store-1, latency: 5ms, bandwidth: 1Gbps}", .wrongType,
         "topology.extra_links[0].kind", "\"bridge\" is not a link kind; expected one of: peer, uplink"),
        ("{kind: peer, a: store-0, b: store-1, latency: 5ms}", .missingKey,
         "topology.extra_links[0].bandwidth", "required key is missing (a bandwidth such as \"100Mbps\")"),
    ])
    func extraLinkKinds(link: String, kind: ScenarioIssue.Kind, path: String, message: String) {
        let i = issue(base.replacingOccurrences(of: "  links:", with: "  extra_links:\n    - \(link)\n  links:"))
        #expect(i?.keyPath == path)
        #expect(i?.line == 8)
        #expect(i?.kind == kind)
        #expect(i?.message == message)
    }

    @Test("node names follow Topology.tree")
    func naming() throws {
        let s = try scenario(base)
        let t = try s.topology.build()
        #expect(t.nodes.count == s.topology.nodeCount)
        for node in t.nodes {
            #expect(s.topology.hasNode(named: node.name))
            #expect(s.topology.tier(ofNode: node.name) == node.tier)
            #expect(s.topology.parentName(ofNode: node.name) == node.parent.map { t[$0].name })
        }
        for name in ["store-6", "region-2", "cloud-1", "device-0-4", "device-6-0", "store-01", "store--1", "stores-1"] {
            #expect(!s.topology.hasNode(named: name))
        }
    }
}

@Suite("Costs and the library sections")
struct CostValidationTests {
    @Test("costs override the defaults exactly")
    func costs() throws {
        let s = try scenario(base + """
            costs:
              hours_per_month: 720
              transfer:
                - {from: store, to: region, price: $0.015/GB}
              cloud_egress:
                free: 1TB
                tiers:
                  - {up_to: 10TB, price: $0.09/GB}
                  - {price: $0.05/GB}
              cloud_service: $0.99/hour

            """)
        #expect(s.costs.hoursPerMonth == 720)
        #expect(s.costs.transfer == [TransferPrice(from: .store, to: .region, usdPerGB: Decimal(string: "0.015")!)])
        #expect(s.costs.cloudEgressFreeGB == 1_000)
        #expect(s.costs.cloudEgressTiers == [
            PriceTier(upToGB: 10_000, usdPerGB: Decimal(string: "0.09")!),
            PriceTier(upToGB: nil, usdPerGB: Decimal(string: "0.05")!),
        ])
        #expect(s.costs.cloudServicePerHour == Decimal(string: "0.99")!)
        #expect(s.costs.storeSitePerMonth == CostSpec().storeSitePerMonth)
    }

    @Test("egress tiers: only the last leaves out up_to, and up_to grows")
    func egressTiers() {
        let found = issues(base + """
            costs:
              cloud_egress:
                tiers:
                  - {up_to: 50TB, price: $0.09/GB}
                  - {up_to: 10TB, price: $0.08/GB}
                  - {price: $0.07/GB}
                  - {up_to: 100TB, price: $0.05/GB}

            """)
        #expect(found.map(\.keyPath) == [
            "costs.cloud_egress.tiers[1].up_to", "costs.cloud_egress.tiers[2].up_to", "costs.cloud_egress.tiers[3].up_to",
        ])
        #expect(found.map(\.line) == [15, 16, 17])
        #expect(found.map(\.message) == [
            "each up_to must be more than the one before",
            "required key is missing (a size such as \"10240GB\"; only the last tier leaves it out)",
            "the last tier prices all the traffic beyond the others; leave out up_to",
        ])
    }

    @Test("transfer prices cross one boundary, once")
    func transfer() {
        let found = issues(base + """
            costs:
              transfer:
                - {from: store, to: cloud, price: $0.02/GB}
                - {from: store, to: region, price: $0.02/GB}
                - {from: store, to: region, price: $0.03/GB}
                - {from: store, to: regoin, price: $0.03/GB}

            """)
        #expect(found.map(\.keyPath) == ["costs.transfer[0].to", "costs.transfer[2]", "costs.transfer[3].to"])
        #expect(found.map(\.message) == [
            "traffic crosses one tier boundary at a time; store and cloud are not neighbours",
            "store to region is already priced by costs.transfer[1]",
            "\"regoin\" is not a tier; did you mean `region`?",
        ])
    }

    @Test("the sections are read by the same reader as the rest of the file")
    func sections() throws {
        let s = try scenario(base + """
            replication:
              n: 3
              r: 2
              policy: lww
            scheduling:
              scheduler: edge_aware
              weights:
                latency: 5

            """)
        #expect(s.replication?.configuration.conflictPolicy == .lastWriterWins)
        #expect(s.replication?.configuration.readQuorum == 2)
        #expect(s.scheduling?.configuration.weights.latency == 5)
        let i = issue(base + "replication: [a, b]\n")
        #expect(i?.keyPath == "replication")
        #expect(i?.message == "expected a mapping of settings, found a list")
    }
}

@Suite("Renamed keys")
struct RenamedKeyTests {
    @Test("`replications` still reads as `repetitions`, with a deprecation warning at its line")
    func replicationsStillRead() throws {
        let s = try scenario(base + "replications: 4\n")
        #expect(s.repetitions == 4)
        #expect(s.warnings.map(\.keyPath) == ["replications"])
        #expect(s.warnings.first?.line == 11)
        #expect(s.warnings.first?.kind == .deprecated)
        #expect(s.warnings.first?.description.contains("warning: `replications` is now `repetitions`") == true)
        let both = issue(base + "repetitions: 2\nreplications: 4\n")
        #expect(both?.keyPath == "replications")
        #expect(both?.kind == .duplicate)
    }
}
