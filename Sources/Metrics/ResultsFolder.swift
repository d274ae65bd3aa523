import Foundation

/// Writes a set of files as one folder, atomically: into a temporary folder
/// beside the destination, then renamed into place. A failed run leaves the
/// previous results as they were.
public enum ResultsFolder {
    /// Replaces `destination` with a folder holding `files` (name -> contents;
    /// a name may hold `/`, for a file in a subfolder).
    ///
    /// - Throws: the file system's error, or `CocoaError(.fileWriteInvalidFileName)`
    ///   for a name that is empty, absolute or climbs out with `..`; the
    ///   destination is then untouched.
    public static func write(_ files: [(name: String, contents: String)], to destination: URL) throws {
        let fm = FileManager.default
        for file in files {
            let parts = file.name.split(separator: "/", omittingEmptySubsequences: false)
            guard !file.name.hasPrefix("/"), parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." }) else {
                throw CocoaError(.fileWriteInvalidFileName, userInfo: [NSFilePathErrorKey: file.name])
            }
        }
        let parent = destination.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent).tmp-\(pid)")
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        do {
            for file in files {
                let url = staging.appendingPathComponent(file.name)
                if file.name.contains("/") {
                    try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                }
                try Data(file.contents.utf8).write(to: url)
            }
            if fm.fileExists(atPath: destination.path) {
                let old = parent.appendingPathComponent(".\(destination.lastPathComponent).old-\(pid)")
                try? fm.removeItem(at: old)
                try fm.moveItem(at: destination, to: old)
                do {
                    try fm.moveItem(at: staging, to: destination)
                } catch {
                    try? fm.moveItem(at: old, to: destination)
                    throw error
                }
                try? fm.removeItem(at: old)
            } else {
                try fm.moveItem(at: staging, to: destination)
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }
}
