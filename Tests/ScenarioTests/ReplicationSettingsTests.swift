import Scenario
import SimKernel
import SimNetwork
import Testing

@Suite("Replication settings")
struct ReplicationSettingsTests {
    static let link = LinkSettings(latency: try! .constant(0.01), bandwidth: 1e8)
    static let topology = TopologySpec(regions: 2, storesPerRegion: 3, camerasPerStore: 1,
                                       deviceStore: link, storeRegion: link, regionCloud: link)

    static func parse(_ raw: [String: String]) throws(ReplicationSettingsError) -> ReplicationSettings {
        try ReplicationSettings(raw: raw, topology: topology)
    }

    @Test("an absent section is replication disabled, every default in place")
    func defaults() throws {
        let s = try Self.parse([:])
        #expect(s == ReplicationSettings())
        #expect(!s.enabled)
        #expect((s.n, s.r, s.w) == (3, 2, 2))
        #expect(s.sloppy && s.homePinning && s.readRepair)
        #expect(s.group == .region && s.policy == .siblings)
        #expect(s.requestTimeout == .seconds(1) && s.heartbeatInterval == .milliseconds(500))
        #expect(s.suspicionTimeout == .seconds(2) && s.hintWindow == .hours(3) && s.hintTTL == .hours(24))
        #expect(s.handoffPerTick == 32 && s.antiEntropyPeriod == .seconds(30))
        #expect(s.readRate == 1 && s.correctionRate == 0)
        var scenario = Scenario(name: "x", duration: .minutes(1), topology: Self.topology)
        scenario.replication = [:]
        #expect(try scenario.replicationSettings() == s)
    }

    @Test("every key is read")
    func everyKey() throws {
        let s = try Self.parse([
            "enabled": "true", "n": "4", "r": "1", "w": "3", "sloppy": "false", "group": "region",
            "home_pinning": "no", "policy": "timestamp_heuristic", "heuristic_threshold": "3s",
            "request_timeout": "250ms", "heartbeat_interval": "100ms", "suspicion_timeout": "1.5s",
            "hint_window": "1h", "hint_ttl": "2h", "handoff_per_tick": "8", "anti_entropy_period": "off",
            "read_repair": "false", "read_rate": "0.5", "correction_rate": "2",
        ])
        #expect(s.enabled && !s.sloppy && !s.homePinning && !s.readRepair)
        #expect((s.n, s.r, s.w) == (4, 1, 3))
        #expect(s.policy == .timestampHeuristic && s.heuristicThreshold == .seconds(3))
        #expect(s.requestTimeout == .milliseconds(250) && s.heartbeatInterval == .milliseconds(100))
        #expect(s.suspicionTimeout == .milliseconds(1_500) && s.hintWindow == .hours(1) && s.hintTTL == .hours(2))
        #expect(s.handoffPerTick == 8 && s.antiEntropyPeriod == nil)
        #expect(s.readRate == 0.5 && s.correctionRate == 2)
        #expect(Set(ReplicationSettings.keys).count == 19)
        #expect(try Self.parse(["anti_entropy_period": "45s"]).antiEntropyPeriod == .seconds(45))
        #expect(try Self.parse(["group": "stores", "n": "3"]).group == .stores)
        #expect(try Self.parse(["policy": "lww"]).policy == .lww)
    }

    @Test("every problem is reported, located by its key path")
    func problems() {
        let error = #expect(throws: ReplicationSettingsError.self) {
            try Self.parse([
                "enabled": "maybe", "n": "three", "r": "0", "policy": "newest", "request_timeout": "5",
                "heartbeat_interval": "0s", "read_rate": "-1", "quorum": "2", "group": "cloud",
            ])
        }
        let paths = error?.issues.map(\.keyPath) ?? []
        #expect(paths == [
            "replication.enabled", "replication.group", "replication.heartbeat_interval", "replication.n",
            "replication.policy", "replication.quorum", "replication.r", "replication.read_rate",
            "replication.request_timeout",
        ])
        let text = error?.description ?? ""
        #expect(text.contains("replication.enabled: \"maybe\" is not a boolean"))
        #expect(text.contains("replication.request_timeout: duration \"5\" needs a unit"))
        #expect(text.contains("replication.quorum: unknown key"))
        #expect(text.split(separator: "\n").count == paths.count)
    }

    @Test("a misspelt key is answered with the nearest replication key")
    func misspelling() {
        let error = #expect(throws: ReplicationSettingsError.self) {
            try Self.parse(["hint_tll": "1h", "antientropy_period": "30s"])
        }
        let text = error?.description ?? ""
        #expect(text.contains("replication.hint_tll: unknown key; did you mean `hint_ttl`?"), "\(text)")
        #expect(text.contains("replication.antientropy_period: unknown key; did you mean `anti_entropy_period`?"),
                "\(text)")
    }

    @Test("quorums and timeouts are checked against each other and the group")
    func relations() {
        func paths(_ raw: [String: String]) -> [String] {
            (#expect(throws: ReplicationSettingsError.self) { try Self.parse(raw) })?.issues.map(\.keyPath) ?? []
        }
        #expect(paths(["r": "4", "w": "4"]) == ["replication.r", "replication.w"])
        // A region group here is 3 stores + the aggregator; a stores group, 3.
        #expect(paths(["n": "5", "r": "1", "w": "1"]) == ["replication.n"])
        #expect(paths(["group": "stores", "n": "4", "r": "1", "w": "1"]) == ["replication.n"])
        #expect(paths(["suspicion_timeout": "500ms"]) == ["replication.suspicion_timeout"])
        #expect((try? Self.parse(["n": "4", "r": "2", "w": "3"])) != nil)
    }
}
