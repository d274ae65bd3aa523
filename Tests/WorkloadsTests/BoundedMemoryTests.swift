import Metrics
import Scenario
import SimKernel
import SimNetwork
import Testing
@testable import Workloads

/// What a run keeps in memory does not grow with its simulated length
/// (beyond the time series), and pruning it changes no metric.
@Suite("Memory bounded in simulated time")
struct BoundedMemoryTests {
    /// One region of three stores, one camera each, eight SKUs bought often,
    /// replicated (reads of every owner) with a one-minute cut of store-1 at
    /// 2 minutes: lost requests, hints, stale reads, open buckets. Hours of
    /// it cost what minutes of the small retail scenarios do.
    static func small(duration: SimDuration) -> Scenario {
        var s = Scenario(name: "bounded", duration: duration,
                         topology: ReplicationFixtures.smallTopology(regions: 1, storesPerRegion: 3, cameras: 1))
        s.warmup = .minutes(1)
        s.workload.skusPerStore = 8
        s.workload.purchasesPerSkuPerHour = 60
        s.workload.frameInterval = .seconds(20)
        s.workload.restockDelay = try! .constant(60)
        s.faults = [FaultSpec(at: .minutes(2), duration: .minutes(1), kind: .cut(LinkRef(a: "store-1", b: "region-0")))]
        s.replication = ReplicationFixtures.section([
            "enabled": "true", "n": "3", "r": "3", "w": "1", "sloppy": "true", "group": "region",
            "policy": "siblings", "read_rate": "0.2", "anti_entropy_period": "2m",
            // Few heartbeats: they are most of a quiet hour's events.
            "heartbeat_interval": "10s", "suspicion_timeout": "30s",
        ])
        return s
    }

    /// What a run of `duration` keeps at its end: the driver's and history
    /// checker's records, the latency samples of open time series buckets;
    /// and how many writes it made.
    static func retained(_ duration: SimDuration, arm: Arm) throws -> (records: Int, samples: Int, writes: Double) {
        var world = try RetailWorld(scenario: small(duration: duration), arm: arm, seed: 5)
        let r = world.run()
        let driver = try #require(world.replication).driver
        return (driver.retainedRecords, world.views.bucketSamples.reduce(0) { $0 + $1.count },
                try metric(r, "replication_writes"))
    }

    @Test("a 4 h run keeps no more records than a 1 h run", arguments: [Arm.edgeHybrid, .cloudOnly])
    func retainedDoesNotGrow(arm: Arm) throws {
        let short = try Self.retained(.hours(1), arm: arm)
        let long = try Self.retained(.hours(4), arm: arm)
        // The long run did about four times the work...
        #expect(long.writes > 3 * short.writes, "\(long.writes) writes against \(short.writes)")
        // ...and ends holding what the short one holds, give or take what is in flight.
        #expect(long.records <= short.records + short.records / 4 + 32,
                "records kept: \(long.records) after 4 h, \(short.records) after 1 h")
        #expect(long.samples <= short.samples + short.samples / 4 + 32,
                "latency samples kept: \(long.samples) after 4 h, \(short.samples) after 1 h")
    }

    /// Two stores write the same 50 keys, store-1's clock 2 s behind, and
    /// store-1 is cut from its region for 20 s: lost writes under lww,
    /// sibling sets under siblings, stale reads, a heal and a convergence.
    static func contested(policy: String) throws -> KeyValueWorld {
        var s = ReplicationFixtures.keyValue(duration: .minutes(2), stores: 2, replication: [
            "enabled": "true", "n": "3", "r": "1", "w": "1", "policy": policy, "read_rate": "2",
            "anti_entropy_period": "10s",
        ])
        s.warmup = .seconds(10)
        s.faults = [
            FaultSpec(at: .zero, duration: nil, kind: .clock("store-1", offset: .zero - .seconds(2), driftPPM: 0)),
            FaultSpec(at: .seconds(30), duration: .seconds(20), kind: .cut(LinkRef(a: "store-1", b: "region-0"))),
        ]
        var load = KeyValueLoad()
        load.keysPerStore = 50
        load.writeRate = 25
        load.writingStores = [0, 1]
        load.sharedKeysOf = 0
        load.writesUntil = .seconds(80)
        return try KeyValueWorld(scenario: s, load: load, seed: 1)
    }

    @Test("pruning the writes no replica, message or client holds changes no metric of the history checker",
          arguments: ["lww", "siblings"])
    func pruningIsExact(policy: String) throws {
        var world = try Self.contested(policy: policy)
        // Prune every few dozen writes, not every thousand.
        world.driver.collectionFloor = 16
        world.driver.nextCollection = 16
        let (result, history) = world.runKeepingHistory()
        #expect(world.driver.collections > 5, "\(world.driver.collections) prunings")
        // No write of the final state was taken for dead.
        #expect(world.driver.checker.writes.missing(from: history.finalVersions) == [])
        // The checker fed the whole history at once, never pruned.
        let whole = HistoryChecker.check(history).metrics.map { "\($0.name)=\($0.value.text)" }
        let pruned = result.metrics.prefix(whole.count).map { "\($0.name)=\($0.value.text)" }
        #expect(pruned == whole)
        // The run exercised what pruning decides early.
        let lost = try metric(result, "lost_acknowledged_writes")
        let conflicts = try metric(result, "conflicts_detected")
        #expect(policy == "lww" ? lost > 0 : conflicts > 0, "lost \(lost), conflicts \(conflicts)")
        #expect(try metric(result, "stale_read_fraction") > 0)
    }
}
