import LedgerPlatform

extension EventInput {
    /// The id `ledger append` gives an event line without one (ledger-spec.md section 5, step 4): `in-`, the first
    /// 32 lower-case hex digits of the SHA-256 of the whole input as read, `-`, and the line number (from 1, every
    /// line counted). Running the same input again yields the same ids, so a retry after a lost acknowledgement is
    /// recognised as duplicates instead of being appended twice.
    public static func derivedID(inputDigest: Digest32, lineNumber: Int) -> String {
        precondition(lineNumber >= 1, "line numbers start at 1")
        return "in-" + String(inputDigest.hex.prefix(32)) + "-" + String(lineNumber)
    }
}
