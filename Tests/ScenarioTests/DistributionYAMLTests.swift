import Foundation
import Testing
import SimKernel
@testable import Scenario

@Suite("Distributions in YAML")
struct DistributionYAMLTests {
    /// The store_region latency written as `latency`.
    func latency(_ text: String) throws -> Distribution {
        try scenario(base.replacingOccurrences(of: "{latency: 10ms, bandwidth: 100Mbps}",
                                               with: "{bandwidth: 100Mbps, latency: \(text)}")).topology.storeRegion.latency
    }

    func latencyIssues(_ text: String) -> [ScenarioIssue] {
        issues(base.replacingOccurrences(of: "{latency: 10ms, bandwidth: 100Mbps}",
                                         with: "{bandwidth: 100Mbps, latency: \(text)}"))
    }

    @Test("each family reads its parameters, durations in seconds", arguments: [
        ("150ms", try! Distribution.constant(0.15)),
        ("{distribution: constant, value: 3ms}", try! .constant(0.003)),
        ("{distribution: lognormal, median: 25ms, sigma: 0.25}", try! .lognormal(median: 0.025, sigma: 0.25)),
        ("{distribution: lognormal, mean: 20ms, p99: 80ms}", try! .lognormal(mean: 0.020, p99: 0.080)),
        ("{distribution: exponential, mean: 5ms}", try! .exponential(mean: 0.005)),
        ("{distribution: normal, mean: 10ms, stddev: 2ms}", try! .normal(mean: 0.010, stddev: 0.002)),
        ("{distribution: uniform, low: 1ms, high: 3ms}", try! .uniform(low: 0.001, high: 0.003)),
        ("{distribution: gamma, shape: 2, scale: 5ms}", try! .gamma(shape: 2, scale: 0.005)),
        ("{distribution: weibull, scale: 5ms, shape: 1.5}", try! .weibull(scale: 0.005, shape: 1.5)),
        ("{distribution: pareto, shape: 2.5, scale: 1ms}", try! .pareto(shape: 2.5, scale: 0.001)),
        ("{distribution: empirical, points: [[0, 1ms], [0.5, 2ms], [1, 9ms]]}",
         try! .empirical([(0, 0.001), (0.5, 0.002), (1, 0.009)])),
    ])
    func families(text: String, expected: Distribution) throws {
        #expect(try latency(text) == expected)
    }

    @Test("block style works as well as flow style")
    func blockStyle() throws {
        let s = try scenario(base + """
            workload:
              restock_delay:
                distribution: gamma
                shape: 3
                scale: 5m
              frame_size:
                distribution: uniform
                low: 100KB
                high: 1MiB

            """)
        #expect(s.workload.restockDelay == (try Distribution.gamma(shape: 3, scale: 300)))
        #expect(s.workload.frameBytes == (try Distribution.uniform(low: 100_000, high: 1_048_576)))
    }

    @Test("sizes read in bytes; a constant size is a scalar")
    func sizes() throws {
        let s = try scenario(base + "workload:\n  frame_size: 150KB\n")
        #expect(s.workload.frameBytes == (try Distribution.constant(150_000)))
        let d = issue(base + "workload:\n  frame_size: {distribution: exponential, mean: 20ms}\n")
        #expect(d?.keyPath == "workload.frame_size.mean")
        #expect(d?.kind == .badUnit)
        #expect(d?.message == "\"20ms\" is not a size; write e.g. \"512B\", \"200KB\", \"1.5MB\" or \"1MiB\"")
    }

    @Test("invalid parameters are located at the parameter", arguments: [
        ("{distribution: uniform, low: 3ms, high: 1ms}", "topology.links.store_region.latency.high",
         "uniform: high must be finite and greater than low (0.003)"),
        ("{distribution: lognormal, median: 25ms, sigma: 0}", "topology.links.store_region.latency.sigma",
         "lognormal: sigma must be positive and finite"),
        ("{distribution: lognormal, mean: 20ms, p99: 10ms}", "topology.links.store_region.latency.p99",
         "lognormal: p99 must be finite and greater than the mean (0.02)"),
        ("{distribution: exponential, mean: 0ms}", "topology.links.store_region.latency.mean",
         "exponential: mean must be positive and finite"),
        ("{distribution: gamma, shape: -1, scale: 5ms}", "topology.links.store_region.latency.shape",
         "gamma: shape must be positive and finite"),
        ("{distribution: empirical, points: [[0, 1ms], [0.5, 2ms], [0.9, 9ms]]}", "topology.links.store_region.latency.points[2]",
         "empirical: points[2].probability must be 1"),
        ("{distribution: empirical, points: [[0, 5ms], [1, 2ms]]}", "topology.links.store_region.latency.points[1]",
         "empirical: points[1].value must not be less than the one before"),
    ])
    func invalid(text: String, path: String, message: String) {
        let found = latencyIssues(text)
        #expect(found.count == 1)
        #expect(found.first?.keyPath == path)
        #expect(found.first?.line == 9)
        #expect(found.first?.kind == .invalidDistribution)
        #expect(found.first?.message == message)
    }

    @Test("wrong keys and families", arguments: [
        ("{distribution: lognormal, median: 25ms, sigma: 0.25, p99: 80ms}", "topology.links.store_region.latency",
         "a lognormal takes either median and sigma, or mean and p99, not both"),
        ("{distribution: lognormal, median: 25ms}", "topology.links.store_region.latency.sigma",
         "required key is missing (a number)"),
        ("{distribution: normal, mean: 10ms, stdev: 2ms}", "topology.links.store_region.latency.stdev",
         "unknown key; did you mean `stddev`?"),
        ("{distribution: normal, mean: 10ms, stddev: 2ms, shape: 2}", "topology.links.store_region.latency.shape",
         "a normal distribution has no `shape`; it takes mean, stddev"),
        ("{distribution: lognormale, median: 25ms, sigma: 0.25}", "topology.links.store_region.latency.distribution",
         "\"lognormale\" is not a distribution; did you mean `lognormal`?"),
        ("{median: 25ms, sigma: 0.25}", "topology.links.store_region.latency.distribution",
         "required key is missing (one of constant, lognormal, exponential, normal, uniform, gamma, weibull, pareto, empirical)"),
        ("{distribution: exponential, mean: 5}", "topology.links.store_region.latency.mean",
         "duration \"5\" needs a unit: ns, us, ms, s, m, h or d (as in \"150ms\" or \"2.5s\")"),
        ("{distribution: gamma, shape: two, scale: 5ms}", "topology.links.store_region.latency.shape",
         "expected a number, found \"two\""),
        ("{distribution: empirical, points: [[0, 1ms], [1]]}", "topology.links.store_region.latency.points[1]",
         "expected a [probability, value] pair, found a list"),
        ("[1ms, 2ms]", "topology.links.store_region.latency",
         "expected a duration such as \"150ms\" or a distribution, found a list"),
    ])
    func wrongKeys(text: String, path: String, message: String) {
        let found = latencyIssues(text)
        #expect(found.count == 1)
        #expect(found.first?.keyPath == path)
        #expect(found.first?.line == 9)
        #expect(found.first?.message == message)
    }
}
