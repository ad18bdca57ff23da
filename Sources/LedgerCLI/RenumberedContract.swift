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
/// what to record (review 48 #5). Imports append no corrections (a changed row is refused, naming the correction to
/// record), so only `append` can renumber a contract.
enum RenumberedContract {
    /// A correction of the batch whose replacement is a contract under another number than the record it corrects
    /// as first made.
    struct Renumbering {
        let seq: Int64
        let id: String
        let lineNumber: Int
        /// The event id it corrects, and that record's seq.
        let corrects: String
        let correctedSeq: Int64
        /// The contract's number in the replacement.
        let number: String
    }

    /// The batch's renumberings of contracts (`events` as parsed, `lineNumbers` theirs; `result` the append's):
    /// each appended correction whose replacement is a `contract.signed` and whose record as first made (`original`)
    /// is one under another `contract_id`. Cheap: nothing is read but the corrected records.
    static func renumberings(_ events: [Event], lineNumbers: [Int], _ result: AppendResult,
                             original: (String) -> Record?) -> [Renumbering] {
        var appendedSeq: [String: Int64] = [:]
        for appended in result.appended where appendedSeq[appended.id] == nil { appendedSeq[appended.id] = appended.seq }
        var out: [Renumbering] = []
        for (index, event) in events.enumerated() where event.type == EventType.correction.rawValue && index < lineNumbers.count {
            guard let id = event.id, let seq = appendedSeq[id], let target = event.data["corrects"]?.stringValue,
                  case .object(let replacement)? = event.data["replacement"],
                  replacement["type"]?.stringValue == EventType.contractSigned.rawValue,
                  case .object(let data)? = replacement["data"], let number = data["contract_id"]?.stringValue,
                  let record = original(target), record.type == EventType.contractSigned.rawValue,
                  let first = record.data["contract_id"]?.stringValue, first != number else { continue }
            out.append(Renumbering(seq: seq, id: id, lineNumber: lineNumbers[index], corrects: target, correctedSeq: record.seq, number: number))
        }
        return out.sorted { $0.seq < $1.seq }
    }

    /// The notices for `renumberings`, from `records`: the records of the corrected contracts' communities (or any
    /// superset: the whole log's contracts, decisions and corrections) up to `lastSeq`, the batch's last. For each
    /// renumbering, each number the contract's record held before it (as first made, or by an earlier correction)
    /// that no contract of the ledger holds after the batch, and each decision of the contract's community naming
    /// that number, in decision id order.
    static func notices(_ renumberings: [Renumbering], records: [Record], lastSeq: Int64, source: String) -> [Message] {
        guard !renumberings.isEmpty else { return [] }
        let projection = Projection(log: EffectiveLog(sparse: records, upTo: lastSeq), asOf: CalendarDate(iso: "9999-12-31")!)
        let decisions = projection.decisions.values.sorted { $0.id < $1.id }
        var out: [Message] = []
        for r in renumberings {
            var before: [String] = []
            for record in records where record.seq < r.seq {
                if record.id == r.corrects, record.type == EventType.contractSigned.rawValue,
                   let number = record.data["contract_id"]?.stringValue {
                    before.append(number)
                } else if record.type == EventType.correction.rawValue, record.data["corrects"]?.stringValue == r.corrects,
                          case .object(let replacement)? = record.data["replacement"], case .object(let data)? = replacement["data"],
                          let number = data["contract_id"]?.stringValue {
                    before.append(number)
                }
            }
            let community = records.first { $0.seq == r.correctedSeq }?.data["community_id"]?.stringValue
            var told = Set<String>()
            for old in before where old != r.number && projection.contracts[old] == nil && told.insert(old).inserted {
                for decision in decisions where decision.terms.authorises.contractID == old && decision.terms.communityID == community {
                    out.append(notice(r, old: old, decision: decision, source: source))
                }
            }
        }
        return out
    }

    static func notice(_ r: Renumbering, old: String, decision: Decision, source: String) -> Message {
        let id = DisplayText.visible(r.id), target = DisplayText.visible(r.corrects), was = DisplayText.visible(old)
        let now = DisplayText.visible(r.number), named = DisplayText.visible(decision.id)
        return Message(
            en: "notice: \(source):\(r.lineNumber): correction \"\(id)\" gives contract \"\(was)\" (event \"\(target)\", record seq "
                + "\(r.correctedSeq)) the number \"\(now)\"; decision \"\(named)\" (record seq \(decision.evidence.seq)) names contract "
                + "\"\(was)\" (authorises.contract_id), which the ledger no longer holds, so it now reads as naming no contract: "
                + "where it approved \"\(was)\" only, it authorises any contract on its parts and any use citing it (CON-01, OCC-02; "
                + "ledger-spec.md 11). This is not an error; if the owners approved this contract, record a correction of decision "
                + "\"\(named)\" naming \"\(now)\"; if they approved another contract numbered \"\(was)\", record that contract.",
            zh: "注意：\(source) 第 \(r.lineNumber) 行：更正“\(id)”把合同“\(was)”（事件“\(target)”，第 \(r.correctedSeq) 条记录）的编号改为“\(now)”；"
                + "决定“\(named)”（第 \(decision.evidence.seq) 条记录）载明同意的合同是“\(was)”（authorises.contract_id），账本中已没有这个编号的合同，"
                + "该决定因此被视为未指明合同：它原只同意“\(was)”，现在将授权其所涉共有部分上的任何合同及引用它的任何使用（CON-01、OCC-02；"
                + "ledger-spec.md 11）。这不是错误；如业主同意的就是这份合同，请再记一条更正，把决定“\(named)”改为载明“\(now)”；"
                + "如业主同意的是另一份编号为“\(was)”的合同，请补记那份合同。")
    }
}
