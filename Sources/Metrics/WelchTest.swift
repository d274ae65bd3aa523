import CGSL

/// Welch's t-test on two samples given by their size, mean and standard
/// deviation (as summary.csv holds them): does the mean differ, without
/// assuming equal variances?
///
/// t = (m₂ − m₁) / √(s₁²/n₁ + s₂²/n₂), with the Welch–Satterthwaite degrees
/// of freedom; the tail probabilities come from GSL (`gsl_cdf_tdist_P`,
/// `gsl_cdf_tdist_Q`).
public enum WelchTest {
    /// Which alternative the p-value is for.
    public enum Tail: Sendable, Hashable {
        /// The second mean is larger.
        case greater
        /// The second mean is smaller.
        case less
        /// The means differ either way.
        case twoSided
    }

    /// One sample: size, mean, sample standard deviation.
    public typealias Sample = (n: Int, mean: Double, stddev: Double)

    /// The p-value of `second` against `first` under `tail`.
    ///
    /// With no spread on either side the test degenerates: p is 1 when the
    /// means are equal (or moved the other way) and 0 otherwise.
    ///
    /// - Precondition: both samples have at least two values.
    public static func pValue(_ first: Sample, _ second: Sample, tail: Tail) -> Double {
        precondition(first.n >= 2 && second.n >= 2, "Welch's test needs two values on each side")
        let v1 = first.stddev * first.stddev / Double(first.n)
        let v2 = second.stddev * second.stddev / Double(second.n)
        let se2 = v1 + v2
        let difference = second.mean - first.mean
        guard se2 > 0, se2.isFinite else {
            switch tail {
            case .greater: return difference > 0 ? 0 : 1
            case .less: return difference < 0 ? 0 : 1
            case .twoSided: return difference != 0 ? 0 : 1
            }
        }
        let t = difference / se2.squareRoot()
        let df = se2 * se2 / (v1 * v1 / Double(first.n - 1) + v2 * v2 / Double(second.n - 1))
        switch tail {
        case .greater: return gsl_cdf_tdist_Q(t, df)
        case .less: return gsl_cdf_tdist_P(t, df)
        case .twoSided: return min(1, 2 * gsl_cdf_tdist_Q(abs(t), df))
        }
    }
}
