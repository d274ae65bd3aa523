/// Hashes that are the same in every process and on every run.
///
/// Swift's `Hasher` is seeded per process, so it must never decide a seed or
/// an order. These are FNV-1a over UTF-8 and the SplitMix64 finaliser.
public enum StableHash {
    /// FNV-1a, 64 bits, over the UTF-8 bytes of `text`.
    @inlinable
    public static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// The SplitMix64 finaliser: a bijective mix with good avalanche.
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
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
