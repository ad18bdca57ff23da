import LedgerEvents

/// The messages of an income or spending row that is a bank-statement line already recorded (`StatementLines`), and
/// money in import messages as the product writes it elsewhere, kept apart from `ImportWords.swift` so that other work
/// on it merges cleanly.
extension ImportWords {
    /// Money as reports write it: `¥38,012.14` / `38,012.14元` (`-¥700.00` / `-700.00元` below zero).
    static func money(_ amount: Amount) -> Wording { EventWords.money(amount) }

    /// Money moved by a line, signed: `+¥1,500.00` / `+1,500.00元`, `-¥700.00` / `-700.00元`.
    static func signedMoney(_ amount: Amount) -> Wording {
        let words = money(amount)
        return amount.fen > 0 ? Wording(en: "+" + words.en, zh: "+" + words.zh) : words
    }

    /// A row with the fund, day, direction and amount of a statement line no receipt stands for yet.
    static func sameAsStatementLine(_ line: StatementLines.Line, fund: String, date: CalendarDate, amount: Amount) -> Wording {
        let moneyIn = amount.fen > 0
        let shown = money(Amount(fen: amount.fen < 0 ? -amount.fen : amount.fen))
        let row = line.row.map { (en: ", row \($0)", zh: "第 \($0) 行，") } ?? (en: "", zh: "")
        // A corrected line's voucher is its replacement's (a receipt's voucher put on it, as the advice below says),
        // not necessarily the bank's transaction id, and the line may itself carry its receipt now: say what stands
        // (review 37d m3), rather than call that voucher the transaction id and the line without a receipt.
        let voucher: (en: String, zh: String), status: (en: String, zh: String)
        if let correction = line.correctedBy {
            voucher = (en: "corrected by record #\(correction.seq) \(correction.eventID), its voucher now \(line.voucher)",
                       zh: "已由记录 #\(correction.seq) \(correction.eventID) 更正，现凭证号 \(line.voucher)")
            status = (en: "which no other receipt stands for", zh: "该行之外尚无其他收据与之对应")
        } else {
            voucher = (en: "transaction id \(line.voucher)", zh: "流水号 \(line.voucher)")
            status = (en: "which no receipt stands for yet", zh: "而该行尚无收据与之对应")
        }
        return Wording(
            en: "has the fund, day and amount of a bank-statement line already recorded (record #\(line.record.seq) \(line.record.eventID): "
                + "the statement imported as \(line.importID)\(row.en), \(voucher.en), money \(moneyIn ? "in" : "out") of "
                + "\(shown.en) \(moneyIn ? "to" : "from") \(fund) on \(date)), \(status.en): most likely the same money, "
                + "counted twice if recorded again",
            zh: "与账本中已记录的一行银行对账单同一账户、同一天、同一金额（记录 #\(line.record.seq) \(line.record.eventID)：对账单导入 "
                + "\(line.importID) \(row.zh)\(voucher.zh)，\(date) \(fund) \(moneyIn ? "收入" : "支出") \(shown.zh)），\(status.zh)："
                + "多半是同一笔款项，再记一次就重复记账了")
    }

    /// Where the money came in again, for what to do about it: a row of an import file, or an event of a batch given
    /// to `ledger append`.
    enum SameMoneyDoor: Sendable {
        case importFile, append

        /// How the clerk leaves it out: (en, zh).
        var leaveOut: (en: String, zh: String) {
            switch self {
            case .importFile: return ("delete this row (or import with --allow-partial, which leaves it out)", "请删去这一行（或加 --allow-partial 导入，这一行会被退回）")
            case .append: return ("leave this event out of the batch", "请从这一批中删去该事件")
            }
        }

        /// How the clerk says it is another payment: (en, zh).
        var again: (en: String, zh: String) {
            switch self {
            case .importFile: return ("import the file again with --allow-same-day-amount", "请加 --allow-same-day-amount 重新导入该文件")
            case .append: return ("append the batch again with --allow-same-day-amount", "请加 --allow-same-day-amount 重新追加这一批")
            }
        }

        /// What brings the transfer in once the line is voided: (en, zh).
        var transferAgain: (en: String, zh: String) {
            switch self {
            case .importFile: return ("import this row again", "再重新导入这一行")
            case .append: return ("append this transfer again", "再重新追加这笔划转")
            }
        }
    }

    /// What to do: nothing to add when it is the same money (its voucher or contract goes onto the line by a
    /// correction), `--allow-same-day-amount` when it is a second payment.
    static func sameAsStatementLineAllowed(_ line: StatementLines.Line, door: SameMoneyDoor) -> Wording {
        Wording(
            en: "If it is the same money, the ledger holds it already: \(door.leaveOut.en); "
                + "to put its voucher, contract or category on the line, append a correction event of \(line.record.eventID) whose replacement carries them. "
                + "If it is a second payment of the same day and amount, \(door.again.en).",
            zh: "如果是同一笔款项，账本中已经有了：\(door.leaveOut.zh)；要把凭证号、合同或类别补记到该行上，"
                + "请追加一条更正（correction）事件，更正记录 \(line.record.eventID)，在其 replacement 中补记。如果确是同日同额的另一笔款项，\(door.again.zh)。")
    }

    /// What to do with a transfer whose money a statement recorded as an income or a spending: the line's record
    /// is the wrong kind of fact for it, so it is voided by a correction and the transfer recorded again (voiding a
    /// line with its receipt still to come would lose the money; the transfer stands for it); or
    /// `--allow-same-day-amount` when it is another movement.
    static func transferAsStatementLinesAllowed(_ lines: [StatementLines.Line], door: SameMoneyDoor) -> Wording {
        let ids = lines.map(\.record.eventID)
        return Wording(
            en: "If it is the same money, the statement recorded it as \(ids.count == 1 ? "an income or spending" : "an income and a spending") "
                + "instead of a transfer: append a correction event without a replacement "
                + "\(ids.count == 1 ? "of \(ids[0]), which voids the line" : "of each of \(ids.joined(separator: " and ")), which voids the lines"), "
                + "then \(door.transferAgain.en). "
                + "If it is another movement of the same day and amount, \(door.again.en).",
            zh: "如果是同一笔款项，对账单已把它记为\(ids.count == 1 ? "收入或支出" : "一笔收入和一笔支出")，而不是划转："
                + (ids.count == 1 ? "请追加一条更正（correction）事件，作废记录 \(ids[0])（不带 replacement），"
                    : "请为记录 \(ids.joined(separator: "、")) 各追加一条更正（correction）事件，予以作废（不带 replacement），")
                + "\(door.transferAgain.zh)。"
                + "如果确是同日同额的另一笔划转，\(door.again.zh)。")
    }

    /// What to do with a correction whose replacement is the money of statement lines the corrected record did not
    /// stand for (review 41a M4: a receipt's amount put right after the statement recorded the line): the line
    /// records the money, so the receipt is voided instead, and what it said goes onto the line; or
    /// `--allow-same-day-amount` when it is another payment.
    static func replacementAsStatementLinesAllowed(_ lines: [StatementLines.Line], corrects: String) -> Wording {
        let ids = lines.map(\.record.eventID)
        return Wording(
            en: "If it is the same money, the statement's \(ids.count == 1 ? "line records" : "lines record") it already, and the corrected "
                + "payment would count it twice: void \(corrects) instead (a correction without a replacement); to keep its voucher, "
                + "contract or category, add after that void a correction of \(ids.joined(separator: " and ")) whose replacement carries them. "
                + "If it is a second payment of the same day and amount, append the batch again with --allow-same-day-amount.",
            zh: "如果是同一笔款项，对账单的这一行已经记了这笔钱，照此更正就重复记账了：请改为作废记录 \(corrects)（不带 replacement 的更正）；"
                + "要保留其凭证号、合同或类别，请在该作废之后追加一条更正记录 \(ids.joined(separator: "、")) 的更正，在其 replacement 中补记。"
                + "如果确是同日同额的另一笔款项，请加 --allow-same-day-amount 重新追加这一批。")
    }

    /// A line of the statement that is a line a correction voided (`StatementImport`): counted as recorded, not
    /// recorded again, and said, naming the row, the transaction id, the voided record and the correction.
    static func voidedLineNotRecorded(file: String, row: Int, transactionID: String, record: String, by correction: String,
                                      on date: CalendarDate, reason: String) -> Wording {
        let why = DisplayText.visible(reason)
        let id = RowProblem.shown(transactionID)
        return Wording(
            en: "\(file): row \(row): transaction id \(id) is the line recorded as record \(record), which correction \(correction) voided on "
                + "\(date) (\"\(why)\"): counted as already recorded, not recorded again. If the money did move, correct that record with a "
                + "replacement instead.",
            zh: "\(file) 第 \(row) 行：流水号 \(id) 即已记录的记录 \(record)，已于 \(date) 被更正 \(correction) 作废（“\(why)”）："
                + "按已记录计，不再记账。如这笔款项确有收付，请改为以带 replacement 的更正更正该记录。")
    }
}
