import Scenario
import SimNetwork
import Testing
@testable import Workloads

@Suite("One topology builder for every world")
struct TopologyBuilderTests {
    @Test("servers_per_store adds the further store servers in the retail and the key-value world alike")
    func serversInEveryWorld() throws {
        var s = ReplicationFixtures.keyValue(duration: .seconds(10), stores: 3, replication: ["n": "3"])
        s.topology.serversPerStore = 3
        let expected = try s.topology.build()
        #expect(expected.node(named: "store-2/server-2") != nil)
        #expect(expected.nodes.count == s.topology.nodeCount)

        let kv = try KeyValueWorld(scenario: s, load: KeyValueLoad(), seed: 1)
        let retail = try RetailWorld(scenario: s, arm: .edgeHybrid, seed: 1)
        for topology in [kv.replicaDriver.topology, retail.topology] {
            #expect(topology.nodes.map(\.name) == expected.nodes.map(\.name))
            #expect(topology.node(named: "store-1/server-2").flatMap { topology[$0].parent } == topology.node(named: "region-0"))
        }
    }
}
