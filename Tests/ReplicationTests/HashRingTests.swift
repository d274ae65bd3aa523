import EdgeBase
import Testing

@testable import Replication

@Suite("HashRing")
struct HashRingTests {
    static let five: [ReplicaID] = [0, 1, 2, 3, 4]
    static let keys = (0..<20_000).map { "store-\($0 % 40)/sku-\($0)" }

    @Test("a preference list holds N distinct members", arguments: [1, 2, 3, 5, 9])
    func distinct(n: Int) {
        let ring = HashRing(members: Self.five, virtualNodesPerMember: 32)
        for key in Self.keys.prefix(2_000) {
            let list = ring.preferenceList(for: key, count: n)
            #expect(list.count == min(n, 5))
            #expect(Set(list).count == list.count)
        }
    }

    @Test("placement depends on nothing but the members and the key")
    func deterministic() {
        let a = HashRing(members: Self.five, virtualNodesPerMember: 64)
        let b = HashRing(members: [3, 1, 4, 0, 2], virtualNodesPerMember: 64)
        #expect(a == b)
        for key in Self.keys.prefix(500) {
            #expect(a.preferenceList(for: key, count: 3) == b.preferenceList(for: key, count: 3))
        }
        // Fixed values: the same in every process and on every run (the
        // position checked against an independent FNV-1a + SplitMix64).
        #expect(HashRing.position(of: "") == 0xc381_7c01_6ba4_ff30)
        #expect(a.preferenceList(for: "store-1/sku-1", count: 5) == Self.goldenList)
    }

    static let goldenList: [ReplicaID] = [0, 3, 4, 1, 2]

    @Test("primaries are balanced within 20% of the mean over 20 000 keys")
    func balanced() {
        let ring = HashRing(members: Self.five, virtualNodesPerMember: 128)
        var primaries = [Int](repeating: 0, count: 5)
        for key in Self.keys { primaries[Int(ring.preferenceList(for: key, count: 1)[0].rawValue)] += 1 }
        let mean = Double(Self.keys.count) / 5
        for count in primaries {
            #expect(abs(Double(count) - mean) / mean < 0.20, "primaries per member: \(primaries)")
        }
    }

    @Test("adding a member moves only keys to it, about 1/(n+1) of them")
    func minimalMovement() {
        let before = HashRing(members: Self.five, virtualNodesPerMember: 128)
        let after = HashRing(members: Self.five + [5], virtualNodesPerMember: 128)
        var movedPrimaries = 0
        for key in Self.keys {
            let old = before.preferenceList(for: key, count: 3)
            let new = after.preferenceList(for: key, count: 3)
            if old[0] != new[0] {
                movedPrimaries += 1
                #expect(new[0] == 5)
            }
            if old != new {
                // The only change is the newcomer taking a place.
                #expect(new.contains(5))
                #expect(new.filter { $0 != 5 } == Array(old.filter { $0 != 5 }.prefix(new.count - 1)))
            }
        }
        let fraction = Double(movedPrimaries) / Double(Self.keys.count)
        #expect(fraction > 1.0 / 6 * 0.7 && fraction < 1.0 / 6 * 1.3, "moved \(fraction)")
    }

    @Test("home pinning puts the home first and keeps the others distinct")
    func pinning() {
        let ring = HashRing(members: Self.five, virtualNodesPerMember: 64)
        let pinning = HomePinning.keyPrefix(separator: "/", homes: ["store-3": 3])
        for key in Self.keys.prefix(1_000) where key.hasPrefix("store-3/") {
            let list = ring.preferenceList(for: key, count: 3, home: pinning.home(of: key))
            #expect(list.first == 3)
            #expect(Set(list).count == 3)
        }
        #expect(pinning.home(of: "store-3/sku-1") == 3)
        #expect(pinning.home(of: "store-4/sku-1") == nil)
        #expect(pinning.home(of: "store-3") == nil)
        #expect(HomePinning.disabled.home(of: "store-3/sku-1") == nil)
    }
}
