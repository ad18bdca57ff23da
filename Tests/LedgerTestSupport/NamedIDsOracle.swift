import LedgerPlatform

/// The spellings `ledger import assets` named for the stored state's look-up up to session 50, kept as the oracle of
/// `NamedAssetIDs` (session 51, review of import50 #1): a row's id as written, in ASCII upper and lower case, and an
/// id of digits in every spelling `RegisterImporter.zeroVariants` gave — a set of strings, up to fourteen for an id of
/// seven digits.
public enum NamedIDsOracle {
    /// The longest id of digits compared without its leading zeros (`RegisterImporter.zeroTwinLength` in session 50).
    public static let zeroTwinLength = 20

    /// Session 50's `RegisterImporter.zeroVariants`, as it was (`LeadingZeros.digits` written out): the same id
    /// written with up to `zeroTwinLength` digits in all (`7` → `07` … `00000000000000000007`; `007` → `7`, `07`, …).
    public static func zeroVariants(_ id: String) -> [String] {
        guard !id.isEmpty, id.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let first = id.firstIndex(where: { $0 != "0" }) else { return [] }
        let digits = id[first...]
        var out: [String] = []
        var padded = String(digits)
        while padded.utf8.count <= zeroTwinLength {
            if padded != id { out.append(padded) }
            padded = "0" + padded
        }
        return out
    }

    /// What session 50's `RegisterImporter.add` inserted into `namedAssetIDs` for a row whose id `id` has no fault of
    /// the record format's rule of ids: the id, its other ASCII case spellings, and its `zeroVariants` when it begins
    /// with a digit.
    public static func spellings(ofRowID id: String) -> [String] {
        var out = [id]
        let upper = Bytes.asciiCase(id, upper: true), lower = Bytes.asciiCase(id, upper: false)
        if upper != id { out.append(upper) }
        if lower != id { out.append(lower) }
        if id.utf8.first.map({ $0 >= 0x30 && $0 <= 0x39 }) == true { out += zeroVariants(id) }
        return out
    }

    /// Session 50's `CheckState.AbsentAssets.contains` of a set of spellings: whether `id`, byte for byte, is a member
    /// (a `Set<String>` finds a canonically equivalent one too).
    public static func containsExactly(_ set: Set<String>, _ id: String) -> Bool {
        guard let index = set.firstIndex(of: id) else { return false }
        return Bytes.sameUTF8(set[index], id)
    }
}
