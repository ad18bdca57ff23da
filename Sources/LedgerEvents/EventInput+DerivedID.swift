import LedgerPlatform

extension EventInput {
    /// The lines of a `ledger append` input that hold events (ledger-spec.md section 8), with their line numbers in
    /// the input (from 1, every line counted): the input split at LF; a BOM at its very start, and spaces, tabs and
    /// CRs at either end of each line removed; lines left empty dropped. A last line without LF counts too.
    public static func eventLines(_ input: [UInt8]) -> [(lineNumber: Int, bytes: ArraySlice<UInt8>)] {
        var body = input[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var lines: [(lineNumber: Int, bytes: ArraySlice<UInt8>)] = []
        var lineNumber = 0
        for raw in body.split(separator: 0x0A, omittingEmptySubsequences: false) {
            lineNumber += 1
            let isLayout: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            guard let first = raw.firstIndex(where: { !isLayout($0) }), let last = raw.lastIndex(where: { !isLayout($0) }) else { continue }
            lines.append((lineNumber, raw[first...last]))
        }
        return lines
    }

    /// The normal form of an input that ids are derived from (ledger-spec.md section 5, step 4): its event lines
    /// (`eventLines`), each followed by one LF. Re-saving a file with CR LF, a BOM, blank lines, trailing spaces or
    /// without its last LF leaves it unchanged, so a retry of the "same" file is recognised.
    public static func normalisedInput(_ input: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        for line in eventLines(input) { out += line.bytes; out.append(0x0A) }
        return out
    }

    /// SHA-256 of `normalisedInput` of the input whose event lines are `lines`, without building it.
    public static func normalisedDigest(_ lines: [(lineNumber: Int, bytes: ArraySlice<UInt8>)]) -> Digest32 {
        let hasher = SHA256()
        let newline: [UInt8] = [0x0A]
        hasher.begin()
        for line in lines {
            hasher.update(line.bytes)
            hasher.update(newline)
        }
        return hasher.finish()
    }

    /// The id `ledger append` gives an event line without one (ledger-spec.md section 5, step 4): `in-`, the first
    /// 32 lower-case hex digits of the SHA-256 of the normalised input, `-`, and the event's number (its line in the
    /// normalised input: 1 for the first event line). Running the same input again — even re-saved with another
    /// layout — yields the same ids, so a retry after a lost acknowledgement is recognised as duplicates instead of
    /// being appended twice.
    public static func derivedID(inputDigest: Digest32, eventNumber: Int) -> String {
        precondition(eventNumber >= 1, "events are numbered from 1")
        return "in-" + String(inputDigest.hex.prefix(32)) + "-" + String(eventNumber)
    }
}
