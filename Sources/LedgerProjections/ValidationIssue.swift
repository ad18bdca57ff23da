import LedgerChain
import LedgerEvents
import LedgerPlatform

/// Why an event cannot be appended: which event, which field, what is wrong and what is allowed.
public struct ValidationIssue: Equatable, Sendable, CustomStringConvertible {
    /// 0-based index of the event in the batch; nil when the issue is with a record already in the log that the
    /// batch would break (through a correction, or a fact dated before it).
    public let batchIndex: Int?
    /// Seq of the record already in the log, when `batchIndex` is nil.
    public let seq: Int64?
    /// 0-based index in the caller's loose events (`LooseEvent`: input lines or rows that state no fact), when the
    /// issue is with one of their references; `batchIndex` and `seq` are nil then.
    public let looseIndex: Int?
    public let eventID: String
    public let type: String
    /// Field path such as `data.asset_id`, or nil for the event as a whole.
    public let field: String?
    /// What is wrong and what is allowed, in English and Chinese (`ReferenceWords`, `EventWords`).
    public let wording: Wording
    /// What the issue found missing, when it is a reference to an id nothing registered: a caller that did not
    /// pass every input line (one failed to parse) can tell a reference to that line from a dangling one.
    public let missing: Missing?
    /// The command-line option (`community`, `fund`) whose value the issue is about, when the problem is the
    /// option's and not the event's that carries it (an importer's `--community` naming no registered community):
    /// a caller tells it as the option's, without the event's type and field.
    public let option: String?

    /// What is wrong and what is allowed, in English.
    public var reason: String { wording.en }

    /// The id a reference names that nothing registered.
    public enum Missing: Hashable, Sendable {
        /// An entity: its kind as the messages name it (`fund`, `rectification list`) and its id.
        case entity(kind: String, id: String)
        /// The event a correction names.
        case event(id: String)
    }

    public init(batchIndex: Int?, seq: Int64?, eventID: String, type: String, field: String?, reason: Wording,
                missing: Missing? = nil, looseIndex: Int? = nil, option: String? = nil) {
        self.batchIndex = batchIndex
        self.seq = seq
        self.looseIndex = looseIndex
        self.eventID = eventID
        self.type = type
        self.field = field
        self.wording = reason
        self.missing = missing
        self.option = option
    }

    /// An issue whose reason is written in English only.
    public init(batchIndex: Int?, seq: Int64?, eventID: String, type: String, field: String?, reason: String) {
        self.init(batchIndex: batchIndex, seq: seq, eventID: eventID, type: type, field: field, reason: Wording(same: reason))
    }

    /// The same issue with another reason (a caller that knows more about it).
    public func with(reason: Wording) -> ValidationIssue {
        ValidationIssue(batchIndex: batchIndex, seq: seq, eventID: eventID, type: type, field: field, reason: reason, missing: missing,
                        looseIndex: looseIndex, option: option)
    }

    /// The same issue told as the problem of the command-line option `option` (`community`, `fund`), with `reason`.
    public func about(option: String, reason: Wording) -> ValidationIssue {
        ValidationIssue(batchIndex: batchIndex, seq: seq, eventID: eventID, type: type, field: field, reason: reason, missing: missing,
                        looseIndex: looseIndex, option: option)
    }

    public var description: String {
        let place: String
        if batchIndex != nil {
            place = "event \(eventID) (\(type))"
        } else if looseIndex != nil {
            place = "event (\(type))"
        } else {
            place = "this batch would make record seq \(seq ?? 0) (id \(eventID), \(type)) invalid"
        }
        return place + ": " + (field.map { "field \"\($0)\": " } ?? "") + reason
    }

    /// The issue in both languages: `description`, and in Chinese `事件 X（type）：字段 "…"（label）：reason`.
    public var message: Wording {
        let place = batchIndex != nil
            ? "事件 \(eventID)（\(type)）"
            : looseIndex != nil ? "事件（\(type)）" : "这一批会使第 \(seq ?? 0) 条记录（id \(eventID)，\(type)）不再成立"
        return Wording(en: description, zh: place + "：" + (field.map { EventWords.field($0).zh + "：" } ?? "") + wording.zh)
    }
}
