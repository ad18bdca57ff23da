import LedgerEvents

/// Why a use is or is not authorised on a date.
public enum UseStanding: Equatable, Sendable {
    case underContract(String)
    case underDecision(String)
    /// No authority named, or the named contract does not cover the asset or is not in force, or the named decision
    /// does not authorise the use on the date (`Projection.authorises(_:_:on:)`).
    case withoutAuthority
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

    /// How a use stands on `date`: under a contract in force that covers the asset, under a decision that
    /// authorises it on that day (`authorises(_:_:on:)`, the test OCC-02 applies: of the asset's community, on a
    /// matter that can authorise the use, a business use measured as item 8 at 3/4, still valid, listing the asset
    /// or none), or without authority.
    public func standing(of use: Use, on date: CalendarDate) -> UseStanding {
        switch use.authority {
        case .contract(let id):
            guard let contract = contracts[id], contract.terms.assetIDs.contains(use.assetID),
                  contractStatus(contract, on: date) == .active else { return .withoutAuthority }
            return .underContract(id)
        case .decision(let id):
            guard let decision = decisions[id], authorises(decision, use, on: date) else { return .withoutAuthority }
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
