import Foundation
import Metrics
import Workloads

/// What sweep.json records: what was swept and which points this folder
/// holds. It holds no wall time, so the same sweep writes the same bytes;
/// `edgesim merge` reads it to check that shards belong together.
public struct SweepManifest: Codable, Sendable, Hashable {
    /// The marker that EdgeSim wrote the folder (``ResultsFolder/formatField(_:)``);
    /// absent in folders written before it existed.
    public var format: String?
    public var scenario: String
    /// FNV-1a of the scenario file's bytes, hexadecimal.
    public var scenarioHash: String
    /// The varied keys and their values, `key=v1,v2`, in `--set` order.
    public var sets: [String]
    /// The master seed every point runs with.
    public var seed: UInt64
    /// Repetitions per arm at every point.
    public var repetitions: Int
    public var arms: [String]
    /// Points in the whole sweep.
    public var points: Int
    /// `K/N`: which slice of the points this folder holds (`1/1` for all).
    public var shard: String
    /// The indices of the points this folder holds.
    public var shardPoints: [Int]
    public var version: String

    enum CodingKeys: String, CodingKey {
        case format, scenario, scenarioHash = "scenario_hash", sets, seed, repetitions, arms, points, shard
        case shardPoints = "shard_points", version
    }

    public init(scenario: String, scenarioHash: String, sets: [String], seed: UInt64, repetitions: Int, arms: [String],
                points: Int, shard: String, shardPoints: [Int], version: String) {
        self.format = ResultsFolder.formatField("sweep")
        self.scenario = scenario
        self.scenarioHash = scenarioHash
        self.sets = sets
        self.seed = seed
        self.repetitions = repetitions
        self.arms = arms
        self.points = points
        self.shard = shard
        self.shardPoints = shardPoints
        self.version = version
    }

    /// The file's name in a sweep folder.
    public static let fileName = "sweep.json"

    /// The same sweep, whoever ran which shard: everything but the shard.
    public func sameSweep(as other: SweepManifest) -> Bool {
        var a = self, b = other
        (a.shard, a.shardPoints, b.shard, b.shardPoints) = ("", [], "", [])
        (a.format, b.format) = (nil, nil)
        return a == b
    }

    /// Pretty-printed JSON, keys sorted, one trailing newline.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads `folder/sweep.json`.
    ///
    /// - Throws: ``SweepError`` naming the folder when the file is missing or malformed.
    public static func read(folder: URL, as given: String) throws(SweepError) -> SweepManifest {
        let url = folder.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else {
            throw SweepError("\(given): no \(fileName); not a folder that `edgesim sweep` wrote")
        }
        do {
            return try JSONDecoder().decode(SweepManifest.self, from: data)
        } catch {
            throw SweepError("\(given)/\(fileName): malformed (\(error.localizedDescription))")
        }
    }
}
