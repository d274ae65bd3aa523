import Scenario

/// The points of a sweep: the cross product of its axes' values, the first
/// axis varying slowest, numbered from 0.
public struct SweepPlan: Sendable, Hashable {
    /// The varied keys, in the order of the `--set` options.
    public var axes: [SweepAxis]

    public init(axes: [SweepAxis]) { self.axes = axes }

    /// The number of points (the product of the value counts).
    public var count: Int { axes.reduce(1) { $0 * $1.values.count } }

    /// The varied keys, for column headers.
    public var keys: [String] { axes.map(\.key) }

    /// Point `index`, 0 ..< count.
    public func point(_ index: Int) -> SweepPoint {
        precondition(index >= 0 && index < count, "point \(index) of \(count)")
        var choice = Array(repeating: 0, count: axes.count)
        var rest = index
        // The last axis varies fastest: mixed-radix digits, least significant last.
        for a in axes.indices.reversed() {
            choice[a] = rest % axes[a].values.count
            rest /= axes[a].values.count
        }
        return SweepPoint(index: index, keys: keys, values: zip(axes, choice).map { $0.values[$1] },
                          width: String(max(0, count - 1)).count)
    }

    /// Every point, in index order.
    public var points: [SweepPoint] { (0..<count).map(point) }

    /// The points of one shard, in index order.
    public func points(in shard: SweepShard) -> [SweepPoint] { (0..<count).filter(shard.contains).map(point) }
}

/// One point of a sweep: a value for each varied key.
public struct SweepPoint: Sendable, Hashable {
    /// Its place in the cross product, from 0.
    public var index: Int
    /// The varied keys.
    public var keys: [String]
    /// The value of each key, as YAML text.
    public var values: [String]
    /// Digits of the largest index, so folder names sort in index order.
    var width: Int

    public init(index: Int, keys: [String], values: [String], width: Int = 1) {
        self.index = index
        self.keys = keys
        self.values = values
        self.width = width
    }

    /// The overrides that make this point of the scenario.
    public var overrides: [ScenarioOverride] { zip(keys, values).map { ScenarioOverride(path: $0, value: $1) } }

    /// The longest folder name, in characters (file systems allow 255 bytes).
    public static let folderNameLimit = 120

    /// The folder of its results under `points/`: `03-topology.stores_per_region=50,replication.w=2`,
    /// with anything but letters, digits and `._=,+-` written as `_`. A name
    /// longer than ``folderNameLimit`` is cut there and ends in `...`; the
    /// index keeps it unique, and points.csv has the values whole.
    public var folderName: String {
        let number = String(index)
        let padded = String(repeating: "0", count: max(0, width - number.count)) + number
        let settings = zip(keys, values).map { "\($0)=\($1)" }.joined(separator: ",")
        let safe = String(settings.map { c in
            c.isASCII && (c.isLetter || c.isNumber || "._=,+-".contains(c)) ? c : "_"
        })
        let name = "\(padded)-\(safe)"
        guard name.count > Self.folderNameLimit else { return name }
        return String(name.prefix(Self.folderNameLimit - 3)) + "..."
    }
}
