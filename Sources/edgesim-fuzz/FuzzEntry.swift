import EdgeSim
import Foundation

// The fuzz target of the scenario loader, validator and a bounded run.
//
// Built with libFuzzer (`benchmarks/fuzz.sh`, which passes --sanitize=fuzzer
// and -DFUZZING), libFuzzer's own main drives `LLVMFuzzerTestOneInput`.
// Built plainly, it replays inputs: `edgesim-fuzz FILE...` prints each
// file's outcome, for reproducing a crash libFuzzer saved.

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = ScenarioFuzzing.check(Data(bytes: data, count: size))
    return 0
}
#else
@main
struct FuzzReplay {
    static func main() throws {
        for path in CommandLine.arguments.dropFirst() {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            print("\(path): \(ScenarioFuzzing.check(data).rawValue)")
        }
    }
}
#endif
