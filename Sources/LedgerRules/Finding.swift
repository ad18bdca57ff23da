import LedgerEvents
import LedgerProjections

/// A problem the checker found, with the events that prove it.
///
/// Its identity for tracking over time is its rule, its community and item, its `since` date and its first
/// evidence record (see `reportOrder`); nothing else about it is needed to tell two findings apart.
public struct Finding: Hashable, Sendable {
    public let rule: RuleCode
    public let communityID: String
    public let communityName: String
    public let street: String
    public let itemKind: ItemKind
    public let itemID: String
    public let itemName: String
    /// A committed counterparty the item is named by, shown before `itemName` as `value · itemName`.
    public let itemPerson: PersonalText?
    /// A ledger vocabulary word qualifying the item (a fund's kind, a decision's matter) that reports translate.
    public let itemDetail: String?
    /// Since when the problem exists (first day it is true).
    public let since: CalendarDate
    public let facts: [FindingFact]
    /// The records behind the finding (seq and event id), sorted by seq, without duplicates.
    public let evidence: [Evidence]
    /// The provisions that fit this finding's subject.
    public let basis: LegalBasis
    /// The advice that fits this finding.
    public let action: Action
    /// Set when the lapse was remedied late, ratified afterwards or has ended; nil while it is open.
    public let resolution: Resolution?
    /// Ids that tell this finding from others of its rule on the same item and day (the spending, use or
    /// occupation it is about); part of its key. Empty when the item and date suffice.
    public let subjectIDs: [String]
    /// The finding's stable key (ledger-spec.md section 13.1): `RULE/ITEM[/SUBJECT…]/SINCE`, or `RULE/ITEM` for the
    /// rules that measure a running state (LOW-01, LOW-02, CON-07). A list makes its keys distinct (`#2`, …).
    public internal(set) var key: String
    /// Other findings of the same list that come from a record this one rests on too: indexes into
    /// `Rectification.findings`, ascending. Empty outside a `Rectification`.
    public internal(set) var related: [Int] = []

    public init(rule: RuleCode, communityID: String, communityName: String, street: String, itemKind: ItemKind,
                itemID: String, itemName: String, itemPerson: PersonalText? = nil, itemDetail: String? = nil, since: CalendarDate, facts: [FindingFact],
                evidence: [Evidence], basis: LegalBasis? = nil, action: Action? = nil, resolution: Resolution? = nil,
                subjectIDs: [String] = []) {
        self.init(stored: rule, communityID: communityID, communityName: communityName, street: street, itemKind: itemKind,
                  itemID: itemID, itemName: itemName, itemPerson: itemPerson, itemDetail: itemDetail, since: since, facts: facts,
                  evidence: Array(Set(evidence + (resolution.map { [$0.evidence] } ?? []))).sorted(),
                  basis: basis ?? rule.basis(), action: action ?? rule.defaultAction, resolution: resolution, subjectIDs: subjectIDs)
    }

    /// A finding as `index/rectify.state` stores it: its evidence already sorted by seq, without duplicates, and
    /// holding its resolution's (`RectifyStateCodec` checks that), so it is taken as it is instead of being made a set
    /// and sorted again (a whole city's list decodes millions of findings).
    init(stored rule: RuleCode, communityID: String, communityName: String, street: String, itemKind: ItemKind, itemID: String,
         itemName: String, itemPerson: PersonalText?, itemDetail: String?, since: CalendarDate, facts: [FindingFact],
         evidence: [Evidence], basis: LegalBasis, action: Action, resolution: Resolution?, subjectIDs: [String]) {
        self.rule = rule
        self.communityID = communityID
        self.communityName = communityName
        self.street = street
        self.itemKind = itemKind
        self.itemID = itemID
        self.itemName = itemName
        self.itemPerson = itemPerson
        self.itemDetail = itemDetail
        self.since = since
        self.facts = facts
        self.evidence = evidence
        self.basis = basis
        self.action = action
        self.resolution = resolution
        self.subjectIDs = subjectIDs
        self.key = FindingKey.make(rule: rule, itemID: itemID, subjectIDs: subjectIDs, since: since)
    }

    /// Whether the lapse still calls for action (not remedied, ratified or ended).
    public var isOpen: Bool { resolution == nil }

    public var problemClass: ProblemClass { rule.problemClass }
    public var severity: Severity { rule.severity }

    /// The report order: street, community, severity (high first), item, rule, since, first evidence.
    public static func reportOrder(_ a: Finding, _ b: Finding) -> Bool {
        if a.street != b.street { return a.street.utf8.lexicographicallyPrecedes(b.street.utf8) }
        if a.communityID != b.communityID { return a.communityID.utf8.lexicographicallyPrecedes(b.communityID.utf8) }
        return reportOrderWithinCommunity(a, b)
    }

    /// `reportOrder` of two findings of one street and community.
    static func reportOrderWithinCommunity(_ a: Finding, _ b: Finding) -> Bool {
        if a.severity != b.severity { return a.severity < b.severity }
        if a.itemKind != b.itemKind { return a.itemKind < b.itemKind }
        if a.itemID != b.itemID { return a.itemID.utf8.lexicographicallyPrecedes(b.itemID.utf8) }
        if a.rule != b.rule { return a.rule < b.rule }
        if a.since != b.since { return a.since < b.since }
        return a.evidence.map(\.seq).lexicographicallyPrecedes(b.evidence.map(\.seq))
    }
}
