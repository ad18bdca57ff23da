import LedgerEvents
import LedgerProjections

/// How `ledger append` words a domain-check issue when it knows the input: a reference to what a line that did
/// not parse would register depends on that line (its own problem is listed with it), not on nothing. The
/// issue's reasons themselves are worded in both languages by the layers below (`EventWords`, `ReferenceWords`).
enum AppendIssueWords {
    /// A `personal_data.erased` line in an append: only `ledger erase-personal` deletes the data and records it.
    static let erasureByHand = Wording(
        en: "personal_data.erased is recorded by `ledger erase-personal`, which deletes the data it names first",
        zh: "personal_data.erased 只能由“ledger erase-personal”记录，它会先删除所指的数据")

    /// A correction dated before the record it corrects (`AppendCommand.correctionsDatedBefore`).
    static func correctionBeforeRecord(_ date: CalendarDate, corrects id: String, recordDate: CalendarDate) -> Wording {
        let event = DisplayText.visible(id)
        return Wording(en: "\(date) is before the date of the event it corrects (\(event), dated \(recordDate)); a correction is dated on or after the record it corrects: give the date the error was corrected, \(recordDate) or later",
                       zh: "\(date) 早于所更正事件（\(event)）的日期 \(recordDate)；更正的日期不得早于被更正的记录：请填写实际更正的日期，即 \(recordDate) 或之后")
    }

    /// A commitment written directly that names nobody.
    static func unknownCommitment(_ hex: String) -> Wording {
        Wording(en: "commitment \(hex) names no one in private/ or in the log; write the person as {\"person\": \"…\"}",
                zh: "承诺值 \(hex) 在 private/ 和日志中都找不到对应的人；请把此人写作 {\"person\": \"…\"}")
    }

    /// The member a line wrote in yuan for the stored `field` (`data.amount` for `data.amount_fen`, at any depth),
    /// and what it wrote there (`+0`); nil when the line gave the field itself.
    static func writtenInYuan(_ field: String, line: ArraySlice<UInt8>) -> (field: String, written: String)? {
        guard field.hasSuffix("_fen"), let last = field.split(separator: ".").last,
              EventInput.yuanMemberNames.contains(String(last.dropLast(4))),
              case .object(let members)? = try? JSONParser.parse(Array(line)) else { return nil }
        let yuanField = String(field.dropLast(4))
        var current: JSONValue = .object(members)
        for part in yuanField.split(separator: ".") {
            var name = part[...]
            var indices: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "["), let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) {
                indices.insert(index, at: 0)
                name = name[..<open]
            }
            guard case .object(let inner) = current, let next = inner[String(name)] else { return nil }
            current = next
            for index in indices {
                guard case .array(let items) = current, index >= 0, index < items.count else { return nil }
                current = items[index]
            }
        }
        if let text = current.stringValue { return (yuanField, text) }
        if case .integer(let number) = current { return (yuanField, String(number)) }
        return (yuanField, CanonicalJSON.string(current))
    }

    /// A reason about an amount in fen, said of the yuan the clerk wrote: `written "+0" (yuan): 0 is not an amount…`.
    static func inYuan(_ written: String, _ reason: Wording) -> Wording {
        Wording(en: "written \"\(written)\" (yuan): ", zh: "写作“\(written)”（元）：") + reason
    }

    /// `issue`, with its reason reworded when it names as missing what a bad input line would register
    /// (`pending`), what a correction on an earlier line voided (`voided`), an event of a later line of the batch
    /// (`batchLines`: each event id's input line), or when some lines could not be read at all (`unread`).
    static func reworded(_ issue: ValidationIssue, ownLine: Int?, pending: [ValidationIssue.Missing: Int],
                         voided: [ValidationIssue.Missing: (line: Int, corrects: String)] = [:], batchLines: [String: Int] = [:],
                         unread: [(line: Int, bytes: [UInt8])]) -> ValidationIssue {
        guard let missing = issue.missing else { return issue }
        if case .event(let id) = missing, let line = batchLines[id], let ownLine, line > ownLine {
            return issue.with(reason: ReferenceWords.correctsLaterLine(id, line: Wording(en: "line \(line)", zh: "第 \(line) 行")))
        }
        if case .entity(let kind, let id) = missing, let by = voided[missing], let ownLine, by.line < ownLine {
            return issue.with(reason: ReferenceWords.voidedByLine(kind, id, line: Wording(en: "line \(by.line)", zh: "第 \(by.line) 行"),
                                                                  corrects: by.corrects))
        }
        if let line = pending[missing], line != ownLine {
            let at = Wording(en: "line \(line)", zh: "第 \(line) 行")
            switch missing {
            case .entity(let kind, let id): return issue.with(reason: ReferenceWords.dependsOnLine(kind, id, line: at))
            case .event(let id): return issue.with(reason: ReferenceWords.correctsLine(id, line: at))
            }
        }
        // Only a line that holds the id could register it (an id has no character JSON would escape).
        let id: String
        switch missing {
        case .entity(_, let named), .event(let named): id = named
        }
        let needle = Array(id.utf8)
        let candidates = unread.filter { line in
            line.bytes.count >= needle.count && (0...(line.bytes.count - needle.count)).contains { line.bytes[$0...].starts(with: needle) }
        }.map(\.line)
        guard !candidates.isEmpty else { return issue }
        let shown = candidates.prefix(10).map(String.init)
        let more = candidates.count > 10 ? "…" : ""
        let lines = Wording(en: (candidates.count == 1 ? "line " : "one of lines ") + shown.joined(separator: ", ") + more,
                            zh: "第 " + shown.joined(separator: "、") + more + " 行" + (candidates.count == 1 ? "" : "中的某一行"))
        return issue.with(reason: ReferenceWords.notRegisteredUnlessUnread(issue.wording, lines: lines))
    }
}
