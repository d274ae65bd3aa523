import EdgeBase
import Foundation

/// A file's fingerprint for run.json: FNV-1a over its bytes, as 16 hex digits.
public enum StableHashHex {
    /// The fingerprint of `data`.
    public static func of(_ data: Data) -> String { StableHash.fnv1aHex(bytes: data) }
}
