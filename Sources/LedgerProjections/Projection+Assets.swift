import LedgerEvents

/// The status of a common part on a date. Precedence when several apply: retired, occupied, in use without
/// authority, in use under contract, in use under decision, idle (ledger-spec.md, "Projections").
public enum AssetStatus: String, Sendable, Equatable, CaseIterable {
    case idle
    case inUseUnderContract = "in_use_under_contract"
    case inUseUnderDecision = "in_use_under_decision"
    case inUseWithoutAuthority = "in_use_without_authority"
    case occupied
    case retired
}

/// A run of days, both ends included.
public struct DayRange: Equatable, Sendable, CustomStringConvertible {
    public let first: CalendarDate
    public let last: CalendarDate

    public init(first: CalendarDate, last: CalendarDate) {
        precondition(first <= last, "a day range has first ≤ last")
        self.first = first
        self.last = last
    }

    /// Number of days, ends included.
    public var days: Int { first.days(until: last) + 1 }
    public var description: String { "\(first)…\(last)" }

    /// Sorts and merges overlapping or touching ranges.
    public static func merge(_ ranges: [DayRange]) -> [DayRange] {
        let sorted = ranges.sorted { $0.first < $1.first }
        var out: [DayRange] = []
        for range in sorted {
            if let last = out.last, range.first.dayNumber <= last.last.dayNumber + 1 {
                out[out.count - 1] = DayRange(first: last.first, last: max(last.last, range.last))
            } else {
                out.append(range)
            }
        }
        return out
    }
}

/// Days in use over a window.
public struct Utilisation: Equatable, Sendable {
    public let window: DayRange
    public let daysInUse: Int
    public var days: Int { window.days }
}

/// Why a use is or is not authorised on a date.
public enum UseStanding: Equatable, Sendable {
    case underContract(String)
    case underDecision(String)
    /// No authority named, or the named contract/decision does not cover the asset, is not in force or did not pass.
    case withoutAuthority
}

/// An asset as of the projection's date, with everything the `assets` report shows.
public struct AssetView: Equatable, Sendable {
    public let asset: Asset
    public let status: AssetStatus
    /// Contracts in force on the date that cover the asset.
    public let currentContractIDs: [String]
    /// Uses not ended on the date.
    public let openUseIDs: [String]
    /// Occupations not cleared on the date.
    public let openOccupationIDs: [String]
    /// Last day the asset was in use (a use or contract covering it), up to the date.
    public let lastUsedOn: CalendarDate?
    public let lastInspection: Inspection?
    /// Days in use over the 365 days ending on the date.
    public let utilisation: Utilisation
}

extension Projection {
    /// Days of the utilisation window the reports use: 365 days ending on the as-of date.
    public static let utilisationWindowDays = 365

    /// Uses of an asset, in fold order.
    public func uses(ofAsset id: String) -> [Use] { assets[id]?.useIDs.compactMap { uses[$0] } ?? [] }
    /// Contracts covering an asset, in fold order.
    public func contracts(ofAsset id: String) -> [Contract] { assets[id]?.contractIDs.compactMap { contracts[$0] } ?? [] }
    /// Occupations of an asset, in fold order.
    public func occupations(ofAsset id: String) -> [Occupation] { assets[id]?.occupationIDs.compactMap { occupations[$0] } ?? [] }
    /// Inspections of an asset, in fold order (business date, then log position).
    public func inspections(ofAsset id: String) -> [Inspection] { assets[id]?.inspectionIndexes.map { inspections[$0] } ?? [] }
    /// Spendings that name an asset.
    public func spendings(onAsset id: String) -> [FundMovement] { assets[id]?.spendingIndexes.map { movements[$0] } ?? [] }

    /// Whether a use is open (started, not ended) on `date`: open from its start up to the day before it ends.
    public static func isOpen(_ use: Use, on date: CalendarDate) -> Bool {
        use.startedOn <= date && (use.ended.map { $0.date > date } ?? true)
    }

    /// Whether an occupation is open on `date`.
    public static func isOpen(_ occupation: Occupation, on date: CalendarDate) -> Bool {
        occupation.reportedOn <= date && (occupation.cleared.map { $0.date > date } ?? true)
    }

    /// How a use stands on `date`: under a contract in force that covers the asset, under a passed decision of the
    /// asset's community that is still valid and (if it lists assets) names the asset, or without authority.
    public func standing(of use: Use, on date: CalendarDate) -> UseStanding {
        switch use.authority {
        case .contract(let id):
            guard let contract = contracts[id], contract.terms.assetIDs.contains(use.assetID),
                  contractStatus(contract, on: date) == .active else { return .withoutAuthority }
            return .underContract(id)
        case .decision(let id):
            // A vote binds only its own community's common parts, even when it lists no assets.
            guard let decision = decisions[id], validity(of: decision)?.passed == true,
                  decision.terms.communityID == assets[use.assetID]?.communityID,
                  decision.terms.validUntil.map({ date <= $0 }) ?? true,
                  decision.terms.authorises.assetIDs.isEmpty || decision.terms.authorises.assetIDs.contains(use.assetID)
            else { return .withoutAuthority }
            return .underDecision(id)
        case .none:
            return .withoutAuthority
        }
    }

    /// Day ranges in which an asset was in use up to the as-of date: each use from its start to its end day
    /// (the end day counts), each contract covering it from start_on to end_on or its termination day. Merged.
    public func inUseRanges(ofAsset id: String) -> [DayRange] {
        var ranges: [DayRange] = []
        for use in uses(ofAsset: id) {
            let last = min(use.ended?.date ?? asOf, asOf)
            if use.startedOn <= last { ranges.append(DayRange(first: use.startedOn, last: last)) }
        }
        for contract in contracts(ofAsset: id) {
            let last = min(contract.lastDay, asOf)
            if contract.terms.startOn <= last { ranges.append(DayRange(first: contract.terms.startOn, last: last)) }
        }
        return DayRange.merge(ranges)
    }

    /// Days in use within `window` (ends included).
    public func utilisation(ofAsset id: String, window: DayRange) -> Utilisation {
        var days = 0
        for range in inUseRanges(ofAsset: id) {
            let first = max(range.first, window.first), last = min(range.last, window.last)
            if first <= last { days += first.days(until: last) + 1 }
        }
        return Utilisation(window: window, daysInUse: days)
    }

    /// The status of an asset on the as-of date, with its current contracts, uses and occupations.
    public func view(ofAsset id: String) -> AssetView? {
        guard let asset = assets[id] else { return nil }
        let date = asOf
        let current = contracts(ofAsset: id).filter { contractStatus($0, on: date) == .active }.map(\.id)
        let openUses = uses(ofAsset: id).filter { Projection.isOpen($0, on: date) }
        let openOccupations = occupations(ofAsset: id).filter { Projection.isOpen($0, on: date) }.map(\.id)
        let standings = openUses.map { standing(of: $0, on: date) }
        let status: AssetStatus
        if asset.retired.map({ $0.date <= date }) ?? false {
            status = .retired
        } else if !openOccupations.isEmpty {
            status = .occupied
        } else if standings.contains(.withoutAuthority) {
            status = .inUseWithoutAuthority
        } else if !current.isEmpty || standings.contains(where: { if case .underContract = $0 { return true }; return false }) {
            status = .inUseUnderContract
        } else if !standings.isEmpty {
            status = .inUseUnderDecision
        } else {
            status = .idle
        }
        let window = DayRange(first: date.adding(days: 1 - Projection.utilisationWindowDays), last: date)
        return AssetView(asset: asset, status: status, currentContractIDs: current, openUseIDs: openUses.map(\.id),
                         openOccupationIDs: openOccupations, lastUsedOn: inUseRanges(ofAsset: id).last?.last,
                         lastInspection: inspections(ofAsset: id).last, utilisation: utilisation(ofAsset: id, window: window))
    }

    /// Views of all assets, sorted by community id, then asset id; filtered like every report.
    public func assetViews(filter: EntityFilter = EntityFilter()) -> [AssetView] {
        assets.values.filter { filter.includes(communityID: $0.communityID, in: self) }
            .sorted { ($0.communityID, $0.id) < ($1.communityID, $1.id) }
            .compactMap { view(ofAsset: $0.id) }
    }
}

/// Which communities a report covers: one community, one street, or all.
public struct EntityFilter: Equatable, Sendable {
    public var communityID: String?
    public var street: String?

    public init(communityID: String? = nil, street: String? = nil) {
        self.communityID = communityID
        self.street = street
    }

    public func includes(communityID id: String, in projection: Projection) -> Bool {
        if let communityID, communityID != id { return false }
        if let street, projection.communities[id]?.street != street { return false }
        return true
    }
}
