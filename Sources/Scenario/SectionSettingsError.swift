/// A scenario section whose raw keys are checked apart from the YAML reader
/// (`replication:`, `scheduling:`), named for the key paths of its issues.
public protocol CheckedSection: Sendable {
    /// The section's key at the top of a scenario: `replication`.
    static var name: String { get }
}

/// A section that cannot run, with every problem found.
///
/// Each issue names its key path (`replication.r`) and what is wrong, so a
/// loader that knows the lines of the file can print them located.
public struct SectionSettingsError<Section: CheckedSection>: Error, Hashable, Sendable, CustomStringConvertible {
    /// One problem with one key.
    public struct Issue: Hashable, Sendable, CustomStringConvertible {
        /// The key, relative to the section: `r`, `weights.cost`.
        public var key: String
        /// What is wrong, and how to write it where that helps.
        public var message: String

        /// An issue with `key` (relative to the section).
        public init(key: String, message: String) {
            self.key = key
            self.message = message
        }

        /// `replication.r`.
        public var keyPath: String { Section.name + "." + key }

        /// `replication.r: 4 exceeds n = 3`.
        public var description: String { keyPath + ": " + message }
    }

    /// At least one issue, sorted by key, then message.
    public var issues: [Issue]

    /// An error; `issues` in any order.
    public init(issues: [Issue]) {
        self.issues = issues.sorted { ($0.key, $0.message) < ($1.key, $1.message) }
    }

    /// One line per issue.
    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
