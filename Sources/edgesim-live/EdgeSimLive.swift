import ArgumentParser
import LiveReplication
import SimKernel
import Workloads

/// Runs the probe experiment live on loopback, or in the simulator with the
/// same settings, and prints its metrics as `name,unit,value` lines.
@main
struct EdgeSimLive: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edgesim-live",
        abstract: "The probe experiment on a live loopback cluster (SwiftNIO), or simulated with the same settings.")

    @Option(help: "live or sim.") var mode = "live"
    @Option(help: "Replicas.") var replicas = 3
    @Option(help: "N.") var n = 3
    @Option(help: "R.") var r = 1
    @Option(help: "W.") var w = 1
    @Option(help: "Mean of the exponential latency of every leg, ms.") var meanMs = 5.0
    @Option(help: "Probes.") var probes = 1_000
    @Option(help: "Milliseconds between probes.") var intervalMs: Int64 = 50
    @Option(help: "Probe delays, ms, comma-separated.") var delaysMs = "0,1,10,100"
    @Option(help: "Cut replica 0 from the clients from this second...") var cutFrom: Double?
    @Option(help: "...until this second.") var cutUntil: Double?
    @Option(help: "Seed.") var seed: UInt64 = 1

    func run() throws {
        var settings = ProbeSettings(leg: try .exponential(mean: meanMs / 1_000))
        settings.replicas = replicas
        settings.replicationFactor = n
        settings.readQuorum = r
        settings.writeQuorum = w
        settings.probes = probes
        settings.probeInterval = .milliseconds(intervalMs)
        settings.delays = delaysMs.split(separator: ",").map { SimDuration(seconds: Double($0)! / 1_000) }
        var cut: LiveCut?
        if let from = cutFrom, let until = cutUntil {
            cut = LiveCut(replica: 0, from: SimDuration(seconds: from), until: SimDuration(seconds: until))
            settings.cutWindow = cut.map { ProbeCut(replica: $0.replica, from: $0.from, until: $0.until) }
        }
        let metrics: [MetricValue]
        if mode == "sim" {
            var world = try ProbeWorld(settings: settings, seed: seed)
            metrics = world.run().metrics
        } else {
            metrics = try LiveCluster(settings: settings, cut: cut, seed: seed).run().metrics
        }
        for m in metrics { print("\(m.name),\(m.unit),\(m.value.text)") }
    }
}

import Metrics
