import Foundation

/// Joins the folders of a sharded sweep into the folder one run of the whole
/// sweep writes (same sweep.csv, points.csv and sweep.json bytes).
///
/// It refuses, naming the folders, shards of different sweeps (scenario
/// file, sets, seed, repetitions, arms, shard count), a shard given twice
/// and a shard missing.
public enum SweepMerge {
    /// The merged folder's files.
    ///
    /// - Parameter folders: the shard folders, as the user gave them.
    /// - Throws: ``SweepError`` with one line saying what does not fit.
    public static func files(folders: [String]) throws(SweepError) -> [(name: String, contents: String)] {
        guard !folders.isEmpty else { throw SweepError("give the shard folders to merge") }
        let manifests = try folders.map { (f: String) throws(SweepError) in
            try SweepManifest.read(folder: URL(fileURLWithPath: f), as: f)
        }
        let first = manifests[0]
        var shards: [(shard: SweepShard, folder: String, manifest: SweepManifest)] = []
        for (folder, m) in zip(folders, manifests) {
            let shard: SweepShard
            do {
                shard = try SweepShard(parsing: m.shard)
            } catch {
                throw SweepError("\(folder)/\(SweepManifest.fileName): bad shard \"\(m.shard)\"")
            }
            guard m.sameSweep(as: first) else {
                throw SweepError("\(folder) is shard \(m.shard) of a different sweep than \(folders[0]) (\(difference(first, m))); "
                    + "shards must come from the same scenario file and options")
            }
            if let count = shards.first?.shard.count, count != shard.count {
                throw SweepError("\(folder) is shard \(m.shard) but \(shards[0].folder) is shard \(shards[0].manifest.shard): "
                    + "shards of one sweep share their N")
            }
            if let twice = shards.first(where: { $0.shard == shard }) {
                throw SweepError("shard \(shard) is given twice: \(twice.folder) and \(folder)")
            }
            shards.append((shard, folder, m))
        }
        let n = shards[0].shard.count
        let missing = (1...n).filter { k in !shards.contains { $0.shard.index == k } }
        guard missing.isEmpty else {
            let names = missing.map { "\($0)/\(n)" }.joined(separator: ", ")
            throw SweepError("shard\(missing.count == 1 ? "" : "s") \(names) missing: a merge needs all \(n) shards of the sweep")
        }

        let plan: SweepPlan
        do {
            plan = SweepPlan(axes: try first.sets.map { (s: String) throws(SweepError) in try SweepAxis(parsing: s) })
        } catch {
            throw SweepError("\(folders[0])/\(SweepManifest.fileName): unreadable sets (\(error))")
        }
        guard plan.count == first.points else {
            throw SweepError("\(folders[0])/\(SweepManifest.fileName): the sets make \(plan.count) points, the file says \(first.points)")
        }
        var byIndex: [Int: SweepOutput.PointFiles] = [:]
        for s in shards {
            let expected = plan.points(in: s.shard)
            guard s.manifest.shardPoints == expected.map(\.index) else {
                throw SweepError("\(s.folder): shard \(s.shard) should hold points \(expected.map(\.index)), its \(SweepManifest.fileName) lists \(s.manifest.shardPoints)")
            }
            for point in expected {
                let folder = URL(fileURLWithPath: s.folder).appendingPathComponent("points").appendingPathComponent(point.folderName)
                byIndex[point.index] = SweepOutput.PointFiles(point: point, files: try readFiles(folder, as: "\(s.folder)/points/\(point.folderName)"))
            }
        }
        var whole = first
        whole.shard = SweepShard.whole.description
        whole.shardPoints = Array(0..<plan.count)
        return try SweepOutput.files(plan: plan, manifest: whole, points: (0..<plan.count).map { byIndex[$0]! })
    }

    /// The regular files of a point's folder, by name, in name order.
    static func readFiles(_ folder: URL, as given: String) throws(SweepError) -> [(name: String, contents: String)] {
        let fm = FileManager.default
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else {
            throw SweepError("\(given): missing; the shard folder is incomplete")
        }
        var files: [(name: String, contents: String)] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            var isFolder: ObjCBool = false
            guard fm.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isFolder), !isFolder.boolValue
            else { continue }
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else {
                throw SweepError("\(given)/\(name): cannot be read")
            }
            files.append((name, String(decoding: data, as: UTF8.self)))
        }
        return files
    }

    /// The first field in which two manifests differ, for the message.
    static func difference(_ a: SweepManifest, _ b: SweepManifest) -> String {
        if a.scenarioHash != b.scenarioHash { return "scenario hash \(b.scenarioHash), not \(a.scenarioHash)" }
        if a.sets != b.sets { return "sets \(b.sets.joined(separator: " ")), not \(a.sets.joined(separator: " "))" }
        if a.seed != b.seed { return "seed \(b.seed), not \(a.seed)" }
        if a.repetitions != b.repetitions { return "\(b.repetitions) repetitions, not \(a.repetitions)" }
        if a.arms != b.arms { return "arms \(b.arms.joined(separator: ",")), not \(a.arms.joined(separator: ","))" }
        if a.version != b.version { return "version \(b.version), not \(a.version)" }
        return "scenario \(b.scenario), not \(a.scenario)"
    }
}
