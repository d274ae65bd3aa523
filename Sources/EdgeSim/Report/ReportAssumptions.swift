import Foundation
import Scenario
import SimKernel
import SimNetwork

/// The "Assumptions" section of the report: what the results assume, read
/// from the scenario file saved in the results folder (`scenario.yaml`, with
/// the `--set` overrides run.json lists), so that the page says what was
/// simulated and priced without the file at hand.
///
/// Every value is the validated scenario's, so defaults are filled in; a
/// value the file (or an override) does not set is marked as a default.
struct ReportAssumptions {
    /// Where a value comes from.
    enum Source {
        /// Written in the scenario file.
        case file
        /// Set by a `--set` override (run.json lists them).
        case override
        /// Not written anywhere: EdgeSim's default (Scenarios/README.md).
        case `default`
    }

    var scenario: Scenario
    /// The key paths the scenario file writes.
    var fileKeys: Set<String>
    /// The key paths the file writes once the overrides are applied.
    var effectiveKeys: Set<String>
    /// The overrides, `key=value`.
    var overrides: [String]
    /// The arms the results hold, in page order.
    var arms: [String]

    /// The assumptions of `data`, or why there are none to show.
    static func of(_ data: ResultsData) -> Result<ReportAssumptions, AssumptionsUnavailable> {
        guard let text = data.scenarioText else {
            return .failure(AssumptionsUnavailable(reason: "This results folder holds no \(ResultsWriter.scenarioFileName) "
                + "(results written before EdgeSim saved the scenario with them): rerun the scenario to see them here."))
        }
        var overrides: [ScenarioOverride] = []
        for o in data.overrides {
            guard let parsed = try? ScenarioOverride(parsing: o) else {
                return .failure(AssumptionsUnavailable(reason: "run.json lists an override that does not read: \(o)."))
            }
            overrides.append(parsed)
        }
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.parse(yaml: text, file: ResultsWriter.scenarioFileName, overrides: overrides)
        } catch {
            let first = error.issues.first.map { "\($0)" } ?? "\(error)"
            return .failure(AssumptionsUnavailable(reason: "\(ResultsWriter.scenarioFileName) of this folder does not "
                + "validate with this EdgeSim (\(first)); its assumptions are not shown."))
        }
        return .success(ReportAssumptions(scenario: scenario, fileKeys: ScenarioLoader.keyPaths(yaml: text),
                                          effectiveKeys: ScenarioLoader.keyPaths(yaml: text, overrides: overrides),
                                          overrides: data.overrides, arms: data.arms))
    }

    /// Where the value at `path` (in `--set` notation) comes from: written
    /// at that path or in a list item under it (`costs.transfer[0]` is
    /// written when `costs.transfer` is).
    /// A deployment key is also written under its old name (`costs.store_server`
    /// for `deployment.store.price`).
    func source(_ path: String) -> Source {
        let paths = [path] + DeploymentSection.aliases.filter { "deployment." + $0.new == path }.map(\.old)
        func written(_ keys: Set<String>) -> Bool {
            paths.contains { path in
                if keys.contains(path) { return true }
                // A list item is written when its list is.
                if path.hasSuffix("]"), let open = path.lastIndex(of: "[") { return keys.contains(String(path[..<open])) }
                return false
            }
        }
        let overridden = overrides.contains { o in paths.contains { covers(o, $0) } }
        if written(fileKeys) && !overridden { return .file }
        if written(effectiveKeys) { return .override }
        return .default
    }

    /// Whether override `text` (`key=value`) sets `path` or something above it.
    func covers(_ text: String, _ path: String) -> Bool {
        guard let equals = text.firstIndex(of: "=") else { return false }
        let key = String(text[..<equals])
        guard path.hasPrefix(key) else { return false }
        let rest = path.dropFirst(key.count)
        return rest.isEmpty || rest.hasPrefix(".") || rest.hasPrefix("[")
    }

    /// `value` with its source marked, as HTML.
    func marked(_ value: String, _ path: String) -> String {
        switch source(path) {
        case .file: return e(value)
        case .override: return e(value) + " <span class=\"source\">--set</span>"
        case .default: return e(value) + " <span class=\"source\">default</span>"
        }
    }

    func e(_ s: String) -> String { ReportPage.escape(s) }

    // MARK: - The section

    var html: String {
        var out = "<p>What these results assume, read from \(ResultsWriter.scenarioFileName) of this folder"
        if !overrides.isEmpty {
            out += " with the overrides run.json lists (" + overrides.map { "<code>--set \(e($0))</code>" }.joined(separator: ", ") + ")"
        }
        out += ". A value marked <span class=\"source\">default</span> is not set in the scenario file: it is EdgeSim's "
            + "default (Scenarios/README.md); one marked <span class=\"source\">--set</span> was set on the command line.</p>\n"
        out += topology + links + pools + prices + faults + workload
        return out
    }

    var topology: String {
        let t = scenario.topology
        let stores = t.regions * t.storesPerRegion
        var rows: [(String, String)] = [
            ("cloud", "\(count(t.cloudNodes)) cloud node\(t.cloudNodes == 1 ? "" : "s")"),
            ("region", "\(count(t.regions)) regional aggregator\(t.regions == 1 ? "" : "s")"),
            ("store", "\(count(stores)) stores (\(count(t.storesPerRegion)) per region), "
                + "\(count(t.serversPerStore)) edge server\(t.serversPerStore == 1 ? "" : "s") each"),
            ("device", "\(count(stores * t.camerasPerStore)) cameras (\(count(t.camerasPerStore)) per store)"),
        ]
        if !t.extraLinks.isEmpty {
            let peers = t.extraLinks.filter { $0.kind == .peer }.count
            let uplinks = t.extraLinks.count - peers
            var parts: [String] = []
            if peers > 0 { parts.append("\(count(peers)) peer link\(peers == 1 ? "" : "s")") }
            if uplinks > 0 { parts.append("\(count(uplinks)) further uplink\(uplinks == 1 ? "" : "s")") }
            rows.append(("extra links", parts.joined(separator: ", ")))
        }
        var out = "<h3>Topology</h3>\n<table class=\"facts\">\n<thead><tr><th>tier</th><th>nodes</th></tr></thead>\n<tbody>\n"
        for (tier, text) in rows { out += "<tr><th scope=\"row\">\(e(tier))</th><td>\(e(text))</td></tr>\n" }
        return out + "</tbody>\n</table>\n"
    }

    var links: String {
        let t = scenario.topology
        var out = "<h3>Links</h3>\n<p>Per tier boundary, each direction of every link; latency is drawn per message.</p>\n"
        out += "<table class=\"facts\">\n<thead><tr><th>link</th><th>latency</th><th>bandwidth</th><th>loss</th>"
            + "<th>queue limit</th><th>discipline</th><th>ordering</th></tr></thead>\n<tbody>\n"
        for (name, key, settings) in [("device–store", "device_store", t.deviceStore), ("store–region", "store_region", t.storeRegion),
                                      ("region–cloud", "region_cloud", t.regionCloud)] {
            out += linkRow(name, settings, path: "topology.links.\(key)")
        }
        // Extra links with the same kind and settings share a row.
        var groups: [(kind: ExtraLink.Kind, settings: LinkSettings, pairs: [String])] = []
        for l in t.extraLinks {
            let pair = "\(l.a)–\(l.b)"
            if let i = groups.firstIndex(where: { $0.kind == l.kind && $0.settings == l.settings }) {
                groups[i].pairs.append(pair)
            } else {
                groups.append((l.kind, l.settings, [pair]))
            }
        }
        for g in groups {
            let shown = g.pairs.prefix(4).joined(separator: ", ")
            let more = g.pairs.count > 4 ? " and \(g.pairs.count - 4) more" : ""
            out += linkRow("\(g.kind == .peer ? "peer" : "uplink") \(shown)\(more)", g.settings, path: nil)
        }
        return out + "</tbody>\n</table>\n"
    }

    func linkRow(_ name: String, _ s: LinkSettings, path: String?) -> String {
        func mark(_ value: String, _ key: String) -> String { path.map { marked(value, "\($0).\(key)") } ?? e(value) }
        var latency = Self.distribution(s.latency, unit: "s")
        if let up = s.latencyUp { latency = "up " + Self.distribution(up, unit: "s") + (s.latencyDown == nil ? "; down " + latency : "") }
        if let down = s.latencyDown {
            latency = (s.latencyUp == nil ? "up " + latency + "; " : latency + "; ") + "down " + Self.distribution(down, unit: "s")
        }
        var row = "<tr><th scope=\"row\">\(e(name))</th><td>\(e(latency))</td><td>\(e(Bandwidth(bitsPerSecond: s.bandwidth).description))</td>"
        row += "<td>\(mark(QuantityFormat.percent(s.loss), "loss"))</td>"
        row += "<td>\(mark(s.queueLimitBytes.map { ByteSize(bytes: Int64($0)).description } ?? "unbounded", "queue_limit"))</td>"
        row += "<td>\(mark(s.discipline.rawValue, "discipline"))</td><td>\(mark(s.ordering.rawValue, "ordering"))</td></tr>\n"
        return row
    }

    var pools: String {
        var out = "<h3>Fleets and inference pools</h3>\n"
        let w = scenario.workload
        guard w.kind == .retail else {
            return out + "<p>The key-value workload runs no inference: no pool, no fleet.</p>\n"
        }
        let t = scenario.topology
        let armValues = arms.compactMap(Arm.init(rawValue:))
        out += "<p>Frames analysed at once, per tier and arm (<code>deployment</code>; a camera's, "
            + "<code>workload.inference_slots.device</code>), and the inference time of one frame on that tier.</p>\n"
        out += "<table class=\"facts\">\n<thead><tr><th>tier</th>"
        for arm in armValues { out += "<th>\(e(arm.rawValue))</th>" }
        out += "<th>inference time</th></tr></thead>\n<tbody>\n"
        let stores = t.regions * t.storesPerRegion
        for tier in [Tier.device, .store, .region, .cloud] {
            out += "<tr><th scope=\"row\">\(tier)</th>"
            for arm in armValues {
                let scheduled = scenario.scheduling != nil || arm.needsScheduler
                var cell = "none"
                switch tier {
                case .device:
                    if !scheduled && arm == .edgeHybrid && w.inferenceSite == .device {
                        cell = marked(slots(w.inferenceSlots.device), "workload.inference_slots.device")
                            + e(" per camera (\(nodes(stores * t.camerasPerStore, "camera")))")
                    }
                case .store:
                    if scheduled || (arm.isEdge && w.inferenceSite == .store) {
                        cell = servers(scenario.deployment.store, "store", nodes: stores * t.serversPerStore, noun: "store node")
                            + (scheduled ? e(", where the scheduler places inference") : "")
                    }
                case .region:
                    if scheduled {
                        cell = servers(scenario.deployment.region, "region", nodes: t.regions, noun: "aggregator")
                            + e(", where the scheduler places inference")
                    }
                case .cloud:
                    if scheduled || arm == .cloudOnly { cell = fleet }
                }
                out += "<td class=\"text\">\(cell)</td>"
            }
            let time: Distribution
            let key: String
            switch tier {
            case .device: (time, key) = (w.inferenceTime.device, "device")
            case .store: (time, key) = (w.inferenceTime.store, "store")
            case .region, .cloud: (time, key) = (w.inferenceTime.cloud, "cloud")
            }
            out += "<td class=\"text\">\(marked(Self.distribution(time, unit: "s"), "workload.inference_time.\(key)"))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// The pool of a server tier (`deployment.store`, `deployment.region`)
    /// over its `nodes`, as HTML: "8 slots per server, 1 server per store
    /// node (6 servers)".
    func servers(_ s: NodeServers, _ key: String, nodes n: Int, noun: String) -> String {
        marked(slots(s.slotsPerServer), "deployment.\(key).slots_per_server") + e(" per server, ")
            + marked(nodes(s.servers, "server"), "deployment.\(key).servers") + e(" per \(noun) (\(nodes(n * s.servers, "server")))")
    }

    /// The cloud fleet of `deployment.cloud`, as HTML.
    var fleet: String {
        let d = scenario.deployment
        let p = "deployment.cloud."
        let slots = marked("\(d.slotsPerGPU) slot\(d.slotsPerGPU == 1 ? "" : "s") per GPU", p + "slots_per_gpu")
        switch d.fleet {
        case .fixed:
            return marked("fixed", p + "fleet") + ": " + marked("\(count(d.gpus)) GPU\(d.gpus == 1 ? "" : "s")", p + "gpus")
                + " per cloud node, " + slots
        case .autoscaled:
            return marked("autoscaled", p + "fleet") + ": " + marked("\(count(d.gpus)) GPU\(d.gpus == 1 ? "" : "s")", p + "gpus")
                + " per cloud node at the start, " + marked("\(count(d.minGPUs))", p + "min_gpus") + " to "
                + marked("\(count(d.maxGPUs))", p + "max_gpus") + " GPUs, steering to "
                + marked(QuantityFormat.percent(d.targetUtilization), p + "target_utilization") + " busy; scale-up delay "
                + marked(Self.duration(d.scaleUpDelay), p + "scale_up_delay") + ", scale-down delay "
                + marked(Self.duration(d.scaleDownDelay), p + "scale_down_delay") + ", window "
                + marked(Self.duration(d.window), p + "window") + "; " + slots
        }
    }

    var prices: String {
        guard scenario.workload.kind == .retail else {
            return "<h3>Prices</h3>\n<p>The key-value workload is not priced: its results have no bill.</p>\n"
        }
        let c = scenario.costs, d = scenario.deployment
        func gb(_ d: Decimal) -> String { QuantityFormat.count(NSDecimalNumber(decimal: d).doubleValue) }
        var rows: [(key: String, what: String, price: String)] = [
            ("costs.hours_per_month", "hours in a billing month", "\(c.hoursPerMonth) h"),
            ("deployment.store.price", "a store edge server", QuantityFormat.price(d.store.pricePerHour) + "/h"),
            ("costs.store_site", "store edge hardware, per store", QuantityFormat.price(c.storeSitePerMonth) + "/month"),
            ("deployment.region.price", "a regional server", QuantityFormat.price(d.region.pricePerHour) + "/h"),
            ("costs.region_site", "a regional rack, per region", QuantityFormat.price(c.regionSitePerMonth) + "/month"),
            ("costs.cloud_service", "the cloud inventory service, per cloud node", QuantityFormat.price(c.cloudServicePerHour) + "/h"),
            ("deployment.cloud.price", "a cloud GPU", QuantityFormat.price(d.cloudGPUPerHour) + "/h"),
            ("deployment.camera", "a camera", QuantityFormat.price(d.cameraPerMonth) + "/month"),
        ]
        for (i, step) in d.circuits.enumerated() {
            rows.append(("deployment.circuits[\(i)]", "a circuit of up to \(Bandwidth(bitsPerSecond: step.bitsPerSecond))",
                         QuantityFormat.price(step.usdPerMonth) + "/month"))
        }
        for (i, t) in c.transfer.enumerated() {
            rows.append(("costs.transfer[\(i)]", "transfer \(t.from)→\(t.to)", QuantityFormat.price(t.usdPerGB) + "/GB"))
        }
        let directions = c.egressDirections.map { "\($0.from)→\($0.to)" }.joined(separator: ", ")
        rows.append(("costs.cloud_egress.directions", "the traffic priced as cloud egress", directions.isEmpty ? "none" : directions))
        rows.append(("costs.cloud_egress.free", "cloud egress free each month", "\(gb(c.cloudEgressFreeGB)) GB"))
        var previous: Decimal = 0
        for (i, t) in c.cloudEgressTiers.enumerated() {
            let range = t.upToGB.map { "cloud egress tier-\(i + 1), \(gb(previous)) to \(gb($0)) GB a month" }
                ?? "cloud egress tier-\(i + 1), beyond \(gb(previous)) GB a month"
            rows.append(("costs.cloud_egress.tiers[\(i)]", range, QuantityFormat.price(t.usdPerGB) + "/GB"))
            previous = t.upToGB ?? previous
        }
        var out = "<h3>Prices</h3>\n<p>Every price the bill uses, under the key that sets it (the <code>price_key</code> "
            + "of costs.csv).</p>\n<table class=\"facts\">\n<thead><tr><th>key</th><th>what</th><th>price</th><th>from</th></tr></thead>\n<tbody>\n"
        for r in rows {
            let from: String
            switch source(r.key) {
            case .file: from = "scenario file"
            case .override: from = "<span class=\"source\">--set</span>"
            case .default: from = "<span class=\"source\">default</span>"
            }
            out += "<tr><th scope=\"row\"><code>\(e(r.key))</code></th><td class=\"text\">\(e(r.what))</td><td>\(e(r.price))</td>"
                + "<td class=\"text\">\(from)</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    var faults: String {
        var out = "<h3>Faults</h3>\n"
        guard !scenario.faults.isEmpty else { return out + "<p>None: no fault in this scenario.</p>\n" }
        out += "<table class=\"facts\">\n<thead><tr><th>from</th><th>to</th><th>fault</th><th>on</th></tr></thead>\n<tbody>\n"
        for f in scenario.faults {
            let start = Self.duration(f.at)
            var end = f.duration.map { Self.duration(f.at + $0) } ?? "the end of the run"
            let what: String, on: String
            switch f.kind {
            case .cut(let l): (what, on) = ("cut", "\(l.a) – \(l.b)")
            case .partition(let a, let b): (what, on) = ("partition", a.joined(separator: ", ") + " | " + b.joined(separator: ", "))
            case .crash(let n): (what, on) = ("crash and restart", n)
            case .degrade(let l, let lf, let bf, let loss):
                var parts: [String] = []
                if lf != 1 { parts.append("latency ×\(QuantityFormat.count(lf))") }
                if bf != 1 { parts.append("bandwidth ×\(QuantityFormat.count(bf))") }
                if loss != 0 { parts.append("loss +\(QuantityFormat.percent(loss))") }
                (what, on) = ("degrade (" + parts.joined(separator: ", ") + ")", "\(l.a) – \(l.b)")
            case .clock(let n, let offset, let drift):
                end = "—"
                (what, on) = ("clock: offset \(QuantityFormat.duration(offset.seconds)), drift \(QuantityFormat.count(drift)) ppm", n)
            }
            out += "<tr><td>\(e(start))</td><td>\(e(end))</td><td class=\"text\">\(e(what))</td><td class=\"text\">\(e(on))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    var workload: String {
        let s = scenario, w = s.workload, t = s.topology
        var rows: [(String, String)] = [
            ("run", marked(Self.duration(s.duration), "duration") + e(" simulated, the first ")
                + marked(Self.duration(s.warmup), "warmup") + e(" of it warm-up")),
        ]
        switch w.kind {
        case .retail:
            rows.append(("SLA", marked(Self.duration(s.sla), "sla") + e(" from capture to a consumer's view")))
            let stores = t.regions * t.storesPerRegion, cameras = stores * t.camerasPerStore
            let framesPerSecond = Double(cameras) / w.frameInterval.seconds
            rows += [
                ("cameras", e("\(count(cameras)) (\(count(t.camerasPerStore)) per store)")),
                ("frame interval", marked(Self.duration(w.frameInterval), "workload.frame_interval")
                    + e(" per camera: \(QuantityFormat.count(framesPerSecond)) frames/s in all")),
                ("frame size", marked(Self.distribution(w.frameBytes, unit: "bytes"), "workload.frame_size")),
                ("inference site", marked(w.inferenceSite.rawValue, "workload.inference_site") + e(" (edge_hybrid)")),
                ("products", marked("\(count(w.skusPerStore)) SKUs", "workload.skus_per_store") + e(" per store")),
                ("purchases", marked("\(QuantityFormat.count(w.purchasesPerSkuPerHour))/h", "workload.purchases_per_sku")
                    + e(" per SKU: \(QuantityFormat.count(w.purchasesPerSkuPerHour * Double(w.skusPerStore)))/h per store")),
                ("upload interval", marked(Self.duration(w.uploadInterval), "workload.upload_interval")
                    + e(" (edge_hybrid: each store's inventory delta)")),
                ("store feedback", marked(Self.feedback(w.storeFeedback), "workload.store_feedback") + e(" (cloud_only)")),
            ]
        case .keyvalue:
            let k = w.keyValue
            rows.append(("key-value mode", marked(k.mode.rawValue, "workload.mode")))
            switch k.mode {
            case .probe:
                rows += [
                    ("probes", marked(count(k.probes), "workload.probes") + e(", one every ")
                        + marked(Self.duration(k.probeInterval), "workload.probe_interval")),
                    ("probe delays", marked(k.probeDelays.map { Self.duration($0) }.joined(separator: ", "), "workload.probe_delays")),
                    ("replicas", e(k.replicas.joined(separator: ", "))),
                    ("writer, readers", e(k.writers.joined(separator: ", ") + "; " + k.readers.joined(separator: ", "))),
                ]
            case .load:
                rows += [
                    ("writes", marked("\(QuantityFormat.count(k.writeRate))/s", "workload.write_rate") + e(" per writing store, over ")
                        + marked("\(k.keysPerStore) keys", "workload.keys_per_store") + e(" each")),
                ]
            }
        }
        var out = "<h3>Workload</h3>\n<table class=\"facts\">\n<tbody>\n"
        for (name, value) in rows { out += "<tr><th scope=\"row\">\(e(name))</th><td class=\"text\">\(value)</td></tr>\n" }
        return out + "</tbody>\n</table>\n"
    }

    // MARK: - Words for values

    func count(_ n: Int) -> String { QuantityFormat.count(Double(n)) }

    /// "1 slot", "8 slots".
    func slots(_ n: Int) -> String { nodes(n, "slot") }

    /// "1 server", "12 servers".
    func nodes(_ n: Int, _ noun: String) -> String { "\(count(n)) \(noun)\(n == 1 ? "" : "s")" }

    static func duration(_ d: SimDuration) -> String {
        d.nanoseconds == 0 ? "0 s" : QuantityFormat.duration(d.seconds)
    }

    static func feedback(_ f: StoreFeedback) -> String {
        switch f {
        case .none: return "none"
        case .perUpdate: return "per update"
        case .periodic(let every): return "every " + duration(every)
        }
    }

    /// A distribution of durations (`unit` "s") or sizes ("bytes") in words:
    /// "2 ms", "lognormal, median 10 ms, σ 0.2".
    static func distribution(_ d: Distribution, unit: String) -> String {
        func v(_ x: Double) -> String {
            unit == "s" ? (x == 0 ? "0 s" : QuantityFormat.duration(x)) : QuantityFormat.value(x, unit: unit)
        }
        let g = { (x: Double) in QuantityFormat.count(x) }
        switch d.kind {
        case .constant(let x): return v(x)
        case .uniform(let a, let b): return "uniform, \(v(a)) to \(v(b))"
        case .exponential(let m): return "exponential, mean \(v(m))"
        case .normal(let m, let sd): return "normal, mean \(v(m)), sd \(v(sd))"
        case .lognormal(let mu, let sigma): return "lognormal, median \(v(exp(mu))), σ \(g(sigma))"
        case .gamma(let k, let theta): return "gamma, shape \(g(k)), scale \(v(theta))"
        case .weibull(let l, let k): return "weibull, scale \(v(l)), shape \(g(k))"
        case .pareto(let a, let xm): return "pareto, shape \(g(a)), scale \(v(xm))"
        case .empirical(_, let values):
            return "empirical, \(v(values.first ?? 0)) to \(v(values.last ?? 0))"
        }
    }
}

/// Why the report shows no assumptions.
struct AssumptionsUnavailable: Error {
    var reason: String
}
