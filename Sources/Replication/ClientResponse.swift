/// The answer to one client request.
public struct ClientResponse: Hashable, Sendable {
    /// The request answered.
    public var requestID: ClientRequestID
    /// The outcome.
    public var result: Result<ClientReply, ReplicationError>

    /// A response.
    public init(requestID: ClientRequestID, result: Result<ClientReply, ReplicationError>) {
        self.requestID = requestID
        self.result = result
    }
}
