/// A key and a replica's whole state of it.
public struct KeyedState: Hashable, Sendable {
    /// The key.
    public var key: String
    /// The sender's state.
    public var state: SiblingSet

    /// A keyed state.
    public init(key: String, state: SiblingSet) {
        self.key = key
        self.state = state
    }
}
