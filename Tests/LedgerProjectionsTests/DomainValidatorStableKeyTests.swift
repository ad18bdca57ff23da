import LedgerChain
import LedgerEvents
import LedgerProjections
import Testing

/// Review 42d #6: the problems a log already held (written before the domain check) are told from those a batch
/// causes by what stays the same of them (`ReferenceChecker.Problem.stableKey`), not by their wording, which names
/// the record that registers what they are about: a correction of that record moved it, and an old problem blocked
/// an unrelated correction.
@Suite struct DomainValidatorStableKeyTests {
    /// A.2 retired twice (r2 is an old ledger's problem: "already retired … (record seq 10)").
    static let retiredTwice = """
    {"id":"r1","type":"asset.retired","occurred_on":"2024-03-01","data":{"asset_id":"A-2","reason":"拆除"}}
    {"id":"r2","type":"asset.retired","occurred_on":"2024-04-01","data":{"asset_id":"A-2","reason":"again"}}
    """

    static func correctR1(_ date: String, reason: String) -> String {
        #"{"id":"c1","type":"correction","occurred_on":"2024-06-01","data":{"corrects":"r1","reason":"更正","replacement":{"type":"asset.retired","occurred_on":"\#(date)","data":{"asset_id":"A-2","reason":"\#(reason)"}}}}"#
    }

    @Test func theOldProblemWasThereBefore() {
        // The existing problem is found on the log alone (so the case is what it says).
        let existing = DomainValidatorTests.run(existing: "", batch: Self.retiredTwice)
        #expect(existing.contains { $0.contains("was already retired on 2024-03-01") }, "\(existing)")
    }

    @Test func aCorrectionOfTheRecordAnOldProblemNamesIsTaken() {
        // r1's reason corrected: r2's old problem now names the correction (event c1 of this batch), but it is the
        // same problem, not one the batch causes.
        let issues = DomainValidatorTests.run(existing: Self.retiredTwice, batch: Self.correctR1("2024-03-01", reason: "拆除（更正）"))
        #expect(issues.isEmpty, "\(issues)")
    }

    @Test func aProblemTheCorrectionCausesIsStillTold() {
        // A use of A-2 between the two dates, then r1 moved before it: the use now names a retired asset.
        let use = #"{"id":"u1","type":"use.started","occurred_on":"2024-02-15","data":{"use_id":"U-1","asset_id":"A-2","user":"u","purpose":"p"}}"#
        let issues = DomainValidatorTests.run(existing: use + "\n" + Self.retiredTwice, batch: Self.correctR1("2024-02-01", reason: "拆除"))
        #expect(issues.contains { $0.contains("u1") && $0.contains("retired") }, "\(issues)")
    }

    /// The place of a fact is left out of the key's reason, both forms; the rest is kept.
    @Test(arguments: [
        ("asset \"A-2\" was already retired on 2024-03-01 (record seq 10)", "asset \"A-2\" was already retired on 2024-03-01 (a record)"),
        ("asset \"A-2\" was already retired on 2024-03-01 (event c1 of this batch)", "asset \"A-2\" was already retired on 2024-03-01 (a record)"),
        ("event u (use.started) names record seq x", "event u (use.started) names record seq x"),
    ])
    func placesAreLeftOut(_ reason: String, _ kept: String) {
        #expect(ReferenceWords.withoutPlaces(reason) == kept)
    }

    /// An append's made ids are said as the input lines they were made for.
    @Test func madeIDsAreNamedByTheirLines() {
        let reason = Wording(en: "fund \"F-9\" already exists (event in-0123-2 of this batch); choose a new id",
                             zh: "资金账户“F-9”已存在（本批事件 in-0123-2）；请另选 id")
        let named = ReferenceWords.namingLines(reason) { $0 == "in-0123-2" ? 5 : nil }
        #expect(named.en == "fund \"F-9\" already exists (line 5 of this batch); choose a new id")
        #expect(named.zh == "资金账户“F-9”已存在（这一批的第 5 行）；请另选 id")
        // An id the clerk wrote stays.
        #expect(ReferenceWords.namingLines(reason) { _ in nil } == reason)
    }
}
