import LedgerEvents
@testable import LedgerImport
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Session 30 review, items 1 and 2: a control character (Unicode Cc: C0, DEL, C1) in any cell, and a line break in
/// a cell whose value is one line (an id, a voucher, a name or counterparty, a value read by its parser), are refused
/// by the one rule every importer applies (`Cell.textRefusal`); free text (a purpose, a note, a location) keeps its
/// tabs and line breaks.
struct CellControlTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let role: Cell.TextRole
        var splitByCaller = false
        /// A word of the English reason, nil when the cell is accepted.
        let refused: String?
        var testDescription: String { "\(DisplayText.visible(text)) as \(role)\(splitByCaller ? " (name split by caller)" : "")" }
    }

    static let cases: [Case] = [
        // The reviewer's cells (/tmp/rev30/f/ctl.csv, actl.csv).
        Case(text: "ABC\u{01}Co", role: .name, refused: "control character <U+0001>"),
        Case(text: "fix\u{1B}[31mred", role: .text, refused: "control character <U+001B>"),
        Case(text: "FP\u{00}C3", role: .voucher, refused: "control character <U+0000>"),
        Case(text: "ABC\u{7F}", role: .name, refused: "control character <U+007F>"),
        Case(text: "a\u{85}b", role: .text, refused: "control character <U+0085>"),
        Case(text: "车位\u{01}一", role: .name, splitByCaller: true, refused: "control character <U+0001>"),
        Case(text: "北\u{7F}", role: .text, refused: "control character <U+007F>"),
        // Every role; C1 at both ends of its range.
        Case(text: "停车费\u{80}", role: .value, refused: "control character <U+0080>"),
        Case(text: "100\u{9F}", role: .value, refused: "control character <U+009F>"),
        Case(text: "SJ\u{1F}001", role: .voucher, refused: "control character <U+001F>"),
        Case(text: "备注\u{07}", role: .text, refused: "control character <U+0007>"),
        // Free text keeps tabs and line breaks (a note over lines, Alt+Enter), and U+2028/U+2029 (not controls).
        Case(text: "第一行\n第二行\t备注\r\n第三行", role: .text, refused: nil),
        Case(text: "第一行\u{2028}第二行", role: .text, refused: nil),
        Case(text: "a\u{0B}b", role: .text, refused: "control character <U+000B>"),
        Case(text: "a\u{0C}b", role: .text, refused: "control character <U+000C>"),
        // A line break in a one-line value: the hint of an unbalanced quote (quote2.csv).
        Case(text: "某公司丙,M3,停车费\n2025-05-08,F-HY-PI,200", role: .name, refused: "a quote may be unbalanced"),
        Case(text: "M3\r\nM4", role: .voucher, refused: "line break <U+000D>"),
        Case(text: "100\n2025-05-08", role: .value, refused: "line break <U+000A>"),
        Case(text: "K-1\nK-2", role: .id, refused: "line break <U+000A>"),
        Case(text: "某\u{2028}公司", role: .name, refused: "line break <U+2028>"),
        Case(text: "某\u{85}公司", role: .voucher, refused: "line break <U+0085>"),
        Case(text: "某\t公司", role: .name, refused: "control character <U+0009>"),
        Case(text: "SJ\t001", role: .voucher, refused: "control character <U+0009>"),
        // An id's other controls are the id rules' (`EventInput.idFault`, their own message).
        Case(text: "K\u{01}1", role: .id, refused: nil),
        // A register's asset name leaves its tabs and line breaks to `splitInName` (which lets a held name import again).
        Case(text: "车位\n一", role: .name, splitByCaller: true, refused: nil),
        Case(text: "车位\t一", role: .name, splitByCaller: true, refused: nil),
        Case(text: "车位\u{85}一", role: .name, splitByCaller: true, refused: nil),
        Case(text: "车位\u{7F}", role: .name, splitByCaller: true, refused: "control character <U+007F>"),
        // Text without controls is unaffected.
        Case(text: "青岛海港停车管理有限公司", role: .name, refused: nil),
        Case(text: "FP-2025-0618", role: .voucher, refused: nil),
        Case(text: "王　强 先生", role: .name, refused: nil),
        Case(text: "¥3,000.00", role: .value, refused: nil),
        Case(text: "é ü ñ", role: .text, refused: nil),
    ]

    @Test(arguments: cases) func controlCharactersAndLineBreaks(_ c: Case) {
        let refusal = Cell.textRefusal(c.text, role: c.role, namesSplitByCaller: c.splitByCaller)
        if let word = c.refused {
            #expect(refusal?.reason.contains(word) == true, "\(refusal?.reason ?? "accepted")")
            #expect(refusal?.why.zh.isEmpty == false && refusal?.advice.zh.isEmpty == false)
            // What is allowed instead is said too.
            #expect(refusal?.allowed.contains("save the CSV again") == true, "\(refusal?.allowed ?? "")")
        } else {
            #expect(refusal == nil, "\(refusal?.reason ?? "")")
        }
    }

    @Test func theChineseNamesTheCharacterToo() {
        let control = Cell.textRefusal("ABC\u{7F}", role: .name)
        #expect(control?.why.zh.contains("控制字符 <U+007F>") == true, "\(control?.why.zh ?? "")")
        #expect(control?.advice.zh.contains("只有一行") == true)
        let note = Cell.textRefusal("a\u{1B}b", role: .text)
        #expect(note?.advice.zh.contains("制表符和换行") == true, "\(note?.advice.zh ?? "")")
        let quote = Cell.textRefusal("某公司\n2025", role: .name)
        #expect(quote?.why.zh.contains("引号（\"）不成对") == true, "\(quote?.why.zh ?? "")")
    }

    /// The first scalar the rule refuses, by a plain reading of it: Cc (and U+2028, U+2029 as line breaks) except
    /// what the role allows.
    static func expected(_ text: String, _ role: Cell.TextRole, split: Bool) -> Unicode.Scalar? {
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let control = v <= 0x1F || (0x7F...0x9F).contains(v)
            let lineBreak = [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029].contains(v)
            guard control || lineBreak else { continue }
            switch role {
            case .text: if !control || v == 0x09 || v == 0x0A || v == 0x0D { continue }
            case .id: if !lineBreak { continue }
            case .name where split: if lineBreak || v == 0x09 { continue }
            default: break
            }
            return scalar
        }
        return nil
    }

    /// Seeded: random cells of letters, ideographs, spaces and every kind of control and line break, in every role;
    /// the rule refuses exactly the cells the plain reading refuses, naming the same first character, as a line
    /// break or as a control character.
    @Test func randomCellsAgreeWithAPlainReading() {
        var random = SplitMix64(seed: 30)
        let plain: [Unicode.Scalar] = ["a", "B", "号", "某", " ", "、", "é", "\u{3000}", "\u{A0}", "z"]
        let odd: [Unicode.Scalar] = [0x00, 0x01, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, 0x7F, 0x80, 0x85, 0x9F, 0x2028, 0x2029]
            .map { Unicode.Scalar($0)! }
        let roles: [(Cell.TextRole, Bool)] = [(.text, false), (.name, false), (.name, true), (.voucher, false), (.value, false), (.id, false)]
        var refusedCount = 0
        for _ in 0..<4_000 {
            var text = String(plain[Int(random.next() % UInt64(plain.count))])
            for _ in 0..<Int(random.next() % 8) {
                let pool = random.next() % 4 == 0 ? odd : plain
                text.unicodeScalars.append(pool[Int(random.next() % UInt64(pool.count))])
            }
            let (role, split) = roles[Int(random.next() % UInt64(roles.count))]
            let refusal = Cell.controlRefusal(text, role: role, namesSplitByCaller: split)
            guard let scalar = Self.expected(text, role, split: split) else {
                #expect(refusal == nil, "\(DisplayText.visible(text)) as \(role): \(refusal?.reason ?? "")")
                continue
            }
            refusedCount += 1
            let point = DisplayText.codePoint(scalar)
            let lineBreak = [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029].contains(scalar.value) && role != .text
            #expect(refusal?.reason.contains((lineBreak ? "line break " : "control character ") + point) == true,
                    "\(DisplayText.visible(text)) as \(role): \(refusal?.reason ?? "accepted")")
        }
        #expect(refusedCount > 500, "the cases reach the rule")
    }
}

/// Session 30 review, item 3: the register importer's plan refuses a row whose record would be longer than the log
/// allows, counting every part of the record the writer writes — the actor included.
struct RegisterRecordSizeTests {
    static let header = "编号,小区,类型,名称,位置,面积,登记日期,甲,乙,丙"

    @Test func aRowIsRefusedWhenItsRecordWithTheActorIsTooLong() throws {
        let cell = String(repeating: "x", count: 56_000)
        let text = Self.header + "\nA-1,C-HY,车位,车位1,东,12,2024-03-01,\(cell),\(cell),\(cell)\nA-2,C-HY,车位,车位2,东,12,2024-03-01,y,y,y\n"
        // 168,000 bytes of cells: far from the limit with a short actor ...
        let short = try Fixture.run(Array(text.utf8), options: Fixture.options { $0.actor = "张华" })
        #expect(short.plan.report.problems.isEmpty, "\(short.plan.report.problems.map(\.description))")
        // ... over it with an actor of 900,000 bytes: the record would be refused by the writer, so the plan refuses it.
        let long = try Fixture.run(Array(text.utf8), options: Fixture.options { $0.actor = String(repeating: "a", count: 900_000) })
        let problems = long.plan.report.problems
        #expect(problems.count == 1 && problems.first?.row == 2 && problems.first?.reason.contains("makes a record of at least") == true,
                "\(problems.map(\.description))")
        // Without an actor, the one assumed (`RecordSize.actorBytesAssumed`) is short.
        let none = try Fixture.run(Array(text.utf8))
        #expect(none.plan.report.problems.isEmpty)
    }
}
