import Foundation
import Testing
import SimKernel
import SimNetwork
@testable import Scenario

@Suite("Link ordering, per-direction latency, stars and the key-value workload")
struct KeyValueWorkloadTests {
    /// `base` with store_region's settings replaced by `settings`.
    func withStoreRegion(_ settings: String) -> String {
        base.replacingOccurrences(of: "store_region: {latency: 10ms, bandwidth: 100Mbps}", with: "store_region: {\(settings)}")
    }

    @Test("ordering is per flow by default, and each value reads as itself")
    func ordering() throws {
        #expect(try scenario(base).topology.storeRegion.ordering == .flow)
        #expect(try scenario(base).topology.storeRegion.spec().ordering == .flow)
        for o in LinkOrdering.allCases {
            let s = try scenario(withStoreRegion("latency: 10ms, bandwidth: 100Mbps, ordering: \(o.rawValue)"))
            #expect(s.topology.storeRegion.ordering == o)
            #expect(s.warnings.isEmpty)
        }
        let i = issue(withStoreRegion("latency: 10ms, bandwidth: 100Mbps, ordering: fifo"))
        #expect(i?.keyPath == "topology.links.store_region.ordering")
    }

    @Test("reorder still reads, as none or link, with a deprecation warning; never beside ordering", arguments: [true, false])
    func reorder(value: Bool) throws {
        let s = try scenario(withStoreRegion("latency: 10ms, bandwidth: 100Mbps, reorder: \(value)"))
        #expect(s.topology.storeRegion.ordering == (value ? LinkOrdering.none : .link))
        #expect(s.warnings.count == 1)
        #expect(s.warnings.first?.kind == .deprecated)
        #expect(s.warnings.first?.keyPath == "topology.links.store_region.reorder")
        let i = issue(withStoreRegion("latency: 10ms, bandwidth: 100Mbps, ordering: flow, reorder: \(value)"))
        #expect(i?.keyPath == "topology.links.store_region.reorder")
    }

    @Test("latency_up and latency_down give each direction its own latency")
    func directions() throws {
        let s = try scenario(withStoreRegion("latency_up: 3ms, latency_down: 7ms, bandwidth: 100Mbps"))
        let topology = try s.topology.build()
        let store = try #require(topology.node(named: "store-0")), region = try #require(topology.node(named: "region-0"))
        let c = try #require(topology.connections.first { $0.a == store && $0.b == region })
        #expect(c.forwardSpec.latency == (try Distribution.constant(0.003)))
        #expect(c.reverseSpec.latency == (try Distribution.constant(0.007)))
        // One direction replaces `latency` there only.
        let t = try scenario(withStoreRegion("latency: 10ms, latency_down: 7ms, bandwidth: 100Mbps"))
        #expect(try t.topology.storeRegion.spec(.up).latency == (try Distribution.constant(0.010)))
        #expect(try t.topology.storeRegion.spec(.down).latency == (try Distribution.constant(0.007)))
        // Without `latency`, both directions are needed.
        let i = issue(withStoreRegion("latency_up: 3ms, bandwidth: 100Mbps"))
        #expect(i?.keyPath == "topology.links.store_region.latency")
        #expect(i?.kind == .missingKey)
    }

    @Test("an extra link with lists links every node of a to every node of b; a pair twice is an error")
    func star() throws {
        let s = try scenario(base + """
              extra_links:
                - {kind: peer, a: [store-3, store-4], b: [store-0, store-1, store-2], latency_up: 1ms, latency_down: 2ms, bandwidth: 1Gbps}
            """)
        #expect(s.topology.extraLinks.map { "\($0.a)-\($0.b)" } == [
            "store-3-store-0", "store-3-store-1", "store-3-store-2", "store-4-store-0", "store-4-store-1", "store-4-store-2",
        ])
        let topology = try s.topology.build()
        let a = try #require(topology.node(named: "store-4")), b = try #require(topology.node(named: "store-1"))
        let c = try #require(topology.connections.first { $0.a == a && $0.b == b })
        #expect(c.forwardSpec.latency == (try Distribution.constant(0.001)))
        #expect(c.reverseSpec.latency == (try Distribution.constant(0.002)))
        let twice = issues(base + """
              extra_links:
                - {kind: peer, a: store-3, b: store-0, latency: 1ms, bandwidth: 1Gbps}
                - {kind: peer, a: [store-3, store-4], b: [store-0], latency: 1ms, bandwidth: 1Gbps}
            """)
        #expect(twice.count == 1)
        #expect(twice.first?.kind == .duplicate)
    }

    /// A probe scenario on `base`'s tree: region-0's stores are the replicas,
    /// region-1's the writer and readers.
    func probe(_ workload: String = "", replication: String = "", duration: String = "10m") -> String {
        base.replacingOccurrences(of: "duration: 10m", with: "duration: \(duration)") + """
            replication: {n: 3, r: 1, w: 1, coordinator: client\(replication)}
            workload:
              kind: keyvalue
              replicas: [store-0, store-1, store-2]
              writers: [store-3]
              readers: [store-4, store-5]
              probes: 100
            \(workload)
            """
    }

    @Test("a key-value probe workload loads, as one arm, with its roles and delays")
    func probeLoads() throws {
        let s = try scenario(probe("  probe_delays: [0ms, 5ms]"))
        #expect(s.workload.kind == .keyvalue)
        #expect(s.workload.keyValue.mode == .probe)
        #expect(s.workload.keyValue.readers == ["store-4", "store-5"])
        #expect(s.workload.keyValue.probeDelays == [.zero, .milliseconds(5)])
        #expect(s.arms == [.edgeHybrid])
        #expect(s.replication?.coordinator == .client)
    }

    @Test("the key-value workload refuses what it cannot run, naming the key")
    func probeRefuses() throws {
        // 100 probes every 500 ms from 1 s, read up to 1 s later, answered within 2 s: 53.5 s.
        #expect(issue(probe(duration: "50s"))?.keyPath == "workload.probes")
        _ = try scenario(probe(duration: "55s"))
        #expect(issue(probe("  skus_per_store: 3"))?.keyPath == "workload.skus_per_store")
        #expect(issue(probe().replacingOccurrences(of: "writers: [store-3]", with: "writers: [store-4]"))?.kind == .duplicate)
        #expect(issue(probe(replication: ", n: 4").replacingOccurrences(of: "n: 3, ", with: ""))?.keyPath == "replication.n")
        #expect(issue(probe().replacingOccurrences(of: "readers: [store-4, store-5]", with: "readers: [store-9]"))?.kind == .unknownNode)
        #expect(issue("arms: [edge_hybrid, cloud_only]\n" + probe())?.keyPath == "arms")
        #expect(issues(probe("  mode: load")).contains { $0.keyPath == "workload.readers" })
        // Client coordination is run by the probe mode only.
        let retail = issue(base + "replication: {coordinator: client}\n")
        #expect(retail?.keyPath == "replication.coordinator")
    }

    @Test("the shipped quorum-staleness scenario is the (3,1,1) star of the acceptance check")
    func shipped() throws {
        let s = try ScenarioLoader.load(path: scenariosFolder.appendingPathComponent("quorum-staleness.yaml").path)
        #expect(s.warnings.isEmpty)
        let c = try #require(s.replication).configuration
        #expect((c.replicationFactor, c.readQuorum, c.writeQuorum) == (3, 1, 1))
        #expect(s.replication?.coordinator == .client)
        #expect(s.workload.keyValue.readers.count == s.workload.keyValue.probeDelays.count)
        #expect(s.topology.extraLinks.count == 18)
        #expect(s.topology.extraLinks.allSatisfy { $0.settings.latency == (try! Distribution.exponential(mean: 0.010)) })
    }
}
