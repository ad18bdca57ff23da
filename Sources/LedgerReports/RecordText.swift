import LedgerEvents

/// A record's data in words for people (`ledger log`, `ledger show`): what kind of event it is, then each field as
/// `name value` — amounts in yuan, areas in m², codes as words in Chinese — in the order ledger-spec.md section 10
/// lists them. Field names stay as the spec writes them; in Chinese each carries its Chinese label beside it
/// (`金额(amount_fen) 150000分（1,500.00元）`: a `_fen` field shows its stored fen, then yuan, so the name and its
/// value agree). The stored data itself is shown by the csv, json and `--raw` forms.
public enum RecordText {
    /// What the record of `type` with `data` says, on one line. `data` should already show personal fields as
    /// their values (`PersonalNames.revealing`).
    public static func describe(type: String, data: [String: JSONValue], _ language: ReportLanguage) -> String {
        let title = Self.title(type, language)
        let fields = fieldsText(data, type: type, order: order[type] ?? [], language)
        return fields.isEmpty ? title : title + (language == .zh ? "：" : ": ") + fields
    }

    static func fieldsText(_ data: [String: JSONValue], type: String?, order: [String], _ language: ReportLanguage) -> String {
        let keys = order.filter { data[$0] != nil } + data.keys.filter { !order.contains($0) }.sorted()
        var parts: [String] = []
        for key in keys {
            guard let value = data[key] else { continue }
            if case .null = value { continue }
            parts.append(name(key, type: type, language) + " " + text(key, value, language))
        }
        return parts.joined(separator: language == .zh ? "，" : ", ")
    }

    /// `amount_fen` in English; `金额(amount_fen)` in Chinese. The counterparty of a record of `type` is named as the
    /// import templates name it: 付款方 of an income, 收款方 of a spending, 承租方 of a contract (相对方 elsewhere).
    static func name(_ key: String, type: String?, _ language: ReportLanguage) -> String {
        guard language == .zh,
              let label = (key == "counterparty" ? type.flatMap { counterpartyLabels[$0] } : nil) ?? fieldLabels[key] ?? ReportWords.label(key)
        else { return key }
        return label + "(" + key + ")"
    }

    static func text(_ key: String, _ value: JSONValue, _ language: ReportLanguage) -> String {
        switch value {
        case .null: return language == .zh ? "无" : "none"
        case .bool(let b): return language == .zh ? (b ? "是" : "否") : (b ? "yes" : "no")
        case .integer(let n):
            // The stored fen, then yuan: `150000分（1,500.00元）`, `150000 (¥1,500.00)`.
            if key.hasSuffix("_fen") {
                let yuan = Format.money(Amount(fen: n), language)
                return language == .zh ? "\(n)分（\(yuan)）" : "\(n) (\(yuan))"
            }
            return String(n)
        case .string(let s):
            if key.hasSuffix("_m2") { return s + (language == .zh ? "平方米" : " m²") }
            if key == "category" || key == "purpose_category" { return ReportWords.category(s, language) }
            if ["kind", "matter", "observed", "rent_period", "result", "report_lang"].contains(key) {
                return language == .zh ? ReportWords.word(s, language) : s
            }
            return s
        case .array(let items):
            let texts = items.map { text(key, $0, language) }
            if items.allSatisfy({ if case .object = $0 { return true } else { return false } }) {
                return texts.map { "[" + $0 + "]" }.joined(separator: " ")
            }
            return texts.joined(separator: " ")
        case .object(let members):
            // A correction's replacement is an event of its own: its type and date, then its data in words.
            if key == "replacement", case .string(let type)? = members["type"], case .object(let data)? = members["data"] {
                let date = members["occurred_on"]?.stringValue.map { " " + $0 } ?? ""
                return "{" + type + date + " " + describe(type: type, data: data, language) + "}"
            }
            return "{" + fieldsText(members, type: nil, order: [], language) + "}"
        }
    }

    /// The counterparty's label per record type, as the import templates head the column (`FactVocabulary`).
    static let counterpartyLabels = ["fund.income": "付款方", "fund.spending": "收款方", "contract.signed": "承租方"]

    /// Labels of fields that the report columns do not name.
    static let fieldLabels: [String: String] = [
        "community_id": "小区", "fund_id": "资金账户", "asset_id": "共有部分", "asset_ids": "共有部分", "contract_id": "合同",
        "decision_id": "决定", "use_id": "使用", "occupation_id": "占用", "import_id": "导入", "list_id": "清单",
        "amount_fen": "金额", "balance_fen": "余额", "rent_fen": "租金", "amount_cap_fen": "金额上限",
        "counterparty": "相对方", "voucher": "凭证", "source": "来源", "category": "类别", "purpose": "用途",
        "purpose_category": "支出类别", "emergency": "紧急情况", "from_fund_id": "转出账户", "to_fund_id": "转入账户",
        "statement_ref": "对账单", "account": "账户", "kind": "类型", "name": "名称", "location": "位置",
        "area_m2": "面积", "attributes": "属性", "changes": "变更", "reason": "原因", "street": "街道",
        "residents_committee": "居委会", "total_area_m2": "总面积", "total_owners": "业主人数", "matter": "事项",
        "participating_area_m2": "参与面积", "participating_owners": "参与人数", "approving_area_m2": "同意面积",
        "approving_owners": "同意人数", "authorises": "授权", "valid_until": "有效期至", "start_on": "起始日",
        "end_on": "到期日", "rent_period": "计租周期", "payee_fund_id": "收款账户", "user": "使用人", "authority": "依据",
        "observed": "巡查所见", "inspector": "巡查人", "note": "备注", "occupant": "占用人", "description": "情况",
        "file_name": "文件名", "file_sha256": "文件SHA-256", "rows_read": "读取行数", "rows_new": "新增行数",
        "rows_updated": "更新行数", "rows_unchanged": "未变行数", "row": "行", "fund_ids": "资金账户",
        "period_from": "期间起", "period_to": "期间止", "corrects": "更正", "replacement": "替换为",
        "commitments": "承诺值", "legal_basis": "法律依据", "request_ref": "申请编号", "items": "事项",
        "key": "编号", "responsible": "责任方", "deadline": "期限", "keys": "编号", "reported_by": "报告人",
        "measures": "措施", "evidence": "依据", "ref": "引用", "sha256": "SHA-256", "result": "结果",
        "verified_by": "复核人", "as_of": "检查日期", "at_seq": "记录数", "report_sha256": "清单SHA-256",
        "report_format": "格式", "report_lang": "语言", "prepared_on": "制表日期", "registered_on": "登记日期",
        "planned_use": "规划用途", "type": "类型", "warranty_end": "保修期至", "occurred_on": "日期",
    ]

    /// An event type's title: in Chinese its one name (`EventType.chineseName`, shared with the import messages).
    static func title(_ type: String, _ language: ReportLanguage) -> String {
        if language == .zh { return EventType(rawValue: type)?.chineseName ?? type }
        return englishTitles[type] ?? type
    }

    static let englishTitles: [String: String] = [
        "community.registered": "community registered",
        "asset.registered": "asset registered",
        "asset.updated": "asset updated",
        "asset.retired": "asset retired",
        "register.imported": "register imported",
        "fund.opened": "fund opened",
        "decision.recorded": "owners' decision",
        "contract.signed": "contract signed",
        "contract.terminated": "contract terminated",
        "use.started": "use started",
        "use.ended": "use ended",
        "inspection.recorded": "inspection",
        "occupation.reported": "occupation reported",
        "occupation.cleared": "occupation cleared",
        "fund.income": "income",
        "fund.spending": "spending",
        "fund.transfer": "transfer",
        "fund.balance_asserted": "bank statement balance",
        "disclosure.published": "disclosure published",
        "rectification.issued": "rectification list issued",
        "rectification.reported": "rectification reported",
        "rectification.verified": "rectification verified",
        "rectification.extended": "rectification deadline extended",
        "personal_data.erased": "personal data erased",
        "correction": "correction",
    ]

    /// The spec's order of each type's fields (section 10.2); fields not listed follow in name order.
    static let order: [String: [String]] = [
        "community.registered": ["community_id", "name", "street", "residents_committee", "total_area_m2", "total_owners"],
        "asset.registered": ["asset_id", "community_id", "kind", "name", "location", "area_m2", "planned_use", "attributes", "source"],
        "asset.updated": ["asset_id", "changes"],
        "asset.retired": ["asset_id", "reason"],
        "register.imported": ["import_id", "file_name", "file_sha256", "rows_read", "rows_new", "rows_updated", "rows_unchanged", "community_id"],
        "fund.opened": ["fund_id", "community_id", "kind", "account"],
        "decision.recorded": ["decision_id", "community_id", "matter", "participating_area_m2", "participating_owners",
                              "approving_area_m2", "approving_owners", "authorises", "valid_until"],
        "contract.signed": ["contract_id", "community_id", "asset_ids", "counterparty", "purpose", "start_on", "end_on", "rent_fen",
                            "rent_period", "decision_id", "payee_fund_id"],
        "contract.terminated": ["contract_id", "reason"],
        "use.started": ["use_id", "asset_id", "user", "purpose", "authority"],
        "use.ended": ["use_id"],
        "inspection.recorded": ["asset_id", "observed", "inspector", "note"],
        "occupation.reported": ["occupation_id", "asset_id", "occupant", "description"],
        "occupation.cleared": ["occupation_id", "note"],
        "fund.income": ["fund_id", "amount_fen", "counterparty", "voucher", "source", "category"],
        "fund.spending": ["fund_id", "amount_fen", "counterparty", "voucher", "purpose", "purpose_category", "decision_id", "emergency", "asset_ids"],
        "fund.transfer": ["from_fund_id", "to_fund_id", "amount_fen", "voucher", "decision_id"],
        "fund.balance_asserted": ["fund_id", "balance_fen", "statement_ref"],
        "disclosure.published": ["community_id", "fund_ids", "period_from", "period_to", "location"],
        "rectification.issued": ["list_id", "community_id", "as_of", "at_seq", "report_sha256", "report_format", "report_lang",
                                 "prepared_on", "items"],
        "rectification.reported": ["list_id", "keys", "reported_by", "measures", "evidence"],
        "rectification.verified": ["list_id", "keys", "result", "reason", "verified_by"],
        "rectification.extended": ["list_id", "keys", "deadline", "reason"],
        "personal_data.erased": ["commitments", "reason", "legal_basis", "request_ref"],
        "correction": ["corrects", "reason", "replacement"],
    ]
}
