import Testing
import Scenario
@Test func scenarioModelDefaults() { #expect(WorkloadSpec().skusPerStore == 200) }
