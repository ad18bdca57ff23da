import LedgerPlatform

/// A money movement read in the canonical member order: canonical JSON sorts an object's members, so a movement's
/// payload is one expected sequence of members (`"amount_fen":…,"category":…,…`), the optional ones present or not.
/// `fixedMovement` walks that sequence once, checking each field by the same fast branch `movement` uses (a string
/// ends at its first quote, as `JSONBytes.scanString` finds it), without locating members through the type's member table
/// (`PayloadObject`: a generic matcher whose stack frame and member search were half of the rebuild's second stage,
/// perf-rebuild21.md). Whenever the bytes are not exactly in that shape — another member, a member out of order or
/// repeated, `null`, white space, an escape, a commitment object, an emergency, an amount not written in plain
/// digits — it falls back to `movement`, so its answer is always `movement`'s (`PayloadRefsMovementTests`).
extension PayloadRefs {
    /// `movement(type, data:scratch:)`, read in the canonical member order when the bytes are in it (`scratch` is
    /// then left as it was: the ids are not collected, the funds' fold does not use them).
    public static func fixedMovement(_ type: EventType, data: ArraySlice<UInt8>, scratch: inout [Ref]) -> Movement? {
        if let fixed = canonicalMovement(type, data) { return fixed }
        return movement(type, data: data, scratch: &scratch)
    }

    /// The fixed-order reading alone: nil when `data` is not exactly in the expected shape (or not a movement the
    /// fast branches accept): the caller then asks `movement`, which decides.
    static func canonicalMovement(_ type: EventType, _ data: ArraySlice<UInt8>) -> Movement? {
        var r = FixedMembers(bytes: data, p: data.startIndex)
        var none: [Ref] = []
        switch type {
        case .fundIncome: return r.income(&none, collect: false)
        case .fundSpending: return r.spending(&none, collect: false)
        case .fundTransfer: return r.transfer(&none, collect: false)
        default: return nil
        }
    }

    /// `read(type, data:into:)`, read in the canonical member order when the bytes are in it (a money movement or an
    /// inspection, the rebuild's most common leaves); else `read` decides. Either way the answer and the ids appended
    /// are `read`'s (`PayloadRefsFixedReadTests`).
    public static func fixedRead(_ type: EventType, data: ArraySlice<UInt8>, into refs: inout [Ref]) -> Bool {
        if canonicalRead(type, data, into: &refs) { return true }
        return read(type, data: data, into: &refs)
    }

    /// The fixed-order reading of `fixedRead` alone: false (and `refs` as it was) when `data` is not exactly in the
    /// expected shape: the caller then asks `read`, which decides.
    static func canonicalRead(_ type: EventType, _ data: ArraySlice<UInt8>, into refs: inout [Ref]) -> Bool {
        var r = FixedMembers(bytes: data, p: data.startIndex)
        let count = refs.count
        let vouched: Bool
        switch type {
        case .fundIncome: vouched = r.income(&refs, collect: true) != nil
        case .fundSpending: vouched = r.spending(&refs, collect: true) != nil
        case .fundTransfer: vouched = r.transfer(&refs, collect: true) != nil
        case .inspectionRecorded: vouched = r.inspection(&refs)
        default: return false
        }
        if !vouched { refs.removeSubrange(count...) }
        return vouched
    }
}
