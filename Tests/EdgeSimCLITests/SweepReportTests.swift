import Foundation
import Testing

@Suite("edgesim report of a sweep", .serialized)
struct SweepReportTests {
    let smoke = repositoryRoot.appendingPathComponent("Scenarios/smoke.yaml").path

    @Test("a sweep folder gets report.html with one figure per varying metric, against the varied key, both arms",
          .enabled(if: gnuplotInstalled, "gnuplot is not installed (scripts/setup.sh installs gnuplot-nox)"))
    func sweepReport() throws {
        let base = temporaryFolder("sweep-report")
        defer { try? FileManager.default.removeItem(at: base) }
        let folder = base.appendingPathComponent("sweep"), plots = base.appendingPathComponent("plots")
        // The fixed --set comes first: the axis is the first key that varies.
        let sweep = try EdgeSimProcess.run(["sweep", smoke, "--set", "duration=4m", "--set", "topology.stores_per_region=3,4,6",
                                            "--set", "faults=[]", "--quiet", "--out", folder.path])
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let run = try runEdgeSim(["report", folder.path, "--plots", plots.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        let html = String(decoding: try Data(contentsOf: folder.appendingPathComponent("report.html")), as: UTF8.self)
        #expect(html.contains("<h1>EdgeSim sweep report: smoke</h1>"))
        #expect(html.contains("update_latency_p99 (s) against topology.stores_per_region"))
        #expect(html.contains("<code>--set topology.stores_per_region=3,4,6</code>"))
        // frames_captured grows with the stores; the cloud fleet stays at its one GPU.
        #expect(html.contains("sweep-frames_captured.png"))
        #expect(html.contains("Not drawn, the same at every point:") && html.contains("provisioned_cloud"))
        for reference in references(in: html) where !reference.hasPrefix("#") {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(reference).path), "\(reference)")
        }
        let png = try Data(contentsOf: folder.appendingPathComponent("figures/sweep-update_latency_p99.png"))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let svg = String(decoding: try Data(contentsOf: plots.appendingPathComponent("sweep-update_latency_p99.svg")), as: UTF8.self)
        #expect(svg.contains("edge_hybrid") && svg.contains("cloud_only"))
        // The data: one block per arm, a row per point, with the interval.
        let dat = String(decoding: try Data(contentsOf: plots.appendingPathComponent("data/sweep-update_latency_p99.dat")), as: UTF8.self)
        let blocks = dat.components(separatedBy: "\n\n\n").filter { $0.contains("\n") }
        #expect(blocks.count == 2)
        for block in blocks {
            let rows = block.split(separator: "\n").filter { !$0.hasPrefix("#") }
            #expect(rows.map { $0.split(separator: " ")[0] } == ["3.0", "4.0", "6.0"], "\(block)")
            for row in rows {
                let v = row.split(separator: " ").map { Double($0)! }
                #expect(v[2] <= v[1] && v[1] <= v[3], "mean outside its interval: \(row)")
            }
        }
        // The same sweep gives the same page.
        let again = try runEdgeSim(["report", folder.path, "--plots", plots.path])
        #expect(again.status == 0)
        #expect(try Data(contentsOf: folder.appendingPathComponent("report.html")) == Data(html.utf8))
    }

    @Test("a metric no point can measure (NaN everywhere) is not drawn; words on the axis are positions",
          .enabled(if: gnuplotInstalled, "gnuplot is not installed (scripts/setup.sh installs gnuplot-nox)"))
    func undefinedMetric() throws {
        let base = temporaryFolder("sweep-report-nan")
        defer { try? FileManager.default.removeItem(at: base) }
        // The committed policy sweep: no heal, so convergence_time_after_heal is nan in every point.
        let folder = base.appendingPathComponent("policies"), plots = base.appendingPathComponent("plots")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Results/clock-skew-policies"),
                                         to: folder)
        let csv = try String(contentsOf: folder.appendingPathComponent("sweep.csv"), encoding: .utf8)
        #expect(csv.contains("siblings,edge_hybrid,convergence_time_after_heal,1,nan"))
        let run = try runEdgeSim(["report", folder.path, "--plots", plots.path])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("figures/sweep-lost_acknowledged_writes.png"))
        #expect(!html.contains("figures/sweep-convergence_time_after_heal.png"))
    }

    @Test("a sweep of the probe workload gets the probe curve first: a line per point, the reads' intervals, no figure per bound; a run gets it too",
          .enabled(if: gnuplotInstalled, "gnuplot is not installed (scripts/setup.sh installs gnuplot-nox)"))
    func probeCurve() throws {
        let base = temporaryFolder("sweep-report-probe")
        defer { try? FileManager.default.removeItem(at: base) }
        let folder = base.appendingPathComponent("quorum"), plots = base.appendingPathComponent("plots")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Results/quorum-staleness-sweep"), to: folder)
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("figures"))
        let run = try runEdgeSim(["report", folder.path, "--plots", plots.path])
        #expect(run.status == 0, "\(run.stderr)")
        let html = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("Figure 1. Probability of consistency against t."))
        #expect(html.contains("figures/sweep-probe-curve.png") && html.contains("figures/sweep-t_visibility_probe_0ms.png"))
        #expect(!html.contains("_ci95_low.png") && !html.contains("_ci95_high.png"))
        let dat = try String(contentsOf: plots.appendingPathComponent("data/sweep-probe-curve.dat"), encoding: .utf8)
        let blocks = dat.components(separatedBy: "\n\n\n").filter { $0.contains("\n# ") || $0.hasPrefix("# ") }
            .filter { $0.split(separator: "\n").contains { !$0.hasPrefix("#") } }
        // 2 distributions x r in {1, 2} x w in {1, 2}, each read at 5 delays.
        #expect(blocks.count == 8)
        for block in blocks {
            let rows = block.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { $0.split(separator: " ").map { Double($0)! } }
            #expect(rows.map { $0[0] } == [0, 1, 2, 3, 4], "\(block)")
            for v in rows { #expect(v[2] <= v[1] && v[1] <= v[3], "fraction outside its interval: \(v)") }
            if block.contains("r=2, w=2") { #expect(rows.allSatisfy { $0[1] == 1 }, "R + W > N: \(block)") }
        }
        // One run of the probe workload: its report draws the curve of its arm.
        let single = base.appendingPathComponent("single")
        try FileManager.default.copyItem(at: repositoryRoot.appendingPathComponent("Results/quorum-staleness"), to: single)
        try? FileManager.default.removeItem(at: single.appendingPathComponent("figures"))
        let one = try runEdgeSim(["report", single.path])
        #expect(one.status == 0, "\(one.stderr)")
        let page = try String(contentsOf: single.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(page.contains("figures/probe-curve.png") && page.contains("edge_hybrid 0ms 75.48%"))
        #expect(FileManager.default.fileExists(atPath: single.appendingPathComponent("figures/probe-curve.svg").path))
    }
}
