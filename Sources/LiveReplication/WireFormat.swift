import EdgeBase
import Replication

/// A message that cannot be decoded: truncated, or with an unknown tag.
public struct WireFormatError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being read.
    public let field: String
    public var description: String { "malformed frame: \(field)" }
}

/// The binary encoding of ``ReplicaMessage`` on a live connection.
///
/// A frame is a 4-byte big-endian length, then the body: the sender's
/// replica id (4 bytes) and the message. Integers are little-endian and
/// fixed-width, strings and byte arrays are length-prefixed (4 bytes),
/// optionals have a presence byte, arrays a 4-byte count, enums a one-byte
/// tag. Hand-rolled so that the library needs no Codable conformance and a
/// frame's layout is plain to read.
public enum WireFormat {
    /// The body of a frame: sender and message.
    public static func encode(_ message: ReplicaMessage, from sender: ReplicaID) -> [UInt8] {
        var w = WireWriter()
        w.i32(sender.rawValue)
        w.message(message)
        return w.bytes
    }

    /// Decodes a frame's body.
    ///
    /// - Throws: ``WireFormatError`` when the bytes are not a message.
    public static func decode(_ bytes: [UInt8]) throws(WireFormatError) -> (sender: ReplicaID, message: ReplicaMessage) {
        var r = WireReader(bytes: bytes)
        let sender = ReplicaID(try r.i32("sender"))
        let message = try r.message()
        guard r.offset == bytes.count else { throw WireFormatError(field: "trailing bytes") }
        return (sender, message)
    }
}

struct WireWriter {
    var bytes: [UInt8] = []

    mutating func u8(_ x: UInt8) { bytes.append(x) }
    mutating func u32(_ x: UInt32) { for i in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: x >> (8 * UInt32(i)))) } }
    mutating func u64(_ x: UInt64) { for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: x >> (8 * UInt64(i)))) } }
    mutating func i32(_ x: Int32) { u32(UInt32(bitPattern: x)) }
    mutating func i64(_ x: Int64) { u64(UInt64(bitPattern: x)) }
    mutating func bool(_ x: Bool) { u8(x ? 1 : 0) }
    mutating func data(_ x: [UInt8]) {
        u32(UInt32(x.count))
        bytes.append(contentsOf: x)
    }
    mutating func string(_ x: String) { data(Array(x.utf8)) }
    mutating func replica(_ x: ReplicaID) { i32(x.rawValue) }
    mutating func operation(_ x: OperationID) {
        u32(x.incarnation)
        u64(x.sequence)
    }
    mutating func vector(_ x: VersionVector) {
        u32(UInt32(x.entries.count))
        for e in x.entries {
            replica(e.replica)
            u64(e.counter)
        }
    }
    mutating func dot(_ x: Dot) {
        replica(x.replica)
        u64(x.counter)
    }
    mutating func version(_ x: Version) {
        dot(x.dot)
        vector(x.past)
        i64(x.timestamp.nanoseconds)
        bool(x.value != nil)
        if let v = x.value { data(v) }
    }
    mutating func versions(_ x: [Version]) {
        u32(UInt32(x.count))
        for v in x { version(v) }
    }
    mutating func siblings(_ x: SiblingSet) {
        versions(x.versions)
        vector(x.context)
    }
    mutating func replicas(_ x: [ReplicaID]) {
        u32(UInt32(x.count))
        for r in x { replica(r) }
    }
    mutating func clientOperation(_ x: ClientOperation) {
        switch x {
        case .read(let key):
            u8(0)
            string(key)
        case .write(let key, let value, let context):
            u8(1)
            string(key)
            data(value)
            vector(context)
        case .delete(let key, let context):
            u8(2)
            string(key)
            vector(context)
        }
    }
    mutating func result(_ x: Result<ClientReply, ReplicationError>) {
        switch x {
        case .success(.read(let r)):
            u8(0)
            string(r.key)
            versions(r.versions)
            vector(r.context)
            replicas(r.responders)
            replica(r.coordinator)
        case .success(.write(let w)):
            u8(1)
            string(w.key)
            version(w.version)
            vector(w.context)
            versions(w.siblings)
            replicas(w.acknowledgedBy)
            i64(Int64(w.hintedCopies))
            replica(w.coordinator)
        case .failure(let e):
            u8(2)
            switch e.kind {
            case .quorumUnavailable: u8(0)
            case .timeout: u8(1)
            case .replicaDown: u8(2)
            }
            i64(Int64(e.needed))
            i64(Int64(e.got))
        }
    }
    mutating func keyedStates(_ x: [KeyedState]) {
        u32(UInt32(x.count))
        for s in x {
            string(s.key)
            siblings(s.state)
        }
    }

    mutating func message(_ m: ReplicaMessage) {
        switch m {
        case .heartbeat(let incarnation):
            u8(0)
            u32(incarnation)
        case .replicate(let op, let key, let state, let hintFor):
            u8(1)
            operation(op)
            string(key)
            siblings(state)
            bool(hintFor != nil)
            if let h = hintFor { replica(h) }
        case .replicateAck(let op):
            u8(2)
            operation(op)
        case .readRequest(let op, let key):
            u8(3)
            operation(op)
            string(key)
        case .readResponse(let op, let key, let state):
            u8(4)
            operation(op)
            string(key)
            siblings(state)
        case .readRepair(let key, let state):
            u8(5)
            string(key)
            siblings(state)
        case .forward(let op, let request):
            u8(6)
            operation(op)
            clientOperation(request)
        case .forwardResult(let op, let r):
            u8(7)
            operation(op)
            result(r)
        case .hint(let id, let key, let state):
            u8(8)
            u64(id)
            string(key)
            siblings(state)
        case .hintAck(let id):
            u8(9)
            u64(id)
        case .antiEntropyDigest(let entries):
            u8(10)
            u32(UInt32(entries.count))
            for e in entries {
                string(e.key)
                u64(e.digest)
            }
        case .antiEntropyReply(let states, let wanted):
            u8(11)
            keyedStates(states)
            u32(UInt32(wanted.count))
            for k in wanted { string(k) }
        case .antiEntropyPush(let states):
            u8(12)
            keyedStates(states)
        }
    }
}

struct WireReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func take(_ n: Int, _ field: String) throws(WireFormatError) -> ArraySlice<UInt8> {
        guard n >= 0, offset + n <= bytes.count else { throw WireFormatError(field: field) }
        defer { offset += n }
        return bytes[offset..<offset + n]
    }
    mutating func u8(_ f: String) throws(WireFormatError) -> UInt8 { try take(1, f).first! }
    mutating func u32(_ f: String) throws(WireFormatError) -> UInt32 {
        var x: UInt32 = 0
        for (i, b) in try take(4, f).enumerated() { x |= UInt32(b) << (8 * UInt32(i)) }
        return x
    }
    mutating func u64(_ f: String) throws(WireFormatError) -> UInt64 {
        var x: UInt64 = 0
        for (i, b) in try take(8, f).enumerated() { x |= UInt64(b) << (8 * UInt64(i)) }
        return x
    }
    mutating func i32(_ f: String) throws(WireFormatError) -> Int32 { Int32(bitPattern: try u32(f)) }
    mutating func i64(_ f: String) throws(WireFormatError) -> Int64 { Int64(bitPattern: try u64(f)) }
    mutating func bool(_ f: String) throws(WireFormatError) -> Bool { try u8(f) != 0 }
    mutating func count(_ f: String) throws(WireFormatError) -> Int {
        let n = Int(try u32(f))
        guard n <= bytes.count - offset else { throw WireFormatError(field: f) }
        return n
    }
    mutating func data(_ f: String) throws(WireFormatError) -> [UInt8] { Array(try take(try count(f), f)) }
    mutating func string(_ f: String) throws(WireFormatError) -> String { String(decoding: try data(f), as: UTF8.self) }
    mutating func replica() throws(WireFormatError) -> ReplicaID { ReplicaID(try i32("replica")) }
    mutating func operation() throws(WireFormatError) -> OperationID {
        OperationID(incarnation: try u32("operation"), sequence: try u64("operation"))
    }
    mutating func vector() throws(WireFormatError) -> VersionVector {
        let n = try count("vector")
        var pairs: [(ReplicaID, UInt64)] = []
        for _ in 0..<n { pairs.append((try replica(), try u64("counter"))) }
        return VersionVector(pairs)
    }
    mutating func dot() throws(WireFormatError) -> Dot {
        let r = try replica()
        let c = try u64("dot")
        guard c > 0 else { throw WireFormatError(field: "dot") }
        return Dot(replica: r, counter: c)
    }
    mutating func version() throws(WireFormatError) -> Version {
        let d = try dot()
        let past = try vector()
        let t = LocalTime(nanoseconds: try i64("timestamp"))
        let value = try bool("value") ? try data("value") : nil
        return Version(dot: d, past: past, timestamp: t, value: value)
    }
    mutating func versions() throws(WireFormatError) -> [Version] {
        let n = try count("versions")
        var out: [Version] = []
        for _ in 0..<n { out.append(try version()) }
        return out
    }
    mutating func siblings() throws(WireFormatError) -> SiblingSet {
        let v = try versions()
        let c = try vector()
        for (i, x) in v.enumerated() where !c.covers(x.dot) || (i > 0 && v[i - 1].dot == x.dot) {
            throw WireFormatError(field: "siblings")
        }
        return SiblingSet(versions: v, context: c)
    }
    mutating func replicas() throws(WireFormatError) -> [ReplicaID] {
        let n = try count("replicas")
        var out: [ReplicaID] = []
        for _ in 0..<n { out.append(try replica()) }
        return out
    }
    mutating func clientOperation() throws(WireFormatError) -> ClientOperation {
        switch try u8("operation") {
        case 0: return .read(key: try string("key"))
        case 1: return .write(key: try string("key"), value: try data("value"), context: try vector())
        case 2: return .delete(key: try string("key"), context: try vector())
        default: throw WireFormatError(field: "operation tag")
        }
    }
    mutating func result() throws(WireFormatError) -> Result<ClientReply, ReplicationError> {
        switch try u8("result") {
        case 0:
            return .success(.read(ReadResult(
                key: try string("key"), versions: try versions(), context: try vector(), responders: try replicas(),
                coordinator: try replica())))
        case 1:
            return .success(.write(WriteResult(
                key: try string("key"), version: try version(), context: try vector(), siblings: try versions(),
                acknowledgedBy: try replicas(), hintedCopies: Int(try i64("hinted")), coordinator: try replica())))
        case 2:
            let kind: ReplicationError.Kind
            switch try u8("error") {
            case 0: kind = .quorumUnavailable
            case 1: kind = .timeout
            case 2: kind = .replicaDown
            default: throw WireFormatError(field: "error tag")
            }
            return .failure(ReplicationError(kind, needed: Int(try i64("needed")), got: Int(try i64("got"))))
        default:
            throw WireFormatError(field: "result tag")
        }
    }
    mutating func keyedStates() throws(WireFormatError) -> [KeyedState] {
        let n = try count("states")
        var out: [KeyedState] = []
        for _ in 0..<n { out.append(KeyedState(key: try string("key"), state: try siblings())) }
        return out
    }

    mutating func message() throws(WireFormatError) -> ReplicaMessage {
        switch try u8("message tag") {
        case 0: return .heartbeat(incarnation: try u32("incarnation"))
        case 1:
            let op = try operation()
            let key = try string("key")
            let state = try siblings()
            let hint = try bool("hintFor") ? try replica() : nil
            return .replicate(operation: op, key: key, state: state, hintFor: hint)
        case 2: return .replicateAck(operation: try operation())
        case 3: return .readRequest(operation: try operation(), key: try string("key"))
        case 4: return .readResponse(operation: try operation(), key: try string("key"), state: try siblings())
        case 5: return .readRepair(key: try string("key"), state: try siblings())
        case 6: return .forward(operation: try operation(), request: try clientOperation())
        case 7: return .forwardResult(operation: try operation(), result: try result())
        case 8: return .hint(id: try u64("hint"), key: try string("key"), state: try siblings())
        case 9: return .hintAck(id: try u64("hint"))
        case 10:
            let n = try count("digest")
            var entries: [KeyDigest] = []
            for _ in 0..<n { entries.append(KeyDigest(key: try string("key"), digest: try u64("digest"))) }
            return .antiEntropyDigest(entries: entries)
        case 11:
            let states = try keyedStates()
            let n = try count("wanted")
            var wanted: [String] = []
            for _ in 0..<n { wanted.append(try string("key")) }
            return .antiEntropyReply(states: states, wanted: wanted)
        case 12: return .antiEntropyPush(states: try keyedStates())
        default: throw WireFormatError(field: "message tag")
        }
    }
}
