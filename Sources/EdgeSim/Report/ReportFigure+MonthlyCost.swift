extension ReportFigure {
    /// The cost components, bottom of the stack first.
    static let costComponents: [(metric: String, label: String)] = [
        ("compute_cost_usd_month", "compute"),
        ("bandwidth_cost_usd_month", "bandwidth"),
    ]

    /// Figure: monthly cost per arm, stacked by component, with the total
    /// above each bar.
    ///
    /// - Returns: nil when no arm has the cost metrics.
    static func monthlyCost(_ data: ResultsData) -> ReportFigure? {
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
}
