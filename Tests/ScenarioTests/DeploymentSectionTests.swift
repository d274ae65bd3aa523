import Foundation
import Scheduling
import Testing
@testable import Scenario

@Suite("The deployment section: what a node of each tier is")
struct DeploymentSectionTests {
    @Test("without the section: one server per node, the pools, capacities and prices the separate keys had")
    func defaults() throws {
        let d = try scenario(base).deployment
        #expect(d == DeploymentSection())
        #expect(d.store == NodeServers(servers: 1, slotsPerServer: 8, millicores: 16_000, pricePerHour: Decimal(string: "0.35")!))
        #expect(d.region == NodeServers(servers: 1, slotsPerServer: 256, millicores: 64_000, pricePerHour: Decimal(string: "2.50")!))
        #expect((d.inferenceSlots(.device), d.inferenceSlots(.store), d.inferenceSlots(.region), d.inferenceSlots(.cloud))
                == (nil, 8, 256, 1))
        // Memory in proportion to CPU, 2 MiB per millicore.
        let store = try #require(d.clusterNode(.store)), region = try #require(d.clusterNode(.region))
        let cloud = try #require(d.clusterNode(.cloud))
        #expect(store.capacity == Resources(milliCPU: 16_000, memoryMiB: 32_000) && store.pricePerHour == Decimal(string: "0.35")!)
        #expect(region.capacity == Resources(milliCPU: 64_000, memoryMiB: 128_000) && region.pricePerHour == Decimal(string: "2.50")!)
        #expect(cloud.capacity == Resources(milliCPU: 10_000_000, memoryMiB: 20_000_000) && cloud.pricePerHour == Decimal(string: "1.20")!)
        #expect(d.clusterNode(.device) == nil)
    }

    @Test("every documented default, written as a value, reads as the default")
    func documentedDefaults() throws {
        for key in DeploymentSection.keys where !key.name.hasSuffix(".memory") && key.name != "circuits" {
            let parts = key.name.split(separator: ".")
            var yaml = base + "deployment:\n"
            for (depth, part) in parts.enumerated() {
                yaml += String(repeating: "  ", count: depth + 1) + part + ":"
                yaml += depth == parts.count - 1 ? " \(key.defaultText)\n" : "\n"
            }
            let s = try scenario(yaml)
            #expect(s.deployment == DeploymentSection(), "\(key.name): \(key.defaultText)")
            #expect(s.warnings.isEmpty)
        }
    }

    @Test("a node is its servers: slots, CPU, memory and price times servers; the cloud node, the fleet's GPUs")
    func newKeys() throws {
        let s = try scenario(base + """
            deployment:
              store: {servers: 2, slots_per_server: 4, cpu: 8000, memory: 24GiB, price: $0.50/h}
              region: {servers: 3, slots_per_server: 16, cpu: 32000, price: $3/h}
              cloud: {fleet: fixed, gpus: 5, slots_per_gpu: 2, cpu: 8000, memory: 64GiB, price: $2.10/h}

            """)
        #expect(s.warnings.isEmpty)
        let d = s.deployment
        #expect(d.store == NodeServers(servers: 2, slotsPerServer: 4, millicores: 8_000, memoryMiB: 24 * 1_024,
                                       pricePerHour: Decimal(string: "0.50")!))
        #expect((d.inferenceSlots(.store), d.inferenceSlots(.region), d.inferenceSlots(.cloud)) == (8, 48, 10))
        let store = try #require(d.clusterNode(.store)), region = try #require(d.clusterNode(.region))
        let cloud = try #require(d.clusterNode(.cloud))
        #expect(store.capacity == Resources(milliCPU: 16_000, memoryMiB: 48 * 1_024) && store.pricePerHour == 1)
        // No memory given: 2 MiB per millicore of each server.
        #expect(region.capacity == Resources(milliCPU: 96_000, memoryMiB: 192_000) && region.pricePerHour == 9)
        #expect(cloud.capacity == Resources(milliCPU: 40_000, memoryMiB: 5 * 64 * 1_024))
        #expect(cloud.pricePerHour == Decimal(string: "10.50")!)
    }

    @Test("bad values are reported at their keys")
    func problems() {
        let found = issues(base + """
            deployment:
              store: {servers: 0, slots_per_server: 2.5, cpu: -1}
              region: {memory: 1.5MiB, price: $2/month}
              cloud: {memory: 512KiB, prize: $1/h}

            """)
        // Sorted by line, then key path.
        #expect(found.map(\.keyPath) == [
            "deployment.store.cpu", "deployment.store.servers", "deployment.store.slots_per_server",
            "deployment.region.memory", "deployment.region.price", "deployment.cloud.memory", "deployment.cloud.prize",
        ])
        #expect(found.map(\.line) == [12, 12, 12, 13, 13, 14, 14])
        #expect(found.first { $0.keyPath == "deployment.region.memory" }?.message.contains("whole number of MiB") == true)
        #expect(found.first { $0.keyPath == "deployment.cloud.prize" }?.message == "unknown key; did you mean `price`?")
    }

    /// Each old key, a value for it, and the same setting under its new key.
    static let aliases: [(old: String, new: String)] = [
        ("workload:\n  inference_slots: {store: 3}\n", "deployment:\n  store: {slots_per_server: 3}\n"),
        ("workload:\n  inference_slots: {cloud: 64}\n", "deployment:\n  region: {slots_per_server: 64}\n"),
        ("costs:\n  store_server: $0.40/h\n", "deployment:\n  store: {price: $0.40/h}\n"),
        ("costs:\n  region_aggregator: $2.75/h\n", "deployment:\n  region: {price: $2.75/h}\n"),
        ("costs:\n  cloud_gpu: $1.99/h\n", "deployment:\n  cloud: {price: $1.99/h}\n"),
        ("scheduling:\n  store_server_cpu: 12000\n", "deployment:\n  store: {cpu: 12000}\n"),
        ("scheduling:\n  region_cpu: 32000\n", "deployment:\n  region: {cpu: 32000}\n"),
        ("scheduling:\n  cloud_cpu: 99000\n", "deployment:\n  cloud: {cpu: 99000}\n"),
    ]

    @Test("every alias is covered")
    func everyAliasCovered() {
        #expect(Self.aliases.count == DeploymentSection.aliases.count)
    }

    @Test("an old key still reads, as its deployment key, with a warning naming both", arguments: zip(aliases, DeploymentSection.aliases))
    func oldKeyWarns(yaml: (old: String, new: String), alias: (old: String, new: String)) throws {
        let old = try scenario(base + yaml.old)
        let new = try scenario(base + yaml.new)
        #expect(old.deployment == new.deployment)
        #expect(old.deployment != DeploymentSection())
        #expect(new.warnings.isEmpty)
        let warning = try #require(old.warnings.first)
        #expect(old.warnings.count == 1)
        #expect(warning.kind == .deprecated && warning.keyPath == alias.old && warning.line == 12)
        #expect(warning.message == "`\(alias.old)` is now `deployment.\(alias.new)`; the old name still works")
    }

    @Test("an old key beside its new one is an error at the old key naming both", arguments: zip(aliases, DeploymentSection.aliases))
    func bothSet(yaml: (old: String, new: String), alias: (old: String, new: String)) throws {
        // The new key is on line 12, the old one on line 14.
        let i = try #require(issue(base + yaml.new + yaml.old))
        #expect(i.kind == .duplicate && i.keyPath == alias.old && i.line == 14)
        #expect(i.message == "`\(alias.old)` is the old name of `deployment.\(alias.new)`, which line 12 sets too; "
            + "write only `deployment.\(alias.new)`")
    }

    @Test("an old key's value is checked as its new key's is")
    func oldKeyChecked() {
        let i = issue(base + "scheduling:\n  region_cpu: 0\n")
        #expect(i?.keyPath == "scheduling.region_cpu" && i?.message == "must be at least 1, found 0")
    }
}
