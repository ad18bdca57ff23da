import LedgerEvents
import Testing

/// Valid payloads of every type, and each structural rejection with its exact message.
@Suite struct DomainPayloadTests {
    static func json(_ text: String) -> [String: JSONValue] {
        guard case .object(let members) = try! JSONParser.parse(Array(text.utf8)) else { fatalError("not an object: \(text)") }
        return members
    }

    static let date = CalendarDate(iso: "2025-03-01")!

    /// One valid payload per event type; every type must appear (checked below).
    static let valid: [(String, String)] = [
        ("community.registered", #"{"community_id":"C-1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"52000.00","total_owners":480}"#),
        ("asset.registered", #"{"asset_id":"A-1","community_id":"C-1","kind":"parking","name":"车位1","location":"东侧","area_m2":"12.5","registered_on":"2024-01-08","source":{"kind":"import","import_id":"I-1","row":3},"attributes":{"编号":"P1"}}"#),
        ("asset.updated", #"{"asset_id":"A-1","changes":{"area_m2":"12.60","name":"车位一"},"source":{"kind":"manual"}}"#),
        ("asset.retired", #"{"asset_id":"A-1","reason":"拆除"}"#),
        ("register.imported", #"{"import_id":"I-1","file_name":"台账.csv","file_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","rows_read":3,"rows_new":2,"rows_updated":1,"rows_unchanged":0}"#),
        ("fund.opened", #"{"fund_id":"F-1","community_id":"C-1","kind":"public_income","account":"6230"}"#),
        ("decision.recorded", #"{"decision_id":"D-1","community_id":"C-1","matter":"change_use_or_operate","participating_area_m2":"40000.00","participating_owners":400,"approving_area_m2":"30000","approving_owners":300,"authorises":{"asset_ids":["A-1"],"amount_cap_fen":100000},"valid_until":"2025-12-31"}"#),
        ("contract.signed", #"{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1"],"counterparty":"公司","purpose":"停车","start_on":"2025-03-01","end_on":"2025-03-01","rent_fen":0,"rent_period":"once"}"#),
        ("contract.terminated", #"{"contract_id":"K-1","reason":"协商解除"}"#),
        ("use.started", #"{"use_id":"U-1","asset_id":"A-1","user":"舞蹈队","purpose":"活动","authority":{"decision_id":"D-1"}}"#),
        ("use.ended", #"{"use_id":"U-1"}"#),
        ("inspection.recorded", #"{"asset_id":"A-1","observed":"damaged","inspector":"王强"}"#),
        ("occupation.reported", #"{"occupation_id":"O-1","asset_id":"A-1","occupant":"住户","description":"堆物"}"#),
        ("occupation.cleared", #"{"occupation_id":"O-1"}"#),
        ("fund.income", #"{"fund_id":"F-1","amount_fen":1,"counterparty":"公司","voucher":"SJ-1","category":"parking","source":{"contract_id":"K-1"}}"#),
        ("fund.spending", #"{"fund_id":"F-1","amount_fen":1000000000000,"counterparty":"公司","voucher":"FP-1","purpose":"维修","emergency":{"type":"漏水","evidence":"报告"},"asset_ids":["A-1"]}"#),
        ("fund.transfer", #"{"from_fund_id":"F-1","to_fund_id":"F-2","amount_fen":500,"voucher":"ZZ-1"}"#),
        ("fund.balance_asserted", #"{"fund_id":"F-1","balance_fen":0,"statement_ref":"对账单"}"#),
        ("disclosure.published", #"{"community_id":"C-1","fund_ids":["F-1"],"period_from":"2024-01-01","period_to":"2024-12-31","location":"公示栏"}"#),
        ("correction", #"{"corrects":"ev-1","reason":"录入错误","replacement":{"type":"fund.income","occurred_on":"2025-02-01","data":{"fund_id":"F-1","amount_fen":100,"counterparty":"公司","voucher":"SJ-1","category":"parking"}}}"#),
        ("rectification.issued", #"{"list_id":"L-1","community_id":"C-1","as_of":"2025-02-28","at_seq":40,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2025-03-01","items":[{"key":"OCC-01/A-1/O-1/2025-01-10","responsible":"业主委员会","deadline":"2025-03-31"},{"key":"CON-07/K-1","responsible":"公司","deadline":"2025-04-30"}]}"#),
        ("rectification.reported", #"{"list_id":"L-1","keys":["OCC-01/A-1/O-1/2025-01-10"],"reported_by":"物业服务企业","measures":"已清理","evidence":[{"kind":"photo","ref":"现场.jpg","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},{"kind":"voucher","ref":"SJ-1"}]}"#),
        ("rectification.verified", #"{"list_id":"L-1","keys":["OCC-01/A-1/O-1/2025-01-10"],"result":"rejected","reason":"现场仍有堆物","verified_by":"街道 王强"}"#),
        ("rectification.extended", #"{"list_id":"L-1","keys":["CON-07/K-1"],"deadline":"2025-05-31","reason":"承租人分期缴纳"}"#),
        ("personal_data.erased", #"{"commitments":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"],"reason":"本人申请删除","legal_basis":"《中华人民共和国个人信息保护法》第四十七条","request_ref":"PIPL-2026-01"}"#),
        // Personal fields held as commitments (ledger-spec.md 10.3).
        ("occupation.reported", #"{"occupation_id":"O-1","asset_id":"A-1","occupant":{"commitment":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},"description":"堆物"}"#),
        ("use.started", #"{"use_id":"U-1","asset_id":"A-1","user":{"commitment":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},"purpose":"停车"}"#),
        ("fund.income", #"{"fund_id":"F-1","amount_fen":1,"counterparty":{"commitment":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},"voucher":"SJ-1","category":"parking"}"#),
        ("rectification.verified", #"{"list_id":"L-1","keys":["K"],"result":"closed","verified_by":{"commitment":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}}"#),
    ]

    @Test func everyTypeHasAValidExample() {
        #expect(Set(Self.valid.map(\.0)) == Set(EventType.allCases.map(\.rawValue)))
    }

    @Test(arguments: valid.map { [$0.0, $0.1] })
    func acceptsValidPayload(pair: [String]) throws {
        let payload = try DomainEvent.decode(type: pair[0], occurredOn: Self.date, data: Self.json(pair[1]))
        #expect(payload.type.rawValue == pair[0])
    }

    @Test func decodesTypedValues() throws {
        let decision = try DomainEvent.decode(type: "decision.recorded", occurredOn: Self.date, data: Self.json(Self.valid[6].1))
        guard case .decisionRecorded(let d) = decision else { Issue.record("not a decision"); return }
        #expect(d.approvingArea.units == 3_000_000)
        #expect(d.authorises.amountCap == Amount(fen: 100_000))
        #expect(d.matter.needsThreeQuarters && d.matter.article278Item == 8)
        let correction = try DomainEvent.decode(type: "correction", occurredOn: Self.date, data: Self.json(Self.valid[19].1))
        guard case .correction(let c) = correction, case .fundIncome(let income)? = c.replacement?.payload else {
            Issue.record("not a correction with an income"); return
        }
        #expect(income.amount.fen == 100 && c.replacement?.occurredOn == CalendarDate(iso: "2025-02-01"))
    }

    struct Rejection: Sendable, CustomTestStringConvertible {
        let type: String
        let data: String
        let field: String
        let reason: String
        var testDescription: String { "\(type) \(field)" }
    }

    static let rejections: [Rejection] = [
        Rejection(type: "occupation.reported", data: #"{"occupation_id":"O-1","asset_id":"A-1","occupant":{"commitment":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"},"description":"d"}"#,
                  field: "data.occupant", reason: "must be a string, or an object with exactly one member \"commitment\" holding 64 lower-case hex digits (personal data, ledger-spec.md 10.3)"),
        Rejection(type: "occupation.reported", data: #"{"occupation_id":"O-1","asset_id":"A-1","occupant":{"commitment":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","value":"张三"},"description":"d"}"#,
                  field: "data.occupant", reason: "must be a string, or an object with exactly one member \"commitment\" holding 64 lower-case hex digits (personal data, ledger-spec.md 10.3)"),
        Rejection(type: "occupation.reported", data: #"{"occupation_id":"O-1","asset_id":"A-1","occupant":{"person":"张三"},"description":"d"}"#,
                  field: "data.occupant", reason: "{\"person\": …} is turned into a commitment by ledger append; a record holds {\"commitment\": \"<64 hex>\"}"),
        Rejection(type: "occupation.reported", data: #"{"occupation_id":"O-1","asset_id":"A-1","occupant":"住户","description":{"commitment":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}}"#,
                  field: "data.description", reason: "must be a string; personal data ({\"person\": …}) is allowed only in counterparty, inspector, occupant, reported_by, responsible, user, verified_by"),
        Rejection(type: "fund.income", data: #"{"fund_id":"F-1","amount_fen":1,"voucher":"v","category":"c"}"#,
                  field: "data.counterparty", reason: "missing; give a non-empty string, or {\"commitment\": \"<64 hex>\"} for a private person"),
        Rejection(type: "personal_data.erased", data: #"{"commitments":[],"reason":"r","legal_basis":"b"}"#,
                  field: "data.commitments", reason: "must name at least one commitment"),
        Rejection(type: "personal_data.erased", data: #"{"commitments":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],"reason":"r","legal_basis":"b"}"#,
                  field: "data.commitments[1]", reason: "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\" is listed twice"),
        Rejection(type: "personal_data.erased", data: #"{"commitments":["张三"],"reason":"r","legal_basis":"b"}"#,
                  field: "data.commitments[0]", reason: "\"张三\" is not a commitment; write its 64 lower-case hex digits"),
        Rejection(type: "personal_data.erased", data: #"{"commitments":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],"reason":"r"}"#,
                  field: "data.legal_basis", reason: "missing; give a non-empty string"),
        Rejection(type: "personal_data.erased", data: #"{"commitments":["aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],"reason":"r","legal_basis":"b","person":"张三"}"#,
                  field: "data.person", reason: "unknown field; personal_data.erased allows only commitments, legal_basis, reason, request_ref"),
        Rejection(type: "rectification.issued", data: #"{"list_id":"L-1","community_id":"C-1","as_of":"2025-03-02","at_seq":4,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2025-03-01","items":[{"key":"K","responsible":"r","deadline":"2025-03-31"}]}"#,
                  field: "data.as_of", reason: "2025-03-02 is after the date of issue 2025-03-01; a list is issued after its check date"),
        Rejection(type: "rectification.issued", data: #"{"list_id":"L-1","community_id":"C-1","as_of":"2025-02-28","at_seq":4,"report_sha256":"E3B0","report_format":"html","report_lang":"zh","prepared_on":"2025-03-01","items":[{"key":"K","responsible":"r","deadline":"2025-03-31"}]}"#,
                  field: "data.report_sha256", reason: "\"E3B0\" is not a SHA-256 digest; write 64 lower-case hex digits (sha256sum FILE)"),
        Rejection(type: "rectification.issued", data: #"{"list_id":"L-1","community_id":"C-1","as_of":"2025-02-28","at_seq":4,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"pdf","report_lang":"zh","prepared_on":"2025-03-01","items":[{"key":"K","responsible":"r","deadline":"2025-03-31"}]}"#,
                  field: "data.report_format", reason: "\"pdf\" is not a format; use one of csv, html, json, md, table"),
        Rejection(type: "rectification.issued", data: #"{"list_id":"L-1","community_id":"C-1","as_of":"2025-02-28","at_seq":4,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2025-03-01","items":[]}"#,
                  field: "data.items", reason: "must name at least one finding"),
        Rejection(type: "rectification.issued", data: #"{"list_id":"L-1","community_id":"C-1","as_of":"2025-02-28","at_seq":4,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2025-03-01","items":[{"key":"K","responsible":"r","deadline":"2025-03-31"},{"key":"K","responsible":"r","deadline":"2025-03-31"}]}"#,
                  field: "data.items[1].key", reason: "\"K\" is issued twice in this list"),
        Rejection(type: "rectification.issued", data: #"{"list_id":"L-1","community_id":"C-1","as_of":"2025-02-28","at_seq":4,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2025-03-01","items":[{"key":"K","responsible":"r","deadline":"2025-02-28"}]}"#,
                  field: "data.items[0].deadline", reason: "2025-02-28 is before the date of issue 2025-03-01"),
        Rejection(type: "rectification.issued", data: #"{"list_id":"L-1","community_id":"C-1","as_of":"2025-02-28","at_seq":4,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2025-03-01","items":[{"key":"OCC 01","responsible":"r","deadline":"2025-03-31"}]}"#,
                  field: "data.items[0].key", reason: "\"OCC 01\" contains a space, quote, backslash or control character; write the key as the list prints it"),
        Rejection(type: "rectification.reported", data: #"{"list_id":"L-1","keys":["K"],"reported_by":"r","measures":"m","evidence":[{"kind":"photo","ref":"a.jpg"}]}"#,
                  field: "data.evidence[0].sha256", reason: "missing; a photo is bound by the SHA-256 of its file (sha256sum FILE)"),
        Rejection(type: "rectification.reported", data: #"{"list_id":"L-1","keys":["K"],"reported_by":"r","measures":"m","evidence":[{"kind":"voucher","ref":"V","sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}]}"#,
                  field: "data.evidence[0].sha256", reason: "is only for a photo or document; a voucher is named by its ref"),
        Rejection(type: "rectification.reported", data: #"{"list_id":"L-1","keys":["K"],"reported_by":"r","measures":"m","evidence":[]}"#,
                  field: "data.evidence", reason: "must name at least one piece of evidence (voucher, photo, contract, decision, document)"),
        Rejection(type: "rectification.reported", data: #"{"list_id":"L-1","keys":["K"],"reported_by":"r","measures":"m","evidence":[{"kind":"video","ref":"v"}]}"#,
                  field: "data.evidence[0].kind", reason: "\"video\" is not allowed; use one of voucher, photo, contract, decision, document"),
        Rejection(type: "rectification.verified", data: #"{"list_id":"L-1","keys":["K"],"result":"rejected","verified_by":"v"}"#,
                  field: "data.reason", reason: "missing; say why the re-check did not accept the measures"),
        Rejection(type: "rectification.verified", data: #"{"list_id":"L-1","keys":["K","K"],"result":"closed","verified_by":"v"}"#,
                  field: "data.keys[1]", reason: "\"K\" is listed twice"),
        Rejection(type: "rectification.extended", data: #"{"list_id":"L-1","keys":["K"],"deadline":"2025-02-28","reason":"r"}"#,
                  field: "data.deadline", reason: "2025-02-28 is before the date of the extension 2025-03-01"),
        Rejection(type: "fund.incme", data: "{}", field: "type",
                  reason: "unknown event type \"fund.incme\"; use one of \(EventType.allNames)"),
        Rejection(type: "fund.income", data: #"{"fund_id":"F-1","amount_fen":0,"counterparty":"a","voucher":"v","category":"c"}"#,
                  field: "data.amount_fen", reason: "0 is not an amount: nothing is recorded for ¥0.00; give at least ¥0.01 (1 fen)"),
        Rejection(type: "fund.income", data: #"{"fund_id":"F-1","amount_fen":-5,"counterparty":"a","voucher":"v","category":"c"}"#,
                  field: "data.amount_fen", reason: "-5 fen (-¥0.05) is negative; an amount is at least ¥0.01 (1 fen); a negative income is money paid back out of the fund (a refund): record it as a fund.spending of {\"amount_fen\": 5}; if the income recorded earlier was wrong, correct that record (a correction) instead. Do not just drop the sign: that would record it as income"),
        Rejection(type: "fund.spending", data: #"{"fund_id":"F-1","amount_fen":1000000000001,"counterparty":"a","voucher":"v","purpose":"p"}"#,
                  field: "data.amount_fen", reason: "1000000000001 fen (¥10,000,000,000.01) is more than ¥10,000,000,000.00, the largest amount allowed"),
        Rejection(type: "fund.income", data: #"{"fund_id":"F-1","amount_fen":"12.50","counterparty":"a","voucher":"v","category":"c"}"#,
                  field: "data.amount_fen", reason: "\"12.50\" is a string; give the amount in fen as a JSON integer, e.g. 123450 for ¥1,234.50"),
        Rejection(type: "fund.income", data: #"{"fund_id":"F-1","counterparty":"a","voucher":"v","category":"c"}"#,
                  field: "data.amount_fen", reason: "missing; give an amount in fen as an integer, e.g. 123450 for ¥1,234.50"),
        Rejection(type: "fund.income", data: #"{"fund_id":"F-1","amount":100,"amount_fen":100,"counterparty":"a","voucher":"v","category":"c"}"#,
                  field: "data.amount", reason: "unknown field; fund.income allows only amount_fen, category, counterparty, fund_id, source, voucher"),
        Rejection(type: "fund.income", data: #"{"fund_id":"F 1","amount_fen":100,"counterparty":"a","voucher":"v","category":"c"}"#,
                  field: "data.fund_id", reason: EventInput.idProblem("F 1")!),
        Rejection(type: "fund.income", data: #"{"fund_id":"F-1","amount_fen":100,"counterparty":" ","voucher":"v","category":"c"}"#,
                  field: "data.counterparty", reason: "must not be empty"),
        Rejection(type: "fund.income", data: #"{"fund_id":"F-1","amount_fen":100,"counterparty":"a","voucher":7,"category":"c"}"#,
                  field: "data.voucher", reason: "must be a string, found an integer"),
        Rejection(type: "fund.opened", data: #"{"fund_id":"F-1","community_id":"C-1","kind":"savings","account":"x"}"#,
                  field: "data.kind", reason: "\"savings\" is not allowed; use one of public_income, maintenance, governance, other"),
        Rejection(type: "asset.registered", data: #"{"asset_id":"A-1","community_id":"C-1","kind":"parking","name":"n","location":"l","area_m2":"12.345","registered_on":"2024-01-08","source":{"kind":"manual"}}"#,
                  field: "data.area_m2", reason: "\"12.345\" is not an area; write m² with at most two decimals, e.g. \"35.50\""),
        Rejection(type: "asset.registered", data: #"{"asset_id":"A-1","community_id":"C-1","kind":"parking","name":"n","location":"l","area_m2":12,"registered_on":"2024-01-08","source":{"kind":"manual"}}"#,
                  field: "data.area_m2", reason: "must be a decimal string such as \"35.50\" (not an integer); areas are never JSON numbers"),
        Rejection(type: "asset.registered", data: #"{"asset_id":"A-1","community_id":"C-1","kind":"parking","name":"n","location":"l","area_m2":"12","registered_on":"2024-02-30","source":{"kind":"manual"}}"#,
                  field: "data.registered_on", reason: "\"2024-02-30\" is not a date; write a real calendar date as YYYY-MM-DD, e.g. 2025-06-30"),
        Rejection(type: "asset.registered", data: #"{"asset_id":"A-1","community_id":"C-1","kind":"pool","name":"n","location":"l","area_m2":"12","registered_on":"2024-01-08","source":{"kind":"manual"}}"#,
                  field: "data.kind", reason: "\"pool\" is not allowed; use one of parking, club_room, roof, basement, advertising, green_area, corridor, other"),
        Rejection(type: "asset.registered", data: #"{"asset_id":"A-1","community_id":"C-1","kind":"roof","name":"n","location":"l","area_m2":"12","registered_on":"2024-01-08","source":{"kind":"excel"}}"#,
                  field: "data.source.kind", reason: "\"excel\" is not a source; use \"import\" (with import_id and row) or \"manual\""),
        Rejection(type: "asset.registered", data: #"{"asset_id":"A-1","community_id":"C-1","kind":"roof","name":"n","location":"l","area_m2":"12","registered_on":"2024-01-08","source":{"kind":"import","import_id":"I-1","row":0}}"#,
                  field: "data.source.row", reason: "0 is too small; it must be at least 1"),
        Rejection(type: "asset.updated", data: #"{"asset_id":"A-1","changes":{},"source":{"kind":"manual"}}"#,
                  field: "data.changes", reason: "must change at least one of area_m2, attributes, kind, location, name"),
        Rejection(type: "asset.updated", data: #"{"asset_id":"A-1","changes":{"community_id":"C-2"},"source":{"kind":"manual"}}"#,
                  field: "data.changes.community_id", reason: "unknown field; data.changes of asset.updated allows only area_m2, attributes, kind, location, name"),
        Rejection(type: "community.registered", data: #"{"community_id":"C-1","name":"n","street":"s","residents_committee":"r","total_area_m2":"0.00","total_owners":10}"#,
                  field: "data.total_area_m2", reason: "must be greater than 0"),
        Rejection(type: "community.registered", data: #"{"community_id":"C-1","name":"n","street":"s","residents_committee":"r","total_area_m2":"10.00","total_owners":0}"#,
                  field: "data.total_owners", reason: "0 is too small; it must be at least 1"),
        Rejection(type: "contract.signed", data: #"{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1"],"counterparty":"c","purpose":"p","start_on":"2025-03-01","end_on":"2025-02-28","rent_fen":100,"rent_period":"month"}"#,
                  field: "data.end_on", reason: "2025-02-28 is before start_on 2025-03-01; a contract ends on or after its first day"),
        Rejection(type: "contract.signed", data: #"{"contract_id":"K-1","community_id":"C-1","asset_ids":[],"counterparty":"c","purpose":"p","start_on":"2025-03-01","end_on":"2025-03-28","rent_fen":100,"rent_period":"month"}"#,
                  field: "data.asset_ids", reason: "must name at least one id"),
        Rejection(type: "contract.signed", data: #"{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1","A-1"],"counterparty":"c","purpose":"p","start_on":"2025-03-01","end_on":"2025-03-28","rent_fen":100,"rent_period":"month"}"#,
                  field: "data.asset_ids[1]", reason: "\"A-1\" is listed twice"),
        Rejection(type: "contract.signed", data: #"{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-1"],"counterparty":"c","purpose":"p","start_on":"2025-03-01","end_on":"2025-03-28","rent_fen":100,"rent_period":"weekly"}"#,
                  field: "data.rent_period", reason: "\"weekly\" is not allowed; use one of month, quarter, year, once"),
        Rejection(type: "decision.recorded", data: #"{"decision_id":"D-1","community_id":"C-1","matter":"change_use_or_operate","participating_area_m2":"100","participating_owners":10,"approving_area_m2":"100.01","approving_owners":5,"authorises":{}}"#,
                  field: "data.approving_area_m2", reason: "100.01 m² is more than the participating area 100.00 m²"),
        Rejection(type: "decision.recorded", data: #"{"decision_id":"D-1","community_id":"C-1","matter":"change_use_or_operate","participating_area_m2":"100","participating_owners":10,"approving_area_m2":"80","approving_owners":11,"authorises":{}}"#,
                  field: "data.approving_owners", reason: "11 is more than the 10 participating owners"),
        Rejection(type: "decision.recorded", data: #"{"decision_id":"D-1","community_id":"C-1","matter":"vote","participating_area_m2":"100","participating_owners":10,"approving_area_m2":"80","approving_owners":8,"authorises":{}}"#,
                  field: "data.matter", reason: "\"vote\" is not allowed; use one of rules_of_procedure, covenant, committee, manager, maintenance_fund_use, maintenance_fund_raising, rebuilding, change_use_or_operate, other_major"),
        Rejection(type: "decision.recorded", data: #"{"decision_id":"D-1","community_id":"C-1","matter":"covenant","participating_area_m2":"100","participating_owners":10,"approving_area_m2":"80","approving_owners":8,"authorises":{},"valid_until":"2025-02-28"}"#,
                  field: "data.valid_until", reason: "2025-02-28 is before the vote date 2025-03-01"),
        Rejection(type: "decision.recorded", data: #"{"decision_id":"D-1","community_id":"C-1","matter":"covenant","participating_area_m2":"100","participating_owners":10,"approving_area_m2":"80","approving_owners":8,"authorises":{"amount_cap_fen":0}}"#,
                  field: "data.authorises.amount_cap_fen", reason: "0 is not an amount: nothing is recorded for ¥0.00; give at least ¥0.01 (1 fen)"),
        Rejection(type: "use.started", data: #"{"use_id":"U-1","asset_id":"A-1","user":"u","purpose":"p","authority":{"contract_id":"K-1","decision_id":"D-1"}}"#,
                  field: "data.authority", reason: "names both a contract and a decision; give the one the use rests on"),
        Rejection(type: "inspection.recorded", data: #"{"asset_id":"A-1","observed":"fine","inspector":"i"}"#,
                  field: "data.observed", reason: "\"fine\" is not allowed; use one of idle, in_use, occupied, damaged"),
        Rejection(type: "fund.spending", data: #"{"fund_id":"F-1","amount_fen":100,"counterparty":"a","voucher":"v","purpose":"p","emergency":{"type":"漏水"}}"#,
                  field: "data.emergency.evidence", reason: "missing; give a non-empty string"),
        Rejection(type: "fund.transfer", data: #"{"from_fund_id":"F-1","to_fund_id":"F-1","amount_fen":100,"voucher":"v"}"#,
                  field: "data.to_fund_id", reason: "is the same fund as from_fund_id; a transfer moves money between two funds"),
        Rejection(type: "fund.balance_asserted", data: #"{"fund_id":"F-1","balance_fen":-1,"statement_ref":"s"}"#,
                  field: "data.balance_fen", reason: "-1 fen (-¥0.01) is negative; an amount is at least ¥0.00 (0 fen)"),
        Rejection(type: "disclosure.published", data: #"{"community_id":"C-1","fund_ids":["F-1"],"period_from":"2025-01-01","period_to":"2024-12-31","location":"l"}"#,
                  field: "data.period_to", reason: "2024-12-31 is before period_from 2025-01-01"),
        Rejection(type: "disclosure.published", data: #"{"community_id":"C-1","fund_ids":["F-1"],"period_from":"2025-04-01","period_to":"2025-06-30","location":"l"}"#,
                  field: "data.period_from", reason: "2025-04-01 is after the publication date 2025-03-01; a disclosure covers a past period"),
        Rejection(type: "register.imported", data: #"{"import_id":"I-1","file_name":"f","file_sha256":"ABC","rows_read":1,"rows_new":1,"rows_updated":0,"rows_unchanged":0}"#,
                  field: "data.file_sha256", reason: "\"ABC\" is not a SHA-256 digest; write 64 lower-case hex digits"),
        Rejection(type: "correction", data: #"{"corrects":"ev-1"}"#,
                  field: "data.reason", reason: "missing; give a non-empty string"),
        Rejection(type: "correction", data: #"{"corrects":"ev-1","reason":"r","replacement":{"type":"correction","occurred_on":"2025-01-01","data":{}}}"#,
                  field: "data.replacement.type", reason: "\"correction\" cannot replace an event; use the corrected event's type"),
        // The replacement's payload is checked with its own type's schema, which the message names.
        Rejection(type: "fund.income", data: #"{"corrects":"ev-1","reason":"r","replacement":{"type":"fund.income","occurred_on":"2025-01-01","data":{"fund_id":"F-1","amount_fen":0,"counterparty":"a","voucher":"v","category":"c"}}}"#,
                  field: "data.replacement.data.amount_fen", reason: "0 is not an amount: nothing is recorded for ¥0.00; give at least ¥0.01 (1 fen)"),
    ]

    @Test(arguments: rejections)
    func rejectsWithMessage(_ c: Rejection) {
        #expect(throws: EventError.payload(EventError.PayloadProblem(type: c.type, field: c.field, reason: c.reason))) {
            try DomainEvent.decode(type: c.data.contains("\"corrects\"") ? "correction" : c.type, occurredOn: Self.date, data: Self.json(c.data))
        }
    }

    @Test func messageNamesTypeAndField() {
        let error = EventError.payload(EventError.PayloadProblem(type: "fund.income", field: "data.amount_fen", reason: "r"))
        #expect(error.description == "fund.income: field \"data.amount_fen\": r")
    }

    @Test func thresholdsFollowArticle278() {
        let threeQuarters = DecisionMatter.allCases.filter(\.needsThreeQuarters).map(\.article278Item)
        #expect(threeQuarters == [6, 7, 8])
        #expect(DecisionMatter.allCases.map(\.article278Item) == Array(1...9))
    }
}
