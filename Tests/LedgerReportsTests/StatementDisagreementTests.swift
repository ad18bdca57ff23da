import LedgerChain
import LedgerEvents
import LedgerProjections
@testable import LedgerReports
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// Review 38c #3: `ledger balances` showed the last bank statement of the latest statement date beside the book
/// balance, even when another statement of that date stated another balance — one of two disagreeing statements
/// silently dropped. Statements of one date that agree are shown once; ones that disagree are all shown, in log
/// order, with a note naming each.
@Suite struct StatementDisagreementTests {
    static let opening = [
        #"{"id":"c1","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C-T","name":"测试小区","street":"S","residents_committee":"R","total_area_m2":"3000.00","total_owners":300}}"#,
        #"{"id":"f1","type":"fund.opened","occurred_on":"2024-01-01","data":{"fund_id":"F-PI","community_id":"C-T","kind":"public_income","account":"PI"}}"#,
        #"{"id":"i1","type":"fund.income","occurred_on":"2025-07-01","data":{"fund_id":"F-PI","amount_fen":100000,"counterparty":"某公司","voucher":"V1","category":"leasing"}}"#,
    ]

    static func statement(_ id: String, _ day: String, _ fen: Int64) -> String {
        #"{"id":"\#(id)","type":"fund.balance_asserted","occurred_on":"\#(day)","data":{"fund_id":"F-PI","balance_fen":\#(fen),"statement_ref":"对账单 \#(id)"}}"#
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let statements: [String]
        /// The row's statement date, balance and difference cells in the table, and the CSV's.
        let table: (date: String, balance: String, difference: String)
        let csv: String
        /// The statements the note names, or empty for no note.
        let noted: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "one statement", statements: [statement("s1", "2025-07-31", 100_000)],
             table: ("2025-07-31", "1,000.00", "0.00"), csv: "2025-07-31,1000.00,0.00,", noted: []),
        Case(name: "an earlier date disagreeing is history", statements: [statement("s1", "2025-07-15", 90_000), statement("s2", "2025-07-31", 100_000)],
             table: ("2025-07-31", "1,000.00", "0.00"), csv: "2025-07-31,1000.00,0.00,", noted: []),
        Case(name: "two of one date that agree", statements: [statement("s1", "2025-07-31", 100_000), statement("s2", "2025-07-31", 100_000)],
             table: ("2025-07-31", "1,000.00", "0.00"), csv: "2025-07-31,1000.00,0.00,", noted: []),
        Case(name: "two of one date that disagree", statements: [statement("s1", "2025-07-31", 100_000), statement("s2", "2025-07-31", 110_000)],
             table: ("2025-07-31", "1,000.00 / 1,100.00", "0.00 / 100.00"), csv: "2025-07-31,,,\"", noted: ["s1", "s2"]),
        Case(name: "the later one first in the log", statements: [statement("s1", "2025-07-31", 110_000), statement("s2", "2025-07-31", 100_000)],
             table: ("2025-07-31", "1,100.00 / 1,000.00", "100.00 / 0.00"), csv: "2025-07-31,,,\"", noted: ["s1", "s2"]),
        Case(name: "three of one date, two agreeing", statements: [statement("s1", "2025-07-31", 100_000), statement("s2", "2025-07-31", 95_000),
                                                                   statement("s3", "2025-07-31", 100_000)],
             table: ("2025-07-31", "1,000.00 / 950.00", "0.00 / -50.00"), csv: "2025-07-31,,,\"", noted: ["s1", "s2"]),
    ]

    static func projection(_ c: Case) throws -> Projection {
        Projection(records: try SampleRecords.records(lines: opening + c.statements), asOf: CalendarDate(iso: "2025-12-31")!)
    }

    @Test(arguments: cases)
    func theLatestStatementsAreNeverReducedToOneSilently(_ c: Case) throws {
        let p = try Self.projection(c)
        for language in [ReportLanguage.en, .zh] {
            let text = String(decoding: ProjectionReports.balances(p, filter: EntityFilter(), by: .fund, format: .table, language: language), as: UTF8.self)
            let row = try #require(text.split(separator: "\n").first { $0.contains("F-PI") && $0.contains("2025-07") }.map(String.init), "\(text)")
            #expect(row.contains(c.table.date) && row.contains(c.table.balance) && row.hasSuffix(c.table.difference), "\(row)")
            let note = text.split(separator: "\n").filter { $0.hasPrefix("Note:") || $0.hasPrefix("注意：") }
            if c.noted.isEmpty {
                #expect(note.isEmpty, "\(text)")
            } else {
                #expect(note.count == 1, "\(text)")
                for id in c.noted { #expect(note.first?.contains("对账单 \(id)") ?? false, "\(text)") }
                #expect(note.first?.contains(language == .zh ? "有 \(c.noted.count) 份余额不一致的银行对账单" : "has \(c.noted.count) bank statements of 2025-07-31 that disagree") ?? false, "\(text)")
            }
        }
        // The CSV's numeric columns stay numbers or blank; disagreeing statements are named in statement_note.
        let csv = String(decoding: ProjectionReports.balances(p, filter: EntityFilter(), by: .fund, format: .csv), as: UTF8.self)
        #expect(csv.contains(",statement_date,statement_balance,difference,statement_note\r\n"), "\(csv)")
        #expect(csv.contains(",1000.00," + c.csv + (c.noted.isEmpty ? "\r\n" : "")), "\(csv)")
        #expect(!csv.contains(" / "), "\(csv)")
        let csvRow = try #require(csv.split(separator: "\r\n").first { $0.contains("F-PI") }.map(String.init))
        for id in c.noted { #expect(csvRow.contains("对账单 \(id)"), "\(csvRow)") }
        #expect(csvRow.contains("\(c.noted.count) bank statements of 2025-07-31 that disagree") == !c.noted.isEmpty, "\(csvRow)")
        // In the language asked for (review 40h #7: the Chinese CSV's note was English).
        let zh = String(decoding: ProjectionReports.balances(p, filter: EntityFilter(), by: .fund, format: .csv, language: .zh), as: UTF8.self)
        let zhRow = try #require(zh.split(separator: "\r\n").first { $0.contains("F-PI") }.map(String.init))
        #expect(zhRow.contains("有 \(c.noted.count) 份余额不一致的银行对账单") == !c.noted.isEmpty, "\(zhRow)")
        // JSON lists every statement check, each with its reference.
        let json = String(decoding: ProjectionReports.balances(p, filter: EntityFilter(), by: .fund, format: .json), as: UTF8.self)
        for statement in c.statements {
            let id = String(statement.dropFirst(7).prefix { $0 != "\"" })
            #expect(json.contains("\"statement_ref\":\"对账单 \(id)\""), "\(json)")
        }
    }

    /// Seeded: whatever balances the statements of the latest date state, the row shows each distinct one once, in
    /// the order first recorded, and a note exactly when there are several.
    @Test func randomStatementsOfOneDate() throws {
        var random = SyntheticRandom(seed: 0x38C3)
        for _ in 0..<40 {
            let count = Int.random(in: 1...4, using: &random)
            let balances = (0..<count).map { _ in Int64.random(in: 0...3, using: &random) * 10_000 + 100_000 }
            let statements = balances.enumerated().map { Self.statement("s\($0.offset)", "2025-07-31", $0.element) }
            var distinct: [Int64] = []
            for b in balances where !distinct.contains(b) { distinct.append(b) }
            let p = Projection(records: try SampleRecords.records(lines: Self.opening + statements), asOf: CalendarDate(iso: "2025-12-31")!)
            let csv = String(decoding: ProjectionReports.balances(p, filter: EntityFilter(), by: .fund, format: .csv), as: UTF8.self)
            if distinct.count == 1 {
                #expect(csv.contains(",2025-07-31,\(Amount(fen: distinct[0]).yuanText),\(Amount(fen: distinct[0] - 100_000).yuanText),\r\n"), "\(balances): \(csv)")
            } else {
                #expect(csv.contains(",2025-07-31,,,\"\(distinct.count) bank statements of 2025-07-31 that disagree: "), "\(balances): \(csv)")
            }
            let text = String(decoding: ProjectionReports.balances(p, filter: EntityFilter(), by: .fund, format: .table), as: UTF8.self)
            #expect(text.contains("\nNote: F-PI has \(distinct.count) bank statements") == (distinct.count > 1), "\(balances): \(text)")
        }
    }
}
