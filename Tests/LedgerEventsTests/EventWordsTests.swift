import LedgerEvents
import Testing

/// The event layer's messages in both languages: the English is what it always was, the Chinese names the field as
/// the spec writes it with its label beside it, and says what is allowed.
@Suite struct EventWordsTests {
    static let date = CalendarDate(iso: "2025-06-30")!

    struct Case: Sendable, CustomTestStringConvertible {
        let type: String
        let data: String
        let en: String
        let zh: String
        var testDescription: String { "\(type) \(data)" }
    }

    static let payloadCases: [Case] = [
        Case(type: "fund.income", data: #"{"fund_id":"F-1","counterparty":"公司","voucher":"V","category":"parking"}"#,
             en: #"fund.income: field "data.amount_fen": missing; give an amount in fen as an integer, e.g. 123450 for ¥1,234.50"#,
             zh: #"fund.income：字段“data.amount_fen”（金额（分））：缺少；请填写以分为单位的整数金额，例如 ¥1,234.50 写作 123450"#),
        Case(type: "fund.income", data: #"{"fund_id":"F-1","amount_fen":"300","counterparty":"公司","voucher":"V","category":"parking"}"#,
             en: #"fund.income: field "data.amount_fen": "300" is a string; give the amount in fen as a JSON integer, e.g. 123450 for ¥1,234.50"#,
             zh: #"fund.income：字段“data.amount_fen”（金额（分））："300" 是字符串；请以分为单位写成 JSON 整数，例如 ¥1,234.50 写作 123450"#),
        Case(type: "fund.income", data: #"{"fund_id":"F-1","amount_fen":300,"counterparty":"公司","voucher":"V","category":"parking","colour":1}"#,
             en: #"fund.income: field "data.colour": unknown field; fund.income allows only amount_fen, category, counterparty, fund_id, source, voucher"#,
             zh: #"fund.income：字段“data.colour”：不是可用字段；fund.income 只允许以下字段：amount_fen, category, counterparty, fund_id, source, voucher"#),
        Case(type: "fund.transfer", data: #"{"from_fund_id":"F-1","to_fund_id":"F-1","amount_fen":500,"voucher":"ZZ-1"}"#,
             en: #"fund.transfer: field "data.to_fund_id": is the same fund as from_fund_id; a transfer moves money between two funds"#,
             zh: #"fund.transfer：字段“data.to_fund_id”（转入账户）：与 from_fund_id（转出账户）是同一个资金账户；划转须在两个不同的账户之间进行"#),
        Case(type: "contract.signed", data: #"{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1","A-1"],"counterparty":"公司","purpose":"停车","start_on":"2025-01-01","end_on":"2025-12-31","rent_fen":1,"rent_period":"month"}"#,
             en: #"contract.signed: field "data.asset_ids[1]": "A-1" is listed twice"#,
             zh: #"contract.signed：字段“data.asset_ids[1]”（共有部分编号）：“A-1”重复列出"#),
        Case(type: "contract.signed", data: #"{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1"],"counterparty":"公司","purpose":"停车","start_on":"2025-01-01","end_on":"2024-12-31","rent_fen":1,"rent_period":"weekly"}"#,
             en: #"contract.signed: field "data.rent_period": "weekly" is not allowed; use one of month, quarter, year, once"#,
             zh: #"contract.signed：字段“data.rent_period”（租金周期）："weekly" 不是可选的值；请用以下之一：month, quarter, year, once"#),
        Case(type: "asset.registered", data: #"{"asset_id":"A-1","community_id":"C-1","kind":"parking","name":"车位","location":"B1","area_m2":12,"registered_on":"2025-01-01","source":{"kind":"manual"}}"#,
             en: #"asset.registered: field "data.area_m2": must be a decimal string such as "35.50" (not an integer); areas are never JSON numbers"#,
             zh: #"asset.registered：字段“data.area_m2”（面积（平方米））：须为写成字符串的小数，例如 "35.50"（不能是整数）；面积从不写成 JSON 数字"#),
        Case(type: "inspection.recorded", data: #"{"asset_id":"A-1","observed":"damaged","inspector":7}"#,
             en: #"inspection.recorded: field "data.inspector": must be a string, found an integer"#,
             zh: #"inspection.recorded：字段“data.inspector”（巡查人）：须为字符串，实为整数"#),
        Case(type: "fund.opened", data: #"{}"#,
             en: #"fund.opened: field "data.fund_id": missing; give an id such as F-0001"#,
             zh: #"fund.opened：字段“data.fund_id”（资金账户）：缺少；请填写编号，例如 F-0001"#),
        Case(type: "disclosure.published", data: #"{"community_id":"C-1","fund_ids":["F-1"],"period_from":"2024-12-31","period_to":"2024-01-01","location":"公示栏"}"#,
             en: #"disclosure.published: field "data.period_to": 2024-01-01 is before period_from 2024-12-31"#,
             zh: #"disclosure.published：字段“data.period_to”（期间止）：2024-01-01 早于 period_from（期间起）2024-12-31"#),
        Case(type: "fund.paid", data: #"{}"#,
             en: #"fund.paid: field "type": unknown event type "fund.paid"; use one of \#(EventType.allNames)"#,
             zh: #"fund.paid：字段“type”（类型）：未知的事件类型“fund.paid”；请用以下之一：\#(EventType.allNames)"#),
    ]

    @Test(arguments: payloadCases)
    func payloadErrorInBothLanguages(_ c: Case) throws {
        guard case .object(let data) = try JSONParser.parse(c.data) else { Issue.record("not an object"); return }
        do throws(EventError) {
            _ = try DomainEvent.decode(type: c.type, occurredOn: Self.date, data: data)
            Issue.record("accepted")
        } catch {
            #expect(error.description == c.en)
            #expect(error.wording.en == c.en)
            #expect(error.wording.zh == c.zh)
        }
    }

    struct LineCase: Sendable, CustomTestStringConvertible {
        let line: String
        let en: String
        let zh: String
        var testDescription: String { line }
    }

    static let lineCases: [LineCase] = [
        LineCase(line: #"{"type":"fund.income","occurred_on":"2025-06-31","data":{}}"#,
                 en: #"e.jsonl:3: field "occurred_on": "2025-06-31" is not a date; write a real calendar date as YYYY-MM-DD, e.g. 2025-06-30"#,
                 zh: #"e.jsonl 第 3 行：字段“occurred_on”（发生日期）："2025-06-31" 不是日期；请按 YYYY-MM-DD 填写实际存在的日期，例如 2025-06-30"#),
        LineCase(line: #"{"type":"fund.income","occurred_on":"2025-06-30","data":{"amount":"3000.555"}}"#,
                 en: #"e.jsonl:3: field "data.amount": "3000.555" has 3 decimal places; at most 2 are allowed (a fen, 0.01, is the smallest unit); write yuan such as "3000", "3,000.00", "¥3000.5" or "3000元" (at most two decimals)"#,
                 zh: #"e.jsonl 第 3 行：字段“data.amount”（金额（元））："3000.555" 有 3 位小数；最多允许 2 位（最小单位是分，即 0.01）；请以元为单位填写，例如“3000”、“3,000.00”、“¥3000.5”或“3000元”（最多两位小数）"#),
        LineCase(line: #"{"type":"fund.income", "occurred_on":"2025-06-30" "data":{}}"#,
                 en: #"e.jsonl:3: not valid JSON: ',' or '}' was expected (at byte 51)"#,
                 zh: #"e.jsonl 第 3 行：不是合法的 JSON：此处应有 ',' 或 '}'（第 51 字节处）"#),
        LineCase(line: #"{"type":"Fund","occurred_on":"2025-06-30","data":{}}"#,
                 en: #"e.jsonl:3: field "type": "Fund" is not a type name; use lower-case words joined by . or _, e.g. fund.income"#,
                 zh: #"e.jsonl 第 3 行：字段“type”（类型）：“Fund”不是类型名；请用以 . 或 _ 连接的小写英文词，例如 fund.income"#),
        LineCase(line: #"{"id":"a b","type":"fund.income","occurred_on":"2025-06-30","data":{}}"#,
                 en: #"e.jsonl:3: field "id": "a b" contains a space, quote, backslash or control character; ids are single words like A-0001"#,
                 zh: #"e.jsonl 第 3 行：字段“id”（事件编号）：“a b”含有空格、引号、反斜杠或控制字符；编号须是一个连续的词，如 A-0001"#),
        LineCase(line: #"{"type":"fund.income","occurred_on":"2025-06-30","actor":" ","data":{}}"#,
                 en: #"e.jsonl:3: field "actor": actor " " is empty or only white space; name who records the event"#,
                 zh: #"e.jsonl 第 3 行：字段“actor”（记录人）：记录人“ ”为空或只有空白；请写明由谁记录这一事件"#),
        LineCase(line: #"[1]"#,
                 en: #"e.jsonl:3: an event must be a JSON object, found an array"#,
                 zh: #"e.jsonl 第 3 行：每个事件须为一个 JSON 对象，实为数组"#),
        LineCase(line: #"{"type":"fund.income","occurred_on":"2025-06-30","data":{"amount":"1","amount_fen":100}}"#,
                 en: #"e.jsonl:3: field "data.amount": is given beside amount_fen; give the amount once, in yuan as amount ("3000.50") or in fen as amount_fen (300050)"#,
                 zh: #"e.jsonl 第 3 行：字段“data.amount”（金额（元））：与 amount_fen 同时给出；金额只写一次：以元为单位写 amount（“3000.50”），或以分为单位写 amount_fen（300050）"#),
        // A decimal JSON number (issue 15): the advice follows the member's unit. An integer "amount" is yuan, so
        // "write money as integer fen" would have a clerk record 3000.5 as ¥300,050.
        LineCase(line: #"{"type":"fund.income","occurred_on":"2025-06-30","data":{"amount":3000.5}}"#,
                 en: #"e.jsonl:3: not valid JSON: 3000.5 is a JSON number with a decimal point or exponent, which is not accepted; "amount" is yuan: write it as text, {"amount": "3000.5"}, or give whole fen in "amount_fen", {"amount_fen": 300050} (at byte 67)"#,
                 zh: #"e.jsonl 第 3 行：不是合法的 JSON：3000.5 是带小数点或指数的 JSON 数字，不接受；“amount”的单位是元，带小数请写成文字 {"amount": "3000.5"}，或在“amount_fen”中写以分为单位的整数 {"amount_fen": 300050}（第 67 字节处）"#),
        LineCase(line: #"{"type":"fund.income","occurred_on":"2025-06-30","data":{"amount_fen":3000.5}}"#,
                 en: #"e.jsonl:3: not valid JSON: 3000.5 is a JSON number with a decimal point or exponent, which is not accepted; "amount_fen" is whole fen as a JSON integer: for ¥3,000.50 write {"amount_fen": 300050}; to write yuan, use "amount" with text: {"amount": "3000.5"} (at byte 71)"#,
                 zh: #"e.jsonl 第 3 行：不是合法的 JSON：3000.5 是带小数点或指数的 JSON 数字，不接受；“amount_fen”是以分为单位的 JSON 整数：3,000.50元应写作 {"amount_fen": 300050}；要写元，请用“amount”并写成文字 {"amount": "3000.5"}（第 71 字节处）"#),
        LineCase(line: #"{"type":"contract.signed","occurred_on":"2025-06-30","data":{"rent":1200.5}}"#,
                 en: #"e.jsonl:3: not valid JSON: 1200.5 is a JSON number with a decimal point or exponent, which is not accepted; "rent" is yuan: write it as text, {"rent": "1200.5"}, or give whole fen in "rent_fen", {"rent_fen": 120050} (at byte 69)"#,
                 zh: #"e.jsonl 第 3 行：不是合法的 JSON：1200.5 是带小数点或指数的 JSON 数字，不接受；“rent”的单位是元，带小数请写成文字 {"rent": "1200.5"}，或在“rent_fen”中写以分为单位的整数 {"rent_fen": 120050}（第 69 字节处）"#),
        LineCase(line: #"{"type":"asset.registered","occurred_on":"2025-06-30","data":{"area_m2":35.5}}"#,
                 en: #"e.jsonl:3: not valid JSON: 35.5 is a JSON number with a decimal point or exponent, which is not accepted; write "area_m2" as text: {"area_m2": "35.5"} (at byte 73)"#,
                 zh: #"e.jsonl 第 3 行：不是合法的 JSON：35.5 是带小数点或指数的 JSON 数字，不接受；“area_m2”请写成文字 {"area_m2": "35.5"}（第 73 字节处）"#),
        // Review B14: a number yuan text does not take either (an exponent, three decimals) is not offered back
        // as the text to write. Review 35e m4: its value is, in the form to write (1e3 is 1000 fen; 12.500 is 12.5).
        LineCase(line: #"{"type":"fund.income","occurred_on":"2025-06-30","data":{"amount_fen":1e3}}"#,
                 en: #"e.jsonl:3: not valid JSON: 1e3 is a JSON number with a decimal point or exponent, which is not accepted; "amount_fen" is whole fen as a JSON integer in plain digits: 1e3 is {"amount_fen": 1000} (¥10.00) (at byte 71)"#,
                 zh: #"e.jsonl 第 3 行：不是合法的 JSON：1e3 是带小数点或指数的 JSON 数字，不接受；“amount_fen”是以分为单位的 JSON 整数，须直接写出各位数字：1e3 应写作 {"amount_fen": 1000}（10.00元）（第 71 字节处）"#),
        LineCase(line: #"{"type":"fund.income","occurred_on":"2025-06-30","data":{"amount_fen":12.500}}"#,
                 en: #"e.jsonl:3: not valid JSON: 12.500 is a JSON number with a decimal point or exponent, which is not accepted; "amount_fen" is whole fen as a JSON integer: for ¥12.50 write {"amount_fen": 1250}; to write yuan, use "amount" with text: {"amount": "12.50"} (at byte 71)"#,
                 zh: #"e.jsonl 第 3 行：不是合法的 JSON：12.500 是带小数点或指数的 JSON 数字，不接受；“amount_fen”是以分为单位的 JSON 整数：12.50元应写作 {"amount_fen": 1250}；要写元，请用“amount”并写成文字 {"amount": "12.50"}（第 71 字节处）"#),
        LineCase(line: #"{"type":"fund.income","occurred_on":"2025-06-30","data":{"amount":12.500}}"#,
                 en: #"e.jsonl:3: not valid JSON: 12.500 is a JSON number with a decimal point or exponent, which is not accepted; "amount" is yuan: write it as text, {"amount": "12.50"}, or give whole fen in "amount_fen", {"amount_fen": 1250} (at byte 67)"#,
                 zh: #"e.jsonl 第 3 行：不是合法的 JSON：12.500 是带小数点或指数的 JSON 数字，不接受；“amount”的单位是元，带小数请写成文字 {"amount": "12.50"}，或在“amount_fen”中写以分为单位的整数 {"amount_fen": 1250}（第 67 字节处）"#),
        LineCase(line: #"{"type":"fund.income","occurred_on":"2025-06-30","data":{"amount":1e3}}"#,
                 en: #"e.jsonl:3: not valid JSON: 1e3 is a JSON number with a decimal point or exponent, which is not accepted; "amount" is yuan: write it as text, {"amount": "1000.00"}, or give whole fen in "amount_fen", {"amount_fen": 100000} (at byte 67)"#,
                 zh: #"e.jsonl 第 3 行：不是合法的 JSON：1e3 是带小数点或指数的 JSON 数字，不接受；“amount”的单位是元，带小数请写成文字 {"amount": "1000.00"}，或在“amount_fen”中写以分为单位的整数 {"amount_fen": 100000}（第 67 字节处）"#),
        LineCase(line: #"{"type":"fund.income","occurred_on":"2025-06-30","data":{"amount":3000.555}}"#,
                 en: #"e.jsonl:3: not valid JSON: 3000.555 is a JSON number with a decimal point or exponent, which is not accepted; "amount" is yuan: write it as text, {"amount": "3000.50"}, or give whole fen in "amount_fen", {"amount_fen": 300050} (at byte 67)"#,
                 zh: #"e.jsonl 第 3 行：不是合法的 JSON：3000.555 是带小数点或指数的 JSON 数字，不接受；“amount”的单位是元，带小数请写成文字 {"amount": "3000.50"}，或在“amount_fen”中写以分为单位的整数 {"amount_fen": 300050}（第 67 字节处）"#),
        LineCase(line: #"{"type":"fund.income","occurred_on":"2025-06-30","data":{"asset_ids":[1e3]}}"#,
                 en: #"e.jsonl:3: not valid JSON: 1e3 is a JSON number with a decimal point or exponent, which is not accepted; money is yuan as text in "amount" ({"amount": "3000.50"}) or whole fen in "amount_fen" ({"amount_fen": 300050}); other decimals are text, e.g. "35.50" (at byte 71)"#,
                 zh: #"e.jsonl 第 3 行：不是合法的 JSON：1e3 是带小数点或指数的 JSON 数字，不接受；金额请在“amount”中以文字写元（{"amount": "3000.50"}），或在“amount_fen”中写以分为单位的整数（{"amount_fen": 300050}）；其他小数写成文字，例如 {"area_m2": "35.50"}（第 71 字节处）"#),
    ]

    @Test(arguments: lineCases)
    func eventLineErrorInBothLanguages(_ c: LineCase) {
        do throws(EventError) {
            _ = try EventInput.parse(line: Array(c.line.utf8), source: "e.jsonl", lineNumber: 3)
            Issue.record("accepted")
        } catch {
            #expect(error.description == c.en)
            #expect(error.wording.zh == c.zh)
        }
    }

    /// Every decimal refusal has its own Chinese phrase.
    @Test func decimalRefusalsInChinese() {
        let refusals: [EventError] = [.empty, .notANumber, .tooManyDecimals(written: 3, allowed: 2), .tooManyDecimals(written: 1, allowed: 0),
                                      .ambiguousComma, .negative, .tooLarge(limit: "10000000000.00"),
                                      .zerosOrThousandsPoint(decimal: "3.00", thousands: "3000"), .scientificNotation].map { .decimal($0) }
        let chinese = refusals.map { $0.wording.zh }
        #expect(Set(chinese).count == refusals.count)
        for (refusal, zh) in zip(refusals, chinese) {
            #expect(refusal.wording.en == refusal.description)
            #expect(zh.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(refusal)")
        }
    }

    /// Every field name of every payload has a Chinese label.
    @Test func everyPayloadFieldHasALabel() {
        for name in ["amount_fen", "balance_fen", "rent_fen", "amount_cap_fen", "fund_id", "community_id", "asset_ids", "counterparty",
                     "voucher", "category", "start_on", "end_on", "occurred_on", "approving_area_m2", "participating_owners",
                     "statement_ref", "decision_id", "contract_id", "purpose", "observed", "inspector"] {
            #expect(FieldLabels.label(path: "data." + name) != nil, "\(name)")
        }
        #expect(FieldLabels.label(path: "data.authorises.asset_ids[1]") == "共有部分编号")
    }

    /// Every JSON problem has words of its own in both languages (`EventError.json`, `EventWords.JSON`).
    @Test func everyJSONProblemInBothLanguages() {
        let problems: [EventError.JSONProblem] = [
            .invalidUTF8, .trailingText, .endExpectingValue, .unexpectedCharacter, .depth, .keyExpected, .colonExpected,
            .duplicateKey(key: "k"), .equivalentKey(key: "Cafe\u{301}", earlier: "Caf\u{E9}"), .endInObject, .commaOrBrace, .endInArray, .commaOrBracket, .unterminatedString,
            .controlCharacter, .unterminatedEscape, .unknownEscape(letter: "q"), .stringTooLong, .stringTooLongAsWritten,
            .unknownLiteral, .leadingZeros, .integerRange, .digitExpected, .fraction(member: nil, written: "1.5"), .negativeZero, .unpairedSurrogate,
            .incompleteEscape, .badHexDigit, .keysNotCanonical, .slashEscapeNotCanonical, .unicodeEscapeNotCanonical,
        ]
        let words = problems.map { EventWords.JSON.reason($0) }
        #expect(Set(words.map(\.en)).count == problems.count)
        #expect(Set(words.map(\.zh)).count == problems.count)
        for (problem, word) in zip(problems, words) {
            #expect(word.zh.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(problem)")
            #expect(EventError.json(byteOffset: 4, problem: problem).description == word.en + " (at byte 5)")
        }
    }

    /// The validator verify uses refuses what is not canonical in the words of the module, Chinese too (its
    /// reasons were English only), and where the parser refuses the same thing it says the same.
    @Test func theValidatorsRefusalsInBothLanguages() {
        func refusal(_ text: String) -> EventError? {
            let bytes = Array(text.utf8)
            do { _ = try JSONValidator.validateCanonicalValue(in: bytes[...], from: 0); return nil } catch { return error }
        }
        #expect(refusal(#"{"b":1,"a":2}"#) == .json(byteOffset: 7, problem: .keysNotCanonical))
        #expect(refusal(#"{"b":1,"a":2}"#)?.wording.zh == "对象的键不是规范顺序（须按 UTF-8 字节排序，且不重复）（第 8 字节处）")
        #expect(refusal(#"["a\/b"]"#) == .json(byteOffset: 3, problem: .slashEscapeNotCanonical))
        #expect(refusal(#"["\u0041"]"#) == .json(byteOffset: 2, problem: .unicodeEscapeNotCanonical))
        #expect(refusal(#"["\q"]"#) == .json(byteOffset: 2, problem: .unknownEscape(letter: "q")))
        for text in [#"{1:2}"#, "[\"a\u{01}\"]"] {
            let parser: EventError?
            do { _ = try JSONParser.parse(text); parser = nil } catch { parser = error }
            #expect(refusal(text) == parser, "\(text)")
        }
    }
}
