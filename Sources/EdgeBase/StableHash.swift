/// Hashes that are the same in every process and on every run.
///
/// Swift's `Hasher` is seeded per process, so it must never decide a seed, a
/// placement, a digest or an order that another process compares against.
/// These are FNV-1a (64 bits) and the SplitMix64 finaliser, written once for
/// every module: the simulator's stream seeds, the replication ring and its
/// digests, the scheduler's checksums and the result files' fingerprints.
public enum StableHash {
    /// FNV-1a's offset basis: the state before any byte.
    public static let fnvOffsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// FNV-1a's 64-bit prime.
    public static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// FNV-1a, 64 bits, over the UTF-8 bytes of `text`.
    @inlinable
    public static func fnv1a(_ text: String) -> UInt64 {
        var hasher = StableHasher()
        hasher.combine(text)
        return hasher.finalized
    }

    /// FNV-1a, 64 bits, over `bytes` in order.
    @inlinable
    public static func fnv1a<Bytes: Sequence>(bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hasher = StableHasher()
        for byte in bytes { hasher.combine(byte: byte) }
        return hasher.finalized
    }

    /// `fnv1a(bytes:)` as 16 lower-case hex digits, zero-padded: a file's
    /// fingerprint in `run.json`.
    public static func fnv1aHex<Bytes: Sequence>(bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let hex = String(fnv1a(bytes: bytes), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The SplitMix64 finaliser: a bijective mix with good avalanche. It
    /// spreads FNV's output, whose high bits vary little between similar
    /// short strings.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ SplitMix64.golden
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// The seed of the stream called `name` under `masterSeed`.
    ///
    /// Depends on nothing but the two inputs, so a stream's draws do not
    /// change when other streams are added or created in another order.
    @inlinable
    public static func streamSeed(master masterSeed: UInt64, name: String) -> UInt64 {
        mix(mix(masterSeed) ^ fnv1a(name))
    }
}

/// FNV-1a, 64 bits, fed in a fixed order: bytes, little-endian words, text.
///
/// For checksums on hot paths (a benchmark folding every event), ``fold(word:)``
/// takes a whole 64-bit word per step: the same xor-multiply with FNV's
/// prime, one step per word instead of eight.
public struct StableHasher: Sendable {
    /// The state so far.
    public var state: UInt64 = StableHash.fnvOffsetBasis

    /// A hasher in FNV-1a's initial state.
    @inlinable
    public init() {}

    /// Feeds one byte.
    @inlinable
    public mutating func combine(byte: UInt8) {
        state ^= UInt64(byte)
        state &*= StableHash.fnvPrime
    }

    /// Feeds the eight bytes of `value`, least significant first.
    @inlinable
    public mutating func combine(_ value: UInt64) {
        var v = value
        for _ in 0..<8 {
            combine(byte: UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// Feeds the UTF-8 bytes of `text`.
    @inlinable
    public mutating func combine(_ text: String) {
        for byte in text.utf8 { combine(byte: byte) }
    }

    /// Feeds a whole 64-bit word in one xor-multiply step (FNV-1a with a
    /// 64-bit alphabet): for per-event checksums, where eight steps per
    /// word would cost more than the event.
    @inlinable
    public mutating func fold(word: UInt64) {
        state = (state ^ word) &* StableHash.fnvPrime
    }

    /// The hash of everything fed so far.
    @inlinable
    public var finalized: UInt64 { state }
}

/// SplitMix64: a tiny seeded generator, for choices that need no
/// statistical quality beyond "spread out and repeatable" (a test's own
/// workloads, the scheduler benchmark's random baseline).
///
/// Its output function is ``StableHash/mix(_:)``. The standard library's
/// `random(in:using:)` promises no stable algorithm across Swift versions,
/// so draws go through ``next()`` and ``below(_:)``.
public struct SplitMix64: Sendable {
    /// The increment of each step (2^64 divided by the golden ratio).
    public static let golden: UInt64 = 0x9e37_79b9_7f4a_7c15

    /// The generator's state.
    public var state: UInt64

    /// A generator starting from `seed`.
    @inlinable
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inlinable
    public mutating func next() -> UInt64 {
        let value = StableHash.mix(state)
        state &+= Self.golden
        return value
    }

    /// A draw in `0..<bound`; the modulo bias is below 2^-32 for bounds
    /// under 2^32, irrelevant where this generator is used.
    @inlinable
    public mutating func below(_ bound: Int) -> Int {
        precondition(bound > 0, "SplitMix64.below needs a positive bound")
        return Int(next() % UInt64(bound))
    }
}
