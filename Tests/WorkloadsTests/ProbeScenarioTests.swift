import Metrics
import Scenario
import SimKernel
import Testing

@testable import Workloads

@Suite("Probe world from a scenario")
struct ProbeScenarioTests {
    /// A star: store-0..2 replicas, store-3 the writer, store-4 and store-5
    /// readers, every client linked to every replica with exponential legs
    /// of mean 10 ms; the replicas talk over the tree.
    static func yaml(r: Int, w: Int, probes: Int = 400, faults: String = "") -> String {
        """
        name: probe
        duration: \(probes / 5 + 5)s
        topology:
          regions: 1
          stores_per_region: 6
          cameras_per_store: 0
          links:
            device_store: {latency: 1ms, bandwidth: 1Gbps}
            store_region: {latency: 5ms, bandwidth: 1Gbps}
            region_cloud: {latency: 20ms, bandwidth: 1Gbps}
          extra_links:
            - {kind: peer, a: [store-3, store-4, store-5], b: [store-0, store-1, store-2],
               latency: {distribution: exponential, mean: 10ms}, bandwidth: 1Gbps}
        replication: {n: 3, r: \(r), w: \(w), coordinator: client, sloppy: false, read_repair: false,
                      anti_entropy_period: off, heartbeat_interval: 100ms, suspicion_timeout: 500ms}
        workload:
          kind: keyvalue
          replicas: [store-0, store-1, store-2]
          writers: [store-3]
          readers: [store-4, store-5]
          probe_delays: [0ms, 100ms]
          probes: \(probes)
          probe_interval: 200ms
        \(faults)
        """
    }

    func run(_ yaml: String, seed: UInt64 = 3) throws -> [String: Double] {
        let scenario = try ScenarioLoader.parse(yaml: yaml, file: "probe.yaml")
        var world = try ProbeWorld(scenario: scenario, seed: seed)
        var out: [String: Double] = [:]
        for m in world.run().metrics { out[m.name] = m.value.doubleValue }
        return out
    }

    @Test("R + W > N reads every write at every delay; R = W = 1 misses some at 0 ms and none at 100 ms")
    func quorums() throws {
        let strict = try run(Self.yaml(r: 2, w: 2))
        #expect(strict["t_visibility_probe_0ms"] == 1)
        #expect(strict["t_visibility_probe_100ms"] == 1)
        #expect(strict["probe_reads_0ms"] == 400)
        let loose = try run(Self.yaml(r: 1, w: 1))
        // WARS (3,1,1), exponential legs of 10 ms: 0.751 at 0 ms; 400 probes,
        // a standard error of about 2.2 points.
        let p0 = try #require(loose["t_visibility_probe_0ms"])
        #expect(p0 > 0.65 && p0 < 0.85)
        #expect(loose["t_visibility_probe_100ms"] == 1)
        #expect(loose["probe_reads_100ms"] == 400)
    }

    @Test("a replica that crashes and restarts loses no acknowledged write, and the history marks its fault window")
    func crash() throws {
        let m = try run(Self.yaml(r: 1, w: 1, faults: """
            faults:
              - {at: 20s, duration: 20s, kind: crash, node: store-0}
            """))
        #expect(m["lost_acknowledged_writes"] == 0)
        #expect(m["probe_reads_0ms"] == 400)
        // Reads during the crash find store-0 silent; the R = 1 reads and
        // W = 1 writes still complete.
        #expect(m["read_failures"] == 0)
        #expect(m["write_failures"] == 0)
        #expect(m["stale_reads_during_faults"] != nil)
    }

    @Test("after a cut heals, anti-entropy brings the cut replica's missed writes back; without it they stay missing",
          arguments: [true, false])
    func convergence(antiEntropy: Bool) throws {
        var yaml = Self.yaml(r: 1, w: 1, faults: """
            faults:
              - {at: 20s, duration: 10s, kind: partition, a: [store-0], b: [region-0, store-3, store-4, store-5]}
            """)
        if antiEntropy { yaml = yaml.replacingOccurrences(of: "anti_entropy_period: off", with: "anti_entropy_period: 1s") }
        let m = try run(yaml)
        let converged = try #require(m["convergence_time_after_heal"])
        if antiEntropy {
            #expect(converged.isFinite && converged >= 0 && converged < 20)
            #expect(m["divergent_keys_at_end"] == 0)
        } else {
            // The writes made while store-0 was cut reach only store-1 and store-2.
            #expect(converged == .infinity)
            #expect((m["divergent_keys_at_end"] ?? 0) >= 40)
        }
        #expect(m["lost_acknowledged_writes"] == 0)
    }

    @Test("the same scenario and seed give the same metrics")
    func deterministic() throws {
        let yaml = Self.yaml(r: 1, w: 2, probes: 100)
        let a = try ScenarioLoader.parse(yaml: yaml, file: "probe.yaml")
        var x = try ProbeWorld(scenario: a, seed: 9), y = try ProbeWorld(scenario: a, seed: 9)
        #expect(x.run().metrics.map { "\($0.name)=\($0.value.text)" } == y.run().metrics.map { "\($0.name)=\($0.value.text)" })
    }
}
