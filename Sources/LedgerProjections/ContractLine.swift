import LedgerChain
import LedgerEvents

/// One operating contract's line of `ledger contracts` on the as-of date: what the report shows of it (every
/// format), and nothing else, so that `index/contracts.state` (ledger-spec.md 15.12, `ContractsState`) can keep it
/// and the report be written from it byte for byte as from the projection.
public struct ContractLine: Equatable, Sendable, RentFigures {
    /// A payment of rent, as the report shows it.
    public struct Payment: Equatable, Sendable {
        public let date: CalendarDate
        public let fundID: String
        public let amount: Amount
        public let evidence: Evidence
        /// Whether the rent received counts it (a fund of the contract's community; `ContractView.counted`).
        public let counted: Bool
    }

    public let communityID: String
    public let id: String
    public let counterparty: PersonalText
    public let assetIDs: [String]
    public let purpose: String
    public let signedOn: CalendarDate
    public let startOn: CalendarDate
    public let endOn: CalendarDate
    public let terminatedOn: CalendarDate?
    public let status: ContractStatus
    public let rent: Amount
    public let rentPeriod: RentPeriod
    /// The decision the contract's record cites; for a date before a later decision a correction made it cite, the
    /// failed one it was signed under, whose vote `vote` is (`Projection.shownDecisionID(of:)`).
    public let decisionID: String?
    /// How the deciding vote stands for this contract (`ContractVote`'s raw value, `Projection.vote(of:)`): `passed`
    /// only when the decision authorised the contract as CON-01 and CON-02 judge it.
    public let vote: String
    /// The decision of the contract's community that names it (`Projection.decisionsNamingContracts`) when the
    /// contract cites none (`vote` none): the vote to cite by a correction (CON-01's `decision_not_cited`).
    public let namedBy: String?
    public let payeeFundID: String?
    public let rentExpected: Amount
    /// Rent received into funds of the contract's community, as CON-07 counts it (`ContractView.rentReceived`).
    public let rentReceived: Amount
    public let schedule: RentSchedule
    /// Rent for use after the contract's end (`ContractView.afterEnd`), part of `rentExpected`.
    public let afterEnd: [RentDue]
    public let useGoesOnAfterEnd: Bool
    public let payments: [Payment]
    public let evidence: Evidence

    /// `decisionID`: the decision whose vote `vote` is (`Projection.shownDecisionID(of:)`).
    init(_ v: ContractView, decisionID: String?, vote: String, namedBy: String?) {
        let t = v.contract.terms
        communityID = t.communityID; id = v.contract.id; counterparty = t.counterparty; assetIDs = t.assetIDs; purpose = t.purpose
        signedOn = v.contract.signedOn; startOn = t.startOn; endOn = t.endOn; terminatedOn = v.contract.terminated?.date
        status = v.status; rent = t.rent; rentPeriod = t.rentPeriod; self.decisionID = decisionID; self.vote = vote
        self.namedBy = namedBy
        payeeFundID = t.payeeFundID; rentExpected = v.rentExpected; rentReceived = v.rentReceived; schedule = v.schedule
        afterEnd = v.afterEnd; useGoesOnAfterEnd = v.useGoesOnAfterEnd
        payments = zip(v.payments, v.counted).map {
            Payment(date: $0.date, fundID: $0.fundID, amount: $0.amount, evidence: $0.evidence, counted: $1)
        }
        evidence = v.contract.evidence
    }

    init(communityID: String, id: String, counterparty: PersonalText, assetIDs: [String], purpose: String, signedOn: CalendarDate,
         startOn: CalendarDate, endOn: CalendarDate, terminatedOn: CalendarDate?, status: ContractStatus, rent: Amount,
         rentPeriod: RentPeriod, decisionID: String?, vote: String, namedBy: String?, payeeFundID: String?, rentExpected: Amount,
         rentReceived: Amount, schedule: RentSchedule, afterEnd: [RentDue], useGoesOnAfterEnd: Bool, payments: [Payment],
         evidence: Evidence) {
        self.communityID = communityID; self.id = id; self.counterparty = counterparty; self.assetIDs = assetIDs
        self.purpose = purpose; self.signedOn = signedOn; self.startOn = startOn; self.endOn = endOn
        self.terminatedOn = terminatedOn; self.status = status; self.rent = rent; self.rentPeriod = rentPeriod
        self.decisionID = decisionID; self.vote = vote; self.namedBy = namedBy; self.payeeFundID = payeeFundID; self.rentExpected = rentExpected
        self.rentReceived = rentReceived; self.schedule = schedule; self.afterEnd = afterEnd
        self.useGoesOnAfterEnd = useGoesOnAfterEnd; self.payments = payments; self.evidence = evidence
    }
}

extension ContractLine: CityListLine {
    public static let fileName = "contracts.state"
    public static let kind = "LEDGER-CONTRACTS"
    /// Version 2: rent received counts only funds of the contract's community, and each payment says whether it
    /// is counted (version 1 counted every fund). Version 3 keeps an anomaly for a use, occupation, contract or inspection naming an asset not registered at its place in the fold order (it was left unlinked without a word).
    /// Version 4: the vote says whether the decision authorises the contract as CON-01 and CON-02 judge it
    /// (`ContractVote`: `passed` only then, a vote that passed without authorising it has its own value); version 3
    /// said `passed` for any vote that passed under its recorded matter.
    /// Version 5: rent expected counts the rent for use after the contract's end (CON-06, as CON-07 counts it due),
    /// and the line keeps those instalments and whether a use goes on after the end (预收 against 多收).
    /// Version 6: the term's instalments are kept as their span (first day due, months between, count, amount),
    /// not one by one (review 39b: 46 MB for 100 contracts to 9999-12-31).
    /// Version 7: a term's instalments are those whose period begins within it (`RentSchedule.periodBegins`): a
    /// term ending on a month-end day that `start_on` + k periods is clamped to holds no k-th instalment (review 42b).
    /// Version 8: a contract citing no decision names the decision of its community that names it (`namedBy`).
    /// Version 9: the vote says `passed_other_contract` for a decision naming another contract the ledger holds
    /// (version 8 said `passed` or `ratified_after_signing`), and, for a contract signed on a failed vote whose
    /// record a correction made cite a decision not yet taken on the as-of date, that failed vote (8 said `unknown`).
    /// Version 10: for a contract whose record a correction made cite a decision not yet taken on the as-of date, the
    /// decision, the vote and the naming decision of the version before that correction (`Projection.contractKnownThen`:
    /// `none` and no decision for one that cited none, `passed` for one signed under a vote that authorised it; 9
    /// said `unknown` beside the later decision's id; review 48 #3).
    public static let version: UInt32 = 10
    public static let showsPersons = true

    public func precedes(_ other: ContractLine) -> Bool { (communityID, id) < (other.communityID, other.id) }

    /// bytes community id, id; the counterparty (u8 0 and bytes the text, or u8 1 and the 32-byte commitment); the
    /// assets' ids (u64 count, bytes each); bytes purpose; i64 signing, start and end days; the termination day
    /// (optional: u8 0, or u8 1 and the value); bytes status; i64 rent in fen; bytes rent period; the decision's id
    /// (optional); bytes the vote; the id of the decision naming a contract citing none (optional); the payee fund's id
    /// (optional); i64 rent expected and received in fen; the
    /// term's instalments as a span: i64 first day due, u64 months between (0: once), u64 count, i64 fen each; u64
    /// count and per instalment i64 day due and i64 fen of the rent for use after the end;
    /// u8 whether a use goes on after the end; u64 payment count and per payment i64 day, bytes
    /// fund id, i64 fen, i64 seq and bytes event id of its evidence, u8 whether it is counted (1) or not (0); i64 seq
    /// and bytes event id of the evidence
    /// (ledger-spec.md 15.12).
    public func encode(into b: inout ByteWriter) {
        b.text(communityID); b.text(id); b.personal(counterparty); b.texts(assetIDs); b.text(purpose)
        b.day(signedOn); b.day(startOn); b.day(endOn); b.optionalDay(terminatedOn); b.code(status); b.amount(rent)
        b.code(rentPeriod); b.optionalText(decisionID); b.text(vote); b.optionalText(namedBy); b.optionalText(payeeFundID)
        b.amount(rentExpected); b.amount(rentReceived)
        b.day(schedule.startOn); b.u64(UInt64(schedule.monthsPerPeriod)); b.u64(UInt64(schedule.count)); b.amount(schedule.amount)
        b.u64(UInt64(afterEnd.count))
        for due in afterEnd { b.day(due.dueOn); b.amount(due.amount) }
        b.flag(useGoesOnAfterEnd)
        b.u64(UInt64(payments.count))
        for p in payments { b.day(p.date); b.text(p.fundID); b.amount(p.amount); b.evidence(p.evidence); b.flag(p.counted) }
        b.evidence(evidence)
    }

    public static func decode(_ r: inout LineReader) -> ContractLine? {
        guard let community = r.text(), let id = r.text(), let counterparty = r.personal(), let assets = r.texts(),
              let purpose = r.text(), let signed = r.day(), let start = r.day(), let end = r.day(), let terminated = r.optionalDay(),
              let status = r.code(ContractStatus.self), let rent = r.amount(), let period = r.code(RentPeriod.self),
              let decision = r.optionalText(), let vote = r.text(), let namedBy = r.optionalText(), let payee = r.optionalText(), let expected = r.amount(),
              let received = r.amount(), let first = r.day(), let months = r.number(), let dueCount = r.number(),
              let each = r.amount() else { return nil }
        // A span as `encode` writes it (`Contract.schedule`): the contract's rent every period from its start, due by
        // its last day (none when the rent is 0).
        let lastDay = min(end, terminated ?? end)
        let schedule = RentSchedule(startOn: start, monthsPerPeriod: period.months ?? 0, amount: rent,
                                    termEndingOn: rent.fen > 0 ? lastDay : start.adding(days: -1))
        guard first == schedule.startOn, months == schedule.monthsPerPeriod, dueCount == schedule.count, each == schedule.amount
        else { return nil }
        guard let afterEndCount = r.count() else { return nil }
        var afterEnd: [RentDue] = []
        for _ in 0..<afterEndCount {
            guard let day = r.day(), let amount = r.amount() else { return nil }
            afterEnd.append(RentDue(dueOn: day, amount: amount))
        }
        guard let goesOn = r.flag(), let paymentCount = r.count() else { return nil }
        var payments: [Payment] = []
        for _ in 0..<paymentCount {
            guard let day = r.day(), let fund = r.text(), let amount = r.amount(), let evidence = r.evidence(),
                  let counted = r.flag() else { return nil }
            payments.append(Payment(date: day, fundID: fund, amount: amount, evidence: evidence, counted: counted))
        }
        guard let evidence = r.evidence() else { return nil }
        return ContractLine(communityID: community, id: id, counterparty: counterparty, assetIDs: assets, purpose: purpose,
                            signedOn: signed, startOn: start, endOn: end, terminatedOn: terminated, status: status, rent: rent,
                            rentPeriod: period, decisionID: decision, vote: vote, namedBy: namedBy, payeeFundID: payee, rentExpected: expected,
                            rentReceived: received, schedule: schedule, afterEnd: afterEnd, useGoesOnAfterEnd: goesOn,
                            payments: payments, evidence: evidence)
    }

    public static func lines(of projection: Projection) -> [ContractLine] { projection.contractLines() }
}

extension Projection {
    /// Every contract the filter includes as the `contracts` report shows it, by community id then contract id.
    public func contractLines(filter: EntityFilter = EntityFilter()) -> [ContractLine] {
        let naming = decisionsNamingContracts()
        return contractViews(filter: filter).map { v in
            // The version a list of the as-of date showed, while the decision its record now cites is not yet taken
            // (`contractKnownThen`): its decision, its vote and the decision naming it when it cited none.
            let shown = contractKnownThen(v.contract) ?? v.contract
            return ContractLine(v, decisionID: shown.terms.decisionID, vote: vote(of: shown).rawValue,
                                namedBy: shown.terms.decisionID == nil ? naming[v.contract.id]?.id : nil)
        }
    }
}
