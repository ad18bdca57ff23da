import LedgerEvents
import LedgerProjections

/// What `ledger import contracts` and `ledger append` say of a contract pasted again under another id (review 43a
/// M1, `ImportTwins.contractKey`), in the shape of a payment's twin (`twinOfRecord`, `twinOfRow`).
extension ImportWords {
    /// What a contract and its twin share: `contract of C-T for A-T1 with "中国铁塔", 2025-03-01 to 2026-02-28, rent
    /// ¥20,000.00 per year` / `C-T 的 A-T1，承租方“中国铁塔”，2025-03-01 至 2026-02-28，租金 20,000.00元/年`. `theirs`: the
    /// tenant as the record or earlier row writes it (review 43d #3: the row's was quoted as the record's). When
    /// either side keeps the tenant private (`--private`, `{"person": …}`), no name is shown: the two are one person
    /// through `private/` (review 43d #3), and the name in clear is that private person's.
    static func contractTwinShared(_ key: ImportTwins.Key, theirs: PersonalText) -> Wording {
        let money = self.money(Amount(fen: key.fen))
        let inClear: String? = if case .plain = key.counterparty { theirs.plainText } else { nil }
        let party = inClear.map { (en: "\"\(RowProblem.shown($0))\"", zh: "“\(RowProblem.shown($0))”") }
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

    /// A row that is a recorded contract's twin under another contract id, as a phrase that follows its own id
    /// (`"K-2" is the id of a contract the ledger already holds …`; the append door puts the id first: `twinAtAppend`).
    static func contractTwinOfRecord(_ key: ImportTwins.Key, id: String, record: Evidence, theirs: PersonalText) -> Wording {
        let shown = RowProblem.shown(id)
        let shared = contractTwinShared(key, theirs: theirs)
        return Wording(
            en: "is the id of a contract the ledger already holds under another contract id (record #\(record.seq) \(record.eventID), contract \"\(shown)\": "
                + "\(shared.en)): every term but the id is the same, so it is most likely that contract pasted again or its id retyped, "
                + "and its rent would fall due twice",
            zh: "所记的合同，账本中已以另一合同编号记录（记录 #\(record.seq) \(record.eventID)，合同编号“\(shown)”：\(shared.zh)）：除合同编号外各项条款都相同，"
                + "多半是同一份合同重复粘贴或编号改写，再记一次租金就会重复应收")
    }

    /// What to do with a contract a recorded one's twin (`theirs`: the record's tenant as written; a private person's
    /// makes the advice say how a correction writes it, as for a payment: `twinOfRecordAllowed`).
    static func contractTwinOfRecordAllowed(id: String, door: SameMoneyDoor, theirs: PersonalText? = nil) -> Wording {
        let shown = RowProblem.shown(id)
        let same: (en: String, zh: String) = switch door {
        case .importFile: ("delete this row", "请删去这一行")
        case .append: (door.leaveOut.en, door.leaveOut.zh)
        }
        return Wording(
            en: "If it is the same contract, \(same.en) (the ledger holds it as \(shown); a wrong term of it is put right by a correction of its record). "
                + "If it is another contract for the same parts, tenant, term and rent, \(door.twinsAgain.en).",
            zh: "如果是同一份合同，\(same.zh)（账本中的编号为 \(shown)；其条款有误的，请追加更正改正该记录）。"
                + "如果确是同一部分、同一承租方、同一期限和租金的另一份合同，\(door.twinsAgain.zh)。")
            + privatelyRecorded(theirs, party: ImportWords.TwinThing.contract.party)
    }

    /// A row or event that is an earlier one's twin under another contract id (`place`: `twinPlace`), as a phrase that
    /// follows its own id.
    static func contractTwinOfRow(_ key: ImportTwins.Key, id: String, place: Wording, door: SameMoneyDoor, theirs: PersonalText) -> Wording {
        let shown = RowProblem.shown(id)
        let shared = contractTwinShared(key, theirs: theirs)
        return Wording(
            en: "is the id of a contract that \(place.en) already gives under another contract id (\"\(shown)\": \(shared.en)): every term but "
                + "the id is the same, so it is most likely one contract pasted twice, and its rent would fall due twice",
            zh: "所记的合同，\(place.zh)已以另一合同编号记载（合同编号“\(shown)”：\(shared.zh)）：除合同编号外各项条款都相同，"
                + "多半是同一份合同粘贴了两次，都\(door.twinVerb)租金就会重复应收")
    }
}
