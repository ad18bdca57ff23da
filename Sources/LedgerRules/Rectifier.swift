import LedgerChain
import LedgerEvents
import LedgerProjections

/// Runs every rectification rule over a projection and returns the sorted list.
public enum Rectifier {
    /// Checks the ledger as of `scope.asOf`.
    /// - Parameters:
    ///   - projection: the ledger projected as of the scope's date (`Projection(records:asOf:)`); facts after
    ///     that date are not in it, so they cannot produce findings.
    ///   - scope: date, street, community and classes to report.
    ///   - policy: thresholds in force.
    /// - Returns: findings in report order, with totals per class and per community.
    /// - Complexity: O(n log n) in the facts of the projection, plus O(a²) per street and kind for the
    ///   income benchmark (a = assets of one kind in one street).
    public static func check(_ projection: Projection, scope: RectificationScope, policy: Policy) -> Rectification {
        precondition(projection.asOf == scope.asOf, "the projection is taken as of the check date")
        var context = RuleContext(projection: projection, policy: policy, scope: scope)
        // LOW-02 compares incomes, and CON-06/07 say when unpaid rent explains a low one.
        if scope.includes(.lowEfficiency) || scope.includes(.contract) { context.benchmark = context.incomeBenchmark().benchmark }
        let (findings, communities, background) = context.allFindings()
        return Rectification(scope: scope, policy: policy, communities: communities, findings: findings, background: background)
    }

    /// The entitled income per m² of every part LOW-02 compares in `projection`, by group (street and kind): what a
    /// whole-city list gathers part by part before any finding is made, so each part of the city is checked against
    /// the medians of whole streets (`check(_:scope:policy:streetValues:)`). A part of the city folded with its groups
    /// (`ScopeIndex`) gives its own parts' values exactly; parts of no registered community give none.
    public static func incomeValues(_ projection: Projection, policy: Policy) -> [String: [Ratio]] {
        let context = RuleContext(projection: projection, policy: policy, scope: RectificationScope(asOf: projection.asOf))
        return context.incomeBenchmark().values
    }

    /// What one part of the city contributes to a whole-city list (`Rectification.init` sorts, numbers and links
    /// the findings of every part together).
    public struct Part: Sendable {
        /// The part's findings, in no particular order.
        public let findings: [Finding]
        /// Its communities as (id, name, street).
        public let communities: [(id: String, name: String, street: String)]
        /// Its background records (see `Rectification.init`).
        public let background: Set<Int64>
    }

    /// Checks one part of the city (`projection` folded from a group of communities, `ScopeIndex`) with LOW-02's
    /// street medians taken from `streetValues`, every part's `incomeValues` put together: the findings are those the
    /// whole city's projection gives for the part's communities.
    public static func check(_ projection: Projection, scope: RectificationScope, policy: Policy,
                             streetValues: [String: [Ratio]]) -> Part {
        precondition(projection.asOf == scope.asOf, "the projection is taken as of the check date")
        var context = RuleContext(projection: projection, policy: policy, scope: scope)
        if scope.includes(.lowEfficiency) || scope.includes(.contract) {
            context.benchmark = IncomeBenchmark(entries: context.incomeBenchmark().benchmark.entries, groups: IncomeBenchmark.groups(streetValues))
        }
        let (findings, communities, background) = context.allFindings()
        return Part(findings: findings, communities: communities, background: background)
    }

    /// Projects `records` as of the scope's date and checks them.
    public static func check(records: [Record], scope: RectificationScope, policy: Policy) -> Rectification {
        check(Projection(records: records, asOf: scope.asOf), scope: scope, policy: policy)
    }
}
