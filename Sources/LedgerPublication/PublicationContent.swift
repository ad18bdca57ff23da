import LedgerChain
import LedgerEvents
import LedgerProjections
import LedgerRules

/// What a community's disclosure (公示) shows for a period, read from a projection: the funds with every movement
/// up to the period's end, the contracts in force during the period with the rent received, the owners' decisions,
/// and the open rectification findings. Each row names the records (seq) that state it, so the page can prove
/// them. This is the only place the publication reads projections.
public struct PublicationContent: Equatable, Sendable {
    public let community: CommunityRow
    public let period: DayRange
    public let funds: [FundSection]
    public let contracts: [ContractRow]
    public let decisions: [DecisionRow]
    public let findings: [FindingRow]
    /// Every correction of money of the community's funds dated up to the period's end, in log order.
    public let corrections: [CorrectionRow]
    /// The policy's rent grace days (`rent_grace_days`): rent falls overdue (逾期, CON-07) the day after that many days after its
    /// due day, while the contracts table counts it unpaid (欠缴) from the due day on.
    public let rentGraceDays: Int

    /// The community as registered.
    public struct CommunityRow: Equatable, Sendable {
        public let id: String
        public let name: String
        public let street: String
        public let residentsCommittee: String
        public let totalArea: DecimalQuantity
        public let totalOwners: Int64
        public let source: Source
    }

    /// The record a row rests on: the event itself, or a correction whose replacement took its place (then the
    /// corrected record is `replaces`).
    public struct Source: Equatable, Sendable {
        public let seq: Int64
        public let replaces: Int64?
        public var seqs: [Int64] { [seq] + (replaces.map { [$0] } ?? []) }
    }

    /// One fund: totals for the period and every movement up to its end (earlier ones give the opening balance).
    public struct FundSection: Equatable, Sendable {
        public let id: String
        public let kind: FundKind
        public let account: String
        public let opening: Amount
        public let income: Amount
        public let spending: Amount
        public let transfersIn: Amount
        public let transfersOut: Amount
        public var closing: Amount { opening + income - spending + transfersIn - transfersOut }
        /// Movements dated on or before the period's end, in fold order.
        public let movements: [MovementRow]
    }

    /// Money into or out of a fund.
    public struct MovementRow: Equatable, Sendable {
        public let source: Source
        public let kind: MovementKind
        public let fundID: String
        public let date: CalendarDate
        public let amount: Amount
        /// The payer or payee; for a transfer, the other fund.
        public let counterparty: PersonalText
        public let voucher: String
        /// Income category, spending purpose, or nil.
        public let purpose: String?
        public let inPeriod: Bool
        /// A transfer's other fund, named by its account (the 对方 cell; review 40a: residents read names).
        public let otherFund: Named?
    }

    /// A part or fund as residents read it: its id beside the name the register gives it (a part's `name`, a fund's
    /// `account`), and the record that gives that name, which the page checks; the id alone when the ledger does not
    /// hold the item as of the period's end.
    public struct Named: Equatable, Sendable {
        public let id: String
        public let name: String?
        /// The record giving the name: the item's registration or opening, or the last update that renamed it (as
        /// recorded, or a correction whose replacement it is).
        public let seq: Int64?
        /// `ID name`, as the page shows it (the id first, as its fund headings and findings name an item).
        public var text: String { name.map { id + " " + $0 } ?? id }
    }

    /// A contract or decision whose record a correction changed (review 40a: a failed vote corrected to a passing one
    /// showed only the new figures): the correction in effect, the row's main record, and its reason; for a
    /// decision, whether the vote as first recorded passed.
    public struct CorrectedMark: Equatable, Sendable {
        public let seq: Int64
        public let reason: String
        public let passedBefore: Bool?
    }

    /// An operating contract in force at some time during the period, or used under it after its end during the
    /// period (the rent for that use is due: CON-06, CON-07).
    public struct ContractRow: Equatable, Sendable {
        public let id: String
        public let source: Source
        public let counterparty: PersonalText
        public let assetIDs: [String]
        /// The parts (`assetIDs`, in that order) with their names.
        public let parts: [Named]
        /// Set when a correction changed the contract as first recorded.
        public let corrected: CorrectedMark?
        public let purpose: String
        public let startOn: CalendarDate
        public let endOn: CalendarDate
        public let rent: Amount
        public let rentPeriod: RentPeriod
        public let status: ContractStatus
        public let decisionID: String?
        /// How the deciding vote stands at the period's end (nil without a decision).
        public let decision: DecisionStanding?
        /// Rent due up to the period's end, as the ledger computes it from the terms: with the rent for use after
        /// the contract's end (`afterEnd`), as CON-07 counts it due (`RentFigures`).
        public let expected: Amount
        /// Of `expected`, the rent at the contract's rate for use after its end (到期后继续使用的使用费).
        public let afterEnd: Amount
        /// Whether the contract ended early (terminated), for the words: 终止后 rather than 到期后.
        public let endedEarly: Bool
        /// The day a terminated contract ended, which the 止 column (its term's last day) does not give: the status
        /// reads 已终止（2025-07-15）, as `ledger contracts` says it.
        public let terminatedOn: CalendarDate?
        /// Every payment naming the contract up to the period's end, and its sum.
        public let payments: [Source]
        public let received: Amount
        public let receivedInPeriod: Amount
        /// Rent due not received, never negative.
        public let arrears: Amount
        /// Received beyond the rent due while rent is still to fall due (预收).
        public let paidAhead: Amount
        /// Received beyond all rent due once the contract has ended and nothing under it goes on (多收: to refund).
        public let overpaid: Amount
    }

    /// How the decision a contract cites stands at the period's end, as the `contracts` report and CON-01/CON-02
    /// judge it (`Projection.vote(of:)`): the disclosure never says 通过 where the rectification list reports the
    /// contract's authority missing.
    public enum DecisionStanding: Equatable, Sendable {
        /// Taken on or before the signing, and authorises the contract.
        case passed
        /// Taken, and failed (quorum or the threshold of its recorded matter missed).
        case failed
        /// Passed under its recorded matter but does not authorise the contract: short of the 3/4 operating needs,
        /// on another matter, of another community, not naming every part, or expired at the signing (its value).
        case insufficient(ContractVote)
        /// Taken after the signing and otherwise authorises it: it ratified the contract afterwards (事后追认).
        case ratified
        /// Not in the ledger as of the period's end: a vote taken later (a ratification to come), or none recorded.
        case notRecorded
    }

    /// An owners' decision voted on or before the period's end.
    public struct DecisionRow: Equatable, Sendable {
        public let id: String
        public let source: Source
        public let date: CalendarDate
        public let matter: DecisionMatter
        public let participatingArea: DecimalQuantity
        public let participatingOwners: Int64
        public let approvingArea: DecimalQuantity
        public let approvingOwners: Int64
        public let passed: Bool
        public let cap: Amount?
        public let spent: Amount
        /// Set when a correction changed the decision as first recorded.
        public let corrected: CorrectedMark?
    }

    /// A correction of an income, spending or transfer of the community's funds: the record as first made, what the
    /// correction did and why. Money voided by a correction would otherwise leave the disclosure without trace
    /// (review 38c #4); the record stays in the log, and residents see it, voided or replaced, with the reason.
    public struct CorrectionRow: Equatable, Sendable {
        /// The correction (`seq`) and the record it corrects (`replaces`).
        public let source: Source
        /// The correction's own date.
        public let date: CalendarDate
        /// The corrected record as first made: its payload (`fund.income`, `fund.spending` or `fund.transfer`) and date.
        public let original: DomainEvent
        public let originalDate: CalendarDate
        /// The replacement's date, amount and funds, or nil when the money was voided.
        public let replacement: (date: CalendarDate, amount: Amount, funds: [String])?
        public let reason: String
        /// The seq of the later correction of the same record that replaced this one (the last of them), or nil when
        /// this correction is the one in effect: a replaced correction no longer voids or corrects anything
        /// (review 40a).
        public let supersededBy: Int64?

        /// The records the row rests on: the correction, the record it corrects, and the correction that replaced it.
        public var seqs: [Int64] { source.seqs + (supersededBy.map { [$0] } ?? []) }

        public static func == (a: Self, b: Self) -> Bool {
            a.source == b.source && a.date == b.date && a.original == b.original && a.originalDate == b.originalDate
                && a.replacement?.date == b.replacement?.date && a.replacement?.amount == b.replacement?.amount
                && a.replacement?.funds == b.replacement?.funds && a.reason == b.reason && a.supersededBy == b.supersededBy
        }

        /// The money's funds, kind (收入 支出 转账), amount, voucher and 摘要 as the page shows them.
        var money: (funds: [String], kind: String, amount: Amount, voucher: String, purpose: String)? {
            Self.money(original)
        }

        static func money(_ payload: DomainEvent) -> (funds: [String], kind: String, amount: Amount, voucher: String, purpose: String)? {
            switch payload {
            case .fundIncome(let p): return ([p.fundID], "收入", p.amount, p.voucher, p.category)
            case .fundSpending(let p): return ([p.fundID], "支出", p.amount, p.voucher, p.purpose)
            case .fundTransfer(let p): return ([p.fromFundID, p.toFundID], "转账", p.amount, p.voucher, "")
            default: return nil
            }
        }
    }

    /// An open rectification finding.
    public struct FindingRow: Equatable, Sendable {
        public let finding: Finding
    }

    /// Of a contract's unpaid rent (`ContractRow.arrears`, due by the period's end), the part overdue past the grace
    /// period: the arrears CON-07 finds on the period's last day (its `rent_arrears` fact), zero when it finds none.
    public func overdueRent(ofContract id: String) -> Amount {
        for row in findings where row.finding.rule == .rentArrears && row.finding.itemID == id {
            for fact in row.finding.facts where fact.key == .rentArrears || fact.key == .rentArrearsOnce {
                if case .amount(let arrears) = fact["arrears"] { return arrears }
            }
        }
        return .zero
    }

    /// The contracts' unpaid rent (欠缴, due by the period's end: each row's `arrears`) and its overdue part (逾期, past
    /// the grace period: `overdueRent`), summed over the rows: the page's 合计 line, the notice and `publish`'s summary.
    public var rentUnpaid: (due: Amount, overdue: Amount) {
        var out = (due: Amount.zero, overdue: Amount.zero)
        for k in contracts { out.due += k.arrears; out.overdue += overdueRent(ofContract: k.id) }
        return out
    }

    /// Every record the content cites, sorted, each once.
    public var recordSeqs: [Int64] {
        var seqs = Set(community.source.seqs)
        for fund in funds {
            for m in fund.movements { seqs.formUnion(m.source.seqs); if let name = m.otherFund?.seq { seqs.insert(name) } }
        }
        for c in contracts {
            seqs.formUnion(c.source.seqs)
            for p in c.payments { seqs.formUnion(p.seqs) }
            for part in c.parts { if let name = part.seq { seqs.insert(name) } }
        }
        for d in decisions { seqs.formUnion(d.source.seqs) }
        for f in findings { seqs.formUnion(f.finding.evidence.map(\.seq)) }
        for c in corrections { seqs.formUnion(c.seqs) }
        return seqs.sorted()
    }

    /// Every commitment a checked cell shows (the counterparties of movements and contracts), sorted, each once:
    /// the openings a page that reveals persons embeds.
    public var shownCommitments: [PersonalCommitment] {
        var out = Set<PersonalCommitment>()
        for fund in funds { for m in fund.movements { if let c = m.counterparty.commitment { out.insert(c) } } }
        for c in contracts { if let commitment = c.counterparty.commitment { out.insert(commitment) } }
        return out.sorted()
    }

    /// Reads the content for `communityID` over `period` from a projection taken as of the period's last day, and
    /// from `records`, those it was made from, the corrected money as first recorded (a voided record is no fact of
    /// the projection). Returns nil when the community does not exist in the projection.
    public init?(projection: Projection, records: [Record], communityID: String, period: DayRange, policy: Policy = Policy()) {
        precondition(projection.asOf == period.last, "the projection is taken as of the period's last day")
        guard let community = projection.communities[communityID] else { return nil }
        // A replacement's evidence is its correction; the corrected record is found through the facts.
        var replaced: [Int64: Int64] = [:]
        for fact in projection.facts { if let original = fact.replaces { replaced[fact.evidence.seq] = original.seq } }
        func source(_ evidence: Evidence) -> Source { Source(seq: evidence.seq, replaces: replaced[evidence.seq]) }
        // The records as the log holds them, seq 1 first.
        func record(_ seq: Int64) -> Record? {
            let index = Int(seq - 1)
            if records.indices.contains(index) && records[index].seq == seq { return records[index] }
            return records.first { $0.seq == seq }
        }
        // A record's payload as in effect: a correction's replacement, or the record's own.
        func payload(_ seq: Int64) -> DomainEvent? {
            guard let record = record(seq), case .domain(let payload) = record.payload else { return nil }
            if case .correction(let correction) = payload { return correction.replacement?.payload }
            return payload
        }
        // A part named by the record that gave it its name as of the period's end (its last renaming, else its
        // registration), when that record names it so; a fund by its opening's account.
        func partNamed(_ id: String) -> Named {
            guard let asset = projection.assets[id] else { return Named(id: id, name: nil, seq: nil) }
            let seq = (asset.updates.last { $0.changes.name != nil }?.evidence ?? asset.evidence).seq
            switch payload(seq) {
            case .assetRegistered(let p)? where p.assetID == id && p.name == asset.name: return Named(id: id, name: p.name, seq: seq)
            case .assetUpdated(let p)? where p.assetID == id && p.changes.name == asset.name: return Named(id: id, name: asset.name, seq: seq)
            default: return Named(id: id, name: nil, seq: nil)
            }
        }
        func fundNamed(_ id: String) -> Named {
            guard let fund = projection.funds[id], case .fundOpened(let p)? = payload(fund.evidence.seq), p.fundID == id,
                  p.account == fund.account else { return Named(id: id, name: nil, seq: nil) }
            return Named(id: id, name: fund.account, seq: fund.evidence.seq)
        }
        // The correction in effect of a contract or decision (the fact's evidence) and its reason.
        var reasons: [Int64: String] = [:]
        for applied in projection.corrections { reasons[applied.evidence.seq] = applied.reason }
        func mark(_ source: Source, passedBefore: (DomainEvent) -> Bool? = { _ in nil }) -> CorrectedMark? {
            guard let original = source.replaces, let reason = reasons[source.seq] else { return nil }
            let before: Bool?
            if let record = record(original), case .domain(let payload) = record.payload { before = passedBefore(payload) } else { before = nil }
            return CorrectedMark(seq: source.seq, reason: reason, passedBefore: before)
        }

        self.community = CommunityRow(id: community.id, name: community.name, street: community.street,
                                      residentsCommittee: community.residentsCommittee, totalArea: community.totalArea,
                                      totalOwners: community.totalOwners, source: source(community.evidence))
        self.period = period

        funds = community.fundIDs.sorted().compactMap { id -> FundSection? in
            guard let fund = projection.funds[id] else { return nil }
            let summary = projection.summary(ofFund: id, period: period)
            let rows = projection.movements(ofFund: id).map { m in
                MovementRow(source: source(m.evidence), kind: m.kind, fundID: id, date: m.date, amount: m.amount,
                            counterparty: m.counterparty, voucher: m.voucher, purpose: m.purpose ?? (m.kind == .income ? m.category : nil),
                            inPeriod: m.date >= period.first, otherFund: m.otherFundID.map(fundNamed))
            }
            return FundSection(id: id, kind: fund.kind, account: fund.account, opening: summary.opening, income: summary.income,
                               spending: summary.spending, transfersIn: summary.transfersIn, transfersOut: summary.transfersOut,
                               movements: rows)
        }

        contracts = community.contractIDs.sorted().compactMap { id -> ContractRow? in
            guard let view = projection.view(ofContract: id) else { return nil }
            let contract = view.contract
            var inPeriod = Amount.zero
            // As `received` counts: only rent that reached a fund of this community (CON-07).
            for (payment, counted) in zip(view.payments, view.counted) where counted && payment.date >= period.first { inPeriod += payment.amount }
            // Listed when in force at some time during the period (began on or before its end, ended on or after its
            // start); used under it after its end during the period (that use owes rent, CON-06, which `expected`
            // counts); owing rent at the period's end, though it ended before (the notice's arrears total must agree
            // with `contracts` and CON-07, review 37b #1); or paid rent during the period (so that every rent receipt
            // of the period belongs to a contract row).
            let inForce = contract.terms.startOn <= period.last && contract.lastDay >= period.first
            let usedAfterEnd = projection.daysUsedAfterEnd(contract).ranges.last.map { $0.last >= period.first } ?? false
            guard inForce || usedAfterEnd || view.arrears > .zero || inPeriod > .zero else { return nil }
            let decision = contract.terms.decisionID.map { id -> DecisionStanding in
                guard projection.decisions[id] != nil else { return .notRecorded }
                switch projection.vote(of: contract) {
                case .passed: return .passed
                case .ratifiedAfterSigning: return .ratified
                case .notPassed, .unknown, .none: return .failed
                case let vote: return .insufficient(vote)
                }
            }
            let main = source(contract.evidence)
            return ContractRow(id: id, source: main, counterparty: contract.terms.counterparty,
                               assetIDs: contract.terms.assetIDs, parts: contract.terms.assetIDs.map(partNamed), corrected: mark(main),
                               purpose: contract.terms.purpose, startOn: contract.terms.startOn,
                               endOn: contract.terms.endOn, rent: contract.terms.rent, rentPeriod: contract.terms.rentPeriod,
                               status: view.status, decisionID: contract.terms.decisionID, decision: decision,
                               expected: view.rentExpected, afterEnd: view.rentAfterEnd, endedEarly: contract.endedEarly,
                               terminatedOn: contract.terminated?.date,
                               // The payments `received` counts, so that the page's sum of them is that figure.
                               payments: zip(view.payments, view.counted).filter(\.1).map { source($0.0.evidence) },
                               received: view.rentReceived, receivedInPeriod: inPeriod, arrears: view.arrears,
                               paidAhead: view.paidAhead, overpaid: view.overpaid)
        }

        decisions = community.decisionIDs.compactMap { projection.view(ofDecision: $0) }
            .sorted { ($0.decision.decidedOn, $0.decision.id) < ($1.decision.decidedOn, $1.decision.id) }
            .map { view in
                let terms = view.decision.terms, main = source(view.decision.evidence)
                // The vote as first recorded, judged against this community's totals as the page judges it.
                let before = mark(main) { payload in
                    guard case .decisionRecorded(let first) = payload else { return nil }
                    return DecisionValidity(vote: first, totalArea: community.totalArea, totalOwners: community.totalOwners).passed
                }
                return DecisionRow(id: view.decision.id, source: main, date: view.decision.decidedOn,
                                   matter: terms.matter, participatingArea: terms.participatingArea,
                                   participatingOwners: terms.participatingOwners, approvingArea: terms.approvingArea,
                                   approvingOwners: terms.approvingOwners, passed: view.validity?.passed ?? false,
                                   cap: view.cap, spent: view.spent, corrected: before)
            }

        // Each correction of money of the community's funds (as first recorded, or as replaced) dated up to the
        // period's end: the movements listed are those, so their corrections are.
        let wanted = Set(projection.corrections.flatMap { [$0.corrected.seq, $0.evidence.seq] })
        var bySeq: [Int64: Record] = [:]
        for record in records where wanted.contains(record.seq) { bySeq[record.seq] = record }
        let fundIDs = Set(community.fundIDs)
        // A later correction of the same record replaces an earlier one (ledger-spec.md 7): the last one is in effect.
        var lastCorrection: [Int64: Int64] = [:]
        for applied in projection.corrections { lastCorrection[applied.corrected.seq] = max(lastCorrection[applied.corrected.seq] ?? 0, applied.evidence.seq) }
        corrections = projection.corrections.compactMap { applied -> CorrectionRow? in
            guard let original = bySeq[applied.corrected.seq], case .domain(let payload) = original.payload,
                  let money = CorrectionRow.money(payload),
                  let record = bySeq[applied.evidence.seq], case .domain(.correction(let correction)) = record.payload else { return nil }
            let replaced = correction.replacement.flatMap { r in CorrectionRow.money(r.payload).map { (r.occurredOn, $0) } }
            let ours = money.funds.contains(where: fundIDs.contains) || (replaced?.1.funds.contains(where: fundIDs.contains) ?? false)
            guard ours, original.occurredOn <= period.last || (replaced.map { $0.0 <= period.last } ?? false) else { return nil }
            let last = lastCorrection[applied.corrected.seq] ?? applied.evidence.seq
            return CorrectionRow(source: Source(seq: applied.evidence.seq, replaces: applied.corrected.seq), date: applied.occurredOn,
                                 original: payload, originalDate: original.occurredOn,
                                 replacement: replaced.map { (date: $0.0, amount: $0.1.amount, funds: $0.1.funds) }, reason: applied.reason,
                                 supersededBy: last == applied.evidence.seq ? nil : last)
        }

        rentGraceDays = policy.rentGraceDays
        let rectification = Rectifier.check(projection, scope: RectificationScope(asOf: period.last, communityID: communityID), policy: policy)
        // Open findings only: a lapse already remedied, ratified or ended is not 待整改.
        findings = rectification.findings.filter(\.isOpen).map { FindingRow(finding: $0) }
    }
}
