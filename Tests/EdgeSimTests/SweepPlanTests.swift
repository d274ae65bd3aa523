import EdgeSim
import Foundation
import Testing

@Suite("Sweep plan and shards")
struct SweepPlanTests {
    func plan(_ sets: [String]) throws -> SweepPlan {
        SweepPlan(axes: try sets.map { (text: String) throws(SweepError) in try SweepAxis(parsing: text) })
    }

    @Test("values split at commas outside brackets, braces and quotes")
    func axisParsing() throws {
        #expect(try SweepAxis(parsing: "topology.stores_per_region=10, 20,30").values == ["10", "20", "30"])
        #expect(try SweepAxis(parsing: "faults=[],[{at: 1m, kind: crash}]").values == ["[]", "[{at: 1m, kind: crash}]"])
        #expect(try SweepAxis(parsing: "arms=[edge_hybrid, cloud_only],[cloud_only]").values.count == 2)
        #expect(try SweepAxis(parsing: "description='a, b',c").values == ["'a, b'", "c"])
        #expect(throws: SweepError.self) { try SweepAxis(parsing: "replication.w") }
        #expect(throws: SweepError.self) { try SweepAxis(parsing: "replication.w=1,,2") }
        #expect(throws: SweepError.self) { try SweepAxis(parsing: "replication.w=1,2,1") }
    }

    @Test("the points are the cross product, the first key varying slowest")
    func crossProduct() throws {
        let p = try plan(["a=1,2,3", "b=x,y", "c=10,20"])
        #expect(p.count == 12)
        let all = p.points
        #expect(all.map(\.index) == Array(0..<12))
        #expect(all[0].values == ["1", "x", "10"])
        #expect(all[1].values == ["1", "x", "20"])
        #expect(all[2].values == ["1", "y", "10"])
        #expect(all[4].values == ["2", "x", "10"])
        #expect(all[11].values == ["3", "y", "20"])
        // Every combination exactly once.
        #expect(Set(all.map(\.values)).count == 12)
        #expect(all[7].overrides.map(\.description) == ["a=2", "b=y", "c=20"])
    }

    @Test("folder names sort in index order and hold no path separators")
    func folderNames() throws {
        let p = try plan(["faults=[],[{at: 1m}]", "n=1,2,3,4,5,6"])
        let names = p.points.map(\.folderName)
        #expect(names == names.sorted())
        #expect(names[0] == "00-faults=__,n=1")
        #expect(names.allSatisfy { !$0.contains("/") && !$0.contains(" ") })
        #expect(Set(names).count == names.count)
    }

    @Test("a long folder name is cut to the limit, and the index keeps the names apart")
    func longFolderNames() throws {
        let latency = "topology.links.store_region.latency"
        let p = try plan(["\(latency)={distribution: lognormal, median: 10ms, sigma: 0.2},{distribution: lognormal, median: 20ms, sigma: 0.2}",
                          "topology.links.region_cloud.latency={distribution: lognormal, median: 35ms, sigma: 0.3}"])
        let names = p.points.map(\.folderName)
        #expect(names.allSatisfy { $0.count == SweepPoint.folderNameLimit && $0.hasSuffix("...") }, "\(names)")
        #expect(names[0].hasPrefix("0-\(latency)=_distribution__lognormal,_median__10ms"))
        #expect(names[1].hasPrefix("1-\(latency)=_distribution__lognormal,_median__20ms"))
        let short = try plan(["a=1,2"]).points.map(\.folderName)
        #expect(short == ["0-a=1", "1-a=2"])
    }

    @Test("every point lies in exactly one of N shards, and the shards differ in size by one at most",
          arguments: [1, 2, 3, 4, 7, 13])
    func shardSplit(n: Int) throws {
        let p = try plan(["a=1,2,3,4,5", "b=x,y"])
        let shards = try (1...n).map { k in try SweepShard(k, of: n) }
        var seen: [Int: Int] = [:]
        for s in shards {
            for point in p.points(in: s) { seen[point.index, default: 0] += 1 }
        }
        #expect(seen.keys.sorted() == Array(0..<p.count))
        #expect(seen.values.allSatisfy { $0 == 1 })
        let sizes = shards.map { p.points(in: $0).count }
        #expect(sizes.max()! - sizes.min()! <= 1)
    }

    @Test("shards parse as K/N, 1-based")
    func shardParsing() throws {
        let s = try SweepShard(parsing: "2/3")
        #expect(s.index == 2 && s.count == 3)
        #expect(s.contains(1) && s.contains(4) && !s.contains(0))
        for bad in ["0/3", "4/3", "1/0", "2", "a/b", "1/2/3"] {
            #expect(throws: SweepError.self, "\(bad)") { try SweepShard(parsing: bad) }
        }
    }
}
