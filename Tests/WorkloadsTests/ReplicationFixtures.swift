import Scenario
import SimKernel
import SimNetwork

/// Scenarios built in code for the replication tests: small, short versions
/// of the shipped replication scenarios (the whole ones run in release mode,
/// in scripts/release-checks.sh).
enum ReplicationFixtures {
    /// A `replication:` section with these keys, read by the scenario reader
    /// itself (the only reader of the section); nil when it turns replication off.
    static func section(_ keys: [String: String]) -> ReplicationSection? {
        let yaml = """
            name: fixture
            duration: 1m
            topology:
              regions: 1
              stores_per_region: 3
              cameras_per_store: 0
              links:
                device_store: {latency: 1ms, bandwidth: 1Gbps}
                store_region: {latency: 1ms, bandwidth: 1Gbps}
                region_cloud: {latency: 1ms, bandwidth: 1Gbps}
            replication:

            """ + keys.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)\n" }.joined()
        do {
            return try ScenarioLoader.parse(yaml: yaml, file: "fixture.yaml").replication
        } catch {
            preconditionFailure("a fixture's replication keys must be valid: \(error)")
        }
    }

    /// The topology of the small retail tests: 2 regions x 3 stores x 4 cameras.
    static func smallTopology(regions: Int = 2, storesPerRegion: Int = 3, cameras: Int = 4) -> TopologySpec {
        TopologySpec(regions: regions, storesPerRegion: storesPerRegion, camerasPerStore: cameras,
                     deviceStore: settings(.milliseconds(2), 1e9),
                     storeRegion: settings(.milliseconds(10), 100e6),
                     regionCloud: settings(.milliseconds(35), 10e9))
    }

    /// A key-value scenario: one region of `stores` stores, no cameras.
    static func keyValue(name: String = "kv", duration: SimDuration, stores: Int = 3,
                         replication: [String: String], faults: [FaultSpec] = []) -> Scenario {
        var s = Scenario(name: name, duration: duration, topology: smallTopology(regions: 1, storesPerRegion: stores, cameras: 0))
        s.replication = section(replication)
        s.faults = faults
        return s
    }

    /// `store-partition`: store-1 loses its only uplink for 10 minutes while
    /// its cameras keep it writing, then the link heals. Edge writes are local
    /// (w = 1) and reads ask every owner (r = n = 3), so a read that misses a
    /// write can only happen while an owner is unreachable.
    static func storePartition(at start: SimDuration = .minutes(5), cut: SimDuration = .minutes(10),
                               duration: SimDuration = .minutes(30)) -> Scenario {
        var s = Scenario(name: "store-partition", duration: duration, topology: smallTopology(regions: 2, storesPerRegion: 3))
        s.description = "A store cut from its region for 10 minutes while it keeps writing; siblings."
        s.warmup = .minutes(2)
        s.workload.skusPerStore = 40
        s.workload.purchasesPerSkuPerHour = 30
        s.workload.restockDelay = try! .constant(120)
        s.faults = [FaultSpec(at: start, duration: cut, kind: .cut(LinkRef(a: "store-1", b: "region-0")))]
        s.replication = section([
            "enabled": "true", "n": "3", "r": "3", "w": "1", "sloppy": "true", "group": "region",
            "home_pinning": "true", "policy": "siblings", "read_rate": "1", "anti_entropy_period": "30s",
            "read_repair": "true",
        ])
        return s
    }

    /// `clock-skew`: the clock of region-0's aggregator runs 2 s behind from
    /// the start. Its dashboard corrects counts (a read, then a write of what
    /// it read) while the stores write every change, so two clocks stamp
    /// writes of the same keys. Under lww a correction stamped up to 2 s in
    /// the past loses to the store write it has just read, and nothing ever
    /// sees it again; a store's own lost writes are re-asserted by its next
    /// write, so skewing a store shows far less. Run once per policy
    /// (`siblings`, `lww`, `timestamp_heuristic`).
    static func clockSkew(policy: String, duration: SimDuration = .minutes(20), skewed: String = "region-0",
                          skew: SimDuration = .seconds(2)) -> Scenario {
        var s = Scenario(name: "clock-skew-\(policy)", duration: duration, topology: smallTopology(regions: 2, storesPerRegion: 3))
        s.description = "A regional aggregator's clock 2 s behind while its dashboard corrects counts the stores write."
        s.warmup = .minutes(1)
        s.workload.skusPerStore = 40
        s.workload.purchasesPerSkuPerHour = 30
        s.workload.restockDelay = try! .constant(120)
        s.faults = [FaultSpec(at: .zero, duration: nil, kind: .clock(skewed, offset: .zero - skew, driftPPM: 0))]
        s.replication = section([
            "enabled": "true", "n": "3", "r": "2", "w": "2", "group": "region", "policy": policy,
            "read_rate": "1", "correction_rate": "1",
        ])
        return s
    }
}
