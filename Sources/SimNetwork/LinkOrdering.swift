/// Which messages on a link direction may overtake which, when their latency
/// draws differ.
///
/// Real networks keep order per connection: a TCP stream from one process to
/// another delivers in order, while two streams that share a cable draw their
/// delays independently. ``flow`` models that; ``link`` is the stricter model
/// EdgeSim used before (every message of a class waits for every earlier one
/// on the link, whoever it is for), and ``none`` lets every message draw its
/// latency alone.
public enum LinkOrdering: String, Hashable, Sendable, CaseIterable {
    /// A message never arrives before an earlier message of the same flow
    /// (source, destination and traffic class, end to end) on this link.
    /// Other flows are independent. The default.
    case flow
    /// A message never arrives before an earlier message of the same traffic
    /// class on this link, whatever its source and destination: four
    /// messages sent together arrive after roughly the largest of four draws.
    case link
    /// Every message draws its latency independently and may overtake any other.
    case none
}
