import Foundation
import Testing
@testable import Metrics

@Suite("Metrics")
struct MetricsTests {
    @Test("Student-t interval matches the textbook value")
    func studentT() {
        // n = 5, mean 10, sd 1.58113883: t(0.975, 4) = 2.776445105.
        let s = Summary([8, 9, 10, 11, 12])
        #expect(s.mean == 10)
        #expect(abs(s.stddev - 1.5811388300841898) < 1e-12)
        let half = 2.7764451051977987 * 1.5811388300841898 / 5.0.squareRoot()
        #expect(abs(s.ci95Low - (10 - half)) < 1e-9 && abs(s.ci95High - (10 + half)) < 1e-9)
    }

    @Test("one value gives a zero-width interval")
    func single() {
        let s = Summary([3.5])
        #expect(s.n == 1 && s.stddev == 0 && s.ci95Low == 3.5 && s.ci95High == 3.5)
    }

    @Test("histogram percentiles are within 0.1% of exact ones")
    func histogram() {
        var h = LatencyHistogram()
        for i in 1...100_000 { h.record(nanoseconds: Int64(i) * 1_000) }   // 1 us .. 100 ms
        #expect(abs(h.percentile(50) - 0.050) / 0.050 < 0.001)
        #expect(abs(h.percentile(99) - 0.099) / 0.099 < 0.001)
        #expect(h.percentile(100) == 0.1)
        #expect(abs(h.meanSeconds - 0.0500005) < 1e-12)
    }

    @Test("numbers print the same way every time")
    func formatting() {
        #expect(MetricNumber.real(0.1).text == "0.1")
        #expect(MetricNumber.real(.nan).text == "nan")
        #expect(MetricNumber.count(42).text == "42")
        #expect(MetricNumber.money(Decimal(string: "1234.56789")!).text == "1234.5679")
        #expect(MetricNumber.real(1.0 / 3.0).text == "0.333333333")
    }

    @Test("CSV fields with commas or quotes are quoted")
    func csv() {
        var t = CSVTable(header: ["a", "b"])
        t.append(["x,y", "say \"hi\""])
        #expect(t.text == "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n")
    }

    @Test("a results folder is replaced whole, and left alone on failure")
    func atomicFolder() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("edgesim-results-\(getpid())")
        defer { try? FileManager.default.removeItem(at: base) }
        let dest = base.appendingPathComponent("run")
        let marker = ("run.json", "{\"format\": \"edgesim-run/1\"}\n")
        try ResultsFolder.write([("a.csv", "1\n"), marker], to: dest)
        try ResultsFolder.write([("b.csv", "2\n"), marker], to: dest)
        let names = try FileManager.default.contentsOfDirectory(atPath: dest.path).sorted()
        #expect(names == ["b.csv", "run.json"])
        #expect(throws: (any Error).self) {
            try ResultsFolder.write([("c.csv", "3\n"), ("../outside.csv", "3\n")], to: dest)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dest.path).sorted() == ["b.csv", "run.json"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path) == ["run"], "no temporary left beside it")
        #expect(try String(contentsOf: dest.appendingPathComponent("b.csv"), encoding: .utf8) == "2\n")
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("outside.csv").path))
    }

    @Test("a results folder may hold subfolders, named in the file names")
    func subfolders() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("edgesim-results-sub-\(getpid())")
        defer { try? FileManager.default.removeItem(at: base) }
        let dest = base.appendingPathComponent("sweep")
        try ResultsFolder.write([("sweep.csv", "1\n"), ("points/0-a=1/summary.csv", "2\n"), ("points/1-a=2/summary.csv", "3\n")],
                                to: dest)
        #expect(try String(contentsOf: dest.appendingPathComponent("points/1-a=2/summary.csv"), encoding: .utf8) == "3\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dest.appendingPathComponent("points").path).sorted()
            == ["0-a=1", "1-a=2"])
        for bad in ["", "/abs.csv", "a//b.csv", "./a.csv"] {
            #expect(throws: (any Error).self, "\(bad)") { try ResultsFolder.write([(bad, "x\n")], to: dest) }
        }
    }
}
