/// A positive-negative counter CRDT, for applications that keep counts
/// (stock levels, say) under the ``ConflictPolicy/siblings`` policy.
///
/// Each actor (a device, a store: any dense id the application chooses)
/// adds only to its own entries; merging takes the pointwise maximum, so
/// concurrent siblings merge without losing an update:
///
/// ```swift
/// let read = ...                                  // a ReadResult with siblings
/// var count = try PNCounter.merged(read.values)   // every sibling's updates
/// count.increment(by: 3, actor: myActor)
/// write(key, value: count.encoded(), context: read.context)
/// ```
///
/// An actor must start from a state that includes all its own earlier
/// updates (read before it writes), or its entry would go backwards.
public struct PNCounter: Hashable, Sendable, CustomStringConvertible {
    /// Each actor's total increments.
    public private(set) var increments: VersionVector
    /// Each actor's total decrements.
    public private(set) var decrements: VersionVector

    /// Zero.
    public init() {
        increments = VersionVector()
        decrements = VersionVector()
    }

    /// The count: all increments minus all decrements.
    public var value: Int64 {
        let up = increments.entries.reduce(Int64(0)) { $0 &+ Int64(truncatingIfNeeded: $1.counter) }
        let down = decrements.entries.reduce(Int64(0)) { $0 &+ Int64(truncatingIfNeeded: $1.counter) }
        return up &- down
    }

    /// Adds `amount` on behalf of `actor`.
    public mutating func increment(by amount: UInt64 = 1, actor: ReplicaID) {
        increments[actor] += amount
    }

    /// Subtracts `amount` on behalf of `actor`.
    public mutating func decrement(by amount: UInt64 = 1, actor: ReplicaID) {
        decrements[actor] += amount
    }

    /// Takes in another replica's (or sibling's) updates: pointwise maximum.
    public mutating func merge(_ other: PNCounter) {
        increments.merge(other.increments)
        decrements.merge(other.decrements)
    }

    /// The merge of this counter and `other`.
    public func merging(_ other: PNCounter) -> PNCounter {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// The merge of every sibling value, each decoded as a counter.
    ///
    /// - Parameter siblings: encoded counters, as in ``ReadResult/values``.
    /// - Throws: ``PNCounterDecodingError`` if one is not an encoded counter.
    public static func merged(_ siblings: [[UInt8]]) throws(PNCounterDecodingError) -> PNCounter {
        var result = PNCounter()
        for bytes in siblings { result.merge(try PNCounter(decoding: bytes)) }
        return result
    }

    /// The counter as bytes: `P`, `N`, then the increments and the
    /// decrements, each a big-endian 16-bit count of 12-byte entries
    /// (32-bit actor, 64-bit total), sorted by actor.
    public func encoded() -> [UInt8] {
        var bytes: [UInt8] = [0x50, 0x4E]
        for vector in [increments, decrements] {
            append(UInt64(vector.entries.count), width: 2, to: &bytes)
            for entry in vector.entries {
                append(UInt64(UInt32(bitPattern: entry.replica.rawValue)), width: 4, to: &bytes)
                append(entry.counter, width: 8, to: &bytes)
            }
        }
        return bytes
    }

    /// Decodes bytes written by ``encoded()``.
    ///
    /// - Throws: ``PNCounterDecodingError`` when the bytes are not a counter.
    public init(decoding bytes: [UInt8]) throws(PNCounterDecodingError) {
        var cursor = 0
        func read(_ width: Int) throws(PNCounterDecodingError) -> UInt64 {
            guard cursor + width <= bytes.count else { throw PNCounterDecodingError(.truncated, offset: cursor) }
            var value: UInt64 = 0
            for byte in bytes[cursor..<cursor + width] { value = value << 8 | UInt64(byte) }
            cursor += width
            return value
        }
        guard bytes.count >= 2, bytes[0] == 0x50, bytes[1] == 0x4E else {
            throw PNCounterDecodingError(.badMagic, offset: 0)
        }
        cursor = 2
        var vectors: [VersionVector] = []
        for _ in 0..<2 {
            let count = try read(2)
            var pairs: [(ReplicaID, UInt64)] = []
            for _ in 0..<count {
                let actor = ReplicaID(Int32(bitPattern: UInt32(try read(4))))
                pairs.append((actor, try read(8)))
            }
            vectors.append(VersionVector(pairs))
        }
        guard cursor == bytes.count else { throw PNCounterDecodingError(.trailingBytes, offset: cursor) }
        increments = vectors[0]
        decrements = vectors[1]
    }

    /// `+{...} -{...} = value`.
    public var description: String { "+\(increments) -\(decrements) = \(value)" }

    private func append(_ value: UInt64, width: Int, to bytes: inout [UInt8]) {
        for shift in stride(from: (width - 1) * 8, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}
