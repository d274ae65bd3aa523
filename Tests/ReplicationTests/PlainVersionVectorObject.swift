@testable import Replication

/// The reference the dotted sets are measured against: one object per key
/// with a single server-side version vector and a flat list of sibling
/// values, as Riak kept them before dotted version vectors.
///
/// A write whose context descends the object's clock replaces every value;
/// otherwise the replica cannot tell which values the writer saw, so it
/// keeps them all and adds the new one. Either way the clock becomes the
/// merge of both, incremented at the coordinating replica, and is returned
/// to the writer as its new context.
struct PlainVersionVectorObject {
    var clock = VersionVector()
    var values: [[UInt8]] = []

    mutating func put(_ value: [UInt8], context: VersionVector, at replica: ReplicaID) -> VersionVector {
        if clock.isContained(in: context) {
            values = [value]
        } else {
            values.append(value)
        }
        clock = clock.merging(context)
        clock[replica] += 1
        return clock
    }
}
