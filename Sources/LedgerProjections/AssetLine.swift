import LedgerChain
import LedgerEvents

/// One common part's line of `ledger assets` on the as-of date: what the report shows of it (every format), and
/// nothing else, so that `index/assets.state` (ledger-spec.md 15.12, `AssetsState`) can keep it and the report be
/// written from it byte for byte as from the projection.
public struct AssetLine: Equatable, Sendable {
    /// The last inspection, as the report shows it.
    public struct Inspected: Equatable, Sendable {
        public let date: CalendarDate
        public let observed: Observation
        public let inspector: PersonalText
        public let evidence: Evidence
    }

    public let communityID: String
    public let id: String
    public let kind: AssetKind
    public let name: String
    public let location: String
    public let area: DecimalQuantity
    public let registeredOn: CalendarDate
    public let status: AssetStatus
    public let currentContractIDs: [String]
    public let openUseIDs: [String]
    public let openOccupationIDs: [String]
    public let lastUsedOn: CalendarDate?
    public let lastInspection: Inspected?
    public let utilisation: Utilisation
    public let retiredOn: CalendarDate?
    public let evidence: Evidence

    init(_ v: AssetView) {
        communityID = v.asset.communityID; id = v.asset.id; kind = v.asset.kind; name = v.asset.name; location = v.asset.location
        area = v.asset.area; registeredOn = v.asset.registeredOn; status = v.status; currentContractIDs = v.currentContractIDs
        openUseIDs = v.openUseIDs; openOccupationIDs = v.openOccupationIDs; lastUsedOn = v.lastUsedOn
        lastInspection = v.lastInspection.map { Inspected(date: $0.date, observed: $0.observed, inspector: $0.inspector, evidence: $0.evidence) }
        utilisation = v.utilisation; retiredOn = v.asset.retired?.date; evidence = v.asset.evidence
    }

    init(communityID: String, id: String, kind: AssetKind, name: String, location: String, area: DecimalQuantity,
         registeredOn: CalendarDate, status: AssetStatus, currentContractIDs: [String], openUseIDs: [String],
         openOccupationIDs: [String], lastUsedOn: CalendarDate?, lastInspection: Inspected?, utilisation: Utilisation,
         retiredOn: CalendarDate?, evidence: Evidence) {
        self.communityID = communityID; self.id = id; self.kind = kind; self.name = name; self.location = location
        self.area = area; self.registeredOn = registeredOn; self.status = status; self.currentContractIDs = currentContractIDs
        self.openUseIDs = openUseIDs; self.openOccupationIDs = openOccupationIDs; self.lastUsedOn = lastUsedOn
        self.lastInspection = lastInspection; self.utilisation = utilisation; self.retiredOn = retiredOn; self.evidence = evidence
    }
}

extension AssetLine: CityListLine {
    public static let fileName = "assets.state"
    public static let kind = "LEDGER-ASSETS"
    /// Version 2 keeps an anomaly for a use, occupation, contract or inspection naming an asset not registered at its place in the fold order (it was left unlinked without a word); version 1 is made again.
    /// Version 3: a use stands under its decision only when the decision authorises it as OCC-02 judges it
    /// (`Projection.authorises(_:_:on:)`: a business use measured as item 8 at 3/4, its matter one that can
    /// authorise the use); version 2 took the vote as recorded, so its status may say in_use_under_decision wrongly.
    /// Version 4: a use citing a decision that names a contract the ledger holds (`Projection.contractNamed(by:)`)
    /// stands under no decision (the owners approved that contract, not the use: OCC-02, review 47d #1); version 3
    /// may say in_use_under_decision for it.
    public static let version: UInt32 = 4
    public static let showsPersons = true

    public func precedes(_ other: AssetLine) -> Bool { (communityID, id) < (other.communityID, other.id) }

    /// bytes community id, id, kind, name, location; the area (i64 units, u64 scale); i64 registration day; bytes
    /// status; the current contracts', open uses' and open occupations' ids (u64 count, bytes each); the last day in
    /// use (optional: u8 0, or u8 1 and the value); the last inspection (optional: i64 day, bytes observation, the
    /// inspector as u8 0 and bytes the text or u8 1 and the 32-byte commitment, i64 seq and bytes event id of its
    /// evidence); the utilisation window's i64 first and last day and u64 days in use; the retirement day (optional);
    /// i64 seq and bytes event id of the evidence (ledger-spec.md 15.12).
    public func encode(into b: inout ByteWriter) {
        b.text(communityID); b.text(id); b.code(kind); b.text(name); b.text(location); b.quantity(area); b.day(registeredOn)
        b.code(status); b.texts(currentContractIDs); b.texts(openUseIDs); b.texts(openOccupationIDs); b.optionalDay(lastUsedOn)
        b.optional(lastInspection) { b, i in b.day(i.date); b.code(i.observed); b.personal(i.inspector); b.evidence(i.evidence) }
        b.day(utilisation.window.first); b.day(utilisation.window.last); b.u64(UInt64(utilisation.daysInUse))
        b.optionalDay(retiredOn); b.evidence(evidence)
    }

    public static func decode(_ r: inout LineReader) -> AssetLine? {
        guard let community = r.text(), let id = r.text(), let kind = r.code(AssetKind.self), let name = r.text(),
              let location = r.text(), let area = r.quantity(), let registered = r.day(), let status = r.code(AssetStatus.self),
              let current = r.texts(), let uses = r.texts(), let occupations = r.texts(), let lastUsed = r.optionalDay(),
              let inspection = r.optional({ r -> Inspected? in
                  guard let date = r.day(), let observed = r.code(Observation.self), let inspector = r.personal(),
                        let evidence = r.evidence() else { return nil }
                  return Inspected(date: date, observed: observed, inspector: inspector, evidence: evidence)
              }),
              let first = r.day(), let last = r.day(), first <= last, let inUse = r.number(),
              let retired = r.optionalDay(), let evidence = r.evidence() else { return nil }
        return AssetLine(communityID: community, id: id, kind: kind, name: name, location: location, area: area, registeredOn: registered,
                         status: status, currentContractIDs: current, openUseIDs: uses, openOccupationIDs: occupations,
                         lastUsedOn: lastUsed, lastInspection: inspection,
                         utilisation: Utilisation(window: DayRange(first: first, last: last), daysInUse: inUse),
                         retiredOn: retired, evidence: evidence)
    }

    public static func lines(of projection: Projection) -> [AssetLine] { projection.assetLines() }
}

extension Projection {
    /// Every common part the filter includes as the `assets` report shows it, by community id then asset id.
    public func assetLines(filter: EntityFilter = EntityFilter()) -> [AssetLine] { assetViews(filter: filter).map(AssetLine.init) }
}
