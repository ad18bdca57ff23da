import LedgerEvents
import LedgerProjections

/// Rows that repeat a recorded payment under another voucher (review 38 S2): a clerk who corrects a voucher
/// (`SJ-2026-0O1` → `SJ-2026-001`) or whose file Excel saved again (`1-12` → `2026/1/12`) and imports it again makes
/// a row whose fund, day, direction, amount, counterparty and category are a recorded payment's, and whose voucher is
/// new — the voucher check (`FactImporter.complete`) takes it for another payment and the money is counted twice. Such
/// a row (of an income, spending or transfers import; a transfer by its two funds, day and amount) is refused as a
/// probable duplicate naming the record, or the earlier row of the file it repeats, unless `--allow-twins` says it is
/// another payment. A bank-statement line is left to `StatementLines`, whose rule and override (`--allow-same-day-amount`)
/// are for money recorded without a receipt.
enum ImportTwins {
    /// What a payment and its twin share: every field but the voucher. (Review 38g: without the contract, decision,
    /// parts and purpose, one tenant's rent of two contracts paid on one day, or one contractor paid the same sum for
    /// two jobs, was refused as one payment written twice.)
    struct Key: Hashable {
        var type: EventType
        var fund: String
        /// A transfer's receiving fund; "" for income and spending.
        var toFund: String
        var date: CalendarDate
        var fen: Int64
        var counterparty: PersonalText
        var category: String
        /// The rest of the payment's fields, joined: an income's contract; a spending's purpose, decision, parts and
        /// emergency; a transfer's decision.
        var rest: [String]
    }

    static func key(_ payload: DomainEvent, on date: CalendarDate) -> (key: Key, voucher: String)? {
        switch payload {
        case .fundIncome(let p):
            return (Key(type: .fundIncome, fund: p.fundID, toFund: "", date: date, fen: p.amount.fen, counterparty: p.counterparty,
                        category: p.category, rest: [p.sourceContractID ?? ""]), p.voucher)
        case .fundSpending(let p):
            return (Key(type: .fundSpending, fund: p.fundID, toFund: "", date: date, fen: p.amount.fen, counterparty: p.counterparty,
                        category: p.purposeCategory ?? "",
                        rest: [p.purpose, p.decisionID ?? "", p.emergency?.type ?? "", p.emergency?.evidence ?? ""] + p.assetIDs), p.voucher)
        case .fundTransfer(let p):
            return (Key(type: .fundTransfer, fund: p.fromFundID, toFund: p.toFundID, date: date, fen: p.amount.fen,
                        counterparty: .plain(""), category: "", rest: [p.decisionID ?? ""]), p.voucher)
        default: return nil
        }
    }

    /// A recorded payment a row may repeat: the voucher as compared (`VoucherKey`) and as written, its
    /// record and the original event a correction of it names.
    struct Recorded {
        var compared: String
        var voucher: String
        var record: Evidence
        var original: String
    }

    /// Refuses each row (read without problems) that is a twin of a payment of `log` (the records of the funds'
    /// communities the import reads already, or the whole log) or of an earlier row of the file: a problem at its
    /// voucher cell, standing only when the row is no recorded fact itself (`PlannedRow.unlessRecorded`: a file of
    /// twins imported with `--allow-twins` imports again unchanged).
    static func refuse(_ planned: inout [FactImporter.PlannedRow], log: EffectiveLog, file: String, voucherColumn: Int?, headings: [String]) {
        guard planned.contains(where: { $0.event != nil }) else { return }
        var statementImports: Set<Substring> = []
        for fact in log.factsInLogOrder {
            if case .fundBalanceAsserted = fact.payload, let id = StatementImport.importID(ofBalance: fact) { statementImports.insert(id) }
        }
        var recorded: [Key: [Recorded]] = [:]
        for fact in log.factsInLogOrder {
            guard let (key, voucher) = key(fact.payload, on: fact.occurredOn) else { continue }
            if !statementImports.isEmpty, let id = StatementImport.importID(ofRow: fact), statementImports.contains(id) { continue }
            recorded[key, default: []].append(Recorded(compared: VoucherKey(voucher).folded, voucher: voucher, record: fact.evidence,
                                                       original: fact.replaces?.eventID ?? fact.evidence.eventID))
        }
        var earlier: [Key: [(compared: String, voucher: String, row: Int)]] = [:]
        for index in planned.indices {
            guard let event = planned[index].event, case .domain(let payload) = event.payload,
                  let (key, voucher) = key(payload, on: event.occurredOn) else { continue }
            let compared = VoucherKey(voucher).folded
            let row = planned[index].row
            var words: (reason: Wording, allowed: Wording)? = nil
            let records = recorded[key] ?? []
            // A recorded payment with this voucher: the row is that payment (unchanged, or a changed one the voucher
            // check refuses), not a twin of another.
            if !records.contains(where: { $0.compared == compared }) {
                if let first = records.first {
                    words = (ImportWords.twinOfRecord(key, voucher: first.voucher, record: first.record),
                             ImportWords.twinOfRecordAllowed(original: first.original))
                } else if let rows = earlier[key], !rows.contains(where: { $0.compared == compared }), let first = rows.first {
                    words = (ImportWords.twinOfRow(key, voucher: first.voucher, row: first.row), ImportWords.twinOfRowAllowed)
                }
            }
            earlier[key, default: []].append((compared, voucher, row.number))
            guard let words else { continue }
            let value = voucherColumn.flatMap { $0 < row.cells.count ? row.cells[$0].map(Cell.trimmed) : nil }
            planned[index].unlessRecorded.append(RowProblem(
                file: file, row: row.number, column: voucherColumn,
                heading: voucherColumn.flatMap { $0 < headings.count && !headings[$0].isEmpty ? headings[$0] : nil },
                value: value, reason: words.reason, allowed: words.allowed))
        }
    }
}

extension ImportWords {
    /// What a payment and its twin share, as the row says it: `income of ¥100.00 to F-HY-PI on 2026-01-10 from
    /// "王明", category 其他` / `2026-01-10 F-HY-PI 收入 100.00元，付款方“王明”，类别 其他`.
    static func twinShared(_ key: ImportTwins.Key) -> Wording {
        let money = self.money(Amount(fen: key.fen))
        let party = key.counterparty.plainText.map { (en: "\"\(RowProblem.shown($0))\"", zh: "“\(RowProblem.shown($0))”") }
            ?? (en: "(the same private person)", zh: "（同一个个人，已作个人信息处理）")
        // The category as recorded (its code); in Chinese its word from docs/categories.md when it is one of them.
        let direction: Category.Direction = key.type == .fundSpending ? .spending : .income
        let word = CategoryVocabulary.all.first { $0.code == key.category && $0.direction == direction }?.zh ?? key.category
        let category = key.category.isEmpty ? (en: "", zh: "") : (en: ", category \(key.category)", zh: "，类别 \(word)")
        switch key.type {
        case .fundIncome:
            return Wording(en: "income of \(money.en) to \(key.fund) on \(key.date) from \(party.en)\(category.en)",
                           zh: "\(key.date) \(key.fund) 收入 \(money.zh)，付款方\(party.zh)\(category.zh)")
        case .fundSpending:
            return Wording(en: "spending of \(money.en) from \(key.fund) on \(key.date) to \(party.en)\(category.en)",
                           zh: "\(key.date) \(key.fund) 支出 \(money.zh)，收款方\(party.zh)\(category.zh)")
        default:
            return Wording(en: "transfer of \(money.en) from \(key.fund) to \(key.toFund) on \(key.date)",
                           zh: "\(key.date) 从 \(key.fund) 划转 \(money.zh) 到 \(key.toFund)")
        }
    }

    /// A row that is a recorded payment's twin under another voucher.
    static func twinOfRecord(_ key: ImportTwins.Key, voucher: String, record: Evidence) -> Wording {
        let shared = twinShared(key)
        let shown = RowProblem.shown(voucher)
        return Wording(
            en: "the ledger holds this payment already under another voucher (record #\(record.seq) \(record.eventID), voucher \"\(shown)\": "
                + "\(shared.en)): every field but the voucher is the same, so it is most likely that payment again, its voucher corrected or "
                + "changed by Excel, and its money would be counted twice",
            zh: "账本中已有这笔款项，凭证号不同（记录 #\(record.seq) \(record.eventID)，凭证号“\(shown)”：\(shared.zh)）：除凭证号外各项都相同，"
                + "多半是同一笔款项（凭证号改过，或被 Excel 改动），再记一次就重复记账了")
    }

    static func twinOfRecordAllowed(original: String) -> Wording {
        Wording(
            en: "If it is the same payment, delete this row (or import with --allow-partial, which leaves it out); to change the recorded "
                + "voucher, append a correction event of \(original) whose replacement carries the right one. If it is another payment with "
                + "the same fields, import the file again with --allow-twins.",
            zh: "如果是同一笔款项，请删去这一行（或加 --allow-partial 导入，这一行会被退回）；要改正已记录的凭证号，请追加一条更正（correction）事件，"
                + "更正记录 \(original)，在其 replacement 中写正确的凭证号。如果确是各项都相同的另一笔款项，"
                + "请加 --allow-twins 重新导入该文件。")
    }

    /// A row that is an earlier row's twin under another voucher.
    static func twinOfRow(_ key: ImportTwins.Key, voucher: String, row: Int) -> Wording {
        let shared = twinShared(key)
        let shown = RowProblem.shown(voucher)
        return Wording(
            en: "row \(row) of this file gives this payment already under another voucher (\"\(shown)\": \(shared.en)): every field but "
                + "the voucher is the same, so it is most likely one payment written twice, and its money would be counted twice",
            zh: "本文件第 \(row) 行已有这笔款项，凭证号不同（凭证号“\(shown)”：\(shared.zh)）：除凭证号外各项都相同，"
                + "多半是同一笔款项写了两次，都导入就重复记账了")
    }

    static let twinOfRowAllowed = Wording(
        en: "If the two rows are one payment, keep one of them. If they are two payments with the same fields, import the file again "
            + "with --allow-twins.",
        zh: "如果两行是同一笔款项，请只保留一行；如果确是各项都相同的两笔款项，请加 --allow-twins 重新导入该文件。")
}
