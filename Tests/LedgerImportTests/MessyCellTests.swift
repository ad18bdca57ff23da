import LedgerEvents
@testable import LedgerImport
import LedgerPlatform
import LedgerProjections
import Testing

/// Review D16: what Excel and WPS leave in cells that is not data (error values, formulas saved as text, ids in
/// scientific notation, invisible characters, full-width or other-case ids), a UTF-8 cell in a GBK file, and the
/// header messages' Chinese field names.
struct MessyCellTests {
    static let header = "编号,小区,类型,名称,位置,面积,登记日期"
    static func register(_ rows: String...) -> String { ([header] + rows).joined(separator: "\n") + "\n" }

    // MARK: one rule for every importer (`Cell.textRefusal`)

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let role: Cell.TextRole
        /// A word of the English reason, nil when the cell is accepted.
        let refused: String?
        var testDescription: String { "\(DisplayText.visible(text)) as \(role)" }
    }

    static let cases: [Case] = [
        // Excel's and WPS's error values, in every role, any case, full-width.
        Case(text: "#N/A", role: .name, refused: "error value"),
        Case(text: "#REF!", role: .id, refused: "error value"),
        Case(text: "#VALUE!", role: .value, refused: "error value"),
        Case(text: "#DIV/0!", role: .text, refused: "error value"),
        Case(text: "#NAME?", role: .voucher, refused: "error value"),
        Case(text: "#null!", role: .name, refused: "error value"),
        Case(text: "#SPILL!", role: .value, refused: "error value"),
        Case(text: "#GETTING_DATA", role: .text, refused: "error value"),
        Case(text: "＃Ｎ／Ａ", role: .name, refused: "error value"),
        Case(text: "#N/A 待补", role: .text, refused: nil),
        Case(text: "#3号楼", role: .text, refused: nil),
        // Formulas saved as text: ids, vouchers, names; not other text.
        Case(text: "=B2", role: .name, refused: "formula"),
        Case(text: "=B2", role: .id, refused: "formula"),
        Case(text: "=B2", role: .voucher, refused: "formula"),
        Case(text: "@SUM(A1)", role: .name, refused: "formula"),
        Case(text: "-A1", role: .id, refused: "formula"),
        Case(text: "-B2", role: .name, refused: "formula"),
        Case(text: "+SUM(C2:C9)", role: .name, refused: "formula"),
        Case(text: "-$A$1*3", role: .voucher, refused: "formula"),
        Case(text: "+A1&\"号\"", role: .name, refused: "formula"),
        // Review J17 #2: sheets, column ranges, lookups.
        Case(text: "-VLOOKUP(A2,Sheet2!A:B,2,0)", role: .name, refused: "formula"),
        Case(text: "-SUM(A:A)", role: .name, refused: "formula"),
        Case(text: "+Sheet2!B2", role: .name, refused: "formula"),
        Case(text: "-'Sheet 1'!A1", role: .name, refused: "formula"),
        Case(text: "-汇总!B2", role: .name, refused: "formula"),
        Case(text: "+SUM(1:3)", role: .voucher, refused: "formula"),
        Case(text: "-1层车位!", role: .name, refused: nil),
        Case(text: "-A", role: .name, refused: nil),
        // Review I17 #1: a sign before a name or id that is not a formula's body is the clerk's text.
        Case(text: "+86 532", role: .name, refused: nil),
        Case(text: "-某公司", role: .name, refused: nil),
        Case(text: "-1层车位", role: .name, refused: nil),
        Case(text: "+1层平台", role: .name, refused: nil),
        Case(text: "-2F-008", role: .id, refused: nil),
        Case(text: "-2F008", role: .id, refused: nil),
        Case(text: "-ABCD1", role: .id, refused: nil),
        Case(text: "-", role: .name, refused: nil),
        Case(text: "--", role: .name, refused: nil),
        Case(text: "=见附件", role: .text, refused: nil),
        Case(text: "A-1=B", role: .id, refused: nil),
        // Scientific notation as Excel's General format writes a long number: ids and vouchers only.
        Case(text: "1.23457E+11", role: .id, refused: "scientific"),
        Case(text: "6.22848E+17", role: .voucher, refused: "scientific"),
        Case(text: "1E+11", role: .voucher, refused: "scientific"),
        // Review I17 #5: a negative exponent is never a shortened id; `12E-01` is a building-zone-number id.
        Case(text: "6.22848e-05", role: .voucher, refused: nil),
        Case(text: "12E-01", role: .id, refused: nil),
        Case(text: "1.23457E+11", role: .text, refused: nil),
        Case(text: "3E12", role: .voucher, refused: nil),
        Case(text: "1.2E+1X", role: .voucher, refused: nil),
        Case(text: "E+11", role: .voucher, refused: nil),
        Case(text: "622848001234567890", role: .voucher, refused: nil),
        // Invisible characters in text; not line breaks, tabs, spaces or a variation selector.
        Case(text: "某公司\u{200B}", role: .name, refused: "<U+200B>"),
        Case(text: "车位\u{200D}", role: .name, refused: "<U+200D>"),
        Case(text: "东\u{200C}侧", role: .text, refused: "<U+200C>"),
        Case(text: "东\u{2060}侧", role: .text, refused: "<U+2060>"),
        Case(text: "东\u{FEFF}侧", role: .text, refused: "<U+FEFF>"),
        Case(text: "SJ\u{00AD}001", role: .voucher, refused: "<U+00AD>"),
        Case(text: "第一行\n第二行\t备注", role: .text, refused: nil),
        Case(text: "王　强 先生", role: .name, refused: nil),
        Case(text: "葛\u{E0100}优", role: .name, refused: nil),
        Case(text: "某公司\u{200B}", role: .value, refused: nil),
        // Full-width forms in a voucher (the door refuses them in ids).
        Case(text: "ＳＪ－００１", role: .voucher, refused: "\"SJ-001\""),
        Case(text: "（收据）SJ-001", role: .voucher, refused: "\"(收据)SJ-001\""),
        Case(text: "收据第001号", role: .voucher, refused: nil),
        Case(text: "ＳＪ－００１", role: .name, refused: nil),
    ]

    @Test(arguments: cases) func textRefusal(_ c: Case) {
        let refusal = Cell.textRefusal(c.text, role: c.role)
        if let word = c.refused {
            #expect(refusal?.reason.contains(word) == true, "\(refusal?.reason ?? "accepted")")
            #expect(refusal?.why.zh.isEmpty == false && refusal?.advice.zh.isEmpty == false)
        } else {
            #expect(refusal == nil, "\(refusal?.reason ?? "")")
        }
    }

    // MARK: assets

    static let existing = RecordedRegister(
        assets: ["A-HY-P01": RecordedAsset(communityID: "C-HY", kind: .parking, name: "地面车位P01", location: "3号楼东侧",
                                           area: DecimalQuantity(text: "12.5")!)],
        communityNames: ["C-HY": "海韵"])

    @Test func aRegisterRefusesWhatASpreadsheetLeftInItsCells() throws {
        let result = try Fixture.run(Self.register(
            "#REF!,C-HY,车位,车位1,东,12,2024-03-01",
            "1.23457E+11,C-HY,车位,车位2,东,12,2024-03-01",
            "A-3,C-HY,车位,=B2,东,12,2024-03-01",
            "A-4,C-HY,车位,车位\u{200D},东,12,2024-03-01",
            "A-5,C-HY,车位,车位5,东,#N/A,2024-03-01",
            "A-6,C-HY,车位,车位6,东\u{200B}侧,12,2024-03-01",
            "A-7,C-HY,车位,车位7,东,12,2024-03-01"), existing: Self.existing)
        let problems = result.plan.report.problems
        #expect(problems.map(\.row) == [2, 3, 4, 5, 6, 7], "one message a row: \(problems.map(\.description))")
        #expect(problems.map(\.column) == [0, 0, 3, 3, 5, 4])
        #expect(problems[0].reason.contains("error value") && problems[0].value == "#REF!")
        #expect(problems[1].reason.contains("scientific") && problems[1].allowed.contains("Text"))
        #expect(problems[2].reason.contains("formula"))
        #expect(problems[3].description.contains("<U+200D>"), "the character named visibly: \(problems[3].description)")
        #expect(problems[3].message.zh.contains("不可见字符 <U+200D>"))
        #expect(problems[4].reason.contains("error value"))
        #expect(problems[5].description.contains("<U+200B>"))
        #expect(result.plan.report.counts.new == 1)
    }

    @Test(arguments: [
        ("a-hy-p01", "\"A-HY-P01\""),
        ("A-hy-P01", "\"A-HY-P01\""),
        ("Ａ－ＨＹ－Ｐ０１", "full-width"),
        ("A-HY-Ｐ01", "full-width"),
    ]) func anotherSpellingOfARegisteredIdIsNotASecondAsset(_ id: String, _ said: String) throws {
        let result = try Fixture.run(Self.register("\(id),C-HY,车位,地面车位P01,3号楼东侧,12.5,2024-01-08"), existing: Self.existing)
        let problems = result.plan.report.problems
        #expect(problems.count == 1 && problems[0].column == 0, "\(problems.map(\.description))")
        #expect(problems.first?.description.contains(said) == true, "\(problems.map(\.description))")
        #expect(result.plan.report.counts.new == 0)
        // The look-up by named ids (the stored state's) can find the registered spelling.
        #expect(id.contains("Ｐ") || result.namedAssetIDs.contains("A-HY-P01"))
    }

    @Test func twoRowsWhoseIdsDifferOnlyInCaseAreOneAssetTwice() throws {
        let result = try Fixture.run(Self.register("B-1,C-HY,车位,车位1,东,12,2024-03-01", "b-1,C-HY,车位,车位1,东,12,2024-03-01"),
                                     existing: Self.existing)
        let problems = result.plan.report.problems
        #expect(problems.count == 1 && problems[0].row == 3, "\(problems.map(\.description))")
        #expect(problems.first?.reason.contains("\"B-1\" of row 2") == true)
        #expect(problems.first?.message.zh.contains("第 2 行的编号“B-1”") == true)
    }

    @Test func theRegisteredSpellingItselfIsUnchanged() throws {
        let result = try Fixture.run(Self.register("A-HY-P01,C-HY,车位,地面车位P01,3号楼东侧,12.5,2024-01-08"), existing: Self.existing)
        #expect(result.plan.report.problems.isEmpty)
        #expect(result.plan.report.counts.unchanged == 1)
    }

    @Test func theDoorRefusesFullWidthIds() {
        #expect(EventInput.doorIDFault("Ａ－１") == .fullWidth(written: "Ａ－１", ascii: "A-1"))
        #expect(EventInput.doorIDFault("A-1") == nil)
        #expect(EventInput.doorIDFault("车位-1") == nil)
        #expect(EventInput.idFault("Ａ－１") == nil, "a rule of the door, not of the record: old logs still verify")
        let words = EventInput.doorIDProblemWording("Ａ－１")
        #expect(words?.en.contains("\"A-1\"") == true && words?.zh.contains("全角") == true)
    }

    // MARK: rows that are not data

    @Test func aTotalsRowAndNotesUnderTheTableAreEachSaidOnce() throws {
        let result = try Fixture.run(Self.register(
            "A-1,C-HY,车位,车位1,东,12,2024-03-01",
            "合 计,,,,,12,",
            ",,,,,,",
            "注：面积以测绘为准,,,,,,",
            ",小计：1 个,,,,12,"), existing: Self.existing)
        let report = result.plan.report
        #expect(report.problems.map(\.row) == [3, 5, 6], "one message a row: \(report.problems.map(\.description))")
        #expect(report.problems.map(\.column) == [0, 0, 1])
        #expect(report.problems[0].reason.contains("totals row") && report.problems[2].reason.contains("totals row"))
        #expect(report.problems[1].reason.contains("only filled cell") && report.problems[1].value == "注：面积以测绘为准")
        #expect(report.counts.rejected == 3 && report.counts.blank == 1 && report.counts.new == 1)
    }

    /// Review 36a: a signature line of two cells (制表人 … 日期 …) was told "is empty" for each other cell; it is one
    /// message, as a note of one cell is. A row of data whose cells happen to hold colons is still data.
    @Test func aSignatureLineOfSeveralCellsIsOneMessage() throws {
        let result = try Fixture.run(Self.register(
            "A-1,C-HY,车位,车位1,东,12,2024-03-01",
            "制表人：张华,,,,日期：2026年1月6日,,",
            "审核 人: 李四,,（盖章）,,,,",
            "A-2,C-HY,车位,车位：2,地址：东,12,2024-03-01",
            "制表人：王五,,车位,车位3,东,12,2024-03-01"), existing: Self.existing)
        let report = result.plan.report
        #expect(report.problems.filter { $0.reason.contains("signature line") }.map(\.row) == [3, 4], "\(report.problems.map(\.description))")
        #expect(report.problems.filter { $0.row == 3 || $0.row == 4 }.count == 2)
        #expect(report.problems.first { $0.row == 3 }?.value == "制表人：张华")
        // Rows 5 (colons in data) and 6 (a label beside data cells) are not signature lines.
        #expect(!report.problems.contains { $0.row == 5 })
        #expect(report.problems.contains { $0.row == 6 && !$0.reason.contains("signature line") })
    }

    @Test func aReimportWithAnotherRegistrationDateSaysTheDateWasNotChanged() throws {
        var existing = Self.existing
        existing.assets["A-HY-P01"]!.registeredOn = CalendarDate(year: 2024, month: 1, day: 8)
        let same = try Fixture.run(Self.register("A-HY-P01,C-HY,车位,地面车位P01,3号楼东侧,12.5,2024-01-08"), existing: existing)
        #expect(same.plan.report.dateNotes.isEmpty)
        let result = try Fixture.run(Self.register("A-HY-P01,C-HY,车位,地面车位P01,3号楼东侧,12.5,2024-05-01"), existing: existing)
        #expect(result.plan.report.counts.unchanged == 1)
        let text = result.plan.report.text(status: .dryRun)
        #expect(text.contains("row 2, A-HY-P01: the file's registration date 2024-05-01 differs from the ledger's 2024-01-08 and was not changed"), "\(text)")
        #expect(result.plan.report.text(status: .dryRun, chinese: true).contains("文件中的登记日期 2024-05-01 与账本中的 2024-01-08 不同，没有更改"))
    }

    // MARK: encodings

    /// Review D16 f/e_mixed5.csv: header and row 2 GBK, row 3's 名称 cell UTF-8 `西侧车位`.
    static let gbkWithUTF8Cell: [UInt8] = [
        0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xd0, 0xa1, 0xc7, 0xf8, 0x2c, 0xc0, 0xe0, 0xd0, 0xcd, 0x2c, 0xc3, 0xfb, 0xb3, 0xc6, 0x2c,
        0xce, 0xbb, 0xd6, 0xc3, 0x2c, 0xc3, 0xe6, 0xbb, 0xfd, 0x2c, 0xb5, 0xc7, 0xbc, 0xc7, 0xc8, 0xd5, 0xc6, 0xda, 0x0d, 0x0a,
        0x41, 0x2d, 0x48, 0x59, 0x2d, 0x58, 0x30, 0x31, 0x2c, 0x43, 0x2d, 0x48, 0x59, 0x2c, 0xb3, 0xb5, 0xce, 0xbb, 0x2c, 0xb3,
        0xb5, 0xce, 0xbb, 0xd2, 0xbb, 0xba, 0xc5, 0x2c, 0xb6, 0xab, 0xb2, 0xe0, 0x2c, 0x31, 0x32, 0x2e, 0x35, 0x2c, 0x32, 0x30,
        0x32, 0x34, 0x2d, 0x30, 0x35, 0x2d, 0x30, 0x31, 0x0d, 0x0a,
        0x41, 0x2d, 0x48, 0x59, 0x2d, 0x58, 0x30, 0x32, 0x2c, 0x43, 0x2d, 0x48, 0x59, 0x2c, 0xb3, 0xb5, 0xce, 0xbb, 0x2c,
    ] + Array("西侧车位".utf8) + [0x2c, 0xce, 0xf7, 0xb2, 0xe0, 0x2c] + Array("13.5,2024-05-02\r\n".utf8)

    @Test func aUTF8CellInAGBKFileIsRefusedWithBothReadings() throws {
        let result = try Fixture.run(Self.gbkWithUTF8Cell, existing: Self.existing)
        let problems = result.plan.report.problems.filter { $0.reason.contains("UTF-8") }
        #expect(problems.count == 1)
        if let problem = problems.first {
            #expect(problem.row == 3 && problem.column == 3 && problem.heading == "名称")
            #expect(problem.value == "西侧车位" && problem.reason.contains("\"瑗夸晶杞︿綅\""))
            #expect(problem.allowed.contains("--encoding gb18030") && problem.message.zh.contains("“西侧车位”"))
        }
        // Chosen, the encoding is the clerk's word: the cell is read as GB18030.
        let chosen = try Fixture.run(Self.gbkWithUTF8Cell, existing: Self.existing, encoding: .gb18030)
        #expect(chosen.plan.report.counts.new == 2)
    }

    /// Review I17 #3: every pasted cell of a file is reported in one run, beside the rows' other problems.
    @Test func everyUTF8CellInAGBKFileIsReportedInOneRun() throws {
        let gbkRow = Array(Self.gbkWithUTF8Cell[..<Self.gbkWithUTF8Cell.firstIndex(of: 0x0a)!]) + [0x0a]
        var bytes = gbkRow
        for (n, name) in ["东侧车位", "北侧车位"].enumerated() {
            bytes += Array("A-HY-Y0\(n),C-HY,".utf8) + [0xb3, 0xb5, 0xce, 0xbb, 0x2c] + Array(name.utf8) + [0x2c, 0xce, 0xf7, 0xb2, 0xe0, 0x2c]
                + Array("13.5,2024-05-02\r\n".utf8)
        }
        bytes += Array("A-HY-Y9,C-HY,".utf8) + [0xb3, 0xb5, 0xce, 0xbb, 0x2c, 0xb6, 0xab, 0x2c, 0xce, 0xf7, 0x2c] + Array("abc,2024-05-02\r\n".utf8)
        let report = try Fixture.run(bytes, existing: Self.existing).plan.report
        #expect(report.problems.filter { $0.reason.contains("UTF-8") }.map(\.row) == [2, 3], "\(report.problems)")
        #expect(report.problems.contains { $0.row == 4 && $0.value == "abc" }, "\(report.problems)")
    }

    /// Seeded: GBK text of the 3755 common (level-1) characters, 2–10 a cell, is never taken for UTF-8 by the rule
    /// (the estimate in `CellDecoder.isLongUTF8`'s comment), while every UTF-8 cell of two or more Chinese
    /// characters is.
    @Test func gbkTextIsNotTakenForUTF8() {
        var generator = SplitMix64(seed: 16)
        for _ in 0..<20_000 {
            let count = generator.below(9) + 2
            var bytes: [UInt8] = []
            for _ in 0..<count {
                var lead: UInt8, trail: UInt8
                repeat {
                    lead = UInt8(0xB0 + generator.below(40))
                    trail = UInt8(0xA1 + generator.below(94))
                } while lead == 0xD7 && trail > 0xF9
                bytes += [lead, trail]
            }
            #expect(!CellDecoder.isLongUTF8(bytes[...]), "\(bytes)")
        }
        #expect(CellDecoder.isLongUTF8(Array("西侧".utf8)[...]))
        #expect(!CellDecoder.isLongUTF8(Array("西".utf8)[...]))
        #expect(!CellDecoder.isLongUTF8(Array("A-1 é".utf8)[...]))
        // Review I17 #2: level-2 surnames whose GBK bytes are well-formed UTF-8 of Hangul or other scripts.
        for gbk: [UInt8] in [[0xea, 0xb0, 0xba, 0xec, 0xba, 0xa3], [0xe5, 0xa7, 0xba, 0xec, 0xb6, 0xab],
                             [0xe5, 0xb5, 0xb7, 0xe1, 0xbb, 0xaa]] {  // 臧红海, 濮红东, 宓丰华
            #expect(!CellDecoder.isLongUTF8(gbk[...]), "\(gbk)")
        }
        // Review J17 #1: pasted Chinese text keeps its symbols, and is still caught.
        for pasted in ["买买提·艾力“东”", "①号车位东侧", "3×4米广告位", "Ⅱ区车位", "西侧车位😀", "西侧车位¥", "面积±0.5平方",
                       "地下二层车位°", "12㎡车位", "℃温控室", "《公约》第3条", "β座车位"] {
            #expect(CellDecoder.isLongUTF8(Array(pasted.utf8)[...]), "\(pasted)")
        }
        // A reading GB18030 cannot give: the advice does not offer --encoding gb18030.
        #expect(!ImportWords.utf8InGB18030Allowed(asGB18030: nil).en.contains("--encoding"))
        #expect(ImportWords.utf8InGB18030(asGB18030: nil).zh.contains("读不出"))
    }

    @Test func aMixedEncodingMessageDoesNotClaimEarlierRows() {
        let words = ImportError.mixedEncoding(file: "e.csv", row: 1, column: 0, heading: "", bytesHex: "b1e0bac5").message
        #expect(!words.en.contains("earlier rows") && words.en.contains("the file's other text is UTF-8"))
        #expect(!words.zh.contains("前面各行") && words.zh.contains("其余文字是 UTF-8"))
    }

    // MARK: header words

    @Test func headerMessagesNameTheRegistersFields() throws {
        #expect(throws: ImportError.self) { try Fixture.run("小区,类型,名称,位置,登记日期\nC-HY,车位,车位1,东,2024-03-01\n") }
        do {
            _ = try Fixture.run("小区,类型,名称,位置,登记日期\nC-HY,车位,车位1,东,2024-03-01\n")
        } catch {
            let zh = error.message.zh
            #expect(zh.contains("没有“共有部分编号”列（字段名 id）") && zh.contains("没有“面积”列（字段名 area）"), "\(zh)")
            #expect(!zh.contains("事件编号"))
        }
        do {
            _ = try Fixture.run("编号,小区,类型,名称,位置,面积,建筑面积,登记日期\nA-1,C-HY,车位,车位1,东,12,12,2024-03-01\n")
            Issue.record("two area columns accepted")
        } catch {
            #expect(error.message.zh.contains("都表示 area（面积）"), "\(error.message.zh)")
        }
    }
}
