import CGSL
import Foundation

extension Distribution {
    /// The upper-tail probability at which validation reads a distribution's
    /// far tail: a run draws far fewer than 10¹² values from one
    /// distribution, so a tail beyond this quantile is practically never met
    /// (and is clamped at run time when it is).
    public static let farTailProbability = 1e-12

    /// The value exceeded with probability `upper` (the quantile 1 − upper);
    /// infinite when it exceeds `Double`'s range.
    ///
    /// - Precondition: `upper` lies in (0, 1).
    public func quantile(upper q: Double) -> Double {
        precondition(q > 0 && q < 1, "an upper-tail probability lies in (0, 1)")
        cgsl_disable_abort()
        switch kind {
        case .constant(let v): return v
        case .uniform(let low, let high): return high - q * (high - low)
        case .exponential(let mean): return gsl_cdf_exponential_Qinv(q, mean)
        case .normal(let mean, let sd): return mean + gsl_cdf_gaussian_Qinv(q, sd)
        case .lognormal(let mu, let sigma): return exp(mu + sigma * gsl_cdf_ugaussian_Qinv(q))
        case .gamma(let shape, let scale): return scale * gsl_cdf_gamma_Qinv(q, shape, 1)
        case .weibull(let scale, let shape): return scale * pow(-log(q), 1 / shape)
        case .pareto(let shape, let scale): return scale * pow(q, -1 / shape)
        case .empirical(_, let values): return values.last!
        }
    }

    /// The far tail: the quantile 1 − ``farTailProbability``.
    public var farTail: Double { quantile(upper: Self.farTailProbability) }

    /// The parameter to change so that the far tail stays at or below
    /// `limit`, and the bound it must respect.
    public struct TailAdvice: Hashable, Sendable {
        /// The parameter's name as the scenario format spells it ("sigma", "shape", "mean").
        public var parameter: String
        /// The largest acceptable value (or the smallest, when `isMinimum`).
        public var bound: Double
        /// Whether `bound` is a minimum (a Pareto or Weibull shape) rather than a maximum.
        public var isMinimum: Bool
        /// Whether the parameter is a plain number (sigma, shape) rather than
        /// a value in the distribution's unit.
        public var isDimensionless: Bool
    }

    /// Which parameter bounds the far tail below `limit`, and its bound,
    /// the other parameters held; nil when the tail is already within it.
    public func tailAdvice(limit: Double) -> TailAdvice? {
        guard !(farTail <= limit) else { return nil }
        let q = Self.farTailProbability
        let logQ = -log(q)   // ln 10¹²
        func most(_ name: String, _ v: Double) -> TailAdvice { TailAdvice(parameter: name, bound: v, isMinimum: false, isDimensionless: false) }
        switch kind {
        case .constant: return most("value", limit)
        case .uniform: return most("high", limit)
        case .exponential: return most("mean", limit / logQ)
        case .normal(let mean, _):
            let z = gsl_cdf_ugaussian_Qinv(q)
            return limit > mean ? most("stddev", (limit - mean) / z) : most("mean", limit)
        case .lognormal(let mu, _):
            let z = gsl_cdf_ugaussian_Qinv(q)
            if log(limit) > mu {
                return TailAdvice(parameter: "sigma", bound: (log(limit) - mu) / z, isMinimum: false, isDimensionless: true)
            }
            return most("median", limit)
        case .gamma(let shape, _): return most("scale", limit / gsl_cdf_gamma_Qinv(q, shape, 1))
        case .weibull(let scale, let shape):
            if limit > scale {
                return TailAdvice(parameter: "shape", bound: log(logQ) / log(limit / scale), isMinimum: true, isDimensionless: true)
            }
            return most("scale", limit / pow(logQ, 1 / shape))
        case .pareto(let shape, let scale):
            if limit > scale {
                return TailAdvice(parameter: "shape", bound: logQ / log(limit / scale), isMinimum: true, isDimensionless: true)
            }
            return most("scale", limit * pow(q, 1 / shape))
        case .empirical(_, let values): return most("points[\(values.count - 1)].value", limit)
        }
    }
}
