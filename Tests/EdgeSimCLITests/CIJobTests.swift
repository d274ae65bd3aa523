import Foundation
import Testing
import Yams

/// The shell commands of the example CI jobs in deploy/ci/, and running them.
enum CIJob {
    /// Commands the test does not run: installing packages and building
    /// (the tests run after the build, with the executable it made).
    static func isSetup(_ command: String) -> Bool {
        command.hasPrefix("apt-get ") || command.hasPrefix("swift build")
    }

    /// Runs `command` with `sh -c` in `folder`, with `EDGESIM` set to the
    /// built executable, as the job's runner would.
    static func run(_ command: String, in folder: URL) throws -> EdgeSimProcess.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["EDGESIM"] = EdgeSimProcess.executable.path
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return EdgeSimProcess.Result(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self),
                                     stderr: String(decoding: e, as: UTF8.self))
    }

    /// A working folder that looks like a checkout to the jobs' commands:
    /// the scenarios and the committed results, linked.
    static func checkoutLike(_ name: String) throws -> URL {
        let base = temporaryFolder(name)
        for folder in ["Scenarios", "Results"] {
            try FileManager.default.createSymbolicLink(at: base.appendingPathComponent(folder),
                                                       withDestinationURL: repositoryRoot.appendingPathComponent(folder))
        }
        return base
    }
}

@Suite("deploy/ci: the example CI jobs run as written", .serialized)
struct CIJobTests {
    func load(_ name: String) throws -> [String: Any] {
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("deploy/ci/\(name)"), encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any])
    }

    /// Runs the job's commands in order, setup aside; returns the folder.
    func runJob(_ commands: [String], build: String, junit: String, name: String) throws -> URL {
        #expect(commands.contains(build), "the job builds with `\(build)`: \(commands)")
        let folder = try CIJob.checkoutLike(name)
        var ran = 0
        for command in commands where !CIJob.isSetup(command) {
            let r = try CIJob.run(command, in: folder)
            #expect(r.status == 0, "\(command): \(r.stdout)\(r.stderr)")
            ran += 1
        }
        #expect(ran == 2, "run and check")
        let xml = try String(contentsOf: folder.appendingPathComponent(junit), encoding: .utf8)
        #expect(xml.contains("<testsuites") && xml.contains("failures=\"0\""))
        return folder
    }

    @Test("GitHub Actions: build, run smoke, check against Results/smoke, upload the JUnit file")
    func githubActions() throws {
        let workflow = try load("github-actions.yml")
        let jobs = try #require(workflow["jobs"] as? [String: Any])
        let gate = try #require(jobs["gate"] as? [String: Any])
        let env = try #require(gate["env"] as? [String: String])
        #expect(env["EDGESIM"] == ".build/debug/edgesim")
        let steps = try #require(gate["steps"] as? [[String: Any]])
        let commands = steps.compactMap { $0["run"] as? String }
        let upload = try #require(steps.first { ($0["uses"] as? String)?.hasPrefix("actions/upload-artifact") == true })
        let path = try #require((upload["with"] as? [String: Any])?["path"] as? String)
        #expect(upload["if"] as? String == "always()")
        #expect(commands.contains { $0.contains("check") && $0.contains("--junit \(path)") })
        let folder = try runJob(commands, build: "swift build --product edgesim", junit: path, name: "ci-github")
        try? FileManager.default.removeItem(at: folder)
    }

    @Test("GitLab CI: the same commands, the JUnit file as the job's test report")
    func gitlab() throws {
        let file = try load("gitlab-ci.yml")
        let job = try #require(file["edgesim-check"] as? [String: Any])
        #expect((job["variables"] as? [String: String])?["EDGESIM"] == ".build/debug/edgesim")
        let setup = try #require(job["before_script"] as? [String])
        #expect(setup.allSatisfy(CIJob.isSetup))
        let commands = try #require(job["script"] as? [String])
        let artifacts = try #require(job["artifacts"] as? [String: Any])
        #expect(artifacts["when"] as? String == "always")
        let junit = try #require((artifacts["reports"] as? [String: Any])?["junit"] as? String)
        #expect(commands.contains { $0.contains("check") && $0.contains("--junit \(junit)") })
        let folder = try runJob(commands, build: "swift build --product edgesim", junit: junit, name: "ci-gitlab")
        try? FileManager.default.removeItem(at: folder)
    }
}
