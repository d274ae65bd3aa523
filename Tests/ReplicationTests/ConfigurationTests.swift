import Testing

@testable import Replication

@Suite("ReplicationConfiguration")
struct ConfigurationTests {
    typealias Field = ReplicationConfigurationError.Field

    static func error(_ body: (inout ReplicationConfiguration) -> Void) -> ReplicationConfigurationError? {
        let config = ReplicationConfiguration(group: [0, 1, 2, 3], body)
        do {
            try config.validate()
            return nil
        } catch {
            return error
        }
    }

    @Test("the defaults are valid")
    func defaults() throws {
        try ReplicationConfiguration(group: [0, 1, 2]).validate()
    }

    @Test("R or W greater than N names the field")
    func quorumsExceedN() {
        #expect(Self.error { $0.readQuorum = 4 }?.field == .readQuorum)
        #expect(Self.error { $0.readQuorum = 4 }?.kind == .exceedsLimit)
        #expect(Self.error { $0.writeQuorum = 4 }?.field == .writeQuorum)
        #expect(Self.error { $0.replicationFactor = 5 }?.field == .replicationFactor)
        #expect(Self.error { $0.readQuorum = 4 }?.description == "readQuorum: 4 exceeds replicationFactor 3")
    }

    static let zeroCases: [(Field, @Sendable (inout ReplicationConfiguration) -> Void)] = [
        (.replicationFactor, { $0.replicationFactor = 0 }),
        (.readQuorum, { $0.readQuorum = 0 }),
        (.writeQuorum, { $0.writeQuorum = 0 }),
        (.requestTimeout, { $0.requestTimeout = .zero }),
        (.heartbeatInterval, { $0.heartbeatInterval = .zero }),
        (.suspicionTimeout, { $0.suspicionTimeout = .nanoseconds(-1) }),
        (.hintWindow, { $0.hintWindow = .zero }),
        (.hintTTL, { $0.hintTTL = .zero }),
        (.handoffThrottle, { $0.handoffThrottle = 0 }),
        (.antiEntropyPeriod, { $0.antiEntropyPeriod = .zero }),
        (.virtualNodesPerReplica, { $0.virtualNodesPerReplica = 0 }),
    ]

    @Test("zero or negative values are refused, naming the field", arguments: zeroCases)
    func zeroValues(field: Field, change: @Sendable (inout ReplicationConfiguration) -> Void) {
        let error = Self.error(change)
        #expect(error?.field == field)
        #expect(error?.kind == .notPositive)
    }

    @Test("group, homes and suspicion are checked")
    func structure() {
        #expect(ReplicationConfiguration(group: []).validateError?.field == .group)
        #expect(ReplicationConfiguration(group: [1, 2, 1]).validateError?.kind == .invalidGroup)
        let badHome = Self.error { $0.homePinning = .keyPrefix(separator: "/", homes: ["store-9": 9]) }
        #expect(badHome?.field == .homePinning)
        #expect(badHome?.kind == .unknownReplica)
        let flapping = Self.error { $0.suspicionTimeout = $0.heartbeatInterval }
        #expect(flapping?.field == .suspicionTimeout)
        #expect(flapping?.kind == .suspicionTooShort)
    }

    @Test("a replica refuses a configuration whose group does not list it")
    func replicaNotInGroup() {
        #expect(throws: ReplicationConfigurationError.self) {
            _ = try Replica(id: 7, configuration: ReplicationConfiguration(group: [0, 1, 2]))
        }
        #expect(throws: ReplicationConfigurationError.self) {
            _ = try Replica(id: 0, configuration: ReplicationConfiguration(group: [0, 1, 2]) { $0.writeQuorum = 9 })
        }
    }
}

extension ReplicationConfiguration {
    var validateError: ReplicationConfigurationError? {
        do {
            try validate()
            return nil
        } catch {
            return error
        }
    }
}
