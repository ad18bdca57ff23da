@testable import LedgerEvents
import Testing

/// Review 35c at `ledger append`'s door: a negative amount in a yuan member, however the sign or the brackets are
/// written, and a negative `amount_fen`, say where such money belongs (a negative income is a spending, a negative
/// spending an income, a negative transfer runs the other way), never just "it is negative".
@Suite struct NegativeYuanAtTheDoorTests {
    static func refusal(type: String, data: String) -> EventError? {
        let line = #"{"type":"\#(type)","occurred_on":"2025-06-30","data":\#(data)}"#
        do throws(EventError) {
            _ = try EventInput.parse(line: Array(line.utf8), source: "e.jsonl", lineNumber: 3)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        (#""-100""#, "100"), (#""-¥100""#, "¥100"), (#""¥-100""#, "¥100"), (#""￥-100""#, "￥100"), (#""－100""#, "100"),
        (#""(100.00)""#, "100.00"), (#""（100）""#, "100"), (#""100-""#, "100"), (#""-100元""#, "100元"), (#""¥ -100""#, "¥100"),
        ("-100", "100"),
    ])
    func everyNegativeFormOfAnIncomeIsASpending(written: String, magnitude: String) throws {
        let error = try #require(Self.refusal(type: "fund.income", data: #"{"amount":\#(written)}"#), "\(written) accepted")
        #expect(error.description.contains(#"field "data.amount": "#), "\(error.description)")
        #expect(error.description.contains(#"a negative income is money paid back out of the fund (a refund): record it as a fund.spending of "\#(magnitude)""#),
                "\(written): \(error.description)")
        #expect(error.wording.zh.contains(#"收入为负数的，是从资金账户退出的款项（退款），应记为一笔支出（fund.spending），金额填 "\#(magnitude)""#),
                "\(written): \(error.wording.zh)")
    }

    @Test func bothLanguagesInFull() throws {
        let error = try #require(Self.refusal(type: "fund.spending", data: #"{"amount":"¥-100"}"#))
        #expect(error.description == #"e.jsonl:3: field "data.amount": "¥-100" is negative; a negative spending is money paid back into the fund (a refund received): record it as a fund.income of "¥100" with the category refund (退回款项); if the spending recorded earlier was wrong, correct that record (a correction) instead. Do not just drop the sign: that would record it as spending"#)
        #expect(error.wording.zh == #"e.jsonl 第 3 行：字段“data.amount”（金额（元））："¥-100" 是负数；支出为负数的，是退回资金账户的款项，应记为一笔收入（fund.income），金额填 "¥100"，类别填 refund（退回款项）；原支出记录有误的，应以更正事件（correction）更正原记录。不得仅去掉负号，否则会误记为一笔支出"#)
        let bracketed = try #require(Self.refusal(type: "fund.transfer", data: #"{"amount":"(1,200.00)"}"#))
        #expect(bracketed.description.hasSuffix(#"field "data.amount": "(1,200.00)" is a negative amount in accounting style; a negative transfer is money moving the other way: swap from_fund_id and to_fund_id and write "1,200.00"; if the transfer recorded earlier was wrong, correct that record (a correction) instead"#),
                "\(bracketed.description)")
    }

    /// The schema's refusal of `data` as an event of `type`.
    static func schemaRefusal(type: String, data: String) -> EventError? {
        guard case .object(let members)? = try? JSONParser.parse(Array(data.utf8)) else { return nil }
        do throws(EventError) {
            _ = try DomainEvent.decode(type: type, occurredOn: CalendarDate(iso: "2025-03-01")!, data: members)
            return nil
        } catch {
            return error
        }
    }

    /// In fen, the amount to write is the JSON integer without its sign.
    @Test func aNegativeFenAmountOfAMoneyEvent() throws {
        let income = try #require(Self.schemaRefusal(type: "fund.income", data: #"{"fund_id":"F-1","amount_fen":-500,"counterparty":"a","voucher":"v","category":"c"}"#))
        #expect(income.description.contains(#"-500 fen (-¥5.00) is negative; an amount is at least ¥0.01 (1 fen); a negative income is money paid back out of the fund (a refund): record it as a fund.spending of {"amount_fen": 500}"#),
                "\(income.description)")
        #expect(income.wording.zh.contains(#"-500 分（-5.00元）为负数；金额须至少为 0.01元（1 分）；收入为负数的，是从资金账户退出的款项（退款），应记为一笔支出（fund.spending），金额填 {"amount_fen": 500}"#),
                "\(income.wording.zh)")
        let transfer = try #require(Self.schemaRefusal(type: "fund.transfer", data: #"{"from_fund_id":"F-1","to_fund_id":"F-2","amount_fen":-500,"voucher":"v"}"#))
        #expect(transfer.description.contains("swap from_fund_id and to_fund_id and write {\"amount_fen\": 500}"), "\(transfer.description)")
        // Not a money event: the range alone.
        let balance = try #require(Self.schemaRefusal(type: "fund.balance_asserted", data: #"{"fund_id":"F-1","balance_fen":-1,"statement_ref":"s"}"#))
        #expect(balance.description.contains(#""data.balance_fen": -1 fen (-¥0.01) is negative; an amount is at least ¥0.00 (0 fen)"#), "\(balance.description)")
        #expect(!balance.description.contains("refund"))
    }

    /// Not a negative amount so written: the reader's own reason, no advice built on a guess.
    @Test(arguments: [#""1-00""#, #""--100""#, #""(-100)""#, #""abc""#])
    func otherTextGetsTheReadersReason(written: String) throws {
        let error = try #require(Self.refusal(type: "fund.income", data: #"{"amount":\#(written)}"#))
        #expect(!error.description.contains("refund"), "\(error.description)")
        #expect(error.description.contains("write yuan such as"), "\(error.description)")
    }
}
