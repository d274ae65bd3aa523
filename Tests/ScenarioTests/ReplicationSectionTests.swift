import EdgeBase
import Replication
import Scenario
import SimKernel
import Testing

@Suite("The replication section")
struct ReplicationSectionTests {
    /// `base` (2 regions × 3 stores) with a `replication:` section of `lines`.
    static func yaml(_ lines: String...) -> String {
        base + "replication:\n" + lines.map { "  " + $0 + "\n" }.joined()
    }

    @Test("an absent section is no replication; an empty one, every library default")
    func defaults() throws {
        #expect(try scenario(base).replication == nil)
        let s = try #require(try scenario(base + "replication: {}\n").replication)
        #expect(s.configuration == ReplicationConfiguration(group: []))
        #expect(s.group == .region && s.homePinning)
        #expect(s.readRate == 1 && s.correctionRate == 0)
        #expect(try scenario(Self.yaml("enabled: true")).replication == s)
    }

    @Test("every key is read into the library's configuration")
    func everyKey() throws {
        let s = try #require(try scenario(Self.yaml(
            "n: 4", "r: 1", "w: 3", "sloppy: false", "group: region", "home_pinning: no",
            "policy: timestamp_heuristic", "heuristic_threshold: 3s", "request_timeout: 250ms",
            "heartbeat_interval: 100ms", "suspicion_timeout: 1.5s", "hint_window: 1h", "hint_ttl: 2h",
            "handoff_per_tick: 8", "anti_entropy_period: off", "read_repair: false", "read_rate: 0.5",
            "correction_rate: 2")).replication)
        let c = s.configuration
        #expect((c.replicationFactor, c.readQuorum, c.writeQuorum) == (4, 1, 3))
        #expect(!c.sloppyQuorum && !s.homePinning && !c.readRepair && !c.antiEntropy)
        #expect(c.conflictPolicy == .timestampHeuristic(threshold: .seconds(3)))
        #expect(c.requestTimeout == .milliseconds(250) && c.heartbeatInterval == .milliseconds(100))
        #expect(c.suspicionTimeout == .milliseconds(1_500) && c.hintWindow == .hours(1) && c.hintTTL == .hours(2))
        #expect(c.handoffThrottle == 8)
        #expect(s.readRate == 0.5 && s.correctionRate == 2)
        let period = try #require(try scenario(Self.yaml("anti_entropy_period: 45s")).replication)
        #expect(period.configuration.antiEntropy && period.configuration.antiEntropyPeriod == .seconds(45))
        #expect(try scenario(Self.yaml("group: stores", "n: 3")).replication?.group == .stores)
        #expect(try scenario(Self.yaml("policy: lww")).replication?.configuration.conflictPolicy == .lastWriterWins)
        #expect(try scenario(Self.yaml("policy: timestamp_heuristic")).replication?.configuration.conflictPolicy
                == .timestampHeuristic(threshold: ConflictPolicy.defaultHeuristicThreshold))
    }

    @Test("enabled: false turns the section off, and may not come with other keys")
    func enabledFalse() throws {
        #expect(try scenario(Self.yaml("enabled: false")).replication == nil)
        let found = issues(Self.yaml("enabled: false", "n: 3", "r: 1"))
        #expect(found.map(\.keyPath) == ["replication.enabled"])
        #expect(found.first?.kind == .inconsistent)
        #expect(found.first?.message.contains("also sets n, r") == true)
    }

    @Test("every problem is reported at its own line")
    func problems() {
        let found = issues(Self.yaml(
            "enabled: maybe", "n: three", "r: 0", "policy: newest", "request_timeout: 5",
            "heartbeat_interval: 0s", "read_rate: -1", "quorum: 2", "group: cloud"))
        #expect(found.map(\.keyPath) == [
            "replication.enabled", "replication.n", "replication.r", "replication.policy",
            "replication.request_timeout", "replication.heartbeat_interval", "replication.read_rate",
            "replication.quorum", "replication.group",
        ])
        #expect(found.map(\.line) == Array(12...20))
        #expect(found.first { $0.keyPath == "replication.quorum" }?.kind == .unknownKey)
        #expect(found.first { $0.keyPath == "replication.request_timeout" }?.kind == .badUnit)
    }

    @Test("a misspelt key is answered with the nearest replication key")
    func misspelling() {
        let found = issues(Self.yaml("hint_tll: 1h", "antientropy_period: 30s"))
        #expect(found.map(\.message) == [
            "unknown key; did you mean `hint_ttl`?", "unknown key; did you mean `anti_entropy_period`?",
        ])
    }

    @Test("quorums and timeouts are checked against each other and the group")
    func relations() throws {
        func paths(_ lines: String...) -> [String] {
            issues(base + "replication:\n" + lines.map { "  " + $0 + "\n" }.joined()).map(\.keyPath)
        }
        #expect(paths("r: 4", "w: 4") == ["replication.r", "replication.w"])
        // A region group here is 3 stores + the aggregator; a stores group, 3.
        #expect(paths("n: 5", "r: 1", "w: 1") == ["replication.n"])
        #expect(paths("group: stores", "n: 4", "r: 1", "w: 1") == ["replication.n"])
        #expect(paths("suspicion_timeout: 500ms") == ["replication.suspicion_timeout"])
        #expect(try scenario(Self.yaml("n: 4", "r: 2", "w: 3")).replication != nil)
    }
}
