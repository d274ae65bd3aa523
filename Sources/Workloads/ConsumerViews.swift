import Foundation
import Metrics
import Scenario

/// What each consumer (the store, the regional dashboard, headquarters)
/// knows of the inventory, built only from what reached it, and how late and
/// how stale that is.
///
/// A view holds, per SKU, the units the consumer believes are on the shelf
/// and, per camera, the capture time of the newest observation it reflects
/// (its *as-of*). An update (a frame applied by the inventory holder)
/// reaches a consumer when the consumer's view reflects it: at once for the
/// holder, on arrival of a per-update push, or when a snapshot (a delta, a
/// periodic push) with an as-of at or after the capture time arrives.
/// Snapshot consumers find the updates a snapshot covers in a per-camera log
/// of applied capture times.
///
/// Arrays are flat and indexed by dense ids: `consumer * skus + sku`,
/// `consumer * cameras + camera`, `consumer * stores + store`.
struct ConsumerViews {
    static let count = Consumer.allCases.count

    static func index(_ c: Consumer) -> Int { c.index }

    let skus: Int
    let cameras: Int
    let stores: Int
    let camerasPerStore: Int
    let skusPerStore: Int
    let warmup: Int64
    let end: Int64
    let sla: Int64
    /// Which consumers are measured.
    let present: [Bool]
    /// Which consumers learn by snapshot (and read the capture log).
    let bySnapshot: [Bool]
    let logging: Bool

    /// Units per consumer and SKU.
    var units: [Int32]
    /// Since when the consumer's view of a SKU differs from the truth, or -1.
    var differSince: [Int64]
    /// Capture time of the newest observation reflected, per consumer and camera.
    var asOf: [Int64]

    /// Applied capture times per camera (`capture << 1 | touched`), from `logBase[camera]` on.
    var log: [[Int64]]
    var logBase: [Int]
    /// Next log position each snapshot consumer has not yet reflected.
    var cursor: [Int]

    // Measures, per consumer.
    var latency: [LatencyHistogram]
    var withinSLA: [Int]
    var staleness: [LatencyHistogram]
    /// ∫ age dt over every SKU in the measured window, in seconds².
    var staleArea: [Double]
    /// Counted updates captured while a fault touched their store, per store.
    var touchedUpdates: [Int]
    /// Of those, reflected within the SLA, per consumer and store.
    var touchedWithinSLA: [Int]

    // Per timeseries bucket, by capture time: counted updates, and per consumer those within the SLA and late.
    let bucket: Int64
    var bucketCaptured: [Int]
    var bucketWithin: [Int]
    var bucketLate: [Int]
    /// Latencies reflected so far, per consumer and bucket, while the bucket
    /// is open (some counted update of it not reflected yet).
    var bucketSamples: [[Int64]]
    /// p50 and p99 of a closed bucket, per consumer and bucket.
    var bucketClosed: [(p50: Double, p99: Double)?]
    /// The bucket of the newest capture: every bucket before it has all its captures.
    var captureBucket = 0
    let buckets: Int

    init(consumers: [Consumer], bySnapshot snapshot: [Consumer], skus: Int, cameras: Int, stores: Int,
         camerasPerStore: Int, skusPerStore: Int, initialUnits: [Int32], warmup: Int64, end: Int64, sla: Int64,
         bucket: Int64) {
        self.skus = skus
        self.cameras = cameras
        self.stores = stores
        self.camerasPerStore = camerasPerStore
        self.skusPerStore = skusPerStore
        self.warmup = warmup
        self.end = end
        self.sla = sla
        present = Consumer.allCases.map(consumers.contains)
        bySnapshot = Consumer.allCases.map { consumers.contains($0) && snapshot.contains($0) }
        logging = bySnapshot.contains(true)
        let n = Self.count
        units = Array([[Int32]](repeating: initialUnits, count: n).joined())
        differSince = Array(repeating: -1, count: n * skus)
        asOf = Array(repeating: 0, count: n * cameras)
        log = logging ? Array(repeating: [], count: cameras) : []
        logBase = logging ? Array(repeating: 0, count: cameras) : []
        cursor = logging ? Array(repeating: 0, count: n * cameras) : []
        latency = Array(repeating: LatencyHistogram(), count: n)
        withinSLA = Array(repeating: 0, count: n)
        staleness = Array(repeating: LatencyHistogram(), count: n)
        staleArea = Array(repeating: 0, count: n)
        touchedUpdates = Array(repeating: 0, count: stores)
        touchedWithinSLA = Array(repeating: 0, count: n * stores)
        self.bucket = bucket
        buckets = bucket > 0 ? Int(max(0, end - warmup) / bucket) + 1 : 0
        bucketCaptured = Array(repeating: 0, count: buckets)
        bucketWithin = Array(repeating: 0, count: n * buckets)
        bucketLate = Array(repeating: 0, count: n * buckets)
        bucketSamples = Array(repeating: [], count: n * buckets)
        bucketClosed = Array(repeating: nil, count: n * buckets)
    }

    /// Whether an update captured then counts: at or after the warm-up and
    /// at least one SLA before the end.
    func counts(_ capturedAt: Int64) -> Bool { capturedAt >= warmup && capturedAt + sla <= end }

    func bucketIndex(_ capturedAt: Int64) -> Int { Int((capturedAt - warmup) / bucket) }

    // MARK: - Updates

    /// The inventory holder applied a frame; `touched` when a fault touched its store at capture.
    mutating func captured(camera: Int, capturedAt: Int64, touched: Bool) {
        if logging { log[camera].append(capturedAt << 1 | (touched ? 1 : 0)) }
    }

    /// A frame the holder captured (whether or not it is ever applied).
    mutating func frameCaptured(store: Int, capturedAt: Int64, touched: Bool) {
        guard counts(capturedAt) else { return }
        if touched { touchedUpdates[store] += 1 }
        guard buckets > 0 else { return }
        let b = bucketIndex(capturedAt)
        bucketCaptured[b] += 1
        // Captures come in time order: the buckets before this one are
        // complete, and one whose updates were all reflected already closes.
        while captureBucket < b {
            for c in 0..<Self.count { closeIfComplete(c, captureBucket) }
            captureBucket += 1
        }
    }

    /// A consumer's view now reflects one update.
    mutating func reflected(_ c: Int, store: Int, capturedAt: Int64, touched: Bool, now: Int64) {
        guard capturedAt >= warmup else { return }
        let l = now - capturedAt
        latency[c].record(nanoseconds: l)
        guard counts(capturedAt) else { return }
        if l <= sla {
            withinSLA[c] += 1
            if touched { touchedWithinSLA[c * stores + store] += 1 }
        }
        guard buckets > 0 else { return }
        let b = bucketIndex(capturedAt), i = c * buckets + b
        precondition(bucketClosed[i] == nil, "an update of a closed bucket was reflected twice")
        bucketSamples[i].append(l)
        if l <= sla { bucketWithin[i] += 1 } else { bucketLate[i] += 1 }
        if b < captureBucket { closeIfComplete(c, b) }
    }

    /// Closes bucket `b` of consumer `c` once every counted update captured
    /// in it is reflected (each is reflected at most once): its percentiles
    /// are final, and its samples are dropped, so that memory does not grow
    /// with the run's length. A bucket with updates never reflected stays
    /// open to the end.
    ///
    /// - Precondition: every capture of bucket `b` is counted.
    mutating func closeIfComplete(_ c: Int, _ b: Int) {
        let i = c * buckets + b
        guard bucketClosed[i] == nil, bucketWithin[i] + bucketLate[i] == bucketCaptured[b] else { return }
        bucketClosed[i] = (bucketPercentile(c, b, 50), bucketPercentile(c, b, 99))
        bucketSamples[i] = []
    }

    /// The latency percentile (0 to 100) of the updates of bucket `b`
    /// reflected by consumer `c`, in seconds; NaN when none was.
    func bucketPercentile(_ c: Int, _ b: Int, _ percentile: Double) -> Double {
        let i = c * buckets + b
        if let closed = bucketClosed[i] {
            if percentile == 50 { return closed.p50 }
            if percentile == 99 { return closed.p99 }
            preconditionFailure("a closed bucket keeps its p50 and p99 only")
        }
        // The same histogram as the run-wide percentiles, so the same values.
        var h = LatencyHistogram()
        for l in bucketSamples[i] { h.record(nanoseconds: l) }
        return h.percentile(percentile)
    }

    /// A snapshot consumer's view of a camera is now as of `newAsOf`: every
    /// logged update captured by then reaches it.
    mutating func advance(_ c: Int, camera: Int, to newAsOf: Int64, now: Int64) {
        let a = c * cameras + camera
        guard newAsOf > asOf[a] else { return }
        asOf[a] = newAsOf
        guard bySnapshot[c] else { return }
        let store = camera / camerasPerStore
        var i = cursor[a]
        let base = logBase[camera]
        let entries = log[camera]
        while i - base < entries.count {
            let e = entries[i - base]
            guard e >> 1 <= newAsOf else { break }
            reflected(c, store: store, capturedAt: e >> 1, touched: e & 1 == 1, now: now)
            i += 1
        }
        cursor[a] = i
        trim(camera)
    }

    /// Drops the log entries every snapshot consumer has reflected.
    mutating func trim(_ camera: Int) {
        var low = Int.max
        for c in 0..<Self.count where bySnapshot[c] { low = min(low, cursor[c * cameras + camera]) }
        let drop = low - logBase[camera]
        if drop >= 64 && drop * 2 >= log[camera].count {
            log[camera].removeFirst(drop)
            logBase[camera] = low
        }
    }

    // MARK: - Freshness

    /// The truth of a SKU changed to `truth`.
    mutating func truthChanged(_ q: Int, to truth: Int32, now: Int64) {
        for c in 0..<Self.count where present[c] { compare(c, q, truth: truth, now: now) }
    }

    /// A consumer's view of a SKU now holds `value`.
    mutating func setView(_ c: Int, _ q: Int, _ value: Int32, truth: Int32, now: Int64) {
        units[c * skus + q] = value
        compare(c, q, truth: truth, now: now)
    }

    mutating func compare(_ c: Int, _ q: Int, truth: Int32, now: Int64) {
        let i = c * skus + q
        let since = differSince[i]
        if units[i] == truth {
            guard since >= 0 else { return }
            closeEpisode(c, since: since, at: now)
            differSince[i] = -1
        } else if since < 0 {
            differSince[i] = now
        }
    }

    /// A stale episode from `since` ends at `e`: its age in the measured
    /// window adds to the area; its length counts when it ends after the warm-up.
    mutating func closeEpisode(_ c: Int, since: Int64, at e: Int64) {
        guard e > warmup else { return }
        staleness[c].record(nanoseconds: e - since)
        let from = Double(max(warmup, since) - since) / 1e9, to = Double(e - since) / 1e9
        staleArea[c] += (to * to - from * from) / 2
    }

    /// Closes the episodes still open at the end of the run.
    mutating func finish(at e: Int64) {
        for c in 0..<Self.count where present[c] {
            for q in 0..<skus where differSince[c * skus + q] >= 0 {
                closeEpisode(c, since: differSince[c * skus + q], at: e)
            }
        }
    }

    /// The time-averaged age of a consumer's view over every SKU, seconds.
    func meanAge(_ c: Int) -> Double {
        let window = Double(end - warmup) / 1e9
        return window > 0 && skus > 0 ? staleArea[c] / (window * Double(skus)) : .nan
    }
}
