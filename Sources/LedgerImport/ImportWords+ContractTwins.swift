import LedgerEvents
import LedgerProjections

/// What `ledger import contracts` says of a contract pasted again under another id (review 43a M1,
/// `ImportTwins.contractKey`), in the shape of a payment's twin (`twinOfRecord`, `twinOfRow`).
extension ImportWords {
    /// What a contract and its twin share: `contract of C-T for A-T1 with "中国铁塔", 2025-03-01 to 2026-02-28, rent
    /// ¥20,000.00 per year` / `C-T 的 A-T1，承租方“中国铁塔”，2025-03-01 至 2026-02-28，租金 20,000.00元/年`. `theirs`: the
    /// tenant as the record or earlier row writes it (review 43d #3: the row's was quoted as the record's).
    static func contractTwinShared(_ key: ImportTwins.Key, theirs: PersonalText) -> Wording {
        let money = self.money(Amount(fen: key.fen))
        let party = theirs.plainText.map { (en: "\"\(RowProblem.shown($0))\"", zh: "“\(RowProblem.shown($0))”") }
            ?? (en: "(the same private person)", zh: "（同一个个人，已作个人信息处理）")
        let end = key.rest.first ?? ""
        let parts = key.rest.dropFirst()
        let period: (en: String, zh: String) = switch key.category {
        case "month": ("per month", "/月")
        case "quarter": ("per quarter", "/季")
        case "year": ("per year", "/年")
        default: ("once", "（一次性）")
        }
        return Wording(en: "contract of \(key.fund) for \(parts.joined(separator: ", ")) with \(party.en), \(key.date) to \(end), rent \(money.en) \(period.en)",
                       zh: "\(key.fund) 的 \(parts.joined(separator: "、"))，承租方\(party.zh)，\(key.date) 至 \(end)，租金 \(money.zh)\(period.zh)")
    }

    /// A row that is a recorded contract's twin under another contract id.
    static func contractTwinOfRecord(_ key: ImportTwins.Key, id: String, record: Evidence, theirs: PersonalText) -> Wording {
        let shown = RowProblem.shown(id)
        let shared = contractTwinShared(key, theirs: theirs)
        return Wording(
            en: "the ledger holds this contract already under another contract id (record #\(record.seq) \(record.eventID), contract \"\(shown)\": "
                + "\(shared.en)): every term but the id is the same, so it is most likely that contract pasted again or its id retyped, "
                + "and its rent would fall due twice",
            zh: "账本中已有这份合同，合同编号不同（记录 #\(record.seq) \(record.eventID)，合同编号“\(shown)”：\(shared.zh)）：除合同编号外各项条款都相同，"
                + "多半是同一份合同重复粘贴或编号改写，再记一次租金就会重复应收")
    }

    static func contractTwinOfRecordAllowed(id: String) -> Wording {
        let shown = RowProblem.shown(id)
        return Wording(
            en: "If it is the same contract, delete this row (the ledger holds it as \(shown); a wrong term of it is put right by a correction of its record). "
                + "If it is another contract for the same parts, tenant, term and rent, import the file again with --allow-twins.",
            zh: "如果是同一份合同，请删去这一行（账本中的编号为 \(shown)；其条款有误的，请追加更正改正该记录）。"
                + "如果确是同一部分、同一承租方、同一期限和租金的另一份合同，请加 --allow-twins 重新导入该文件。")
    }

    /// A row that is an earlier row's twin under another contract id.
    static func contractTwinOfRow(_ key: ImportTwins.Key, id: String, row: Int, theirs: PersonalText) -> Wording {
        let shown = RowProblem.shown(id)
        let shared = contractTwinShared(key, theirs: theirs)
        return Wording(
            en: "row \(row) of this file gives this contract already under another contract id (\"\(shown)\": \(shared.en)): every term but "
                + "the id is the same, so it is most likely one contract pasted twice, and its rent would fall due twice",
            zh: "本文件第 \(row) 行已有这份合同，合同编号不同（合同编号“\(shown)”：\(shared.zh)）：除合同编号外各项条款都相同，"
                + "多半是同一份合同粘贴了两次，都导入租金就会重复应收")
    }

    static let contractTwinOfRowAllowed = Wording(
        en: "If the two rows are one contract, keep one of them. If they are two contracts for the same parts, tenant, term and rent, "
            + "import the file again with --allow-twins.",
        zh: "如果两行是同一份合同，请只保留一行；如果确是同一部分、同一承租方、同一期限和租金的两份合同，请加 --allow-twins 重新导入该文件。")
}
