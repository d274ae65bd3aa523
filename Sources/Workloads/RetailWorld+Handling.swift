import Foundation
import Scenario
import SimKernel
import SimNetwork

extension RetailWorld {
    /// Seconds between two alerts for the same stockout while none got through.
    static let alertRetry: Int64 = 30_000_000_000

    mutating func handle(_ event: RetailEvent, _ sim: inout Simulation<RetailEvent>) {
        switch event {
        case .network(let e):
            if let message = network.handle(e, in: &sim) { deliver(message, &sim) }
        case .frame(let camera):
            captureFrame(Int(camera), &sim)
        case .inferred(let job, let node):
            inferred(job, node: Int(node), &sim)
        case .purchase(let store):
            purchase(Int(store), &sim)
        case .restock(let sku):
            restock(Int(sku), now: sim.now)
        case .upload(let store):
            upload(Int(store), &sim)
        case .retransmit(let outbox, let generation):
            retransmit(Int(outbox), generation: generation, &sim)
        case .feedbackPush(let store):
            feedbackPush(Int(store), &sim)
        case .fault(let action):
            applyFault(Int(action), &sim)
        case .warmupEnd:
            recorder.startMeasuring(network: network, now: sim.now)
            recorder.poolBusyAtWarmup = poolBusyByTier(upTo: sim.now.nanoseconds)
            for i in fleets.indices {
                fleets[i].startMeasuring(now: sim.now.nanoseconds,
                                         busy: pools[Int(fleets[i].node)]!.busyNanoseconds(upTo: sim.now.nanoseconds))
            }
            replication?.driver.startMeasuring()
        case .tick:
            recorder.tick(network: network, now: sim.now, faultActive: activeFaults > 0)
            if let placement {
                placement.sampleUtilization()
                recorder.timeseries.append((sim.now.seconds, "cameras_off_store", .count(placement.camerasOffStore)))
            }
            if let replication {
                recorder.timeseries.append((sim.now.seconds, "hint_backlog", .count(replication.driver.backlogTotal)))
            }
            onBucket?(sim.now)
        case .replica(let e):
            replication?.handle(e, network: &network, sim: &sim)
        case .heartbeat(let node):
            sendHeartbeat(NodeID(Int(node)), &sim)
        case .autoscale:
            autoscale(&sim)
        case .fleetGrow(let fleet, let gpus):
            let f = Int(fleet), n = Int(fleets[f].node)
            fleets[f].add(Int(gpus), now: sim.now.nanoseconds, pool: &pools[n]!)
        case .schedulerTick:
            if let placement {
                placement.tick(now: sim.now.nanoseconds,
                               local: network.localTime(of: placement.host, at: sim.now).nanoseconds)
                sim.schedule(.schedulerTick, after: placement.heartbeatInterval)
            }
        }
    }

    /// Every fleet closes its window and orders what it wants.
    mutating func autoscale(_ sim: inout Simulation<RetailEvent>) {
        let now = sim.now.nanoseconds, end = scenario.duration.nanoseconds
        for f in fleets.indices {
            let n = Int(fleets[f].node)
            let order = fleets[f].closeWindow(now: now, busy: pools[n]!.busyNanoseconds, pool: &pools[n]!, end: end)
            if order > 0 { sim.schedule(.fleetGrow(fleet: Int32(f), gpus: Int32(order)), after: scenario.deployment.scaleUpDelay) }
        }
        sim.schedule(.autoscale, after: scenario.deployment.window)
    }

    /// Busy time of the inference slots of each tier up to `t`, by tier raw value.
    func poolBusyByTier(upTo t: Int64) -> [Int64] {
        var sums = [Int64](repeating: 0, count: Tier.allCases.count)
        for (i, pool) in pools.enumerated() {
            if let pool { sums[Int(topology.nodes[i].tier.rawValue)] += pool.busyNanoseconds(upTo: t) }
        }
        return sums
    }

    // MARK: - Ground truth

    mutating func purchase(_ store: Int, _ sim: inout Simulation<RetailEvent>) {
        let k = purchaseStreams[store].uniformInt(below: skusPerStore)
        let q = store * skusPerStore + k
        if stock[q] > 0 {
            stock[q] -= 1
            views.truthChanged(q, to: stock[q], now: sim.now.nanoseconds)
            if stock[q] == Int32(scenario.workload.stockoutThreshold) {
                stockoutSince[q] = sim.now.nanoseconds
                stockoutTouched[q] = storeTouched[store] > 0
                alertDelivered[q] = false
                lastAlertSent[q] = .min
                recorder.stockoutBegan(at: sim.now)
                sim.schedule(.restock(sku: Int32(q)), after: scenario.workload.restockDelay.sampleDuration(restockStreams[store]))
            }
        }
        sim.schedule(.purchase(store: Int32(store)), after: purchaseGap.sampleDuration(purchaseStreams[store]))
    }

    mutating func restock(_ q: Int, now: SimTime) {
        if stockoutSince[q] >= 0 && !alertDelivered[q] {
            recorder.stockoutUndetected(beganAt: stockoutSince[q])
        }
        stock[q] = Int32(scenario.workload.shelfCapacity)
        views.truthChanged(q, to: stock[q], now: now.nanoseconds)
        stockoutSince[q] = -1
        alertDelivered[q] = false
    }

    // MARK: - Frames and inference

    mutating func captureFrame(_ camera: Int, _ sim: inout Simulation<RetailEvent>) {
        // Fields of `scenario.workload` are read in place: copying the whole
        // section would retain each of its distributions, once per frame.
        sim.schedule(.frame(camera: Int32(camera)), after: scenario.workload.frameInterval)
        let store = camera / camerasPerStore
        let c = camera % camerasPerStore
        let job = allocateJob(camera: camera, now: sim.now)
        var i = 0
        var k = c
        while k < skusPerStore {
            jobCounts[Int(job) * skusPerCamera + i] = stock[store * skusPerStore + k]
            i += 1
            k += camerasPerStore
        }
        recorder.frameCaptured(at: sim.now, duringFault: jobs[Int(job)].duringFault)
        views.frameCaptured(store: store, capturedAt: sim.now.nanoseconds, touched: jobs[Int(job)].duringFault)
        let size = scenario.workload.frameBytes.sampleSize(frameStreams[camera])
        let device = cameraNode[camera]
        if placement != nil {
            sendScheduledFrame(job, camera: camera, size: size, &sim)
            return
        }
        switch arm {
        case .edgeHybrid where scenario.workload.inferenceSite == .device:
            startInference(job, at: device, &sim)
        case .edgeHybrid:
            send(.frame(job: job), from: device, to: storeNode[store], size: size, .video, &sim)
        case .cloudOnly:
            send(.frame(job: job), from: device, to: cloudOfStore[store], size: size, .video, &sim)
        case .leastAllocated, .random:
            preconditionFailure("the \(arm.rawValue) arm always runs with a scheduler")
        }
    }

    mutating func startInference(_ job: UInt32, at node: NodeID, _ sim: inout Simulation<RetailEvent>) {
        let n = Int(node.index)
        guard pools[n] != nil else { preconditionFailure("no inference pool at \(topology[node].name)") }
        if inferenceStreams[n] == nil {
            inferenceStreams[n] = RandomStream(name: "compute/\(topology[node].name)/inference", masterSeed: seed,
                                               generator: .taus2)
        }
        let service = inferenceTime[topology[node].tier.rawValue].sampleDuration(inferenceStreams[n]!).nanoseconds
        let done = pools[n]!.admit(now: sim.now.nanoseconds, service: service)
        jobs[Int(job)].epoch = nodeCrashEpoch[n]
        sim.schedule(.inferred(job: job, node: Int32(n)), at: SimTime(nanoseconds: done))
    }

    mutating func inferred(_ job: UInt32, node n: Int, _ sim: inout Simulation<RetailEvent>) {
        guard network.isUp(NodeID(n)), jobs[Int(job)].epoch == nodeCrashEpoch[n] else {
            releaseJob(job)   // the node crashed while inferring: the frame is gone
            return
        }
        let node = NodeID(n)
        if placement != nil {
            scheduledInferenceDone(job, at: node, &sim)
            return
        }
        if topology[node].tier == .device {
            let store = Int(jobs[Int(job)].camera) / camerasPerStore
            send(.detection(job: job), from: node, to: storeNode[store], size: scenario.workload.detectionBytes,
                 .control, &sim)
        } else {
            apply(job, at: node, &sim)
        }
    }

    /// The inventory holder learns a frame's counts.
    mutating func apply(_ job: UInt32, at holder: NodeID, _ sim: inout Simulation<RetailEvent>) {
        let j = jobs[Int(job)]
        let now = sim.now.nanoseconds
        recorder.updateApplied(capturedAt: j.capturedAt)
        let camera = Int(j.camera)
        let store = camera / camerasPerStore
        let threshold = Int32(scenario.workload.stockoutThreshold)
        let replicating = replication != nil
        let viewer = (arm.isEdge ? Consumer.store : .hq).index
        views.reflected(viewer, store: store, capturedAt: j.capturedAt, touched: j.duringFault, now: now)
        if views.logging { views.captured(camera: camera, capturedAt: j.capturedAt, touched: j.duringFault) }
        if j.capturedAt > views.asOf[viewer * cameras + camera] { views.asOf[viewer * cameras + camera] = j.capturedAt }
        let outbox = arm.isEdge ? store : -1
        var changes: [(key: Int, units: Int32)] = []
        var i = 0
        var k = camera % camerasPerStore
        while k < skusPerStore {
            let q = store * skusPerStore + k
            let seen = jobCounts[Int(job) * skusPerCamera + i]
            if j.capturedAt > recordedAt[q] {
                if recorded[q] != seen {
                    if outbox >= 0 { outboxes[outbox].changed(k, units: seen, now: now) }
                    views.setView(viewer, q, seen, truth: stock[q], now: now)
                    if replicating { changes.append((q, seen)) }
                }
                recorded[q] = seen
                recordedAt[q] = j.capturedAt
            }
            if seen <= threshold && stockoutSince[q] >= 0 && !alertDelivered[q] && j.capturedAt >= stockoutSince[q] {
                raiseAlert(q, store: store, from: holder, &sim)
            }
            i += 1
            k += camerasPerStore
        }
        // The inventory holder writes each change through its replica.
        if !changes.isEmpty { replication?.write(changes, by: holder, network: &network, sim: &sim) }
        if !arm.isEdge, scenario.workload.storeFeedback == .perUpdate { pushUpdate(job, store: store, from: holder, &sim) }
        releaseJob(job)
    }

    mutating func raiseAlert(_ q: Int, store: Int, from holder: NodeID, _ sim: inout Simulation<RetailEvent>) {
        let now = sim.now.nanoseconds
        let bytes = scenario.workload.alertBytes
        if topology[holder].tier == .store {
            // The store edge holds the inventory: staff are alerted on site at once,
            // and the cloud is told for replenishment.
            alertDelivered[q] = true
            recorder.stockoutDetected(beganAt: stockoutSince[q], now: now, touched: stockoutTouched[q])
            send(.alert(sku: Int32(q)), from: holder, to: cloudOfStore[store], size: bytes, .alert, &sim)
        } else {
            // The inventory is away from the store (the cloud, or where a
            // scheduler put it): the alert travels down to the store.
            guard lastAlertSent[q] == .min || now - lastAlertSent[q] >= Self.alertRetry else { return }
            lastAlertSent[q] = now
            send(.alert(sku: Int32(q)), from: holder, to: storeNode[store], size: bytes, .alert, &sim)
        }
    }

    // MARK: - Under a scheduler (out of line: the world without one keeps its hot paths)

    /// Sends a frame to wherever the scheduler put its camera's inference;
    /// drops it while that workload is unplaced.
    @inline(never)
    mutating func sendScheduledFrame(_ job: UInt32, camera: Int, size: Int, _ sim: inout Simulation<RetailEvent>) {
        let target = placement!.cameraNode[camera]
        if target.index < 0 {
            releaseJob(job)
        } else {
            send(.frame(job: job), from: cameraNode[camera], to: target, size: size, .video, &sim)
        }
    }

    /// The detection goes to the store's inventory service, wherever it runs.
    @inline(never)
    mutating func scheduledInferenceDone(_ job: UInt32, at node: NodeID, _ sim: inout Simulation<RetailEvent>) {
        let holder = placement!.inventoryNode[Int(jobs[Int(job)].camera) / camerasPerStore]
        if holder == node {
            apply(job, at: node, &sim)
        } else if holder.index < 0 {
            releaseJob(job)
        } else {
            send(.detection(job: job), from: node, to: holder, size: scenario.workload.detectionBytes, .control, &sim)
        }
    }

    /// A node's periodic heartbeat to the scheduler, through the network (a
    /// crashed node sends none).
    mutating func sendHeartbeat(_ node: NodeID, _ sim: inout Simulation<RetailEvent>) {
        guard let placement else { return }
        sim.schedule(.heartbeat(node: node.index), after: placement.heartbeatInterval)
        send(.heartbeat, from: node, to: placement.host, size: PlacementDriver.heartbeatBytes, .control, &sim)
    }

    mutating func deliver(_ message: Message<RetailPayload>, _ sim: inout Simulation<RetailEvent>) {
        switch message.payload {
        case .frame(let job):
            startInference(job, at: message.destination, &sim)
        case .detection(let job):
            apply(job, at: message.destination, &sim)
        case .alert(let sku):
            let q = Int(sku)
            if topology[message.destination].tier == .store, stockoutSince[q] >= 0, !alertDelivered[q] {
                alertDelivered[q] = true
                recorder.stockoutDetected(beganAt: stockoutSince[q], now: sim.now.nanoseconds, touched: stockoutTouched[q])
            }
        case .delta(let record):
            receive(record: record, from: message.source, at: message.destination, &sim)
        case .deltaAck(let outbox, let sequence):
            acknowledged(outbox: Int(outbox), sequence: sequence, now: sim.now.nanoseconds)
        case .feedback(let job):
            receiveFeedback(job: job, at: message.destination, &sim)
        case .replica(let handle):
            replication?.deliver(handle, from: message.source, to: message.destination, network: &network, sim: &sim)
        case .heartbeat:
            if let placement {
                placement.heartbeat(from: message.source, now: sim.now.nanoseconds,
                                    local: network.localTime(of: placement.host, at: sim.now).nanoseconds)
            }
        }
    }

    // MARK: - Helpers

    mutating func send(_ payload: RetailPayload, from: NodeID, to: NodeID, size: Int, _ cls: TrafficClass,
                       _ sim: inout Simulation<RetailEvent>) {
        let outcome = network.send(Message(source: from, destination: to, size: size, trafficClass: cls,
                                           createdAt: sim.now, payload: payload), in: &sim)
        if outcome != .accepted, case .frame(let job) = payload { releaseJob(job) }
        if outcome != .accepted, case .detection(let job) = payload { releaseJob(job) }
        if outcome != .accepted, case .feedback(let job) = payload { releaseJob(job) }
    }

    mutating func allocateJob(camera: Int, now: SimTime) -> UInt32 {
        let job = Job(camera: Int32(camera), capturedAt: now.nanoseconds,
                      duringFault: storeTouched[camera / camerasPerStore] > 0, epoch: 0, references: 1)
        if let slot = freeJobs.popLast() {
            jobs[Int(slot)] = job
            return slot
        }
        jobs.append(job)
        jobCounts.append(contentsOf: repeatElement(0, count: skusPerCamera))
        return UInt32(jobs.count - 1)
    }

    mutating func releaseJob(_ job: UInt32) {
        jobs[Int(job)].references -= 1
        guard jobs[Int(job)].references == 0 else { return }
        freeJobs.append(job)
    }
}
