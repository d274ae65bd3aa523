import Foundation
import Testing
@testable import EdgeSim

/// The repository root, found from this file's path.
private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// The committed smoke results, as the report reads them.
private func smokeResults() throws -> ResultsData {
    try ResultsData.load(folder: root.appendingPathComponent("Results/smoke").path)
}

/// The page of `data`, without figures.
private func page(_ data: ResultsData) -> String {
    ReportPage(data: data, figures: [], omitted: [], sla: 2).html
}

/// The dollar amounts of the page's total row of the bill, by column.
private func billTotals(_ html: String) throws -> [Double] {
    let start = try #require(html.range(of: "<tr class=\"total\">"))
    let row = html[start.upperBound...].prefix { $0 != "\n" }
    return row.components(separatedBy: "<td>").dropFirst().compactMap { cell in
        Double(cell.prefix { $0 != "<" }.filter { $0.isNumber || $0 == "." })
    }
}

@Suite("Report: the bill side by side, break-even, assumptions")
struct ReportBillTests {
    @Test("each arm's bill adds up to its total_cost_usd_month, on the page and exactly")
    func billTotalsEqualSummary() throws {
        let data = try smokeResults()
        let bill = try #require(CostBill(data))
        #expect(bill.arms == ["edge_hybrid", "cloud_only"])
        for arm in bill.arms {
            let summary = try #require(data.summary("total_cost_usd_month", arm: arm)).mean
            let total = NSDecimalNumber(decimal: bill.total(arm)).doubleValue
            // summary.csv prints nine significant digits.
            #expect(abs(total - summary) <= 1e-4, "\(arm): the bill adds up to \(total), summary.csv says \(summary)")
        }
        let html = page(data)
        #expect(html.contains("<h2 id=\"bill\">Monthly bill</h2>"))
        #expect(html.contains("<th>line item</th><th>edge_hybrid</th><th>cloud_only</th>"))
        let shown = try billTotals(html)
        #expect(shown.count == 2, "\(shown)")
        for (arm, x) in zip(bill.arms, shown) {
            let summary = try #require(data.summary("total_cost_usd_month", arm: arm)).mean
            #expect(abs(x - summary) <= 0.005 + 1e-9, "\(arm): the page's total \(x) is not summary.csv's \(summary)")
        }
        // A line only one arm buys sits where its bill has it, the other arm's cell empty.
        let labels = bill.lines.map(\.component)
        let gpus = try #require(labels.firstIndex(of: "cloud_gpus"))
        #expect(labels[gpus - 1] == "cloud_services")
        #expect(html.contains("<tr><th scope=\"row\">cloud GPUs <span class=\"unit\">deployment.cloud.price</span></th><td>–</td><td>$876.00"))
        #expect(html.contains("<tr><th scope=\"row\">store servers <span class=\"unit\">deployment.store.price</span></th>"
            + "<td>$1,533.00<span class=\"ci\">4,380 node-hours × $0.35/h</span></td><td>–</td></tr>"))
    }

    @Test("the break-even of each price is a sentence: which side of it makes edge-hybrid cheaper")
    func breakevenSentences() throws {
        let html = page(try smokeResults())
        let said = html.split(separator: "\n").filter { $0.hasPrefix("<p class=\"breakeven\">") }.joined(separator: "\n")
        #expect(html.contains("At these prices edge-hybrid costs $20,467.00 a month and cloud-only $18,938.62: "
            + "cloud-only is cheaper by $1,528.38."))
        #expect(html.contains("edge-hybrid costs less than cloud-only when a store server costs below $0.00106/h (now $0.35/h), "
            + "or transfer store→region costs above $1.63/GB (now $0.02/GB)"), "\(said)")
        #expect(html.contains("or a cloud GPU costs above $3.29/h (now $1.20/h)."), "\(said)")
        #expect(html.contains("No price of a store site alone makes edge-hybrid the cheaper arm"), "\(said)")
    }

    @Test("the monthly-cost figure stacks the bill's components, whose sums are the totals")
    func figureStacksTheBill() throws {
        let data = try smokeResults()
        let figure = try #require(ReportFigure.monthlyCost(data))
        let text = try #require(figure.dataFiles.first { $0.name == "monthly-cost.dat" }).contents
        let lines = text.split(separator: "\n")
        #expect(lines[0] == "# arm store_servers store_sites regional_nodes regional_sites store_uplinks regional_uplinks "
            + "cloud_services cloud_gpus transfer total total_label")
        for line in lines.dropFirst() {
            let f = line.split(separator: " ")
            let parts = f[1..<(f.count - 2)].compactMap { Double($0) }
            let total = try #require(Double(f[f.count - 2]))
            let summary = try #require(data.summary("total_cost_usd_month", arm: String(f[0]))).mean
            #expect(abs(parts.reduce(0, +) - total) < 1e-6 && abs(total - summary) <= 1e-4, "\(line)")
        }
        #expect(figure.caption.contains("Nothing is billed for cameras and cloud egress."), "\(figure.caption)")
    }

    @Test("without scenario.yaml the report says why it shows no assumptions")
    func noScenarioFile() throws {
        var data = try smokeResults()
        data.scenarioText = nil
        #expect(page(data).contains("This results folder holds no scenario.yaml"))
    }

    @Test("the assumptions: counts per tier, each boundary's link, pools, prices marked default or set, faults, rates")
    func assumptions() throws {
        var data = try smokeResults()
        let smoke = try String(contentsOf: root.appendingPathComponent("Scenarios/smoke.yaml"), encoding: .utf8)
        // One price written in the file, one set on the command line.
        data.scenarioText = smoke + "\ncosts:\n  store_site: $200/month\n"
        data.overrides = ["costs.cloud_gpu=$2/h"]
        let html = page(data)
        let assumptions = try #require(html.range(of: "<h2 id=\"assumptions\">Assumptions</h2>"))
        let headlines = try #require(html.range(of: "<h2 id=\"headlines\">"))
        #expect(assumptions.upperBound < headlines.lowerBound, "the page opens with the assumptions")
        let section = String(html[assumptions.upperBound..<headlines.lowerBound])
        for fragment in [
            "<tr><th scope=\"row\">store</th><td>6 stores (3 per region), 1 edge server each</td></tr>",
            "<tr><th scope=\"row\">device</th><td>24 cameras (4 per store)</td></tr>",
            // Each boundary's latency, bandwidth, loss, queue limit, discipline and ordering.
            "<tr><th scope=\"row\">device–store</th><td>2 ms</td><td>1Gbps</td><td>0% <span class=\"source\">default</span></td>",
            "<tr><th scope=\"row\">store–region</th><td>lognormal, median 10 ms, σ 0.2</td><td>100Mbps</td><td>0.1%</td>"
                + "<td>unbounded <span class=\"source\">default</span></td><td>priority</td>",
            "<tr><th scope=\"row\">region–cloud</th><td>35 ms</td><td>10Gbps</td>",
            // Prices: default, written in the file, set by --set.
            "<tr><th scope=\"row\"><code>deployment.store.price</code></th><td class=\"text\">a store edge server</td><td>$0.35/h</td>"
                + "<td class=\"text\"><span class=\"source\">default</span></td></tr>",
            "<tr><th scope=\"row\"><code>costs.store_site</code></th><td class=\"text\">store edge hardware, per store</td>"
                + "<td>$200/month</td><td class=\"text\">scenario file</td></tr>",
            // Set by its old name, costs.cloud_gpu.
            "<tr><th scope=\"row\"><code>deployment.cloud.price</code></th><td class=\"text\">a cloud GPU</td><td>$2/h</td>"
                + "<td class=\"text\"><span class=\"source\">--set</span></td></tr>",
            "<code>deployment.circuits[1]</code></th><td class=\"text\">a circuit of up to 100Mbps</td><td>$300/month</td>",
            // The fault timeline and the workload's rates.
            "<tr><td>4 min</td><td>6 min</td><td class=\"text\">cut</td><td class=\"text\">store-4 – region-1</td></tr>",
            "<tr><th scope=\"row\">frame interval</th><td class=\"text\">10 s per camera: 2.4 frames/s in all</td></tr>",
            "<tr><th scope=\"row\">upload interval</th><td class=\"text\">2 min (edge_hybrid: each store's inventory delta)",
            "<tr><th scope=\"row\">SLA</th><td class=\"text\">2 s from capture",
            // Pools per tier and arm: the store servers in edge_hybrid, the autoscaled GPU fleet in cloud_only.
            "8 slots <span class=\"source\">default</span> per server, 1 server <span class=\"source\">default</span> "
                + "per store node (6 servers)",
            "autoscaled <span class=\"source\">default</span>",
        ] {
            #expect(section.contains(fragment), "missing: \(fragment)")
        }
        #expect(section.contains("<code>--set costs.cloud_gpu=$2/h</code>"))
    }
}
