import EdgeSim
import Foundation
import Scenario
import Testing

@Suite("The runner and the key-value workload")
struct KeyValueRunTests {
    static let tree = """
        topology:
          regions: 1
          stores_per_region: 6
          cameras_per_store: 0
          links:
            device_store: {latency: 1ms, bandwidth: 1Gbps}
            store_region: {latency: {distribution: exponential, mean: 5ms}, bandwidth: 1Gbps}
            region_cloud: {latency: 20ms, bandwidth: 1Gbps}

        """

    func metrics(_ yaml: String) throws -> [String: Double] {
        let scenario = try ScenarioLoader.parse(yaml: yaml, file: "kv.yaml")
        let runs = try ExperimentRunner(scenario: scenario).runAll()
        #expect(runs.map(\.arm) == [.edgeHybrid])
        var out: [String: Double] = [:]
        for m in runs[0].result.metrics { out[m.name] = m.value.doubleValue }
        return out
    }

    @Test("mode: probe runs the probe world: its curve and the history checker's metrics")
    func probe() throws {
        let m = try metrics("name: kv\nduration: 30s\n" + Self.tree + """
            replication: {n: 3, r: 2, w: 2, coordinator: client, anti_entropy_period: off}
            workload: {kind: keyvalue, replicas: [store-0, store-1, store-2], writers: [store-3],
                       readers: [store-4, store-5], probe_delays: [0ms, 10ms], probes: 40}
            """)
        #expect(m["t_visibility_probe_0ms"] == 1)
        #expect(m["probe_reads_10ms"] == 40)
        #expect(m["lost_acknowledged_writes"] == 0)
        #expect((m["events_handled"] ?? 0) > 0)
    }

    @Test("mode: load runs the key-value world: the writing stores' writes reach the history")
    func load() throws {
        let m = try metrics("name: kv\nduration: 60s\n" + Self.tree + """
            replication: {n: 3, r: 1, w: 1, group: stores}
            workload: {kind: keyvalue, mode: load, writers: [store-0, store-1], write_rate: 2}
            """)
        // Two stores writing 2/s for a minute: about 240 writes.
        let writes = try #require(m["replication_writes"])
        #expect(writes > 150 && writes < 330)
        #expect(m["t_visibility_probe_0ms"] == nil)
    }
}
