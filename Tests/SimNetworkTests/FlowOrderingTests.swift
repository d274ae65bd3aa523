import SimKernel
import Testing

@testable import SimNetwork

@Suite("Ordering per flow")
struct FlowOrderingTests {
    /// store-0 sends through region-0 to stores 1 to 4; its uplink draws an
    /// exponential latency (mean 10 ms), every other hop is instant.
    func fanOut(_ ordering: LinkOrdering) -> (Topology, NodeID, [NodeID]) {
        var topo = Topology()
        let region = topo.addNode(name: "region-0", tier: .region, region: 0)
        let stores = (0..<5).map { topo.addNode(name: "store-\($0)", tier: .store, region: 0, store: $0) }
        let random = try! LinkSpec(latency: .exponential(mean: 0.010), bandwidth: 1e12, ordering: ordering)
        let instant = try! LinkSpec(latency: .constant(0), bandwidth: 1e12)
        topo.connectUplink(child: stores[0], parent: region, up: random, down: instant)
        for store in stores.dropFirst() { topo.connectUplink(child: store, parent: region, up: instant) }
        return (topo, stores[0], Array(stores.dropFirst()))
    }

    /// Per trial, the delays (ms) of four messages of one class sent together
    /// from store-0 to the four other stores, in sending order.
    func delays(_ ordering: LinkOrdering, seed: UInt64, trials: Int) -> [[Double]] {
        let (topo, source, destinations) = fanOut(ordering)
        var world = World(topo, seed: seed)
        for trial in 0..<trials {
            for (i, destination) in destinations.enumerated() {
                world.send(message(source, destination, size: 100, .replication, payload: trial * 4 + i), at: t(Double(trial)))
            }
        }
        world.run()
        #expect(world.delivered.count == trials * 4)
        var result = Array(repeating: [Double](repeating: 0, count: 4), count: trials)
        for d in world.delivered {
            result[d.payload / 4][d.payload % 4] = (d.at - d.message.createdAt).seconds * 1e3
        }
        return result
    }

    func mean(_ xs: [Double]) -> Double { xs.reduce(0, +) / Double(xs.count) }

    func correlation(_ xs: [Double], _ ys: [Double]) -> Double {
        let mx = mean(xs), my = mean(ys)
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for (x, y) in zip(xs, ys) {
            sxy += (x - mx) * (y - my)
            sxx += (x - mx) * (x - mx)
            syy += (y - my) * (y - my)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    @Test("under flow ordering four messages to four destinations draw independent delays", arguments: [UInt64(3), 4])
    func flowIsIndependent(seed: UInt64) {
        let d = delays(.flow, seed: seed, trials: 2_000)
        // Each delay is one exponential draw: mean 10 ms (standard error 0.22 ms).
        for i in 0..<4 { #expect(abs(mean(d.map { $0[i] }) - 10) < 1.1) }
        // Uncorrelated (standard error about 0.022), and in sending order
        // about one time in 24.
        #expect(abs(correlation(d.map { $0[0] }, d.map { $0[3] })) < 0.1)
        let inOrder = d.filter { $0 == $0.sorted() }.count
        #expect(Double(inOrder) / Double(d.count) < 0.08)
    }

    @Test("under link ordering the last of four messages waits for the maximum of four draws", arguments: [UInt64(3), 4])
    func linkIsMaxOfDraws(seed: UInt64) {
        let d = delays(.link, seed: seed, trials: 2_000)
        // The k-th delay is the maximum of k draws: mean 10 × (1 + 1/2 + ... + 1/k) ms.
        let expected = [10.0, 15.0, 18.333, 20.833]
        for i in 0..<4 { #expect(abs(mean(d.map { $0[i] }) - expected[i]) < 1.3) }
        #expect(d.allSatisfy { $0 == $0.sorted() })
        #expect(correlation(d.map { $0[0] }, d.map { $0[3] }) > 0.2)
    }

    @Test("under flow ordering messages of one flow still never overtake each other")
    func flowKeepsItsOwnOrder() {
        let (topo, source, destinations) = fanOut(.flow)
        var world = World(topo, seed: 5)
        for i in 0..<2_000 {
            world.send(message(source, destinations[i % 2], size: 100, .replication, payload: i), at: t(Double(i) * 1e-4))
        }
        world.run()
        for destination in destinations.prefix(2) {
            let order = world.delivered.filter { $0.message.destination == destination }.map(\.payload)
            #expect(order.count == 1_000 && order == order.sorted())
        }
        // The two flows do overtake each other.
        let all = world.delivered.map(\.payload)
        let overtaken = all != all.sorted()
        #expect(overtaken)
    }

    @Test("reorder: true reads as no ordering, false as link ordering")
    func legacyBoolean() throws {
        let latency = try Distribution.constant(0.001)
        #expect(try LinkSpec(latency: latency, bandwidth: 1e6, reorder: true).ordering == .none)
        #expect(try LinkSpec(latency: latency, bandwidth: 1e6, reorder: false).ordering == .link)
        #expect(try LinkSpec(latency: latency, bandwidth: 1e6).ordering == .flow)
    }
}
