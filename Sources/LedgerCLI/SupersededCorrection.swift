import LedgerChain
import LedgerEvents
import LedgerPlatform

/// A correction appended for a record that an earlier correction corrected already. The later correction takes the
/// place of the earlier one (ledger-spec.md 10.5: "the latest correction up to the projected seq wins"), so what
/// the earlier one changed and the later one does not change the same way is no longer in effect. That is the
/// spec's fold and not refused; `ledger append` tells the clerk on stderr, naming the earlier correction and each
/// change of it that no longer stands, so that a change meant to stay is not lost without a word.
enum SupersededCorrection {
    /// A correction of the batch as appended: its record's seq and event id, its input line, and its data.
    struct Appended {
        let seq: Int64
        let id: String
        let lineNumber: Int
        let data: [String: JSONValue]
    }

    /// An earlier correction of the same record, as the log holds it.
    struct Earlier {
        let seq: Int64
        let id: String
        let data: [String: JSONValue]
    }

    /// The notices for `appended` (every correction of the batch, in seq order): for each, the latest correction of
    /// the same record before it (in the log, or earlier in the batch), when one of its changes no longer stands.
    /// - Parameters:
    ///   - earlier: every correction record of the log up to the batch's last, by the event id it corrects.
    ///   - original: the record a correction names, by event id (the writer's id index).
    static func notices(_ appended: [Appended], earlier: [String: [Earlier]], source: String,
                        original: (String) -> Record?) -> [Message] {
        var out: [Message] = []
        for correction in appended {
            guard let target = correction.data["corrects"]?.stringValue,
                  let before = earlier[target]?.last(where: { $0.seq < correction.seq }),
                  let record = original(target) else { continue }
            guard let lost = lostChanges(of: before.data["replacement"], now: correction.data["replacement"], original: record) else { continue }
            let place = Message(en: "notice: \(source):\(correction.lineNumber): ", zh: "注意：\(source) 第 \(correction.lineNumber) 行：")
            let shownTarget = DisplayText.visible(target), shownID = DisplayText.visible(correction.id), shownBefore = DisplayText.visible(before.id)
            let head = Message(
                en: "correction \"\(shownID)\" corrects event \"\(shownTarget)\" (record seq \(record.seq)), which correction \"\(shownBefore)\" "
                    + "(record seq \(before.seq)) corrected before; the later correction takes the place of the earlier one (ledger-spec.md 10.5), so ",
                zh: "更正“\(shownID)”更正的事件“\(shownTarget)”（第 \(record.seq) 条记录）此前已由更正“\(shownBefore)”（第 \(before.seq) 条记录）"
                    + "更正过；后一条更正取代前一条（ledger-spec.md 10.5），因此")
            let tail = Message(
                en: " This is not an error; if those changes should stand, record one more correction of \"\(shownTarget)\" that makes them too.",
                zh: "这不是错误；如这些改动仍应有效，请再记一条更正“\(shownTarget)”的更正，把它们一并写明。")
            out.append(place + head + lost + tail)
        }
        return out
    }

    /// What of the earlier correction (`earlier`, its replacement or nil: it voided the record) no longer stands
    /// under the later one (`now`); nil when nothing is lost (both void, or the later repeats every change).
    static func lostChanges(of earlier: JSONValue?, now: JSONValue?, original: Record) -> Message? {
        guard case .object(let before)? = earlier else {
            // The earlier one voided the record: a later void loses nothing; a replacement brings the record back.
            guard now != nil else { return nil }
            return Message(en: "its voiding is no longer in effect: the record stands again, as this correction's replacement.",
                           zh: "其作废不再有效：该记录按本次更正的替换内容重新生效。")
        }
        guard case .object(let after)? = now else {
            return Message(en: "its replacement is no longer in effect: this correction voids the record.",
                           zh: "其替换内容不再有效：本次更正将该记录作废。")
        }
        // The earlier correction's changes: each member of its replacement (the date, each member of `data`) that
        // differs from the original record; lost where the later replacement does not hold the same value.
        var originalFields: [String: JSONValue] = ["occurred_on": .string(original.occurredOn.description)]
        for (key, value) in original.data { originalFields["data." + key] = value }
        func fields(_ replacement: [String: JSONValue]) -> [String: JSONValue] {
            var out: [String: JSONValue] = [:]
            if let date = replacement["occurred_on"] { out["occurred_on"] = date }
            if case .object(let data)? = replacement["data"] {
                for (key, value) in data { out["data." + key] = value }
            }
            return out
        }
        let changed = fields(before), kept = fields(after)
        var lost: [(en: String, zh: String)] = []
        // Sorted, so that the notice never depends on a dictionary's order.
        for key in Set(changed.keys).union(originalFields.keys).sorted() where changed[key] != originalFields[key] && kept[key] != changed[key] {
            let was = changed[key].map { shown($0, key: key, zh: false) } ?? "(absent)"
            let wasZh = changed[key].map { shown($0, key: key, zh: true) } ?? "（无）"
            let isNow = kept[key].map { shown($0, key: key, zh: false) } ?? "(absent)"
            let isNowZh = kept[key].map { shown($0, key: key, zh: true) } ?? "（无）"
            let first = kept[key] == originalFields[key]
            let name = label(key)
            lost.append((en: "\(name.en) \(was) (now \(isNow)\(first ? ", as first recorded" : ""))",
                         zh: "\(name.zh) \(wasZh)（现为 \(isNowZh)\(first ? "，即原记录的值" : "")）"))
        }
        guard !lost.isEmpty else { return nil }
        return Message(en: "these changes it made are no longer in effect: " + lost.map(\.en).joined(separator: "; ") + ".",
                       zh: "其以下改动不再有效：" + lost.map(\.zh).joined(separator: "；") + "。")
    }

    /// A field as a clerk reads it rather than as the log stores it (`data.amount_fen` → amount / 金额): the date, or
    /// a member of `data` by its name without the `_fen` of an amount (shown in yuan), in English with spaces for
    /// underscores, in Chinese by its label (`FieldLabels`; the stored name when it has none).
    static func label(_ key: String) -> (en: String, zh: String) {
        if key == "occurred_on" { return ("date", "发生日期") }
        let name = key.hasPrefix("data.") ? String(key.dropFirst(5)) : key
        let isFen = name.hasSuffix("_fen")
        let bare = isFen ? String(name.dropLast(4)) : name
        var zh = FieldLabels.labels[name] ?? name
        // 金额（分） is the stored unit; the notice shows yuan, so the label is 金额.
        if isFen, zh.hasSuffix("（分）") { zh = String(zh.dropLast(3)) }
        return (String(bare.map { $0 == "_" ? " " : $0 }), zh)
    }

    /// A value as canonical JSON, cut to `shownCharactersMax` characters (a long text need not be shown whole); an
    /// amount in fen (a member ending `_fen`) in yuan, as a clerk reads it and every other message writes it
    /// (¥1,500.00 / 1,500.00元; -¥3.00 / -3.00元 below zero).
    static func shown(_ value: JSONValue, key: String, zh: Bool) -> String {
        if key.hasSuffix("_fen"), case .integer(let fen) = value, fen != .min {
            let yuan = DecimalText.text(units: fen < 0 ? -fen : fen, scale: 2)
            return (fen < 0 ? "-" : "") + (zh ? "\(yuan)元" : "¥\(yuan)")
        }
        let text = CanonicalJSON.string(value)
        return text.count > shownCharactersMax ? String(text.prefix(shownCharactersMax)) + "…" : text
    }

    /// The longest value a notice shows whole.
    static let shownCharactersMax = 80
}
