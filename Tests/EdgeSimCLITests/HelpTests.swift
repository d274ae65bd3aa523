import Foundation
import Testing

@Suite("edgesim --help and --version")
struct HelpTests {
    static let commands = [[], ["run"], ["sweep"], ["merge"], ["capacity"], ["check"], ["report"],
                           ["bench"], ["bench", "phold"], ["bench", "fanin"], ["bench", "schedule"]]

    @Test("every command's help has an EXAMPLES section of edgesim commands, and no stray backslash",
          arguments: commands)
    func examples(command: [String]) throws {
        let r = try EdgeSimProcess.run(command + ["--help"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0 == "EXAMPLES:" }, "\(command): no EXAMPLES section")
        let examples = lines[(start + 1)...].prefix { $0.hasPrefix("  ") }
        #expect(!examples.isEmpty && examples.allSatisfy { $0.hasPrefix("  edgesim ") }, "\(examples)")
        #expect(!r.stdout.contains("\\"), "\(command): a backslash in the help")
    }

    @Test("--version prints the version and the commit of the checkout it was built in")
    func version() throws {
        let r = try EdgeSimProcess.run(["--version"])
        #expect(r.status == 0)
        #expect(r.stdout.range(of: #"^0\.1\.0 \(commit ([0-9a-f]{12}(\+dirty)?|unknown)\)\n$"#, options: .regularExpression) != nil,
                "\(r.stdout)")
        // Copied out of its checkout, it cannot know.
        let base = temporaryFolder("version")
        defer { try? FileManager.default.removeItem(at: base) }
        let copy = base.appendingPathComponent("edgesim")
        try FileManager.default.copyItem(at: EdgeSimProcess.executable, to: copy)
        let p = Process()
        p.executableURL = copy
        p.arguments = ["--version"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(text == "0.1.0 (commit unknown)\n")
    }
}
