import LedgerEvents
import LedgerProjections

/// `ledger append`'s check of vouchers (review 37a F2), the rule an import's rows meet in `FactImporter`: a voucher
/// is written once per fund (`FactKind.voucherKey`), so an income, a spending or a transfer whose voucher its fund
/// has recorded already for that kind of movement — a fact in effect in the log, or an earlier event of the batch —
/// is the same payment again, counted twice if appended. It is refused naming the recorded record; another payment
/// gets its own voucher number, and a recorded payment is changed by a correction of its original event.
public enum RecordedVouchers {
    /// The fund and voucher that name one payment of `payload`'s kind, or nil for any other event.
    static func key(_ payload: DomainEvent) -> (kind: String, fund: String, voucher: String)? {
        switch payload {
        case .fundIncome(let p): return ("income", p.fundID, p.voucher)
        case .fundSpending(let p): return ("spending", p.fundID, p.voucher)
        case .fundTransfer(let p): return ("transfer", p.fromFundID, p.voucher)
        default: return nil
        }
    }

    /// An issue at `data.voucher` for each event of `events` (a batch's new events, in order) whose fund and voucher
    /// `log` (the whole log, or the records of the funds' communities) holds in effect, or an earlier event of the
    /// batch gives.
    public static func repeated(_ events: [Event], log: EffectiveLog) -> [ValidationIssue] {
        var recorded: [String: EffectiveFact] = [:]
        for fact in log.factsInLogOrder {
            guard let (kind, fund, voucher) = key(fact.payload) else { continue }
            recorded[kind + "\u{1F}" + fund + "\u{1F}" + voucher] = fact
        }
        var inBatch: [String: Int] = [:]
        var issues: [ValidationIssue] = []
        for (index, event) in events.enumerated() {
            guard let payload = event.payload.domain, let (kind, fund, voucher) = key(payload) else { continue }
            let joined = kind + "\u{1F}" + fund + "\u{1F}" + voucher
            let reason: Wording
            if let fact = recorded[joined] {
                reason = ImportWords.voucherRecordedAtAppend(voucher, fund: fund, seq: fact.evidence.seq, eventID: fact.evidence.eventID,
                                                             original: fact.replaces?.eventID)
            } else if let earlier = inBatch[joined] {
                // One id twice with other content is refused as such already (the writer's id check): not again here.
                if let id = event.id, id == events[earlier].id { continue }
                reason = ImportWords.voucherTwiceInBatch(voucher, fund: fund, earlier: events[earlier].id ?? "#\(earlier + 1)")
            } else {
                inBatch[joined] = index
                continue
            }
            issues.append(ValidationIssue(batchIndex: index, seq: nil, eventID: event.id ?? "(no id)", type: event.type,
                                          field: "data.voucher", reason: reason))
        }
        return issues
    }
}

extension ImportWords {
    /// `ledger append` of a payment whose fund has recorded its voucher: what it is, and what to do.
    static func voucherRecordedAtAppend(_ voucher: String, fund: String, seq: Int64, eventID: String, original: String?) -> Wording {
        let shown = RowProblem.shown(voucher)
        let record = Wording(en: "record #\(seq) \(eventID)" + (original.map { ", the correction of \($0)" } ?? ""),
                             zh: "记录 #\(seq) \(eventID)" + (original.map { "，即对 \($0) 的更正" } ?? ""))
        let target = original ?? eventID
        return Wording(
            en: "voucher \"\(shown)\" of fund \(fund) is recorded already (\(record.en)): a voucher is written once per fund, so this is the same "
                + "payment, counted twice if appended again. If it is the same payment, leave this event out of the batch (to change the "
                + "recorded payment, append a correction of \(target)); if it is another payment, give it its own voucher number.",
            zh: "资金账户 \(fund) 的凭证号“\(shown)”已经记录过（\(record.zh)）：同一资金账户的凭证号只记录一次，再追加就把这笔款项算了两次。"
                + "如果是同一笔款项，请从这一批中删去该事件（要改正已记录的款项，请追加一条更正（correction）事件，更正记录 \(target)）；"
                + "如果确是另一笔款项，请给它另编凭证号。")
    }

    /// Two events of one batch with one fund's voucher.
    static func voucherTwiceInBatch(_ voucher: String, fund: String, earlier: String) -> Wording {
        let shown = RowProblem.shown(voucher)
        return Wording(
            en: "voucher \"\(shown)\" of fund \(fund) is given by event \(earlier) of this batch too: a voucher is written once per fund. "
                + "If they are one payment, keep one of them; if they are two, give each its own voucher number.",
            zh: "资金账户 \(fund) 的凭证号“\(shown)”在这一批中的事件 \(earlier) 也用了：同一资金账户的凭证号只记录一次。"
                + "如果是同一笔款项，请只保留一个事件；如果是两笔款项，请各编凭证号。")
    }
}
