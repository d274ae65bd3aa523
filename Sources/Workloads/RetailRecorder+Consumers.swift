import Foundation
import Metrics
import Scenario

extension RetailRecorder {
    /// Latency, SLA, freshness and availability per consumer; the headline
    /// `update_latency_*`, `sla_met_fraction`, `availability` and
    /// `availability_worst_store` are the store consumer's.
    static func consumerMetrics(_ v: ConsumerViews, framesCounted: Int, hasFaults: Bool) -> [MetricValue] {
        var m: [MetricValue] = []
        func real(_ name: String, _ unit: String, _ x: Double) { m.append(MetricValue(name, unit, .real(x))) }
        func latency(_ prefix: String, _ h: LatencyHistogram, mean: Bool) {
            if mean { real("\(prefix)_mean", "s", h.meanSeconds) }
            real("\(prefix)_p50", "s", h.percentile(50))
            real("\(prefix)_p95", "s", h.percentile(95))
            real("\(prefix)_p99", "s", h.percentile(99))
            real("\(prefix)_p999", "s", h.percentile(99.9))
            real("\(prefix)_max", "s", h.percentile(100))
        }
        func sla(_ c: Int) -> Double { framesCounted > 0 ? Double(v.withinSLA[c]) / Double(framesCounted) : .nan }
        func availability(_ c: Int) -> (all: Double, worst: Double) {
            var touched = 0, within = 0, worst = Double.nan
            for s in 0..<v.stores where v.touchedUpdates[s] > 0 {
                touched += v.touchedUpdates[s]
                within += v.touchedWithinSLA[c * v.stores + s]
                let a = Double(v.touchedWithinSLA[c * v.stores + s]) / Double(v.touchedUpdates[s])
                if !(a >= worst) { worst = a }
            }
            return (touched > 0 ? Double(within) / Double(touched) : .nan, worst)
        }
        let store = Consumer.store.index
        latency("update_latency", v.latency[store], mean: true)
        real("sla_met_fraction", "fraction", sla(store))
        if hasFaults {
            let a = availability(store)
            real("availability", "fraction", a.all)
            real("availability_worst_store", "fraction", a.worst)
        }
        for consumer in Consumer.allCases where v.present[consumer.index] {
            let c = consumer.index, name = consumer.rawValue
            latency("update_latency_\(name)", v.latency[c], mean: false)
            real("sla_met_fraction_\(name)", "fraction", sla(c))
            real("freshness_\(name)_mean", "s", v.meanAge(c))
            real("freshness_\(name)_p50", "s", v.staleness[c].percentile(50))
            real("freshness_\(name)_p99", "s", v.staleness[c].percentile(99))
            real("freshness_\(name)_max", "s", v.staleness[c].percentile(100))
            if hasFaults {
                let a = availability(c)
                real("availability_\(name)", "fraction", a.all)
                real("availability_worst_store_\(name)", "fraction", a.worst)
            }
        }
        return m
    }

    /// The reliable uploads of an edge arm.
    static func uploadMetrics(_ u: UploadCounters) -> [MetricValue] {
        var m: [MetricValue] = []
        func count(_ name: String, _ x: Int) { m.append(MetricValue(name, "count", .count(x))) }
        count("deltas_sent", u.deltasSent)
        count("deltas_retransmitted", u.deltasRetransmitted)
        count("deltas_forwarded", u.deltasForwarded)
        count("deltas_lost", u.deltasLost)
        count("delta_entries_lost", u.deltaEntriesLost)
        count("outbox_overflow", u.outboxOverflow)
        m.append(MetricValue("outbox_peak_bytes", "bytes", .count(u.outboxPeakBytes)))
        m.append(MetricValue("upload_backlog_time_p50", "s", .real(u.backlog.percentile(50))))
        m.append(MetricValue("upload_backlog_time_p99", "s", .real(u.backlog.percentile(99))))
        m.append(MetricValue("upload_backlog_time_max", "s", .real(u.backlog.percentile(100))))
        m.append(MetricValue("delta_wire_bytes", "bytes", .count(u.wireBytes)))
        let deltas = u.deltasSent + u.deltasRetransmitted
        let body = u.wireBytes - deltas * InventoryDelta.headerBytes
        m.append(MetricValue("delta_compression_ratio", "ratio", .real(body > 0 ? Double(u.rawBytes) / Double(body) : .nan)))
        return m
    }

    /// Per bucket of capture time: updates captured and, per consumer, those
    /// reflected within the SLA, late and lost (not reflected by the end), the
    /// SLA fraction (`sla_met_fraction` is the store's) and latency percentiles.
    static func appendConsumerSeries(_ v: ConsumerViews, to out: inout [(t: Double, metric: String, value: MetricNumber)]) {
        out.reserveCapacity(out.count + v.buckets * (2 + 6 * v.present.filter { $0 }.count))
        // Names made once, shared by every bucket's points.
        let names = Consumer.allCases.map { consumer in
            let name = consumer.rawValue
            return (sla: "sla_met_fraction_\(name)", within: "updates_within_sla_\(name)", late: "updates_late_\(name)",
                    lost: "updates_lost_\(name)", p50: "update_latency_p50_\(name)", p99: "update_latency_p99_\(name)")
        }
        for b in 0..<v.buckets {
            let end = v.warmup + Int64(b + 1) * v.bucket
            guard end <= v.end else { break }
            let t = Double(end) / 1e9
            let captured = v.bucketCaptured[b]
            out.append((t, "updates_captured", .count(captured)))
            func fraction(_ c: Int) -> Double { captured > 0 ? Double(v.bucketWithin[c * v.buckets + b]) / Double(captured) : .nan }
            out.append((t, "sla_met_fraction", .real(fraction(Consumer.store.index))))
            for consumer in Consumer.allCases where v.present[consumer.index] {
                let c = consumer.index, name = names[c], i = c * v.buckets + b
                out.append((t, name.sla, .real(fraction(c))))
                out.append((t, name.within, .count(v.bucketWithin[i])))
                out.append((t, name.late, .count(v.bucketLate[i])))
                out.append((t, name.lost, .count(captured - v.bucketWithin[i] - v.bucketLate[i])))
                out.append((t, name.p50, .real(v.bucketPercentile(c, b, 50))))
                out.append((t, name.p99, .real(v.bucketPercentile(c, b, 99))))
            }
        }
    }
}
