/// Ids that Excel changed by dropping their leading zeros: a bank's transaction id `0000123456` (or a voucher number)
/// saved from a column not formatted as text comes back as `123456`, and would then name a second, new line.
enum LeadingZeros {
    /// Whether `a` and `b` are both all ASCII digits and equal once their leading zeros are removed
    /// (`0000123456` and `123456`; `0` and `000`).
    static func sameDigitsIgnoringLeadingZeros(_ a: String, _ b: String) -> Bool {
        func allDigits(_ text: String) -> Bool { !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
        guard allDigits(a), allDigits(b) else { return false }
        return a.utf8.drop { $0 == 0x30 }.elementsEqual(b.utf8.drop { $0 == 0x30 })
    }
}
