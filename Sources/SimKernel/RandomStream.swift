import CGSL
import EdgeBase

/// A GSL generator algorithm that a ``RandomStream`` can run on.
public enum RandomGenerator: String, CaseIterable, Sendable {
    /// Mersenne Twister MT19937 (Matsumoto and Nishimura): the default.
    case mt19937
    /// Tausworthe, maximally equidistributed (L'Ecuyer 1996): small state, fast.
    case taus2
    /// RANLUX double precision, luxury level 2 (Lüscher): slow, decorrelated.
    case ranlxd2
    /// Four-tap generalised feedback shift register (Ziff).
    case gfsr4
    /// RANLUX at luxury level 389: the strongest, the slowest.
    case ranlux389

    var gslType: UnsafePointer<gsl_rng_type> {
        switch self {
        case .mt19937: return cgsl_rng_type_mt19937()
        case .taus2: return cgsl_rng_type_taus2()
        case .ranlxd2: return cgsl_rng_type_ranlxd2()
        case .gfsr4: return cgsl_rng_type_gfsr4()
        case .ranlux389: return cgsl_rng_type_ranlux389()
        }
    }
}

/// One named, independent source of random numbers, backed by a GSL generator.
///
/// A stream is named after what it drives (`workload/store-17/camera-3`) and
/// seeded from the master seed and that name alone, by ``StableHash``: its
/// draws never depend on which other streams exist or the order in which
/// they were created. This is what gives both arms of a scenario the same
/// draws (common random numbers).
///
/// GSL's seeds are 32 bits wide for most generators, so the 64-bit stream
/// seed is folded to 32 bits; two names collide with probability 2^-32.
public final class RandomStream {
    /// The name the stream was created with.
    public let name: String
    /// The seed handed to the GSL generator.
    public let seed: UInt64
    /// The generator algorithm.
    public let generator: RandomGenerator
    @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>
    /// Draws from this stream that fell outside what they stand for (a
    /// duration beyond ``SimDuration/longest``, a size beyond
    /// ``Distribution/largestSize``) and were clamped; validation refuses
    /// distributions whose far tail goes there, so this stays zero unless
    /// a tail beyond quantile 1 − 10⁻¹² is drawn.
    public internal(set) var clampedDraws = 0

    /// Creates the stream called `name` under `masterSeed`.
    public init(name: String, masterSeed: UInt64, generator: RandomGenerator = .mt19937) {
        cgsl_disable_abort()
        self.name = name
        self.generator = generator
        let full = StableHash.streamSeed(master: masterSeed, name: name)
        self.seed = (full ^ (full >> 32)) & 0xffff_ffff
        guard let rng = gsl_rng_alloc(generator.gslType) else {
            fatalError("GSL could not allocate a \(generator) generator")
        }
        gsl_rng_set(rng, UInt(seed))
        self.rng = rng
    }

    deinit { gsl_rng_free(rng) }

    /// A uniform draw in [0, 1).
    @inlinable
    public func uniform() -> Double { cgsl_rng_uniform(rng) }

    /// A uniform draw in (0, 1): never exactly zero, safe under `log`.
    @inlinable
    public func uniformPositive() -> Double { gsl_rng_uniform_pos(rng) }

    /// A uniform integer in `0..<bound`, without modulo bias.
    ///
    /// - Precondition: `bound` is at least 1 and at most the generator's
    ///   range plus one (2^32 for mt19937).
    @inlinable
    public func uniformInt(below bound: Int) -> Int {
        precondition(bound >= 1 && UInt(bound - 1) <= rng.pointee.type.pointee.max - rng.pointee.type.pointee.min,
                     "uniformInt bound \(bound) is outside 1...range of \(generator)")
        // Same algorithm and draws as gsl_rng_uniform_int, inlined (see shim.h).
        return Int(cgsl_rng_uniform_int(rng, UInt(bound)))
    }

    /// The generator's raw next integer.
    @inlinable
    public func next() -> UInt { cgsl_rng_get(rng) }

    /// The GSL generator, for calling `gsl_ran_*` variates directly.
    @inlinable
    public var gslGenerator: UnsafeMutablePointer<gsl_rng> { rng }
}

/// The factory of a run's streams: one master seed, one generator algorithm.
///
/// Asking twice for the same name gives the same stream object, so a
/// component that looks its stream up again continues the sequence.
public final class RandomStreams {
    /// The seed every stream is derived from.
    public let masterSeed: UInt64
    /// The generator algorithm of every stream.
    public let generator: RandomGenerator
    // Looked up by name only, never iterated: its order cannot reach a result.
    private var byName: [String: RandomStream] = [:]

    public init(masterSeed: UInt64, generator: RandomGenerator = .mt19937) {
        self.masterSeed = masterSeed
        self.generator = generator
    }

    /// The stream called `name`, created on first use.
    public func stream(_ name: String) -> RandomStream {
        if let existing = byName[name] { return existing }
        let made = RandomStream(name: name, masterSeed: masterSeed, generator: generator)
        byName[name] = made
        return made
    }
}
