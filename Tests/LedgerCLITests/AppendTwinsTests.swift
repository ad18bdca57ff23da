import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Session 39: `ledger append` holds its batch's incomes, spendings and transfers to the twin rule of `ledger import`
/// (`ImportTwins`, review 38f): a payment repeating a recorded one (or an earlier one of the batch) in every field but
/// its voucher is refused naming the record or line, the ledger unchanged, unless `--allow-twins`; and the domain
/// checks' wordings of reviews 38f #4 (a registration the batch's own correction voids) and 38g (a list issued at a
/// record inside a batch).
@Suite struct AppendTwinsTests {
    /// The recorded payment every case is compared with: R-0, an income of ¥100.00 to F-HY-PI on 2025-12-10.
    static func income(_ id: String, voucher: String, day: String = "2025-12-10", fen: Int64 = 10_000, fund: String = "F-HY-PI",
                       payer: String = "王明", category: String = "other") -> String {
        #"{"id":"\#(id)","type":"fund.income","occurred_on":"\#(day)","data":{"fund_id":"\#(fund)","amount_fen":\#(fen),"counterparty":"\#(payer)","voucher":"\#(voucher)","category":"\#(category)"}}"#
    }

    static func spending(_ id: String, voucher: String, purpose: String = "业委会办公用品") -> String {
        #"{"id":"\#(id)","type":"fund.spending","occurred_on":"2025-12-11","data":{"fund_id":"F-HY-PI","amount_fen":35000,"counterparty":"海韵小区业委会","voucher":"\#(voucher)","purpose":"\#(purpose)","purpose_category":"governance"}}"#
    }

    static func transfer(_ id: String, voucher: String, from: String = "F-HY-PI", to: String = "F-HY-MF") -> String {
        #"{"id":"\#(id)","type":"fund.transfer","occurred_on":"2025-12-12","data":{"from_fund_id":"\#(from)","to_fund_id":"\#(to)","amount_fen":20000,"voucher":"\#(voucher)"}}"#
    }

    static func correction(_ id: String, of target: String, replacement: String? = nil) -> String {
        #"{"id":"\#(id)","type":"correction","occurred_on":"2025-12-20","data":{"corrects":"\#(target)","reason":"改正"\#(replacement.map { ",\"replacement\":" + $0 } ?? "")}}"#
    }

    /// A correction's replacement: the income of `income(…)` without its id.
    static func replacement(voucher: String, fen: Int64 = 10_000) -> String {
        #"{"type":"fund.income","occurred_on":"2025-12-10","data":{"fund_id":"F-HY-PI","amount_fen":\#(fen),"counterparty":"王明","voucher":"\#(voucher)","category":"other"}}"#
    }

    /// The demo ledger with R-0 (voucher `sj-001`), S-0 (`BG-1`) and T-0 (`ZZ-1`) appended.
    func ledger() throws -> CLIHarness {
        let cli = CLIHarness()
        cli.environment["LEDGER_ACTOR"] = "街道办-王芳"
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        #expect(try append(cli, [Self.income("R-0", voucher: "sj-001"), Self.spending("S-0", voucher: "BG-1"),
                                 Self.transfer("T-0", voucher: "ZZ-1")]) == 0, "\(cli.stdout)\(cli.stderr)")
        return cli
    }

    func append(_ cli: CLIHarness, _ lines: [String], _ extra: [String] = []) throws -> Int32 {
        try PosixFile.writeAtomically(Array((lines.joined(separator: "\n") + "\n").utf8), to: cli.temp.path + "/in.jsonl")
        return cli.run(["append", "--file", "in.jsonl"] + extra)
    }

    /// The seq of the record with event id `id`.
    func seq(_ cli: CLIHarness, _ id: String) throws -> Int {
        let lines = String(decoding: try cli.logBytes(), as: UTF8.self).split(separator: "\n")
        return try #require(lines.firstIndex { $0.contains("\"id\":\"\(id)\"") }) + 1
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let lines: [String]
        var options: [String] = []
        /// Substrings of the refusal; empty: the batch is appended.
        var refused: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        // A twin of a recorded payment, its voucher written otherwise (case and an em dash: two vouchers to VoucherKey).
        Case(name: "income twin of a record", lines: [income("R-1", voucher: "SJ—001")], refused: [
            "in.jsonl:1: event R-1 (fund.income): field \"data.voucher\": \"SJ—001\" is the voucher of a payment the ledger already holds under another voucher (record #",
            " R-0, voucher \"sj-001\": income of ¥100.00 to F-HY-PI on 2025-12-10 from \"王明\", category other): every field but the voucher is "
                + "the same, so it is most likely that payment again, its voucher corrected or written otherwise, and its money would be counted twice. "
                + "If it is the same payment, leave this event out of the batch; to change the recorded voucher, append a correction event of R-0 "
                + "whose replacement carries the right one. If it is another payment with the same fields, append the batch again with --allow-twins.",
        ]),
        Case(name: "spending twin of a record", lines: [spending("S-1", voucher: "bg-1")],
             refused: ["event S-1 (fund.spending): field \"data.voucher\": \"bg-1\" is the voucher of a payment the ledger already holds", "spending of ¥350.00 from F-HY-PI"]),
        Case(name: "transfer twin of a record", lines: [transfer("T-1", voucher: "ZZ—1")],
             refused: ["event T-1 (fund.transfer): field \"data.voucher\"", "transfer of ¥200.00 from F-HY-PI to F-HY-MF on 2025-12-12"]),
        // Twins within the batch: the later one is refused naming the earlier line.
        Case(name: "twin within the batch", lines: [income("N-1", voucher: "A-1", day: "2025-12-11"), income("N-2", voucher: "a-1", day: "2025-12-11")],
             refused: ["in.jsonl:2: event N-2 (fund.income): field \"data.voucher\": \"a-1\" is the voucher of a payment that line 1 of this batch already gives under another voucher (\"A-1\": "
                       + "income of ¥100.00 to F-HY-PI on 2025-12-11 from \"王明\", category other)",
                       "If the two events are one payment, keep one of them. If they are two payments with the same fields, append the batch again with --allow-twins."]),
        // Review 39g: the category written as its word (其他, as `append` keeps it) is R-0's code `other`.
        Case(name: "twin with the category as its Chinese word", lines: [income("R-1", voucher: "SJ—001", category: "其他")],
             refused: ["event R-1 (fund.income): field \"data.voucher\": \"SJ—001\" is the voucher of a payment the ledger already holds under another voucher"]),
        // Each differs from R-0 in a field that makes two payments: appended.
        Case(name: "another amount", lines: [income("R-2", voucher: "SJ—001", fen: 10_001)]),
        Case(name: "another day", lines: [income("R-2", voucher: "SJ—001", day: "2025-12-09")]),
        Case(name: "another fund", lines: [income("R-2", voucher: "SJ—001", fund: "F-HY-MF")]),
        Case(name: "another payer", lines: [income("R-2", voucher: "SJ—001", payer: "王五")]),
        Case(name: "another category", lines: [income("R-2", voucher: "SJ—001", category: "parking")]),
        Case(name: "another purpose", lines: [spending("S-2", voucher: "bg-1", purpose: "门禁维修")]),
        Case(name: "the other direction", lines: [transfer("T-2", voucher: "ZZ—1", from: "F-HY-MF", to: "F-HY-PI")]),
        // Said to be another payment.
        Case(name: "--allow-twins", lines: [income("R-1", voucher: "SJ—001"), income("R-3", voucher: "SJ-001")], options: ["--allow-twins"]),
        // The recorded payment voided, or its voucher corrected, in the batch: no twin for the lines after it.
        Case(name: "voided then recorded again", lines: [correction("V-1", of: "R-0"), income("R-1", voucher: "SJ—001")]),
        // Review 39g: the same two lines the other way round (the record voided by a later line of the batch).
        Case(name: "recorded again, then the old one voided", lines: [income("R-1", voucher: "SJ—001"), correction("V-1", of: "R-0")]),
        Case(name: "voucher corrected", lines: [correction("V-1", of: "R-0", replacement: replacement(voucher: "SJ-001"))]),
        // A correction's replacement is checked as the payment it records: a twin of another record.
        Case(name: "replacement twin of a record", lines: [income("R-5", voucher: "K-5", fen: 555), correction("V-5", of: "R-5", replacement: replacement(voucher: "K-5"))],
             refused: ["in.jsonl:2: event V-5 (correction): field \"data.replacement.data.voucher\": \"K-5\" is the voucher of a payment the ledger already holds under another voucher (record #"]),
    ]

    @Test(arguments: cases)
    func appendHoldsPaymentsToTheImportsTwinRule(_ c: Case) throws {
        let cli = try ledger()
        let before = try cli.logBytes()
        let status = try append(cli, c.lines, c.options)
        if c.refused.isEmpty {
            #expect(status == 0, "\(cli.stdout)\(cli.stderr)")
            #expect(try cli.logBytes() != before)
        } else {
            #expect(status == 2, "\(cli.stdout)\(cli.stderr)")
            for part in c.refused { #expect(cli.stderr.contains(part), "\(part)\n\(cli.stderr)") }
            #expect(try cli.logBytes() == before)
        }
    }

    /// A recorded payment corrected to another amount: its old content is no payment in effect, so no twin (as the
    /// import reads the facts in effect); the replacement's content is.
    @Test func aCorrectedRecordIsComparedAsCorrected() throws {
        let cli = try ledger()
        #expect(try append(cli, [Self.correction("V-1", of: "R-0", replacement: Self.replacement(voucher: "sj-001", fen: 20_000))]) == 0,
                "\(cli.stderr)")
        #expect(try append(cli, [Self.income("R-1", voucher: "SJ—001")]) == 0, "\(cli.stderr)")
        let before = try cli.logBytes()
        #expect(try append(cli, [Self.income("R-2", voucher: "SJ—001", fen: 20_000)]) == 2)
        #expect(cli.stderr.contains("V-1, voucher \"sj-001\": income of ¥200.00") && cli.stderr.contains("append a correction event of R-0 "), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    /// The refusal alike from the stored index, after `rm -rf index/` and from the whole log; the ledger's bytes
    /// unchanged; in Chinese as an official writes it.
    /// Review 39: the second of two payments recorded with --allow-twins, its voucher corrected (nothing else), was
    /// refused as a twin of the first, naming the first as the record to correct. It is the payment it was; a
    /// correction that makes it a twin of the first in a field it did not share is still refused.
    @Test func correctingTheVoucherOfAnAllowedTwinNeedsNoFlag() throws {
        let cli = try ledger()
        #expect(try append(cli, [Self.income("R-2", voucher: "sj-002")], ["--allow-twins"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let before = try cli.logBytes()
        #expect(try append(cli, [Self.correction("C-2", of: "R-2", replacement: Self.replacement(voucher: "sj-002a"))]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try cli.logBytes().count > before.count)
        // Void of the twin and a new one of another amount, then corrected to the first's amount: a new twin, refused.
        #expect(try append(cli, [Self.income("R-3", voucher: "sj-003", fen: 20_000)]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try append(cli, [Self.correction("C-3", of: "R-3", replacement: Self.replacement(voucher: "sj-003"))], ["--lang", "en"]) == 2,
                "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stderr.contains("is the voucher of a payment the ledger already holds under another voucher"), "\(cli.stderr)")
    }

    @Test func theRefusalIsOneAnswerAndLeavesTheLedgerUnchanged() throws {
        let cli = try ledger()
        let before = try cli.logBytes()
        var outputs: [String] = []
        for (scopes, cold) in [(nil, false), (nil, true), ("off", false)] as [(String?, Bool)] {
            cli.environment["LEDGER_SCOPES"] = scopes
            if cold { try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index") }
            #expect(try append(cli, [Self.income("R-1", voucher: "SJ—001")]) == 2, "\(cli.stdout)\(cli.stderr)")
            outputs.append(cli.stderr)
            #expect(try cli.logBytes() == before)
        }
        cli.environment["LEDGER_SCOPES"] = nil
        #expect(Set(outputs).count == 1, "\(outputs)")
        #expect(try append(cli, [Self.income("R-1", voucher: "SJ—001")], ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("所记的款项，账本中已以另一凭证号记录（记录 #") && cli.stderr.contains("R-0，凭证号“sj-001”：2025-12-10 F-HY-PI 收入 100.00元，付款方“王明”")
                && cli.stderr.contains("多半是同一笔款项（凭证号改过，或写法不同），再记一次就重复记账了。如果是同一笔款项，请从这一批中删去该事件；")
                && cli.stderr.contains("请加 --allow-twins 重新追加这一批。"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // Said to be another payment: appended; the same input again is all duplicates (no flag needed).
        #expect(try append(cli, [Self.income("R-1", voucher: "SJ—001")], ["--allow-twins"]) == 0, "\(cli.stderr)")
        #expect(try append(cli, [Self.income("R-1", voucher: "SJ—001")]) == 0, "\(cli.stderr)")
    }

    /// Review 38f #4: a registration the batch's own correction voids, named by a later line, is told that line.
    @Test func aRegistrationVoidedByTheBatchNamesTheVoidingLine() throws {
        let cli = try ledger()
        let opening = #"{"id":"F-NEW-1","type":"fund.opened","occurred_on":"2025-07-01","data":{"fund_id":"F-NEW","community_id":"C-HY","kind":"other","account":"工行 1"}}"#
        #expect(try append(cli, [opening]) == 0, "\(cli.stderr)")
        let before = try cli.logBytes()
        let lines = [Self.correction("V-9", of: "F-NEW-1"), Self.income("R-9", voucher: "Z-9", fund: "F-NEW")]
        #expect(try append(cli, lines) == 2)
        #expect(cli.stderr.contains("fund \"F-NEW\" is no longer registered from line 1 of this batch on: that line's correction of event \"F-NEW-1\", "
                                    + "which registered it, does not register it again. If it is to stay, keep \"F-NEW\" in that correction's replacement; "
                                    + "if it is to go, leave this line out too"), "\(cli.stderr)")
        #expect(!cli.stderr.contains("record it first") && !cli.stderr.contains("record fund.opened for it first"), "\(cli.stderr)")
        #expect(try append(cli, lines, ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("“F-NEW”自这一批的第 1 行起不再登记：该行更正了登记它的事件“F-NEW-1”"), "\(cli.stderr)")
        // Registered and voided within the batch too.
        let inBatch = [opening.replacingOccurrences(of: "F-NEW", with: "F-NEW2"), Self.correction("V-8", of: "F-NEW2-1"),
                       Self.income("R-8", voucher: "Z-8", fund: "F-NEW2")]
        #expect(try append(cli, inBatch) == 2)
        #expect(cli.stderr.contains("in.jsonl:3:") && cli.stderr.contains("\"F-NEW2\" is no longer registered from line 2 of this batch on"), "\(cli.stderr)")
        // A line before the correction, or an unregistered id, keeps its own words.
        #expect(try append(cli, [Self.income("R-7", voucher: "Z-7", fund: "F-NONE")]) == 2)
        #expect(cli.stderr.contains("fund \"F-NONE\" is not registered; record fund.opened for it first"), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
    }

    /// Review 38f #5: a correction naming the event of a later line of its batch is told that line.
    @Test func aCorrectionOfALaterLineNamesThatLine() throws {
        let cli = try ledger()
        let before = try cli.logBytes()
        let lines = [Self.correction("V-3", of: "R-3"), Self.income("R-3", voucher: "Q-3", fen: 303)]
        #expect(try append(cli, lines) == 2)
        #expect(cli.stderr.contains("in.jsonl:1: event V-3 (correction): field \"data.corrects\": event \"R-3\" is on line 2 of this batch, after this "
                                    + "correction; a correction comes after the event it corrects: move it below that line"), "\(cli.stderr)")
        #expect(try append(cli, lines, ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("事件“R-3”在这一批的第 2 行，在本更正之后；更正须排在所更正的事件之后：请把它移到该行之后"), "\(cli.stderr)")
        // An id nothing holds keeps its own words.
        #expect(try append(cli, [Self.correction("V-4", of: "R-404")]) == 2)
        #expect(cli.stderr.contains("no earlier event has id \"R-404\""), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // In order: appended.
        #expect(try append(cli, lines.reversed()) == 0, "\(cli.stderr)")
    }

    static func issued(_ id: String, atSeq: Int) -> String {
        #"{"id":"\#(id)","type":"rectification.issued","occurred_on":"2025-12-20","data":{"as_of":"2025-12-20","at_seq":\#(atSeq),"community_id":"C-HY","items":[{"deadline":"2026-03-01","key":"OCC-01/A-HY-P01/x","responsible":"r"}],"list_id":"\#(id)","prepared_on":"2025-12-20","report_format":"html","report_lang":"zh","report_sha256":"\#(String(repeating: "a6", count: 32))"}}"#
    }

    /// Review 38g: a list issued at a record inside a batch (of the log, or of the batch itself) is refused naming
    /// the batch and the seqs a list can be made at; one at a batch's last record is appended.
    @Test func aListIssuedInsideABatchIsRefused() throws {
        let cli = try ledger()
        // R-0, S-0 and T-0 were one batch.
        let first = try seq(cli, "R-0"), last = try seq(cli, "T-0")
        #expect(last == first + 2)
        let before = try cli.logBytes()
        #expect(try append(cli, [Self.issued("L-1", atSeq: first + 1)]) == 2)
        #expect(cli.stderr.contains("in.jsonl:1: field \"data.at_seq\": \(first + 1) falls inside the batch of records \(first)–\(last), which was written "
                                    + "as a whole: the ledger never stood at record \(first + 1); a list is made at the last record of a batch, so that "
                                    + "`ledger rectify --at-seq` can make it again. Use \(first - 1) (before the batch) or \(last) (after it). The list's "
                                    + "items and report_sha256 were made at \(first + 1): make the list again at the seq chosen"), "\(cli.stderr)")
        #expect(try append(cli, [Self.issued("L-1", atSeq: first + 1)], ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("落在第 \(first)–\(last) 条记录的同一批次中") && cli.stderr.contains("请改用 \(first - 1)（该批次之前）或 \(last)（该批次之后）。"),
                "\(cli.stderr)")
        // Inside the batch being appended.
        #expect(try append(cli, [Self.income("R-6", voucher: "Q-6", fen: 606), Self.income("R-7", voucher: "Q-7", fen: 707),
                                 Self.issued("L-2", atSeq: last + 1)]) == 2)
        #expect(cli.stderr.contains("in.jsonl:3: field \"data.at_seq\": \(last + 1) falls inside this batch (records \(last + 1)–\(last + 3) once appended)")
                && cli.stderr.contains("Use \(last) (before the batch), or issue the list in a later append."), "\(cli.stderr)")
        #expect(try cli.logBytes() == before)
        // At the batch's last record: appended.
        #expect(try append(cli, [Self.issued("L-3", atSeq: last)]) == 0, "\(cli.stderr)")
    }
}
