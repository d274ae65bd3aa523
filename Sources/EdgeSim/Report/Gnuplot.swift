import Foundation

/// The gnuplot executable, found on the search path, and the figure scripts.
public struct Gnuplot: Sendable {
    /// The executable.
    public var executable: URL

    /// How to install gnuplot, for the error when it is missing.
    public static let installHint = """
        install it (Debian or Ubuntu: `sudo apt-get install gnuplot-nox`, or run `scripts/setup.sh`; \
        macOS: `brew install gnuplot`) and run the command again
        """

    /// Finds `gnuplot` on `PATH`.
    ///
    /// - Parameter environment: the environment to search (the process's by default).
    /// - Throws: ``ReportError`` saying how to install it when it is missing.
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ReportError) -> Gnuplot {
        let fm = FileManager.default
        for dir in (environment["PATH"] ?? "").split(separator: ":") where !dir.isEmpty {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent("gnuplot")
            if fm.isExecutableFile(atPath: candidate.path) { return Gnuplot(executable: candidate) }
        }
        throw ReportError(.gnuplotMissing, "gnuplot not found on PATH; the report's figures are drawn by gnuplot: " + installHint)
    }

    /// The script every figure needs, to recognise the scripts folder.
    static let markerScript = "latency-cdf.gp"

    /// Finds the folder of the figure scripts (`plots/` of the EdgeSim
    /// checkout): `plots/` under the current folder, else `plots/` of the
    /// checkout the running executable was built in (it lives under
    /// `.build/`).
    ///
    /// - Throws: ``ReportError`` naming the places it looked.
    public static func scriptsFolder() throws(ReportError) -> URL {
        let fm = FileManager.default
        var candidates = [URL(fileURLWithPath: fm.currentDirectoryPath).appendingPathComponent("plots")]
        let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        var dir = executable.resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(dir.appendingPathComponent("plots"))
            dir = dir.deletingLastPathComponent()
        }
        for c in candidates where fm.fileExists(atPath: c.appendingPathComponent(markerScript).path) {
            return c.standardizedFileURL
        }
        throw ReportError(.scriptsMissing, "the figure scripts (plots/\(markerScript) and its siblings) were not found in ./plots or beside the edgesim checkout; run from the checkout or pass --scripts DIR")
    }

    /// Runs `script` with `dir` set to `figures`.
    ///
    /// - Throws: ``ReportError`` with gnuplot's last error line when it fails.
    func run(script: URL, figures: URL) throws(ReportError) {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-e", "dir=\(GnuplotParameters.quoted(figures.path))", script.path]
        let err = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = err
        var environment = ProcessInfo.processInfo.environment
        // Same numbers, same bytes: no locale-dependent decimal signs.
        environment["LC_ALL"] = "C"
        process.environment = environment
        do {
            try process.run()
        } catch {
            throw ReportError(.gnuplotFailed, "\(executable.path) could not be started: \(error.localizedDescription)")
        }
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let lines = String(decoding: errData, as: UTF8.self).split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("^") }
            throw ReportError(.gnuplotFailed, "gnuplot failed on \(script.lastPathComponent) (exit status \(process.terminationStatus)): \(lines.suffix(2).joined(separator: " "))")
        }
    }
}
