import EdgeSim
import Scenario
import SimKernel
import SimNetwork
import Testing

@Suite("Replication settings refuse a run")
struct ReplicationValidationTests {
    @Test("the runner refuses a bad replication section before any run")
    func runnerRefuses() throws {
        let link = LinkSettings(latency: try .constant(0.01), bandwidth: 1e8)
        var scenario = Scenario(name: "bad", duration: .minutes(1),
                                topology: TopologySpec(regions: 1, storesPerRegion: 2, camerasPerStore: 1,
                                                       deviceStore: link, storeRegion: link, regionCloud: link))
        scenario.replication = ["enabled": "true", "r": "4", "quorum": "2"]
        let error = try #require(throws: ReplicationSettingsError.self) {
            try ExperimentRunner(scenario: scenario).runAll()
        }
        #expect(error.issues.map(\.keyPath) == ["replication.quorum", "replication.r"])
        #expect(error.description.contains("replication.r: 4 exceeds n = 3"))
        #expect(throws: ReplicationSettingsError.self) { try ExperimentRunner.validate(scenario) }
    }
}
