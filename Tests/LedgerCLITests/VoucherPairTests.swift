import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Session 38: one answer to "are these two vouchers the same?" for `ledger import` and `ledger append`. Each pair
/// is put to both paths twice — two rows of one file or two events of one batch, and a recorded payment followed by
/// a row or an event — and the four answers must agree: a pair one path calls a duplicate and the other does not is
/// a payment recorded twice, or a good one refused. The rule (`VoucherKey`, ledger-spec.md 10.4 rule 11) folds only
/// what cannot tell two vouchers apart: width, invisible characters, white space at the ends, and leading zeros of a
/// voucher of digits. Case, spaces inside, dashes other than the full-width hyphen-minus, and `-` itself are kept.
///
/// Before session 38 (this test run against commit c597dbb), the answers `file/batch/recorded-import/recorded-append`:
/// - `00124`/`124` and `124`/`00124`: accepted/refused/refused/refused — two rows of one file were two payments, and
///   a row `00124` against a recorded `124` was told it was `124` "without its leading zeros";
/// - full-width (`０１２４`, `ＳＪ－１２４`, `A－12`), U+200B, U+FEFF, a trailing U+3000: refused by all four (the import
///   refuses the cell as full-width or invisible; the earlier event's voucher was not quoted by append);
/// - U+00AD SOFT HYPHEN, U+200E LEFT-TO-RIGHT MARK: refused/accepted/refused/accepted — append knew only U+200B–U+200D,
///   U+2060 and U+FEFF as invisible, the import refuses any invisible character in a voucher cell;
/// - case, spaces inside, `A-12`/`A12`/`A—12`/`A‐12`, `0`/`00`, `124`/`1240`, `SJ-0124`/`SJ-124`: accepted by all four.
@Suite struct VoucherPairTests {
    struct Pair: CustomTestStringConvertible, Sendable {
        let recorded: String
        let given: String
        /// Whether the two are one voucher.
        let same: Bool
        /// Whether the import refuses `given` as a cell whatever the other voucher (full-width or invisible
        /// characters: `Cell.textRefusal`), so that its message is the cell's.
        var cellRefused: Bool = false
        var testDescription: String { "\(DisplayText.visible(recorded)) / \(DisplayText.visible(given))" }
    }

    static let pairs: [Pair] = [
        Pair(recorded: "00124", given: "124", same: true),
        Pair(recorded: "124", given: "00124", same: true),
        Pair(recorded: "0124", given: "０１２４", same: true, cellRefused: true),
        Pair(recorded: "00124", given: "０１２４", same: true, cellRefused: true),
        Pair(recorded: "SJ-124", given: "ＳＪ－１２４", same: true, cellRefused: true),
        Pair(recorded: "A-12", given: "A－12", same: true, cellRefused: true),
        Pair(recorded: "SJ-124", given: "SJ-124\u{3000}", same: true),
        Pair(recorded: "SJ-124", given: "SJ-\u{200B}124", same: true, cellRefused: true),
        Pair(recorded: "SJ-124", given: "\u{FEFF}SJ-124\u{200B}", same: true, cellRefused: true),
        Pair(recorded: "SJ-124", given: "SJ-\u{00AD}124", same: true, cellRefused: true),
        Pair(recorded: "SJ-124", given: "SJ-124\u{200E}", same: true, cellRefused: true),
        Pair(recorded: "SJ 124", given: "SJ124", same: false),
        Pair(recorded: "SJ 124", given: "SJ  124", same: false),
        Pair(recorded: "NO.124", given: "No.124", same: false),
        Pair(recorded: "sj-124", given: "SJ-124", same: false),
        Pair(recorded: "A-12", given: "A12", same: false),
        Pair(recorded: "A-12", given: "A—12", same: false),
        Pair(recorded: "A-12", given: "A\u{2010}12", same: false),
        Pair(recorded: "0", given: "00", same: false),
        Pair(recorded: "124", given: "1240", same: false),
        Pair(recorded: "SJ-0124", given: "SJ-124", same: false),
    ]

    static func json(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value >= 0x7F { out += String(format: "\\u%04X", scalar.value) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    static func income(_ id: String, fund: String, day: String, fen: Int64, voucher: String) -> String {
        #"{"id":"\#(id)","type":"fund.income","occurred_on":"\#(day)","data":{"fund_id":"\#(fund)","amount_fen":\#(fen),"counterparty":"某停车管理有限公司","voucher":"\#(json(voucher))","category":"parking"}}"#
    }

    static func csv(_ rows: [(fund: String, day: String, yuan: String, voucher: String)]) -> String {
        "日期,账户编号,金额,付款方,凭证号,类别\n" + rows.map { "\($0.day),\($0.fund),\($0.yuan),某停车管理有限公司,\($0.voucher),停车费\n" }.joined()
    }

    func write(_ cli: CLIHarness, _ name: String, _ text: String) throws {
        try PosixFile.writeAtomically(Array(text.utf8), to: cli.temp.path + "/" + name)
    }

    func append(_ cli: CLIHarness, _ lines: [String]) throws -> Int32 {
        try write(cli, "in.jsonl", lines.joined(separator: "\n") + "\n")
        return cli.run(["append", "--file", "in.jsonl", "--allow-same-day-amount"])
    }

    @Test(arguments: pairs)
    func importAndAppendRefuseTheSamePairs(_ p: Pair) throws {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        // Two rows of one file, two events of one batch (fund F-HY-MF, untouched by the rest).
        try write(cli, "pair.csv", Self.csv([("F-HY-MF", "2025-12-01", "10.01", p.recorded), ("F-HY-MF", "2025-12-02", "10.02", p.given)]))
        let fileStatus = cli.run(["import", "income", "pair.csv", "--dry-run", "--allow-same-day-amount"])
        let fileOut = cli.stdout + cli.stderr
        let before = try cli.logBytes()
        let batchStatus = try append(cli, [Self.income("b1", fund: "F-HY-MF", day: "2025-12-01", fen: 1001, voucher: p.recorded),
                                           Self.income("b2", fund: "F-HY-MF", day: "2025-12-02", fen: 1002, voucher: p.given)])
        let batchOut = cli.stderr
        if batchStatus != 0 { #expect(try cli.logBytes() == before, "a refused batch leaves the log as it was") }
        // A recorded payment (fund F-HY-PI), then a row and an event giving the other voucher.
        #expect(try append(cli, [Self.income("r1", fund: "F-HY-PI", day: "2025-12-01", fen: 2001, voucher: p.recorded)]) == 0, "\(cli.stderr)")
        try write(cli, "row.csv", Self.csv([("F-HY-PI", "2025-12-03", "20.03", p.given)]))
        let importStatus = cli.run(["import", "income", "row.csv", "--dry-run", "--allow-same-day-amount"])
        let importOut = cli.stdout + cli.stderr
        let recordedBefore = try cli.logBytes()
        let appendStatus = try append(cli, [Self.income("g1", fund: "F-HY-PI", day: "2025-12-03", fen: 2003, voucher: p.given)])
        let appendOut = cli.stderr
        if appendStatus != 0 { #expect(try cli.logBytes() == recordedBefore) }

        func answer(_ status: Int32) -> String { status == 0 ? "accepted" : status == 2 ? "refused" : "exit \(status)" }
        let answers = [fileStatus, batchStatus, importStatus, appendStatus].map(answer)
        let expected = Array(repeating: p.same ? "refused" : "accepted", count: 4)
        #expect(answers == expected, "file/batch/recorded-import/recorded-append:\n\(fileOut)\n\(batchOut)\n\(importOut)\n\(appendOut)")
        guard p.same else { return }

        // Each message names where (row, line), the field, both vouchers as written, and the earlier one.
        let recordedShown = DisplayText.visible(p.recorded), givenShown = DisplayText.visible(p.given)
        #expect(batchOut.contains("in.jsonl:2") && batchOut.contains("data.voucher") && batchOut.contains(givenShown)
                && batchOut.contains("is given by line 1 of this batch too"), "\(batchOut)")
        #expect(appendOut.contains("in.jsonl:1") && appendOut.contains("data.voucher") && appendOut.contains(givenShown)
                && appendOut.contains("is recorded already (record #") && appendOut.contains(" r1"), "\(appendOut)")
        if p.recorded != p.given.trimmingCharacters(in: .whitespaces) {
            #expect(batchOut.contains("\"\(recordedShown)\""), "the earlier event's voucher as written: \(batchOut)")
            #expect(appendOut.contains("\"\(recordedShown)\""), "the recorded voucher as written: \(appendOut)")
        }
        if p.cellRefused { return }
        #expect(fileOut.contains("pair.csv: row 3, column E \"凭证号\"") && fileOut.contains("row 2"), "\(fileOut)")
        #expect(fileOut.contains("pair.csv: row 2, column E \"凭证号\""), "the first row is told the other: \(fileOut)")
        #expect(importOut.contains("row.csv: row 2, column E \"凭证号\"") && importOut.contains("record #") && importOut.contains(recordedShown),
                "\(importOut)")
        // In Chinese too, the other row's voucher quoted as written (a cell is trimmed: `SJ-124` + U+3000 is `SJ-124`).
        if p.recorded != p.given.trimmingCharacters(in: .whitespaces) {
            #expect(cli.run(["import", "income", "pair.csv", "--dry-run", "--allow-same-day-amount", "--lang", "zh"]) == 2)
            #expect(cli.stdout.contains("pair.csv 第 3 行，E 列“凭证号”：“\(givenShown)”在同一资金账户下重复出现；第 2 行已有（该行写作“\(recordedShown)”）"),
                    "\(cli.stdout)")
        }
    }
}
