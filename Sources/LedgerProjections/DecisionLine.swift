import LedgerChain
import LedgerEvents

/// One owners' decision's line of `ledger decisions` on the as-of date: what the report shows of it (every format),
/// and nothing else, so that `index/decisions.state` (ledger-spec.md 15.12, `DecisionsState`) can keep it and the
/// report be written from it byte for byte as from the projection.
public struct DecisionLine: Equatable, Sendable {
    /// The vote's checks against the community's totals (`DecisionValidity`).
    public struct Checks: Equatable, Sendable {
        public let quorumArea: Bool
        public let quorumOwners: Bool
        public let passArea: Bool
        public let passOwners: Bool
        public var quorumMet: Bool { quorumArea && quorumOwners }
        public var thresholdMet: Bool { passArea && passOwners }
    }

    public let communityID: String
    public let id: String
    public let decidedOn: CalendarDate
    public let matter: DecisionMatter
    public let participatingArea: DecimalQuantity
    public let participatingOwners: Int64
    public let approvingArea: DecimalQuantity
    public let approvingOwners: Int64
    public let validUntil: CalendarDate?
    public let authorisedAssetIDs: [String]
    public let authorisedContractID: String?
    public let purpose: String?
    /// Nil when the decision's community is unknown.
    public let checks: Checks?
    /// The community's total area (its units) and owners, the shares' denominators; 0 when it is unknown.
    public let communityAreaUnits: Int64
    public let communityOwners: Int64
    public let inForce: Bool
    public let cap: Amount?
    public let spent: Amount
    public var remaining: Amount? { cap.map { $0 - spent } }
    public let evidence: Evidence

    init(_ v: DecisionView, community: Community?) {
        let t = v.decision.terms
        communityID = t.communityID; id = v.decision.id; decidedOn = v.decision.decidedOn; matter = t.matter
        participatingArea = t.participatingArea; participatingOwners = t.participatingOwners; approvingArea = t.approvingArea
        approvingOwners = t.approvingOwners; validUntil = t.validUntil; authorisedAssetIDs = t.authorises.assetIDs
        authorisedContractID = t.authorises.contractID; purpose = t.authorises.purpose
        checks = v.validity.map { Checks(quorumArea: $0.quorumArea, quorumOwners: $0.quorumOwners, passArea: $0.passArea, passOwners: $0.passOwners) }
        communityAreaUnits = community?.totalArea.units ?? 0; communityOwners = community?.totalOwners ?? 0
        inForce = v.inForce; cap = v.cap; spent = v.spent; evidence = v.decision.evidence
    }

    init(communityID: String, id: String, decidedOn: CalendarDate, matter: DecisionMatter, participatingArea: DecimalQuantity,
         participatingOwners: Int64, approvingArea: DecimalQuantity, approvingOwners: Int64, validUntil: CalendarDate?,
         authorisedAssetIDs: [String], authorisedContractID: String?, purpose: String?, checks: Checks?, communityAreaUnits: Int64,
         communityOwners: Int64, inForce: Bool, cap: Amount?, spent: Amount, evidence: Evidence) {
        self.communityID = communityID; self.id = id; self.decidedOn = decidedOn; self.matter = matter
        self.participatingArea = participatingArea; self.participatingOwners = participatingOwners; self.approvingArea = approvingArea
        self.approvingOwners = approvingOwners; self.validUntil = validUntil; self.authorisedAssetIDs = authorisedAssetIDs
        self.authorisedContractID = authorisedContractID; self.purpose = purpose; self.checks = checks
        self.communityAreaUnits = communityAreaUnits; self.communityOwners = communityOwners; self.inForce = inForce
        self.cap = cap; self.spent = spent; self.evidence = evidence
    }
}

extension DecisionLine: CityListLine {
    public static let fileName = "decisions.state"
    public static let kind = "LEDGER-DECISIONS"
    /// Version 2 keeps an anomaly for a use, occupation, contract or inspection naming an asset not registered at its place in the fold order (it was left unlinked without a word); version 3 has `inForce` false for a failed vote; version 4 counts in `spent` only what the decision can authorise and what needs a decision (`Projection.paymentsUnderCap`); older versions are made again.
    public static let version: UInt32 = 4
    public static let showsPersons = false

    public func precedes(_ other: DecisionLine) -> Bool { (communityID, id) < (other.communityID, other.id) }

    /// bytes community id, id; i64 vote day; bytes matter; the participating area (i64 units, u64 scale), i64
    /// participating owners, the approving area, i64 approving owners; the valid-until day (optional: u8 0, or u8 1
    /// and the value); the authorised assets' ids (u64 count, bytes each), contract id and purpose (optional); the
    /// checks (optional: u8 each of quorum by area, by owners, pass by area, by owners); i64 the community's total
    /// area units and owners; u8 in force; the cap in fen (optional); i64 spent in fen; i64 seq and bytes event id of
    /// the evidence (ledger-spec.md 15.12).
    public func encode(into b: inout ByteWriter) {
        b.text(communityID); b.text(id); b.day(decidedOn); b.code(matter); b.quantity(participatingArea); b.i64(participatingOwners)
        b.quantity(approvingArea); b.i64(approvingOwners); b.optionalDay(validUntil); b.texts(authorisedAssetIDs)
        b.optionalText(authorisedContractID); b.optionalText(purpose)
        b.optional(checks) { b, c in b.flag(c.quorumArea); b.flag(c.quorumOwners); b.flag(c.passArea); b.flag(c.passOwners) }
        b.i64(communityAreaUnits); b.i64(communityOwners); b.flag(inForce); b.optional(cap) { $0.amount($1) }; b.amount(spent)
        b.evidence(evidence)
    }

    public static func decode(_ r: inout LineReader) -> DecisionLine? {
        guard let community = r.text(), let id = r.text(), let decided = r.day(), let matter = r.code(DecisionMatter.self),
              let participatingArea = r.quantity(), let participatingOwners = r.i64(), let approvingArea = r.quantity(),
              let approvingOwners = r.i64(), let validUntil = r.optionalDay(), let assets = r.texts(), let contract = r.optionalText(),
              let purpose = r.optionalText(),
              let checks = r.optional({ r -> Checks? in
                  guard let qa = r.flag(), let qo = r.flag(), let pa = r.flag(), let po = r.flag() else { return nil }
                  return Checks(quorumArea: qa, quorumOwners: qo, passArea: pa, passOwners: po)
              }),
              let areaUnits = r.i64(), let owners = r.i64(), let inForce = r.flag(), let cap = r.optional({ $0.amount() }),
              let spent = r.amount(), let evidence = r.evidence() else { return nil }
        return DecisionLine(communityID: community, id: id, decidedOn: decided, matter: matter, participatingArea: participatingArea,
                            participatingOwners: participatingOwners, approvingArea: approvingArea, approvingOwners: approvingOwners,
                            validUntil: validUntil, authorisedAssetIDs: assets, authorisedContractID: contract, purpose: purpose,
                            checks: checks, communityAreaUnits: areaUnits, communityOwners: owners, inForce: inForce, cap: cap,
                            spent: spent, evidence: evidence)
    }

    public static func lines(of projection: Projection) -> [DecisionLine] { projection.decisionLines() }
}

extension Projection {
    /// Every decision the filter includes as the `decisions` report shows it, by community id then decision id.
    public func decisionLines(filter: EntityFilter = EntityFilter()) -> [DecisionLine] {
        decisionViews(filter: filter).map { DecisionLine($0, community: communities[$0.decision.terms.communityID]) }
    }
}
