import EdgeBase
import PropertyBased
import Testing

@testable import Replication

/// A little history of writes and merges at three replicas, replayed from
/// a script of small integers: the ground truth for the sibling laws.
struct ScriptedHistory {
    var states = [SiblingSet](repeating: SiblingSet(), count: 3)
    /// Every version ever written.
    var written: [Version] = []

    init(script: [Int], policy: ConflictPolicy = .siblings) {
        var clock: Int64 = 0
        for step in script {
            let replica = step % 3
            clock += 1_000_000
            switch step / 3 {
            case 0:  // a client reads this replica and writes back
                let context = states[replica].context
                written.append(write(at: replica, context: context, clock: clock, policy: policy))
            case 1:  // a blind write
                written.append(write(at: replica, context: VersionVector(), clock: clock, policy: policy))
            case 2:  // a client read another replica, then writes here
                let context = states[(replica + 1) % 3].context
                written.append(write(at: replica, context: context, clock: clock, policy: policy))
            default:  // anti-entropy from the next replica
                states[replica].merge(states[(replica + 1) % 3], policy: policy)
            }
        }
    }

    private mutating func write(at replica: Int, context: VersionVector, clock: Int64, policy: ConflictPolicy)
        -> Version
    {
        let value = [UInt8(written.count % 256)]
        return states[replica].write(
            value, context: context, coordinator: ReplicaID(Int32(replica)),
            timestamp: LocalTime(nanoseconds: clock), policy: policy
        ).version
    }
}

let scripts = Gen.int(in: 0...11).array(of: 1...40)

@Suite("SiblingSet (dotted version vectors)")
struct SiblingSetTests {
    static func value(_ n: Int) -> [UInt8] { [UInt8(n)] }

    @Test("a write supersedes exactly the siblings its context covers")
    func supersedesExactlyCovered() {
        var set = SiblingSet()
        let t = LocalTime.zero
        let a = set.write(Self.value(1), context: VersionVector(), coordinator: 1, timestamp: t, policy: .siblings)
        let contextAfterA = set.context
        let b = set.write(Self.value(2), context: VersionVector(), coordinator: 2, timestamp: t, policy: .siblings)
        let c = set.write(Self.value(3), context: VersionVector(), coordinator: 1, timestamp: t, policy: .siblings)
        #expect(set.versions.map(\.dot) == [a.version.dot, c.version.dot, b.version.dot])
        #expect(c.outcome.conflictsDetected == 1)

        // A client that saw only `a` supersedes `a`, not the others.
        let d = set.write(Self.value(4), context: contextAfterA, coordinator: 2, timestamp: t, policy: .siblings)
        #expect(Set(set.versions.map(\.dot)) == [b.version.dot, c.version.dot, d.version.dot])
        #expect(d.version.dot == Dot(replica: 2, counter: 2))
        #expect(d.version.past == contextAfterA)

        // A client that saw everything leaves one version.
        let e = set.write(Self.value(5), context: set.context, coordinator: 1, timestamp: t, policy: .siblings)
        #expect(set.versions == [e.version])
        #expect(set.context == VersionVector([1: 3, 2: 2]))
    }

    @Test("Riak's sibling explosion: 101 writes back of each writer's own last context")
    func siblingExplosion() {
        // Two clients alternate; neither reads, each writes back the context
        // its own previous write returned (the first writes carry none).
        var dotted = SiblingSet()
        var plain = PlainVersionVectorObject()
        var dottedContexts = [VersionVector(), VersionVector()]
        var plainContexts = [VersionVector(), VersionVector()]
        for n in 0..<101 {
            let client = n % 2
            let value = Self.value(n)
            _ = dotted.write(
                value, context: dottedContexts[client], coordinator: 0, timestamp: .zero, policy: .siblings)
            dottedContexts[client] = dotted.context
            plainContexts[client] = plain.put(value, context: plainContexts[client], at: 0)
        }
        #expect(plain.values.count == 101)
        #expect(dotted.versions.count == 2)
        #expect(dotted.values == [Self.value(99), Self.value(100)])
    }

    @Test("writes that really are concurrent keep a sibling each, dotted or not")
    func trulyConcurrentWritesAllSurvive() {
        // Every client carries the same old context: the writes did not see
        // one another, so both schemes must keep them all (the old value,
        // which the context covers, goes).
        var dotted = SiblingSet()
        var plain = PlainVersionVectorObject()
        _ = dotted.write([0], context: VersionVector(), coordinator: 0, timestamp: .zero, policy: .siblings)
        let old = dotted.context
        let plainOld = plain.put([0], context: VersionVector(), at: 0)
        for n in 1...100 {
            _ = dotted.write(Self.value(n), context: old, coordinator: 0, timestamp: .zero, policy: .siblings)
            _ = plain.put(Self.value(n), context: plainOld, at: 0)
        }
        #expect(dotted.versions.count == 100)
        #expect(plain.values.count == 100)
        #expect(!dotted.values.contains([0]))
    }

    @Test("after merging every replica, the siblings are exactly the writes no other write saw")
    func mergeFindsTheTrueFrontier() async {
        await propertyCheck(input: scripts) { script in
            let history = ScriptedHistory(script: script)
            var all = SiblingSet()
            for state in history.states { all.merge(state, policy: .siblings) }
            let frontier = history.written.filter { v in
                !history.written.contains { w in w.dot != v.dot && w.past.covers(v.dot) }
            }
            #expect(all.versions == frontier.sorted { $0.dot < $1.dot })
        }
    }

    @Test("merge under siblings is commutative, associative and idempotent")
    func mergeIsAJoin() async {
        await propertyCheck(input: scripts) { script in
            let s = ScriptedHistory(script: script).states
            let p = ConflictPolicy.siblings
            #expect(s[0].merging(s[1], policy: p) == s[1].merging(s[0], policy: p))
            #expect(
                s[0].merging(s[1], policy: p).merging(s[2], policy: p)
                    == s[0].merging(s[1].merging(s[2], policy: p), policy: p))
            #expect(s[0].merging(s[0], policy: p) == s[0])
            let ab = s[0].merging(s[1], policy: p)
            #expect(ab.merging(s[1], policy: p) == ab)
            #expect(ab.digest == s[1].merging(s[0], policy: p).digest)
        }
    }

    @Test("a merge reports whether it changed anything")
    func mergeReportsChange() {
        var a = SiblingSet()
        _ = a.write([1], context: VersionVector(), coordinator: 0, timestamp: .zero, policy: .siblings)
        var b = a
        #expect(!b.merge(a, policy: .siblings).changed)
        _ = b.write([2], context: VersionVector(), coordinator: 1, timestamp: .zero, policy: .siblings)
        let outcome = a.merge(b, policy: .siblings)
        #expect(outcome.changed)
        #expect(outcome.conflictsDetected == 1)
        #expect(a == b)
    }

    @Test("a tombstone supersedes what the delete saw, and a stale copy does not bring it back")
    func tombstones() {
        var owner = SiblingSet()
        _ = owner.write([7], context: VersionVector(), coordinator: 0, timestamp: .zero, policy: .siblings)
        let staleCopy = owner
        _ = owner.write(nil, context: owner.context, coordinator: 0, timestamp: .zero, policy: .siblings)
        #expect(owner.isDeleted)
        #expect(owner.versions.count == 1 && owner.versions[0].isTombstone)
        #expect(!owner.merge(staleCopy, policy: .siblings).changed)
        #expect(owner.isDeleted)
        #expect(owner.values.isEmpty)
    }

    @Test("digests are equal for equal sets and differ when a version differs")
    func digests() {
        var a = SiblingSet()
        _ = a.write([1], context: VersionVector(), coordinator: 0, timestamp: .zero, policy: .siblings)
        var b = a
        #expect(a.digest == b.digest)
        _ = b.write([1], context: VersionVector(), coordinator: 1, timestamp: .zero, policy: .siblings)
        #expect(a.digest != b.digest)
        // Fixed values (FNV-1a of the canonical bytes, computed by hand): the
        // digest is the same in every process, unlike Swift's `Hasher`.
        #expect(SiblingSet().digest == 0x8820_1fb9_60ff_6465)
        #expect(a.digest == 0x720e_0eb9_ee17_955f)
    }
}
