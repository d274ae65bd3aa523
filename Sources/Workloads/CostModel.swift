import Foundation
import Scenario
import SimNetwork

/// Monthly costs from what the simulation instantiated and measured, in exact
/// decimal arithmetic, extrapolated from the measured window to a billing month.
///
/// The bill is a list of ``CostLineItem``s; every total is their sum.
struct CostModel {
    let spec: CostSpec
    /// Billing-month seconds over measured seconds, exact.
    let scale: Decimal

    init(spec: CostSpec, measuredNanoseconds: Int64) {
        self.spec = spec
        scale = spec.hoursPerMonth * 3_600 * 1_000_000_000 / Decimal(measuredNanoseconds)
    }

    func monthlyGB(_ bytes: Int) -> Decimal { Decimal(bytes) * scale / 1_000_000_000 }

    /// The gigabytes of a month's `gigabytes` of egress that fall in each
    /// tier, after the free allowance: tier boundaries are cumulative volumes
    /// counted from the month's first GB, and the allowance is the first
    /// `cloudEgressFreeGB` of them (see ``PriceTier``).
    ///
    /// - Returns: the free GB, then one portion per tier.
    func egressPortions(_ gigabytes: Decimal) -> (free: Decimal, tiers: [Decimal]) {
        let free = min(gigabytes, spec.cloudEgressFreeGB)
        var floor = Decimal(0)
        var portions: [Decimal] = []
        for tier in spec.cloudEgressTiers {
            let ceiling = tier.upToGB.map { min($0, gigabytes) } ?? gigabytes
            let start = max(floor, spec.cloudEgressFreeGB)
            portions.append(max(0, ceiling - start))
            if let up = tier.upToGB { floor = up }
        }
        return (free, portions)
    }

    /// The price of a month's `gigabytes` of egress.
    func tiered(_ gigabytes: Decimal) -> Decimal {
        zip(egressPortions(gigabytes).tiers, spec.cloudEgressTiers).reduce(Decimal(0)) { $0 + $1.0 * $1.1.usdPerGB }
    }

    /// Bytes billed as transferred: offered, less those dropped by a full
    /// queue or lost (on the wire, to a cut, to a crash).
    static func billedBytes(_ c: LinkCounters) -> Int { c.sentBytes - c.droppedBytes - c.lostBytes }
}

/// One line of a monthly bill: `quantity` units at `unitPriceUSD` each.
public struct CostLineItem: Sendable, Hashable {
    /// What is priced: `store_servers`, `cloud_gpus`, `transfer`, `egress`, ...
    public var component: String
    /// Where it is: a tier (`store`), a direction (`store->region`) or an egress tier (`tier-2`).
    public var tier: String
    /// Nodes, sites or circuits priced (time-average for an autoscaled fleet); nil for traffic.
    public var count: Decimal?
    /// What one unit is: `server_hour`, `site_month`, `circuit_month`, `gpu_hour`, `GB`.
    public var unit: String
    public var unitPriceUSD: Decimal
    /// Units per billing month.
    public var quantity: Decimal
    /// The scenario key the unit price comes from, for break-even.
    public var priceKey: String

    /// The components that make `bandwidth_cost_usd_month`: circuits and traffic.
    public static let networkComponents: Set<String> = [
        "store_uplinks", "regional_uplinks", "store_peer_links", "other_links", "transfer", "egress",
    ]

    /// `quantity × unitPriceUSD`, rounded to 1/10,000 of a dollar.
    public var usdMonth: Decimal { Self.round(quantity * unitPriceUSD, places: 4) }

    public static func round(_ d: Decimal, places: Int) -> Decimal {
        var value = d, rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .bankers)
        return rounded
    }
}
