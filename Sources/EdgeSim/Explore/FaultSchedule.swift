import Foundation
import Scenario
import SimKernel
import SimNetwork

/// The kinds of fault an exploration draws from. A swarm campaign enables a
/// random subset of them per seed, so that some schedules hammer one
/// mechanism and others mix several.
///
/// A one-way cut is not among them: the network model cuts connections in
/// both directions only.
public enum ExploredFaultKind: String, CaseIterable, Sendable, Hashable {
    case cut
    case partition
    case crash
    case degrade
    case clock
}

/// One fault of an explored schedule: its kind and target, when it starts and
/// how long it lasts. A clock fault is undone (offset and drift back to zero)
/// when it ends, so every fault is cleared before the heal phase.
public struct ExploredFault: Sendable, Hashable {
    /// The fault as the scenario format has it (its duration unused for a clock).
    public var kind: FaultSpec.Kind
    public var at: SimDuration
    public var length: SimDuration

    /// Its name among ``ExploredFaultKind``.
    public var kindName: ExploredFaultKind {
        switch kind {
        case .cut: return .cut
        case .partition: return .partition
        case .crash: return .crash
        case .degrade: return .degrade
        case .clock: return .clock
        }
    }

    /// When it is cleared.
    public var end: SimDuration { at + length }

    /// The scenario's faults for it: one, or two for a clock (set, then reset).
    public var specs: [FaultSpec] {
        if case .clock(let node, _, _) = kind {
            return [FaultSpec(at: at, duration: nil, kind: kind),
                    FaultSpec(at: end, duration: nil, kind: .clock(node, offset: .zero, driftPPM: 0))]
        }
        return [FaultSpec(at: at, duration: length, kind: kind)]
    }
}

/// Draws random fault schedules over a scenario's topology, deterministically
/// per seed: the faults of the fault phase, which ends a heal phase before
/// the end of the run.
public struct FaultScheduleGenerator: Sendable {
    /// Nodes that may crash, skew or be partitioned: stores (every server),
    /// regional aggregators and cloud nodes (cameras hold no replica).
    let serverNodes: [String]
    /// Connections that may be cut or degraded (not a camera's link).
    let connections: [(a: String, b: String)]
    /// Per region: its store servers and its aggregator.
    let regions: [[String]]
    /// The fault phase: [start, end).
    public let phaseStart: SimDuration
    public let phaseEnd: SimDuration
    public let maxFaults: Int

    public init(scenario: Scenario, topology: Topology, heal: SimDuration, maxFaults: Int = 6) {
        let servers = topology.nodes.filter { $0.tier != .device }
        serverNodes = servers.map(\.name)
        connections = topology.connections.compactMap { c in
            topology[c.a].tier == .device || topology[c.b].tier == .device ? nil : (topology[c.a].name, topology[c.b].name)
        }
        regions = (0..<scenario.topology.regions).map { r in
            servers.filter { $0.region == r && $0.tier != .cloud }.map(\.name)
        }
        phaseStart = scenario.warmup
        phaseEnd = max(scenario.warmup, scenario.duration - heal)
        self.maxFaults = maxFaults
    }

    /// The kinds this topology offers.
    public var availableKinds: [ExploredFaultKind] {
        ExploredFaultKind.allCases.filter { kind in
            switch kind {
            case .cut, .degrade: return !connections.isEmpty
            case .partition: return regions.contains { $0.count >= 2 }
            case .crash, .clock: return !serverNodes.isEmpty
            }
        }
    }

    /// The schedule of `seed`: the kinds enabled and the faults drawn.
    public func schedule(seed: UInt64) -> (kinds: [ExploredFaultKind], faults: [ExploredFault]) {
        let stream = RandomStream(name: "explore/schedule", masterSeed: seed, generator: .taus2)
        let offered = availableKinds
        guard !offered.isEmpty, phaseEnd - phaseStart >= .seconds(2) else { return ([], []) }
        // Swarm: each kind on with probability one half, at least one.
        var kinds = offered.filter { _ in stream.uniform() < 0.5 }
        if kinds.isEmpty { kinds = [offered[stream.uniformInt(below: offered.count)]] }
        let count = 1 + stream.uniformInt(below: maxFaults)
        let phase = (phaseEnd - phaseStart).nanoseconds
        var faults: [ExploredFault] = []
        for _ in 0..<count {
            let kind = kinds[stream.uniformInt(below: kinds.count)]
            // Whole milliseconds, so that the reproducer's YAML says exactly what ran.
            let startMs = Int64(stream.uniform() * Double(phase / 1_000_000 - 1_000))
            let at = phaseStart + .milliseconds(startMs)
            let room = (phaseEnd - at).nanoseconds / 1_000_000
            let lengthMs = 1_000 + Int64(stream.uniform() * Double(max(0, min(room, phase / 2_000_000) - 1_000)))
            faults.append(ExploredFault(kind: draw(kind, stream), at: at, length: .milliseconds(lengthMs)))
        }
        return (kinds, faults)
    }

    private func pick<T>(_ items: [T], _ stream: RandomStream) -> T { items[stream.uniformInt(below: items.count)] }

    private func round(_ x: Double) -> Double { (x * 1_000).rounded() / 1_000 }

    private func draw(_ kind: ExploredFaultKind, _ stream: RandomStream) -> FaultSpec.Kind {
        switch kind {
        case .cut:
            let c = pick(connections, stream)
            return .cut(LinkRef(a: c.a, b: c.b))
        case .degrade:
            let c = pick(connections, stream)
            return .degrade(LinkRef(a: c.a, b: c.b), latencyFactor: round(1 + 19 * stream.uniform()),
                            bandwidthFactor: round(0.05 + 0.95 * stream.uniform()), extraLoss: round(0.5 * stream.uniform()))
        case .partition:
            let region = pick(regions.filter { $0.count >= 2 }, stream)
            var a: [String] = [], b: [String] = []
            for node in region { if stream.uniform() < 0.5 { a.append(node) } else { b.append(node) } }
            if a.isEmpty { a.append(b.removeLast()) }
            if b.isEmpty { b.append(a.removeLast()) }
            return .partition(a, b)
        case .crash:
            return .crash(pick(serverNodes, stream))
        case .clock:
            let offsetMs = Int64((stream.uniform() * 2 - 1) * 5_000)
            return .clock(pick(serverNodes, stream), offset: .milliseconds(offsetMs),
                          driftPPM: (stream.uniform() * 400 - 200).rounded())
        }
    }
}
