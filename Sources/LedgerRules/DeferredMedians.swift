import LedgerEvents
import LedgerProjections

/// What a part of the city leaves to be judged once every street's LOW-02 values are known: the city is then folded
/// once (each part checked with its medians deferred, then finished with the whole streets' medians), not twice.
final class DeferredMedians {
    /// A part LOW-02 compares, with what its finding states.
    struct LowCandidate {
        let communityID: String
        let communityName: String
        let street: String
        let assetID: String
        let assetName: String
        let area: DecimalQuantity
        let windowFirst: CalendarDate
        let windowDays: Int
        let key: String
        let entitled: Amount
        let received: Amount
        let entitledPerArea: Ratio
        /// `RuleContext.contractLastDay`.
        let contractLastDay: CalendarDate?
        let evidence: [Evidence]
    }

    /// A part of a contract whose low income received CON-06/07 may explain (`incomeShortfallFacts`).
    struct ShortfallInput {
        let assetID: String
        let key: String
        let received: Amount
        let receivedPerArea: Ratio
        let entitledPerArea: Ratio
        /// The days of the window `received` is counted over (the fact says 近365天实收).
        let windowDays: Int
    }

    var low: [LowCandidate] = []
    /// Contract id → its parts' inputs.
    var shortfall: [String: [ShortfallInput]] = [:]
}
