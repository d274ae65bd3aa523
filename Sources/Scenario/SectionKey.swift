import EdgeBase

/// One key of a settings section (`replication:`, `scheduling:`): its name,
/// its documented default, and how it is read into the section's value.
///
/// A section's keys are one list (``ReplicationSection/keys``,
/// ``SchedulingSection/keys``): the reader walks it, the unknown-key
/// suggestions come from it, and a test holds the tables of
/// `Scenarios/README.md` to it, so the three cannot disagree.
struct SectionKey<Section>: Sendable {
    /// The key relative to its section; a dotted name (`weights.cost`) is a
    /// key of a nested mapping (`weights: {cost: 1}`).
    let name: String
    /// The default as `Scenarios/README.md` writes it (without backticks).
    let defaultText: String
    /// Reads the value at `at` into the section; reports its own problems.
    let read: @Sendable (ScenarioReader, Located, inout Section) -> Void

    init(_ name: String, default defaultText: String, _ read: @escaping @Sendable (ScenarioReader, Located, inout Section) -> Void) {
        self.name = name
        self.defaultText = defaultText
        self.read = read
    }
}

extension ScenarioReader {
    /// Reads a settings section through its key list, nested mappings
    /// included, reporting unknown keys with the closest known one.
    ///
    /// - Returns: the keys present (dotted, relative to the section) and
    ///   where, in the list's order.
    func readSection<Section>(_ at: Located, keys: [SectionKey<Section>], into section: inout Section) -> [(key: String, at: Located)] {
        readSection(at, keys: keys, prefix: "", into: &section)
    }

    private func readSection<Section>(_ at: Located, keys: [SectionKey<Section>], prefix: String,
                                      into section: inout Section) -> [(key: String, at: Located)] {
        // The names at this level: a key's own name, or the first part of a dotted one.
        var names: [String] = []
        for key in keys where key.name.hasPrefix(prefix) {
            let rest = key.name.dropFirst(prefix.count)
            let head = String(rest.prefix { $0 != "." })
            if !names.contains(head) { names.append(head) }
        }
        guard let fields = fields(at, allowed: names, what: "a mapping of settings") else { return [] }
        var present: [(key: String, at: Located)] = []
        for name in names {
            guard let value = fields[name] else { continue }
            let full = prefix + name
            if let key = keys.first(where: { $0.name == full }) {
                key.read(self, value, &section)
                present.append((full, value))
            } else {
                present += readSection(value, keys: keys, prefix: full + ".", into: &section)
            }
        }
        return present
    }

    /// A positive duration, as the sans-I/O libraries take it.
    func localDuration(_ at: Located) -> LocalDuration? {
        positiveDuration(at).map { LocalDuration(nanoseconds: $0.nanoseconds) }
    }

    /// Operations per second: a finite number, zero or more.
    func operationRate(_ at: Located) -> Double? {
        guard let v = double(at, "a number of operations per second, such as 0.5 or 2") else { return nil }
        return check(v >= 0 && v.isFinite, at, "must be a number of operations per second, zero or more; found \(v)") ? v : nil
    }
}
