import Foundation
import ZIPFoundation

/// The changes to one store's inventory since its last upload, as sent to the
/// region and the cloud.
///
/// Wire format (before compression), all integers as LEB128 varints:
/// `store, sequence, taken-at milliseconds, entry count`, then per entry
/// `SKU gap from the previous SKU, units on the shelf`. The whole is then
/// compressed with raw deflate (zlib), and the bytes on the wire are the
/// compressed bytes plus a fixed header (``headerBytes``).
public struct InventoryDelta: Hashable, Sendable {
    public var store: Int
    public var sequence: Int
    public var takenAtMilliseconds: Int
    /// (SKU index within the store, units), SKUs strictly increasing.
    public var entries: [(sku: Int, units: Int)]

    /// Transport and framing around the compressed body: IP + TCP + TLS record
    /// + a length prefix.
    public static let headerBytes = 20 + 20 + 29 + 4

    public init(store: Int, sequence: Int, takenAtMilliseconds: Int, entries: [(sku: Int, units: Int)]) {
        self.store = store
        self.sequence = sequence
        self.takenAtMilliseconds = takenAtMilliseconds
        self.entries = entries
    }

    public static func == (a: InventoryDelta, b: InventoryDelta) -> Bool {
        a.store == b.store && a.sequence == b.sequence && a.takenAtMilliseconds == b.takenAtMilliseconds
            && a.entries.map(\.sku) == b.entries.map(\.sku) && a.entries.map(\.units) == b.entries.map(\.units)
    }

    public func hash(into h: inout Hasher) {
        h.combine(store)
        h.combine(sequence)
        h.combine(entries.count)
    }

    /// The uncompressed encoding.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 + entries.count * 3)
        Self.putVarint(store, &out)
        Self.putVarint(sequence, &out)
        Self.putVarint(takenAtMilliseconds, &out)
        Self.putVarint(entries.count, &out)
        var previous = -1
        for entry in entries {
            precondition(entry.sku > previous && entry.units >= 0, "entries must be in SKU order with units >= 0")
            Self.putVarint(entry.sku - previous - 1, &out)
            Self.putVarint(entry.units, &out)
            previous = entry.sku
        }
        return out
    }

    /// Reads an uncompressed encoding.
    public static func decode(_ bytes: [UInt8]) -> InventoryDelta? {
        var i = 0
        guard let store = getVarint(bytes, &i), let sequence = getVarint(bytes, &i),
              let taken = getVarint(bytes, &i), let count = getVarint(bytes, &i) else { return nil }
        var entries: [(sku: Int, units: Int)] = []
        var previous = -1
        for _ in 0..<count {
            guard let gap = getVarint(bytes, &i), let units = getVarint(bytes, &i) else { return nil }
            previous += gap + 1
            entries.append((previous, units))
        }
        guard i == bytes.count else { return nil }
        return InventoryDelta(store: store, sequence: sequence, takenAtMilliseconds: taken, entries: entries)
    }

    /// The deflated encoding.
    public func compressed() throws -> Data {
        try Self.deflate(Data(encoded()))
    }

    /// Bytes this delta occupies on the wire.
    public func wireBytes() throws -> Int {
        try compressed().count + Self.headerBytes
    }

    /// Raw deflate through zlib.
    public static func deflate(_ data: Data) throws -> Data {
        var output = Data()
        _ = try Data.compress(size: Int64(data.count), bufferSize: 16_384, provider: { position, size in
            data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
        }, consumer: { chunk in
            output.append(chunk)
        })
        return output
    }

    /// Raw inflate through zlib.
    public static func inflate(_ data: Data) throws -> Data {
        var output = Data()
        _ = try Data.decompress(size: Int64(data.count), bufferSize: 16_384, skipCRC32: true, provider: { position, size in
            data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
        }, consumer: { chunk in
            output.append(chunk)
        })
        return output
    }

    static func putVarint(_ value: Int, _ out: inout [UInt8]) {
        var v = UInt64(value)
        while v >= 0x80 {
            out.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    static func getVarint(_ bytes: [UInt8], _ i: inout Int) -> Int? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count, shift < 64 {
            let b = bytes[i]
            i += 1
            result |= UInt64(b & 0x7f) << shift
            if b & 0x80 == 0 { return Int(result) }
            shift += 7
        }
        return nil
    }
}
