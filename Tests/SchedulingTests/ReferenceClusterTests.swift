import EdgeBase
import Testing
@testable import Scheduling

/// The reference retail deployment and its placement.
@Suite("Reference cluster")
struct ReferenceClusterTests {
    @Test("the generator builds the documented shape")
    func shape() {
        let reference = ReferenceCluster.retail(regions: 2, storesPerRegion: 10, camerasPerStore: 5)
        // 20 stores: 18 with an edge server and 4 devices, 2 (stores 9 and 19) with 3; 2 aggregators; 4 cloud pools.
        #expect(reference.cluster.nodes.count == 18 * 5 + 2 * 4 + 2 + 4)
        #expect(reference.cluster.sources.count == 100)
        #expect(reference.workloads.count == 100)
        #expect(reference.cluster.storeCount == 20)
        #expect(reference.cluster.regionCount == 2)
        #expect(reference.workloads.filter { $0.priority == 10 }.count == 20)  // every fifth camera is 4K
        #expect(reference.cluster == ReferenceCluster.retail(regions: 2, storesPerRegion: 10, camerasPerStore: 5).cluster)
    }

    @Test("25 000 camera workloads on 500 stores: all placed, none outside its store, none over budget")
    func fullPlacement() throws {
        let reference = ReferenceCluster.retail(regions: 20, storesPerRegion: 25, camerasPerStore: 50)
        #expect(reference.workloads.count == 25_000)
        let result = try reference.placeAll()
        #expect(result.workloads == 25_000)
        #expect(result.counters.placements == 25_000)
        #expect(result.counters.unschedulable == 0)
        #expect(result.counters.sovereigntyViolatingPlacements == 0)
        #expect(result.residencyViolations == 0)
        #expect(result.counters.slaViolatingPlacements == 0)
        #expect(result.counters.degradedPlacements == 0)
        // Devices hold what they can; the rest climbs one rung, to the store servers.
        #expect(result.counters.fallbackPlacements > 0)
    }

    @Test("placement is deterministic and independent of the explanation level")
    func deterministic() throws {
        let reference = ReferenceCluster.retail(regions: 2, storesPerRegion: 3, camerasPerStore: 20)
        let first = try reference.placeAll()
        #expect(first.counters.placements == 120)
        #expect(try reference.placeAll() == first)
        #expect(try reference.placeAll(configuration: SchedulerConfiguration.edgeAware.explaining(.candidates)) == first)
        #expect(try reference.placeAll(configuration: SchedulerConfiguration.edgeAware.explaining(.allNodes)) == first)
        var pooled = SchedulerConfiguration.edgeAware
        pooled.tierSearch = .pooled
        #expect(try reference.placeAll(configuration: pooled).checksum != first.checksum)
    }

    @Test("cloud-only on the reference: everything in the cloud, every camera's residency and budget broken")
    func cloudOnly() throws {
        let reference = ReferenceCluster.retail(regions: 2, storesPerRegion: 3, camerasPerStore: 20)
        let result = try reference.placeAll(configuration: .cloudOnly)
        #expect(result.counters.placements == 120)
        #expect(result.counters.sovereigntyViolatingPlacements == 120)
        #expect(result.residencyViolations == 120)
        #expect(result.counters.slaViolatingPlacements == 120)
    }

    @Test("random on the reference: reproducible per seed", arguments: [UInt64(3), 4])
    func random(seed: UInt64) throws {
        let reference = ReferenceCluster.retail(regions: 2, storesPerRegion: 3, camerasPerStore: 20)
        let first = try reference.placeAll(configuration: .random, randomSource: splitMix(seed: seed))
        let again = try reference.placeAll(configuration: .random, randomSource: splitMix(seed: seed))
        let other = try reference.placeAll(configuration: .random, randomSource: splitMix(seed: seed + 100))
        #expect(first == again)
        #expect(first.checksum != other.checksum)
    }

    @Test("sovereignty holds under pressure: shrunken stores never spill raw video out", arguments: 0..<6)
    func sovereigntyUnderPressure(seed: Int) throws {
        // Random-looking request sizes (a fixed LCG per seed) overload the stores on purpose.
        var reference = ReferenceCluster.retail(regions: 2, storesPerRegion: 3, camerasPerStore: 30)
        var state = UInt64(seed) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        for i in reference.workloads.indices {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let cpu = Int64(500 + (state >> 33) % 3_000)
            reference.workloads[i].resources.milliCPU = cpu
            reference.workloads[i].degraded?.resources.milliCPU = cpu / 2
        }
        var configuration = SchedulerConfiguration.edgeAware
        configuration.fallback.beyondLatencyBudget = true
        configuration.tierSearch = seed.isMultiple(of: 2) ? .ladder : .pooled
        let result = try reference.placeAll(configuration: configuration)
        #expect(result.counters.unschedulable > 0)  // the pressure is real
        #expect(result.counters.sovereigntyViolatingPlacements == 0)
        #expect(result.residencyViolations == 0)
    }
}
