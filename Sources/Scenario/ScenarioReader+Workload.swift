import Foundation
import SimKernel
import SimNetwork

extension ScenarioReader {
    /// The workload: every key optional, defaults from ``WorkloadSpec``.
    func readWorkload(_ at: Located) -> WorkloadSpec {
        var w = WorkloadSpec()
        guard let f = fields(at, allowed: ScenarioSchema.workload) else { return w }
        if let v = f["kind"].flatMap({ choice($0, WorkloadKind.allCases.map(\.rawValue), what: "a workload kind") }) {
            w.kind = WorkloadKind(rawValue: v) ?? w.kind
        }
        let foreign = w.kind == .retail ? ScenarioSchema.keyValueWorkload : ScenarioSchema.retailWorkload
        for key in foreign {
            if let place = f[key] {
                report(.inconsistent, place, w.kind == .retail
                       ? "applies to the key-value workload (kind: keyvalue), not the retail one"
                       : "applies to the retail workload (kind: retail), not the key-value one")
            }
        }
        if w.kind == .keyvalue {
            w.keyValue = readKeyValue(f)
            return w
        }
        if let v = f["skus_per_store"].flatMap({ int($0, min: 1) }) { w.skusPerStore = v }
        if let v = f["shelf_capacity"].flatMap({ int($0, min: 1) }) { w.shelfCapacity = v }
        if let v = f["stockout_threshold"].flatMap({ int($0, min: 0) }) { w.stockoutThreshold = v }
        if w.stockoutThreshold >= w.shelfCapacity, let place = f["stockout_threshold"] ?? f["shelf_capacity"] {
            report(.outOfRange, place,
                   "stockout_threshold (\(w.stockoutThreshold)) must be below shelf_capacity (\(w.shelfCapacity))")
        }
        if let v = f["purchases_per_sku"].flatMap(rate) { w.purchasesPerSkuPerHour = v.perHour }
        if let v = f["restock_delay"].flatMap({ distribution($0, of: .duration) }) { w.restockDelay = v }
        if let v = f["frame_interval"].flatMap(positiveDuration) { w.frameInterval = v }
        if let v = f["frame_size"].flatMap({ distribution($0, of: .size) }) { w.frameBytes = v }
        if let v = f["detection_size"].flatMap({ size($0, min: 1) }) { w.detectionBytes = Int(v) }
        if let v = f["alert_size"].flatMap({ size($0, min: 1) }) { w.alertBytes = Int(v) }
        if let v = f["inference_site"].flatMap({ choice($0, ["device", "store"], what: "an inference site") }) {
            w.inferenceSite = InferenceSite(rawValue: v) ?? w.inferenceSite
        }
        if let timesAt = f["inference_time"], let times = fields(timesAt, allowed: ScenarioSchema.inferenceTiers) {
            if let v = times["device"].flatMap({ distribution($0, of: .duration) }) { w.inferenceTime.device = v }
            if let v = times["store"].flatMap({ distribution($0, of: .duration) }) { w.inferenceTime.store = v }
            if let v = times["cloud"].flatMap({ distribution($0, of: .duration) }) { w.inferenceTime.cloud = v }
        }
        if let slotsAt = f["inference_slots"], let slots = fields(slotsAt, allowed: ScenarioSchema.inferenceTiers) {
            if let v = slots["device"].flatMap({ int($0, min: 1, max: 1_000_000) }) { w.inferenceSlots.device = v }
            // The servers' pools are the deployment's now.
            if let at = slots["store"] { deploymentAlias(at, "store.slots_per_server") }
            if let at = slots["cloud"] { deploymentAlias(at, "region.slots_per_server") }
        }
        if let v = f["upload_interval"].flatMap(positiveDuration) { w.uploadInterval = v }
        if let v = f["outbox_limit"].flatMap({ size($0, min: 1) }) { w.outboxLimitBytes = Int(v) }
        if let durableAt = f["durable"], let tiers = fields(durableAt, allowed: ScenarioSchema.durableTiers) {
            if let v = tiers["store"].flatMap(bool) { w.durable.store = v }
            if let v = tiers["region"].flatMap(bool) { w.durable.region = v }
        }
        if let at = f["store_feedback"] { w.storeFeedback = readStoreFeedback(at) ?? w.storeFeedback }
        if let at = f["consumers"], let items = list(at, what: "a list of consumers: store, region, hq") {
            var consumers: [Consumer] = []
            for item in items {
                guard let name = choice(item, Consumer.allCases.map(\.rawValue), what: "a consumer"),
                      let c = Consumer(rawValue: name) else { continue }
                if consumers.contains(c) {
                    report(.duplicate, item, "\(name) is listed twice")
                } else {
                    consumers.append(c)
                }
            }
            if check(!consumers.isEmpty, at, "needs at least one consumer") {
                w.consumers = Consumer.allCases.filter(consumers.contains)
            }
        }
        return w
    }

    /// `none`, `per_update`, or a push interval such as `10s`.
    func readStoreFeedback(_ at: Located) -> StoreFeedback? {
        guard let text = scalar(at, "none, per_update or an interval such as \"10s\"") else { return nil }
        switch text {
        case "none": return StoreFeedback.none
        case "per_update": return .perUpdate
        default:
            guard text.first?.isNumber == true else {
                report(.wrongType, at, "expected none, per_update or an interval such as \"10s\", found \"\(text)\"")
                return nil
            }
            return positiveDuration(at).map { .periodic($0) }
        }
    }

    /// The key-value workload's keys (node names, roles and the run's length
    /// are checked against the rest of the scenario by `checkKeyValue`).
    func readKeyValue(_ f: Fields) -> KeyValueWorkloadSpec {
        var k = KeyValueWorkloadSpec()
        if let v = f["mode"].flatMap({ choice($0, KeyValueWorkloadSpec.Mode.allCases.map(\.rawValue), what: "a mode") }) {
            k.mode = KeyValueWorkloadSpec.Mode(rawValue: v) ?? k.mode
        }
        let foreign = k.mode == .probe ? ScenarioSchema.loadOnly : ScenarioSchema.probeOnly
        for key in foreign {
            if let place = f[key] { report(.inconsistent, place, "applies to mode: \(k.mode == .probe ? "load" : "probe") only") }
        }
        func names(_ key: String) -> [String]? {
            guard let at = f[key] else { return nil }
            guard let items = list(at, what: "a list of node names") else { return nil }
            return items.compactMap { string($0, "a node name such as \"store-3\"") }
        }
        if let v = names("replicas") { k.replicas = v }
        if let v = names("writers") { k.writers = v }
        if let v = names("readers") { k.readers = v }
        if let at = f["probe_delays"], let items = list(at, what: "a list of durations such as [0ms, 10ms, 1s]") {
            let delays = items.compactMap { duration($0) }
            if check(!items.isEmpty, at, "needs at least one delay") && delays.count == items.count {
                for (i, d) in delays.enumerated() where d < .zero { report(.outOfRange, items[i], "a delay is zero or more") }
                if Set(delays).count < delays.count { report(.duplicate, at, "a delay is listed twice") }
                k.probeDelays = delays
            }
        }
        if let v = f["probes"].flatMap({ int($0, min: 1, max: 10_000_000) }) { k.probes = v }
        if let v = f["probe_interval"].flatMap(positiveDuration) { k.probeInterval = v }
        if let at = f["probe_start"], let v = duration(at), check(v >= .zero, at, "must be zero or more; found \(v)") {
            k.probeStart = v
        }
        if let v = f["keys_per_store"].flatMap({ int($0, min: 1, max: 1_000_000) }) { k.keysPerStore = v }
        if let v = f["write_rate"].flatMap(operationRate) { k.writeRate = v }
        return k
    }

    // MARK: - Costs

    /// The prices: every key optional, defaults from ``CostSpec``. A list
    /// given (`transfer`, `cloud_egress.tiers`) replaces the default list.
    func readCosts(_ at: Located) -> CostSpec {
        var c = CostSpec()
        guard let f = fields(at, allowed: ScenarioSchema.costs) else { return c }
        if let hoursAt = f["hours_per_month"], let v = decimal(hoursAt, "a number of hours such as 730") {
            if check(v > 0 && v <= 744, hoursAt, "must be more than 0 and at most 744 (31 days), found \(v)") {
                c.hoursPerMonth = v
            }
        }
        if let transferAt = f["transfer"], let v = readTransfer(transferAt) { c.transfer = v }
        if let egressAt = f["cloud_egress"], let egress = fields(egressAt, allowed: ScenarioSchema.cloudEgress) {
            if let dirAt = egress["directions"], let v = readDirections(dirAt) { c.egressDirections = v }
            if let v = egress["free"].flatMap(gigabytes) { c.cloudEgressFreeGB = v }
            if let tiersAt = egress["tiers"], let v = readPriceTiers(tiersAt) { c.cloudEgressTiers = v }
        }
        // The prices of servers and GPUs are the deployment's now.
        if let at = f["store_server"] { deploymentAlias(at, "store.price") }
        if let at = f["region_aggregator"] { deploymentAlias(at, "region.price") }
        if let at = f["cloud_gpu"] { deploymentAlias(at, "cloud.price") }
        if let v = f["cloud_service"].flatMap({ price($0, per: .hour) }) { c.cloudServicePerHour = v }
        if let v = f["store_site"].flatMap({ price($0, per: .month) }) { c.storeSitePerMonth = v }
        if let v = f["region_site"].flatMap({ price($0, per: .month) }) { c.regionSitePerMonth = v }
        if let at = f["cloud_gpu_target_utilization"] {
            warn(.deprecated, path: at.path, line: at.line,
                 "no longer read: the cloud fleet the bill prices is the simulated one (deployment.cloud, target_utilization for an autoscaled fleet)")
        }
        return c
    }

    /// A list of `{from, to}` between neighbouring tiers, each at most once.
    func readDirections(_ at: Located) -> [TierDirection]? {
        guard let items = list(at, what: "a list of {from, to}") else { return nil }
        let tierNames = Tier.allCases.map(\.description)
        var out: [TierDirection] = []
        var ok = true
        for item in items {
            guard let f = fields(item, allowed: ScenarioSchema.direction) else { ok = false; continue }
            let from = required(f, "from", "a tier").flatMap { choice($0, tierNames, what: "a tier") }
                .flatMap { t in Tier.allCases.first { $0.description == t } }
            let to = required(f, "to", "a tier").flatMap { choice($0, tierNames, what: "a tier") }
                .flatMap { t in Tier.allCases.first { $0.description == t } }
            guard let from, let to else { ok = false; continue }
            guard abs(from.rawValue - to.rawValue) == 1 else {
                report(.inconsistent, item, "traffic crosses one tier boundary at a time; \(from) and \(to) are not neighbours")
                ok = false
                continue
            }
            let d = TierDirection(from: from, to: to)
            if out.contains(d) {
                report(.duplicate, item, "\(from) to \(to) is listed twice")
                ok = false
                continue
            }
            out.append(d)
        }
        return ok ? out : nil
    }

    func readTransfer(_ at: Located) -> [TransferPrice]? {
        guard let items = list(at, what: "a list of {from, to, price}") else { return nil }
        let tierNames = Tier.allCases.map(\.description)
        var prices: [TransferPrice] = []
        var pricedAt: [Int] = []
        var ok = true
        for (index, item) in items.enumerated() {
            guard let f = fields(item, allowed: ScenarioSchema.transfer) else { ok = false; continue }
            let fromAt = required(f, "from", "a tier: " + tierNames.joined(separator: ", "))
            let toAt = required(f, "to", "a tier: " + tierNames.joined(separator: ", "))
            let from = fromAt.flatMap { choice($0, tierNames, what: "a tier") }
                .flatMap { t in Tier.allCases.first { $0.description == t } }
            let to = toAt.flatMap { choice($0, tierNames, what: "a tier") }
                .flatMap { t in Tier.allCases.first { $0.description == t } }
            let usd = required(f, "price", "a price per GB such as \"$0.02/GB\"").flatMap { price($0, per: .gigabyte) }
            guard let from, let to, let usd, let toAt else { ok = false; continue }
            guard abs(from.rawValue - to.rawValue) == 1 else {
                report(.inconsistent, toAt, "traffic crosses one tier boundary at a time; \(from) and \(to) are not neighbours")
                ok = false
                continue
            }
            if let i = prices.firstIndex(where: { $0.from == from && $0.to == to }) {
                report(.duplicate, item, "\(from) to \(to) is already priced by \(at.path(index: pricedAt[i]))")
                ok = false
                continue
            }
            prices.append(TransferPrice(from: from, to: to, usdPerGB: usd))
            pricedAt.append(index)
        }
        return ok ? prices : nil
    }

    func readPriceTiers(_ at: Located) -> [PriceTier]? {
        guard let items = list(at, what: "a list of {up_to, price}") else { return nil }
        guard check(!items.isEmpty, at, "needs at least one tier (the last one without up_to)") else { return nil }
        var tiers: [PriceTier] = []
        var ok = true
        var previous: Decimal?
        for (i, item) in items.enumerated() {
            guard let f = fields(item, allowed: ScenarioSchema.priceTier) else { ok = false; continue }
            let last = i == items.count - 1
            var upTo: Decimal?
            if let upAt = f["up_to"] {
                upTo = gigabytes(upAt)
                if upTo == nil { ok = false }
                if last {
                    report(.inconsistent, upAt, "the last tier prices all the traffic beyond the others; leave out up_to")
                    ok = false
                } else if let upTo, let previous, upTo <= previous {
                    report(.inconsistent, upAt, "each up_to must be more than the one before")
                    ok = false
                } else if let upTo, upTo <= 0 {
                    report(.outOfRange, upAt, "must be more than zero")
                    ok = false
                }
            } else if !last {
                report(.missingKey, path: item.path("up_to"), line: item.line,
                       "required key is missing (a size such as \"10240GB\"; only the last tier leaves it out)")
                ok = false
            }
            previous = upTo ?? previous
            let usd = required(f, "price", "a price per GB such as \"$0.09/GB\"").flatMap { price($0, per: .gigabyte) }
            guard let usd else { ok = false; continue }
            tiers.append(PriceTier(upToGB: last ? nil : upTo, usdPerGB: usd))
        }
        return ok ? tiers : nil
    }
}
