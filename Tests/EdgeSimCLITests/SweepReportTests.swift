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
}
