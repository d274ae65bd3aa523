import Testing
import SimKernel
@testable import SimNetwork

/// A three-tier chain: cloud-0 <- region-0 <- store-0 <- device-0-0, with a
/// distinct latency and bandwidth per tier boundary.
func chain() -> (Topology, device: NodeID, store: NodeID, region: NodeID, cloud: NodeID) {
    let links = TierLinks(deviceStore: link(latency: ms(2), bandwidth: 100e6),
                          storeRegion: link(latency: ms(10), bandwidth: 50e6),
                          regionCloud: link(latency: ms(40), bandwidth: 1e9))
    let topo = Topology.tree(TreeShape(regions: 1, storesPerRegion: 1, devicesPerStore: 1), links: links)
    return (topo, topo.node(named: "device-0-0")!, topo.node(named: "store-0")!,
            topo.node(named: "region-0")!, topo.node(named: "cloud-0")!)
}

@Suite("Network behaviour")
struct NetworkBehaviourTests {
    @Test("a lone message costs exactly the sum of its serialisations and latencies", arguments: [1, 1_000, 1_500_000])
    func multiHopExact(size: Int) {
        let (topo, device, _, _, cloud) = chain()
        var world = World(topo)
        world.send(message(device, cloud, size: size), at: t(1))
        world.run()
        #expect(world.delivered.count == 1)
        let bits = Int64(size) * 8
        // ns = bits * 1e9 / bandwidth, per hop.
        let serialisation = bits * 1_000_000_000 / 100_000_000 + bits * 1_000_000_000 / 50_000_000 + bits
        let expected = serialisation + ms(52).nanoseconds
        #expect((world.delivered[0].at - t(1)).nanoseconds == expected)
    }

    @Test("messages come back down the tree to a device")
    func downward() {
        let (topo, device, _, _, cloud) = chain()
        var world = World(topo)
        world.send(message(cloud, device, size: 100, .alert), at: t(0))
        world.run()
        #expect(world.delivered.count == 1)
        #expect(world.delivered[0].message.destination == device)
    }

    @Test("a message to a cut link is not delivered; one sent after the heal is")
    func cutAndHeal() {
        let (topo, device, store, _, cloud) = chain()
        let uplink = topo.uplinks[Int(store.index)][0].connection
        var world = World(topo)
        world.send(message(device, cloud, size: 100, payload: 1), at: t(1))
        world.send(message(device, cloud, size: 100, payload: 2), at: t(3))
        world.at(t(0.5)) { net, now in net.cut(uplink, at: now) }
        world.at(t(2)) { net, _ in net.heal(uplink) }
        world.run()
        #expect(world.delivered.map(\.payload) == [2])
        let c = world.network.counters(uplink.forward)
        #expect(c.sentMessages == 2 && c.lostMessages == 1 && c.deliveredMessages == 1)
    }

    @Test("a message in flight when its link is cut is lost")
    func cutInFlight() {
        let (topo, device, store, _, cloud) = chain()
        let uplink = topo.uplinks[Int(store.index)][0].connection
        var world = World(topo)
        world.send(message(device, cloud, size: 100), at: t(1))
        // Device hop: 2 ms + 8 us; the store-region hop propagates for 10 ms after that.
        world.at(t(1.005)) { net, now in net.cut(uplink, at: now) }
        world.at(t(1.0051)) { net, _ in net.heal(uplink) }
        world.run()
        #expect(world.delivered.isEmpty)
        #expect(world.network.counters(uplink.forward).lostMessages == 1)
        #expect(world.network.messagesInFlight == 0)
    }

    @Test("a crashed node receives nothing until it restarts")
    func crash() {
        let (topo, _, store, region, cloud) = chain()
        var world = World(topo)
        world.send(message(region, store, size: 100, payload: 1), at: t(0.495)) // on the wire at the crash
        world.send(message(cloud, store, size: 100, payload: 2), at: t(1))      // arrives during the crash
        world.send(message(store, cloud, size: 100, payload: 3), at: t(1.5))    // a crashed sender
        world.send(message(region, store, size: 100, payload: 4), at: t(1.995)) // sent while down, lands after the restart
        world.send(message(cloud, store, size: 100, payload: 5), at: t(3))      // after the restart
        world.at(t(0.5)) { net, now in net.crash(store, at: now) }
        world.at(t(2)) { net, _ in net.restart(store) }
        world.run()
        #expect(world.delivered.map(\.payload) == [4, 5])
        #expect(world.network.senderDownMessages == 1)
    }

    @Test("a message in flight to a node that crashes and restarts before it lands is lost")
    func crashAndRestartInFlight() {
        let (topo, _, store, region, _) = chain()
        var world = World(topo)
        world.send(message(region, store, size: 100, payload: 1), at: t(0.495))  // lands after the restart
        world.send(message(region, store, size: 100, payload: 2), at: t(0.6))    // sent after the restart
        world.at(t(0.5)) { net, now in net.crash(store, at: now) }
        world.at(t(0.501)) { net, _ in net.restart(store) }
        world.run()
        #expect(world.delivered.map(\.payload) == [2])
        #expect(world.network.messagesInFlight == 0)
    }

    @Test("loss probability 0.1 loses 10% ± 0.5% of 100 000 messages")
    func loss() {
        var topo = Topology()
        let store = topo.addNode(name: "store-0", tier: .store)
        let device = topo.addNode(name: "device-0-0", tier: .device)
        topo.connectUplink(child: device, parent: store, up: link(bandwidth: 1e9, loss: 0.1))
        var world = World(topo, seed: 3)
        for i in 0..<100_000 { world.send(message(device, store, size: 100, payload: i), at: t(Double(i) * 1e-4)) }
        world.run()
        let lost = 100_000 - world.delivered.count
        #expect(abs(Double(lost) / 100_000 - 0.1) <= 0.005, "lost \(lost)")
        let c = world.network.counters(topo.uplinks[Int(device.index)][0])
        #expect(c.lostMessages == lost && c.sentMessages == 100_000 && c.deliveredMessages == world.delivered.count)
    }

    @Test("a partition cuts traffic across its sets, not within them, until healed")
    func partition() {
        let links = TierLinks(deviceStore: link(latency: ms(1)), storeRegion: link(latency: ms(5)), regionCloud: link(latency: ms(20)))
        let topo = Topology.tree(TreeShape(regions: 1, storesPerRegion: 2, devicesPerStore: 1), links: links)
        let s0 = topo.node(named: "store-0")!, d0 = topo.node(named: "device-0-0")!
        let s1 = topo.node(named: "store-1")!, region = topo.node(named: "region-0")!
        var world = World(topo)
        var id: PartitionID?
        world.send(message(d0, s0, size: 10, payload: 1), at: t(1))      // inside the store's side
        world.send(message(d0, s1, size: 10, payload: 2), at: t(1))      // across
        world.send(message(s1, region, size: 10, payload: 3), at: t(1))  // other side, unaffected
        world.send(message(d0, s1, size: 10, payload: 4), at: t(3))      // across, after the heal
        world.at(t(0.5)) { net, now in id = net.partition([s0, d0], [region, s1, topo.node(named: "cloud-0")!], at: now) }
        world.at(t(2)) { net, _ in net.heal(id!) }
        world.run()
        #expect(world.delivered.map(\.payload).sorted() == [1, 3, 4])
    }

    @Test("a strict-priority link sends a queued alert before queued video")
    func priority() {
        let (topo, device, store) = pair(link(bandwidth: 1e6, discipline: .priority))
        var world = World(topo)
        // Three 10 ms videos queue up; an alert arrives while the first is being sent.
        for i in 0..<3 { world.send(message(device, store, size: 1_250, .video, payload: i), at: t(0)) }
        world.send(message(device, store, size: 125, .alert, payload: 99), at: t(0.001))
        world.run()
        #expect(world.delivered.map(\.payload) == [0, 99, 1, 2])
    }

    @Test("a strict-priority link carrying one class times every message as a FIFO link does")
    func priorityOneClassIsFIFO() {
        // Random arrivals that sometimes find the link idle (started at once)
        // and sometimes queue behind one another (started by the link's
        // end-of-transmission event): both paths must give FIFO's times.
        func deliveries(_ discipline: LinkDiscipline) -> [(Int, Int64)] {
            let (topo, device, store) = pair(link(latency: ms(3), bandwidth: 1e6, discipline: discipline))
            var world = World(topo)
            let gaps = RandomStream(name: "test/gaps", masterSeed: 5)
            let gap = try! Distribution.exponential(mean: 0.012)
            var at = 0.0
            for i in 0..<2_000 {
                at += gap.sample(gaps)
                world.send(message(device, store, size: 1_250, .video, payload: i), at: t(at))
            }
            world.run()
            return world.delivered.map { ($0.payload, $0.at.nanoseconds) }
        }
        let fifo = deliveries(.fifo), priority = deliveries(.priority)
        #expect(fifo.count == 2_000)
        #expect(priority.count == fifo.count)
        // The first message whose payload or delivery time differs, if any.
        let differs = zip(fifo, priority).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(differs == nil, "first difference: message \(differs?.offset ?? -1)")
    }

    @Test("a priority link cut while messages wait starts afresh after the heal")
    func priorityCutWhileQueued() {
        let (topo, device, store) = pair(link(latency: ms(1), bandwidth: 1e6, discipline: .priority))
        let connection = topo.uplinks[Int(device.index)][0].connection
        var world = World(topo)
        // Three 10 ms messages at 0: the first is sent at once, two wait (the
        // link's next end of transmission is due at 10 ms).
        for i in 0..<3 { world.send(message(device, store, size: 1_250, .video, payload: i), at: t(0)) }
        world.at(t(0.004)) { net, now in net.cut(connection, at: now) }
        world.at(t(0.005)) { net, _ in net.heal(connection) }
        // Sent after the heal: 10 ms each, back to back from 6 ms. The event
        // the cut made stale (due at 10 ms) must not start the second early.
        world.send(message(device, store, size: 1_250, .video, payload: 3), at: t(0.006))
        world.send(message(device, store, size: 1_250, .video, payload: 4), at: t(0.006))
        world.run()
        #expect(world.delivered.map(\.payload) == [3, 4])
        #expect(world.delivered.map(\.at.nanoseconds) == [17_000_000, 27_000_000])
        let c = world.network.counters(connection.forward)
        #expect(c.lostMessages == 3 && c.deliveredMessages == 2)
        #expect(world.network.messagesInFlight == 0)
    }

    @Test("a FIFO link serves in arrival order whatever the class")
    func fifoIgnoresClass() {
        let (topo, device, store) = pair(link(bandwidth: 1e6))
        var world = World(topo)
        for i in 0..<3 { world.send(message(device, store, size: 1_250, .video, payload: i), at: t(0)) }
        world.send(message(device, store, size: 125, .alert, payload: 99), at: t(0.001))
        world.run()
        #expect(world.delivered.map(\.payload) == [0, 1, 2, 99])
    }

    @Test("a byte limit drops what would overflow the queue")
    func queueLimit() {
        let (topo, device, store) = pair(link(bandwidth: 1e6, queueLimit: 3_000))
        var world = World(topo)
        for i in 0..<4 { world.send(message(device, store, size: 1_000, payload: i), at: t(0)) }
        world.send(message(device, store, size: 1_000, payload: 4), at: t(0.0081)) // after the first left
        world.run()
        #expect(world.delivered.map(\.payload) == [0, 1, 2, 4])
        let c = world.network.counters(topo.uplinks[Int(device.index)][0])
        #expect(c.droppedMessages == 1 && c.droppedBytes == 1_000)
    }

    @Test("random latencies never reorder a class unless the link allows it", arguments: [false, true])
    func reordering(allowed: Bool) {
        let jitter = try! Distribution.uniform(low: 0.001, high: 0.100)
        let (topo, device, store) = pair(link(bandwidth: 1e9, reorder: allowed, jitter: jitter))
        var world = World(topo, seed: 9)
        for i in 0..<1_000 { world.send(message(device, store, size: 100, payload: i), at: t(Double(i) * 1e-4)) }
        world.run()
        let order = world.delivered.map(\.payload)
        #expect(order.count == 1_000)
        #expect((order == Array(0..<1_000)) == !allowed)
    }

    @Test("degrading a link scales latency and bandwidth until restored")
    func degrade() {
        let (topo, device, store) = pair(link(latency: ms(10), bandwidth: 1e6))
        let connection = topo.uplinks[Int(device.index)][0].connection
        var world = World(topo)
        world.send(message(device, store, size: 1_250, payload: 1), at: t(1))
        world.send(message(device, store, size: 1_250, payload: 2), at: t(3))
        world.at(t(0.5)) { net, _ in net.degrade(connection, Degradation(latencyFactor: 3, bandwidthFactor: 0.5)) }
        world.at(t(2)) { net, _ in net.restore(connection) }
        world.run()
        #expect(world.delivered[0].at - t(1) == ms(30) + ms(20))
        #expect(world.delivered[1].at - t(3) == ms(10) + ms(10))
    }

    @Test("a store with two uplinks fails over when the first is cut")
    func dualUplink() {
        var topo = Topology()
        let cloud = topo.addNode(name: "cloud-0", tier: .cloud)
        let r0 = topo.addNode(name: "region-0", tier: .region, region: 0)
        let r1 = topo.addNode(name: "region-1", tier: .region, region: 1)
        let store = topo.addNode(name: "store-0", tier: .store, region: 0, store: 0)
        for r in [r0, r1] { topo.connectUplink(child: r, parent: cloud, up: link(latency: ms(20))) }
        let primary = topo.connectUplink(child: store, parent: r0, up: link(latency: ms(5)))
        topo.connectUplink(child: store, parent: r1, up: link(latency: ms(7)))
        var world = World(topo)
        world.send(message(store, cloud, size: 10, payload: 1), at: t(1))
        world.send(message(store, cloud, size: 10, payload: 2), at: t(3))
        world.at(t(2)) { net, now in net.cut(primary, at: now) }
        world.run()
        #expect(world.delivered.map(\.payload) == [1, 2])
        #expect(world.delivered[0].at - t(1) > ms(25) && world.delivered[0].at - t(1) < ms(26))
        #expect(world.delivered[1].at - t(3) > ms(27) && world.delivered[1].at - t(3) < ms(28))
    }

    @Test("store-to-store peer links carry traffic between neighbouring stores")
    func peers() {
        let links = TierLinks(deviceStore: link(latency: ms(1)), storeRegion: link(latency: ms(50)), regionCloud: link(latency: ms(50)))
        var topo = Topology.tree(TreeShape(regions: 1, storesPerRegion: 2, devicesPerStore: 1), links: links)
        let s0 = topo.node(named: "store-0")!, s1 = topo.node(named: "store-1")!
        topo.connectPeers(s0, s1, spec: link(latency: ms(3)))
        var world = World(topo)
        world.send(message(s0, topo.node(named: "device-1-0")!, size: 10), at: t(1))
        world.run()
        #expect(world.delivered[0].at - t(1) < ms(5), "peer link plus the device hop, not the region detour")
    }

    @Test("every message offered to a link ends delivered, lost or dropped")
    func conservation() {
        let spec = link(latency: ms(1), bandwidth: 2e5, loss: 0.05, queueLimit: 5_000)
        let links = TierLinks(deviceStore: spec, storeRegion: spec, regionCloud: spec)
        let topo = Topology.tree(TreeShape(regions: 2, storesPerRegion: 2, devicesPerStore: 3), links: links)
        var world = World(topo, seed: 4)
        let devices = topo.nodes.filter { $0.tier == .device }.map(\.id)
        let cloud = topo.node(named: "cloud-0")!
        for i in 0..<5_000 { world.send(message(devices[i % devices.count], cloud, size: 500, payload: i), at: t(Double(i) * 1e-3)) }
        world.run()
        var sent = 0, ended = 0
        for l in 0..<topo.linkCount {
            let c = world.network.counters(LinkID(l))
            sent += c.sentMessages
            ended += c.deliveredMessages + c.lostMessages + c.droppedMessages
        }
        #expect(sent == ended)
        #expect(world.network.messagesInFlight == 0)
        let boundaries = world.network.boundaryTraffic()
        #expect(boundaries.map { "\($0.from)->\($0.to)" } ==
                ["device->store", "store->device", "store->region", "region->store", "region->cloud", "cloud->region"])
        let deviceStore = boundaries[0].counters
        #expect(deviceStore.sentMessages == 5_000)
        #expect(boundaries[4].counters.deliveredMessages == world.delivered.count)
    }

    @Test("clock offset and drift shift a node's local time")
    func clocks() {
        let (topo, device, store) = pair(link())
        var network = Network<Int>(topology: topo, streams: RandomStreams(masterSeed: 1))
        network.setClock(of: device, offset: .seconds(-2), driftPPM: 100, at: t(10))
        #expect(network.localTime(of: device, at: t(10)) == t(8))
        // 1000 s later the clock has gained 100 ppm of 1000 s = 100 ms.
        #expect(network.localTime(of: device, at: t(1_010)) == t(1_008.1))
        #expect(network.localTime(of: store, at: t(5)) == t(5))
    }
}
