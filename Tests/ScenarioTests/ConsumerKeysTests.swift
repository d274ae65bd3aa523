import Foundation
import Testing
@testable import Scenario

@Suite("Consumer and upload keys")
struct ConsumerKeysTests {
    @Test("store_feedback, durable, outbox_limit and consumers are read")
    func read() throws {
        let s = try ScenarioLoader.parse(yaml: base + """
            workload:
              store_feedback: 10s
              durable: {store: false}
              outbox_limit: 64KB
              consumers: [hq, store]
            """, file: "t.yaml")
        #expect(s.workload.storeFeedback == .periodic(.seconds(10)))
        #expect(s.workload.durable.store == false && s.workload.durable.region == true)
        #expect(s.workload.outboxLimitBytes == 64_000)
        #expect(s.workload.consumers == [.store, .hq])
        let p = try ScenarioLoader.parse(yaml: base + "workload:\n  store_feedback: per_update\n", file: "t.yaml")
        #expect(p.workload.storeFeedback == .perUpdate)
        let d = try ScenarioLoader.parse(yaml: base, file: "t.yaml")
        #expect(d.workload.storeFeedback == StoreFeedback.none)
        #expect(d.workload.consumers == Consumer.allCases)
    }

    @Test("a bad feedback, an unknown consumer and a repeated one are errors at their line")
    func errors() {
        let found = issues(base + """
            workload:
              store_feedback: sometimes
              consumers: [store, shelf, store]
            """)
        #expect(found.count == 3)
        #expect(found.map(\.line) == [12, 13, 13])
    }
}
