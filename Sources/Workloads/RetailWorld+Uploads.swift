import Foundation
import Metrics
import Scenario
import SimKernel
import SimNetwork

/// A delta or a periodic push on its way: what the receiver applies.
struct DeltaRecord {
    /// 0: store to region; 1: region to cloud; 2: cloud to store; 3: cloud to region (pushes).
    var hop: UInt8
    var store: Int32
    var sequence: Int32
    /// The sender's as-of per camera of the store when it was taken.
    var asOf: [Int64]
    /// (SKU within the store, units).
    var entries: [(sku: Int32, units: Int32)]
}

/// Counters of the reliable uploads, since the warm-up.
struct UploadCounters {
    var deltasSent = 0
    var deltasRetransmitted = 0
    var deltasForwarded = 0
    var deltasLost = 0
    var deltaEntriesLost = 0
    var outboxOverflow = 0
    var outboxPeakBytes = 0
    var rawBytes = 0
    var wireBytes = 0
    var backlog = LatencyHistogram()
}

extension RetailWorld {
    /// Bytes of an acknowledgement on the wire (transport header and a sequence).
    static let acknowledgementBytes = InventoryDelta.headerBytes + 8
    /// The first retransmission waits this long; each further one twice as long, up to the upload interval.
    static let retransmitBase: Int64 = 2_000_000_000

    /// The scheduled upload of a store's delta (edge arms).
    mutating func upload(_ store: Int, _ sim: inout Simulation<RetailEvent>) {
        sim.schedule(.upload(store: Int32(store)), after: scenario.workload.uploadInterval)
        // The inventory service uploads from where it runs; from the cloud there is nothing to upload.
        let holder = uploadHolder(store)
        guard holder.index >= 0, network.isUp(holder), topology[holder].tier != .cloud else { return }
        transmit(outbox: store, retransmission: false, &sim)
    }

    func uploadHolder(_ store: Int) -> NodeID {
        placement.map { $0.inventoryNode[store] } ?? storeNode[store]
    }

    /// Takes the outbox's next cumulative delta and sends it one hop up,
    /// arming the retransmission timer.
    mutating func transmit(outbox o: Int, retransmission: Bool, _ sim: inout Simulation<RetailEvent>) {
        let now = sim.now.nanoseconds
        let hop = o / stores, store = o % stores
        let sender = hop == 0 ? uploadHolder(store) : regionOfStore[store]
        let destination = hop == 0 ? regionOfStore[store] : cloudOfStore[store]
        guard sender.index >= 0 else { return }
        if hop == 0 {
            let first = ConsumerViews.index(.store) * cameras + store * camerasPerStore
            for c in 0..<camerasPerStore { outboxes[o].asOf[c] = views.asOf[first + c] }
        }
        var (sequence, entries) = outboxes[o].take()
        var delta = InventoryDelta(store: store, sequence: Int(sequence), takenAtMilliseconds: Int(now / 1_000_000),
                                   entries: entries)
        // Deflating a few hundred bytes cannot fail; an error here is a bug.
        var bytes = try! delta.wireBytes()
        while bytes > scenario.workload.outboxLimitBytes, outboxes[o].dropOldest() {
            if now >= warmupNanoseconds { uploads.outboxOverflow += 1 }
            entries = entries.filter { outboxes[o].dirty[$0.sku] != 0 }
            delta.entries = entries
            bytes = try! delta.wireBytes()
        }
        if now >= warmupNanoseconds {
            if hop == 1 {
                uploads.deltasForwarded += 1
            } else {
                if retransmission { uploads.deltasRetransmitted += 1 } else { uploads.deltasSent += 1 }
                uploads.rawBytes += delta.encoded().count
                uploads.wireBytes += bytes
            }
            if !entries.isEmpty { uploads.outboxPeakBytes = max(uploads.outboxPeakBytes, bytes) }
        }
        let record = DeltaRecord(hop: UInt8(hop), store: Int32(store), sequence: sequence, asOf: outboxes[o].asOf,
                                 entries: entries.map { (Int32($0.sku), Int32($0.units)) })
        send(.delta(record: storeRecord(record)), from: sender, to: destination, size: bytes, .bulk, &sim)
        armRetransmission(o, &sim)
    }

    mutating func armRetransmission(_ o: Int, _ sim: inout Simulation<RetailEvent>) {
        outboxes[o].generation &+= 1
        let backoff = min(Self.retransmitBase << min(outboxes[o].attempts, 20),
                          max(Self.retransmitBase, scenario.workload.uploadInterval.nanoseconds))
        let jitter = 0.5 + retryStreams[o].uniform()
        sim.schedule(.retransmit(outbox: Int32(o), generation: outboxes[o].generation),
                     after: SimDuration(nanoseconds: Int64(Double(backoff) * jitter)))
    }

    /// A retransmission timer fired: resend while the last delta is unacknowledged.
    mutating func retransmit(_ o: Int, generation: UInt32, _ sim: inout Simulation<RetailEvent>) {
        guard generation == outboxes[o].generation, outboxes[o].awaitingAcknowledgement else { return }
        outboxes[o].attempts += 1
        transmit(outbox: o, retransmission: true, &sim)
    }

    mutating func storeRecord(_ record: DeltaRecord) -> UInt32 {
        if let slot = freeDeltaRecords.popLast() {
            deltaRecords[Int(slot)] = record
            return slot
        }
        deltaRecords.append(record)
        return UInt32(deltaRecords.count - 1)
    }

    /// A delta or push arrived: the receiver applies it if it is newer than
    /// the last it applied, and acknowledges a delta either way.
    mutating func receive(record slot: UInt32, from source: NodeID, at node: NodeID, _ sim: inout Simulation<RetailEvent>) {
        let r = deltaRecords[Int(slot)]
        deltaRecords[Int(slot)].entries = []
        deltaRecords[Int(slot)].asOf = []
        freeDeltaRecords.append(slot)
        let now = sim.now.nanoseconds
        let store = Int(r.store), hop = Int(r.hop)
        if hop < 2 {
            send(.deltaAck(outbox: Int32(hop * stores + store), sequence: r.sequence), from: node, to: source,
                 size: Self.acknowledgementBytes, .control, &sim)
        }
        let applied = hop * stores + store
        guard r.sequence > lastApplied[applied] else { return }
        lastApplied[applied] = r.sequence
        let consumer: Consumer = switch hop {
        case 0, 3: .region
        case 1: .hq
        default: .store
        }
        let c = consumer.index
        let forward = stores + store
        for e in r.entries {
            let q = store * skusPerStore + Int(e.sku)
            views.setView(c, q, e.units, truth: stock[q], now: now)
            if hop == 0 { outboxes[forward].changed(Int(e.sku), units: e.units, now: now) }
        }
        for k in 0..<camerasPerStore {
            views.advance(c, camera: store * camerasPerStore + k, to: r.asOf[k], now: now)
            if hop == 0 { outboxes[forward].asOf[k] = max(outboxes[forward].asOf[k], r.asOf[k]) }
        }
        if hop == 0 && network.isUp(node) { transmit(outbox: forward, retransmission: false, &sim) }
    }

    /// An acknowledgement reached the sender.
    mutating func acknowledged(outbox o: Int, sequence: Int32, now: Int64) {
        guard let waited = outboxes[o].acknowledge(sequence, now: now) else { return }
        // A newer delta still in flight keeps its timer.
        if !outboxes[o].awaitingAcknowledgement { outboxes[o].generation &+= 1 }
        if now >= warmupNanoseconds && o < stores { uploads.backlog.record(nanoseconds: waited) }
    }

    /// A crash loses the outboxes the scenario says are volatile.
    mutating func crashOutboxes(of node: NodeID, now: Int64) {
        guard arm.isEdge else { return }
        let w = scenario.workload
        var lost: [Int] = []
        for s in 0..<stores {
            if !w.durable.store && uploadHolder(s) == node { lost.append(s) }
            if !w.durable.region && regionOfStore[s] == node { lost.append(stores + s) }
        }
        for o in lost {
            let (deltas, changes) = outboxes[o].wipe()
            outboxes[o].generation &+= 1
            if now >= warmupNanoseconds {
                uploads.deltasLost += deltas
                uploads.deltaEntriesLost += changes
            }
        }
    }

    // MARK: - Cloud-only feedback

    /// The cloud pushes its view of a store to the store and the regional dashboard.
    mutating func feedbackPush(_ store: Int, _ sim: inout Simulation<RetailEvent>) {
        guard case .periodic(let interval) = scenario.workload.storeFeedback else { return }
        sim.schedule(.feedbackPush(store: Int32(store)), after: interval)
        let cloud = cloudOfStore[store]
        guard network.isUp(cloud) else { return }
        let first = ConsumerViews.index(.hq) * cameras + store * camerasPerStore
        let asOf = Array(views.asOf[first..<first + camerasPerStore])
        var entries: [(sku: Int32, units: Int32)] = []
        entries.reserveCapacity(skusPerStore)
        for k in 0..<skusPerStore { entries.append((Int32(k), recorded[store * skusPerStore + k])) }
        feedbackSequence[store] += 1
        let delta = InventoryDelta(store: store, sequence: Int(feedbackSequence[store]),
                                   takenAtMilliseconds: Int(sim.now.nanoseconds / 1_000_000),
                                   entries: entries.map { (Int($0.sku), Int($0.units)) })
        let bytes = delta.encoded().count + InventoryDelta.headerBytes
        for (hop, consumer, to) in [(2, Consumer.store, storeNode[store]), (3, .region, regionOfStore[store])]
        where views.present[consumer.index] {
            let record = DeltaRecord(hop: UInt8(hop), store: Int32(store), sequence: feedbackSequence[store],
                                     asOf: asOf, entries: entries)
            send(.delta(record: storeRecord(record)), from: cloud, to: to, size: bytes, .bulk, &sim)
        }
    }

    /// Cloud-only, per-update feedback: the dashboard or the store learns one
    /// applied frame; the region relays it to the store.
    mutating func receiveFeedback(job: UInt32, at node: NodeID, _ sim: inout Simulation<RetailEvent>) {
        let now = sim.now.nanoseconds
        let j = jobs[Int(job)]
        let consumer: Consumer = topology[node].tier == .store ? .store : .region
        if consumer == .region && views.present[Consumer.store.index] {
            let store = Int(j.camera) / camerasPerStore
            jobs[Int(job)].references += 1
            send(.feedback(job: job), from: node, to: storeNode[store], size: scenario.workload.detectionBytes,
                 .control, &sim)
        }
        guard views.present[consumer.index] else {
            releaseJob(job)
            return
        }
        let c = consumer.index
        let camera = Int(j.camera)
        let store = camera / camerasPerStore
        if j.capturedAt > views.asOf[c * cameras + camera] {
            var i = 0
            var k = camera % camerasPerStore
            while k < skusPerStore {
                let q = store * skusPerStore + k
                views.setView(c, q, jobCounts[Int(job) * skusPerCamera + i], truth: stock[q], now: now)
                i += 1
                k += camerasPerStore
            }
            views.asOf[c * cameras + camera] = j.capturedAt
        }
        views.reflected(c, store: store, capturedAt: j.capturedAt, touched: j.duringFault, now: now)
        releaseJob(job)
    }
}

extension RetailWorld {
    /// Cloud-only, per-update feedback: the cloud pushes the frame it applied
    /// down the tree; the regional aggregator shows it on its dashboard and
    /// relays it to the store. The job slot lives until the push arrives or drops.
    mutating func pushUpdate(_ job: UInt32, store: Int, from cloud: NodeID, _ sim: inout Simulation<RetailEvent>) {
        guard views.present[Consumer.store.index] || views.present[Consumer.region.index] else { return }
        jobs[Int(job)].references += 1
        send(.feedback(job: job), from: cloud, to: regionOfStore[store], size: scenario.workload.detectionBytes,
             .control, &sim)
    }
}
