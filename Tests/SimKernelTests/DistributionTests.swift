import CGSL
import Foundation
import Testing
@testable import SimKernel

/// Sample mean and variance of `n` draws, through GSL's running statistics.
func moments(_ n: Int, _ draw: () -> Double) -> (mean: Double, variance: Double) {
    let w = gsl_rstat_alloc()!
    defer { gsl_rstat_free(w) }
    for _ in 0..<n { gsl_rstat_add(draw(), w) }
    return (gsl_rstat_mean(w), gsl_rstat_variance(w))
}

func relativeError(_ got: Double, _ want: Double) -> Double { abs(got - want) / abs(want) }

@Suite("Distribution")
struct DistributionTests {
    static let draws = 2_000_000

    static let cases: [(String, Distribution)] = [
        ("uniform", try! .uniform(low: -1, high: 3)),
        ("exponential", try! .exponential(mean: 0.25)),
        ("normal", try! .normal(mean: 5, stddev: 2)),
        ("lognormal-median", try! .lognormal(median: 0.1, sigma: 0.5)),
        ("lognormal-mean-p99", try! .lognormal(mean: 0.05, p99: 0.2)),
        ("gamma", try! .gamma(shape: 2, scale: 3)),
        ("weibull", try! .weibull(scale: 2, shape: 1.5)),
        ("pareto", try! .pareto(shape: 10, scale: 1)),
        ("empirical", try! .empirical([(0, 1), (0.5, 2), (0.9, 5), (0.99, 20), (1, 40)])),
    ]

    @Test("sample mean and variance match the closed form within 1%", arguments: cases)
    func momentsMatch(name: String, distribution: Distribution) {
        let stream = RandomStream(name: "test/distribution/\(name)", masterSeed: 2026)
        let m = moments(Self.draws) { distribution.sample(stream) }
        #expect(relativeError(m.mean, distribution.mean) < 0.01, "mean \(m.mean) vs \(distribution.mean)")
        #expect(relativeError(m.variance, distribution.variance) < 0.01, "variance \(m.variance) vs \(distribution.variance)")
    }

    @Test("closed forms themselves are right for known cases")
    func closedForms() throws {
        #expect(try Distribution.exponential(mean: 2).variance == 4)
        #expect(try Distribution.uniform(low: 0, high: 12).variance == 12)
        #expect(try Distribution.gamma(shape: 2, scale: 3).mean == 6)
        // Weibull with shape 1 is exponential with mean = scale.
        #expect(abs(try Distribution.weibull(scale: 2, shape: 1).mean - 2) < 1e-12)
        #expect(abs(try Distribution.weibull(scale: 2, shape: 1).variance - 4) < 1e-12)
        #expect(try Distribution.pareto(shape: 1, scale: 1).mean == .infinity)
        #expect(try Distribution.empirical([(0, 0), (1, 1)]).mean == 0.5)
    }

    @Test("a constant has no spread")
    func constant() throws {
        let d = try Distribution.constant(0.04)
        let s = RandomStream(name: "c", masterSeed: 1)
        let m = moments(1_000) { d.sample(s) }
        #expect(m.mean == 0.04)
        #expect(m.variance == 0)
        #expect(d.sampleDuration(s) == .milliseconds(40))
    }

    @Test("lognormal fitted to mean and p99 has that mean and that 99th percentile")
    func lognormalFit() throws {
        let d = try Distribution.lognormal(mean: 0.05, p99: 0.2)
        guard case .lognormal(let mu, let sigma) = d.kind else { Issue.record("wrong kind"); return }
        #expect(abs(d.mean - 0.05) < 1e-12)
        #expect(abs(gsl_cdf_lognormal_Pinv(0.99, mu, sigma) - 0.2) < 1e-9)
    }

    @Test("a normal duration is truncated at zero, with the truncated normal's moments")
    func truncatedNormalDuration() throws {
        let mu = 0.01, sd = 0.01
        let d = try Distribution.normal(mean: mu, stddev: sd)
        let s = RandomStream(name: "test/truncated", masterSeed: 4)
        var negatives = 0
        let m = moments(Self.draws) {
            let x = d.sampleDuration(s)
            if x < .zero { negatives += 1 }
            return x.seconds
        }
        #expect(negatives == 0)
        // Closed form for N(mu, sd) conditioned on X >= 0.
        let alpha = -mu / sd
        let lambda = gsl_ran_ugaussian_pdf(alpha) / gsl_cdf_ugaussian_Q(alpha)
        let mean = mu + sd * lambda
        let variance = sd * sd * (1 + alpha * lambda - lambda * lambda)
        #expect(relativeError(m.mean, mean) < 0.01, "mean \(m.mean) vs \(mean)")
        #expect(relativeError(m.variance, variance) < 0.01, "variance \(m.variance) vs \(variance)")
    }

    @Test("the inlined exponential draws the same law as gsl_ran_exponential")
    func inlinedExponential() throws {
        let d = try Distribution.exponential(mean: 1)
        let ours = RandomStream(name: "e", masterSeed: 8)
        let theirs = RandomStream(name: "e2", masterSeed: 8)
        let a = moments(Self.draws) { d.sample(ours) }
        let b = moments(Self.draws) { gsl_ran_exponential(theirs.gslGenerator, 1) }
        #expect(relativeError(a.mean, b.mean) < 0.01)
        #expect(relativeError(a.variance, b.variance) < 0.01)
    }

    /// Invalid parameter sets, each with the family and parameter its error must name.
    static let invalid: [(family: String, parameter: String, build: Int)] = [
        ("exponential", "mean", 0), ("exponential", "mean", 1), ("uniform", "high", 2),
        ("uniform", "low", 3), ("normal", "stddev", 4), ("normal", "mean", 5),
        ("lognormal", "median", 6), ("lognormal", "sigma", 7), ("lognormal", "p99", 8),
        ("lognormal", "p99", 9), ("gamma", "shape", 10), ("gamma", "scale", 11),
        ("weibull", "scale", 12), ("weibull", "shape", 13), ("pareto", "shape", 14),
        ("pareto", "scale", 15), ("constant", "value", 16), ("empirical", "points", 17),
        ("empirical", "points[0].probability", 18), ("empirical", "points[1].probability", 19),
        ("empirical", "points[1].value", 20), ("empirical", "points[1].probability", 21),
    ]

    static func buildInvalid(_ i: Int) throws -> Distribution {
        switch i {
        case 0: return try .exponential(mean: 0)
        case 1: return try .exponential(mean: .nan)
        case 2: return try .uniform(low: 2, high: 1)
        case 3: return try .uniform(low: -.infinity, high: 1)
        case 4: return try .normal(mean: 1, stddev: -1)
        case 5: return try .normal(mean: .infinity, stddev: 1)
        case 6: return try .lognormal(median: 0, sigma: 1)
        case 7: return try .lognormal(median: 1, sigma: 0)
        case 8: return try .lognormal(mean: 1, p99: 0.5)
        case 9: return try .lognormal(mean: 1, p99: 1_000)
        case 10: return try .gamma(shape: 0, scale: 1)
        case 11: return try .gamma(shape: 1, scale: -2)
        case 12: return try .weibull(scale: 0, shape: 1)
        case 13: return try .weibull(scale: 1, shape: 0)
        case 14: return try .pareto(shape: -1, scale: 1)
        case 15: return try .pareto(shape: 1, scale: 0)
        case 16: return try .constant(.nan)
        case 17: return try .empirical([(0, 1)])
        case 18: return try .empirical([(0.1, 1), (1, 2)])
        case 19: return try .empirical([(0, 1), (0.9, 2)])
        case 20: return try .empirical([(0, 3), (1, 2)])
        default: return try .empirical([(0, 1), (0, 2), (1, 3)])
        }
    }

    @Test("invalid parameters are typed errors naming the parameter", arguments: invalid)
    func rejects(family: String, parameter: String, build: Int) {
        #expect {
            _ = try Self.buildInvalid(build)
        } throws: { error in
            guard let e = error as? DistributionError else { return false }
            return e.distribution == family && e.parameter == parameter && e.description.hasPrefix("\(family): \(parameter)")
        }
    }
}

@Suite("Clamped draws")
struct ClampedDrawTests {
    @Test("a duration draw beyond the longest duration is clamped and counted, never trapped on")
    func durationClamp() throws {
        let stream = RandomStream(name: "clamp", masterSeed: 1)
        let wild = try Distribution.lognormal(median: 1, sigma: 60)
        var clamped = 0
        for _ in 0..<1_000 {
            let d = wild.sampleDuration(stream)
            #expect(d >= .zero && d <= .longest)
            if d == .longest { clamped += 1 }
        }
        #expect(clamped > 0)
        #expect(stream.clampedDraws == clamped)
    }

    @Test("a size draw beyond the largest size is clamped and counted")
    func sizeClamp() throws {
        let stream = RandomStream(name: "clamp-size", masterSeed: 1)
        let wild = try Distribution.pareto(shape: 0.05, scale: 1_000)
        let sizes = (0..<1_000).map { _ in wild.sampleSize(stream) }
        #expect(sizes.allSatisfy { $0 >= 1 && $0 <= Distribution.largestSize })
        #expect(stream.clampedDraws == sizes.filter { $0 == Distribution.largestSize }.count)
        #expect(stream.clampedDraws > 0)
    }

    @Test("ordinary draws are never clamped")
    func noClamp() throws {
        let stream = RandomStream(name: "plain", masterSeed: 1)
        let d = try Distribution.lognormal(median: 0.025, sigma: 0.25)
        for _ in 0..<1_000 { _ = d.sampleDuration(stream) }
        #expect(stream.clampedDraws == 0)
    }
}
