import Foundation
import Metrics
import Scenario
import Workloads

/// The itemised bills (`costs.csv`) and the break-even prices
/// (`breakeven.csv`). None when no run priced anything (probe and key-value worlds).
enum CostFiles {
    static func files(scenario: Scenario, runs: [ExperimentRunner.Run]) -> [(name: String, contents: String)] {
        guard runs.contains(where: { !$0.result.costItems.isEmpty }) else { return [] }
        var out = [("costs.csv", costs(scenario, runs).text)]
        if let breakeven = breakeven(scenario, runs) { out.append(("breakeven.csv", breakeven.text)) }
        return out
    }

    static func text(_ d: Decimal, places: Int) -> String { MetricNumber.format(d, places: places) }

    /// One row per line item of every run, in the bill's order.
    static func costs(_ scenario: Scenario, _ runs: [ExperimentRunner.Run]) -> CSVTable {
        var table = CSVTable(header: ["scenario", "arm", "repetition", "component", "tier", "count", "unit", "unit_price_usd",
                                      "quantity", "usd_month", "price_key"])
        for run in runs {
            for item in run.result.costItems {
                table.append([scenario.name, run.arm.rawValue, String(run.repetition), item.component, item.tier,
                              item.count.map { text($0, places: 3) } ?? "", item.unit, text(item.unitPriceUSD, places: 6),
                              text(item.quantity, places: 6), text(item.usdMonth, places: 4), item.priceKey])
            }
        }
        return table
    }

    /// For each price key: edge-hybrid's and cloud-only's mean totals, and
    /// the price at which they are equal. Cost is linear in every price (a
    /// price changes no simulated quantity), so with `q` the units each arm
    /// buys at that price per month, the totals meet at
    /// `price + (cloud − edge) / (q_edge − q_cloud)`. Keys both arms buy
    /// equally of have no break-even and no row.
    static func breakeven(_ scenario: Scenario, _ runs: [ExperimentRunner.Run]) -> CSVTable? {
        let edge = runs.filter { $0.arm == .edgeHybrid }, cloud = runs.filter { $0.arm == .cloudOnly }
        guard !edge.isEmpty, !cloud.isEmpty else { return nil }
        func mean(_ rs: [ExperimentRunner.Run], _ f: (CostLineItem) -> Decimal) -> Decimal {
            rs.reduce(Decimal(0)) { $0 + $1.result.costItems.reduce(Decimal(0)) { $0 + f($1) } } / Decimal(rs.count)
        }
        let edgeTotal = mean(edge) { $0.usdMonth }, cloudTotal = mean(cloud) { $0.usdMonth }
        var keys: [(key: String, price: Decimal)] = []
        for run in runs where run.arm == .edgeHybrid || run.arm == .cloudOnly {
            for item in run.result.costItems where item.priceKey != "costs.cloud_egress.free" && !keys.contains(where: { $0.key == item.priceKey }) {
                keys.append((item.priceKey, item.unitPriceUSD))
            }
        }
        var table = CSVTable(header: ["scenario", "price_key", "price_usd", "edge_hybrid_usd_month", "cloud_only_usd_month",
                                      "breakeven_price_usd", "edge_hybrid_cheaper_when"])
        for (key, price) in keys {
            let qEdge = mean(edge) { $0.priceKey == key ? $0.quantity : 0 }
            let qCloud = mean(cloud) { $0.priceKey == key ? $0.quantity : 0 }
            guard qEdge != qCloud else { continue }
            let at = price + (cloudTotal - edgeTotal) / (qEdge - qCloud)
            // Edge buys more at this price: it is cheaper below the break-even, and the other way round.
            let when = at < 0 ? (qEdge > qCloud ? "never" : "always") : (qEdge > qCloud ? "below" : "above")
            table.append([scenario.name, key, text(price, places: 6), text(edgeTotal, places: 4), text(cloudTotal, places: 4),
                          text(at, places: 6), when])
        }
        return table
    }
}
