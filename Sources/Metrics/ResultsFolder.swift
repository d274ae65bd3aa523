import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a set of files as one folder, atomically, and never over what
/// EdgeSim did not write.
///
/// A results folder carries a marker: its `run.json`, `sweep.json` or
/// `capacity.json` has a `format` field whose value starts with `edgesim-`
/// (see ``formatField(_:)``). An existing destination is replaced only when
/// it is empty or carries the marker (or with `force`); it is never replaced
/// when it is a file, `/`, the home folder, the current folder or a parent of
/// either, or a folder that holds `.git` or `Package.swift`.
///
/// The files go into a temporary folder beside the destination
/// (`.NAME.edgesim-tmp-PID`), which then takes the destination's place in
/// one rename (an exchange where the system has one), so a run killed at any
/// moment leaves the previous folder as it was. Writers to the same parent
/// folder take turns (an exclusive `flock` on the parent), so two runs
/// writing to one destination at once each leave a whole folder, the last one
/// staying; the temporaries of a killed run are removed by the next write
/// beside them.
public enum ResultsFolder {
    /// The files whose `format` field marks a folder as EdgeSim's.
    public static let markerFiles = ["run.json", "sweep.json", "capacity.json"]

    /// The prefix of every marker's `format` value.
    public static let formatPrefix = "edgesim-"

    /// The `format` value of a folder of one kind: `edgesim-run/1`,
    /// `edgesim-sweep/1`, `edgesim-capacity/1`.
    public static func formatField(_ kind: String) -> String { "\(formatPrefix)\(kind)/1" }

    /// Whether `folder` holds a marker file with an EdgeSim `format` field.
    public static func isMarked(_ folder: URL) -> Bool {
        for name in markerFiles {
            guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path),
                  let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let format = object["format"] as? String else { continue }
            if format.hasPrefix(formatPrefix) { return true }
        }
        return false
    }

    /// Checks that `destination` may be written: absent, an empty folder, or
    /// a folder EdgeSim wrote (or any folder with `force`), and not a
    /// protected one. Commands call it before a long run, so a refused
    /// `--out` costs nothing; ``write(_:to:force:)`` checks again.
    ///
    /// - Throws: ``OutputError`` naming the folder and why it is refused.
    public static func checkReplaceable(_ destination: URL, force: Bool = false) throws(OutputError) {
        let destination = absolute(destination)
        let path = destination.path
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR {
                try checkParent(of: destination)
                return
            }
            throw OutputError.posix("inspect", path, errno: errno)
        }
        let isFolder = (info.st_mode & S_IFMT) == S_IFDIR
            || ((info.st_mode & S_IFMT) == S_IFLNK && FileManager.default.isDirectory(path))
        guard isFolder else {
            throw OutputError(.notAFolder, "\(path) is a file, not a results folder; nothing was touched (choose a folder for --out)")
        }
        if let reason = protection(of: destination) {
            throw OutputError(.protectedFolder, "\(path) is \(reason); EdgeSim never replaces it, even with --force (choose a folder of its own for --out)")
        }
        let entries: [String]
        do {
            entries = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw OutputError.fileSystem("read", path, error)
        }
        if entries.isEmpty || force || isMarked(destination) { return }
        let shown = entries.sorted().prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", ..." : "")
        throw OutputError(.notEdgeSimFolder, "\(path) holds files EdgeSim did not write (\(shown)) and no EdgeSim marker (a run.json, sweep.json or capacity.json with an edgesim format); nothing was touched (choose an empty or new folder for --out, or pass --force to replace it)")
    }

    /// Replaces `destination` with a folder holding `files` (name -> contents;
    /// a name may hold `/`, for a file in a subfolder).
    ///
    /// - Parameters:
    ///   - files: the files, in the order written.
    ///   - destination: the folder to replace or create.
    ///   - force: replace an existing folder that carries no marker (never a
    ///     protected one).
    /// - Throws: ``OutputError`` for a refused destination, an invalid name
    ///   (empty, absolute, or climbing out with `..`) or a file-system
    ///   failure; the destination is then untouched.
    public static func write(_ files: [(name: String, contents: String)], to destination: URL,
                             force: Bool = false) throws(OutputError) {
        // Written from the text's own bytes: a long run's time series is not copied.
        try write(names: files.map(\.name), to: destination, force: force) { i, url in
            var text = files[i].contents
            try text.withUTF8 { bytes in
                guard let base = bytes.baseAddress, !bytes.isEmpty else { return try Data().write(to: url) }
                try Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none)
                    .write(to: url)
            }
        }
    }

    /// Replaces `destination` with a folder holding `files` given as bytes
    /// (images among them); otherwise as ``write(_:to:force:)``.
    public static func write(data files: [(name: String, contents: Data)], to destination: URL,
                             force: Bool = false) throws(OutputError) {
        try write(names: files.map(\.name), to: destination, force: force) { i, url in try files[i].contents.write(to: url) }
    }

    /// Writes the files named `names`, the `i`th by `writeFile(i, url)`.
    private static func write(names: [String], to destination: URL, force: Bool,
                              writeFile: (Int, URL) throws -> Void) throws(OutputError) {
        for name in names {
            let parts = name.split(separator: "/", omittingEmptySubsequences: false)
            guard !name.hasPrefix("/"), parts.allSatisfy({ !$0.isEmpty && $0 != ".." && $0 != "." }) else {
                throw OutputError(.invalidName, "cannot write \"\(name)\" into a results folder: not a plain relative file name")
            }
        }
        let destination = absolute(destination)
        try checkReplaceable(destination, force: force)
        let fm = FileManager.default
        let parent = destination.deletingLastPathComponent()
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError.fileSystem("create", parent.path, error)
        }
        let lock = try ParentLock(parent)
        defer { lock.release() }
        // Another writer may have been here while this one waited.
        try checkReplaceable(destination, force: force)
        removeStaleTemporaries(in: parent)

        let pid = ProcessInfo.processInfo.processIdentifier
        let staging = parent.appendingPathComponent(".\(destination.lastPathComponent)\(temporaryTag)\(pid)")
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        } catch {
            throw OutputError.fileSystem("create", staging.path, error)
        }
        do throws(OutputError) {
            for (i, name) in names.enumerated() {
                let url = staging.appendingPathComponent(name)
                if name.contains("/") {
                    do {
                        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                    } catch {
                        throw OutputError.fileSystem("create", url.deletingLastPathComponent().path, error)
                    }
                }
                do {
                    try writeFile(i, url)
                } catch {
                    throw OutputError.fileSystem("write", url.path, error)
                }
            }
            try swap(staging, into: destination)
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }

    /// Puts `staging`, a complete folder already written beside
    /// `destination` (same parent), in the destination's place: the same
    /// checks, lock and one-step swap as ``write(data:to:force:)``, for
    /// results too large to hold in memory (a sweep written point by point).
    ///
    /// - Throws: ``OutputError`` for a refused destination or a file-system
    ///   failure; the destination is then untouched and `staging` kept.
    public static func install(_ staging: URL, as destination: URL, force: Bool = false) throws(OutputError) {
        let destination = absolute(destination)
        let staging = absolute(staging)
        let parent = destination.deletingLastPathComponent()
        precondition(staging.deletingLastPathComponent().path == parent.path,
                     "a staging folder must sit beside its destination")
        try checkReplaceable(destination, force: force)
        let lock = try ParentLock(parent)
        defer { lock.release() }
        try checkReplaceable(destination, force: force)
        removeStaleTemporaries(in: parent)
        try swap(staging, into: destination)
    }

    /// Every file under `folder` (not hidden ones, nor those in hidden
    /// folders), by relative name, in name order: what ``write(data:to:force:)``
    /// needs to copy a results folder.
    ///
    /// - Throws: ``OutputError`` naming a file that cannot be read.
    public static func contents(of folder: URL) throws(OutputError) -> [(name: String, contents: Data)] {
        let fm = FileManager.default
        var found: [(String, Data)] = []
        func visit(_ dir: URL, _ prefix: String) throws(OutputError) {
            let names: [String]
            do {
                names = try fm.contentsOfDirectory(atPath: dir.path).sorted()
            } catch {
                throw OutputError.fileSystem("read", dir.path, error)
            }
            for name in names where !name.hasPrefix(".") {
                let url = dir.appendingPathComponent(name)
                if fm.isDirectory(url.path) {
                    try visit(url, prefix + name + "/")
                } else {
                    do {
                        found.append((prefix + name, try Data(contentsOf: url)))
                    } catch {
                        throw OutputError.fileSystem("read", url.path, error)
                    }
                }
            }
        }
        try visit(folder, "")
        return found
    }

    /// The marker of the temporaries, between the destination's name and the pid.
    static let temporaryTag = ".edgesim-tmp-"

    /// Removes the temporaries that runs killed before their rename left in
    /// `parent`. Called under the parent's lock, when no other writer's
    /// temporary can exist.
    static func removeStaleTemporaries(in parent: URL) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in names.sorted() where name.hasPrefix(".") && name.contains(temporaryTag) {
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// Puts `staging` in the place of `destination` in one step; the previous
    /// folder, if any, is then removed.
    static func swap(_ staging: URL, into destination: URL) throws(OutputError) {
        let fm = FileManager.default
        guard fm.fileExists(atPath: destination.path) || isSymlink(destination.path) else {
            if rename(staging.path, destination.path) != 0 {
                throw OutputError.posix("create", destination.path, errno: errno)
            }
            return
        }
        if exchange(staging.path, destination.path) {
            // The staging name now holds the previous folder.
            try? fm.removeItem(at: staging)
            return
        }
        // No exchange on this file system: two renames, the previous folder
        // kept under a temporary name in between (the next write removes it
        // if this process dies there).
        let old = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent)\(temporaryTag)old-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: old)
        guard rename(destination.path, old.path) == 0 else {
            throw OutputError.posix("replace", destination.path, errno: errno)
        }
        guard rename(staging.path, destination.path) == 0 else {
            let code = errno
            _ = rename(old.path, destination.path)
            throw OutputError.posix("replace", destination.path, errno: code)
        }
        try? fm.removeItem(at: old)
    }

    /// Swaps two paths atomically (renameat2 RENAME_EXCHANGE on Linux,
    /// renamex_np RENAME_SWAP on Darwin); false where unsupported.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if canImport(Glibc)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32) -> Int32
        // Looked up at run time: the C library exports it, Swift's Glibc module does not.
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "renameat2") else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #elseif canImport(Darwin)
        return renamex_np(a, b, UInt32(RENAME_SWAP)) == 0
        #else
        return false
        #endif
    }

    /// Why `folder` must never be replaced, or nil.
    static func protection(of folder: URL) -> String? {
        let path = folder.resolvingSymlinksInPath().path
        if path == "/" { return "the root folder" }
        func covers(_ other: String) -> Bool {
            let other = URL(fileURLWithPath: other).standardizedFileURL.resolvingSymlinksInPath().path
            return other == path || other.hasPrefix(path + "/")
        }
        let homes = [ProcessInfo.processInfo.environment["HOME"], NSHomeDirectory()].compactMap { $0 }.filter { !$0.isEmpty }
        for home in homes where covers(home) {
            return URL(fileURLWithPath: home).resolvingSymlinksInPath().path == path ? "the home folder" : "a parent of the home folder"
        }
        let cwd = FileManager.default.currentDirectoryPath
        if covers(cwd) {
            return URL(fileURLWithPath: cwd).resolvingSymlinksInPath().path == path ? "the current folder" : "a parent of the current folder"
        }
        for entry in [".git", "Package.swift"] {
            var info = stat()
            if lstat(folder.appendingPathComponent(entry).path, &info) == 0 { return "a folder holding \(entry)" }
        }
        return nil
    }

    /// A destination that does not exist yet: its nearest existing ancestor
    /// must be a folder.
    static func checkParent(of destination: URL) throws(OutputError) {
        var dir = destination.deletingLastPathComponent()
        while dir.path != "/" {
            var info = stat()
            if lstat(dir.path, &info) == 0 {
                if !FileManager.default.isDirectory(dir.path) {
                    throw OutputError(.notAFolder, "cannot create \(destination.path): \(dir.path) is a file, not a folder")
                }
                return
            }
            dir = dir.deletingLastPathComponent()
        }
    }

    /// `url` made absolute against the current folder, with `.` and `..` resolved.
    static func absolute(_ url: URL) -> URL {
        URL(fileURLWithPath: url.path).standardizedFileURL
    }

    static func isSymlink(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK
    }
}

/// An exclusive `flock` on a folder, held while a results folder beside
/// others in it is written and swapped in.
struct ParentLock {
    let descriptor: Int32

    init(_ folder: URL) throws(OutputError) {
        descriptor = open(folder.path, O_RDONLY)
        guard descriptor >= 0 else { throw OutputError.posix("open", folder.path, errno: errno) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                let code = errno
                close(descriptor)
                throw OutputError.posix("lock", folder.path, errno: code)
            }
        }
    }

    func release() {
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

extension FileManager {
    /// Whether `path` is a folder (following symbolic links).
    func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}
