import EdgeSim
import Foundation
import Testing

/// The shipped scheduling scenario, run as a user runs it, checked against
/// the acceptance of its issue.
@Suite("Shipped scheduling scenario", .serialized)
struct SchedulingScenarioTests {
    /// comparison.csv as metric → column → value.
    static func comparison(_ folder: URL) throws -> (header: [String], rows: [String: [String: Double]]) {
        let text = try String(contentsOf: folder.appendingPathComponent("comparison.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        var rows: [String: [String: Double]] = [:]
        for line in lines.dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            var row: [String: Double] = [:]
            for (i, name) in header.enumerated() where i >= 3 { row[name] = Double(f[i]) }
            rows[f[1]] = row
        }
        return (header, rows)
    }

    @Test("edge-failover.yaml: the crash moves inference within budget, WAN rises during the outage and returns after")
    func edgeFailover() throws {
        let out = temporaryFolder("ef")
        defer { try? FileManager.default.removeItem(at: out) }
        let scenario = repositoryRoot.appendingPathComponent("Scenarios/edge-failover.yaml").path
        let result = try EdgeSimProcess.run(["run", scenario, "--out", out.path, "--quiet", "--explain"])
        try #require(result.status == 0, "\(result.stderr)")

        let (header, rows) = try Self.comparison(out)
        #expect(header == ["scenario", "metric", "unit", "edge_hybrid", "cloud_only", "delta", "ratio",
                           "least_allocated", "least_allocated_delta", "least_allocated_ratio"])
        let reschedules = try #require(rows["reschedules"])
        #expect((reschedules["edge_hybrid"] ?? 0) > 0)
        #expect(reschedules["cloud_only"] == 0)
        #expect(rows["sla_violating_placements"]?["edge_hybrid"] == 0)
        #expect((rows["sla_violating_placements"]?["cloud_only"] ?? 0) > 0)
        let p99 = try #require(rows["reschedule_time_p99"]?["edge_hybrid"])
        #expect(p99 > 0 && p99 < 10, "\(p99)")

        // wan_bytes per minute of the edge arm: before (5-15m), during (16-30m), after (31-45m) the crash.
        let series = try String(contentsOf: out.appendingPathComponent("timeseries.csv"), encoding: .utf8)
        var wan: [(t: Double, bytes: Double)] = []
        for line in series.split(separator: "\n") {
            let f = line.split(separator: ",").map(String.init)
            if f[1] == "edge_hybrid", f[4] == "wan_bytes", let t = Double(f[3]), let v = Double(f[5]) { wan.append((t, v)) }
        }
        func mean(_ range: ClosedRange<Double>) -> Double {
            let xs = wan.filter { range.contains($0.t) }.map(\.bytes)
            return xs.reduce(0, +) / Double(max(xs.count, 1))
        }
        let before = mean(360...900), during = mean(960...1800), after = mean(1920...2700)
        #expect(during > 20 * before, "before \(before), during \(during)")
        #expect(after < 2 * before, "before \(before), after \(after)")

        // --explain: one parseable JSON line per decision, and the scheduler's nodes.
        let jsonl = try String(contentsOf: out.appendingPathComponent("placements.jsonl"), encoding: .utf8)
        let lines = jsonl.split(separator: "\n")
        #expect(lines.count > 300)
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            #expect(object["arm"] != nil && object["replication"] != nil && object["decision"] != nil)
        }
        let nodes = try String(contentsOf: out.appendingPathComponent("placement-nodes.csv"), encoding: .utf8)
        #expect(nodes.hasPrefix("scenario,arm,node,name,tier,millicores\n"))
        #expect(nodes.contains(",store-0/server-1,storeEdge,"))
    }

    @Test("the report reads a comparison.csv with a further arm's three columns, and refuses a broken triple")
    func reportReadsExtraArms() throws {
        let (base, results) = try smokeResultsCopy("report-extra-arm")
        defer { try? FileManager.default.removeItem(at: base) }
        let file = results.appendingPathComponent("comparison.csv")
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        func write(_ extraHeader: String) throws {
            let text = ([lines[0] + extraHeader] + lines.dropFirst().map { $0 + ",1,0,1" }).joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: file)
        }
        try write(",least_allocated,least_allocated_delta,least_allocated_ratio")
        let data = try ResultsData.load(folder: results.path)
        #expect(data.comparisons.count == lines.count - 1)
        try write(",least_allocated,delta2,ratio2")
        #expect(throws: ReportError.self) { try ResultsData.load(folder: results.path) }
    }
}
