import Testing
@testable import Scheduling

/// Scores, weights, normalisation and the tie-break.
@Suite("Scoring")
struct ScoringTests {
    /// Three store servers in one store, different in every scored respect.
    ///
    /// ```
    /// node  latency  allocated cpu  price/h  failures in 1000 h
    ///  A     4 ms     6000 of 10000   $3        0
    ///  B     6 ms        0 of 10000   $2        2
    ///  C     5 ms     3000 of 10000   $1        1
    /// ```
    ///
    /// For a request of 1000 m, 1024 MiB the normalised scores are
    /// latency A 34 B 0 C 17; leastAllocated A 61 B 91 C 76;
    /// cost A 0 B 34 C 67; reliability A 100 B 0 C 50.
    static func threeServers() -> (ClusterSnapshot, SourceID) {
        var cluster = ClusterSnapshot(latencyModel: .retail)
        let rows: [(offset: Int64, cpu: Int64, dollars: Int64, failures: Int64)] = [(0, 6_000, 3, 0), (2, 0, 2, 2), (1, 3_000, 1, 1)]
        for (i, row) in rows.enumerated() {
            try! cluster.addNode(ClusterNode(
                name: ["A", "B", "C"][i], tier: .storeEdge, location: .store(0, region: 0),
                capacity: Resources(milliCPU: 10_000, memoryMiB: 16_384),
                allocated: Resources(milliCPU: row.cpu, memoryMiB: 0),
                costPerHour: .dollars(row.dollars),
                reliability: .init(failures: row.failures, uptime: .hours(1_000)),
                latencyOffset: .milliseconds(row.offset)
            ))
        }
        let source = try! cluster.addSource(DataSource(name: "camera", store: 0, region: 0))
        return (cluster, source)
    }

    static let a = ClusterNodeID(0), b = ClusterNodeID(1), c = ClusterNodeID(2)

    @Test("the weighted totals and their order are the ones predicted by hand", arguments: [
        (ScoreWeights(latency: 1), [a, c, b], [34, 17, 0]),
        (ScoreWeights(leastAllocated: 1), [b, c, a], [91, 76, 61]),
        (ScoreWeights(cost: 1), [c, b, a], [67, 34, 0]),
        (ScoreWeights(reliability: 1), [a, c, b], [100, 50, 0]),
        (ScoreWeights.edgeAware, [a, c, b], [324, 320, 216]),
        (ScoreWeights(latency: 1, cost: 5), [c, b, a], [352, 170, 34]),
    ])
    func predictedOrder(weights: ScoreWeights, order: [ClusterNodeID], totals: [Int]) throws {
        let (cluster, camera) = Self.threeServers()
        var scheduler = try Scheduler(cluster: cluster, configuration: SchedulerConfiguration(weights: weights, explanations: .candidates))
        try scheduler.submit(Fixture.camera(camera, budget: nil), at: .zero)
        let record = try #require(scheduler.takeExplanations().first)
        #expect(record.steps.count == 1)  // no device in this cluster: the ladder starts at the store tier
        let ranked = record.steps[0].nodes
            .compactMap { n -> (ClusterNodeID, Int)? in record.total(of: n.node).map { (n.node, $0) } }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        #expect(ranked.map(\.0) == order)
        #expect(ranked.map(\.1) == totals)
        #expect(record.chosen == order[0])
    }

    @Test("raising one weight changes the winner as predicted")
    func changeWeight() throws {
        let (cluster, camera) = Self.threeServers()
        func winner(_ weights: ScoreWeights) throws -> ClusterNodeID? {
            var scheduler = try Scheduler(cluster: cluster, configuration: SchedulerConfiguration(weights: weights))
            let id = try scheduler.submit(Fixture.camera(camera, budget: nil), at: .zero)
            return scheduler.placement(of: WorkloadReplicaID(workload: id, index: 0))?.node
        }
        var weights = ScoreWeights.edgeAware
        #expect(try winner(weights) == Self.a)  // 324 against C's 320
        weights.cost = 2  // C gains 67, A gains 0
        #expect(try winner(weights) == Self.c)
        weights = ScoreWeights.edgeAware
        weights.leastAllocated = 5  // C's 76 now outweighs A's latency lead: 548 against 507 and 489
        #expect(try winner(weights) == Self.c)
        weights.leastAllocated = 20  // B's 91 wins outright: 1854 against C's 1688 and A's 1422
        #expect(try winner(weights) == Self.b)
    }

    @Test("the explanation shows raw, normalised and weighted score per plugin")
    func pluginScores() throws {
        let (cluster, camera) = Self.threeServers()
        var scheduler = try Scheduler(cluster: cluster, configuration: SchedulerConfiguration(explanations: .candidates))
        try scheduler.submit(Fixture.camera(camera, budget: nil), at: .zero)
        let record = try #require(scheduler.takeExplanations().first)
        guard case let .feasible(scores, total)? = record.verdict(of: Self.c) else {
            Issue.record("C should be feasible")
            return
        }
        let byPlugin = Dictionary(uniqueKeysWithValues: scores.map { ($0.plugin, $0) })
        #expect(byPlugin[.latency]?.raw == 5_000_000)
        #expect(byPlugin[.latency]?.score == 17)
        #expect(byPlugin[.latency]?.weighted == 51)
        #expect(byPlugin[.cost]?.raw == 100_000)  // $1/h × 10% dominant share, in micro-dollars
        #expect(byPlugin[.reliability]?.raw == 1_000)  // 1 failure in 1000 h, per million hours
        #expect(byPlugin[.leastAllocated]?.score == 76)
        #expect(total == scores.map(\.weighted).reduce(0, +))
    }

    @Test("normalisation: reversed, relative to the largest raw value, 100 for all when all are 0", arguments: [
        (Int64(0), Int64(0), 100), (0, 10, 100), (10, 10, 0), (5, 10, 50), (1, 3, 67), (2, 3, 34),
    ])
    func normalisation(raw: Int64, max: Int64, expected: Int) {
        #expect(Scheduler.reverseNormalized(raw, max: max) == expected)
    }

    /// Three nodes that score exactly alike: a store server (id 0) and two devices (ids 1, 2).
    static func identicalNodes() -> (ClusterSnapshot, SourceID) {
        var cluster = ClusterSnapshot(latencyModel: .retail)
        for (i, tier) in [ClusterTier.storeEdge, .device, .device].enumerated() {
            try! cluster.addNode(ClusterNode(
                name: "n\(i)", tier: tier, location: .store(0, region: 0),
                capacity: Resources(milliCPU: 8_000, memoryMiB: 8_192), costPerHour: MicroDollars(100_000)
            ))
        }
        let source = try! cluster.addSource(DataSource(name: "camera", store: 0, region: 0))
        for i in 0..<3 { cluster.setMeasuredLatency(from: source, to: ClusterNodeID(i), .milliseconds(3)) }
        return (cluster, source)
    }

    @Test("a tie goes to the lower tier, then to the lower node id, in every run", arguments: 0..<5)
    func tieBreak(run: Int) throws {
        let (cluster, camera) = Self.identicalNodes()
        var scheduler = try Scheduler(cluster: cluster, configuration: SchedulerConfiguration(tierSearch: .pooled, explanations: .candidates))
        try scheduler.submit(Fixture.camera(camera, budget: nil), at: .zero)
        let record = try #require(scheduler.takeExplanations().first)
        let totals = [ClusterNodeID(0), ClusterNodeID(1), ClusterNodeID(2)].map { record.total(of: $0) }
        #expect(Set(totals).count == 1 && totals[0] != nil)  // a genuine three-way tie
        // The store server has the lowest id, but a device is the lower tier; of the two devices, id 1.
        #expect(record.chosen == ClusterNodeID(1))
    }

    @Test("scores follow the allocation: a second identical replica goes to the other device")
    func spreadsAfterAllocation() throws {
        let (cluster, camera) = Self.identicalNodes()
        var scheduler = try Scheduler(cluster: cluster, configuration: SchedulerConfiguration(tierSearch: .pooled))
        let first = try scheduler.submit(Fixture.camera(camera, budget: nil), at: .zero)
        let second = try scheduler.submit(Fixture.camera(camera, budget: nil), at: .zero)
        #expect(scheduler.placement(of: WorkloadReplicaID(workload: first, index: 0))?.node == ClusterNodeID(1))
        // Device 1 is now more allocated; the store server (8000 m too) ties with device 2, which wins on tier.
        #expect(scheduler.placement(of: WorkloadReplicaID(workload: second, index: 0))?.node == ClusterNodeID(2))
    }
}
