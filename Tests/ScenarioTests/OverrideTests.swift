import Foundation
import SimKernel
import Testing
@testable import Scenario

@Suite("--set overrides")
struct OverrideTests {
    func load(_ sets: [String], yaml: String = base) throws -> Scenario {
        let overrides = try sets.map { (text: String) throws(ScenarioErrors) in try ScenarioOverride(parsing: text) }
        return try ScenarioLoader.parse(yaml: yaml, file: "t.yaml", overrides: overrides)
    }

    func rejection(_ sets: [String], yaml: String = base) -> ScenarioErrors? {
        do {
            _ = try load(sets, yaml: yaml)
            return nil
        } catch let error as ScenarioErrors {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }

    @Test("KEY=VALUE splits at the first =, and the path reads keys and list indices")
    func parsing() throws {
        let o = try ScenarioOverride(parsing: "faults[1].link=[store-0, region-0]")
        #expect(o.path == "faults[1].link")
        #expect(o.value == "[store-0, region-0]")
        #expect(try o.steps() == [.key("faults"), .index(1), .key("link")])
        #expect(try ScenarioOverride(parsing: "description=a=b").value == "a=b")
        #expect(o.description == "faults[1].link=[store-0, region-0]")
    }

    @Test("malformed overrides are refused", arguments: ["stores_per_region", "topology..regions=2", "faults[x]=1", "=3"])
    func malformed(text: String) {
        #expect(throws: ScenarioErrors.self) { try ScenarioOverride(parsing: text) }
    }

    @Test("a plain number, a duration, a bandwidth replace the file's values")
    func replacesValues() throws {
        let s = try load(["topology.stores_per_region=7", "duration=90s",
                          "topology.links.store_region.bandwidth=250Mbps"])
        #expect(s.topology.storesPerRegion == 7)
        #expect(s.duration == .seconds(90))
        #expect(s.topology.storeRegion.bandwidth == 250e6)
        // Untouched keys keep the file's values.
        #expect(s.topology.regions == 2)
    }

    @Test("the key paths a document writes, list items included, and those its overrides add")
    func keyPaths() throws {
        let yaml = base + "costs:\n  transfer:\n    - {from: store, to: region, price: $0.05/GB}\n"
        let written = ScenarioLoader.keyPaths(yaml: yaml)
        for path in ["name", "topology.links.store_region.bandwidth", "costs.transfer", "costs.transfer[0]",
                     "costs.transfer[0].price"] {
            #expect(written.contains(path), "\(path) is written")
        }
        // Keys left to their defaults are not.
        #expect(!written.contains("costs.store_server") && !written.contains("topology.links.store_region.loss"))
        let overridden = ScenarioLoader.keyPaths(yaml: yaml, overrides: [try ScenarioOverride(parsing: "costs.store_server=$1/h"),
                                                                          try ScenarioOverride(parsing: "faults=[]")])
        #expect(overridden.isSuperset(of: written) && overridden.subtracting(written) == ["costs.store_server", "faults"])
        #expect(ScenarioLoader.keyPaths(yaml: "a: [unclosed") == [])
    }

    @Test("a later override of the same key wins")
    func laterWins() throws {
        #expect(try load(["topology.regions=3", "topology.regions=5"]).topology.regions == 5)
    }

    @Test("a key the file leaves out is added, mappings on the way too")
    func addsMissingKeys() throws {
        let s = try load(["workload.upload_interval=30s", "seed=99"])
        #expect(s.seed == 99)
        #expect(s.workload.uploadInterval == .seconds(30))
    }

    @Test("a list value replaces a list: faults=[] removes the faults")
    func listValues() throws {
        let withFault = base + """
            faults:
              - {at: 1m, duration: 1m, kind: cut, link: [store-0, region-0]}

            """
        #expect(try load([], yaml: withFault).faults.count == 1)
        #expect(try load(["faults=[]"], yaml: withFault).faults.isEmpty)
        #expect(try load(["faults[0].duration=2m"], yaml: withFault).faults.count == 1)
    }

    @Test("a bad value is reported against the override, by key path, without a line")
    func badValueLocated() throws {
        let errors = try #require(rejection(["topology.stores_per_region=0"]))
        #expect(errors.issues.count == 1)
        let issue = try #require(errors.issues.first)
        #expect(issue.file == "--set")
        #expect(issue.line == nil)
        #expect(issue.keyPath == "topology.stores_per_region")
        #expect(issue.description.hasPrefix("--set topology.stores_per_region: must be at least 1"))
    }

    @Test("an unknown key path says so, with the likely key")
    func unknownKey() throws {
        let errors = try #require(rejection(["topology.stores_per_regoin=5"]))
        #expect(errors.description.contains("--set topology.stores_per_regoin: unknown key; did you mean `stores_per_region`?"),
                "\(errors)")
        let top = try #require(rejection(["topolgy.regions=5"]))
        #expect(top.issues.contains { $0.file == "--set" && $0.keyPath == "topolgy" && $0.kind == .unknownKey }, "\(top)")
    }

    @Test("a path through a plain value or past a list's end is refused")
    func impossiblePaths() throws {
        let through = try #require(rejection(["duration.unit=s"]))
        #expect(through.description.contains("`duration` is \"10m\", not a mapping"), "\(through)")
        let past = try #require(rejection(["faults[3].at=1m", "faults=[]"]))
        #expect(past.description.contains("--set faults[3].at"), "\(past)")
    }

    @Test("problems elsewhere in the file keep their file and line")
    func fileIssuesKeepLines() throws {
        let errors = try #require(rejection(["topology.regions=3"], yaml: base + "warmup: 20m\n"))
        #expect(errors.issues.map(\.description) == ["t.yaml:11: warmup: the warm-up (20m) must be shorter than the run (duration: 10m)"])
    }
}
