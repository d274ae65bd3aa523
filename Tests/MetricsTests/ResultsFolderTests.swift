import Foundation
import Testing
@testable import Metrics

@Suite("Results folder: never over what EdgeSim did not write")
struct ResultsFolderTests {
    let marker = ("run.json", "{\"format\": \"edgesim-run/1\"}\n")

    func fresh(_ name: String) throws -> URL {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("edgesim-\(name)-\(getpid())")
        try? FileManager.default.removeItem(at: base)
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        return base
    }

    @Test("a folder with a foreign file and no marker is refused, untouched; --force replaces it")
    func foreignFolder() throws {
        let base = try fresh("foreign")
        defer { try? FileManager.default.removeItem(at: base) }
        let dest = base.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: dest, withIntermediateDirectories: true)
        try Data("keep\n".utf8).write(to: dest.appendingPathComponent("notes.txt"))
        #expect(refused(.notEdgeSimFolder) { try ResultsFolder.write([marker], to: dest) })
        #expect(try Data(contentsOf: dest.appendingPathComponent("notes.txt")) == Data("keep\n".utf8))
        // A run.json that is not EdgeSim's is no marker.
        try Data("{\"format\": \"other\"}\n".utf8).write(to: dest.appendingPathComponent("run.json"))
        #expect(!ResultsFolder.isMarked(dest))
        #expect(refused(.notEdgeSimFolder) { try ResultsFolder.write([marker], to: dest) })
        try ResultsFolder.write([marker], to: dest, force: true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dest.path) == ["run.json"])
        #expect(ResultsFolder.isMarked(dest))
    }

    @Test("a file, a folder holding .git or Package.swift, and the current folder are refused even with force")
    func protectedDestinations() throws {
        let base = try fresh("protected")
        defer { try? FileManager.default.removeItem(at: base) }
        let file = base.appendingPathComponent("README.md")
        try Data("# readme\n".utf8).write(to: file)
        #expect(refused(.notAFolder) { try ResultsFolder.write([marker], to: file, force: true) })
        #expect(try Data(contentsOf: file) == Data("# readme\n".utf8))
        for entry in [".git", "Package.swift"] {
            let repo = base.appendingPathComponent("repo-\(entry)")
            try FileManager.default.createDirectory(at: repo, withIntermediateDirectories: true)
            try Data().write(to: repo.appendingPathComponent(entry))
            try Data("{\"format\": \"edgesim-run/1\"}\n".utf8).write(to: repo.appendingPathComponent("run.json"))
            #expect(refused(.protectedFolder) { try ResultsFolder.write([marker], to: repo, force: true) })
            #expect(FileManager.default.fileExists(atPath: repo.appendingPathComponent(entry).path))
        }
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        for folder in [cwd, cwd.deletingLastPathComponent(), URL(fileURLWithPath: "/"), URL(fileURLWithPath: NSHomeDirectory())] {
            #expect(refused(.protectedFolder) {
                try ResultsFolder.checkReplaceable(folder, force: true)
            }, "\(folder.path)")
        }
    }

    @Test("temporaries a killed writer left beside the folder are removed by the next write")
    func staleTemporaries() throws {
        let base = try fresh("stale")
        defer { try? FileManager.default.removeItem(at: base) }
        let dest = base.appendingPathComponent("smoke")
        try ResultsFolder.write([marker, ("a.csv", "1\n")], to: dest)
        let stale = base.appendingPathComponent(".smoke.edgesim-tmp-999999")
        try FileManager.default.createDirectory(at: stale, withIntermediateDirectories: true)
        try Data("half\n".utf8).write(to: stale.appendingPathComponent("metrics.csv"))
        let foreign = base.appendingPathComponent(".smoke.notes")
        try Data("mine\n".utf8).write(to: foreign)
        try ResultsFolder.write([marker, ("b.csv", "2\n")], to: dest)
        #expect(try FileManager.default.contentsOfDirectory(atPath: base.path).sorted() == [".smoke.notes", "smoke"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dest.path).sorted() == ["b.csv", "run.json"])
    }

    @Test("file-system errors name the path and the cause in one line")
    func fileSystemErrors() throws {
        let base = try fresh("fs-errors")
        defer { try? FileManager.default.removeItem(at: base) }
        let file = base.appendingPathComponent("plain")
        try Data().write(to: file)
        do {
            try ResultsFolder.write([marker], to: file.appendingPathComponent("out"))
            Issue.record("writing under a file succeeded")
        } catch {
            #expect(error.description.contains(file.path) && !error.description.contains("\n"))
            #expect(!error.description.contains("NSCocoaErrorDomain"))
        }
        let error = OutputError.fileSystem("write", "/x/y", CocoaError(.fileWriteNoPermission))
        #expect(error.description == "cannot write /x/y: Permission denied")
    }
}

/// Whether `body` throws an ``OutputError`` with `code`.
func refused(_ code: OutputError.Code, _ body: () throws -> Void) -> Bool {
    do {
        try body()
        return false
    } catch let error as OutputError {
        return error.code == code
    } catch {
        return false
    }
}

@Suite("Welch's t-test")
struct WelchTestTests {
    @Test("p-values agree with a reference implementation (SciPy's ttest_ind_from_stats, equal_var=False)")
    func reference() {
        let base: WelchTest.Sample = (10, 20, 2), current: WelchTest.Sample = (10, 22, 3)
        #expect(abs(WelchTest.pValue(base, current, tail: .greater) - (1 - 0.9505353297173079)) < 1e-9)
        #expect(abs(WelchTest.pValue(base, current, tail: .less) - 0.9505353297173079) < 1e-9)
        #expect(abs(WelchTest.pValue(base, current, tail: .twoSided) - 0.09892934056538412) < 1e-9)
    }

    @Test("without spread, any move is certain and no move is not")
    func noSpread() {
        #expect(WelchTest.pValue((3, 5, 0), (3, 6, 0), tail: .greater) == 0)
        #expect(WelchTest.pValue((3, 5, 0), (3, 6, 0), tail: .less) == 1)
        #expect(WelchTest.pValue((3, 5, 0), (3, 5, 0), tail: .twoSided) == 1)
    }
}
