import Foundation

extension ReportPage {
    /// The monthly bill of each arm side by side (costs.csv) and the
    /// break-even sentences (breakeven.csv); empty when the results price
    /// nothing.
    var billSection: String {
        guard let bill = CostBill(data) else { return "" }
        var out = "<h2 id=\"bill\">Monthly bill</h2>\n"
        let means = repetitions > 1 ? ", means over the repetitions" : ""
        out += "<p>Each arm's itemised monthly bill (costs.csv\(means)): every line item is its quantity per billing month "
            + "times its unit price, under the scenario key the price comes from; the totals are "
            + "<code>total_cost_usd_month</code>.</p>\n"
        out += "<table class=\"bill\">\n<thead><tr><th>line item</th>"
        for arm in bill.arms { out += "<th>\(escape(arm))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for line in bill.lines {
            out += "<tr><th scope=\"row\">\(escape(CostBill.label(line))) <span class=\"unit\">\(escape(line.priceKey))</span></th>"
            for arm in bill.arms {
                guard let usd = line.usd[arm] else {
                    out += "<td>–</td>"
                    continue
                }
                let quantity = line.quantity[arm] ?? 0, price = line.unitPrice[arm] ?? 0
                let detail = QuantityFormat.count(NSDecimalNumber(decimal: quantity).doubleValue) + " "
                    + CostBill.unitName(line.unit) + " × " + QuantityFormat.price(price) + CostBill.perUnit(line.unit)
                out += "<td>\(escape(QuantityFormat.cents(usd)))<span class=\"ci\">\(escape(detail))</span></td>"
            }
            out += "</tr>\n"
        }
        out += "<tr class=\"total\"><th scope=\"row\">total <span class=\"unit\">total_cost_usd_month</span></th>"
        for arm in bill.arms { out += "<td>\(escape(QuantityFormat.cents(bill.total(arm))))</td>" }
        out += "</tr>\n</tbody>\n</table>\n"
        for s in breakevenSentences { out += "<p class=\"breakeven\">\(escape(s))</p>\n" }
        return out
    }

    /// The break-even of each price that the two arms buy in different
    /// amounts, in words: which arm is cheaper at the prices given, then on
    /// which side of its break-even each price alone (the others as they
    /// are) makes edge-hybrid the cheaper arm.
    var breakevenSentences: [String] {
        let rows = data.breakevens
        guard let first = rows.first else { return [] }
        let edge = first.edgeHybridUSDMonth, cloud = first.cloudOnlyUSDMonth
        var out: [String] = []
        let cheaper = edge < cloud ? "edge-hybrid is cheaper by \(QuantityFormat.cents(cloud - edge))"
            : edge > cloud ? "cloud-only is cheaper by \(QuantityFormat.cents(edge - cloud))" : "they cost the same"
        out.append("At these prices edge-hybrid costs \(QuantityFormat.cents(edge)) a month and cloud-only "
            + "\(QuantityFormat.cents(cloud)): \(cheaper).")
        var clauses: [String] = []
        var never: [String] = [], always: [String] = []
        for row in rows {
            let (subject, per) = priceSubject(row.priceKey)
            let at = NSDecimalNumber(decimal: row.breakevenPriceUSD).doubleValue
            let atText = "$" + QuantityFormat.significant(at) + per, nowText = QuantityFormat.price(row.priceUSD) + per
            switch row.edgeHybridCheaperWhen {
            case "below", "above":
                clauses.append("\(subject) costs \(row.edgeHybridCheaperWhen) \(atText) (now \(nowText))")
            case "never": never.append(subject)
            case "always": always.append(subject)
            default: continue
            }
        }
        if !clauses.isEmpty {
            out.append("Taking one price at a time, the others as they are, edge-hybrid costs less than cloud-only when "
                + clauses.joined(separator: ", or ") + ".")
        }
        if !never.isEmpty {
            out.append("No price of \(Self.list(never)) alone makes edge-hybrid the cheaper arm: it would have to be below zero.")
        }
        if !always.isEmpty {
            out.append("Edge-hybrid stays the cheaper arm at any price of \(Self.list(always)).")
        }
        return out
    }

    /// What a price key prices, for a sentence, and its unit ("/h").
    func priceSubject(_ key: String) -> (subject: String, per: String) {
        let item = data.costItems.first { $0.priceKey == key }
        let per = item.map { CostBill.perUnit($0.unit) } ?? ""
        switch key {
        // The old keys name the same prices in results written before the deployment section priced servers.
        case "deployment.store.price", "costs.store_server": return ("a store server", per)
        case "costs.store_site": return ("a store site", per)
        case "deployment.region.price": return ("a regional server", per)
        case "costs.region_aggregator": return ("a regional aggregator", per)
        case "costs.region_site": return ("a regional site", per)
        case "deployment.cloud.price", "costs.cloud_gpu": return ("a cloud GPU", per)
        case "costs.cloud_service": return ("the cloud inventory service", per)
        case "deployment.camera": return ("a camera", per)
        default:
            guard let item else { return (key, per) }
            switch item.component {
            case "transfer": return ("transfer " + item.tier.replacingOccurrences(of: "->", with: "→"), per)
            case "egress": return ("cloud egress \(item.tier)", per)
            case "store_uplinks", "regional_uplinks", "store_peer_links", "other_links": return ("a \(item.tier) circuit", per)
            default: return (key, per)
            }
        }
    }

    /// "a, b and c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
