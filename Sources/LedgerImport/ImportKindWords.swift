/// The Chinese words a clerk types for an import kind (`ledger template 收入`), so that the refusal of an unknown
/// kind names the kind meant. Only a hint: the kinds themselves stay the English names, one way to write each in a
/// command line that scripts and the README share.
public enum ImportKindWords {
    /// The kind `text` names in Chinese (收入 → income, 登记造册 → assets), or nil. Spaces are ignored; a word
    /// that could mean two kinds (登记, 台账) is not listed.
    public static func kind(forWord text: String) -> String? {
        let word = String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
        return words[word]
    }

    static let words: [String: String] = {
        var table: [String: String] = [:]
        let lists: [(String, [String])] = [
            ("assets", ["共有部分", "资产", "登记造册", "登记表", "共有部分登记"]),
            ("funds", ["资金账户", "账户", "资金", "资金账户开立", "开户"]),
            ("contracts", ["合同", "经营合同", "租赁合同"]),
            ("income", ["收入", "收款", "公共收益", "收益"]),
            ("spending", ["支出", "付款", "开支", "费用"]),
            ("transfers", ["划转", "转账", "账户间划转", "调拨"]),
            ("decisions", ["决定", "决议", "表决", "业主大会决定", "业主大会决议"]),
            ("uses", ["使用", "使用登记"]),
            ("inspections", ["巡查", "巡查记录", "检查"]),
            ("statement", ["对账单", "银行对账单", "流水", "银行流水"]),
        ]
        for (kind, list) in lists { for word in list { table[word] = kind } }
        return table
    }()
}
