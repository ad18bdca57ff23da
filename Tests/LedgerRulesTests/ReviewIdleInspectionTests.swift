import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// Review: an old inspection that saw a part in use under a contract, or occupied by someone later cleared
/// away, must not hide the part from IDLE-01 for ever. It only stands in for use when an OCC rule reports it.
@Suite struct ReviewIdleInspectionTests {
    static func inspection(_ date: String, _ observed: String) -> String {
        Mini.event("N-\(date)", "inspection.recorded", date, #"{"asset_id":"A-1","observed":"\#(observed)","inspector":"王"}"#)
    }

    @Test func inUseInspectionExplainedByAnEndedContractDoesNotHideIdleness() throws {
        let lines = [Mini.okDecision, Mini.contract("K-1", start: "2024-01-01", end: "2024-06-30", signed: "2023-12-15"),
                     Self.inspection("2024-03-01", "in_use")]
        let idle = try Mini.findings(lines, asOf: "2025-06-30", rule: .idle)
        #expect(idle.count == 1)
        #expect(idle.first?.since == CalendarDate(iso: "2024-07-01"))
        #expect(try Mini.findings(lines, asOf: "2025-06-30", rule: .useWithoutAuthority).isEmpty)
    }

    @Test func occupiedInspectionWhoseOccupationWasClearedDoesNotHideIdleness() throws {
        let lines = [Self.inspection("2024-03-01", "occupied"),
                     Mini.event("O1", "occupation.reported", "2024-03-02", #"{"occupation_id":"O1","asset_id":"A-1","occupant":"某人","description":"堆物"}"#),
                     Mini.event("O1c", "occupation.cleared", "2024-03-10", #"{"occupation_id":"O1"}"#)]
        #expect(try Mini.findings(lines, asOf: "2025-06-30", rule: .inspectionFoundOccupied).isEmpty)
        #expect(try Mini.findings(lines, asOf: "2025-06-30", rule: .idle).count == 1)
    }

    @Test func unexplainedInUseInspectionStillExcludesIdle() throws {
        // OCC-02 reports it; IDLE-01 must not report the same part as unused.
        let lines = [Self.inspection("2025-03-01", "in_use")]
        #expect(try Mini.findings(lines, asOf: "2025-06-30", rule: .useWithoutAuthority).count == 1)
        #expect(try Mini.findings(lines, asOf: "2025-06-30", rule: .idle).isEmpty)
    }
}
