import Scenario

/// One varied key of a sweep: `--set KEY=V1,V2,...`.
public struct SweepAxis: Sendable, Hashable, CustomStringConvertible {
    /// The scenario key path, e.g. `topology.stores_per_region`.
    public var key: String
    /// The values, as YAML text, in the order given.
    public var values: [String]

    public init(key: String, values: [String]) {
        self.key = key
        self.values = values
    }

    /// Reads `KEY=V1,V2,...`. Values are split at commas outside brackets,
    /// braces and quotes, so `faults=[],[{...}]` and `arms=[edge_hybrid, cloud_only]`
    /// are one value each where they should be.
    ///
    /// - Throws: ``SweepError`` for a missing `=`, a malformed key path, an
    ///   empty value list or a value given twice.
    public init(parsing text: String) throws(SweepError) {
        let single: ScenarioOverride
        do {
            single = try ScenarioOverride(parsing: text)
        } catch {
            throw SweepError(error.description)
        }
        let values = Self.split(single.value)
        guard !values.contains(where: \.isEmpty) else {
            throw SweepError("--set \(single.path): empty value in \"\(single.value)\"; write KEY=V1,V2,...")
        }
        if let twice = values.enumerated().first(where: { values[..<$0.offset].contains($0.element) }) {
            throw SweepError("--set \(single.path): the value \(twice.element) is given twice")
        }
        self.init(key: single.path, values: values)
    }

    /// `key=v1,v2`.
    public var description: String { "\(key)=" + values.joined(separator: ",") }

    /// The override that sets this key to `values[i]`.
    public func override(_ i: Int) -> ScenarioOverride { ScenarioOverride(path: key, value: values[i]) }

    /// Splits at commas at nesting depth zero, outside quotes; trims spaces.
    static func split(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for c in text {
            if let q = quote {
                if c == q { quote = nil }
                current.append(c)
                continue
            }
            switch c {
            case "\"", "'": quote = c
            case "[", "{": depth += 1
            case "]", "}": depth -= 1
            case "," where depth == 0:
                parts.append(current)
                current = ""
                continue
            default: break
            }
            current.append(c)
        }
        parts.append(current)
        return parts.map { $0.trimmingCharacters(in: [" "]) }
    }
}

private extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop(while: set.contains).reversed().drop(while: set.contains).reversed())
    }
}
