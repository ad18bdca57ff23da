import LedgerEvents
import LedgerProjections

/// `ledger append`'s check of vouchers (review 37a F2), the rule an import's rows meet in `FactImporter`, comparing
/// by the same key (`VoucherKey`: `00124` is `124`, `ＳＪ－１` is `SJ-1`; session 38): a voucher is written once per fund
/// (`FactKind.voucherKey`), so an income, a spending or a transfer whose voucher its fund has recorded already for
/// that kind of movement — a fact in effect in the log, or an earlier event of the batch — is the same payment again,
/// counted twice if appended. It is refused naming the recorded record; another payment
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

    /// An issue at `data.voucher` for each event of `events` (a batch's new events, in order; `lines`: their input
    /// lines, for naming an earlier one) whose fund and voucher `log` (the whole log, or the records of the funds'
    /// communities) holds in effect, or an earlier event of the batch gives. A correction's replacement is checked
    /// as the event it records (review 37d S1, M1), and a correction frees the voucher of the record it corrects for
    /// the events after it (m1: void a payment and record it again in one batch).
    public static func repeated(_ events: [Event], lines: [Int]? = nil, log: EffectiveLog) -> [ValidationIssue] {
        var recorded: [String: EffectiveFact] = [:]
        // The key each original event's fact in effect holds, for a correction of it in the batch.
        var keyOfOriginal: [String: String] = [:]
        func joined(_ kind: String, _ fund: String, _ voucher: String) -> String { kind + "\u{1F}" + fund + "\u{1F}" + VoucherKey(voucher).folded }
        for fact in log.factsInLogOrder {
            guard let (kind, fund, voucher) = key(fact.payload) else { continue }
            let k = joined(kind, fund, voucher)
            recorded[k] = fact
            keyOfOriginal[fact.replaces?.eventID ?? fact.evidence.eventID] = k
        }
        var inBatch: [String: Int] = [:]
        // Each batch event's voucher as written, for quoting it to a later one written otherwise.
        var writtenAt: [Int: String] = [:]
        // The original event a correction of the batch, holding a voucher, stands for.
        var correctsOf: [Int: String] = [:]
        var issues: [ValidationIssue] = []
        for (index, event) in events.enumerated() {
            guard let payload = event.payload.domain else { continue }
            var checked: DomainEvent? = payload
            var checkedOn = event.occurredOn
            if case .correction(let c) = payload {
                // The corrected payment's voucher is free from here on, whether it is a record or an earlier event of
                // the batch (a sample file records a payment and its correction together).
                if let held = keyOfOriginal.removeValue(forKey: c.corrects) {
                    if let fact = recorded[held], (fact.replaces?.eventID ?? fact.evidence.eventID) == c.corrects { recorded[held] = nil }
                    if let earlier = inBatch[held], events[earlier].id == c.corrects || correctsOf[earlier] == c.corrects { inBatch[held] = nil }
                }
                checked = c.replacement?.payload
                checkedOn = c.replacement?.occurredOn ?? checkedOn
            }
            guard let checked, let (kind, fund, voucher) = key(checked) else { continue }
            let k = joined(kind, fund, voucher)
            let reason: Wording
            if let fact = recorded[k] {
                let written = key(fact.payload)?.voucher
                // Another day, amount or counterparty: a voucher number used again, told as the import tells it
                // (`FactImporter.anotherPayment`, review 42b), not as the same payment counted twice.
                let old = FactImporter.object(PayloadCodec.encode(fact.payload)), new = FactImporter.object(PayloadCodec.encode(checked))
                let other = FactImporter.anotherPayment(old: old, oldDate: fact.occurredOn, new: new, newDate: checkedOn)
                if !other.isEmpty {
                    let words = ImportWords.voucherOfAnotherPayment("\(fact.evidence)", correcting: fact.replaces?.eventID, differing: other,
                                                                    differences: FactImporter.differences(old: old, oldDate: fact.occurredOn,
                                                                                                          new: new, newDate: checkedOn))
                    let allowed = ImportWords.voucherOfAnotherPaymentAllowed(fact.replaces?.eventID ?? fact.evidence.eventID, voucher: voucher,
                                                                             date: checkedOn, door: .append)
                    let shown = RowProblem.shown(voucher)
                    reason = Wording(en: "voucher \"\(shown)\" of fund \(fund) " + words.en + ". " + allowed.en,
                                     zh: "资金账户 \(fund) 的凭证号“\(shown)”" + words.zh + "。" + allowed.zh)
                } else {
                    reason = ImportWords.voucherRecordedAtAppend(voucher, fund: fund, seq: fact.evidence.seq, eventID: fact.evidence.eventID,
                                                                 original: fact.replaces?.eventID, recordedAs: written == voucher ? nil : written)
                }
            } else if let earlier = inBatch[k] {
                // One id twice with other content is refused as such already (the writer's id check): not again here.
                if let id = event.id, id == events[earlier].id { continue }
                reason = ImportWords.voucherTwiceInBatch(voucher, fund: fund, earlier: lines.map { "\($0[earlier])" }, earlierID: events[earlier].id ?? "#\(earlier + 1)",
                                                         writtenAs: writtenAt[earlier] == voucher ? nil : writtenAt[earlier])
            } else {
                inBatch[k] = index
                writtenAt[index] = voucher
                if case .correction(let c) = payload {
                    keyOfOriginal[c.corrects] = k
                    correctsOf[index] = c.corrects
                } else if let id = event.id {
                    keyOfOriginal[id] = k
                }
                continue
            }
            issues.append(ValidationIssue(batchIndex: index, seq: nil, eventID: event.id ?? "(no id)", type: event.type,
                                          field: event.type == EventType.correction.rawValue ? "data.replacement.data.voucher" : "data.voucher",
                                          reason: reason))
        }
        return issues
    }
}

extension ImportWords {
    /// `ledger append` of a payment whose fund has recorded its voucher: what it is, and what to do.
    static func voucherRecordedAtAppend(_ voucher: String, fund: String, seq: Int64, eventID: String, original: String?,
                                        recordedAs: String?) -> Wording {
        let shown = RowProblem.shown(voucher)
        let record = Wording(en: "record #\(seq) \(eventID)" + (original.map { ", the correction of \($0)" } ?? "")
                                + (recordedAs.map { ", written \"\(RowProblem.shown($0))\" there" } ?? ""),
                             zh: "记录 #\(seq) \(eventID)" + (original.map { "，即对 \($0) 的更正" } ?? "")
                                + (recordedAs.map { "，记录中写作“\(RowProblem.shown($0))”" } ?? ""))
        let target = original ?? eventID
        return Wording(
            en: "voucher \"\(shown)\" of fund \(fund) is recorded already (\(record.en)): a voucher is written once per fund, so this is the same "
                + "payment, counted twice if appended again. If it is the same payment, leave this event out of the batch (to change the "
                + "recorded payment, append a correction of \(target)); if it is another payment, give it its own voucher number.",
            zh: "资金账户 \(fund) 的凭证号“\(shown)”已经记录过（\(record.zh)）：同一资金账户的凭证号只记录一次，再追加就把这笔款项算了两次。"
                + "如果是同一笔款项，请从这一批中删去该事件（要改正已记录的款项，请追加一条更正（correction）事件，更正记录 \(target)）；"
                + "如果确是另一笔款项，请给它另编凭证号。")
    }

    /// Two events of one batch with one fund's voucher (`earlier`: the earlier one's input line, when known).
    /// `writtenAs`: the earlier event's voucher when it is written otherwise (`00124` for `124`, `VoucherKey`).
    static func voucherTwiceInBatch(_ voucher: String, fund: String, earlier line: String?, earlierID: String, writtenAs: String? = nil) -> Wording {
        let shown = RowProblem.shown(voucher)
        let earlier = line.map { (en: "line \($0)", zh: "第 \($0) 行") } ?? (en: "event \(earlierID)", zh: "事件 \(earlierID)")
        let there = writtenAs.map { (en: ", written \"\(RowProblem.shown($0))\" there", zh: "（该处写作“\(RowProblem.shown($0))”）") } ?? (en: "", zh: "")
        return Wording(
            en: "voucher \"\(shown)\" of fund \(fund) is given by \(earlier.en) of this batch too\(there.en): a voucher is written once per fund. "
                + "If they are one payment, keep one of them; if they are two, give each its own voucher number.",
            zh: "资金账户 \(fund) 的凭证号“\(shown)”在这一批的\(earlier.zh)也用了\(there.zh)：同一资金账户的凭证号只记录一次。"
                + "如果是同一笔款项，请只保留一个事件；如果是两笔款项，请各编凭证号。")
    }
}
