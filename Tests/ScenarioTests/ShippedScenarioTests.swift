import Foundation
import Testing
import SimKernel
import SimNetwork
@testable import Scenario

@Suite("Shipped scenarios")
struct ShippedScenarioTests {
    func load(_ name: String) throws -> Scenario {
        try ScenarioLoader.load(path: scenariosFolder.appendingPathComponent(name).path)
    }

    @Test("smoke.yaml loads with the values it states")
    func smoke() throws {
        let s = try load("smoke.yaml")
        #expect(s.name == "smoke")
        #expect(s.duration == .minutes(10))
        #expect(s.warmup == .minutes(1))
        #expect(s.seed == 7)
        #expect(s.repetitions == 2)
        #expect(s.arms == [.edgeHybrid, .cloudOnly])
        #expect(s.topology.regions == 2)
        #expect(s.topology.storesPerRegion == 3)
        #expect(s.topology.camerasPerStore == 4)
        #expect(s.topology.storeRegion.bandwidth == 100e6)
        #expect(s.topology.storeRegion.discipline == .priority)
        #expect(s.topology.storeRegion.latency == (try Distribution.lognormal(median: 0.010, sigma: 0.2)))
        #expect(s.topology.deviceStore.latency == (try Distribution.constant(0.002)))
        #expect(s.workload.skusPerStore == 50)
        #expect(s.workload.frameInterval == .seconds(10))
        #expect(s.workload.shelfCapacity == WorkloadSpec().shelfCapacity)
        #expect(s.faults.count == 1)
        let cut = try #require(s.faults.first)
        #expect(cut.at == .minutes(4))
        #expect(cut.duration == .minutes(2))
        #expect(cut.kind == .cut(LinkRef(a: "store-4", b: "region-1")))
        #expect(s.topology.parentName(ofNode: "store-4") == "region-1")
        // Small enough for CI: 1 cloud + 2 regions + 6 stores + 24 cameras.
        #expect(s.topology.nodeCount == 33)
    }

    @Test("retail-chain.yaml is the reference case")
    func retailChain() throws {
        let s = try load("retail-chain.yaml")
        #expect(s.name == "retail-chain")
        #expect(s.duration == .hours(1))
        #expect(s.warmup == .minutes(5))
        #expect(s.repetitions == 1)
        #expect(s.arms == [.edgeHybrid, .cloudOnly])
        #expect(s.topology.regions == 20)
        #expect(s.topology.storesPerRegion == 25)
        #expect(s.topology.camerasPerStore == 50)
        #expect(s.topology.deviceStore.bandwidth == 1e9)
        #expect(s.topology.storeRegion.bandwidth == 100e6)
        #expect(s.topology.regionCloud.bandwidth == 10e9)
        #expect(s.topology.regionCloud.latency == (try Distribution.constant(0.035)))
        if case .lognormal(let mu, let sigma) = s.topology.storeRegion.latency.kind {
            #expect(abs(exp(mu) - 0.010) < 1e-15)
            #expect(sigma == 0.25)
        } else {
            Issue.record("store_region latency should be lognormal")
        }
        #expect(s.workload.purchasesPerSkuPerHour == 6)
        #expect(s.workload.frameBytes == (try Distribution.lognormal(median: 150_000, sigma: 0.3)))
        #expect(s.deployment.store.pricePerHour == Decimal(string: "0.35"))
        #expect(s.costs.regionSitePerMonth == 2_000)
        #expect(s.deployment.targetUtilization == 0.6 && s.deployment.fleet == .autoscaled && s.deployment.gpus == 128)
        // The deployment's defaults, spelled out, but for the fleet's starting size.
        var deployment = DeploymentSection()
        deployment.gpus = 128
        #expect(s.deployment == deployment)
        #expect(s.costs.cloudEgressTiers.map(\.upToGB) == [10_240, 51_200, 153_600, nil])
        // The file spells out the default prices, but pays egress both ways
        // across the region-cloud boundary instead of a per-GB transfer price;
        // and the defaults of the workload, but for the cloud's per-update
        // feedback, which the comparison of consumers needs.
        var expected = CostSpec()
        expected.transfer.removeLast()
        expected.egressDirections = [TierDirection(from: .cloud, to: .region), TierDirection(from: .region, to: .cloud)]
        #expect(s.costs == expected)
        var defaults = WorkloadSpec()
        defaults.storeFeedback = .perUpdate
        #expect(s.workload == defaults)

        #expect(s.faults.count == 2)
        #expect(s.faults[0].kind == .cut(LinkRef(a: "store-17", b: "region-0")))
        #expect(s.faults[0].at == .minutes(15))
        #expect(s.faults[0].duration == .minutes(10))
        #expect(s.faults[1].kind == .crash("region-3"))
        #expect(s.faults[1].at == .minutes(40))
        #expect(s.faults[1].duration == .minutes(5))
        #expect(s.topology.parentName(ofNode: "store-17") == "region-0")
    }

    @Test("bad-example.yaml yields exactly its three located issues in one call")
    func badExample() throws {
        let path = scenariosFolder.appendingPathComponent("bad-example.yaml").path
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("bad-example.yaml should not load")
        } catch {
            let found = error.issues
            #expect(found.count == 3)
            #expect(found.map(\.keyPath) == [
                "topology.stores_per_regoin", "topology.links.store_region.bandwidth", "faults[0].node",
            ])
            #expect(found.map(\.line) == [8, 16, 25])
            #expect(found.map(\.kind) == [.unknownKey, .badUnit, .unknownNode])
            #expect(found[0].message == "unknown key; did you mean `stores_per_region`?")
            #expect(found[1].message == "\"50 Mbps/s\" is not a bandwidth; write e.g. \"50Mbps\" or \"1Gbps\"")
            #expect(found[2].message == "no node is called \"region-7\"; they run from region-0 to region-1")
            #expect(found.allSatisfy { $0.file == path })
        }
    }

    @Test("the error output prints one line per issue")
    func errorFormat() {
        let text = (try? String(contentsOf: scenariosFolder.appendingPathComponent("bad-example.yaml"), encoding: .utf8)) ?? ""
        do {
            _ = try ScenarioLoader.parse(yaml: text, file: "bad-example.yaml")
            Issue.record("bad-example.yaml should not load")
        } catch {
            #expect(error.description == """
                bad-example.yaml:8: topology.stores_per_regoin: unknown key; did you mean `stores_per_region`?
                bad-example.yaml:16: topology.links.store_region.bandwidth: "50 Mbps/s" is not a bandwidth; write e.g. "50Mbps" or "1Gbps"
                bad-example.yaml:25: faults[0].node: no node is called "region-7"; they run from region-0 to region-1
                """)
        }
    }

    @Test("the README shows bad-example.yaml's real output, and its fault example is valid")
    func readme() throws {
        let readme = try String(contentsOf: scenariosFolder.appendingPathComponent("README.md"), encoding: .utf8)
        let bad = try String(contentsOf: scenariosFolder.appendingPathComponent("bad-example.yaml"), encoding: .utf8)
        do {
            _ = try ScenarioLoader.parse(yaml: bad, file: "bad-example.yaml")
        } catch {
            #expect(readme.contains("```\n\(error.description)\n```"))
        }
        // The fault timeline example, on the reference topology.
        let blocks = readme.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        let faults = try #require(blocks.first { $0.hasPrefix("faults:") })
        let chain = try String(contentsOf: scenariosFolder.appendingPathComponent("retail-chain.yaml"), encoding: .utf8)
        let withoutFaults = try #require(chain.components(separatedBy: "\nfaults:\n").first)
        let s = try ScenarioLoader.parse(yaml: withoutFaults + "\n" + faults, file: "readme.yaml")
        #expect(s.faults.count == 5)
    }

    @Test("a missing file is one issue without a line")
    func missingFile() {
        do {
            _ = try ScenarioLoader.load(path: "no-such-scenario.yaml")
            Issue.record("should not load")
        } catch {
            #expect(error.issues.count == 1)
            #expect(error.issues.first?.kind == .unreadableFile)
            #expect(error.description == "no-such-scenario.yaml: no such file")
        }
    }
}
