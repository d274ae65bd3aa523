import PropertyBased
import Testing

@testable import Replication

/// Version vectors over replicas 0..<6 with small counters, so that equal,
/// ordered and concurrent pairs all come up often.
let versionVectors = Gen.uint64(in: 0...3).array(of: 0...6).map { counters in
    VersionVector(counters.enumerated().map { (ReplicaID(Int32($0.offset)), $0.element) })
}

@Suite("VersionVector")
struct VersionVectorTests {
    @Test("compare names all four relations")
    func compareCases() {
        let a = VersionVector([0: 1, 1: 2])
        #expect(a.compare(to: a) == .equal)
        #expect(a.compare(to: VersionVector([0: 1, 1: 3])) == .before)
        #expect(a.compare(to: VersionVector([0: 1])) == .after)
        #expect(a.compare(to: VersionVector([0: 2, 1: 1])) == .concurrent)
        #expect(VersionVector().compare(to: a) == .before)
        #expect(a.compare(to: VersionVector([2: 1])) == .concurrent)
    }

    @Test("entries are sorted, zero-free and deduplicated, so equal histories are equal values")
    func normalForm() {
        let pairs: [(ReplicaID, UInt64)] = [(3, 2), (1, 0), (0, 5), (3, 4)]
        let v = VersionVector(pairs)
        #expect(v.entries.map(\.replica) == [0, 3])
        #expect(v[3] == 4)
        #expect(v[1] == 0)
        var w = VersionVector([0: 5, 3: 4, 7: 1])
        w[7] = 0
        #expect(v == w)
        #expect(v.description == "{r0:5, r3:4}")
    }

    @Test("covers, adding and steps")
    func dotsAndSteps() {
        let v = VersionVector([1: 3])
        #expect(v.covers(Dot(replica: 1, counter: 3)))
        #expect(!v.covers(Dot(replica: 1, counter: 4)))
        #expect(!v.covers(Dot(replica: 2, counter: 1)))
        #expect(v.adding(Dot(replica: 1, counter: 2)) == v)
        #expect(v.adding(Dot(replica: 2, counter: 5)) == VersionVector([1: 3, 2: 5]))
        #expect(VersionVector([1: 5, 2: 1]).steps(aheadOf: VersionVector([1: 3, 2: 4])) == 2)
    }

    @Test("merge is commutative")
    func commutative() async {
        await propertyCheck(input: versionVectors, versionVectors) { a, b in
            #expect(a.merging(b) == b.merging(a))
        }
    }

    @Test("merge is associative")
    func associative() async {
        await propertyCheck(input: versionVectors, versionVectors, versionVectors) { a, b, c in
            #expect(a.merging(b).merging(c) == a.merging(b.merging(c)))
        }
    }

    @Test("merge is idempotent")
    func idempotent() async {
        await propertyCheck(input: versionVectors, versionVectors) { a, b in
            #expect(a.merging(a) == a)
            #expect(a.merging(b).merging(b) == a.merging(b))
        }
    }

    @Test("compare agrees with merge: a <= b exactly when merge(a, b) == b")
    func compareAgreesWithMerge() async {
        await propertyCheck(input: versionVectors, versionVectors) { a, b in
            let order = a.compare(to: b)
            #expect((order == .before || order == .equal) == (a.merging(b) == b))
            #expect((order == .after || order == .equal) == (a.merging(b) == a))
            #expect(a.isContained(in: b) == (a.merging(b) == b))
        }
    }

    @Test("compare is antisymmetric")
    func antisymmetric() async {
        let mirror: [CausalOrder: CausalOrder] = [
            .equal: .equal, .before: .after, .after: .before, .concurrent: .concurrent,
        ]
        await propertyCheck(input: versionVectors, versionVectors) { a, b in
            #expect(b.compare(to: a) == mirror[a.compare(to: b)])
        }
    }
}
