import LedgerRules
import Testing

@Suite struct PolicyTests {
    @Test func defaultsMatchDomainTable() {
        let p = Policy()
        #expect(p.idleDays == 180)
        #expect(p.utilisationMinPercent == 50)
        #expect(p.incomeBenchmarkPercent == 70)
        #expect(p.contractTermMaxMonths == 36)
        #expect(p.disclosureMonths["public_income"] == 3)
        #expect(p.disclosureMonths["maintenance"] == 6)
    }
}
