import Foundation
import Scenario
import SimKernel
import SimNetwork
import Testing
@testable import Workloads

@Suite("Cost model")
struct CostModelTests {
    /// One hour measured, so a month is 730 of them.
    static let model = CostModel(spec: CostSpec(), measuredNanoseconds: 3_600_000_000_000)

    /// Default egress: 100 GB free; tiers up to 10,240 GB at $0.09, up to
    /// 51,200 GB at $0.085, up to 153,600 GB at $0.07, beyond at $0.05. The
    /// boundaries are cumulative volumes from the month's first GB, the
    /// allowance being the first 100 GB of them.
    @Test("tiered egress, by hand: below, at and above the allowance and across every tier boundary", arguments: [
        ("50", "0"),              // below the allowance
        ("100", "0"),             // at it
        ("150", "4.5"),           // 50 × 0.09
        ("10240", "912.6"),       // 10,140 × 0.09: the first tier ends at 10,240 GB of the month
        ("10241", "912.685"),     // + 1 × 0.085
        ("51200", "4394.2"),      // 912.6 + 40,960 × 0.085
        ("51201", "4394.27"),     // + 1 × 0.07
        ("153600", "11562.2"),    // 4,394.2 + 102,400 × 0.07
        ("153601", "11562.25"),   // + 1 × 0.05
    ])
    func egress(gigabytes: String, usd: String) {
        #expect(Self.model.tiered(Decimal(string: gigabytes)!) == Decimal(string: usd)!)
    }

    @Test("the egress portions add up to the volume")
    func portions() {
        let p = Self.model.egressPortions(60_000)
        #expect(p.free == 100 && p.tiers == [10_140, 40_960, 8_800, 0])
        #expect(p.free + p.tiers.reduce(0, +) == 60_000)
    }

    @Test("a circuit is priced at the first step at least as fast as its link; faster links take several of the fastest")
    func circuits() {
        let d = DeploymentSection()
        #expect(d.circuit(bitsPerSecond: 100e6).step.usdPerMonth == 300)
        #expect(d.circuit(bitsPerSecond: 150e6).step.usdPerMonth == 900)
        #expect(d.circuit(bitsPerSecond: 250e9) == (3, d.circuits[4]))
    }

    /// The small chain in cloud-only with a fixed fleet of 2 GPUs: each line
    /// item recomputed by hand from the scenario and the measured bytes.
    @Test("every line item of a small cloud-only bill, by hand")
    func smallBill() throws {
        var s = smallScenario()
        s.deployment.fleet = .fixed
        s.deployment.gpus = 2
        var world = try RetailWorld(scenario: s, arm: .cloudOnly, seed: 5)
        let r = world.run()
        func item(_ component: String, _ tier: String? = nil) throws -> CostLineItem {
            try #require(r.costItems.first { $0.component == component && (tier == nil || $0.tier == tier) })
        }
        #expect(try item("cameras").count == 24 && item("cameras").usdMonth == 0)
        #expect(r.costItems.allSatisfy { $0.component != "store_servers" && $0.component != "store_sites" })
        #expect(try item("regional_nodes").quantity == 1_460 && item("regional_nodes").usdMonth == 3_650)   // 2 × 730 h × $2.50
        #expect(try item("regional_sites").usdMonth == 4_000)                                             // 2 × $2,000
        #expect(try item("store_uplinks").count == 6 && item("store_uplinks").usdMonth == 1_800)          // 6 × 100 Mbps at $300
        #expect(try item("regional_uplinks").count == 2 && item("regional_uplinks").usdMonth == 8_000)    // 2 × 10 Gbps at $4,000
        #expect(try item("cloud_services").usdMonth == 584)                                               // 730 h × $0.80
        // 2 GPUs × 730 h × $1.20 (the quantity to Decimal's 38 digits: the month over 9 minutes does not terminate)
        #expect(try abs(item("cloud_gpus").quantity - 1_460) < Decimal(string: "1e-30")! && item("cloud_gpus").usdMonth == 1_752)
        // 9 measured minutes; a month is 730 h = 4,866.67 of them.
        let bytes = try #require(value(r, "bytes_store_to_region"))
        let gb = Decimal(Int(bytes)) * 730 * 60 / 9 / 1_000_000_000
        #expect(try abs(item("transfer", "store->region").quantity - gb) < Decimal(string: "1e-20")!)
        #expect(try item("transfer", "store->region").usdMonth == CostLineItem.round(gb * Decimal(string: "0.02")!, places: 4))
        let total = try #require(r.metrics.first { $0.name == "total_cost_usd_month" })
        guard case .money(let t) = total.value else { Issue.record("total is not money"); return }
        #expect(t == r.costItems.reduce(Decimal(0)) { $0 + $1.usdMonth })
        #expect(value(r, "provisioned_cloud") == 2)
    }

    /// Started at 1 GPU the fleet grows; started at 20 it shrinks (and the
    /// removed GPUs are billed while they drain).
    @Test("autoscaled: the billed GPU-hours are the integral of the simulated fleet size", arguments: [1, 20])
    func autoscaledIntegral(startGPUs: Int) throws {
        var s = smallScenario()
        s.duration = .minutes(5)
        s.warmup = .seconds(30)
        s.workload.frameInterval = .milliseconds(100)
        s.workload.frameBytes = try .constant(20_000)
        s.deployment.fleet = .autoscaled
        s.deployment.gpus = startGPUs
        s.deployment.maxGPUs = 64
        s.deployment.window = .seconds(20)
        s.deployment.scaleUpDelay = .seconds(20)
        s.deployment.scaleDownDelay = .seconds(40)
        var world = try RetailWorld(scenario: s, arm: .cloudOnly, seed: 3)
        let r = world.run()
        let changes = try #require(r.fleetChanges.first).sorted { $0.at < $1.at }
        // The first change is the initial fleet; at least one resize follows, in the expected direction.
        #expect(changes.count >= 2, "the fleet never resized: \(changes)")
        #expect(changes.dropFirst().contains { startGPUs == 1 ? $0.delta > 0 : $0.delta < 0 }, "\(changes)")
        // Integrate the fleet size over [warm-up, end].
        let from = s.warmup.nanoseconds, end = s.duration.nanoseconds
        var size = 0, at = Int64(0), integral = Int64(0)
        for c in changes {
            let t = min(max(c.at, from), end)
            integral += Int64(size) * (t - max(at, from))
            at = t
            size += c.delta
        }
        integral += Int64(size) * (end - max(at, from))
        let gpuHours = Decimal(integral) * 730 * 3_600_000_000_000 / Decimal(end - from) / 3_600_000_000_000
        let billed = try #require(r.costItems.first { $0.component == "cloud_gpus" })
        #expect(abs(billed.quantity - gpuHours) < Decimal(string: "1e-20")!)
        let utilization = try #require(value(r, "utilization_cloud"))
        #expect(utilization > 0.3 && utilization < 0.75, "utilisation \(utilization) far from the 60% target")
    }

    /// One GPU cannot keep up with a frame every 2 ms: its backlog grows past
    /// the run's end. The time spent busy is at most the time that passed.
    @Test("an overloaded fixed fleet is at most 100% busy")
    func overloadedUtilization() throws {
        var s = smallScenario()
        s.duration = .minutes(2)
        s.warmup = .seconds(20)
        s.workload.frameInterval = .milliseconds(2)
        s.workload.frameBytes = try .constant(2_000)
        s.deployment.fleet = .fixed
        s.deployment.gpus = 1
        var world = try RetailWorld(scenario: s, arm: .cloudOnly, seed: 4)
        let r = world.run()
        let utilization = try #require(value(r, "utilization_cloud"))
        #expect(utilization <= 1 && utilization > 0.99, "utilisation \(utilization)")
    }

    @Test("a pool's busy time up to an instant leaves out the work queued beyond it")
    func poolBusyUpTo() {
        // Asked, as the world asks, at or after the last admission.
        var p = InferencePool(slots: 1)
        for _ in 0..<3 { _ = p.admit(now: 0, service: 10) }   // busy 0-30
        #expect(p.busyNanoseconds == 30)
        #expect(p.busyNanoseconds(upTo: 15) == 15)
        #expect(p.busyNanoseconds(upTo: 40) == 30)
        _ = p.admit(now: 50, service: 10)                     // busy 50-60
        #expect(p.busyNanoseconds(upTo: 55) == 35)
        #expect(p.busyNanoseconds(upTo: 100) == 40)
    }
}
