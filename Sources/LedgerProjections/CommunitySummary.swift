import LedgerChain
import LedgerEvents

/// One community's line of `ledger communities` on the as-of date: what the report shows of it, and nothing else,
/// so that `index/communities.state` (ledger-spec.md 15.11, `CommunitiesState`) can keep it and the report be written from it byte for
/// byte as from the projection.
public struct CommunitySummary: Equatable, Sendable {
    public let id: String
    public let name: String
    public let street: String
    public let residentsCommittee: String
    /// `totalArea.description`, as the report prints it.
    public let totalArea: String
    public let totalOwners: Int64
    public let registeredOn: CalendarDate
    public let evidence: Evidence
    /// Common parts in service (retired ones left out), and of them idle and occupied.
    public var assets = 0
    public var idle = 0
    public var occupied = 0
    public var funds = 0
    /// Contracts in force (`active`) on the date.
    public var contractsActive = 0
    public var decisions = 0
    /// The balances of the community's funds by kind (`FundKind.allCases` order: public income, maintenance fund,
    /// governance fund, other): different money under different rules (DOMAIN.md D, E), so the report shows each.
    public var balanceByKind: [Amount] = Array(repeating: Amount(fen: 0), count: FundKind.allCases.count)
    /// The total of the community's funds' balances (the sum of `balanceByKind`): a figure for reference only.
    public var balance: Amount { balanceByKind.reduce(Amount(fen: 0), +) }

    /// The balance of the community's funds of `kind`.
    public func balance(of kind: FundKind) -> Amount { balanceByKind[FundKind.allCases.firstIndex(of: kind)!] }

    public init(id: String, name: String, street: String, residentsCommittee: String, totalArea: String, totalOwners: Int64,
                registeredOn: CalendarDate, evidence: Evidence) {
        self.id = id; self.name = name; self.street = street; self.residentsCommittee = residentsCommittee
        self.totalArea = totalArea; self.totalOwners = totalOwners; self.registeredOn = registeredOn; self.evidence = evidence
    }

    init(_ c: Community) {
        self.init(id: c.id, name: c.name, street: c.street, residentsCommittee: c.residentsCommittee, totalArea: c.totalArea.description,
                  totalOwners: c.totalOwners, registeredOn: c.registeredOn, evidence: c.evidence)
    }
}

extension CommunitySummary: CityListLine {
    public static let fileName = "communities.state"
    public static let kind = "LEDGER-COMMUNITIES"
    /// Version 2 keeps an anomaly for a use, occupation, contract or inspection naming an asset not registered at its place in the fold order (it was left unlinked without a word); version 1 is made again.
    /// Version 3 keeps the balance of each kind of fund (public income, maintenance fund, governance fund, other)
    /// instead of one total of different money; versions 1 and 2 are made again.
    public static let version: UInt32 = 3
    public static let showsPersons = false

    public func precedes(_ other: CommunitySummary) -> Bool { id < other.id }

    /// bytes id, name, street, residents' committee, total area (as printed), i64 total owners, i64 registration
    /// day, i64 evidence seq, bytes evidence event id, u64 assets, idle, occupied, funds, contracts in force,
    /// decisions, i64 balance in fen of each fund kind in `FundKind.allCases` order (ledger-spec.md 15.11).
    public func encode(into body: inout ByteWriter) {
        body.text(id); body.text(name); body.text(street); body.text(residentsCommittee); body.text(totalArea)
        body.i64(totalOwners); body.day(registeredOn); body.evidence(evidence)
        for n in [assets, idle, occupied, funds, contractsActive, decisions] { body.u64(UInt64(n)) }
        for amount in balanceByKind { body.amount(amount) }
    }

    public static func decode(_ r: inout LineReader) -> CommunitySummary? {
        guard let id = r.text(), let name = r.text(), let street = r.text(), let committee = r.text(), let area = r.text(),
              let owners = r.i64(), let registered = r.day(), let evidence = r.evidence() else { return nil }
        var row = CommunitySummary(id: id, name: name, street: street, residentsCommittee: committee, totalArea: area,
                                   totalOwners: owners, registeredOn: registered, evidence: evidence)
        guard let assets = r.count(), let idle = r.count(), let occupied = r.count(), let funds = r.count(), let active = r.count(),
              let decisions = r.count() else { return nil }
        row.assets = assets; row.idle = idle; row.occupied = occupied; row.funds = funds
        row.contractsActive = active; row.decisions = decisions
        for index in row.balanceByKind.indices {
            guard let amount = r.amount() else { return nil }
            row.balanceByKind[index] = amount
        }
        return row
    }

    public static func lines(of projection: Projection) -> [CommunitySummary] { projection.communitySummaries() }
}

extension Projection {
    /// Every community the filter includes, with its counts and balance on the as-of date, sorted by id (as
    /// `ledger communities` lists them).
    public func communitySummaries(filter: EntityFilter = EntityFilter()) -> [CommunitySummary] {
        var lines: [String: CommunitySummary] = [:]
        for (id, community) in communities where filter.includes(communityID: id, in: self) {
            lines[id] = CommunitySummary(community)
        }
        for v in assetViews(filter: filter) where v.status != .retired {
            lines[v.asset.communityID]?.assets += 1
            if v.status == .idle { lines[v.asset.communityID]?.idle += 1 }
            if v.status == .occupied { lines[v.asset.communityID]?.occupied += 1 }
        }
        for v in fundViews(filter: filter) {
            lines[v.fund.communityID]?.funds += 1
            if var line = lines[v.fund.communityID] {
                let index = FundKind.allCases.firstIndex(of: v.fund.kind)!
                line.balanceByKind[index] = line.balanceByKind[index] + v.balance
                lines[v.fund.communityID] = line
            }
        }
        for v in contractViews(filter: filter) where v.status == .active { lines[v.contract.terms.communityID]?.contractsActive += 1 }
        for v in decisionViews(filter: filter) { lines[v.decision.terms.communityID]?.decisions += 1 }
        return lines.keys.sorted().map { lines[$0]! }
    }

    /// A projection holding nothing but its date and seq: what a report's heading and JSON envelope show, for a
    /// report written from stored lines (`CityListState`) instead of a fold.
    public static func heading(asOf: CalendarDate, atSeq: Int64) -> Projection { Projection(asOf: asOf, atSeq: atSeq) }
}
