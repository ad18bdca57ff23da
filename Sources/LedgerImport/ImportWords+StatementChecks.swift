import LedgerEvents
import LedgerPlatform
import LedgerProjections

// MARK: - A statement of another account, a file that cannot tell money out, an id Excel shortened (`StatementImport`)

extension ImportWords {
    /// The title rows state an account number that is not the one `--fund`'s `fund.opened` registers
    /// (`ownNumber`), or — its registered account holding no number to compare — one another fund registers;
    /// `holders`: the other funds registered with it (the likely `--fund`).
    static func statementOfAnotherAccount(_ stated: StatementAccount.Stated, fund: String, registered: String, ownNumber: Bool = true,
                                          holders: [String]) -> Wording {
        let letters = ColumnName.letters(stated.column)
        let cell = RowProblem.shown(stated.cell), number = RowProblem.shown(stated.number), account = RowProblem.shown(registered)
        // The label and the number in two cells (`账号：`, `8020-0009-0001`): both named.
        let place: Wording
        if let column = stated.numberColumn, let numberCell = stated.numberCell {
            let next = ColumnName.letters(column), shownNext = RowProblem.shown(numberCell)
            place = Wording(en: "column \(letters) \"\(cell)\" and column \(next) \"\(shownNext)\"", zh: "\(letters) 列“\(cell)”和 \(next) 列“\(shownNext)”")
        } else {
            place = Wording(en: "column \(letters) \"\(cell)\"", zh: "\(letters) 列“\(cell)”")
        }
        let list = holders.joined(separator: ", "), listZh = holders.joined(separator: "、")
        let more = Wording(en: holders.count > 1 ? " (or another of them)" : "", zh: holders.count > 1 ? "（或其中另一个）" : "")
        let said: Wording, next: Wording
        if !ownNumber, let holder = holders.first {
            said = Wording(
                en: "row \(stated.row) above it, \(place.en), states the account \(number), which \(list) is registered with (fund.opened); --fund \(fund)'s registered account \"\(account)\" holds no account number to compare.",
                zh: "其上方第 \(stated.row) 行 \(place.zh)写明账号 \(number)，这是 \(listZh) 登记的账户（fund.opened）；--fund \(fund) 登记的账户“\(account)”中没有可供核对的账号。")
            // What the check saw is whose account the number is, not that the holder's statement was imported: the
            // money would go into the wrong fund, not necessarily twice (review 41d #7).
            next = Wording(
                en: " If this is \(holder)'s statement, import it with --fund \(holder)\(more.en); imported under \(fund), its money would be recorded in \(fund), not in the fund registered with that account.",
                zh: "如果这是 \(holder) 的对账单，请改用 --fund \(holder)\(more.zh)导入；以 --fund \(fund) 导入，其款项会记入 \(fund)，而不是登记该账号的资金账户。")
        } else {
            said = Wording(
                en: "row \(stated.row) above it, \(place.en), states the account \(number), but --fund \(fund) is registered with the account \"\(account)\" (fund.opened): the statement is of another account, and its money would be recorded in \(fund).",
                zh: "其上方第 \(stated.row) 行 \(place.zh)写明账号 \(number)，但 --fund \(fund) 登记的账户是“\(account)”（fund.opened）：这份对账单是另一个账户的，导入会把它的款项记入 \(fund)。")
            if holders.isEmpty {
                next = Wording(
                    en: " No fund of the ledger is registered with the account \(number): check that this is the statement of \(fund)'s account; if the fund's bank account has changed, append a correction of its fund.opened record whose replacement gives the new account, then import the file again.",
                    zh: "账本中没有登记账号 \(number) 的资金账户：请核对这是不是 \(fund) 账户的对账单；如果该账户的银行账号已经变更，请先追加一条更正（correction）事件，更正该账户的 fund.opened 记录，在其 replacement 中登记新账号，再导入该文件。")
            } else {
                next = Wording(
                    en: " The account \(number) is registered by \(list): import the file with --fund \(holders[0])\(more.en).",
                    zh: "账号 \(number) 是 \(listZh) 登记的账户：请改用 --fund \(holders[0])\(holders.count > 1 ? more.zh : " ")导入该文件。")
            }
        }
        return Wording(en: said.en + next.en + " If \(number) is not the statement's account number, correct or delete that title row.",
                       zh: said.zh + next.zh + "如果读出的 \(number) 不是对账单的账号，请更正或删去该标题行。")
    }

    /// The statement's file (by its SHA-256) was imported before, and the records of those imports (`imports`) are
    /// of other funds (`holders`) than `--fund`.
    static func statementImportedForAnotherFund(sha256: String, fund: String, holders: [String], imports: [String]) -> Wording {
        let list = holders.joined(separator: ", "), listZh = holders.joined(separator: "、")
        let ids = imports.joined(separator: ", "), idsZh = imports.joined(separator: "、")
        let sha = String(sha256.prefix(16))
        return Wording(
            en: "this file (SHA-256 \(sha)…) was imported before as the statement of \(list) (import \(ids)): imported with --fund \(fund), its lines would be recorded a second time, in another fund. If it is \(holders[0])'s statement, it is recorded already (import it again with --fund \(holders[0]) to add lines refused then); if it is \(fund)'s, the earlier import was wrong: void its records with corrections (their event ids begin with \(imports[0])-), then import the file with --fund \(fund).",
            zh: "该文件（SHA-256 \(sha)…）已作为 \(listZh) 的对账单导入过（导入编号 \(idsZh)）：再以 --fund \(fund) 导入，其中各笔款项会在另一个资金账户中再记一次。如果这是 \(holders[0]) 的对账单，它已经记过了（当时被退回的行可再以 --fund \(holders[0]) 导入）；如果这是 \(fund) 的对账单，先前那次导入有误：请追加更正（correction）作废那些记录（其事件编号以 \(imports[0])- 开头），再以 --fund \(fund) 导入该文件。")
    }

    /// One amount column, unsigned, and nothing else in the file that tells money out from money in.
    static func noDirectionInFile(_ column: Int, _ heading: String) -> Wording {
        let letters = ColumnName.letters(column), shown = RowProblem.shown(heading)
        return Wording(
            en: "column \(letters) \"\(shown)\" writes every amount without a sign, and the file has no direction column (借贷标志, 收支), no credit and debit columns and no balance column: which lines are money out cannot be told, and every line, payments out included, would be read as money in (and classified as income by a rule that matches any line). Add the bank's direction column (借贷标志 or 收支: 借/贷, 收/支), or its balance column (余额, against which each line's direction is checked), or write money out with a minus sign (-350.00); if every line is money in, write the amounts with a plus sign (+350.00). Online banking exports these columns.",
            zh: "\(letters) 列“\(shown)”的金额都不带正负号，而文件中没有收支方向列（借贷标志、收支）、没有借方和贷方两列，也没有余额列：无法知道哪些行是支出，每一行（包括付出的款项）都会被当作收入（并被匹配任何行的规则归为收入）。请加上银行的收支方向列（借贷标志或收支：借/贷、收/支），或余额列（余额，用以核对每一行的收支方向），或把支出写成带负号的金额（如 -350.00）；如果每一行都是收入，请把金额写成带正号的（如 +350.00）。网银导出的对账单带有这些列。")
    }

    /// A line whose transaction id is a recorded line's without its leading zeros, on the same day, direction and amount.
    static func sameLineWithoutLeadingZeros(recorded: String, record: Evidence, fund: String, date: CalendarDate, amount: Amount) -> Wording {
        let moneyIn = amount.fen > 0
        let shown = money(Amount(fen: amount.fen < 0 ? -amount.fen : amount.fen))
        return Wording(
            en: "is the transaction id \(recorded) of a line already recorded (record #\(record.seq) \(record.eventID): money \(moneyIn ? "in" : "out") of \(shown.en) \(moneyIn ? "to" : "from") \(fund) on \(date)) once its leading zeros are removed: the same bank line, whose leading zeros a spreadsheet (Excel) dropped; recorded again, it would be counted twice",
            zh: "去掉前导零后与已记录的一行的流水号 \(recorded) 相同（记录 #\(record.seq) \(record.eventID)：\(date) \(fund) \(moneyIn ? "收入" : "支出") \(shown.zh)）：是同一笔银行交易，流水号开头的 0 被电子表格（Excel）去掉了；再记一次就重复记账了")
    }
    static let keepTransactionIDsAsText = Wording(
        en: "The line is recorded already: delete it (or import with --allow-partial, which leaves it out). Keep transaction ids as text: in Excel, format the column as Text before opening the file (or open it through Data > From Text/CSV with that column as Text), or import the bank's original file without opening it in Excel.",
        zh: "这一行已经记过了：请删去这一行（或加 --allow-partial 导入，这一行会被退回）。请把流水号保持为文本：在 Excel 中打开文件前先把该列设置为“文本”格式（或用“数据 > 自文本/CSV”打开，并把该列设为文本），或直接导入银行导出的原始文件，不要先用 Excel 打开保存。")
}
