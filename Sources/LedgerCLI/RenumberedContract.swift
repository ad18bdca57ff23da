import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// A correction that gives a contract another number (`contract_id`) while a decision of its community names the
/// number it had (`authorises.contract_id`): the decision then names a contract the ledger does not hold, which it
/// reads as naming none (`Projection.contractNamed(by:)`, review 47d), so the restriction the owners set — this
/// contract only — is lifted without a word: the decision authorises any contract on its parts (CON-01) and any use
/// citing it (OCC-02). Not refused: the law ties the authority to what the owners decided ([CC] 278(8); [QD]
/// 30(7)), not to the ledger's numbering, and only the clerk can say whether the new number is a typing error put
/// right (the decision's record wants the same correction) or another contract; the ledger cannot tell them apart,
/// and refusing would leave a wrong number uncorrectable. `ledger append` says so on stderr, naming the decision and
/// what to record (review 48 #5). The same holds for a correction voiding the contract or moving it to another
/// community (review 49 #4): no contract of the decision's community then holds the number it names. Imports append
/// no corrections (a changed row is refused, naming the correction to record), so only `append` can do this.
enum RenumberedContract {
    /// A correction of the batch of a record first made as a `contract.signed`: what it makes of the contract.
    struct Renumbering {
        let seq: Int64
        let id: String
        let lineNumber: Int
        /// The event id it corrects, and that record's seq.
        let corrects: String
        let correctedSeq: Int64
        /// The contract's number and community in the replacement (nil: voided, or replaced by another kind of record).
        let number: String?
        let community: String?
    }

    /// The batch's corrections of contracts (`events` as parsed, `lineNumbers` theirs; `result` the append's): each
    /// appended correction whose corrected record (`original`) was first made as a `contract.signed`. Whether one
    /// changes the number a decision names is told by `notices`, against the version in effect before the batch
    /// (review 49 #3: comparing with the record as first made missed K-10 put back to K-9). Cheap: nothing is read
    /// but the corrected records.
    static func renumberings(_ events: [Event], lineNumbers: [Int], _ result: AppendResult,
                             original: (String) -> Record?) -> [Renumbering] {
        var appendedSeq: [String: Int64] = [:]
        for appended in result.appended where appendedSeq[appended.id] == nil { appendedSeq[appended.id] = appended.seq }
        var out: [Renumbering] = []
        for (index, event) in events.enumerated() where event.type == EventType.correction.rawValue && index < lineNumbers.count {
            guard let id = event.id, let seq = appendedSeq[id], let target = event.data["corrects"]?.stringValue,
                  let record = original(target), record.type == EventType.contractSigned.rawValue else { continue }
            let (number, community) = contractTerms(replacementOf: event.data)
            out.append(Renumbering(seq: seq, id: id, lineNumber: lineNumbers[index], corrects: target, correctedSeq: record.seq,
                                   number: number, community: community))
        }
        return out.sorted { $0.seq < $1.seq }
    }

    /// The `contract_id` and `community_id` of a correction's replacement, when it is a `contract.signed`.
    static func contractTerms(replacementOf data: [String: JSONValue]) -> (number: String?, community: String?) {
        guard case .object(let replacement)? = data["replacement"], replacement["type"]?.stringValue == EventType.contractSigned.rawValue,
              case .object(let terms)? = replacement["data"] else { return (nil, nil) }
        return (terms["contract_id"]?.stringValue, terms["community_id"]?.stringValue)
    }

    /// What a batch did to a contract a decision names.
    enum Change: Equatable {
        case renumbered(String)
        case voided
        case moved(String)
    }

    /// The notices for `renumberings`, from `records`: the records of the corrected contracts' communities (or any
    /// superset: the whole log's contracts, decisions and corrections) up to `lastSeq`, the batch's last. For each
    /// contract the batch corrected: the number and community of the version in effect before the batch, when the
    /// version after it (the batch's last correction of it) has another number, is voided, or is in another
    /// community, and no contract of that community holds the number after the batch — each decision of that
    /// community naming the number, in decision id order, once (review 49 #5: two renumberings in one batch were
    /// told twice, the first advising a number no contract had after the batch).
    static func notices(_ renumberings: [Renumbering], records: [Record], lastSeq: Int64, source: String) -> [Message] {
        guard !renumberings.isEmpty else { return [] }
        let projection = Projection(log: EffectiveLog(sparse: records, upTo: lastSeq), asOf: CalendarDate(iso: "9999-12-31")!)
        let decisions = projection.decisions.values.sorted { $0.id < $1.id }
        var byRecord: [String: [Renumbering]] = [:]
        var order: [String] = []
        for r in renumberings {
            if byRecord[r.corrects] == nil { order.append(r.corrects) }
            byRecord[r.corrects, default: []].append(r)
        }
        var out: [Message] = []
        for target in order {
            let batch = byRecord[target]!
            let first = batch[0], last = batch[batch.count - 1]
            // The version in effect before the batch: the record first made, or the last correction before it.
            var number: String? = nil, community: String? = nil
            for record in records where record.seq < first.seq {
                if record.seq == first.correctedSeq {
                    (number, community) = (record.data["contract_id"]?.stringValue, record.data["community_id"]?.stringValue)
                } else if record.seq > first.correctedSeq, record.type == EventType.correction.rawValue,
                          record.data["corrects"]?.stringValue == target {
                    (number, community) = contractTerms(replacementOf: record.data)
                }
            }
            guard let old = number, let oldCommunity = community else { continue }
            let change: Change
            if last.number == nil {
                change = .voided
            } else if let now = last.number, now != old {
                change = .renumbered(now)
            } else if let now = last.community, now != oldCommunity {
                change = .moved(now)
            } else {
                continue
            }
            // Another contract of the community holds the number: the decision names that one.
            if projection.contracts[old]?.terms.communityID == oldCommunity { continue }
            for decision in decisions where decision.terms.authorises.contractID == old && decision.terms.communityID == oldCommunity {
                out.append(notice(last, old: old, change: change, decision: decision, source: source))
            }
        }
        return out
    }

    static func notice(_ r: Renumbering, old: String, change: Change, decision: Decision, source: String) -> Message {
        let id = DisplayText.visible(r.id), target = DisplayText.visible(r.corrects), was = DisplayText.visible(old)
        let named = DisplayText.visible(decision.id)
        let record = "(event \"\(target)\", record seq \(r.correctedSeq))", zhRecord = "（事件“\(target)”，第 \(r.correctedSeq) 条记录）"
        let en: (did: String, advice: String), zh: (did: String, advice: String)
        switch change {
        case .renumbered(let number):
            let now = DisplayText.visible(number)
            en = ("gives contract \"\(was)\" \(record) the number \"\(now)\"",
                  "if the owners approved this contract, record a correction of decision \"\(named)\" naming \"\(now)\"")
            zh = ("把合同“\(was)”\(zhRecord)的编号改为“\(now)”", "如业主同意的就是这份合同，请再记一条更正，把决定“\(named)”改为载明“\(now)”")
        case .voided:
            en = ("voids contract \"\(was)\" \(record)", "if the contract was voided in error, record it again under \"\(was)\"")
            zh = ("作废了合同“\(was)”\(zhRecord)", "如该合同系误作废，请按编号“\(was)”重新登记")
        case .moved(let community):
            let now = DisplayText.visible(community)
            en = ("moves contract \"\(was)\" \(record) to community \"\(now)\"",
                  "if the contract belongs to the decision's community, record a correction of it putting it back there")
            zh = ("把合同“\(was)”\(zhRecord)改属小区“\(now)”", "如该合同属于决定所在的小区，请再记一条更正把它改回")
        }
        return Message(
            en: "notice: \(source):\(r.lineNumber): correction \"\(id)\" \(en.did); decision \"\(named)\" (record seq "
                + "\(decision.evidence.seq)) names contract \"\(was)\" (authorises.contract_id), which no contract of its community "
                + "holds any longer, so it now reads as naming no contract: where it approved \"\(was)\" only, it authorises any "
                + "contract on its parts and any use citing it (CON-01, OCC-02; ledger-spec.md 11). This is not an error; "
                + "\(en.advice); if the owners approved another contract numbered \"\(was)\", record that contract.",
            zh: "注意：\(source) 第 \(r.lineNumber) 行：更正“\(id)”\(zh.did)；决定“\(named)”（第 \(decision.evidence.seq) 条记录）载明同意的合同是"
                + "“\(was)”（authorises.contract_id），本小区已没有这个编号的合同，该决定因此被视为未指明合同：它原只同意“\(was)”，"
                + "现在将授权其所涉共有部分上的任何合同及引用它的任何使用（CON-01、OCC-02；ledger-spec.md 11）。这不是错误；"
                + "\(zh.advice)；如业主同意的是另一份编号为“\(was)”的合同，请补记那份合同。")
    }
}
