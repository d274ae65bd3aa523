import Testing

@testable import Replication

@Suite("PNCounter")
struct PNCounterTests {
    @Test("concurrent siblings merge without losing an update")
    func siblingsMerge() throws {
        var base = PNCounter()
        base.increment(by: 10, actor: 1)
        // Two stores read the base, then update concurrently.
        var storeA = base
        storeA.decrement(by: 3, actor: 2)
        var storeB = base
        storeB.increment(by: 5, actor: 3)
        storeB.decrement(by: 1, actor: 3)

        var set = SiblingSet()
        _ = set.write(base.encoded(), context: VersionVector(), coordinator: 0, timestamp: .zero, policy: .siblings)
        let read = set.context
        _ = set.write(storeA.encoded(), context: read, coordinator: 0, timestamp: .zero, policy: .siblings)
        _ = set.write(storeB.encoded(), context: read, coordinator: 1, timestamp: .zero, policy: .siblings)
        #expect(set.values.count == 2)

        let merged = try PNCounter.merged(set.values)
        #expect(merged.value == 10 - 3 + 5 - 1)
        // Merging is idempotent: the base counted once even if listed again.
        #expect(try PNCounter.merged(set.values + [base.encoded()]) == merged)
    }

    @Test("encoding round-trips and has the documented layout")
    func roundTrip() throws {
        var counter = PNCounter()
        counter.increment(by: 300, actor: 7)
        counter.decrement(by: 2, actor: -1)
        let bytes = counter.encoded()
        #expect(bytes.count == 2 + 2 + 12 + 2 + 12)
        #expect(Array(bytes[0..<4]) == [0x50, 0x4E, 0, 1])
        #expect(try PNCounter(decoding: bytes) == counter)
        #expect(counter.value == 298)
    }

    @Test("bad bytes are typed errors", arguments: [
        ([UInt8]([0x50]), PNCounterDecodingError.Kind.badMagic),
        ([0x50, 0x4E, 0, 1, 0, 0], .truncated),
        ([0x50, 0x4E, 0, 0, 0, 0, 9], .trailingBytes),
    ])
    func badBytes(bytes: [UInt8], kind: PNCounterDecodingError.Kind) {
        #expect(throws: PNCounterDecodingError.self) { try PNCounter(decoding: bytes) }
        do {
            _ = try PNCounter(decoding: bytes)
        } catch {
            #expect(error.kind == kind)
        }
    }
}
