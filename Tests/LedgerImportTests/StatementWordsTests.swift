@testable import LedgerImport
import LedgerEvents
import LedgerProjections
import Testing

/// The pieces the session 30 statement fixes rest on: direction words, headings qualified by a direction, mapping
/// keys that keep a trailing bracket, and which recorded facts came from an imported file's row.
struct StatementWordsTests {
    /// From the account holder's side, as the credit (贷方金额) and debit (借方金额) columns are read.
    @Test(arguments: [("贷", true), ("贷方", true), ("收", true), ("收入", true), ("转入", true), ("存入", true), ("C", true),
                      ("cr", true), (" Credit ", true), ("CR.", true), ("借", false), ("借方", false), ("支", false), ("支出", false),
                      ("转出", false), ("支取", false), ("D", false), ("Dr", false), ("DEBIT", false), ("付", false)])
    func directionWords(_ text: String, _ incoming: Bool) {
        #expect(StatementDirection.read(text) == incoming)
    }

    @Test(arguments: ["", "X", "转账", "消费", "-", "+", "借贷", "1", "贷借"])
    func notDirectionWords(_ text: String) {
        #expect(StatementDirection.read(text) == nil)
    }

    @Test func qualifiedHeadings() {
        let table: [(String, StatementField?)] = [
            ("交易金额(收入)", .credit), ("交易金额（支出）", .debit), ("交易金额[转入]", .credit), ("交易金额【转出】", .debit),
            ("发生额(贷)", .credit), ("金额 (借方)", .debit), ("Amount (Credit)", .credit), ("amount(debit)", .debit),
            ("交易金额(元)", nil), ("交易金额", nil), ("余额(收入)", nil), ("(收入)", nil), ("对方(支出)", nil),
        ]
        for (heading, field) in table { #expect(StatementField.qualified(heading) == field, "\(heading)") }
    }

    @Test func mappingKeysKeepTheTrailingBracket() throws {
        let bytes = Array(#"{"columns":{"交易金额(收入)":"credit","交易金额（支出）":"debit","记账金额(元)":"amount","对方账号":"ignore"}}"#.utf8)
        let columns = try StatementOptions.columns(bytes: bytes, fileName: "m.json")
        #expect(columns["交易金额(收入)"] == .some(.credit))
        #expect(columns["交易金额(支出)"] == .some(.debit))
        // Two headings that read alike without their brackets name nothing by that reading.
        #expect(columns["交易金额"] == nil)
        // A heading with a unit names the file's heading without it, as before.
        #expect(columns["记账金额"] == .some(.amount))
        #expect(columns["记账金额(元)"] == .some(.amount))
        #expect(columns["对方账号"] == .some(nil))
        let same = try StatementOptions.columns(bytes: Array(#"{"columns":{"金额(元)":"amount","金额（人民币）":"amount"}}"#.utf8), fileName: "m.json")
        #expect(same["金额"] == .some(.amount))
    }

    @Test func importedRowsAreKnownByTheirEventID() {
        func fact(_ id: String, replacedBy correction: String? = nil) -> EffectiveFact {
            let original = Evidence(seq: 1, eventID: id)
            let payload = DomainEvent.fundIncome(FundIncome(fundID: "F-1", amount: Amount(fen: 100), counterparty: "某人", voucher: "V1", category: "parking"))
            return correction.map {
                EffectiveFact(position: 1, evidence: Evidence(seq: 2, eventID: $0), replaces: original,
                              occurredOn: CalendarDate(year: 2025, month: 1, day: 1)!, actor: "t", payload: payload)
            } ?? EffectiveFact(position: 1, evidence: original, replaces: nil, occurredOn: CalendarDate(year: 2025, month: 1, day: 1)!,
                               actor: "t", payload: payload)
        }
        for id in ["imp-0123456789abcdef-r2", "imp-0123456789abcdef-2-r15", "imp-ffffffffffffffff-r100000"] {
            #expect(StatementImport.importID(ofRow: fact(id)) != nil, "\(id)")
            #expect(StatementImport.importID(ofRow: fact(id, replacedBy: "corr-1")) != nil, "\(id)")
            #expect(StatementImport.importID(ofRow: fact(id)).map { id.hasPrefix($0 + "-r") } == true, "\(id)")
        }
        for id in ["ev-0023", "imp-0123456789abcdef", "imp-0123456789abcdef-balance", "imp-0123456789ABCDEF-r2", "imp-0123456789abcde-r2",
                   "imp-0123456789abcdef-r", "imp-0123456789abcdef-2-", "imp-0123456789abcdef-rx", "imp-0123456789abcdef-2-r2x"] {
            #expect(StatementImport.importID(ofRow: fact(id)) == nil, "\(id)")
        }
        #expect(StatementImport.importID(ofRow: fact("ev-1", replacedBy: "imp-0123456789abcdef-r2")) == nil)
    }
}
