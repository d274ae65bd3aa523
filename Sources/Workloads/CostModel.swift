import Foundation
import Scenario
import SimNetwork

/// Monthly costs from measured traffic and the scenario's prices, in exact
/// decimal arithmetic, extrapolated from the measured window to a billing month.
struct CostModel {
    let spec: CostSpec
    /// Billing-month seconds over measured seconds, exact.
    let scale: Decimal

    init(spec: CostSpec, measuredNanoseconds: Int64) {
        self.spec = spec
        scale = spec.hoursPerMonth * 3_600 * 1_000_000_000 / Decimal(measuredNanoseconds)
    }

    func monthlyGB(_ bytes: Int) -> Decimal { Decimal(bytes) * scale / 1_000_000_000 }

    /// Transfer prices per boundary and direction, plus tiered cloud egress.
    func bandwidth(_ traffic: [BoundaryTraffic]) -> Decimal {
        var total = Decimal(0)
        for price in spec.transfer {
            let bytes = traffic.filter { $0.from == price.from && $0.to == price.to }.reduce(0) { $0 + $1.counters.sentBytes }
            total += monthlyGB(bytes) * price.usdPerGB
        }
        let egress = traffic.filter { $0.from == .cloud && $0.to != .cloud }.reduce(0) { $0 + $1.counters.sentBytes }
        total += tiered(monthlyGB(egress))
        return total
    }

    /// The free allowance comes off first; the tiers then apply to the rest in order.
    func tiered(_ gigabytes: Decimal) -> Decimal {
        var billable = gigabytes - spec.cloudEgressFreeGB
        if billable <= 0 { return 0 }
        var cost = Decimal(0)
        var floor = Decimal(0)
        for tier in spec.cloudEgressTiers {
            let ceiling = tier.upToGB ?? .greatestFiniteMagnitude
            let portion = min(billable, ceiling - floor)
            if portion <= 0 { break }
            cost += portion * tier.usdPerGB
            billable -= portion
            floor = ceiling
        }
        return cost
    }

    /// Cloud inference instances to carry the measured load at the target utilisation.
    func cloudGPUs(busyNanoseconds: Int64) -> Int {
        let busy = Double(busyNanoseconds)
        let window = Double(truncating: (spec.hoursPerMonth * 3_600 * 1_000_000_000 / scale) as NSNumber)
        guard window > 0 else { return 0 }
        return Int((busy / (window * spec.cloudGPUTargetUtilization)).rounded(.up))
    }

    /// Per-hour compute and amortised sites for one month.
    ///
    /// Edge arms pay for every store server (`storeServers`, one per store
    /// unless the topology says more), each store's site, the regional
    /// aggregators and, when the scheduler put inference in the cloud, the
    /// cloud GPUs sized from it; cloud-only pays for its cloud GPUs.
    func compute(arm: Arm, stores: Int, storeServers: Int, regions: Int, cloudGPUs: Int) -> Decimal {
        let hours = spec.hoursPerMonth
        var total = spec.cloudServicePerHour * hours
        if arm.isEdge {
            total += Decimal(storeServers) * spec.storeServerPerHour * hours + Decimal(stores) * spec.storeSitePerMonth
            total += Decimal(regions) * (spec.regionAggregatorPerHour * hours + spec.regionSitePerMonth)
            if cloudGPUs > 0 { total += Decimal(cloudGPUs) * spec.cloudGPUPerHour * hours }
        } else {
            total += Decimal(cloudGPUs) * spec.cloudGPUPerHour * hours
        }
        return total
    }
}
