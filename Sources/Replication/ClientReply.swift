/// A successful outcome.
public enum ClientReply: Hashable, Sendable {
    /// A read's versions.
    case read(ReadResult)
    /// A write's (or delete's) acknowledgement.
    case write(WriteResult)

    /// The read result, if this is one.
    public var read: ReadResult? {
        if case .read(let result) = self { result } else { nil }
    }

    /// The write result, if this is one.
    public var write: WriteResult? {
        if case .write(let result) = self { result } else { nil }
    }
}
