import Foundation
import SimKernel
import Testing
@testable import Scenario

@Suite("Sections and their documentation")
struct SectionDocsTests {
    /// The rows of the table under `### \`section\`` in Scenarios/README.md:
    /// every backticked key of the first column, with the row's default column.
    static func documented(_ section: String) throws -> [(key: String, default: String)] {
        let readme = try String(contentsOf: scenariosFolder.appendingPathComponent("README.md"), encoding: .utf8)
        let heading = "### `\(section)`"
        let start = try #require(readme.range(of: heading)).upperBound
        let rest = readme[start...]
        let end = rest.range(of: "\n### ")?.lowerBound ?? rest.endIndex
        var rows: [(String, String)] = []
        for line in rest[..<end].split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            let keys = cells[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            let defaults = cells[3].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            for (i, key) in keys.enumerated() {
                // One key whose default has commas (a list) takes the whole cell.
                rows.append((key, defaults.count == keys.count ? defaults[i]
                             : cells[3].trimmingCharacters(in: CharacterSet(charactersIn: "`"))))
            }
        }
        return rows
    }

    /// Defaults compared as written, or as durations when both are ("24h" is "1d").
    static func same(_ a: [String], _ b: [String]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            if x == y { return true }
            guard let dx = try? SimDuration(parsing: x), let dy = try? SimDuration(parsing: y) else { return false }
            return dx == dy
        }
    }

    @Test("Scenarios/README.md lists exactly the replication keys the reader reads, in its order, with its defaults")
    func replication() throws {
        let docs = try Self.documented("replication")
        #expect(docs.map(\.key) == ReplicationSection.keys.map(\.name))
        #expect(Self.same(docs.map(\.default), ReplicationSection.keys.map(\.defaultText)),
                "\(docs.map(\.default)) against \(ReplicationSection.keys.map(\.defaultText))")
    }

    @Test("Scenarios/README.md lists exactly the scheduling keys the reader reads, in its order, with its defaults")
    func scheduling() throws {
        let docs = try Self.documented("scheduling")
        #expect(docs.map(\.key) == SchedulingSection.keys.map(\.name))
        #expect(Self.same(docs.map(\.default), SchedulingSection.keys.map(\.defaultText)),
                "\(docs.map(\.default)) against \(SchedulingSection.keys.map(\.defaultText))")
    }

    @Test("Scenarios/README.md lists exactly the deployment keys the reader reads, in its order, with its defaults")
    func deployment() throws {
        let docs = try Self.documented("deployment")
        #expect(docs.map(\.key) == DeploymentSection.keys.map(\.name))
        #expect(Self.same(docs.map(\.default), DeploymentSection.keys.map(\.defaultText)),
                "\(docs.map(\.default)) against \(DeploymentSection.keys.map(\.defaultText))")
    }

    @Test("every shipped scenario loads without a warning, and bad-example.yaml never loads")
    func shipped() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: scenariosFolder.path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(names.contains("bad-example.yaml") && names.count >= 6)
        for name in names {
            let path = scenariosFolder.appendingPathComponent(name).path
            if name == "bad-example.yaml" {
                #expect(throws: ScenarioErrors.self) { try ScenarioLoader.load(path: path) }
            } else {
                let s = try ScenarioLoader.load(path: path)
                #expect(s.warnings.isEmpty, "\(name): \(s.warnings)")
            }
        }
    }
}
