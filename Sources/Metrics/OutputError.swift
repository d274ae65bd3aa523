import Foundation

/// Why an output folder was refused or could not be written: one line that
/// names the path and the cause. The command line maps it to exit status 2.
public struct OutputError: Error, CustomStringConvertible, Sendable, Hashable {
    /// What went wrong; new cases may be added.
    public enum Code: Sendable, Hashable {
        /// The folder exists, is not empty and carries no EdgeSim marker.
        case notEdgeSimFolder
        /// The path is a file, not a folder.
        case notAFolder
        /// The folder is `/`, the home folder, the current folder or one of
        /// their parents, or holds `.git` or `Package.swift`: never replaced.
        case protectedFolder
        /// A file name that is empty, absolute or climbs out with `..`.
        case invalidName
        /// The file system refused (permissions, a missing disk, a file in
        /// the way of a parent folder).
        case fileSystem
    }

    /// What went wrong.
    public let code: Code
    /// The message, naming the path.
    public let description: String

    public init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// A file-system failure on `path`, with the cause in plain words
    /// (`strerror` of the underlying POSIX error when there is one) rather
    /// than Foundation's error domain and code.
    ///
    /// - Parameters:
    ///   - action: what was attempted ("create", "write", "replace").
    ///   - path: the path, as the user will recognise it.
    ///   - error: the error thrown.
    public static func fileSystem(_ action: String, _ path: String, _ error: any Error) -> OutputError {
        OutputError(.fileSystem, "cannot \(action) \(path): \(cause(of: error))")
    }

    /// A failed POSIX call on `path`, from `errno`.
    public static func posix(_ action: String, _ path: String, errno code: Int32) -> OutputError {
        OutputError(.fileSystem, "cannot \(action) \(path): \(String(cString: strerror(code)))")
    }

    /// The cause of a Foundation or POSIX error in a few words.
    public static func cause(of error: any Error) -> String {
        if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return String(cString: strerror(ENOENT))
            case .fileWriteNoPermission, .fileReadNoPermission: return String(cString: strerror(EACCES))
            case .fileWriteOutOfSpace: return String(cString: strerror(ENOSPC))
            case .fileWriteVolumeReadOnly: return String(cString: strerror(EROFS))
            case .fileWriteFileExists: return String(cString: strerror(EEXIST))
            default: break
            }
        }
        return ns.localizedDescription.split(whereSeparator: \.isNewline).first.map(String.init) ?? "unknown error"
    }
}
