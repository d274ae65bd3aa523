import EdgeBase
import Foundation
import Testing
@testable import Scheduling

/// Explanation records: complete, consistent with the decision, and encoded
/// as deterministic one-line JSON.
@Suite("Explanations")
struct ExplanationTests {
    /// A batch of varied workloads on the fixture, explained at `level`.
    static func explainedBatch(_ level: SchedulerConfiguration.ExplanationLevel) throws -> (Scheduler, [PlacementExplanation]) {
        var f = Fixture { id, node in if id == Fixture.s0device0 { node.allocated = Resources(milliCPU: 3_500, memoryMiB: 0) } }
        let planogram = try f.cluster.addDataset(Dataset(name: "planogram", nodes: [Fixture.aggregator, Fixture.s0edge]))
        var withDataset = Fixture.camera(f.camera1, residency: .region)
        withDataset.dataset = planogram
        let specs = [
            Fixture.camera(f.camera0),
            Fixture.camera(f.camera0, cpu: 3_000, degradedCPU: 500, replicas: 2),
            Fixture.camera(f.camera1, budget: .milliseconds(20), residency: .region),
            withDataset,
            WorkloadRequest(name: "inventory", resources: Resources(milliCPU: 2_000, memoryMiB: 4_096), replicas: 3, allowedTiers: [.regional, .cloud]),
            Fixture.camera(f.camera0, cpu: 20_000, degradedCPU: 400),  // only degraded, on device 0's last 500 m
        ]
        var s = try Scheduler(cluster: f.cluster, configuration: SchedulerConfiguration.edgeAware.explaining(level))
        try s.submit(contentsOf: specs, at: LocalTime(nanoseconds: 5))
        return (s, s.takeExplanations())
    }

    @Test("with every node listed, each step gives each node exactly one verdict")
    func everyNode() throws {
        let (s, records) = try Self.explainedBatch(.allNodes)
        #expect(records.count == 1 + 2 + 1 + 1 + 3 + 1)  // one per replica
        for record in records {
            #expect(!record.steps.isEmpty)
            for step in record.steps {
                #expect(step.nodes.map(\.node) == (0..<Fixture.nodeCount).map(ClusterNodeID.init))
                #expect(step.pruned == 0)
                let feasible = step.nodes.filter { if case .feasible = $0.verdict { true } else { false } }
                #expect(feasible.count == step.feasible)
                if let chosen = step.chosen { #expect(feasible.contains { $0.node == chosen }) }
            }
            // The outcome is the placement the scheduler made.
            if case let .placed(node, mode) = record.outcome {
                #expect(s.placement(of: record.replica)?.node == node)
                #expect(s.placement(of: record.replica)?.mode == mode)
                #expect(record.steps.last?.chosen == node)
            } else {
                #expect(s.placement(of: record.replica) == nil)
            }
        }
        #expect(records.contains { $0.outcome == .unschedulable })
        #expect(records.contains { if case .placed(_, .degraded) = $0.outcome { true } else { false } })
    }

    @Test("listing candidates only: listed plus pruned is every node, and pruned nodes are ones a filter rejects")
    func candidatesAccountForEveryNode() throws {
        let (_, all) = try Self.explainedBatch(.allNodes)
        let (_, candidates) = try Self.explainedBatch(.candidates)
        #expect(all.count == candidates.count)
        for (full, short) in zip(all, candidates) {
            #expect(full.outcome == short.outcome)
            #expect(full.steps.count == short.steps.count)
            for (fullStep, shortStep) in zip(full.steps, short.steps) {
                #expect(shortStep.nodes.count + shortStep.pruned == Fixture.nodeCount)
                #expect(fullStep.feasible == shortStep.feasible)
                #expect(fullStep.chosen == shortStep.chosen)
                let listed = Set(shortStep.nodes.map(\.node))
                for evaluation in fullStep.nodes where !listed.contains(evaluation.node) {
                    guard case .rejected = evaluation.verdict else {
                        Issue.record("pruned node \(evaluation.node) was feasible")
                        continue
                    }
                }
                // A listed node gets the same verdict either way.
                for evaluation in shortStep.nodes {
                    #expect(fullStep.nodes.first { $0.node == evaluation.node } == evaluation)
                }
            }
        }
    }

    @Test("explanations are off by default and cost nothing then")
    func offByDefault() throws {
        let f = Fixture()
        var s = try Scheduler(cluster: f.cluster)
        try s.submit(Fixture.camera(f.camera0), at: .zero)
        #expect(s.configuration.explanations == .off)
        #expect(s.takeExplanations().isEmpty)
    }

    @Test("the JSON line is byte-for-byte the documented encoding")
    func golden() throws {
        var cluster = ClusterSnapshot(latencyModel: .retail)
        try cluster.addNode(ClusterNode(name: "d", tier: .device, location: .store(0, region: 0), capacity: Resources(milliCPU: 4_000, memoryMiB: 4_096), costPerHour: MicroDollars(50_000)))
        try cluster.addNode(ClusterNode(name: "c", tier: .cloud, location: .cloud, capacity: Resources(milliCPU: 4_000, memoryMiB: 4_096)))
        let camera = try cluster.addSource(DataSource(name: "cam", store: 0, region: 0))
        var s = try Scheduler(cluster: cluster, configuration: SchedulerConfiguration.edgeAware.explaining(.candidates))
        try s.submit(Fixture.camera(camera, name: "cam \"A\"\n"), at: LocalTime(nanoseconds: 7))
        let line = try #require(s.takeExplanations().first).jsonLine
        let expected = #"{"outcome":{"mode":"normal","node":0,"result":"placed"},"replica":"0/0","scheduler":"edge_aware","#
            + #""steps":[{"chosen":0,"feasible":1,"latencyEnforced":true,"mode":"normal","nodes":[{"node":0,"scores":{"#
            + #""cost":{"raw":12500,"score":0,"weight":1,"weighted":0},"latency":{"raw":2000000,"score":0,"weight":3,"weighted":0},"#
            + #""leastAllocated":{"raw":75,"score":75,"weight":2,"weighted":150},"reliability":{"raw":0,"score":100,"weight":1,"weighted":100}},"#
            + #""tier":"device","total":250,"verdict":"feasible"}],"pruned":1,"prunedBy":"tier","tiers":["device"]}],"#
            + #""time":7,"trigger":"submitted","workload":"cam \"A\"\n"}"#
        #expect(line == expected)
    }

    @Test("every record is one valid JSON line, identical across runs")
    func validAndDeterministic() throws {
        let (_, first) = try Self.explainedBatch(.allNodes)
        let (_, second) = try Self.explainedBatch(.allNodes)
        #expect(first.map(\.jsonLine) == second.map(\.jsonLine))
        for record in first {
            let line = record.jsonLine
            #expect(!line.contains("\n"))
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["replica"] as? String == record.replica.description)
            #expect((object?["steps"] as? [Any])?.count == record.steps.count)
        }
        let unschedulable = try #require(first.first { $0.outcome == .unschedulable })
        #expect(unschedulable.jsonLine.hasPrefix(#"{"outcome":{"result":"unschedulable"},"#))
    }
}
