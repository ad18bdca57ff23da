import Foundation
import LedgerChain
@testable import LedgerCLI
import LedgerEvents
@testable import LedgerImport
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Session 30 review through the command line: control characters and line breaks in cells (items 1, 2), values
/// and records too long for the log said by the plan and its dry run, for every row (item 3), and a refused import
/// leaving `private/` as it was (item 4). Each test failed before the fix (the reviewer's files, /tmp/rev30/f).
@Suite struct ImportCellRulesCommandTests {
    func demo() -> CLIHarness { StatementImportCommandTests().demo() }
    func logBytes(_ cli: CLIHarness) throws -> [UInt8] { try StatementImportCommandTests().logBytes(cli) }
    func write(_ cli: CLIHarness, _ name: String, _ bytes: [UInt8]) throws {
        try PosixFile.writeAtomically(bytes, to: cli.temp.path + "/" + name)
    }

    /// The line of the report about a row and column (`row 3, column D`), or "".
    func line(_ out: String, row: Int, column: String) -> String {
        out.split(separator: "\n").first { $0.contains("row \(row), column \(column) ") }.map(String.init) ?? ""
    }

    /// Every file of the ledger directory (but the lock) with its bytes: what a refused import must leave as it was.
    func snapshot(_ path: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let manager = FileManager.default
        guard let walk = manager.enumerator(atPath: path) else { return out }
        for case let name as String in walk where name != "lock" {
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory)
            out[name] = isDirectory.boolValue ? [] : try PosixFile(path: path + "/" + name, mode: .read).readAll()
        }
        return out
    }

    struct ControlCase: Sendable {
        let column: String
        let scalar: UInt32
    }

    /// Item 1 (ctl.csv): a control character in any text cell of a spending row — counterparty, voucher, purpose — is
    /// refused at its row and column, naming the character; `ABC` + DEL is not a second counterparty.
    @Test(arguments: [
        ControlCase(column: "D", scalar: 0x01), ControlCase(column: "F", scalar: 0x1B), ControlCase(column: "E", scalar: 0x00),
        ControlCase(column: "D", scalar: 0x7F), ControlCase(column: "F", scalar: 0x85), ControlCase(column: "D", scalar: 0x9F),
        ControlCase(column: "E", scalar: 0x7F), ControlCase(column: "G", scalar: 0x01),
    ])
    func aControlCharacterInASpendingCellIsRefused(_ c: ControlCase) throws {
        let cli = demo()
        let before = try logBytes(cli)
        var cells = ["2025-07-01", "F-HY-PI", "10", "ABC", "FP-C1", "fix", "维修"]
        let index = Int(c.column.unicodeScalars.first!.value - 0x41)
        cells[index] += String(Character(Unicode.Scalar(c.scalar)!)) + "x"
        let text = "日期,账户编号,金额,收款方,凭证号,用途,支出类别\n" + cells.map { "\"\($0)\"" }.joined(separator: ",")
            + "\n2025-07-02,F-HY-PI,10,ABC,FP-C2,fix,维修\n"
        try write(cli, "支出.csv", Array(text.utf8))
        #expect(cli.run(["import", "spending", "支出.csv"]) == 2, "\(cli.stdout)")
        let point = DisplayText.codePoint(Unicode.Scalar(c.scalar)!)
        let found = line(cli.stdout, row: 2, column: c.column)
        let lineBreak = c.scalar == 0x85 && c.column != "F"
        #expect(found.contains((lineBreak ? "line break " : "control character ") + point), "\(cli.stdout)")
        #expect(cli.stdout.contains("1 bad row"), "\(cli.stdout)")
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["import", "spending", "支出.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("控制字符 \(point)"), "\(cli.stdout)")
    }

    /// Item 1: a purpose may be a note over several lines, with tabs (Alt+Enter in Excel): still imported.
    @Test func aPurposeOverSeveralLinesWithATabIsImported() throws {
        let cli = demo()
        try write(cli, "支出.csv", Array("日期,账户编号,金额,收款方,凭证号,用途,支出类别\n2025-07-01,F-HY-PI,10,某店,FP-M1,\"修理\n\t更换门锁\",维修\n".utf8))
        #expect(cli.run(["import", "spending", "支出.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }

    /// Item 1 (actl.csv): control characters in an asset's name, location and other columns are refused; a name
    /// broken over lines keeps its own message (`splitInName`).
    @Test func controlCharactersInAnAssetRegisterAreRefused() throws {
        let cli = demo()
        let before = try logBytes(cli)
        let text = "编号,小区,类型,名称,位置,面积,登记日期,备注,朝向\n"
            + "A-HY-C1,C-HY,车位,车位\u{01}一,北,1,2024-03-01,,\n"
            + "A-HY-C2,C-HY,车位,车位二,北\u{7F},1,2024-03-01,,\n"
            + "A-HY-C3,C-HY,车位,车位三,北,1,2024-03-01,见\u{1B}附件,\n"
            + "A-HY-C4,C-HY,车位,车位四,北,1,2024-03-01,,南\u{85}\n"
            + "A-HY-C5,C-HY,车位,\"车位\n五\",北,1,2024-03-01,,\n"
            + "A-HY-C6,C-HY,车位,车位六,\"北\n侧\",1,2024-03-01,,\n"
        try write(cli, "资产.csv", Array(text.utf8))
        #expect(cli.run(["import", "assets", "资产.csv"]) == 2)
        let out = cli.stdout
        #expect(line(out, row: 2, column: "D").contains("control character <U+0001>"), "\(out)")
        #expect(line(out, row: 3, column: "E").contains("control character <U+007F>"), "\(out)")
        #expect(line(out, row: 4, column: "H").contains("control character <U+001B>"), "\(out)")
        #expect(line(out, row: 5, column: "I").contains("control character <U+0085>"), "\(out)")
        #expect(line(out, row: 6, column: "D").contains("contains a line break <U+000A> inside the cell: a name is one line"), "\(out)")
        #expect(!out.contains("row 7,"), "a location over two lines is text: \(out)")
        #expect(out.contains("5 rejected"), "\(out)")
        #expect(try logBytes(cli) == before)
    }

    /// Item 2 (quote2.csv): an unbalanced quote took the next rows into a counterparty; refused at the row where the
    /// quoted cell began, saying a quote may be unbalanced, instead of the 200 and 300 payments vanishing.
    @Test func anUnbalancedQuoteThatSwallowsRowsIsRefused() throws {
        let cli = demo()
        let before = try logBytes(cli)
        let text = "日期,账户编号,金额,付款方,凭证号,类别\n"
            + "2025-05-06,F-HY-PI,100,某公司乙,M2,停车费\n"
            + "2025-05-07,F-HY-PI,100,\"某公司丙,M3,停车费\n"
            + "2025-05-08,F-HY-PI,200,某公司丁,M4,停车费\n"
            + "2025-05-09,F-HY-PI,300,某公司戊\",M5,停车费\n"
        try write(cli, "收入.csv", Array(text.utf8))
        #expect(cli.run(["import", "income", "收入.csv"]) == 2, "\(cli.stdout)")
        let found = line(cli.stdout, row: 3, column: "D")
        #expect(found.contains("contains a line break <U+000A>") && found.contains("a quote may be unbalanced"), "\(cli.stdout)")
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["import", "income", "收入.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("第 3 行，D 列“付款方”") && cli.stdout.contains("引号（\"）不成对"), "\(cli.stdout)")
    }

    /// Bytes of text in GB18030 (the ideographs the tests use; ASCII as it is).
    static func gb(_ text: String) -> [UInt8] {
        let table: [Character: [UInt8]] = ["修": [0xD0, 0xDE], "维": [0xCE, 0xAC], "张": [0xD5, 0xC5], "三": [0xC8, 0xFD]]
        return text.flatMap { table[$0] ?? Array(String($0).utf8) }
    }

    /// Item 3 (long1.csv): a GB18030 cell of 44,000 bytes is 66,000 bytes of UTF-8, and a cell of 40,000 quotes is
    /// 80,000 bytes as a record writes it: each refused by the plan — so by the dry run — at its row and column, for
    /// every row, instead of the append failing after the check naming no file, row or column.
    @Test func tooLongCellsAreRefusedByTheDryRunForEveryRow() throws {
        let cli = demo()
        let before = try logBytes(cli)
        let quotes = "\"" + String(repeating: "\"\"", count: 40_000) + "\""
        var bytes = Array("date,fund_id,amount,payee,voucher,purpose,category\r\n".utf8)
        bytes += Self.gb("2025-07-01,F-HY-PI,10,某店,FP-L1,") + Self.gb(String(repeating: "修", count: 22_000)) + Self.gb(",维修\r\n")
        bytes += Self.gb("2025-07-02,F-HY-PI,10,某店,FP-L2,修,维修\r\n")
        bytes += Self.gb("2025-07-03,F-HY-PI,10,") + Array(quotes.utf8) + Self.gb(",FP-L3,修,维修\r\n")
        try write(cli, "long.csv", bytes)
        #expect(cli.run(["import", "spending", "long.csv", "--encoding", "gb18030", "--dry-run"]) == 2, "\(cli.stdout)")
        let out = cli.stdout
        #expect(line(out, row: 2, column: "F").contains("is too long: 66000 bytes as stored in the ledger, more than 65536"), "\(out)")
        #expect(line(out, row: 4, column: "D").contains("is too long: 80000 bytes"), "\(out)")
        #expect(out.contains("2 bad rows"), "\(out)")
        #expect(cli.run(["import", "spending", "long.csv", "--encoding", "gb18030"]) == 2)
        #expect(try logBytes(cli) == before)
    }

    /// Item 3: 18 attribute columns of 60,000 bytes each make an `asset.registered` record of over 1 MiB; the dry run
    /// refuses every such row (not the first only), and the other rows are not blamed.
    @Test func assetRowsWhoseRecordWouldBeTooLongAreRefusedByTheDryRun() throws {
        let cli = demo()
        let before = try logBytes(cli)
        let extra = (1...18).map { "属性\($0)" }
        let long = Array(repeating: String(repeating: "x", count: 60_000), count: 18).joined(separator: ",")
        let short = Array(repeating: "y", count: 18).joined(separator: ",")
        let text = "编号,小区,类型,名称,位置,面积,登记日期," + extra.joined(separator: ",") + "\n"
            + "A-HY-L1,C-HY,车位,车位一,北,1,2024-03-01," + long + "\n"
            + "A-HY-L2,C-HY,车位,车位二,北,1,2024-03-01," + short + "\n"
            + "A-HY-L3,C-HY,车位,车位三,北,1,2024-03-01," + long + "\n"
        try write(cli, "资产.csv", Array(text.utf8))
        #expect(cli.run(["import", "assets", "资产.csv", "--dry-run"]) == 2, "\(cli.stdout)")
        let out = cli.stdout
        let rows = out.split(separator: "\n").filter { $0.contains("makes a record of at least") }
        #expect(rows.count == 2 && rows[0].contains("row 2,") && rows[1].contains("row 4,"), "\(out)")
        #expect(!out.contains("row 3,"), "\(out)")
        #expect(cli.run(["import", "assets", "资产.csv"]) == 2)
        #expect(try logBytes(cli) == before)
        #expect(cli.run(["import", "assets", "资产.csv", "--dry-run", "--lang", "zh"]) == 2)
        #expect(cli.stdout.contains("超过账本一条记录允许的 1048576 字节"), "\(cli.stdout)")
    }

    /// Item 4: with --private counterparty, an import refused for a too-long cell leaves the ledger directory —
    /// `private/` included — exactly as it was (the person's name was stored before the append failed).
    @Test func aRefusedImportWithPrivateDataLeavesTheLedgerAsItWas() throws {
        let cli = demo()
        let before = try snapshot(cli.ledgerPath)
        var bytes = Array("date,fund_id,amount,payee,voucher,purpose,category\r\n".utf8)
        bytes += Self.gb("2025-07-01,F-HY-PI,10,张三,FP-P1,") + Self.gb(String(repeating: "修", count: 22_000)) + Self.gb(",维修\r\n")
        try write(cli, "long.csv", bytes)
        #expect(cli.run(["import", "spending", "long.csv", "--encoding", "gb18030", "--private", "counterparty"]) == 2, "\(cli.stdout)")
        #expect(try snapshot(cli.ledgerPath) == before)
    }

    /// Item 4: a batch the writer refuses after the personal data was stored (an event id the log holds for another
    /// event) takes that data out of `private/` again: the ledger directory is as it was.
    @Test func aBatchTheWriterRefusesTakesItsPersonalDataBack() throws {
        let cli = demo()
        let file = Array("日期,账户编号,金额,付款方,凭证号,类别\n2025-05-05,F-HY-PI,100,李四,SJ-W-01,停车费\n".utf8)
        try write(cli, "收入.csv", file)
        let id = "imp-" + String(SHA256.digest(file).description.prefix(16)) + "-r2"
        let line = #"{"id":"\#(id)","type":"fund.income","occurred_on":"2025-05-05","data":{"amount_fen":1,"category":"parking","counterparty":"某公司","fund_id":"F-HY-PI","voucher":"SJ-W-99"}}"#
        #expect(cli.run(["append"], stdin: line + "\n") == 0, "\(cli.stderr)")
        let before = try snapshot(cli.ledgerPath)
        let status = cli.run(["import", "income", "收入.csv", "--private", "counterparty"])
        #expect(status != 0, "\(cli.stdout)")
        #expect(cli.stderr.contains(id), "the writer's refusal: \(cli.stderr)")
        #expect(try snapshot(cli.ledgerPath) == before, "\(cli.stderr)")
    }

    /// Which failures leave a batch surely out of the log (its personal data then withdrawn): refusals; not a
    /// failure of the disk while the batch was written.
    @Test func onlyFailuresThatSurelyLeftTheBatchOutWithdrawPersonalData() {
        #expect(ImportCommand.batchSurelyNotAppended(.input(Message("refused"))))
        #expect(ImportCommand.batchSurelyNotAppended(.chain(.invalidBatch(Wording(same: "too long")))))
        #expect(ImportCommand.batchSurelyNotAppended(.chain(.sequenceConflict(expected: 1, actual: 2))))
        #expect(!ImportCommand.batchSurelyNotAppended(.chain(.file(FileError(path: "x", operation: "fsync", code: 5)))))
        #expect(!ImportCommand.batchSurelyNotAppended(.chain(.readBackMismatch(path: "x", byteOffset: 0))))
    }

    /// `RecordSize` against the writer's own encoder: seeded events with quotes, backslashes, controls and
    /// ideographs in their strings; the count is the record's length but for the seqs, counted at 19 digits.
    @Test func recordSizeCountsWhatTheWriterWrites() {
        var random = SplitMix64(seed: 3030)
        let pieces = ["a", "\"", "\\", "\u{01}", "号", "\n", "é", "\u{7F}", " ", "𠀀"]
        func text(_ count: Int) -> String { (0..<count).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined() }
        for _ in 0..<200 {
            let payload = FundIncome(fundID: "F-" + text(3), amount: Amount(fen: Int64(random.next() % 1_000_000) + 1),
                                     counterparty: .plain(text(Int(random.next() % 50))), voucher: text(Int(random.next() % 20)),
                                     category: "parking")
            let event = Event(id: nil, occurredOn: CalendarDate(year: 2025, month: 5, day: 5)!, actor: nil, payload: .domain(.fundIncome(payload)))
            let id = "imp-" + text(8), actor = text(Int(random.next() % 30) + 1)
            let seq = Int64(random.next() % 10_000_000_000) + 1, first = max(1, seq - Int64(random.next() % 100))
            let (line, _) = RecordCodec.encode(event: event, id: id, actor: actor, seq: seq, prev: SHA256.digest("p"), batchFirst: first,
                                               batchLast: seq, recordedAt: Timestamp(rfc3339: "2026-01-05T02:03:04Z")!, hasher: SHA256())
            let digits = [seq, first, seq].map { String($0).count }.reduce(0, +)
            let counted = RecordSize.lineBytesMax(id: id, type: event.payload.type, dataBytes: event.payload.dataBytes.count, actor: actor)
            #expect(counted - (3 * RecordSize.seqDigitsMax - digits) == line.count, "\(DisplayText.visible(id)) \(DisplayText.visible(actor))")
        }
    }
}
