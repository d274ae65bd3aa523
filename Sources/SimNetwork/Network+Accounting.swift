import SimKernel

extension Network {
    /// One link direction's counters for one class.
    public func counters(_ link: LinkID, _ trafficClass: TrafficClass) -> LinkCounters {
        layer.counters(Int(link.index), trafficClass.rawValue)
    }

    /// One link direction's counters, all classes together.
    public func counters(_ link: LinkID) -> LinkCounters {
        var total = LinkCounters()
        for c in TrafficClass.allCases { total.add(counters(link, c)) }
        return total
    }

    /// Time the link direction spent transmitting.
    public func busyTime(_ link: LinkID) -> SimDuration {
        SimDuration(nanoseconds: layer.hot[Int(link.index)].busyNanoseconds)
    }

    /// Busy time over `elapsed`: the fraction of time the link was sending.
    public func utilization(_ link: LinkID, over elapsed: SimDuration) -> Double {
        elapsed.nanoseconds > 0 ? Double(layer.hot[Int(link.index)].busyNanoseconds) / Double(elapsed.nanoseconds) : 0
    }

    /// Totals per tier boundary and direction (device to store, store to
    /// region, ..., and same-tier peers such as store to store), ordered by
    /// (from tier, to tier). Only boundaries that have links appear.
    ///
    /// - Parameter trafficClass: one class, or nil for all.
    public func boundaryTraffic(_ trafficClass: TrafficClass? = nil) -> [BoundaryTraffic] {
        let tiers = Tier.allCases.count
        var table = [BoundaryTraffic?](repeating: nil, count: tiers * tiers)
        let topology = layer.topology
        for l in 0..<layer.hot.count {
            let from = topology.nodes[Int(layer.cold[l].from)].tier, to = topology.nodes[Int(layer.hot[l].to)].tier
            let key = from.rawValue * tiers + to.rawValue
            let link = LinkID(l)
            let c = trafficClass.map { counters(link, $0) } ?? counters(link)
            if table[key] == nil { table[key] = BoundaryTraffic(from: from, to: to, counters: LinkCounters(), busyNanoseconds: 0) }
            table[key]!.counters.add(c)
            table[key]!.busyNanoseconds += Int(layer.hot[l].busyNanoseconds)
        }
        return table.compactMap { $0 }
    }
}
