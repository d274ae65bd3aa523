import EdgeSim
import Foundation
import Testing

@Suite("edgesim bench fanin")
struct FaninCommandTests {
    @Test("two processes with the same seed print the same figures")
    func determinismAcrossProcesses() throws {
        let args = ["bench", "fanin", "--regions", "2", "--stores", "5", "--devices", "10", "--duration", "20", "--seed", "3"]
        let first = try EdgeSimProcess.run(args)
        let second = try EdgeSimProcess.run(args)
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        let a = EdgeSimProcess.fields(first.stdout), b = EdgeSimProcess.fields(second.stdout)
        for key in ["messages", "mean_ms", "p99_ms", "events", "checksum"] {
            #expect(a[key] != nil && a[key] == b[key], "field \(key): \(a[key] ?? "-") vs \(b[key] ?? "-")")
        }
        #expect(a["engine"] == "edgesim")
    }

    @Test("an M/D/1 store uplink at utilisation 0.8 matches Pollaczek-Khinchine within 1%")
    func md1StoreUplink() throws {
        // 200 devices x 0.4 msg/s = 80 msg/s of 1250 bytes on a 1 Mbit/s store uplink:
        // service 10 ms, rho = 0.8, PK wait = rho / (2 mu (1 - rho)) = 20 ms.
        // Latencies 2 + 10 + 40 ms; serialisations 0.1 + 10 + 0.00001 ms.
        let result = try EdgeSimProcess.run(["bench", "fanin", "--regions", "1", "--stores", "1", "--devices", "200",
                                             "--rate", "0.4", "--size", "1250", "--bw", "100e6,1e6,1e12",
                                             "--duration", "6000"])
        #expect(result.status == 0, "\(result.stderr)")
        let mean = try #require(Double(EdgeSimProcess.fields(result.stdout)["mean_ms"] ?? ""))
        let expected = 52 + 0.1 + 10 + 0.00001 + 20
        #expect(abs(mean - expected) / expected < 0.01, "mean_ms \(mean) vs \(expected)")
    }

    @Test("a malformed --bw is refused with a usage error")
    func badBandwidth() throws {
        let result = try EdgeSimProcess.run(["bench", "fanin", "--bw", "100e6,fast"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--bw takes three"))
    }
}
