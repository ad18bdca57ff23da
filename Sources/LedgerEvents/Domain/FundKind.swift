/// Kinds of fund: public income 公共收益, maintenance fund 专项维修资金, governance funds, other.
public enum FundKind: String, CaseIterable, Sendable {
    case public_income, maintenance, governance, other
}
