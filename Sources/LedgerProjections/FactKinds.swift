import LedgerEvents

/// Counts of payloads by the entities and lists they make (`ProjectionFold.reserve(_:)`).
struct FactKinds {
    var communities = 0, assets = 0, funds = 0, contracts = 0, decisions = 0, uses = 0, occupations = 0
    var inspections = 0, movements = 0

    /// Counts `event` (its case only). `EffectiveLog.factPlan` counts the records' payloads by the same cases in its
    /// own switch, matched where they lie (a payload handed here from a record was retained and released): a case
    /// added here must be added there too (`EffectiveFactsTests.planCountsEveryKindAsFactKindsDoes`).
    @inline(__always)
    mutating func add(_ event: DomainEvent) {
        switch event {
        case .communityRegistered: communities += 1
        case .assetRegistered: assets += 1
        case .fundOpened: funds += 1
        case .contractSigned: contracts += 1
        case .decisionRecorded: decisions += 1
        case .useStarted: uses += 1
        case .occupationReported: occupations += 1
        case .inspectionRecorded: inspections += 1
        case .fundIncome, .fundSpending: movements += 1
        case .fundTransfer: movements += 2
        default: break
        }
    }
}
