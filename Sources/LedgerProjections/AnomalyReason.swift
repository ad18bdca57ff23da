import LedgerEvents

/// Why a record could not be applied (`Anomaly`), as a kind and its values, so that the warning every query prints
/// reads in English or in Chinese (`--lang`). The English text (`en`) is the one the derived files store
/// (index/rectify.state, rectify.list, communities/assets/decisions/contracts.state, funds.state: ledger-spec.md
/// 15.x) and the tests know; `init(stored:)` reads it back into its kind, so the stored bytes did not change and no
/// file's version moved. Ids hold no spaces (`PayloadObject.id`), which is what makes the text read back exactly.
public enum AnomalyReason: Hashable, Sendable {
    /// An entity registered (opened, signed, …) a second time: `duplicate asset A1`.
    case duplicate(IdKind, id: String)
    /// A fact acting on an entity that is not there at its place in the fold order: `update of unknown asset A1`.
    case unknown(Act, id: String)
    /// An entity ended a second time: `asset A1 retired twice`.
    case twice(Ending, id: String)
    /// A fact naming an asset that does not exist at its place in the fold order (never registered, or registered
    /// later: on a later date, or by a later record of the same date, which a log written before ledger-spec.md 10.4
    /// rule 2 may hold): the fact is folded, but not linked to the asset, so the asset's status, uses and days leave
    /// it out. Said, not silent (`ledger verify --schema` names the creation and the repair).
    /// `what` is the fact's entity (`use`, `U1`) or nil for an inspection (which has no id).
    case unlinked(what: IdKind?, id: String, assetID: String)
    /// A transfer naming a fund not opened at its place.
    case transferUnknownFund(from: String, to: String)
    /// A correction of an event the log does not hold.
    case correctsUnknownEvent(String)
    /// A correction of a correction.
    case correctsCorrection(String)
    /// A payload this version cannot read; `detail` the decoder's English words, if it gave any.
    case payloadNotUnderstood(detail: String?)
    /// A fund fact the fund fold did not apply for a reason it has no words for.
    case notApplied
    /// A stored text of no known form (written by another version): shown as it is, in both languages.
    case other(String)

    /// What a fact does to an entity that is not there (`unknown`).
    public enum Act: String, Hashable, Sendable, CaseIterable {
        case update = "update of unknown asset"
        case retirement = "retirement of unknown asset"
        case termination = "termination of unknown contract"
        case end = "end of unknown use"
        case clearing = "clearing of unknown occupation"
        case income = "income into unknown fund"
        case spending = "spending from unknown fund"
        case balance = "balance of unknown fund"

        /// The entity the act is on.
        var kind: IdKind {
            switch self {
            case .update, .retirement: return .asset
            case .termination: return .contract
            case .end: return .use
            case .clearing: return .occupation
            case .income, .spending, .balance: return .fund
            }
        }

        /// The act in Chinese: `变更` (所指的共有部分…).
        var zh: String {
            switch self {
            case .update: return "变更"
            case .retirement: return "注销"
            case .termination: return "终止"
            case .end: return "结束使用"
            case .clearing: return "清除占用"
            case .income: return "收入"
            case .spending: return "支出"
            case .balance: return "对账单余额"
            }
        }
    }

    /// An end done twice (`twice`): the entity and the English verb (`asset` … `retired twice`).
    public enum Ending: String, Hashable, Sendable, CaseIterable {
        case retired, terminated, ended, cleared

        var kind: IdKind {
            switch self {
            case .retired: return .asset
            case .terminated: return .contract
            case .ended: return .use
            case .cleared: return .occupation
            }
        }

        var zh: String {
            switch self {
            case .retired: return "注销"
            case .terminated: return "终止"
            case .ended: return "结束"
            case .cleared: return "清除"
            }
        }
    }

    /// The English text, as every version wrote it (and the derived files store it).
    public var en: String {
        switch self {
        case .duplicate(let kind, let id): return "duplicate \(kind.rawValue) \(id)"
        case .unknown(let act, let id): return "\(act.rawValue) \(id)"
        case .twice(let ending, let id): return "\(ending.kind.rawValue) \(id) \(ending.rawValue) twice"
        case .unlinked(let what, let id, let assetID):
            let subject = what.map { "\($0.rawValue) \(id)" } ?? "inspection"
            return "\(subject) not linked to asset \(assetID), which is not registered at this record's place in the fold order (date, then seq)"
        case .transferUnknownFund(let from, let to): return "transfer \(from) → \(to) names a fund not yet opened (or never opened)"
        case .correctsUnknownEvent(let id): return "corrects unknown event \"\(id)\""
        case .correctsCorrection(let id): return "corrects another correction \"\(id)\""
        case .payloadNotUnderstood(let detail): return "payload not understood" + (detail.map { ": \($0)" } ?? "")
        case .notApplied: return "not applied"
        case .other(let text): return text
        }
    }

    /// The Chinese text, as an official writes it: what was not counted and why (ids as written).
    public var zh: String {
        func quoted(_ id: String) -> String { "“\(DisplayText.visible(id))”" }
        switch self {
        case .duplicate(let kind, let id):
            return "编号\(quoted(id))的\(ReferenceWords.kind(kind).zh)此前已\(Self.registered(kind))，本条重复，未计入"
        case .unknown(let act, let id):
            return "\(act.zh)所指的\(ReferenceWords.kind(act.kind).zh)\(quoted(id))在本条记录处尚未\(ReferenceWords.created(act.kind).zh)，本条未计入"
        case .twice(let ending, let id):
            return "\(ReferenceWords.kind(ending.kind).zh)\(quoted(id))已\(ending.zh)过，本条重复\(ending.zh)，未计入"
        case .unlinked(let what, let id, let assetID):
            let subject = what.map { "\(ReferenceWords.kind($0).zh)\(quoted(id))" } ?? "本次巡查"
            return "\(subject)未能关联到共有部分\(quoted(assetID))：按处理顺序（先按业务日期，后按序号），该共有部分在本条记录处尚未登记"
        case .transferUnknownFund(let from, let to):
            return "划转（\(quoted(from)) → \(quoted(to))）所指的资金账户在本条记录处尚未开立（或从未开立），本条未计入"
        case .correctsUnknownEvent(let id): return "所更正的事件\(quoted(id))不存在，本条更正未计入"
        case .correctsCorrection(let id): return "所更正的\(quoted(id))本身是一条更正，本条更正未计入；要改原事件，请对原事件再记一条更正"
        case .payloadNotUnderstood(let detail):
            return "记录内容无法识别，本条未计入" + (detail == nil ? "" : "（逐项原因请运行 ledger verify --schema 查看）")
        case .notApplied: return "本条未能计入"
        case .other(let text): return text
        }
    }

    /// What was done to an entity of `kind` that a duplicate does again (`登记`, `开立`): a use and an import are
    /// recorded (`登记`, `记录`), not "started" or "imported" again.
    static func registered(_ kind: IdKind) -> String {
        switch kind {
        case .use: return "登记"
        case .import: return "记录"
        default: return ReferenceWords.created(kind).zh
        }
    }

    /// Both texts.
    public var wording: Wording { Wording(en: en, zh: zh) }

    /// Reads a stored English text (`en`) back into its kind; a text of no known form is `other`.
    public init(stored text: String) {
        self = Self.parse(text) ?? .other(text)
    }

    private static func parse(_ text: String) -> AnomalyReason? {
        // One word (an id: no spaces) after `prefix`, and nothing else.
        func word(after prefix: String, in text: Substring) -> String? {
            guard text.hasPrefix(prefix) else { return nil }
            let rest = text.dropFirst(prefix.count)
            return rest.isEmpty || rest.contains(" ") ? nil : String(rest)
        }
        func quoted(after prefix: String) -> String? {
            guard text.hasPrefix(prefix), text.hasSuffix("\""), text.count >= prefix.count + 1 else { return nil }
            let id = text.dropFirst(prefix.count).dropLast()
            return id.contains("\"") || id.contains(" ") ? nil : String(id)
        }
        let whole = Substring(text)
        if text == "not applied" { return .notApplied }
        if text == "payload not understood" { return .payloadNotUnderstood(detail: nil) }
        if text.hasPrefix("payload not understood: ") { return .payloadNotUnderstood(detail: String(text.dropFirst("payload not understood: ".count))) }
        if let id = quoted(after: "corrects unknown event \"") { return .correctsUnknownEvent(id) }
        if let id = quoted(after: "corrects another correction \"") { return .correctsCorrection(id) }
        for kind in IdKind.allCases {
            if let id = word(after: "duplicate \(kind.rawValue) ", in: whole) { return .duplicate(kind, id: id) }
        }
        for act in Act.allCases {
            if let id = word(after: act.rawValue + " ", in: whole) { return .unknown(act, id: id) }
        }
        for ending in Ending.allCases {
            let suffix = " \(ending.rawValue) twice"
            if text.hasSuffix(suffix), let id = word(after: "\(ending.kind.rawValue) ", in: whole.dropLast(suffix.count)) {
                return .twice(ending, id: id)
            }
        }
        let unlinkedTail = ", which is not registered at this record's place in the fold order (date, then seq)"
        if text.hasSuffix(unlinkedTail) {
            // `inspection not linked to asset A` or `use U1 not linked to asset A`: words, as ids hold no spaces.
            let words = text.dropLast(unlinkedTail.count).split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard words.count >= 6, Array(words.suffix(5).dropLast()) == ["not", "linked", "to", "asset"], !words.last!.isEmpty else { return nil }
            let assetID = words.last!
            if words.count == 6, words[0] == "inspection" { return .unlinked(what: nil, id: "", assetID: assetID) }
            guard words.count == 7, let kind = IdKind(rawValue: words[0]), !words[1].isEmpty else { return nil }
            return .unlinked(what: kind, id: words[1], assetID: assetID)
        }
        let transfer = " names a fund not yet opened (or never opened)"
        if text.hasPrefix("transfer "), text.hasSuffix(transfer) {
            let words = text.dropFirst("transfer ".count).dropLast(transfer.count).split(separator: " ", omittingEmptySubsequences: false)
            guard words.count == 3, words[1] == "→", !words[0].isEmpty, !words[2].isEmpty else { return nil }
            return .transferUnknownFund(from: String(words[0]), to: String(words[2]))
        }
        return nil
    }
}
