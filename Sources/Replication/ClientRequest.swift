/// A client request, as the driver submits it to a replica.
public struct ClientRequest: Hashable, Sendable {
    /// The driver's name for the request.
    public var id: ClientRequestID
    /// What is asked.
    public var operation: ClientOperation

    /// A request.
    public init(id: ClientRequestID, operation: ClientOperation) {
        self.id = id
        self.operation = operation
    }
}
