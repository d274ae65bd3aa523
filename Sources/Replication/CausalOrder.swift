/// How two causal histories relate.
public enum CausalOrder: Hashable, Sendable {
    /// The same history.
    case equal
    /// The left history is a strict prefix of the right one (happened before).
    case before
    /// The right history is a strict prefix of the left one (happened after).
    case after
    /// Neither contains the other: concurrent updates.
    case concurrent
}
