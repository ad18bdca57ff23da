import LedgerEvents
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// The rules read personal fields as texts or commitments, never through their values (ledger-spec.md 10.3).
@Suite struct PersonalRuleTests {
    static let zhang = String(repeating: "5b", count: 32)
    static let wang = String(repeating: "a0", count: 32)

    static func check(_ lines: [String], asOf: String) throws -> [Finding] {
        try RectificationLoopReadingTests.check(lines, asOf: asOf)
    }

    static func use(_ id: String, user: String) -> String {
        Mini.event(id, "use.started", "2025-01-01", #"{"use_id":"\#(id)","asset_id":"A-1","user":\#(user),"purpose":"停车","authority":{"decision_id":"D-M"}}"#)
    }

    /// A user named like a business (…公司) makes its use business, which a simple majority cannot authorise; a
    /// committed user is a private person, whatever its value, so the same use stands on the same vote.
    @Test func aCommittedUserIsNeverABusinessByName() throws {
        let majority = Mini.decision("D-M", "2024-11-01", "other_major", "2000.00", 200, "1200.00", 120)
        let company = try Self.check([majority, Self.use("U1", user: #""某停车公司""#)], asOf: "2025-02-01")
        #expect(company.filter { $0.rule == .useWithoutAuthority }.count == 1)
        let person = try Self.check([majority, Self.use("U1", user: #"{"commitment":"\#(Self.zhang)"}"#)], asOf: "2025-02-01")
        #expect(person.filter { $0.rule == .useWithoutAuthority }.isEmpty)
    }

    /// One commitment is one person in the projection: two occupations by the same committed occupant carry equal
    /// values, another commitment a different one, and the finding's fact keeps the commitment for reports to show.
    @Test func personsAreTheSameExactlyWhenTheirCommitmentsAre() throws {
        func occupation(_ id: String, _ commitment: String) -> String {
            Mini.event(id, "occupation.reported", "2025-01-05", #"{"occupation_id":"\#(id)","asset_id":"A-1","occupant":{"commitment":"\#(commitment)"},"description":"堆物"}"#)
        }
        let records = try SampleRecords.records(lines: Mini.base + [occupation("O-1", Self.zhang), occupation("O-2", Self.zhang), occupation("O-3", Self.wang)])
        let p = Projection(records: records, asOf: CalendarDate(iso: "2025-02-01")!)
        let zhang = PersonalText.committed(PersonalCommitment(hex: Self.zhang)!)
        #expect(p.occupations["O-1"]?.occupant == zhang && p.occupations["O-2"]?.occupant == zhang)
        #expect(p.occupations["O-3"]?.occupant != zhang)
        let found = Rectifier.check(p, scope: RectificationScope(asOf: CalendarDate(iso: "2025-02-01")!), policy: Policy()).findings
        let open = found.filter { $0.rule == .occupationNotCleared }
        #expect(open.count == 3)
        #expect(open.compactMap { $0.facts.first?.values.first { $0.name == "occupant" }?.value }.filter { $0 == .person(zhang) }.count == 2)
        #expect(RectificationDefaults.responsible(open.first { $0.subjectIDs == ["O-1"] }!) == zhang,
                "a list issued for it names the commitment, never a value")
    }
}
