import LedgerEvents
import LedgerProjections

/// What a finding's legal basis depends on, besides its rule: the kind of fund, or a part with rules of its own.
public enum BasisSubject: Hashable, Sendable {
    case general
    case fund(FundKind)
    /// Property-service premises (物业服务用房), whose use the manager must not change ([PMR] 37, [QD] 61(2)).
    case propertyServicePremises
}
