import Foundation

/// The itemised monthly bills of costs.csv side by side: one line per line
/// item (component and tier), one mean per arm over its repetitions.
///
/// Means are exact decimals: a line's mean is the sum of its `usd_month`
/// over the arm's repetitions (0 where a repetition has no such line) over
/// their number, so the lines of an arm add up to the mean of its totals,
/// `total_cost_usd_month` in summary.csv.
struct CostBill {
    /// One line item of the bill.
    struct Line {
        var component: String
        var tier: String
        /// The mean monthly amount per arm; an arm whose bill has no such
        /// line has none.
        var usd: [String: Decimal]
        /// The mean quantity per arm (units per month).
        var quantity: [String: Decimal]
        /// The unit price per arm (the same in every repetition).
        var unitPrice: [String: Decimal]
        /// What one unit is (`node_hour`, `GB`, ...).
        var unit: String
        var priceKey: String
    }

    /// The arms that have a bill, in the results' order.
    var arms: [String]
    /// The lines in the bill's order: each arm's own order kept, a line
    /// only one arm has placed after the line that precedes it in that arm's
    /// bill (cloud GPUs after the cloud services).
    var lines: [Line]

    /// The arm's mean monthly total: the sum of its lines.
    func total(_ arm: String) -> Decimal {
        lines.reduce(Decimal(0)) { $0 + ($1.usd[arm] ?? 0) }
    }

    /// The components in bill order, each the sum of its lines per arm.
    var components: [(component: String, usd: [String: Decimal])] {
        var out: [(String, [String: Decimal])] = []
        for line in lines {
            if let i = out.firstIndex(where: { $0.0 == line.component }) {
                for (arm, x) in line.usd { out[i].1[arm, default: 0] += x }
            } else {
                out.append((line.component, line.usd))
            }
        }
        return out
    }

    /// The bill of `data`; nil when the results have no costs.csv rows.
    init?(_ data: ResultsData) {
        guard !data.costItems.isEmpty else { return nil }
        arms = data.arms.filter { arm in data.costItems.contains { $0.arm == arm } }
        for item in data.costItems where !arms.contains(item.arm) { arms.append(item.arm) }
        lines = []
        for arm in arms {
            let items = data.costItems.filter { $0.arm == arm }
            let repetitions = Decimal(Set(items.map(\.repetition)).count)
            // Where the previous line of this arm's bill sits in the merged order.
            var previous: Int?
            for item in items {
                var index = lines.firstIndex { $0.component == item.component && $0.tier == item.tier }
                if index == nil {
                    let at = previous.map { $0 + 1 } ?? 0
                    lines.insert(Line(component: item.component, tier: item.tier, usd: [:], quantity: [:], unitPrice: [:],
                                      unit: item.unit, priceKey: item.priceKey), at: at)
                    index = at
                }
                let i = index!
                lines[i].usd[arm, default: 0] += item.usdMonth / repetitions
                lines[i].quantity[arm, default: 0] += item.quantity / repetitions
                lines[i].unitPrice[arm] = item.unitPriceUSD
                previous = i
            }
        }
    }

    /// What a component is called on the page and in the figure's key.
    static func label(component: String) -> String {
        switch component {
        case "cameras": return "cameras"
        case "store_servers": return "store servers"
        case "store_sites": return "store sites"
        case "regional_nodes": return "regional aggregators"
        case "regional_sites": return "regional sites"
        case "store_uplinks": return "store uplinks"
        case "regional_uplinks": return "regional uplinks"
        case "store_peer_links": return "store-to-store links"
        case "other_links": return "other links"
        case "cloud_services": return "cloud inventory service"
        case "cloud_gpus": return "cloud GPUs"
        case "transfer": return "transfer"
        case "egress": return "cloud egress"
        default: return component.replacingOccurrences(of: "_", with: " ")
        }
    }

    /// A line's name: the component and where it is ("transfer store→region",
    /// "store uplinks 100Mbps", "cloud egress tier-2").
    static func label(_ line: Line) -> String {
        let name = label(component: line.component)
        switch line.component {
        case "transfer": return name + " " + line.tier.replacingOccurrences(of: "->", with: "→")
        case "egress": return name + (line.tier == "free" ? " (free allowance)" : " " + line.tier)
        case "store_uplinks", "regional_uplinks", "store_peer_links", "other_links": return name + " " + line.tier
        default: return name
        }
    }

    /// The unit of a line as the page writes a quantity of it.
    static func unitName(_ unit: String) -> String {
        switch unit {
        case "node_hour": return "node-hours"
        case "gpu_hour": return "GPU-hours"
        case "site_month": return "site-months"
        case "circuit_month": return "circuit-months"
        case "camera_month": return "camera-months"
        default: return unit
        }
    }

    /// The price per unit, as the scenario writes it ("/h", "/month", "/GB").
    static func perUnit(_ unit: String) -> String {
        switch unit {
        case "node_hour", "gpu_hour": return "/h"
        case "site_month", "circuit_month", "camera_month": return "/month"
        default: return "/" + unit
        }
    }
}

extension QuantityFormat {
    /// An exact amount of dollars in cents with thousands separators
    /// ("$1,533.00", "$0.06"); a non-zero amount under half a cent is
    /// "< $0.01".
    static func cents(_ d: Decimal) -> String {
        let a = d < 0 ? -d : d
        if a != 0 && a < Decimal(string: "0.005")! { return d < 0 ? "> −$0.01" : "< $0.01" }
        var value = a, rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .bankers)
        let text = NSDecimalNumber(decimal: rounded).stringValue
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = grouped(Double(String(parts[0])) ?? 0)
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.count < 2 { fraction += "0" }
        return (d < 0 ? "−" : "") + "$" + whole + "." + fraction
    }

    /// An exact price as written, without trailing zeros beyond the cents
    /// ("$0.35", "$0.085", "$4,000", "$1.20").
    static func price(_ d: Decimal) -> String {
        let a = d < 0 ? -d : d
        let text = NSDecimalNumber(decimal: a).stringValue
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = grouped(Double(String(parts[0])) ?? 0)
        var out = (d < 0 ? "−" : "") + "$" + whole
        if parts.count > 1 {
            var fraction = String(parts[1])
            while fraction.count < 2 { fraction += "0" }
            out += "." + fraction
        }
        return out
    }
}
