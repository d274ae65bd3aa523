import EdgeBase

/// Suspects a member that has not been heard from for a while.
///
/// Fed by the replica with the local time of every message it receives from
/// a member (heartbeats make sure healthy members send one at least every
/// heartbeat interval). No phi-accrual: a member is suspected once the
/// silence exceeds the suspicion timeout, and trusted again by its next
/// message. Volatile: a restarted replica trusts everyone for one timeout.
public struct FailureDetector: Hashable, Sendable {
    /// The members watched, sorted.
    public let members: [ReplicaID]
    /// Silence longer than this makes a member suspected.
    public let suspicionTimeout: LocalDuration
    private var lastHeard: [LocalTime]

    /// A detector that has, as of `now`, just heard from every member.
    public init(members: [ReplicaID], suspicionTimeout: LocalDuration, now: LocalTime) {
        self.members = members.sorted()
        self.suspicionTimeout = suspicionTimeout
        self.lastHeard = [LocalTime](repeating: now, count: members.count)
    }

    /// Records a message from `member` at local time `now`. Members not
    /// watched are ignored.
    public mutating func heard(from member: ReplicaID, at now: LocalTime) {
        guard let i = index(of: member) else { return }
        if lastHeard[i] < now { lastHeard[i] = now }
    }

    /// Whether `member` is suspected at `now`. Unknown members are.
    public func isSuspected(_ member: ReplicaID, now: LocalTime) -> Bool {
        suspectedFor(member, now: now) != nil
    }

    /// How long `member` has been suspected at `now` (measured from the
    /// moment its silence exceeded the timeout), or `nil` if it is trusted.
    public func suspectedFor(_ member: ReplicaID, now: LocalTime) -> LocalDuration? {
        guard let i = index(of: member) else { return .nanoseconds(.max) }
        let silence = now - lastHeard[i]
        return silence > suspicionTimeout ? silence + LocalDuration(nanoseconds: -suspicionTimeout.nanoseconds) : nil
    }

    /// The local time `member` was last heard from.
    public func lastHeard(from member: ReplicaID) -> LocalTime? {
        index(of: member).map { lastHeard[$0] }
    }

    private func index(of member: ReplicaID) -> Int? { members.sortedIndex(of: member) }
}
