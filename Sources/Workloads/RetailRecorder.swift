import Foundation
import Metrics
import Scenario
import SimKernel
import SimNetwork

/// Measures one retail run; every metric is defined in docs/METRICS.md.
struct RetailRecorder {
    let warmup: Int64
    let end: Int64
    let sla: Int64

    var stockoutDetection = LatencyHistogram()
    var stockoutDetectionDuringFaults = LatencyHistogram()
    /// Frames captured at or after warm-up and at least one SLA before the end.
    var framesCounted = 0
    var framesDuringFault = 0
    var framesCaptured = 0
    var updatesApplied = 0
    var stockouts = 0
    var stockoutsUndetected = 0

    /// Network totals per boundary at the end of warm-up.
    var baseline: [BoundaryTraffic] = []
    /// Inference busy time per tier (by raw value) at the end of warm-up.
    var poolBusyAtWarmup = [Int64](repeating: 0, count: Tier.allCases.count)
    var lastTick: [BoundaryTraffic] = []
    var bucketUpdates = 0
    var timeseries: [(t: Double, metric: String, value: MetricNumber)] = []
    /// The `bytes_<from>_to_<to>` series names, made once and shared by every
    /// bucket's point (a name made per point costs an allocation per point).
    var boundaryNames: [(from: Tier, to: Tier, name: String)] = []
    let hasFaults: Bool
    /// Both directions of every LAN link between a store's servers: in-store
    /// traffic, taken out of the store-to-store boundary (never WAN).
    let lanLinks: [LinkID]
    /// LAN bytes at the end of warm-up.
    var lanBaseline = 0

    init(scenario: Scenario, topology: Topology) {
        lanLinks = topology.connections.filter { c in
            c.kind == .peer && topology[c.a].tier == .store && topology[c.a].store != nil
                && topology[c.a].store == topology[c.b].store
        }.flatMap { [$0.id.forward, $0.id.reverse] }
        warmup = scenario.warmup.nanoseconds
        end = scenario.duration.nanoseconds
        sla = scenario.sla.nanoseconds
        hasFaults = scenario.faults.contains { f in
            if case .clock = f.kind { return false }
            return true
        }
    }

    func counts(_ capturedAt: Int64) -> Bool { capturedAt >= warmup && capturedAt + sla <= end }

    mutating func frameCaptured(at now: SimTime, duringFault: Bool) {
        let t = now.nanoseconds
        if t >= warmup { framesCaptured += 1 }
        guard counts(t) else { return }
        framesCounted += 1
        if duringFault { framesDuringFault += 1 }
    }

    mutating func updateApplied(capturedAt: Int64) {
        guard capturedAt >= warmup else { return }
        updatesApplied += 1
        bucketUpdates += 1
    }

    mutating func stockoutBegan(at now: SimTime) {
        if now.nanoseconds >= warmup { stockouts += 1 }
    }

    mutating func stockoutDetected(beganAt: Int64, now: Int64, touched: Bool) {
        guard beganAt >= warmup else { return }
        stockoutDetection.record(nanoseconds: now - beganAt)
        if touched { stockoutDetectionDuringFaults.record(nanoseconds: now - beganAt) }
    }

    mutating func stockoutUndetected(beganAt: Int64) {
        if beganAt >= warmup { stockoutsUndetected += 1 }
    }


    /// Traffic per boundary, with the in-store LAN links left out.
    func boundaryTraffic(_ network: Network<RetailPayload>) -> [BoundaryTraffic] {
        let traffic = network.boundaryTraffic()
        guard !lanLinks.isEmpty else { return traffic }
        var lan = LinkCounters(), busy = 0
        for l in lanLinks {
            lan.add(network.counters(l))
            busy += Int(network.busyTime(l).nanoseconds)
        }
        return traffic.map { x in
            guard x.from == .store && x.to == .store else { return x }
            var d = x
            d.counters.sentMessages -= lan.sentMessages
            d.counters.sentBytes -= lan.sentBytes
            d.counters.deliveredMessages -= lan.deliveredMessages
            d.counters.deliveredBytes -= lan.deliveredBytes
            d.counters.lostMessages -= lan.lostMessages
            d.counters.lostBytes -= lan.lostBytes
            d.counters.droppedMessages -= lan.droppedMessages
            d.counters.droppedBytes -= lan.droppedBytes
            d.busyNanoseconds -= busy
            return d
        }
    }

    /// Bytes sent on the in-store LAN links so far.
    func lanBytes(_ network: Network<RetailPayload>) -> Int {
        lanLinks.reduce(0) { $0 + network.counters($1).sentBytes }
    }

    mutating func startMeasuring(network: Network<RetailPayload>, now: SimTime) {
        baseline = boundaryTraffic(network)
        lanBaseline = lanBytes(network)
        lastTick = baseline
    }

    /// Closes a timeseries bucket.
    mutating func tick(network: Network<RetailPayload>, now: SimTime, faultActive: Bool) {
        let current = boundaryTraffic(network)
        let t = now.seconds
        let delta = Self.difference(current, lastTick)
        timeseries.append((t, "wan_bytes", .count(Self.wanBytes(delta))))
        for (i, b) in delta.enumerated() {
            if i == boundaryNames.count || boundaryNames[i].from != b.from || boundaryNames[i].to != b.to {
                boundaryNames.insert((b.from, b.to, "bytes_\(b.from)_to_\(b.to)"), at: i)
            }
            timeseries.append((t, boundaryNames[i].name, .count(b.counters.sentBytes)))
        }
        timeseries.append((t, "updates_applied", .count(bucketUpdates)))
        timeseries.append((t, "fault_active", .count(faultActive ? 1 : 0)))
        lastTick = current
        bucketUpdates = 0
    }

    static func difference(_ a: [BoundaryTraffic], _ b: [BoundaryTraffic]) -> [BoundaryTraffic] {
        a.map { x in
            var d = x
            if let y = b.first(where: { $0.from == x.from && $0.to == x.to }) {
                d.counters.sentMessages -= y.counters.sentMessages
                d.counters.sentBytes -= y.counters.sentBytes
                d.counters.deliveredMessages -= y.counters.deliveredMessages
                d.counters.deliveredBytes -= y.counters.deliveredBytes
                d.counters.lostMessages -= y.counters.lostMessages
                d.counters.lostBytes -= y.counters.lostBytes
                d.counters.droppedMessages -= y.counters.droppedMessages
                d.counters.droppedBytes -= y.counters.droppedBytes
                d.busyNanoseconds -= y.busyNanoseconds
            }
            return d
        }
    }

    /// Everything that leaves the stores: store to region and store to store.
    static func wanBytes(_ traffic: [BoundaryTraffic]) -> Int {
        traffic.filter { $0.from == .store && $0.to != .device }.reduce(0) { $0 + $1.counters.sentBytes }
    }

    func finish(world: RetailWorld, eventsHandled: Int, end now: SimTime) -> RunResult {
        let scenario = world.scenario
        var m: [MetricValue] = []
        func real(_ name: String, _ unit: String, _ x: Double) { m.append(MetricValue(name, unit, .real(x))) }
        func count(_ name: String, _ x: Int) { m.append(MetricValue(name, "count", .count(x))) }

        var views = world.views
        views.finish(at: now.nanoseconds)
        m += Self.consumerMetrics(views, framesCounted: framesCounted, hasFaults: hasFaults)
        count("frames_captured", framesCaptured)
        count("updates_applied", updatesApplied)
        count("stockouts", stockouts)
        count("stockouts_undetected", stockoutsUndetected)
        real("stockout_detection_time_p50", "s", stockoutDetection.percentile(50))
        real("stockout_detection_time_p99", "s", stockoutDetection.percentile(99))
        real("stockout_detection_time_max", "s", stockoutDetection.percentile(100))
        if hasFaults {
            real("stockout_detection_time_during_faults_p50", "s", stockoutDetectionDuringFaults.percentile(50))
            real("stockout_detection_time_during_faults_max", "s", stockoutDetectionDuringFaults.percentile(100))
        }

        let traffic = Self.difference(boundaryTraffic(world.network), baseline)
        for b in traffic {
            m.append(MetricValue("bytes_\(b.from)_to_\(b.to)", "bytes", .count(b.counters.sentBytes)))
            m.append(MetricValue("messages_\(b.from)_to_\(b.to)", "count", .count(b.counters.sentMessages)))
        }
        if !lanLinks.isEmpty {
            m.append(MetricValue("bytes_store_lan", "bytes", .count(lanBytes(world.network) - lanBaseline)))
        }
        m.append(MetricValue("wan_bytes", "bytes", .count(Self.wanBytes(traffic))))
        if world.arm.isEdge { m += Self.uploadMetrics(world.uploads) }

        if let placement = world.placement { m += placement.metrics() }

        let measured = max(1, now.nanoseconds - warmup)
        var fleets = world.fleets
        for i in fleets.indices {
            fleets[i].finish(now: now.nanoseconds, busy: world.pools[Int(fleets[i].node)]!.busyNanoseconds(upTo: now.nanoseconds))
        }
        let gpuNanoseconds = fleets.reduce(Int64(0)) { $0 + $1.gpuNanoseconds }
        let busyNow = world.poolBusyByTier(upTo: now.nanoseconds)
        for tier in Tier.allCases {
            let tierPools = world.pools.indices.filter { world.pools[$0] != nil && world.topology.nodes[$0].tier == tier }
            guard !tierPools.isEmpty else { continue }
            let busy = Double(busyNow[tier.rawValue] - poolBusyAtWarmup[tier.rawValue])
            let slotNanoseconds: Double, provisioned: Double
            if tier == .cloud {
                slotNanoseconds = Double(gpuNanoseconds) * Double(scenario.deployment.slotsPerGPU)
                provisioned = Double(gpuNanoseconds) / Double(measured)
            } else {
                slotNanoseconds = Double(tierPools.reduce(0) { $0 + world.pools[$1]!.slots }) * Double(measured)
                // Servers, as the bill counts them: the servers behind each node with a pool.
                let servers = switch tier {
                case .store: scenario.deployment.store.servers
                case .region: scenario.deployment.region.servers
                case .device, .cloud: 1
                }
                provisioned = Double(tierPools.count * servers)
            }
            real("utilization_\(tier)", "fraction", slotNanoseconds > 0 ? busy / slotNanoseconds : .nan)
            real("provisioned_\(tier)", "count", provisioned)
        }

        let costs = CostModel(spec: scenario.costs, measuredNanoseconds: measured)
        let items = costs.lineItems(arm: world.arm, topology: world.topology, deployment: scenario.deployment,
                                    billed: BilledDeployment(gpuNanoseconds: gpuNanoseconds, hasCloudFleet: !fleets.isEmpty),
                                    traffic: traffic)
        let network = items.filter { CostLineItem.networkComponents.contains($0.component) }.reduce(Decimal(0)) { $0 + $1.usdMonth }
        let total = items.reduce(Decimal(0)) { $0 + $1.usdMonth }
        m.append(MetricValue("bandwidth_cost_usd_month", "usd", .money(network)))
        m.append(MetricValue("compute_cost_usd_month", "usd", .money(total - network)))
        m.append(MetricValue("total_cost_usd_month", "usd", .money(total)))
        count("events_handled", eventsHandled)
        // Present only when a draw went beyond its range (never in a validated
        // scenario's practical tail), so results without clamps are unchanged.
        if world.clampedDraws > 0 { count("clamped_draws", world.clampedDraws) }
        var series = timeseries
        if let replication = world.replication {
            let (metrics, report) = replication.driver.measure()
            m += metrics
            series = Self.withReadSeries(series, reads: report.readsPerBucket, stale: report.staleReadsPerBucket,
                                         from: warmup, bucket: scenario.timeseriesBucket.nanoseconds)
        }
        Self.appendConsumerSeries(views, to: &series)
        var result = RunResult(metrics: m, timeseries: series, eventsHandled: eventsHandled)
        result.costItems = items
        result.fleetChanges = fleets.map(\.changes)
        if let placement = world.placement, placement.explain {
            result.placementLines = placement.explanations
            result.placementNodes = placement.nodeRows
        }
        return result
    }

    /// The time series with, after each bucket's `hint_backlog`, the reads
    /// that began in the bucket (`replication_reads`) and the stale ones
    /// among them (`stale_reads`), counted per bucket of `bucket` ns from
    /// `from` (the warm-up).
    static func withReadSeries(_ series: [(t: Double, metric: String, value: MetricNumber)],
                               reads: [Int], stale: [Int], from: Int64, bucket: Int64)
        -> [(t: Double, metric: String, value: MetricNumber)] {
        var out: [(t: Double, metric: String, value: MetricNumber)] = []
        let points = series.reduce(0) { $0 + ($1.metric == "hint_backlog" ? 3 : 1) }
        out.reserveCapacity(points)
        for point in series {
            out.append(point)
            guard point.metric == "hint_backlog" else { continue }
            // The bucket [end - bucket, end).
            let end = Int64((point.t * 1e9).rounded())
            let b = end - bucket >= from ? Int((end - bucket - from) / bucket) : -1
            out.append((point.t, "replication_reads", .count(b >= 0 && b < reads.count ? reads[b] : 0)))
            out.append((point.t, "stale_reads", .count(b >= 0 && b < stale.count ? stale[b] : 0)))
        }
        return out
    }
}
