import Foundation
import LedgerEvents
@testable import LedgerImport
import LedgerPlatform
import LedgerProjections
import LedgerTestSupport
import Testing

/// The register import's per-row shortcuts (branch import31) against the paths they stand for, on seeded random
/// messy registers: quotes and doubled quotes, a BOM, CR LF, full-width characters, Chinese, empty cells, control
/// characters (C0, DEL, C1, U+0085, U+2028), tabs and line breaks inside quoted cells, long cells, ids repeated and
/// in other ASCII case, non-NFC ids, totals and note rows, GB18030 files.
/// - the record's one scan for control characters (`RegisterRow.controlsPossible`) against every cell's own scan;
/// - the first row of a new id from the case-twin table (`RegisterImporter.newIDsOnly`) against the table of ids
///   kept for a ledger that holds assets.
/// Both sides must give the same report (every problem, its words in both languages), events, rejects file and named
/// ids and communities, or the same error.
@Suite("One pass over a register row")
struct ImportRowPassTests {
    static let iterations = TestScale.count("LEDGER_FUZZ_ITERATIONS", default: 3_000) / 10

    static let ids = ["A-1", "a-1", "A-2", "R-0000001", "r-0000001", "R-0000002", "Ａ-3", "B-１", "c-9", "C-9", "=A1",
                      "-B2", "1.23457E+11", "12E-01", "é-1", "e\u{301}-1", "车位-1", "A\u{200B}-4", "A 5", "#N/A", "",
                      "X\u{1}", "X\u{2028}1", "a\u{85}b", "Q-7", "q-7", "Q-7"]
    static let communities = ["C00001", "C00002", " C00001 ", "", "C0000\u{1}", "C 1", "#REF!", "C00002\u{2029}"]
    static let kinds = ["车位", "会所", "parking", "地下室", "bogus", "#N/A", " 车位 ", "车\u{7F}位"]
    static let names = ["车位1号", "车位\u{A0}1号", "名\n称", "名\r\n称", "名\u{2028}称", "名\u{85}称", "\u{7F}x", "ＡＢＣ", "",
                        "=SUM(A1:A2)", "某公司\u{200B}", "a\tb", "名\u{9F}", "会所 1 号"]
    static let locations = ["1号楼东侧", "1号楼\t东侧", "x\u{1}", "y\u{9F}", "@x", "地下\n一层", "", "\u{3000}东\u{3000}",
                            String(repeating: "长", count: 400), "南侧\u{2028}北侧"]
    static let areas = ["12.5", "12.555", "-1", "１２", "12㎡", "", "35.50", "1,234.5", "#DIV/0!", "1\u{1}2"]
    static let dates = ["2021-01-04", "2021/1/4", "2099-01-01", "2021-02-30", "", "44197", "2021年1月4日", "2021-01-04\u{0}"]
    static let notes = ["", "原开发商移交", "a\r\nb", "\u{200B}x", "x\u{0B}y", "备注\u{2028}", "\"引号\"", "a,b", "c\u{C}"]

    /// A cell as a spreadsheet program writes it: quoted when it must be (and now and then when it need not be).
    static func written(_ cell: String, _ random: inout SplitMix64) -> String {
        let must = cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
        guard must || random.chance(10) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Ids whose readings the importer's thread works out (a reader could take them over: session 49 tried it,
    /// docs/perf-import49.md): digits with and without leading zeros (`twinKey`), and ids that look like Excel's dates.
    static let readerIDs = ["00123", "123", "0123", "000123", "Jan-12", "12-Jan", "2021/1/12", "1月12日", "44197", "a-1"]

    /// A messy register's bytes, UTF-8 (with or without a BOM) or GB18030; with `extraIDs`, a row's id is now and
    /// then one of them (none drawn without: the other tests' registers stay as they were).
    static func register(_ random: inout SplitMix64, extraIDs: [String] = []) -> [UInt8] {
        var headings = ["编号", "小区", "类型", "名称", "位置", "面积", "登记日期", "备注"]
        if random.chance(30) { headings.append("朝向") }
        let lineEnd = random.chance(50) ? "\r\n" : "\n"
        var text = headings.joined(separator: ",") + lineEnd
        for _ in 0..<random.within(1...40) {
            if random.chance(4) { text += lineEnd; continue }
            if random.chance(3) { text += "合计,,,,,12.5" + lineEnd; continue }
            if random.chance(3) { text += "注：面积以测绘为准" + lineEnd; continue }
            var cells = [random.pick(ids), random.pick(communities), random.pick(kinds), random.pick(names),
                         random.pick(locations), random.pick(areas), random.pick(dates), random.pick(notes)]
            // Mostly good rows, so that duplicates and case twins among kept ids are met often.
            if random.chance(50) {
                cells[1] = random.pick(["C00001", "C00002"]); cells[2] = random.pick(["车位", "会所"])
                cells[3] = "车位\(random.below(9))号"; cells[4] = "1号楼东侧"; cells[5] = "12.5"; cells[6] = "2021-01-04"
            }
            if !extraIDs.isEmpty, random.chance(4) { cells[0] = random.pick(extraIDs) }
            if headings.count > 8 { cells.append(random.pick(["南", "", "北\u{1}", "东\n西"])) }
            if random.chance(5) { cells.append("多余") }
            var line = cells.map { written($0, &random) }.joined(separator: ",")
            if random.chance(3) { line += "\"x" }
            text += line + lineEnd
        }
        if random.chance(20) {
            guard let bytes = TextEncoder.gb18030(text) else { return Array(text.utf8) }
            return bytes
        }
        return (random.chance(30) ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }

    /// What a run gives, byte for byte where it is text.
    struct Outcome: Equatable {
        var report: ImportReport?
        var texts: [[UInt8]] = []
        var events: [[UInt8]] = []
        var rejects: [UInt8] = []
        var namedIDs: Set<[UInt8]> = []
        var namedCells: Set<[UInt8]> = []
        var error: String?
    }

    static func outcome(_ run: () throws(ImportError) -> AssetImportResult) -> Outcome {
        do {
            let result = try run()
            let report = result.plan.report
            var texts = [report.text(status: .dryRun, chinese: false), report.text(status: .dryRun, chinese: true),
                         CanonicalJSON.string(report.json(status: .dryRun))].map { Array($0.utf8) }
            texts += report.problems.map { Array(($0.description + "|" + $0.why.zh + "|" + $0.advice.zh).utf8) }
            return Outcome(report: report, texts: texts, events: Fixture.jsonLines(result.plan.events).split(separator: "\n").map { Array($0.utf8) },
                           rejects: AssetImport.rejectsFile(result), namedIDs: Set(result.namedAssetIDs.spellings.map { Array($0.utf8) }),
                           namedCells: Set(result.namedCommunityCells.map { Array($0.utf8) }))
        } catch {
            return Outcome(error: error.description)
        }
    }

    @Test("the record's one scan for control characters refuses what each cell's scan refuses")
    func recordScanIsEachCellsScan() {
        var random = SplitMix64(seed: 0x1310_0031)
        var refusedForControls = 0, rowsSkippingTheScan = 0
        for n in 0..<Self.iterations {
            let bytes = Self.register(&random)
            let options = Fixture.options("row-pass-\(n).csv") { if random.chance(20) { $0.allowPartial = true } }
            let chunk = 1 + random.below(512)
            let scanned = Self.outcome { () throws(ImportError) in
                try AssetImport.run(source: MemoryByteSource(bytes, chunkSize: chunk), existing: RecordedRegister(), options: options,
                                    encoding: nil, delimiter: nil, progress: nil, scanRecords: true)
            }
            let perCell = Self.outcome { () throws(ImportError) in
                try AssetImport.run(source: MemoryByteSource(bytes, chunkSize: chunk), existing: RecordedRegister(), options: options,
                                    encoding: nil, delimiter: nil, progress: nil, scanRecords: false)
            }
            #expect(scanned == perCell, "register \(n)")
            let problems = scanned.report?.problems ?? []
            refusedForControls += problems.filter { $0.why.en.contains("control character") || $0.why.en.contains("line break") }.count
            if problems.isEmpty, scanned.report != nil { rowsSkippingTheScan += 1 }
        }
        // The registers really hold what the scan looks for, and files without any.
        #expect(refusedForControls > 50)
        #expect(rowsSkippingTheScan > 0 || Self.iterations < 50)
    }

    @Test("rows checked on a second thread, in groups of any size, give what one thread gives")
    func twoThreadsGiveWhatOneGives() {
        var random = SplitMix64(seed: 0x1310_0046)
        var holding = RecordedRegister()
        holding.assets["A-1"] = RecordedAsset(communityID: "C00001", kind: .parking, name: "车位1号", location: "1号楼东侧",
                                              area: DecimalQuantity(units: 1_250, scale: 2))
        var rejectedRows = 0, errors = 0, gbRejects = 0
        // The refusals of the cells a reader could answer for the importer (session 49's try), as the runs meet them.
        var met: [String: Int] = [:]
        for n in 0..<Self.iterations {
            var bytes = Self.register(&random, extraIDs: Self.readerIDs)
            // A GB18030 row in a file read as UTF-8: the error is thrown after rows already handed to the other thread.
            if random.chance(10), bytes.count > 3, bytes.contains(where: { $0 >= 0x80 }), String(validating: bytes, as: UTF8.self) != nil,
               let gb = TextEncoder.gb18030("R-9,C00001,车位,车位9号,东侧,1,2021-01-04,\n") {
                bytes += gb
            }
            // Now and then a register longer than a group of the default size.
            if random.chance(5) {
                var long = Array("编号,小区,类型,名称,位置,面积,登记日期,备注\n".utf8)
                for row in 0..<(AssetImport.rowsPerGroup * 2 + random.below(300)) {
                    let id = random.chance(2) ? "R-\(row / 2)" : "R-\(row)"
                    let area = random.chance(2) ? "#N/A" : "\(1 + row % 90).5"
                    long += Array("\(id),C00001,车位,车位\(row)号,\(row % 30)号楼东侧,\(area),2021-01-04,\n".utf8)
                }
                bytes = long
            }
            let existing = random.chance(30) ? holding : RecordedRegister()
            let options = Fixture.options("threads-\(n).csv") {
                if random.chance(20) { $0.allowPartial = true }
                // Excel's serial dates read or refused: the reader reads a date under the importer's option.
                if random.chance(3) { $0.excelDates = true }
            }
            let chunk = 1 + random.below(512)
            let groupRows = random.chance(20) ? AssetImport.rowsPerGroup : 1 + random.below(7)
            var progressOne: [Int] = [], progressTwo: [Int] = []
            let one = Self.outcome { () throws(ImportError) in
                try AssetImport.run(source: MemoryByteSource(bytes, chunkSize: chunk), existing: existing, options: options,
                                    encoding: nil, delimiter: nil, progress: { rows, _ in progressOne.append(rows) }, scanRecords: true,
                                    groupRows: 0)
            }
            let two = Self.outcome { () throws(ImportError) in
                try AssetImport.run(source: MemoryByteSource(bytes, chunkSize: chunk), existing: existing, options: options,
                                    encoding: nil, delimiter: nil, progress: { rows, _ in progressTwo.append(rows) }, scanRecords: true,
                                    groupRows: groupRows)
            }
            #expect(one == two, "register \(n), groups of \(groupRows)")
            #expect(progressOne == progressTwo)
            for problem in one.report?.problems ?? [] {
                for (what, words) in [("kind", "is not a kind of common part"), ("case twin", "only in letter case"),
                                      ("zeros", "only by leading zeros"), ("id like a date", "reads as a date"),
                                      ("totals row", "begins a totals row")]
                where problem.why.en.contains(words) {
                    met[what, default: 0] += 1
                }
                // A cell's text refused by `Cell.area` or `Cell.date` (an empty cell is told with the same advice,
                // and no value).
                if problem.value != nil, problem.heading == "面积", problem.advice == Cell.areaAllowed { met["area", default: 0] += 1 }
                if problem.value != nil, problem.heading == "登记日期", problem.advice == Cell.dateAllowed { met["date", default: 0] += 1 }
            }
            if one.error != nil { errors += 1 }
            if !one.rejects.isEmpty { rejectedRows += 1 }
            if !one.rejects.isEmpty, String(validating: one.rejects, as: UTF8.self) == nil { gbRejects += 1 }
        }
        // Both kinds of outcome, and rejects files of GB18030 rows (whose cells' bytes are kept apart), are met.
        #expect(rejectedRows > 20)
        #expect(errors > 0)
        #expect(gbRejects > 0 || Self.iterations < 100)
        for what in ["kind", "area", "date", "case twin", "zeros", "id like a date", "totals row"] {
            #expect(met[what, default: 0] > 0 || Self.iterations < 100, "no row refused for its \(what): \(met)")
        }
    }

    @Test("a new id's first row from the case-twin table is the first row the table of ids gives")
    func newIDsFirstRowIsTheTablesFirstRow() {
        var random = SplitMix64(seed: 0x1310_0032)
        // A ledger holding one asset no row names: the importer keeps its table of ids (`newIDsOnly` false).
        var holding = RecordedRegister()
        holding.assets["UNRELATED-9"] = RecordedAsset(communityID: "C09999", kind: .parking, name: "车位9", location: "东",
                                                      area: DecimalQuantity(units: 1_000, scale: 2))
        var appearsAgain = 0, caseTwins = 0
        for n in 0..<Self.iterations {
            let bytes = Self.register(&random)
            let options = Fixture.options("ids-\(n).csv") { if random.chance(20) { $0.allowPartial = true } }
            let fresh = Self.outcome { () throws(ImportError) in try Fixture.run(bytes, existing: RecordedRegister(), options: options) }
            let held = Self.outcome { () throws(ImportError) in try Fixture.run(bytes, existing: holding, options: options) }
            #expect(fresh == held, "register \(n)")
            let problems = fresh.report?.problems ?? []
            appearsAgain += problems.filter { $0.why.en.contains("appears again") }.count
            caseTwins += problems.filter { $0.why.en.contains("only in letter case") }.count
        }
        #expect(appearsAgain > 50)
        #expect(caseTwins > 10)
    }

    @Test("byte equality, the lengths first, is elementsEqual of the UTF-8 (not a String's canonical ==)")
    func sameBytesIsUTF8Equality() {
        var random = SplitMix64(seed: 0x1310_0033)
        let parts = ["A", "a", "-", "1", "é", "e\u{301}", "车", "Ａ", "", "\u{0}", "位"]
        var canonicalOnly = 0
        for _ in 0..<5_000 {
            let a = (0..<random.below(4)).map { _ in random.pick(parts) }.joined()
            let b = random.chance(30) ? a : (0..<random.below(4)).map { _ in random.pick(parts) }.joined()
            #expect(RegisterImporter.sameBytes(a, b) == a.utf8.elementsEqual(b.utf8))
            if a == b, !a.utf8.elementsEqual(b.utf8) { canonicalOnly += 1 }
        }
        #expect(canonicalOnly > 0)
    }

    @Test("a text without a byte mayBeginControl looks for holds nothing controlRefusal refuses")
    func controlBytesCoverControlRefusal() {
        // Every scalar controlRefusal may refuse, alone and inside text, has a byte that mayBeginControl marks.
        let refusable = (0..<0x20).map { Unicode.Scalar(UInt8($0)) } + (0x7F...0x9F).map { Unicode.Scalar(UInt8($0)) }
            + [Unicode.Scalar(0x2028)!, Unicode.Scalar(0x2029)!]
        for scalar in refusable {
            #expect(String(scalar).utf8.contains(where: Cell.mayBeginControl), "U+\(String(scalar.value, radix: 16))")
        }
        // And a random text with none of those bytes is refused by no role for a control character or line break.
        var random = SplitMix64(seed: 0x1310_0034)
        var checked = 0
        for _ in 0..<20_000 {
            let scalars = (0..<random.within(1...6)).compactMap { _ in Unicode.Scalar(UInt32(random.below(0x3100))) }
            let text = String(String.UnicodeScalarView(scalars))
            guard !text.utf8.contains(where: Cell.mayBeginControl) else { continue }
            checked += 1
            for role in [Cell.TextRole.id, .voucher, .name, .text, .value] {
                #expect(Cell.controlRefusal(text, role: role) == nil)
                #expect(Cell.textRefusal(text, role: role, controlsPossible: false) == Cell.textRefusal(text, role: role))
            }
        }
        #expect(checked > 1_000)
    }

    @Test("isScientific's first-byte test answers as the whole test did")
    func scientificFirstByte() {
        var random = SplitMix64(seed: 0x1310_0035)
        let parts = ["1", "2", ".", "E", "e", "+", "-", "0", "A", "车", "9"]
        var scientific = 0
        for _ in 0..<20_000 {
            func digits(_ count: Int) -> String { (0..<count).map { _ in String(random.below(10)) }.joined() }
            // Half of the texts shaped as Excel's scientific notation, now and then broken.
            let text = random.chance(50)
                ? digits(random.below(4)) + (random.chance(50) ? "." + digits(random.below(3)) : "") + random.pick(["E+", "e+", "E-", "E", "+"])
                    + digits(random.below(4)) + (random.chance(20) ? random.pick(parts) : "")
                : (0..<random.below(9)).map { _ in random.pick(parts) }.joined()
            // The test as it was before the first byte was looked at alone.
            let bytes = Array(text.utf8)
            func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
            var i = 0
            while i < bytes.count, isDigit(bytes[i]) { i += 1 }
            var expected = i > 0
            if expected, i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                let start = i
                while i < bytes.count, isDigit(bytes[i]) { i += 1 }
                expected = i > start
            }
            if expected {
                expected = i + 3 < bytes.count && (bytes[i] == UInt8(ascii: "E") || bytes[i] == UInt8(ascii: "e")) && bytes[i + 1] == UInt8(ascii: "+")
                    && bytes[(i + 2)...].count >= 2 && bytes[(i + 2)...].allSatisfy(isDigit)
            }
            #expect(Cell.isScientific(text) == expected, "\(text)")
            if expected { scientific += 1 }
        }
        #expect(scientific > 1_000)
    }
}
