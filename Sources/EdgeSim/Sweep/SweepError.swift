/// Why a sweep, a merge or a capacity search cannot go on: one line for
/// standard error (the command exits with status 2).
public struct SweepError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong and, where it helps, what to do.
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}
