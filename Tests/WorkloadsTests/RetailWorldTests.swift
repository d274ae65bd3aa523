import Foundation
import Metrics
import Scenario
import SimKernel
import SimNetwork
import Testing
@testable import Workloads

func settings(_ latency: SimDuration, _ bandwidth: Double) -> LinkSettings {
    LinkSettings(latency: try! .constant(latency.seconds), bandwidth: bandwidth)
}

/// A small chain: 2 regions x 3 stores x 4 cameras, 10 simulated minutes.
func smallScenario(faults: [FaultSpec] = []) -> Scenario {
    var s = Scenario(name: "unit", duration: .minutes(10),
                     topology: TopologySpec(regions: 2, storesPerRegion: 3, camerasPerStore: 4,
                                            deviceStore: settings(.milliseconds(2), 1e9),
                                            storeRegion: settings(.milliseconds(10), 100e6),
                                            regionCloud: settings(.milliseconds(35), 10e9)))
    s.warmup = .minutes(1)
    s.workload.skusPerStore = 40
    s.workload.purchasesPerSkuPerHour = 30
    s.workload.restockDelay = try! .constant(120)
    s.workload.storeFeedback = .perUpdate
    s.faults = faults
    return s
}

func value(_ r: RunResult, _ name: String) -> Double? {
    r.metrics.first { $0.name == name }?.value.doubleValue
}

@Suite("Retail world")
struct RetailWorldTests {
    @Test("the edge arm updates faster and sends fewer WAN bytes than cloud-only")
    func edgeBeatsCloud() throws {
        let s = smallScenario()
        var edge = try RetailWorld(scenario: s, arm: .edgeHybrid, seed: 5)
        var cloud = try RetailWorld(scenario: s, arm: .cloudOnly, seed: 5)
        let e = edge.run(), c = cloud.run()
        let ep99 = try #require(value(e, "update_latency_p99")), cp99 = try #require(value(c, "update_latency_p99"))
        #expect(ep99 < cp99)
        // Cloud-only: propagation alone is 2 + 10 + 35 ms.
        #expect(try #require(value(c, "update_latency_p50")) > 0.047)
        let ewan = try #require(value(e, "wan_bytes")), cwan = try #require(value(c, "wan_bytes"))
        #expect(ewan < cwan)
        // Same ground truth and frames in both arms (common random numbers).
        #expect(value(e, "frames_captured") == value(c, "frames_captured"))
        #expect(value(e, "stockouts") == value(c, "stockouts"))
        #expect(try #require(value(e, "stockouts")) > 0)
        #expect(try #require(value(e, "deltas_sent")) > 0)
        #expect(try #require(value(e, "sla_met_fraction")) > 0.99)
    }

    @Test("a store uplink cut loses cloud-only updates but not edge ones")
    func uplinkCut() throws {
        let cut = FaultSpec(at: .minutes(3), duration: .minutes(2), kind: .cut(LinkRef(a: "store-1", b: "region-0")))
        let s = smallScenario(faults: [cut])
        var edge = try RetailWorld(scenario: s, arm: .edgeHybrid, seed: 5)
        var cloud = try RetailWorld(scenario: s, arm: .cloudOnly, seed: 5)
        let e = edge.run(), c = cloud.run()
        // Availability counts the store the cut touches, not the whole chain.
        let cloudAvailability = try #require(value(c, "availability"))
        let edgeAvailability = try #require(value(e, "availability"))
        #expect(cloudAvailability < 0.05, "\(cloudAvailability)")
        #expect(try #require(value(c, "availability_worst_store")) < 0.05)
        #expect(edgeAvailability > 0.99)
    }

    @Test("the same seed gives the same metrics")
    func deterministic() throws {
        let s = smallScenario()
        var a = try RetailWorld(scenario: s, arm: .cloudOnly, seed: 9)
        var b = try RetailWorld(scenario: s, arm: .cloudOnly, seed: 9)
        let ra = a.run(), rb = b.run()
        #expect(ra.metrics.map { "\($0.name)=\($0.value.text)" } == rb.metrics.map { "\($0.name)=\($0.value.text)" })
        #expect(ra.eventsHandled == rb.eventsHandled)
    }

    @Test("an inventory delta survives encoding and deflate")
    func deltaRoundTrip() throws {
        let delta = InventoryDelta(store: 17, sequence: 3, takenAtMilliseconds: 300_000,
                                   entries: (0..<60).map { ($0 * 3, 40 - $0 % 7) })
        let raw = delta.encoded()
        #expect(InventoryDelta.decode(raw) == delta)
        let packed = try delta.compressed()
        #expect(packed.count < raw.count)
        #expect([UInt8](try InventoryDelta.inflate(packed)) == raw)
    }

    @Test("an inference pool serves first come, first served on its slots")
    func pool() {
        var p = InferencePool(slots: 2)
        #expect(p.admit(now: 0, service: 10) == 10)
        #expect(p.admit(now: 0, service: 10) == 10)
        #expect(p.admit(now: 0, service: 10) == 20)
        #expect(p.admit(now: 5, service: 1) == 11)
        #expect(p.busyNanoseconds == 31)
    }
}
