import LedgerChain
import LedgerEvents
import LedgerPlatform

/// One fund-related fact as the fold reads it: integers only (interned ids, fen, day numbers). `detail` indexes what
/// the output is built from, kept beside the rows: a typed payload and evidence (≥ 0), or the record's bytes
/// (< 0, `FundFold.detail(_:)` decodes them).
public struct FactRow: Sendable {
    public enum Kind: UInt8, Sendable {
        case community, fundOpened, income, spending, transfer, balanceAsserted
    }

    public var kind: Kind
    /// Business date as a day number.
    public var day: Int32
    /// Seq of the original record (orders the facts of one day).
    public var position: Int64
    /// Community (`community`), fund (`fundOpened`, `income`, `spending`, `balanceAsserted`), source fund (`transfer`).
    public var subject: Int32
    /// The fund's community (`fundOpened`), the receiving fund (`transfer`), else -1.
    public var other: Int32
    public var amountFen: Int64
    /// Index into the fold's details (≥ 0) or, bitwise negated, into its rows read from bytes (< 0).
    public var detail: Int32
    /// The category of income (its `category`) or spending (its `purpose_category`, "other" when absent), interned in
    /// `FundFold.categories`; else -1.
    public var category: Int32 = -1
}
