/// Excel reads a cell of digits as a number and saves it without its leading zeros (`00123` → `123`) unless the
/// column was formatted as text: a voucher, a bank's transaction id or an asset id re-saved so no longer equals the
/// one the ledger holds, and the row would be imported as a second payment or a second part. The importers compare
/// such ids as the digits they are, so that the damaged copy is refused naming the recorded one. In this module since
/// session 51: the stored state's look-up of a register's ids of digits (`NamedAssetIDs`) reads them the same way.
public enum LeadingZeros {
    /// `text` without its leading zeros when it is all ASCII digits and holds a non-zero digit (`00123` → `123`,
    /// `123` → `123`); nil for anything else (`A-001`, `0`, `000`, an empty text).
    public static func digits(_ text: String) -> Substring? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let first = text.firstIndex(where: { $0 != "0" }) else { return nil }
        return text[first...]
    }

    /// Whether `a` and `b` differ and are the same digits once leading zeros are removed (`00123` and `123`).
    public static func sameDigitsIgnoringLeadingZeros(_ a: String, _ b: String) -> Bool {
        guard a != b, let x = digits(a), let y = digits(b) else { return false }
        return x == y
    }
}
