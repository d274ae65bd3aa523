import Foundation

/// The version printed by `edgesim --version` and recorded in every run.json.
public enum EdgeSimVersion {
    public static let current = "0.1.0"

    /// `0.1.0 (commit 1a2b3c4d5e6f)`: the version and the commit of the
    /// checkout the running executable was built in, or `unknown`.
    ///
    /// SwiftPM cannot stamp the commit at build time without a plugin, so it
    /// is read when asked: the executable lives under `.build/` of its
    /// checkout, and `git rev-parse HEAD` there names the commit (`+dirty`
    /// when tracked files differ from it). An executable copied out of its
    /// checkout, or a machine without git, gives `unknown`; a checkout moved
    /// to another commit since the build gives that commit.
    public static var described: String { "\(current) (commit \(commit() ?? "unknown"))" }

    /// The commit of the checkout holding the running executable, or nil.
    public static func commit(executable: URL? = Bundle.main.executableURL) -> String? {
        guard let executable else { return nil }
        var dir = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        let fm = FileManager.default
        for _ in 0..<8 {
            if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
               fm.fileExists(atPath: dir.appendingPathComponent(".git").path) {
                guard let head = git(["rev-parse", "--short=12", "HEAD"], in: dir), !head.isEmpty else { return nil }
                let changes = git(["status", "--porcelain", "--untracked-files=no"], in: dir) ?? ""
                return changes.isEmpty ? head : head + "+dirty"
            }
            if dir.path == "/" { break }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    static func git(_ arguments: [String], in dir: URL) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-C", dir.path] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return nil
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
