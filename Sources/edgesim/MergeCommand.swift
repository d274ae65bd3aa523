import ArgumentParser
import EdgeSim
import Foundation
import Metrics

struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Join the shard folders of a sweep into one sweep folder.",
        discussion: """
            Reads the folders that `edgesim sweep --shard K/N` wrote (in any \
            order) and writes into OUT the folder one unsharded run writes: the \
            same sweep.csv, points.csv and sweep.json bytes, and every point's \
            results under points/.

            Exit status 2, with one line naming the shard, when the folders are \
            not the N shards of one sweep: a shard given twice, a shard missing, \
            shards of different scenario files, sets, seeds, repetitions or arms, \
            or when OUT is a folder EdgeSim did not write.

            EXAMPLES:
              edgesim merge /tmp/shard-1 /tmp/shard-2 /tmp/shard-3
              edgesim merge /tmp/shard-* --out /tmp/sweep
            """
    )

    @Argument(help: "The shard folders.")
    var folders: [String]

    @Option(help: "Where the merged sweep goes (default: Results/runs/<scenario name>-sweep, which git ignores).")
    var out: String?

    @Flag(help: ArgumentHelp(OutputLocation.forceHelp))
    var force = false

    func run() throws {
        let files: [(name: String, contents: String)]
        let manifest: SweepManifest
        do {
            files = try SweepMerge.files(folders: folders)
            manifest = try SweepManifest.read(folder: URL(fileURLWithPath: folders[0]), as: folders[0])
        } catch {
            FileHandle.standardError.write(Data("edgesim merge: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let folder = out ?? OutputLocation.defaultPath("\(manifest.scenario)-sweep")
        OutputLocation.write(files, to: folder, force: force, command: "merge")
        print("wrote \(folder)/ (sweep.csv, points.csv, sweep.json, points/): \(manifest.points) points from \(folders.count) shards")
    }
}
