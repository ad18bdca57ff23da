import LedgerEvents

/// A register's column whose heading names a person's data (review 45a D3): a register's columns are recorded in
/// clear and never erased, and a register has no person column `--private` could keep erasable.
extension ImportWords {
    /// Words of a heading naming an identity document's number: always a person's.
    static let identityWords = ["身份证", "身份号码", "证件号", "护照", "id card", "idcard", "id number", "idnumber", "passport"]
    /// Words of a heading naming a telephone number (or a way to reach someone).
    static let phoneWords = ["电话", "手机", "联系方式", "phone", "mobile", "tel"]
    /// Words naming a person whose number it is: a phone heading holding one is a person's, whatever else it says
    /// (单位负责人电话 is the head's own number).
    static let personWords = ["联系人", "负责人", "经办人", "业主", "住户", "租户", "承租人", "个人", "本人", "户主", "家庭", "私人", "姓名",
                              "contact person", "personal", "private", "home", "owner", "resident", "tenant"]
    /// Words naming an office, a company or a service line: a phone heading holding one and no person word is that
    /// body's published number (报修电话, 值班电话, 物业电话, 维保单位联系电话, office phone).
    static let bodyWords = ["单位", "公司", "企业", "厂家", "厂商", "供应商", "物业", "办公", "服务", "客服", "报修", "维修", "维保", "值班",
                            "热线", "管理处", "中心", "机构", "office", "company", "service", "hotline", "helpdesk", "repair", "duty", "property"]

    /// Whether a register heading (as the file writes it) names personal data (review 45d #6): an identity
    /// document's number always; a telephone number unless the heading names an office, a company or a service line
    /// and no person. A heading naming a phone and nothing else (电话, 联系电话, 手机, phone) is read as a person's:
    /// refused, and a mapping file says otherwise. Chinese words are looked for anywhere in the heading (Chinese
    /// writes no spaces between words), English ones as whole words (`tel` is not in `hotel`; `phone` ends
    /// `telephone` and `cellphone`).
    static func namesPersonalData(_ heading: String) -> Bool {
        let lower = heading.lowercased()
        let tokens = lower.split { !($0.isASCII && $0.isLetter) }.map(String.init)
        // Chinese words are looked for with every space and line break left out: forms space headings out (电　话,
        // with an ideographic space) and Alt+Enter breaks them (手⏎机号) (review 46e #3).
        let compact = String(lower.filter { !$0.isWhitespace })
        func has(_ word: String) -> Bool {
            guard word.unicodeScalars.first?.isASCII == true else { return compact.contains(word) }
            let parts = word.split(separator: " ").map(String.init)
            if tokens.count >= parts.count {
                for start in 0...(tokens.count - parts.count) where Array(tokens[start..<start + parts.count]) == parts { return true }
            }
            return word == "phone" && tokens.contains { $0.hasSuffix("phone") }
        }
        if identityWords.contains(where: has) { return true }
        guard phoneWords.contains(where: has) else { return false }
        return personWords.contains(where: has) || !bodyWords.contains(where: has)
    }

    /// `column H "联系电话" holds a person's data …`: refused unless a mapping file names the column.
    static func personalDataColumn(_ index: Int, _ heading: String) -> Wording {
        let column = column(index, heading: heading)
        let shown = RowProblem.shown(heading)
        return Wording(en: "\(column.en) reads as a person's data (an identity card or telephone number): the register's columns are recorded in the log in clear, "
                           + "for ever (only private/ can be erased, and a register keeps no column there). Map it to ignore in a mapping file (--mapping, "
                           + "\(mappingExample(heading, to: "ignore"))) and keep it in the office's own files; if it is no person's (an office's number), map it to attribute.",
                       zh: "\(column.zh)看来是个人信息（身份证号或电话号码）：登记表的各列以明文记入日志，永久保留（只有 private/ 可以删除，登记表没有可存入其中的列）。"
                           + "请在映射文件（--mapping）中把它对应为 ignore（\(mappingExample(heading, to: "ignore"))），个人信息留在本单位自己的档案中；如果不是个人的（如单位电话），对应为 attribute。")
    }
}

extension ImportWords {
    /// A register's extra column whose heading holds a name the ledger keeps private (review privfix49 #3): the
    /// heading is each part's attribute key, written into the log with every row that fills the column. One problem
    /// of the header, naming the column once; the advice is to rename the heading (a cell's advice, to clean the
    /// cells, was no help). A kept name may be an ordinary word too (高峰 in 高峰时段收费): the heading must still be
    /// renamed, as the ledger cannot tell which (review carried51 #3).
    static func privateNameInHeading(_ index: Int, _ heading: String, name: String) -> Wording {
        let column = column(index, heading: heading)
        let shown = DisplayText.visible(name)
        return Wording(
            en: "\(column.en): the heading holds \"\(shown)\", a name the ledger keeps only as a private person's, in private/ (erasable, PIPL Art. 47); "
                + "a register records each extra column's heading with every part that fills it, in the log for ever, where `ledger erase-personal` cannot reach it. "
                + "Rename the heading without the name, by what the column holds (车位号, 使用单位, 备注): no heading may write a kept name in clear. "
                + "If \"\(shown)\" is an ordinary word in this heading, not a person's name, rename the heading all the same, in words without it "
                + "(e.g. 高峰时段收费 as 峰时收费): the ledger cannot tell a word from a name. "
                + "If the column is none of the parts' data, map it to ignore instead (--mapping, \(mappingExample(heading, to: "ignore"))).",
            zh: "\(column.zh)的列名中含有“\(shown)”，这是账本只作为个人信息保存在 private/ 中（可依法删除）的姓名；"
                + "登记表每个附加列的列名都会随填写该列的每个共有部分永久记入日志，“ledger erase-personal”也删除不了。"
                + "请按该列的内容重新命名该列（如 车位号、使用单位、备注），列名中不要写出姓名：任何列名都不得以明文写出个人姓名。"
                + "即使“\(shown)”在这个列名中只是普通词语、不是人名，也仍须换一种不含它的说法重新命名该列（如把“高峰时段收费”改为“峰时收费”）：账本分辨不出词语和姓名。"
                + "如果该列不是共有部分的信息，也可以在映射文件（--mapping）中把它对应为 ignore（\(mappingExample(heading, to: "ignore"))）。")
    }
}

/// A statement line paid by a contract's private tenant, imported without `--private counterparty` (review 45d #4).
extension ImportWords {
    /// `… "张三" is the tenant of contract K-1, a person …`: the name would be written in clear.
    static func privateTenantInClear(contract: String) -> Wording {
        let id = DisplayText.visible(contract)
        return Wording(en: "is the name of contract \(id)'s tenant, a person whose name the ledger keeps only in private/ (erasable): without --private counterparty it would be written in the log in clear, for ever",
                       zh: "是合同 \(id) 的个人承租方，其姓名账本只保存在 private/ 中（可依法删除）：不加 --private counterparty，这个姓名就会以明文永久写入日志")
    }

    static let privateTenantInClearAllowed = Wording(
        en: "Import the statement with --private counterparty: every line's counterparty that names a person is then kept in private/, as the tenant's name is (a company or a role by its words — …有限公司, 业主委员会 — stays in clear).",
        zh: "请加 --private counterparty 导入本对账单：各行中是个人的对方名称都将保存在 private/ 中，与该承租方的姓名一样（按名称可知是单位或身份的——如 ……有限公司、业主委员会——仍按原文记录）。")

    /// `(set by rules[2] of rules.json) ` before the reason of a counterparty a rule sets (review 47c #8): the
    /// statement's cell is not where the name came from.
    /// `(the purpose set by rules[2] of rules.json, which matched this line) `: a value a statement's rule set, other
    /// than its counterparty (review 48 #3).
    static func setByRule(_ index: Int, file: String, field: String) -> Wording {
        guard field != "counterparty" else { return setByRule(index, file: file) }
        let shown = DisplayText.visible(file)
        let label = FieldLabels.label(path: field) ?? field
        return Wording(en: "(the \(field) set by rules[\(index)] of \(shown.isEmpty ? "the rules file" : shown), which matched this line) ",
                       zh: "（由\(shown.isEmpty ? "规则文件" : shown)的 rules[\(index)] 设定的\(label)，该规则匹配了这一行）")
    }

    /// What to do with a kept name inside a value a statement's rule set: change the rule, not the bank's file.
    static func privateNameInRuleAllowed(_ index: Int, file: String, field: String) -> Wording {
        let shown = DisplayText.visible(file)
        let label = FieldLabels.label(path: field) ?? field
        return Wording(en: "Change the \"\(field)\" of rules[\(index)] in \(shown.isEmpty ? "the rules file" : shown) so that it names no person: write a role or a reference instead (业主, 承租方, 2号楼102室住户, the contract's id); then import the statement again. A name of two characters is found inside any word written the same (高峰 in 用电高峰): write such a word otherwise.",
                       zh: "请修改\(shown.isEmpty ? "规则文件" : shown)中 rules[\(index)] 的“\(field)”（\(label)），不要写出个人姓名：用身份或编号代替（如 业主、承租方、2号楼102室住户、合同编号），再重新导入本对账单。两个字的姓名在同样写法的词中也会被认出（如“用电高峰”中的“高峰”）：请换一种写法。")
    }

    static func setByRule(_ index: Int, file: String) -> Wording {
        let shown = DisplayText.visible(file)
        return Wording(en: "(the counterparty set by rules[\(index)] of \(shown.isEmpty ? "the rules file" : shown), which matched this line) ",
                       zh: "（由\(shown.isEmpty ? "规则文件" : shown)的 rules[\(index)] 设定的对方，该规则匹配了这一行）")
    }
}

/// A register heading holding an invisible character (review carried51 #6).
extension ImportWords {
    /// `column H "车位<U+200B>号": the heading contains the invisible character <U+200B> …`: the cell rule's words, said
    /// of the heading, which a register writes as the attribute's key with every part that fills the column.
    static func invisibleInHeading(_ index: Int, _ heading: String, _ scalar: Unicode.Scalar) -> Wording {
        let column = column(index, heading: heading), words = invisibleInText(scalar)
        return Wording(
            en: "\(column.en): the heading \(words.en); a register records each extra column's heading with every part that fills it, in the log for ever. "
                + "Delete that character from the heading (retype it), then save the CSV again.",
            zh: "\(column.zh)的列名\(words.zh)；登记表每个附加列的列名都会随填写该列的每个共有部分永久记入日志。"
                + "请删去列名中的该字符（重新输入列名），然后重新保存 CSV。")
    }
}

extension ImportWords {
    /// `{"columns": {"联系电话": "ignore"}}`: a mapping file's line for `heading`, to be copied as it is. The heading is
    /// written as a JSON string that names the very heading — a quote or backslash escaped, an invisible character
    /// as its `\uXXXX` escape (what the mapping reads back), nothing shortened — where a message's quoting
    /// (`RowProblem.shown`: `<U+200B>`, `…`) would give a file that is not JSON or names another heading.
    static func mappingExample(_ heading: String, to role: String) -> String {
        var key = ""
        func escape(_ unit: UInt16) {
            let hex = String(unit, radix: 16, uppercase: true)
            key += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        for scalar in heading.unicodeScalars {
            switch scalar {
            case "\"": key += "\\\""
            case "\\": key += "\\\\"
            case " ": key += " "
            default:
                if DisplayText.isInvisible(scalar) { String(scalar).utf16.forEach(escape) } else { key.unicodeScalars.append(scalar) }
            }
        }
        return "{\"columns\": {\"\(key)\": \"\(role)\"}}"
    }
}
