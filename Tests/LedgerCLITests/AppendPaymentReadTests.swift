import Foundation
@testable import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// Session 45 (append45): `ledger append`'s payment checks (`AppendStatementLines`: vouchers, twins, statement
/// lines) read their funds' communities from `index/scopes` decoding only the payments, balance assertions and
/// contracts there (a batch without a correction), not the parts every import registers in them; since session 46 a
/// look-up checks only the directory's index and the run it reads, and since session 47 an open only the table's
/// parts it reads (`ScopeIndex.TableParts`). The answers are the whole log's; damage is still found.
@Suite struct AppendPaymentReadTests {
    /// A synthetic city with the parts of a register in each community (as the scale phase's imports leave them).
    static func city(seed: UInt64) throws -> (CLIHarness, LedgerDirectory, [Record]) {
        var city = SyntheticCity(eventCount: 4_000, seed: seed, communityCount: 6)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        while !city.isFinished { try TestLedger.append(city.nextBatch(maxEvents: 1_000), to: directory) }
        return (cli, directory, try VerifiedLog.read(directory).records)
    }

    /// Recorded payments made again under fresh ids (twins and vouchers used again: issues to compare), and fresh
    /// ones of the same funds on other days and amounts.
    static func batch(_ records: [Record], _ rng: inout SyntheticRandom, size: Int) -> [Event] {
        let payments = records.filter { AppendStatementLines.isMatched($0.event) }
        var events: [Event] = []
        for n in 0..<size {
            var event = payments.randomElement(using: &rng)!.event
            event.id = "again-\(n)-\(rng.next() % 1_000_000)"
            if Bool.random(using: &rng), case .fundIncome(var income)? = event.payload.domain {
                income.amount = Amount(fen: income.amount.fen + 1 + Int64(rng.next() % 1_000))
                income.voucher = "v-\(n)-\(rng.next() % 1_000_000)"
                event.payload = .domain(.fundIncome(income))
            }
            events.append(event)
        }
        return events
    }

    /// Property: for seeded batches of payments, the checks' issues read from the index (types filtered) are those
    /// read from the whole log, and the read decodes fewer records than the unfiltered one (the parts are left out).
    @Test(arguments: [1, 2, 3] as [UInt64]) func thePaymentChecksReadOnlyPaymentsAndAnswerAsTheWholeLog(seed: UInt64) throws {
        let (cli, directory, records) = try Self.city(seed: seed)
        // The city's folder lives as long as its harness.
        defer { withExtendedLifetime(cli) {} }
        var rng = SyntheticRandom(seed: seed)
        var compared = 0, issuesSeen = 0
        for round in 0..<6 {
            let events = Self.batch(records, &rng, size: 1 + round % 3)
            let lines = Array(1...events.count)
            func issues(scopes: Bool) throws -> [ValidationIssue] {
                try AppendStatementLines.issues(events, lines: lines, directory: directory, headSeq: Int64(records.count), existing: nil,
                                                scopes: scopes, sameDayAmountAllowed: false, notice: { _ in })
            }
            let scoped = try issues(scopes: true), whole = try issues(scopes: false)
            #expect(scoped == whole, "seed \(seed) round \(round)")
            issuesSeen += whole.count
            let filtered = try #require(try ScopeIndex.read(directory, communityIDs: [], idsNamedBy: events,
                                                            onlyTypes: AppendStatementLines.checkedTypes(contracts: false)))
            let every = try #require(try ScopeIndex.read(directory, communityIDs: [], idsNamedBy: events))
            let kept = AppendStatementLines.checkedTypes(contracts: false)
            // Not vacuous: the scope holds records of other types, and they were left out.
            #expect(filtered.records.count < every.records.count, "seed \(seed) round \(round)")
            #expect(filtered.records.filter { kept.contains($0.type) } == every.records.filter { kept.contains($0.type) })
            #expect(filtered.records.allSatisfy { kept.contains($0.type) || $0.type == EventType.correction.rawValue })
            compared += 1
        }
        #expect(compared == 6)
        // Not vacuous: payments made again are refused (twins, vouchers).
        #expect(issuesSeen > 0, "seed \(seed)")
    }

    /// The table and page directory checked by an earlier open are not checked again only when they are the very
    /// bytes: a byte changed since in either is found (the index damaged), whatever this process opened before.
    @Test func aChangedTableOrPageDirectoryIsFoundAfterAnEarlierOpen() throws {
        let (cli, directory, records) = try Self.city(seed: 4)
        defer { withExtendedLifetime(cli) {} }
        let fund = try #require(records.first { $0.type == EventType.fundIncome.rawValue }).event
        _ = try #require(try ScopeIndex.read(directory, communityIDs: [], idsNamedBy: [fund]))
        let opened = try #require(try ScopeIndex.open(directory))
        var lookup = ScopeIndex.NodeLookup(opened)
        let someKey = ScopeIndex.key(.fund, try #require(fund.data["fund_id"]?.stringValue))
        let block = try lookup.block(someKey)
        #expect(block != nil)
        let path = ScopeIndex.path(directory)
        let clean = try PosixFile(path: path, mode: .read).readAll()
        func damaged(at offset: Int64) throws -> [UInt8] {
            var bytes = clean
            bytes[Int(offset)] ^= 0x01
            return bytes
        }
        // A byte of the table (after its 8-byte length).
        try PosixFile.writeAtomically(try damaged(at: opened.bodyStart + 8 + 20), to: path)
        #expect(throws: (any Error).self) { _ = try ScopeIndex.open(directory) }
        // A byte of the page directory: the table opens (the same bytes as before), the look-up finds the damage.
        try PosixFile.writeAtomically(try damaged(at: opened.bodyStart + opened.table.pageDirectoryOffset + 3), to: path)
        let again = try #require(try ScopeIndex.open(directory))
        #expect(throws: (any Error).self) {
            var damagedLookup = ScopeIndex.NodeLookup(again)
            _ = try damagedLookup.block(someKey)
        }
        // Put back: the same answers as before.
        try PosixFile.writeAtomically(clean, to: path)
        var restored = ScopeIndex.NodeLookup(try #require(try ScopeIndex.open(directory)))
        let again2 = try restored.block(someKey)
        #expect(again2 == block)
    }

    /// Two copies of the demo ledger with a statement imported, one checked from its index and one from the whole
    /// log (`LEDGER_SCOPES=off`), given the same seeded batches of receipts, spendings and transfers that take a
    /// statement's lines, repeat a voucher or a payment, or are new: the same answers and the same logs.
    @Test(arguments: [1, 2] as [UInt64]) func theDoorAnswersAsTheWholeLogAfterAStatement(seed: UInt64) throws {
        let fixture = AppendAfterStatementTests()
        let scoped = try fixture.ledger(), whole = CLIHarness()
        try FileManager.default.copyItem(atPath: scoped.ledgerPath, toPath: whole.ledgerPath)
        whole.environment["LEDGER_SCOPES"] = "off"
        var rng = SyntheticRandom(seed: seed)
        let choices: [(Int) -> String] = [
            { AppendAfterStatementTests.income("R-\($0)") },
            { AppendAfterStatementTests.income("R-\($0)", voucher: "FC-\($0)") },
            { AppendAfterStatementTests.income("R-\($0)", day: "2025-07-03", fen: 50_001, voucher: "FC-N\($0)") },
            { AppendAfterStatementTests.spending("S-\($0)") },
            { AppendAfterStatementTests.transfer("T-\($0)", from: "F-HY-MF", to: "F-HY-PI", day: "2025-07-02", fen: 50_000) },
        ]
        var refused = 0, accepted = 0
        for round in 0..<5 {
            // The first batch is new money (recorded); later ones may repeat it as a twin.
            let lines = round == 0 ? [choices[2](0)] : (0..<(1 + round % 3)).map { choices.randomElement(using: &rng)!(round * 10 + $0) }
            var outputs: [String] = []
            for cli in [scoped, whole] {
                let status = try fixture.append(cli, lines)
                if status == 0 { accepted += 1 } else { refused += 1 }
                outputs.append("\(status)\n\(cli.stdout)\n\(cli.stderr)")
            }
            #expect(outputs[0] == outputs[1], "seed \(seed) round \(round): \(lines)")
            #expect(try scoped.logBytes() == whole.logBytes(), "seed \(seed) round \(round)")
        }
        // Not vacuous: some batches refused, some recorded.
        #expect(refused > 0 && accepted > 0, "seed \(seed): \(refused) refused, \(accepted) accepted")
    }
}
