import CGSL
import Foundation

/// Parameters that do not describe a distribution, and which one was wrong.
public struct DistributionError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The distribution being built ("exponential", "lognormal", ...).
    public let distribution: String
    /// The offending parameter's name ("mean", "sigma", "points[2]", ...).
    public let parameter: String
    /// What the parameter must satisfy.
    public let requirement: String

    public var description: String {
        "\(distribution): \(parameter) \(requirement)"
    }
}

/// A probability distribution of real values, drawn through GSL.
///
/// Built only through the throwing factories, which reject parameters that
/// would give NaN or meaningless draws: a `Distribution` that exists can be
/// sampled. When a distribution stands for a duration its values are in
/// seconds; draw those with ``sampleDuration(_:)``, which truncates the normal
/// distribution at zero so that no latency is negative.
public struct Distribution: Hashable, Sendable {
    /// The family and parameters, as validated.
    public enum Kind: Hashable, Sendable {
        case constant(Double)
        case uniform(low: Double, high: Double)
        case exponential(mean: Double)
        case normal(mean: Double, stddev: Double)
        /// ln X ~ Normal(mu, sigma).
        case lognormal(mu: Double, sigma: Double)
        case gamma(shape: Double, scale: Double)
        case weibull(scale: Double, shape: Double)
        /// P(X > x) = (scale / x)^shape for x >= scale.
        case pareto(shape: Double, scale: Double)
        /// Inverse CDF linear between (probability, value) points from p = 0 to p = 1.
        case empirical(probabilities: [Double], values: [Double])
    }

    /// The family and parameters.
    public let kind: Kind

    private init(_ kind: Kind) { self.kind = kind }

    // MARK: - Factories

    /// Always `value`.
    public static func constant(_ value: Double) throws(DistributionError) -> Distribution {
        try require(value.isFinite, "constant", "value", "must be a finite number")
        return Distribution(.constant(value))
    }

    /// Uniform on [low, high).
    public static func uniform(low: Double, high: Double) throws(DistributionError) -> Distribution {
        try require(low.isFinite, "uniform", "low", "must be a finite number")
        try require(high.isFinite && high > low, "uniform", "high", "must be finite and greater than low (\(low))")
        return Distribution(.uniform(low: low, high: high))
    }

    /// Exponential with the given mean (rate 1/mean).
    public static func exponential(mean: Double) throws(DistributionError) -> Distribution {
        try require(mean.isFinite && mean > 0, "exponential", "mean", "must be positive and finite")
        return Distribution(.exponential(mean: mean))
    }

    /// Normal (Gaussian). As a duration it is truncated at zero.
    public static func normal(mean: Double, stddev: Double) throws(DistributionError) -> Distribution {
        try require(mean.isFinite, "normal", "mean", "must be a finite number")
        try require(stddev.isFinite && stddev > 0, "normal", "stddev", "must be positive and finite")
        return Distribution(.normal(mean: mean, stddev: stddev))
    }

    /// Lognormal with the given median and log-space standard deviation `sigma`.
    public static func lognormal(median: Double, sigma: Double) throws(DistributionError) -> Distribution {
        try require(median.isFinite && median > 0, "lognormal", "median", "must be positive and finite")
        try require(sigma.isFinite && sigma > 0, "lognormal", "sigma", "must be positive and finite")
        return Distribution(.lognormal(mu: log(median), sigma: sigma))
    }

    /// Lognormal fitted to a mean and a 99th percentile, the way latencies
    /// are usually quoted.
    ///
    /// Solves mean = exp(mu + sigma²/2) and p99 = exp(mu + z·sigma), z = Φ⁻¹(0.99),
    /// taking the smaller root for sigma. A solution exists when
    /// mean < p99 <= mean · exp(z²/2).
    public static func lognormal(mean: Double, p99: Double) throws(DistributionError) -> Distribution {
        try require(mean.isFinite && mean > 0, "lognormal", "mean", "must be positive and finite")
        try require(p99.isFinite && p99 > mean, "lognormal", "p99", "must be finite and greater than the mean (\(mean))")
        let z = gsl_cdf_ugaussian_Pinv(0.99)
        let d = log(p99 / mean)
        let discriminant = z * z - 2 * d
        try require(discriminant >= 0, "lognormal", "p99",
                    "must be at most mean × \(String(format: "%.1f", exp(z * z / 2))) for a lognormal to fit")
        let sigma = z - discriminant.squareRoot()
        return Distribution(.lognormal(mu: log(mean) - sigma * sigma / 2, sigma: sigma))
    }

    /// Gamma with shape k and scale θ (mean kθ).
    public static func gamma(shape: Double, scale: Double) throws(DistributionError) -> Distribution {
        try require(shape.isFinite && shape > 0, "gamma", "shape", "must be positive and finite")
        try require(scale.isFinite && scale > 0, "gamma", "scale", "must be positive and finite")
        return Distribution(.gamma(shape: shape, scale: scale))
    }

    /// Weibull with scale λ and shape k.
    public static func weibull(scale: Double, shape: Double) throws(DistributionError) -> Distribution {
        try require(scale.isFinite && scale > 0, "weibull", "scale", "must be positive and finite")
        try require(shape.isFinite && shape > 0, "weibull", "shape", "must be positive and finite")
        return Distribution(.weibull(scale: scale, shape: shape))
    }

    /// Pareto (type I) with shape α and minimum `scale`.
    public static func pareto(shape: Double, scale: Double) throws(DistributionError) -> Distribution {
        try require(shape.isFinite && shape > 0, "pareto", "shape", "must be positive and finite")
        try require(scale.isFinite && scale > 0, "pareto", "scale", "must be positive and finite")
        return Distribution(.pareto(shape: shape, scale: scale))
    }

    /// An empirical distribution given by quantile points.
    ///
    /// - Parameter points: (probability, value) pairs; probabilities strictly
    ///   increasing from exactly 0 to exactly 1, values non-decreasing. Draws
    ///   interpolate linearly between neighbouring points.
    public static func empirical(_ points: [(probability: Double, value: Double)]) throws(DistributionError) -> Distribution {
        try require(points.count >= 2, "empirical", "points", "needs at least two (probability, value) points")
        try require(points.first!.probability == 0, "empirical", "points[0].probability", "must be 0")
        try require(points.last!.probability == 1, "empirical", "points[\(points.count - 1)].probability", "must be 1")
        for (i, point) in points.enumerated() {
            try require(point.value.isFinite, "empirical", "points[\(i)].value", "must be a finite number")
            if i > 0 {
                try require(point.probability > points[i - 1].probability, "empirical",
                            "points[\(i)].probability", "must be greater than the one before")
                try require(point.value >= points[i - 1].value, "empirical",
                            "points[\(i)].value", "must not be less than the one before")
            }
        }
        return Distribution(.empirical(probabilities: points.map(\.probability), values: points.map(\.value)))
    }

    private static func require(_ ok: Bool, _ family: String, _ parameter: String, _ requirement: String) throws(DistributionError) {
        if !ok { throw DistributionError(distribution: family, parameter: parameter, requirement: requirement) }
    }

    // MARK: - Draws

    /// One draw.
    public func sample(_ stream: RandomStream) -> Double {
        let r = stream.gslGenerator
        switch kind {
        case .constant(let v): return v
        case .uniform(let low, let high): return gsl_ran_flat(r, low, high)
        // Same algorithm and draws as gsl_ran_exponential, inlined (see shim.h).
        case .exponential(let mean): return cgsl_ran_exponential(r, mean)
        case .normal(let mean, let sd): return mean + gsl_ran_gaussian_ziggurat(r, sd)
        case .lognormal(let mu, let sigma): return gsl_ran_lognormal(r, mu, sigma)
        case .gamma(let shape, let scale): return gsl_ran_gamma(r, shape, scale)
        case .weibull(let scale, let shape): return gsl_ran_weibull(r, scale, shape)
        case .pareto(let shape, let scale): return gsl_ran_pareto(r, shape, scale)
        case .empirical(let ps, let vs): return Self.interpolate(ps, vs, stream.uniform())
        }
    }

    /// One draw read as seconds, as a duration of whole nanoseconds.
    ///
    /// The normal distribution is truncated at zero (drawn from its part
    /// above zero, not clamped); any other negative draw is clamped to zero.
    /// A draw beyond ``SimDuration/longest`` is clamped to it and counted in
    /// the stream's ``RandomStream/clampedDraws``.
    public func sampleDuration(_ stream: RandomStream) -> SimDuration {
        let seconds: Double
        if case .normal(let mean, let sd) = kind {
            seconds = mean + gsl_ran_gaussian_tail(stream.gslGenerator, -mean, sd)
        } else {
            seconds = sample(stream)
        }
        let (duration, clamped) = SimDuration.clamping(seconds: seconds)
        if clamped { stream.clampedDraws += 1 }
        return duration
    }

    /// The largest size a draw may give: 1 GB (10⁹ bytes).
    ///
    /// Chosen so that byte counters (`Int`) cannot overflow within any run
    /// the event budget allows, and a transmission time stays a duration.
    public static let largestSize = 1_000_000_000

    /// One draw read as bytes: rounded, at least `minimum`, and clamped to
    /// ``largestSize`` (a clamp is counted in the stream's
    /// ``RandomStream/clampedDraws``).
    public func sampleSize(_ stream: RandomStream, minimum: Int = 1) -> Int {
        let bytes = sample(stream).rounded()
        if bytes <= Double(Self.largestSize) { return max(minimum, bytes >= 0 ? Int(bytes) : 0) }
        stream.clampedDraws += 1
        return Self.largestSize
    }

    static func interpolate(_ ps: [Double], _ vs: [Double], _ u: Double) -> Double {
        // Binary search for the segment [ps[lo], ps[lo+1]] holding u.
        var lo = 0, hi = ps.count - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if ps[mid] <= u { lo = mid } else { hi = mid }
        }
        let t = (u - ps[lo]) / (ps[hi] - ps[lo])
        return vs[lo] + t * (vs[hi] - vs[lo])
    }

    // MARK: - Moments

    /// The closed-form mean (infinite where it does not exist).
    public var mean: Double {
        switch kind {
        case .constant(let v): return v
        case .uniform(let a, let b): return (a + b) / 2
        case .exponential(let m): return m
        case .normal(let m, _): return m
        case .lognormal(let mu, let s): return exp(mu + s * s / 2)
        case .gamma(let k, let theta): return k * theta
        case .weibull(let l, let k): return l * gsl_sf_gamma(1 + 1 / k)
        case .pareto(let a, let xm): return a > 1 ? a * xm / (a - 1) : .infinity
        case .empirical(let ps, let vs):
            var sum = 0.0
            for i in 1..<ps.count { sum += (ps[i] - ps[i - 1]) * (vs[i] + vs[i - 1]) / 2 }
            return sum
        }
    }

    /// The closed-form variance (infinite where it does not exist).
    public var variance: Double {
        switch kind {
        case .constant: return 0
        case .uniform(let a, let b): return (b - a) * (b - a) / 12
        case .exponential(let m): return m * m
        case .normal(_, let sd): return sd * sd
        case .lognormal(let mu, let s): return (exp(s * s) - 1) * exp(2 * mu + s * s)
        case .gamma(let k, let theta): return k * theta * theta
        case .weibull(let l, let k):
            let g1 = gsl_sf_gamma(1 + 1 / k)
            return l * l * (gsl_sf_gamma(1 + 2 / k) - g1 * g1)
        case .pareto(let a, let xm): return a > 2 ? xm * xm * a / ((a - 1) * (a - 1) * (a - 2)) : .infinity
        case .empirical(let ps, let vs):
            var second = 0.0
            for i in 1..<ps.count {
                let a = vs[i - 1], b = vs[i]
                second += (ps[i] - ps[i - 1]) * (a * a + a * b + b * b) / 3
            }
            let m = mean
            return second - m * m
        }
    }
}

extension Distribution: CustomStringConvertible {
    public var description: String {
        switch kind {
        case .constant(let v): return "constant(\(v))"
        case .uniform(let a, let b): return "uniform(low: \(a), high: \(b))"
        case .exponential(let m): return "exponential(mean: \(m))"
        case .normal(let m, let sd): return "normal(mean: \(m), stddev: \(sd))"
        case .lognormal(let mu, let s): return "lognormal(mu: \(mu), sigma: \(s))"
        case .gamma(let k, let t): return "gamma(shape: \(k), scale: \(t))"
        case .weibull(let l, let k): return "weibull(scale: \(l), shape: \(k))"
        case .pareto(let a, let xm): return "pareto(shape: \(a), scale: \(xm))"
        case .empirical(let ps, let vs): return "empirical(\(zip(ps, vs).map { "\($0):\($1)" }.joined(separator: ", ")))"
        }
    }
}
