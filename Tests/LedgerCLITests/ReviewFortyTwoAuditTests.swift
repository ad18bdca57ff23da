import Foundation
@testable import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Review 42a (an auditor's verifier written from the spec): an invalid slot of `acknowledged` beside a valid one was
/// passed over without a word, and failure messages set two shortened hashes against each other that read the same.
@Suite struct ReviewFortyTwoAuditTests {
    /// Two appends leave the later head in slot 1 (slot 0 took the first). Damaged there, the head is slot 0's and
    /// the log still verifies (the head is valid; status and exit unchanged), but `verify` now says which slot is
    /// invalid and what could not be checked — in English and Chinese; an intact file says nothing of it.
    @Test(arguments: ["en", "zh"]) func anInvalidSlotIsNoted(_ language: String) throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["append"], stdin: DerivedStateCommandTests.income) == 0)
        #expect(cli.run(["verify", "--lang", language]) == 0)
        #expect(!cli.stdout.contains("acknowledged"), "\(cli.stdout)")
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        #expect(AcknowledgedHead.invalidSlot(directory) == nil)
        try ReviewFortyIndexTests().flip(directory.acknowledgedPath, at: Int64(AcknowledgedHead.slotBytes) + 20)
        #expect(AcknowledgedHead.invalidSlot(directory) == 1)
        #expect(cli.run(["verify", "--lang", language]) == 0, "\(cli.stdout)\(cli.stderr)")
        let note = language == "zh" ? "注意：acknowledged 的第 1 个槽位无效（追加因崩溃中断，或文件受损）"
                                    : "note: slot 1 of acknowledged is invalid (an append cut short by a crash, or damage)"
        #expect(cli.stdout.contains(note) && cli.stdout.contains("verify --checkpoint"), "\(cli.stdout)")
        // The next append overwrites the invalid slot: nothing left to note.
        let third = #"{"id":"i3","type":"fund.income","occurred_on":"2024-03-09","data":{"fund_id":"F1","amount_fen":5000,"counterparty":"某快递公司","voucher":"V3","category":"advertising"}}"#
        #expect(cli.run(["append"], stdin: third + "\n") == 0, "\(cli.stderr)")
        #expect(AcknowledgedHead.invalidSlot(directory) == nil)
        #expect(cli.run(["verify"]) == 0 && !cli.stdout.contains("invalid"), "\(cli.stdout)")
    }

    /// A number with a point in `ledger.json` (a file the program writes) is refused without the event input's advice
    /// to write it as text, which would be refused in turn (review 42a #3).
    @Test func aFractionInLedgerJSONGetsNoMoneyAdvice() throws {
        let cli = CLIHarness()
        #expect(cli.run(["init"]) == 0)
        let path = cli.ledgerPath + "/ledger.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("\"version\":1}"))
        try text.replacingOccurrences(of: "\"version\":1}", with: "\"version\":1.0}").write(toFile: path, atomically: false, encoding: .utf8)
        #expect(cli.run(["verify"]) != 0)
        let said = cli.stdout + cli.stderr
        #expect(said.contains("1.0 is a number with a decimal point or exponent, and this file holds whole numbers only"), "\(said)")
        #expect(!said.contains("as text"), "\(said)")
    }

    /// Hashes that agree in their first 12 hex digits are printed whole, both of them; others shortened as before.
    @Test func hashesThatShortenAlikeArePrintedWhole() {
        let a = String(repeating: "ab", count: 32), b = String(repeating: "ab", count: 31) + "cd"
        #expect(SystemWords.twoHashes(a, b) == (a, b))
        let c = "0" + String(a.dropFirst())
        #expect(SystemWords.twoHashes(a, c) == (String(a.prefix(12)) + "…", String(c.prefix(12)) + "…"))
        let found = Digest32(hex: a)!, acknowledged = Digest32(hex: b)!
        let said = SystemWords.acknowledgedReplaced(seq: 3, found: found, acknowledged: acknowledged)
        #expect(said.en.contains("has hash \(a) but the writer acknowledged it with hash \(b) ("), "\(said.en)")
        #expect(said.zh.contains("的哈希是 \(a)，但写入者确认它时的哈希是 \(b)（"), "\(said.zh)")
    }
}

/// Review 42b #5: the default date of every report was today's UTC date, so between 00:00 and 08:00 in Beijing a fact
/// dated today (accepted: not after tomorrow) was left out of `balances`, `contracts` and `rectify` without a word.
/// The default is now today in Beijing, where the records are kept.
@Suite struct ReviewFortyTwoTodayTests {
    @Test func aFactDatedTodayInBeijingIsInTodaysReport() throws {
        let cli = CLIHarness()
        cli.clock = Timestamp(rfc3339: "2026-01-05T17:50:00Z")!  // 01:50 on 6 January in Beijing
        #expect(cli.run(["init"]) == 0)
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        let rent = #"{"id":"r1","type":"fund.income","occurred_on":"2026-01-06","data":{"fund_id":"F1","amount_fen":30000,"counterparty":"某广告公司","voucher":"R1","category":"advertising"}}"#
        #expect(cli.run(["append"], stdin: rent + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["balances", "--format", "csv"]) == 0)
        #expect(cli.stdout.contains("300.00"), "the 6th in Beijing: \(cli.stdout)")
        #expect(cli.run(["balances", "--format", "csv", "--as-of", "2026-01-05"]) == 0)
        #expect(!cli.stdout.contains("300.00"), "\(cli.stdout)")
        cli.clock = Timestamp(rfc3339: "2026-01-05T15:59:59Z")!  // 23:59:59 on the 5th in Beijing
        #expect(cli.run(["balances", "--format", "csv"]) == 0)
        #expect(!cli.stdout.contains("300.00"), "still the 5th in Beijing: \(cli.stdout)")
    }
}
