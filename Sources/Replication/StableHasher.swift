/// FNV-1a, 64 bits, over bytes fed in a fixed order.
///
/// Swift's `Hasher` is seeded per process, so it must never decide a
/// placement or a digest that another process compares against. This one is
/// the same everywhere.
@usableFromInline
struct StableHasher {
    @usableFromInline
    var state: UInt64 = 0xcbf2_9ce4_8422_2325

    @inlinable
    init() {}

    @inlinable
    mutating func combine(byte: UInt8) {
        state ^= UInt64(byte)
        state &*= 0x0000_0100_0000_01b3
    }

    @inlinable
    mutating func combine(_ value: UInt64) {
        var v = value
        for _ in 0..<8 {
            combine(byte: UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    @inlinable
    mutating func combine(_ text: String) {
        for byte in text.utf8 { combine(byte: byte) }
    }

    @inlinable
    var finalized: UInt64 { state }

    /// FNV-1a of the UTF-8 bytes of `text`.
    @inlinable
    static func hash(_ text: String) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(text)
        return hasher.finalized
    }

    /// The SplitMix64 finaliser: spreads FNV's output, whose high bits vary
    /// little between similar short strings, over the whole ring.
    @inlinable
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

extension VersionVector {
    func hash(into hasher: inout StableHasher) {
        hasher.combine(UInt64(entries.count))
        for entry in entries {
            hasher.combine(UInt64(UInt32(bitPattern: entry.replica.rawValue)))
            hasher.combine(entry.counter)
        }
    }
}
