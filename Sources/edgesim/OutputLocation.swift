import Foundation
import Metrics

/// Where a command's results go, and the checks before it writes them:
/// every command that writes a folder refuses one that EdgeSim did not
/// write (exit status 2, nothing touched), before it spends time running.
enum OutputLocation {
    /// The folder under which results go when `--out` is not given: ignored
    /// by git, so the committed reference results under `Results/<name>/`
    /// stay as they are.
    static let defaultRoot = "Results/runs"

    /// `Results/runs/<name>`.
    static func defaultPath(_ name: String) -> String {
        let safe = String(name.map { $0 == "/" || $0 == "\\" ? "-" : $0 })
        return "\(defaultRoot)/\(safe)"
    }

    /// The help of `--force`.
    static let forceHelp = """
        Replace OUT even when it holds files EdgeSim did not write. Never applies to /, the home folder, \
        the current folder or their parents, or a folder holding .git or Package.swift.
        """

    /// Checks that `path` may be written; prints the reason and exits 2 when not.
    static func check(_ path: String, force: Bool, command: String) {
        do {
            try ResultsFolder.checkReplaceable(URL(fileURLWithPath: path), force: force)
        } catch {
            fail(command, error)
        }
    }

    /// Writes `files` as the folder `path`; prints the reason and exits 2 on failure.
    static func write(_ files: [(name: String, contents: String)], to path: String, force: Bool, command: String) {
        do {
            try ResultsFolder.write(files, to: URL(fileURLWithPath: path), force: force)
        } catch {
            fail(command, error)
        }
    }

    /// Prints `edgesim COMMAND: error` on standard error, one line, and exits 2.
    static func fail(_ command: String, _ error: any Error) -> Never {
        let text = error is OutputError ? "\(error)" : OutputError.cause(of: error)
        FileHandle.standardError.write(Data("edgesim \(command): \(text)\n".utf8))
        Foundation.exit(2)
    }
}
