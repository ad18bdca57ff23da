import LedgerEvents
@testable import LedgerImport
import LedgerPlatform
import LedgerProjections
import LedgerTestSupport
import Testing

/// Session 49 (apos49): Excel's text marker (`'00123`, typed to keep leading zeros) saved into a CSV cell. In an id
/// it made a second part beside a recorded `00123`, which neither twin rule saw; in an amount, area or date it was
/// refused without saying why. Every id a row introduces or cites, every voucher and every value cell that begins
/// with `'`, `＇`, `‘` or `’` is now refused naming the mark and the cell without it; an id the ledger holds with
/// one (recorded before the rule) still names what it named.
struct TextMarkerCellTests {
    // MARK: the rule (`Cell.textRefusal`)

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let role: Cell.TextRole
        /// What the advice says the cell reads as without the mark; nil when the cell is not refused for one.
        let without: String?
        var testDescription: String { "\(DisplayText.visible(text)) as \(role)" }
    }

    static let cases: [Case] = [
        Case(text: "'00123", role: .id, without: "00123"),
        Case(text: "＇00123", role: .id, without: "00123"),
        Case(text: "’00123", role: .id, without: "00123"),
        Case(text: "‘00123", role: .id, without: "00123"),
        Case(text: "''00123", role: .id, without: "00123"),
        Case(text: "'A-HY-P01", role: .id, without: "A-HY-P01"),
        Case(text: "' 00123", role: .id, without: "00123"),
        Case(text: "'", role: .id, without: ""),
        Case(text: "'SJ-2025-0505", role: .voucher, without: "SJ-2025-0505"),
        Case(text: "'622848001234567890", role: .voucher, without: "622848001234567890"),
        Case(text: "'12.5", role: .value, without: "12.5"),
        Case(text: "'2024-04-01", role: .value, without: "2024-04-01"),
        Case(text: "’1,800.00", role: .value, without: "1,800.00"),
        Case(text: "'车位", role: .value, without: "车位"),
        // A reference is the caller's (an id the ledger holds with a mark still names it); names and text keep it.
        Case(text: "'C-HY", role: .reference, without: nil),
        Case(text: "'某公司", role: .name, without: nil),
        Case(text: "’s 停车场", role: .text, without: nil),
        // Only at the start: an apostrophe inside is the clerk's text, and other quotes are not the marker.
        Case(text: "00'123", role: .id, without: nil),
        Case(text: "O'Brien", role: .voucher, without: nil),
        Case(text: "\"00123", role: .id, without: nil),
        Case(text: "“00123", role: .id, without: nil),
        Case(text: "`00123", role: .id, without: nil),
        Case(text: "00123", role: .id, without: nil),
    ]

    @Test(arguments: cases) func textRefusal(_ c: Case) {
        let refusal = Cell.textRefusal(c.text, role: c.role)
        guard let without = c.without else {
            #expect(refusal == nil || refusal?.reason.contains("text marker") == false, "\(refusal?.reason ?? "")")
            return
        }
        #expect(refusal?.reason.contains("Excel's text marker") == true, "\(refusal?.reason ?? "accepted")")
        #expect(refusal?.why.zh.contains("Excel 的文本标记") == true)
        #expect(refusal?.advice.en.contains("Remove the leading mark") == true)
        let id = c.role != .value
        if without.isEmpty {
            #expect(refusal?.advice.en.contains("the cell is then empty") == true)
        } else {
            #expect(refusal?.advice.en.contains((id ? "the id then reads as \"" : "the cell then reads as \"") + without + "\"") == true,
                    "\(refusal?.advice.en ?? "")")
            #expect(refusal?.advice.zh.contains((id ? "编号即为“" : "单元格即为“") + without + "”") == true, "\(refusal?.advice.zh ?? "")")
        }
        // A mark that is not ASCII is named by its code point too: it looks like `'`.
        let mark = c.text.unicodeScalars.first!
        #expect(refusal?.reason.contains(DisplayText.codePoint(mark)) == (mark != "'"))
    }

    /// Seeded: the first-byte test answers as a plain reading of the first scalar does.
    @Test func textMarkerAgreesWithAPlainReading() {
        var random = SplitMix64(seed: 0x4A05_0049)
        let pool: [Unicode.Scalar] = ["'", "\u{FF07}", "\u{2018}", "\u{2019}", "\u{201C}", "\u{2032}", "\u{FF10}", "\u{E000}",
                                      "0", "A", "号", "\"", "`", "\u{B4}"]
        var marked = 0
        for _ in 0..<5_000 {
            let count = Int(random.next() % 4) + 1
            let text = String(String.UnicodeScalarView((0..<count).map { _ in pool[Int(random.next() % UInt64(pool.count))] }))
            let plain = ["'", "\u{FF07}", "\u{2018}", "\u{2019}"].contains(String(text.unicodeScalars.first!))
            #expect((Cell.textMarker(text) != nil) == plain, "\(DisplayText.visible(text))")
            if plain { marked += 1 }
        }
        #expect(marked > 500)
    }


    // MARK: the register (`ledger import assets`)

    static let header = "编号,小区,类型,名称,位置,面积,登记日期"
    static func register(_ rows: String...) -> String { ([header] + rows).joined(separator: "\n") + "\n" }
    static let existing = RecordedRegister(
        assets: ["00123": RecordedAsset(communityID: "C-HY", kind: .parking, name: "地面车位123", location: "3号楼东侧",
                                        area: DecimalQuantity(text: "12.5")!),
                 "'00777": RecordedAsset(communityID: "'C-Q", kind: .parking, name: "地面车位777", location: "东侧",
                                         area: DecimalQuantity(text: "12.5")!)],
        communityNames: ["C-HY": "海韵", "'C-Q": "青枫苑"])

    /// One cell of a good row given a mark: (column, the row) → the problem at that column.
    @Test(arguments: [
        (0, "'00123,C-HY,车位,地面车位123,3号楼东侧,12.5,2024-01-08", "00123"),
        (0, "＇00124,C-HY,车位,车位124,东,12.5,2024-01-08", "00124"),
        (1, "A-1,'C-HY,车位,车位1,东,12.5,2024-01-08", "C-HY"),
        (2, "A-1,C-HY,'车位,车位1,东,12.5,2024-01-08", "车位"),
        (5, "A-1,C-HY,车位,车位1,东,'12.5,2024-01-08", "12.5"),
        (6, "A-1,C-HY,车位,车位1,东,12.5,'2024-04-01", "2024-04-01"),
        (6, "A-1,C-HY,车位,车位1,东,12.5,’2024-04-01", "2024-04-01"),
    ]) func aRegisterCellWithTheMarkIsRefusedAtItsColumn(_ column: Int, _ row: String, _ without: String) throws {
        let result = try Fixture.run(Self.register(row), existing: Self.existing)
        let problems = result.plan.report.problems
        #expect(problems.count == 1 && problems.first?.column == column, "\(problems.map(\.description))")
        #expect(problems.first?.reason.contains("Excel's text marker") == true, "\(problems.map(\.description))")
        #expect(problems.first?.allowed.contains("reads as \"\(without)\"") == true, "\(problems.map(\.description))")
        #expect(problems.first?.message.zh.contains("Excel 的文本标记") == true)
        #expect(result.plan.report.counts.new == 0 && result.plan.report.counts.updated == 0)
    }

    /// The reproduction: `'00123` beside a recorded `00123` was a new part. Every marked cell of a file is told in
    /// one run, one message a cell, and no row is imported.
    @Test func everyMarkedCellOfAFileIsToldInOneRun() throws {
        let result = try Fixture.run(Self.register(
            "'00123,C-HY,车位,地面车位123,3号楼东侧,12.5,2024-01-08",
            "A-2,'C-HY,车位,车位2,东,'12,'2024-03-01",
            "A-3,C-HY,车位,车位3,东,12,2024-03-01"), existing: Self.existing)
        let problems = result.plan.report.problems
        #expect(problems.map(\.row) == [2, 3, 3, 3], "\(problems.map(\.description))")
        #expect(problems.compactMap(\.column).sorted() == [0, 1, 5, 6])
        #expect(problems.allSatisfy { $0.reason.contains("Excel's text marker") })
        #expect(problems[0].description.contains("register.csv") && problems[0].value == "'00123")
    }

    /// An asset and a community registered with a mark (before the rule) still name themselves; only a new id with
    /// one is refused.
    @Test func idsTheLedgerHoldsWithTheMarkStillNameThemselves() throws {
        let held = try Fixture.run(Self.register("'00777,'C-Q,车位,地面车位777,东侧,12.5,2024-01-08"), existing: Self.existing)
        #expect(held.plan.report.problems.isEmpty, "\(held.plan.report.problems.map(\.description))")
        #expect(held.plan.report.counts.unchanged == 1)
        let new = try Fixture.run(Self.register("'00778,'C-Q,车位,地面车位778,东侧,12.5,2024-01-08"), existing: Self.existing)
        #expect(new.plan.report.problems.map(\.column) == [0], "\(new.plan.report.problems.map(\.description))")
        #expect(new.plan.report.problems.first?.reason.contains("Excel's text marker") == true)
    }
}

/// The fact imports (`ledger import funds|contracts|income|…`) and the statement import: every id column a kind
/// introduces or cites, and its voucher.
struct TextMarkerFactTests {
    static let importedOn = CalendarDate(year: 2025, month: 1, day: 31)!

    struct Column: Sendable, CustomTestStringConvertible {
        let kind: FactKind
        let key: String
        var testDescription: String { "\(kind.rawValue).\(key)" }
    }

    /// Every id column (the kind's own id, each reference, a list of ids) and voucher of every kind.
    static let columns: [Column] = FactKind.allCases.flatMap { kind in
        kind.fields.filter { field in
            if field.key == "voucher" || field.key == kind.entityKey { return true }
            switch field.value {
            case .id, .ids: return true
            default: return false
            }
        }.map { Column(kind: kind, key: $0.key) }
    }

    @Test func everyKindHasItsIdColumnsHere() {
        #expect(Set(Self.columns.map(\.kind)) == Set(FactKind.allCases), "\(Self.columns.map(\.testDescription))")
        #expect(Self.columns.count >= 15, "\(Self.columns.map(\.testDescription))")
    }

    /// The kind's template row (its first examples), `key`'s cell given a mark (a list of ids: its last item).
    static func file(_ kind: FactKind, marking key: String?, mark: String = "'") -> String {
        let fields = kind.fields
        let header = fields.map { $0.headings[0] }.joined(separator: ",")
        let row = fields.map { field -> String in
            var value = field.examples[0]
            if value.isEmpty { value = field.examples[1] }
            if field.key == key {
                if case .ids = field.value, let last = value.split(separator: "、").last, value.contains("、") {
                    value = value.dropLast(last.count) + mark + last
                } else {
                    value = mark + value
                }
            }
            return "\"\(value)\""
        }.joined(separator: ",")
        return header + "\n" + row + "\n"
    }

    static func run(_ text: String, kind: FactKind, log: EffectiveLog = EffectiveLog()) throws -> FactImportResult {
        let options = FactImportOptions(kind: kind, fileName: "\(kind.rawValue).csv", importedOn: importedOn)
        return try FactImport.run(source: MemoryByteSource(Array(text.utf8)), existing: log, options: options)
    }

    @Test(arguments: columns) func aMarkedIdOrVoucherIsRefusedAtItsColumn(_ c: Column) throws {
        let fields = c.kind.fields
        let column = fields.firstIndex { $0.key == c.key }!
        for mark in ["'", "＇", "’"] {
            let result = try Self.run(Self.file(c.kind, marking: c.key, mark: mark), kind: c.kind)
            let marked = result.report.problems.filter { $0.reason.contains("Excel's text marker") }
            #expect(marked.count == 1 && marked.first?.column == column && marked.first?.row == 2,
                    "\(mark): \(result.report.problems.map(\.description))")
            // The last id of a list cell is marked (`file`): the words name that id (session 51), not the cell's start.
            let example = fields[column].examples[0].isEmpty ? fields[column].examples[1] : fields[column].examples[0]
            var laterID = false
            if case .ids = fields[column].value, example.contains("、") { laterID = true }
            #expect(marked.first?.allowed.contains(laterID ? "Remove the mark before" : "Remove the leading mark") == true, "\(marked)")
            #expect(marked.first?.reason.contains("holds the id") == laterID, "\(marked)")
            #expect(result.events.isEmpty)
        }
        // The same file without the mark: no such problem (the rule is the mark's, not the column's).
        let plain = try Self.run(Self.file(c.kind, marking: nil), kind: c.kind)
        #expect(!plain.report.problems.contains { $0.reason.contains("text marker") })
    }

    /// Amount and date cells keep being refused, now saying why.
    @Test(arguments: [(FactKind.income, "amount_fen"), (.income, "occurred_on"), (.contracts, "rent_fen"), (.contracts, "start_on"),
                      (.funds, "kind"), (.spending, "amount_fen")])
    func aMarkedValueIsRefusedSayingWhy(_ kind: FactKind, _ key: String) throws {
        let result = try Self.run(Self.file(kind, marking: key), kind: kind)
        let column = kind.fields.firstIndex { $0.key == key }!
        let problems = result.report.problems.filter { $0.column == column }
        #expect(problems.count == 1 && problems.first?.reason.contains("Excel's text marker") == true, "\(result.report.problems.map(\.description))")
        #expect(problems.first?.allowed.contains("the cell then reads as") == true)
    }

    /// A ledger whose community and fund were recorded with a mark (by a version before the rule).
    static func markedLedger() throws -> EffectiveLog {
        var log = EffectiveLog()
        let lines = [
            #"{"id":"c1","type":"community.registered","occurred_on":"2024-01-02","data":{"community_id":"'C9","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"52000.00","total_owners":480}}"#,
            #"{"id":"f1","type":"fund.opened","occurred_on":"2024-01-03","data":{"fund_id":"'F9","community_id":"'C9","kind":"public_income","account":"6222-01"}}"#,
            #"{"id":"f2","type":"fund.opened","occurred_on":"2024-01-03","data":{"fund_id":"F1","community_id":"'C9","kind":"public_income","account":"6222-02"}}"#,
        ]
        for (index, line) in lines.enumerated() {
            log.apply(seq: Int64(index + 1), event: try EventInput.parse(line: Array(line.utf8), source: "test", lineNumber: index + 1))
        }
        return log
    }

    @Test func referencesTheLedgerHoldsWithTheMarkStillNameThem() throws {
        let log = try Self.markedLedger()
        let held = try Self.run("日期,账户编号,金额,付款方,凭证号,类别\n2025-01-05,'F9,100.00,某公司,SJ-1,停车费\n", kind: .income, log: log)
        #expect(held.report.problems.isEmpty, "\(held.report.problems.map(\.description))")
        #expect(!held.events.isEmpty)
        let other = try Self.run("日期,账户编号,金额,付款方,凭证号,类别\n2025-01-05,'F8,100.00,某公司,SJ-1,停车费\n", kind: .income, log: log)
        #expect(other.report.problems.contains { $0.column == 1 && $0.reason.contains("Excel's text marker") },
                "\(other.report.problems.map(\.description))")
        // A fund opened again under the held id is that fund; a new one with a mark is refused.
        let funds = "账户编号,小区,账户类型,银行账户,开立日期\n"
        let again = try Self.run(funds + "'F9,'C9,公共收益,6222-01,2024-01-03\n", kind: .funds, log: log)
        #expect(!again.report.problems.contains { $0.reason.contains("text marker") }, "\(again.report.problems.map(\.description))")
        let new = try Self.run(funds + "'F7,'C9,公共收益,6222-07,2024-01-03\n", kind: .funds, log: log)
        #expect(new.report.problems.map(\.column) == [0], "\(new.report.problems.map(\.description))")
    }

    @Test(arguments: [(1, "'2025001"), (4, "'+1,500.00"), (0, "'2025-01-03")])
    func aStatementLineWithTheMarkIsRefused(_ column: Int, _ cell: String) throws {
        var cells = ["2025-01-03", "2025001", "停车费", "某公司", "+1,500.00"]
        cells[column] = cell
        let text = "交易日期,交易流水号,摘要,对方户名,交易金额\n" + cells.map { "\"\($0)\"" }.joined(separator: ",") + "\n" + "2025-01-04,2025002,停车费,某公司,+100.00\n"
        let options = StatementOptions(fileName: "stmt.csv", fundID: "F1", importedOn: Self.importedOn)
        let result = try StatementImport.run(source: MemoryByteSource(Array(text.utf8)), existing: try Self.markedLedger(), options: options)
        let marked = result.report.problems.filter { $0.reason.contains("Excel's text marker") }
        #expect(marked.map(\.column) == [column], "\(result.report.problems.map(\.description))")
        #expect(result.events.isEmpty)
    }
}
