import LedgerEvents

/// A register's column whose heading names a person's data (review 45a D3): a register's columns are recorded in
/// clear and never erased, and a register has no person column `--private` could keep erasable.
extension ImportWords {
    /// Whether a register heading (normalised) names personal data: an identity card number or a telephone number.
    static func namesPersonalData(_ heading: String) -> Bool {
        let lower = heading.lowercased()
        return ["身份证", "电话", "手机号", "phone", "idcard"].contains { lower.contains($0) } || lower == "手机"
    }

    /// `column H "联系电话" holds a person's data …`: refused unless a mapping file names the column.
    static func personalDataColumn(_ index: Int, _ heading: String) -> Wording {
        let column = column(index, heading: heading)
        let shown = RowProblem.shown(heading)
        return Wording(en: "\(column.en) reads as a person's data (an identity card or telephone number): the register's columns are recorded in the log in clear, "
                           + "for ever (only private/ can be erased, and a register keeps no column there). Map it to ignore in a mapping file (--mapping, "
                           + "{\"columns\": {\"\(shown)\": \"ignore\"}}) and keep it in the office's own files; if it is no person's (an office's number), map it to attribute.",
                       zh: "\(column.zh)看来是个人信息（身份证号或电话号码）：登记表的各列以明文记入日志，永久保留（只有 private/ 可以删除，登记表没有可存入其中的列）。"
                           + "请在映射文件（--mapping）中把它对应为 ignore（{\"columns\": {\"\(shown)\": \"ignore\"}}），个人信息留在本单位自己的档案中；如果不是个人的（如单位电话），对应为 attribute。")
    }
}
