import LedgerImport

/// An option a kind of import does not read is refused, never ignored (review 45a D3: `import assets --private user`
/// recorded the users in clear; `--fund`, `--rules` and a statement's `--community` were accepted and did nothing).
extension ImportCommand {
    /// What each option given to the wrong kind is for, in words a clerk reads.
    private static let optionUse: [String: Message] = [
        "fund": Message(en: "names the fund of a bank statement (ledger import statement FILE --fund F)",
                        zh: "用于指明银行对账单所属的资金账户（ledger import statement FILE --fund F）"),
        "rules": Message(en: "is a bank statement's rules file (ledger import statement FILE --fund F --rules R)",
                         zh: "是银行对账单的分类规则文件（ledger import statement FILE --fund F --rules R）"),
        "community": Message(en: "gives the community of a register's or fact file's rows; a statement's community is its fund's (--fund)",
                             zh: "用于指明登记表或收支等文件各行所属的小区；对账单的小区就是其资金账户（--fund）所属的小区"),
        "registered-on": Message(en: "gives the registration date of a register's rows (ledger import assets)",
                                 zh: "用于指明登记表各行的登记日期（ledger import assets）"),
        "strict": Message(en: "refuses a register's unknown columns (ledger import assets)",
                          zh: "用于拒绝登记表中不认识的列（ledger import assets）"),
        "private": Message(en: "records person columns (counterparty, user, inspector) as erasable personal data; a register has none: a column of personal data "
                               + "(an identity card or telephone number) is mapped to ignore in a mapping file (--mapping, {\"columns\": {\"联系电话\": \"ignore\"}}), never imported",
                           zh: "用于把人员列（counterparty 相对方、user 使用人、inspector 巡查人）作为可删除的个人信息记录；登记表没有人员列：身份证号、电话等个人信息列"
                               + "请在映射文件（--mapping）中对应为 ignore（{\"columns\": {\"联系电话\": \"ignore\"}}），不要导入"),
    ]

    /// Refuses each of `unused` given to `ledger import KIND`, all in one message, before anything is read.
    static func refuseUnusedOptions(_ kind: String, _ unused: [String], _ arguments: Arguments) throws(CLIError) {
        let given = unused.filter { arguments.flag($0) || !arguments.values($0).isEmpty }
        guard !given.isEmpty else { return }
        var en: [String] = [], zh: [String] = []
        for name in given {
            let use = optionUse[name] ?? Message(en: "is not read by this kind", zh: "这一类导入不读取它")
            en.append("--\(name) \(use.en)")
            zh.append("--\(name) \(use.zh ?? use.en)")
        }
        let takes = takenOptions(kind, besides: unused)
        throw .usage(Message(en: "`ledger import \(kind)` does not take " + given.map { "--\($0)" }.joined(separator: ", ") + ": " + en.joined(separator: "; ")
                                + ". Nothing was imported. It takes " + takes.map { "--\($0)" }.joined(separator: ", ") + " (see `ledger import --help`).",
                             zh: "“ledger import \(kind)”不接受 " + given.map { "--\($0)" }.joined(separator: "、") + "：" + zh.joined(separator: "；")
                                + "。本次什么也没有导入。它接受的选项："
                                + takes.map { "--\($0)" }.joined(separator: "、") + "（见“ledger import --help”）。"))
    }

    /// The import options `kind` reads: the command's options but those it does not use.
    static func takenOptions(_ kind: String, besides unused: [String]) -> [String] {
        var never: Set<String> = kind == "assets" ? ["allow-new-category", "allow-same-day-amount"]
            : kind == "statement" ? ["allow-same-day-amount", "allow-twins"]
            : ["registered-on", "strict"]
        if let fact = FactKind(rawValue: kind) {
            if ![.income, .spending].contains(fact) { never.insert("allow-new-category") }
            if ![.income, .spending, .transfers].contains(fact) { never.insert("allow-same-day-amount") }
            if ![.income, .spending, .transfers, .contracts].contains(fact) { never.insert("allow-twins") }
            if !fact.fields.contains(where: { $0.value == .person }) { never.insert("private") }
        }
        return options.map(\.name).filter { !unused.contains($0) && !never.contains($0) }
    }
}
