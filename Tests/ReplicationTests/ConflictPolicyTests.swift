import EdgeBase
import PropertyBased
import Testing

@testable import Replication

@Suite("Conflict policies")
struct ConflictPolicyTests {
    static func at(_ seconds: Int64) -> LocalTime { LocalTime(nanoseconds: seconds * 1_000_000_000) }
    static let heuristic = ConflictPolicy.timestampHeuristic(threshold: ConflictPolicy.defaultHeuristicThreshold)

    /// Two replicas each accept a blind write; returns both states.
    static func concurrentWrites(
        policy: ConflictPolicy, first: Int64, second: Int64
    ) -> (SiblingSet, SiblingSet) {
        var a = SiblingSet()
        var b = SiblingSet()
        _ = a.write([1], context: VersionVector(), coordinator: 0, timestamp: at(first), policy: policy)
        _ = b.write([2], context: VersionVector(), coordinator: 1, timestamp: at(second), policy: policy)
        return (a, b)
    }

    @Test("siblings keeps both concurrent writes, whatever their timestamps")
    func siblingsKeepsBoth() {
        var (a, b) = Self.concurrentWrites(policy: .siblings, first: 10, second: 8)
        let outcome = a.merge(b, policy: .siblings)
        b.merge(a, policy: .siblings)
        #expect(a.values == [[1], [2]])
        #expect(a == b)
        #expect(outcome.conflictsDetected == 1)
        #expect(outcome.discardedByTimestamp == 0)
    }

    @Test("LWW keeps the greater timestamp on both sides and counts the loser")
    func lastWriterWinsConverges() {
        var (a, b) = Self.concurrentWrites(policy: .lastWriterWins, first: 10, second: 8)
        let outcomeA = a.merge(b, policy: .lastWriterWins)
        let outcomeB = b.merge(a, policy: .lastWriterWins)
        #expect(a.values == [[1]])
        #expect(a == b)
        #expect(outcomeA.discardedByTimestamp == 1)
        #expect(outcomeB.discardedByTimestamp == 1)
        // The value stays but the context grows: the loser's dot is now known.
        #expect(outcomeA.changed)
        #expect(a.context == VersionVector([0: 1, 1: 1]))
    }

    @Test("LWW drops a causally newer write whose coordinator's clock is behind")
    func lastWriterWinsLosesANewerWrite() {
        var set = SiblingSet()
        _ = set.write([1], context: VersionVector(), coordinator: 0, timestamp: Self.at(10), policy: .lastWriterWins)
        // The client read [1] and writes [2] through a node whose clock reads 9 s.
        let (version, outcome) = set.write(
            [2], context: set.context, coordinator: 1, timestamp: Self.at(9), policy: .lastWriterWins)
        #expect(version.past.covers(Dot(replica: 0, counter: 1)))
        #expect(set.values == [[1]])
        #expect(outcome.discardedByTimestamp == 1)
        // Siblings would have kept the newer write only.
        var siblings = SiblingSet()
        _ = siblings.write([1], context: VersionVector(), coordinator: 0, timestamp: Self.at(10), policy: .siblings)
        _ = siblings.write([2], context: siblings.context, coordinator: 1, timestamp: Self.at(9), policy: .siblings)
        #expect(siblings.values == [[2]])
    }

    @Test("LWW merge commutes, so replicas converge in any order")
    func lastWriterWinsCommutes() async {
        await propertyCheck(input: scripts) { script in
            let s = ScriptedHistory(script: script, policy: .lastWriterWins).states
            let p = ConflictPolicy.lastWriterWins
            #expect(s[0].merging(s[1], policy: p).versions == s[1].merging(s[0], policy: p).versions)
            #expect(s[0].merging(s[1], policy: p).versions.count <= 1)
        }
    }

    @Test("heuristic: one step ahead is never a conflict; the newer timestamp silently wins")
    func heuristicOneStep() {
        // Incoming is one step ahead and 30 s newer: still silent.
        var (stored, incoming) = Self.concurrentWrites(policy: Self.heuristic, first: 0, second: 30)
        let outcome = stored.merge(incoming, policy: Self.heuristic)
        #expect(stored.values == [[2]])
        #expect(outcome.conflictsDetected == 0)
        #expect(outcome.discardedByTimestamp == 1)
        // The winner absorbed the loser's history: it now looks like a descendant.
        #expect(stored.versions[0].past.covers(Dot(replica: 0, counter: 1)))
        _ = incoming
    }

    /// The stored replica has one write at `storedAt`; the incoming replica
    /// has two writes (two steps), the last at `incomingAt`, concurrent with it.
    static func twoStepsAhead(storedAt: Int64, incomingAt: Int64) -> (SiblingSet, SiblingSet) {
        var stored = SiblingSet()
        var incoming = SiblingSet()
        _ = stored.write([1], context: VersionVector(), coordinator: 0, timestamp: at(storedAt), policy: heuristic)
        _ = incoming.write([2], context: VersionVector(), coordinator: 1, timestamp: at(0), policy: heuristic)
        _ = incoming.write(
            [3], context: incoming.context, coordinator: 1, timestamp: at(incomingAt), policy: heuristic)
        return (stored, incoming)
    }

    @Test("heuristic: more than one step ahead and more than 5 s newer is a conflict, kept as siblings")
    func heuristicConflict() {
        var (stored, incoming) = Self.twoStepsAhead(storedAt: 0, incomingAt: 6)
        #expect(incoming.versions.count == 1)
        let outcome = stored.merge(incoming, policy: Self.heuristic)
        #expect(outcome.conflictsDetected == 1)
        #expect(stored.values == [[1], [3]])
    }

    @Test("heuristic: two steps ahead but only 4 s newer silently overwrites")
    func heuristicSilentWithinWindow() {
        var (stored, incoming) = Self.twoStepsAhead(storedAt: 0, incomingAt: 4)
        let outcome = stored.merge(incoming, policy: Self.heuristic)
        #expect(outcome.conflictsDetected == 0)
        #expect(outcome.discardedByTimestamp == 1)
        #expect(stored.values == [[3]])
    }

    @Test("heuristic: a causally newer write replaces without counting a loss")
    func heuristicCausal() {
        var set = SiblingSet()
        _ = set.write([1], context: VersionVector(), coordinator: 0, timestamp: Self.at(50), policy: Self.heuristic)
        let (_, outcome) = set.write(
            [2], context: set.context, coordinator: 1, timestamp: Self.at(1), policy: Self.heuristic)
        #expect(set.values == [[2]])
        #expect(outcome.discardedByTimestamp == 0)
        #expect(outcome.conflictsDetected == 0)
    }
}
