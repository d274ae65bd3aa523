import CGSL
import Foundation

/// Mean, standard deviation and a Student-t 95% interval of one metric over
/// repetitions.
public struct Summary: Sendable, Hashable {
    public var n: Int
    public var mean: Double
    /// Sample standard deviation (n − 1 in the denominator); 0 when n = 1.
    public var stddev: Double
    public var ci95Low: Double
    public var ci95High: Double

    /// Summarises `values` in the order given.
    ///
    /// With one value the interval collapses to it; the t quantile comes from
    /// GSL (`gsl_cdf_tdist_Pinv(0.975, n − 1)`).
    public init(_ values: [Double]) {
        n = values.count
        guard n > 0 else {
            mean = .nan; stddev = .nan; ci95Low = .nan; ci95High = .nan
            return
        }
        var sum = 0.0
        for v in values { sum += v }
        mean = sum / Double(n)
        guard n > 1 else {
            stddev = 0; ci95Low = mean; ci95High = mean
            return
        }
        var squares = 0.0
        for v in values { squares += (v - mean) * (v - mean) }
        stddev = (squares / Double(n - 1)).squareRoot()
        let t = gsl_cdf_tdist_Pinv(0.975, Double(n - 1))
        let half = t * stddev / Double(n).squareRoot()
        ci95Low = mean - half
        ci95High = mean + half
    }
}
