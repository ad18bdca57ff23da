import LedgerEvents

/// What to do about a row the ledger holds already with other values, where the general advice (record a
/// correction, change the voucher) would do harm (review 43a M2).
extension ImportWords {
    /// Fields a record holds as a private person's commitment that the row gives in clear (`committed`), or the
    /// other way round (`inClear`): the file was imported before with `--private FIELD` and now without it, or the
    /// reverse. `FactImporter.privateDifferences` finds them.
    struct PrivateDifferences: Equatable {
        var committed: [String] = []
        var inClear: [String] = []
        var isEmpty: Bool { committed.isEmpty && inClear.isEmpty }
    }

    /// Advice for a row that differs from its record in whether a person's field is private: import as before.
    /// A correction with the name written out would put the person's name in the log, in clear, for ever (a
    /// record is never deleted; only private/ can be erased). `others`: whether other fields differ too.
    static func importPrivateAsBefore(_ fields: PrivateDifferences, _ eventID: String, others: Bool) -> Wording {
        var en: [String] = [], zh: [String] = []
        if !fields.committed.isEmpty {
            let options = fields.committed.map { "--private \($0)" }.joined(separator: " ")
            let names = fields.committed.joined(separator: ", ")
            en.append("The ledger holds \(names) of this record as a private person's (the file was imported with \(options)): import the file "
                      + "again with \(options), as before; with the same name the row is the recorded one, unchanged. Do not record a correction "
                      + "with the name written out: the log would keep it in clear for ever.")
            zh.append("账本中这条记录的 \(fields.committed.joined(separator: "、")) 是作为个人信息记录的（当初导入时加了 \(options)）：请像当初一样加 \(options) "
                      + "重新导入该文件；名称相同的，这一行就是已记录的那一行，不会再记。不要用写出姓名的更正来改：账本会永久保留明文姓名。")
        }
        if !fields.inClear.isEmpty {
            let options = fields.inClear.map { "--private \($0)" }.joined(separator: " ")
            let names = fields.inClear.joined(separator: ", ")
            en.append("The ledger holds \(names) of this record in clear (the file was imported without \(options)): import the file again "
                      + "without \(options), as before; --private applies to new records only.")
            zh.append("账本中这条记录的 \(fields.inClear.joined(separator: "、")) 是明文记录的（当初导入时没有加 \(options)）：请像当初一样不加 \(options) "
                      + "重新导入该文件；--private 只对新记录起作用。")
        }
        if others {
            en.append("If the record's other values are wrong, correct it with a correction naming \(eventID) (in `ledger append`, a private "
                      + "person written {\"person\": \"…\"} stays private).")
            zh.append("如果该记录的其他内容有误，请用一条指明 \(eventID) 的更正改正（在“ledger append”中把个人写成 {\"person\": \"…\"}，仍作为个人信息记录）。")
        }
        return Wording(en: en.joined(separator: " "), zh: zh.joined(separator: ""))
    }

    /// `ledger append`'s refusal of a correction whose replacement writes out by name, at `field` (`counterparty`,
    /// `items[0].responsible`), the private person the record it corrects (`corrects`) keeps in `private/`
    /// (`AppendPrivateDoor`): the import's words (`importPrivateAsBefore`, `recordedPrivatePerson`), with the way to
    /// write it.
    public static func privateWrittenInClear(field: String, corrects: String) -> Wording {
        let member = String(field.split(separator: ".").last ?? Substring(field)).split(separator: "[").first.map(String.init) ?? field
        let label = FieldLabels.label(path: field).map { "\($0)（\(member)）" } ?? member
        let id = DisplayText.visible(corrects)
        return Wording(en: "writes out by name the private person whom the record it corrects (\(id)) keeps in private/ as its \(member): "
                           + "the log would keep the name in clear for ever. ",
                       zh: "以明文写出了所更正记录（\(id)）作为个人信息保存在 private/ 中的\(label)：账本会永久保留明文姓名。")
            + recordedPrivatePerson((member, label), otherwise: Wording(en: "the batch is appended with --private \(member)", zh: "加 --private \(member) 追加这一批"))
    }

    /// Advice for a bank-statement line recorded already with other values (its category or contract, from
    /// another rules file): never change the bank's transaction id, which names the line — a line under a new id
    /// is recorded a second time and its money counted twice.
    static func statementLineRecordedAllowed(_ eventID: String) -> Wording {
        Wording(en: "The transaction id is the bank's: do not change it (the line would be recorded a second time and its money counted twice). "
                    + "If the recorded line's category, contract or counterparty is wrong, correct it with a correction naming \(eventID); "
                    + "otherwise import the statement with the rules file used before (a recorded line then imports unchanged).",
                zh: "交易流水号是银行给的，不要改动（改了这一行会再记一次，款项重复记账）。如果已记录的这一行的类别、合同或对方有误，"
                    + "请用一条指明 \(eventID) 的更正改正；否则请用当初的规则文件导入该对账单（已记录的行即不会再记）。")
    }

    /// Advice for a statement line whose transaction id a recorded line of the fund has, with another day, amount or
    /// counterparty: a bank gives each line its own id, so the statement is most likely another account's, or the
    /// record wrong; the id is never to be changed.
    static func statementIDOfAnotherLineAllowed(_ eventID: String) -> Wording {
        Wording(en: "The transaction id is the bank's: do not change it. A bank gives each line of an account its own id: check that the statement "
                    + "is of this fund's account (--fund), and whether the recorded line is right; if it is wrong, correct it with a correction naming \(eventID).",
                zh: "交易流水号是银行给的，不要改动。银行给同一账户的每一行不同的流水号：请核对该对账单是否确是这个资金账户的（--fund），"
                    + "以及已记录的那一行是否正确；有误的，请用一条指明 \(eventID) 的更正改正。")
    }
}

/// A bank's reversal line (冲正) in a statement (review 43a M3).
extension ImportWords {
    /// The words banks print in the memo of a line that undoes an earlier one.
    static let reversalWords = ["冲正", "冲销", "冲账", "冲帐", "冲回", "抹账", "抹帐", "退票", "退汇", "退回"]

    /// The first reversal word `memo` holds, if any.
    static func reversalWord(in memo: String) -> String? {
        reversalWords.first { memo.contains($0) }
    }

    /// A line recorded as the bank's line says whose memo reads as a reversal: what to do so that neither it nor the
    /// line it undoes counts. Which line it undoes is the clerk's to say (a memo rarely names it exactly).
    static func reversalLineNote(file: String, row: Int, memo: String, word: String, incoming: Bool) -> Wording {
        let shown = RowProblem.shown(memo)
        return incoming
            ? Wording(en: "\(file): row \(row): the memo \"\(shown)\" reads as a reversal (\(word)) of an earlier payment out; it is recorded as money in, as the bank's line says. If it undoes a payment recorded before, void both records with two correction events without replacement (reason \(word); README, \"Bank reversals\"), or the payment still counts as spent and this line as income.",
                      zh: "\(file) 第 \(row) 行：摘要“\(shown)”看来是对此前一笔支出的\(word)；已按银行的这一行记为收入。如果它冲正的是已记录的一笔支出，请用两条不带 replacement 的更正（原因写“\(word)”）作废这两条记录（见 README “Bank reversals”），否则那笔支出仍算作已支出，这一行则算作一笔收入。")
            : Wording(en: "\(file): row \(row): the memo \"\(shown)\" reads as a reversal (\(word)) of an earlier receipt; it is recorded as money out, as the bank's line says. If it undoes a receipt recorded before, void both records with two correction events without replacement (reason \(word); README, \"Bank reversals\"), or the receipt still counts as received (rent arrears hidden) and this line as spending without a decision (FUND-01).",
                      zh: "\(file) 第 \(row) 行：摘要“\(shown)”看来是对此前一笔收入的\(word)；已按银行的这一行记为支出。如果它冲正的是已记录的一笔收入，请用两条不带 replacement 的更正（原因写“\(word)”）作废这两条记录（见 README “Bank reversals”），否则那笔收入仍算作已收（掩盖欠租），这一行则被当作一笔未经决定的支出（FUND-01）。")
    }
}

/// A private person's field in a row's differences from its record (review 45a D2): said in words, never as the
/// commitment's hash.
extension ImportWords {
    static let privatePersonValue = Wording(en: "a private person (kept in private/)", zh: "自然人（个人信息保存在 private/ 中）")

    /// `counterparty a private person (kept in private/) → "张伟" (the same person)`; a side without the
    /// field is `(none)` / `（无）`, as `changedField` says it.
    static func changedPersonField(_ key: String, old: Wording?, new: Wording?, samePerson: Bool) -> Wording {
        let label = FieldLabels.label(path: key) ?? key
        let same = samePerson ? Wording(en: " (the same person)", zh: "（同一人）") : Wording(en: "", zh: "")
        return Wording(en: "\(key) \(old?.en ?? "(none)") → \(new?.en ?? "(none)")" + same.en,
                       zh: "\(label) \(old?.zh ?? "（无）") → \(new?.zh ?? "（无）")" + same.zh)
    }
}
