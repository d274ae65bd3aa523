import Foundation
import Testing

/// The command-line side of feasibility: what is refused before anything
/// runs or is written, and what `--quiet` leaves out.
@Suite("edgesim run: refused before running", .serialized)
struct FeasibilityCLITests {
    let smoke = repositoryRoot.appendingPathComponent("Scenarios/smoke.yaml").path

    /// Runs `arguments` with OUT a folder holding a file; expects a refusal
    /// that leaves the file as it was.
    func refused(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> EdgeSimProcess.Result {
        let out = temporaryFolder("refused")
        defer { try? FileManager.default.removeItem(at: out) }
        let keep = out.appendingPathComponent("keep.txt")
        try Data("mine".utf8).write(to: keep)
        let result = try EdgeSimProcess.run(arguments + ["--out", out.path, "--quiet"])
        #expect(result.status != 0, sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, sourceLocation: sourceLocation)
        #expect(try contents(out) == ["keep.txt": Data("mine".utf8)], sourceLocation: sourceLocation)
        return result
    }

    @Test("--arms empty or with an arm twice is refused, nothing run")
    func arms() throws {
        let empty = try refused(["run", smoke, "--arms", ""])
        #expect(empty.stderr.contains("--arms: name at least one arm"))
        let twice = try refused(["run", smoke, "--arms", "edge_hybrid,edge_hybrid"])
        #expect(twice.stderr.contains("edge_hybrid is listed twice"))
    }

    @Test("a run beyond the event budget is refused with its estimate and the key driving it, exit 2")
    func budget() throws {
        let result = try refused(["run", smoke, "--set", "workload.frame_interval=1us"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--set workload.frame_interval: the run is estimated at"))
        #expect(result.stderr.contains("--max-events"))
        // The same budget, lowered, refuses the plain file too.
        let lowered = try refused(["run", smoke, "--max-events", "1000"])
        #expect(lowered.stderr.contains("beyond the budget of 1000"))
        let memory = try refused(["run", smoke, "--max-memory", "1KiB"])
        #expect(memory.stderr.contains("--max-memory"))
    }

    @Test("a name too long for a folder is refused before the run, exit 2")
    func longName() throws {
        let result = try refused(["run", smoke, "--set", "name=" + String(repeating: "n", count: 241)])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--set name: is 241 characters long"))
    }

    @Test("file-level errors read FILE: message", arguments: ["missing", "binary"])
    func fileErrors(_ kind: String) throws {
        let folder = temporaryFolder("file-errors")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("s.yaml").path
        if kind == "binary" { try Data([0xFF, 0xFE, 0x00, 0x80]).write(to: URL(fileURLWithPath: path)) }
        let result = try EdgeSimProcess.run(["run", path, "--quiet"])
        #expect(result.status == 2)
        let message = kind == "binary" ? "the file is not UTF-8 text" : "no such file"
        #expect(result.stderr == "\(path): \(message)\n")
    }

    @Test("--quiet prints nothing on success")
    func quiet() throws {
        let out = temporaryFolder("quiet")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try EdgeSimProcess.run(["run", smoke, "--set", "duration=1m", "--set", "warmup=0s", "--set", "faults=[]",
                                             "--out", out.appendingPathComponent("r").path, "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.isEmpty)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("r/metrics.csv").path))
    }
}
