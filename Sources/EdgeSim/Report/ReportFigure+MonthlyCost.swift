import Foundation

extension ReportFigure {
    /// The cost components of results without an itemised bill, bottom of
    /// the stack first.
    static let costComponents: [(metric: String, label: String)] = [
        ("compute_cost_usd_month", "compute"),
        ("bandwidth_cost_usd_month", "bandwidth"),
    ]

    /// Figure: monthly cost per arm, stacked by the components of the bill
    /// (costs.csv: store servers, sites, circuits, cloud GPUs, transfer, ...),
    /// with the total above each bar. Results without costs.csv stack
    /// compute and bandwidth.
    ///
    /// - Returns: nil when no arm has a bill or the cost metrics.
    static func monthlyCost(_ data: ResultsData) -> ReportFigure? {
        if let bill = CostBill(data) { return monthlyCost(data, bill: bill) }
        var text = "# arm " + costComponents.map { $0.metric }.joined(separator: " ") + " total total_label\n"
        var arms: [String] = []
        var highest = 0.0
        var breakdown: [String] = []
        for arm in data.arms {
            let parts = costComponents.map { data.summary($0.metric, arm: arm)?.mean ?? .nan }
            guard parts.allSatisfy(\.isFinite) else { continue }
            let total = data.summary("total_cost_usd_month", arm: arm)?.mean ?? parts.reduce(0, +)
            highest = max(highest, total)
            arms.append(arm)
            text += "\(arm) " + String(GnuplotData.line(parts + [total]).dropLast())
                + " " + GnuplotParameters.quoted(QuantityFormat.usd(total)) + "\n"
            breakdown.append("\(arm) \(QuantityFormat.usd(total)) = "
                + zip(costComponents, parts).map { "\($0.label) \(QuantityFormat.usd($1))" }.joined(separator: " + "))
        }
        guard !arms.isEmpty else { return nil }
        var p = GnuplotParameters()
        p.set("scenario", data.scenario)
        p.array("component_label", costComponents.map(\.label))
        p.set("ncomponents", costComponents.count)
        p.set("ymax", highest > 0 ? highest * 1.18 : 1)
        let caption = """
            Monthly cost by component\(replicationsPhrase(data)): compute (store \
            servers and regional aggregators, or cloud inference instances, plus the cloud inventory service) and \
            bandwidth (transfer across the priced boundaries and cloud egress), with the measured traffic \
            extrapolated to a billing month at the scenario's prices. \(breakdown.joined(separator: "; ")).
            """
        return ReportFigure(name: "monthly-cost", title: "Monthly cost by component", caption: caption,
                            dataFiles: [("monthly-cost.dat", text)], parameters: p)
    }

    /// The figure from the itemised bill: one stacked segment per component
    /// of the bill (its tiers summed), in the bill's order; components that
    /// cost nothing in every arm are left out of the stack and named in the
    /// caption.
    static func monthlyCost(_ data: ResultsData, bill: CostBill) -> ReportFigure? {
        let all = bill.components
        let drawn = all.filter { c in bill.arms.contains { (c.usd[$0] ?? 0) != 0 } }
        let free = all.filter { c in !drawn.contains { $0.component == c.component } }
        var text = "# arm " + drawn.map(\.component).joined(separator: " ") + " total total_label\n"
        var highest = 0.0
        var breakdown: [String] = []
        func double(_ d: Decimal) -> Double { NSDecimalNumber(decimal: d).doubleValue }
        for arm in bill.arms {
            let parts = drawn.map { double($0.usd[arm] ?? 0) }
            let total = bill.total(arm)
            highest = max(highest, double(total))
            text += "\(arm) " + String(GnuplotData.line(parts + [double(total)]).dropLast())
                + " " + GnuplotParameters.quoted(QuantityFormat.usd(double(total))) + "\n"
            let named = zip(drawn, parts).filter { $0.1 != 0 }
                .map { "\(CostBill.label(component: $0.0.component)) \(QuantityFormat.usd($0.1))" }
            breakdown.append("\(arm) \(QuantityFormat.usd(double(total))) = " + named.joined(separator: " + "))
        }
        guard !drawn.isEmpty else { return nil }
        var p = GnuplotParameters()
        p.set("scenario", data.scenario)
        p.array("component_label", drawn.map { CostBill.label(component: $0.component) })
        p.set("ncomponents", drawn.count)
        p.set("ymax", highest > 0 ? highest * 1.18 : 1)
        let nothing = free.isEmpty ? "" : " Nothing is billed for "
            + ReportPage.list(free.map { CostBill.label(component: $0.component) }) + "."
        let caption = """
            Monthly cost by component of the bill\(replicationsPhrase(data)), as the Monthly bill table itemises it \
            (costs.csv, each component's lines summed), with the measured traffic extrapolated to a billing month \
            at the scenario's prices. \(breakdown.joined(separator: "; ")).\(nothing)
            """
        return ReportFigure(name: "monthly-cost", title: "Monthly cost by component", caption: caption,
                            dataFiles: [("monthly-cost.dat", text)], parameters: p)
    }
}
