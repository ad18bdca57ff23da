/// The Chinese label of each field name the spec writes (ledger-spec.md section 10), shown beside the name under
/// `--lang zh`: `data.amount_fen` → 金额（分）.
public enum FieldLabels {
    /// The label of the last member of `path` (`data.authorises.asset_ids[1]` → asset_ids), or nil when none is known.
    public static func label(path: String) -> String? {
        var last = Substring(path)
        if let dot = last.lastIndex(of: ".") { last = last[last.index(after: dot)...] }
        if let bracket = last.firstIndex(of: "[") { last = last[..<bracket] }
        return labels[String(last)]
    }

    /// Field name → Chinese label.
    public static let labels: [String: String] = [
        "id": "事件编号", "type": "类型", "occurred_on": "发生日期", "actor": "记录人", "data": "内容",
        "account": "账户", "amount_fen": "金额（分）", "amount": "金额（元）", "amount_cap_fen": "金额上限（分）",
        "amount_cap": "金额上限（元）", "balance_fen": "余额（分）", "balance": "余额（元）", "rent_fen": "租金（分）",
        "rent": "租金（元）", "rent_period": "租金周期", "approving_area_m2": "同意面积（平方米）",
        "approving_owners": "同意人数", "participating_area_m2": "参与面积（平方米）", "participating_owners": "参与人数",
        "area_m2": "面积（平方米）", "total_area_m2": "总面积（平方米）", "total_owners": "业主总人数",
        "asset_id": "共有部分编号", "asset_ids": "共有部分编号", "attributes": "其他属性", "authorises": "授权事项",
        "authority": "使用依据", "category": "类别", "changes": "变更内容", "commitments": "承诺值",
        "community_id": "小区编号", "contract_id": "合同编号", "corrects": "被更正的事件", "counterparty": "相对方",
        "deadline": "整改期限", "decision_id": "决定编号", "description": "说明", "emergency": "紧急情况",
        "end_on": "到期日", "start_on": "起始日", "evidence": "证据", "file_name": "文件名", "file_sha256": "文件 SHA-256",
        "from_fund_id": "转出账户", "to_fund_id": "转入账户", "payee_fund_id": "收款账户", "fund_id": "资金账户",
        "fund_ids": "资金账户", "import_id": "导入编号", "inspector": "巡查人", "key": "问题编号", "keys": "问题编号",
        "kind": "类型", "legal_basis": "法律依据", "list_id": "清单编号", "location": "位置", "matter": "事项",
        "measures": "整改措施", "name": "名称", "note": "备注", "observed": "巡查所见", "occupant": "占用人",
        "occupation_id": "占用编号", "period_from": "期间起", "period_to": "期间止", "purpose": "用途",
        "purpose_category": "用途类别", "reason": "原因", "ref": "凭据编号", "registered_on": "登记日期",
        "replacement": "更正后的事件", "reported_by": "报告人", "request_ref": "申请编号", "residents_committee": "居委会",
        "responsible": "责任人", "result": "结果", "row": "行号", "rows_new": "新增行数", "rows_read": "读取行数",
        "rows_unchanged": "未变行数", "rows_updated": "更新行数", "sha256": "SHA-256", "source": "来源",
        "statement_ref": "对账单编号", "street": "街道", "total": "合计", "use_id": "使用编号", "user": "使用人",
        "valid_until": "有效期至", "verified_by": "复核人", "voucher": "凭证号", "items": "整改事项", "as_of": "检查日期", "at_seq": "清单依据的记录号",
        "report_sha256": "报告 SHA-256", "report_format": "报告格式", "report_lang": "报告语言", "person": "个人信息",
        "cap": "金额上限",
    ]
}
