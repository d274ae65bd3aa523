import EdgeSim
import Foundation
import Testing

/// The report with more than two arms (the edge-failover results carry a
/// third); the shipped scenarios themselves run in release mode, in
/// scripts/release-checks.sh.
@Suite("Reports of further arms")
struct ExtraArmReportTests {
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
