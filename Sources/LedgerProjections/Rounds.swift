import LedgerChain
import LedgerEvents
import LedgerPlatform

/// A finding key's rectification rounds as the stored state keeps them.
struct Rounds: Equatable, Sendable {
    var issuers: [ReferenceChecker.Issuer] = []
    var steps: [ReferenceChecker.Step] = []
    var stepDay: Int32? = nil
    var extendDay: Int32? = nil

    static let none = Rounds()

    /// `self` (earlier records) followed by `later`.
    func merged(with later: Rounds) -> Rounds {
        Rounds(issuers: issuers + later.issuers, steps: steps + later.steps,
               stepDay: Self.max(stepDay, later.stepDay), extendDay: Self.max(extendDay, later.extendDay))
    }

    static func max(_ a: Int32?, _ b: Int32?) -> Int32? {
        guard let a else { return b }
        guard let b else { return a }
        return Swift.max(a, b)
    }
}
