import LedgerEvents
import LedgerProjections

/// One of the five problem classes the city policy names for common parts and funds.
public enum ProblemClass: String, CaseIterable, Sendable, Comparable {
    /// 非法侵占
    case occupation = "OCC"
    /// 长期闲置
    case idle = "IDLE"
    /// 低效利用
    case lowEfficiency = "LOW"
    /// 经营合同不规范
    case contract = "CON"
    /// 共有资金使用不合规
    case fund = "FUND"

    /// The short code used on the command line and in rule codes.
    public var code: String { rawValue }
    public var labelZh: String {
        switch self {
        case .occupation: return "非法侵占"
        case .idle: return "长期闲置"
        case .lowEfficiency: return "低效利用"
        case .contract: return "经营合同不规范"
        case .fund: return "共有资金使用不合规"
        }
    }
    public var labelEn: String {
        switch self {
        case .occupation: return "Illegal occupation"
        case .idle: return "Long-term idle"
        case .lowEfficiency: return "Low-efficiency use"
        case .contract: return "Irregular operating contract"
        case .fund: return "Non-compliant use of common funds"
        }
    }

    /// Finds a class by its code (`OCC`, case-insensitive), its Chinese label or its enum name.
    public init?(code: String) {
        let upper = code.uppercased()
        for c in ProblemClass.allCases where c.rawValue == upper || c.labelZh == code || "\(c)".uppercased() == upper {
            self = c
            return
        }
        return nil
    }

    private var order: Int { ProblemClass.allCases.firstIndex(of: self)! }
    public static func < (lhs: ProblemClass, rhs: ProblemClass) -> Bool { lhs.order < rhs.order }
}

/// How urgent a finding is. Sorted high first.
public enum Severity: String, CaseIterable, Sendable, Comparable {
    case high
    case medium
    case low

    public var labelZh: String {
        switch self {
        case .high: return "严重"
        case .medium: return "一般"
        case .low: return "提示"
        }
    }
    public var labelEn: String {
        switch self {
        case .high: return "high"
        case .medium: return "medium"
        case .low: return "low"
        }
    }

    private var rank: Int { Severity.allCases.firstIndex(of: self)! }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// What a finding is about.
public enum ItemKind: String, CaseIterable, Sendable, Comparable {
    case asset
    case contract
    case fund
    case decision

    public var labelZh: String {
        switch self {
        case .asset: return "共有部分"
        case .contract: return "经营合同"
        case .fund: return "资金账户"
        case .decision: return "业主共同决定"
        }
    }
    public var labelEn: String { rawValue }

    private var rank: Int { ItemKind.allCases.firstIndex(of: self)! }
    public static func < (lhs: ItemKind, rhs: ItemKind) -> Bool { lhs.rank < rhs.rank }
}

/// A typed value inside a fact; LedgerReports formats it for people.
public enum FactValue: Hashable, Sendable {
    case amount(Amount)
    case date(CalendarDate)
    case integer(Int64)
    case text(String)
    /// A field that may name a private person: reports show its text, or its value from `private/`.
    case person(PersonalText)
    case area(DecimalQuantity)
    /// A ratio shown as a percentage.
    case percent(Ratio)
    /// A legal share such as 3/4.
    case share(Share)
    /// Money per square metre: fen per m² as an exact ratio.
    case fenPerSquareMetre(Ratio)
}

/// One statement of fact behind a finding, e.g. "idle 412 days since 2024-09-30": a key naming the sentence
/// template (see `FactKey`) and its named values. Kept structured so that reports can word it in each language
/// and JSON consumers can read the numbers.
public struct FindingFact: Hashable, Sendable {
    public let key: FactKey
    public let values: [Pair]

    /// A named value.
    public struct Pair: Hashable, Sendable {
        public let name: String
        public let value: FactValue
    }

    public init(_ key: FactKey, _ values: KeyValuePairs<String, FactValue>) {
        self.key = key
        self.values = values.map { Pair(name: $0.key, value: $0.value) }
    }

    /// A fact from its pairs as stored (`index/rectify.state`).
    init(key: FactKey, values: [Pair]) {
        self.key = key
        self.values = values
    }

    /// The value named `name`; traps if the rule did not supply it (a programmer error caught by tests).
    public subscript(name: String) -> FactValue {
        guard let pair = values.first(where: { $0.name == name }) else {
            preconditionFailure("fact \(key.rawValue) has no value \(name)")
        }
        return pair.value
    }
}

/// What a finding's legal basis depends on, besides its rule: the kind of fund, or a part with rules of its own.
public enum BasisSubject: Hashable, Sendable {
    case general
    case fund(FundKind)
    /// Property-service premises (物业服务用房), whose use the manager must not change ([PMR] 37, [QD] 61(2)).
    case propertyServicePremises
}

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
