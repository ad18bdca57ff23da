import LedgerEvents

/// The references an input line or row still makes when one of its fields fails its schema (or its date, id or
/// actor is wrong), so it states no fact: the ids its other fields name, read from its JSON. The domain check
/// looks each one up as it would the fact's, so a clerk is told in one run that the amount is wrong *and* the fund
/// is not registered. A loose event registers nothing: what it would register is the caller's to word
/// ("depends on line N").
public struct LooseEvent: Sendable, Equatable {
    /// One id the line names: where (`fund_id`, `asset_ids[1]`), of what kind, and how it is looked up.
    struct Reference: Sendable, Equatable {
        let field: String
        let kind: ReferenceChecker.Kind
        let id: String
        /// An asset that must not be retired on the date.
        let notRetired: Bool
        /// For an ending (`contract.terminated`): what ends, worded as `ReferenceWords.endsBeforeStart` says it.
        let ending: String?
        /// Whether the id must belong to the event's community.
        let scoped: Bool
        /// The event's community is this fund's (`fund_id` of a spending, `from_fund_id` of a transfer), as the
        /// reference checker takes it for a fact; no other reference stands in for a missing community.
        var namesCommunity = false
        /// The deciding vote an act cites: it may be dated after the act (a ratification), as for a fact.
        var ratifiable = false
    }

    /// The type the line names (a type this version does not know names no reference).
    public let type: String
    /// The line's date, or nil when it is not a date: then only whether each id is registered at all is checked.
    public let occurredOn: CalendarDate?
    let references: [Reference]
    /// The community the event names (`community_id`), for the references that must belong to it.
    let communityID: String?

    /// How many of the batch's events come before this line (its place among them in the fold order, for a creation
    /// on its own date: ledger-spec.md 10.4 rule 2); nil when it comes after all of them.
    public var batchPosition: Int? = nil

    /// Whether the line names no id that can be checked.
    public var isEmpty: Bool { references.isEmpty }

    /// The references of an event of `type` with `data` (its JSON object, as written), except those of the fields
    /// in `skipping` (paths such as `data.fund_id` or `data.asset_ids[1]`, or keys such as `fund_id`): a field
    /// with a problem of its own is reported once, as that problem.
    public init(type: String, occurredOn: CalendarDate?, data: JSONValue?, skipping: Set<String> = []) {
        let known = EventType(rawValue: type)
        self.type = type
        self.occurredOn = occurredOn
        guard let known, case .object(let members)? = data else {
            references = []
            communityID = nil
            return
        }
        // A whole field (`fund_id`, `asset_ids`) or one element of an array of ids (`asset_ids[1]`): the array's
        // other elements are still looked up.
        let paths = Set(skipping.map { $0.hasPrefix("data.") ? String($0.dropFirst(5)) : $0 })
        var skipped: Set<String> = []
        for path in paths {
            guard let bracket = path.firstIndex(of: "[") else { skipped.insert(path); continue }
            // Anything below an element (`asset_ids[1].x`) skips the whole field, as a problem with it always did.
            if path.wholeMatch(of: /[^\[]+\[[0-9]+\]/) == nil { skipped.insert(String(path[..<bracket])) }
        }
        var out: [Reference] = []
        func string(_ path: [String]) -> String? {
            var current: JSONValue = .object(members)
            for part in path {
                guard case .object(let inner) = current, let next = inner[part] else { return nil }
                current = next
            }
            return current.stringValue
        }
        /// `path` (dotted) names one id of `kind`.
        func one(_ path: String, _ kind: ReferenceChecker.Kind, notRetired: Bool = false, ending: String? = nil, scoped: Bool = false,
                 namesCommunity: Bool = false, ratifiable: Bool = false) {
            guard !skipped.contains(path), let id = string(path.split(separator: ".").map(String.init)), LooseEvent.readable(id) else { return }
            out.append(Reference(field: path, kind: kind, id: id, notRetired: notRetired, ending: ending, scoped: scoped,
                                 namesCommunity: namesCommunity, ratifiable: ratifiable))
        }
        /// `path` names an array of ids of `kind`.
        func many(_ path: String, _ kind: ReferenceChecker.Kind, notRetired: Bool = false, scoped: Bool = false) {
            guard !skipped.contains(path) else { return }
            var current: JSONValue = .object(members)
            for part in path.split(separator: ".") {
                guard case .object(let inner) = current, let next = inner[String(part)] else { return }
                current = next
            }
            guard case .array(let items) = current else { return }
            for (index, item) in items.enumerated() {
                guard !paths.contains("\(path)[\(index)]"), let id = item.stringValue, LooseEvent.readable(id) else { continue }
                out.append(Reference(field: "\(path)[\(index)]", kind: kind, id: id, notRetired: notRetired, ending: nil, scoped: scoped))
            }
        }
        // The same references, with the same options, as `Registers.checkReferences` checks for a fact.
        switch known {
        case .communityRegistered, .personalDataErased, .correction:
            break
        case .assetRegistered:
            one("community_id", .community)
            one("source.import_id", .import)
        case .assetUpdated:
            one("asset_id", .asset, notRetired: true)
            one("source.import_id", .import)
        case .assetRetired:
            one("asset_id", .asset)
        case .registerImported, .fundOpened, .rectificationIssued:
            one("community_id", .community)
        case .decisionRecorded:
            one("community_id", .community)
            many("authorises.asset_ids", .asset, notRetired: true, scoped: true)
        case .contractSigned:
            one("community_id", .community)
            many("asset_ids", .asset, notRetired: true, scoped: true)
            one("decision_id", .decision, scoped: true, ratifiable: true)
            one("payee_fund_id", .fund, scoped: true)
        case .contractTerminated:
            one("contract_id", .contract, ending: "termination")
        case .useStarted:
            one("asset_id", .asset, notRetired: true)
            one("authority.contract_id", .contract)
            one("authority.decision_id", .decision, ratifiable: true)
        case .useEnded:
            one("use_id", .use, ending: "the end")
        case .inspectionRecorded, .occupationReported:
            one("asset_id", .asset, notRetired: true)
        case .occupationCleared:
            one("occupation_id", .occupation, ending: "clearing")
        case .fundIncome:
            one("fund_id", .fund)
            one("source.contract_id", .contract)
        case .fundSpending:
            one("fund_id", .fund, namesCommunity: true)
            one("decision_id", .decision, scoped: true, ratifiable: true)
            many("asset_ids", .asset, notRetired: true, scoped: true)
        case .fundTransfer:
            one("from_fund_id", .fund, namesCommunity: true)
            one("to_fund_id", .fund)
            one("decision_id", .decision, scoped: true, ratifiable: true)
        case .fundBalanceAsserted:
            one("fund_id", .fund)
        case .disclosurePublished:
            one("community_id", .community)
            many("fund_ids", .fund, scoped: true)
        case .rectificationReported, .rectificationVerified, .rectificationExtended:
            one("list_id", .list)
        }
        references = out
        communityID = skipped.contains("community_id") ? nil : string(["community_id"])
    }

    /// An id the ledger could hold (its own problem, if any, is the schema's to report).
    static func readable(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 128 && !id.unicodeScalars.contains { $0.properties.isWhitespace || $0 == "\"" || $0 == "\\" || $0.value < 0x20 }
    }
}
