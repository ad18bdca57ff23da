/// The writer's door rule for ids (ledger-spec.md section 4, "Ids in Unicode NFC"): an id a person writes —
/// an input line's `id`, every entity id and reference its payload names, a CSV cell that becomes one — must be in
/// Unicode Normalization Form C.
///
/// Why: the log compares ids by their bytes (the id index, `verify`), but Swift's `String` equality is canonical
/// equivalence, so `A-Å` (U+00C5) and `A-A` + U+030A are two ids to the log and one to the projections (which
/// would warn "duplicate asset" and show one). Refusing the decomposed form where ids come in keeps the two views
/// the same. It is a rule of the door, not of the record format: `idFault` (which `RecordLineScanner` applies when
/// `verify` reads a record) does not check it, so a log written before the rule, holding such ids, still verifies.
extension EventInput {
    /// `id` in NFC when it is not in NFC already; nil when it is (always for ASCII, checked without a look-up).
    public static func nfcForm(_ id: String) -> String? {
        // ASCII is the usual id and is its own NFC.
        if id.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        // The standard library's NFC: the very normalisation `String ==` compares by, so the door refuses exactly
        // the ids the projections would take for another.
        let nfc = id._nfcCodeUnits
        if nfc.elementsEqual(id.utf8) { return nil }
        return String(decoding: nfc, as: UTF8.self)
    }

    /// Why `id` may not be written at the door, or nil: the rules of `idFault`, then no invisible character
    /// (`.invisible`: bidi controls U+202A–U+202E, U+2066–U+2069, U+200E, U+200F among them), no replacement,
    /// object or private-use character (`.standIn`), no combining mark first (`.startsWithMark`), no full-width
    /// ASCII form (`.fullWidth`), then Unicode NFC (`.notNFC`).
    public static func doorIDFault(_ id: String) -> IDFault? {
        if let fault = idFault(id) { return fault }
        if id.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        if let scalar = id.unicodeScalars.first(where: DisplayText.isInvisible) { return .invisible(scalar) }
        if let scalar = id.unicodeScalars.first(where: isStandIn) { return .standIn(scalar) }
        if let first = id.unicodeScalars.first, isCombiningMark(first) { return .startsWithMark(first) }
        if let ascii = fullWidthASCII(id) { return .fullWidth(written: id, ascii: ascii) }
        return nfcForm(id).map { IDFault.notNFC(written: id, nfc: $0) }
    }

    /// A character that stands in for something else rather than being text: U+FFFC OBJECT REPLACEMENT CHARACTER
    /// (a picture or object pasted from a document), U+FFFD REPLACEMENT CHARACTER (bytes a program could not read
    /// as text) and the private-use characters (U+E000–U+F8FF and planes 15–16: no meaning of their own, shown
    /// differently or not at all from one font to the next).
    public static func isStandIn(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value == 0xFFFC || value == 0xFFFD { return true }
        return (0xE000...0xF8FF).contains(value) || value >= 0xF0000
    }

    /// A combining mark (Unicode Mn, Mc, Me: U+0301 COMBINING ACUTE ACCENT…): it belongs on the character before it.
    public static func isCombiningMark(_ scalar: Unicode.Scalar) -> Bool {
        // ASCII and CJK ideographs, the usual first characters, are none.
        if scalar.value < 0x300 || (0x4E00...0x9FFF).contains(scalar.value) { return false }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return false
        }
    }

    /// A character an actor may not hold at the door (`actorDoorProblemWording`), beside control characters: a bidi
    /// control (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which reorders the text around it on screen,
    /// so that who recorded an event reads as someone else; or a replacement, object or private-use character
    /// (`isStandIn`).
    public static func isHiddenInActor(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return scalar.value >= 0x80 && isStandIn(scalar)
        }
    }

    /// `text` with its full-width ASCII forms (U+FF01–U+FF5E, `Ａ－１`, as a Chinese input method types them) made
    /// ASCII (`A-1`); nil when it has none. They are NFC already (only compatibility normalisation maps them), so
    /// without this rule `Ａ－ＨＹ－Ｐ０１` would be a second id beside `A-HY-P01`, counted twice in every total.
    public static func fullWidthASCII(_ text: String) -> String? {
        guard text.unicodeScalars.contains(where: { $0.value >= 0xFF01 && $0.value <= 0xFF5E }) else { return nil }
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value >= 0xFF01, scalar.value <= 0xFF5E, let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                out.unicodeScalars.append(ascii)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `doorIDFault` as a message naming the id, in both languages.
    public static func doorIDProblemWording(_ id: String) -> Wording? { doorIDFault(id).map { EventWords.idProblem(id, $0) } }

    /// The code points where `written` and `nfc` differ (their common start and end left out), each as `U+XXXX`.
    /// - Returns: the written ones and the NFC ones, each at most `shownMax` (then `…`).
    static func differingCodePoints(_ written: String, _ nfc: String, shownMax: Int = 8) -> (written: String, nfc: String) {
        let a = Array(written.unicodeScalars), b = Array(nfc.unicodeScalars)
        var head = 0
        while head < a.count, head < b.count, a[head] == b[head] { head += 1 }
        var tail = 0
        while tail < a.count - head, tail < b.count - head, a[a.count - 1 - tail] == b[b.count - 1 - tail] { tail += 1 }
        func shown(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
            var parts = scalars.prefix(shownMax).map { scalar -> String in
                let hex = String(scalar.value, radix: 16, uppercase: true)
                return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            }
            if scalars.count > shownMax { parts.append("…") }
            return parts.joined(separator: " ")
        }
        return (shown(a[head..<(a.count - tail)]), shown(b[head..<(b.count - tail)]))
    }

    /// The member holding the id each registering type introduces (`introduces: true` in PayloadSchemas.swift),
    /// the one the door holds to NFC.
    public static let introducedIDMember: [EventType: String] = [
        .communityRegistered: "community_id", .assetRegistered: "asset_id", .registerImported: "import_id",
        .fundOpened: "fund_id", .decisionRecorded: "decision_id", .contractSigned: "contract_id", .useStarted: "use_id",
        .occupationReported: "occupation_id",
    ]

    /// The id a correction's replacement introduces when it breaks a rule of the door only (not in NFC, or
    /// holding an invisible character) and is otherwise a well-formed id, with its field
    /// (`data.replacement.data.asset_id`) and the replacement's type; nil for any other event.
    ///
    /// Such a replacement fixes a registration that a log written before the door's rules made under such an id
    /// (ledger-spec.md section 8): keeping that id, byte for byte, it names the entity the log holds — a
    /// reference, not an introduction — and may be written. Any other id it introduces is held to the rules. The
    /// door (`parseAll`) lets this one id pass; `ledger append` compares it with the corrected record's, under the lock.
    public static func replacementIDOutsideDoorRules(type: String, data: JSONValue) -> (field: String, id: String, type: EventType, member: String)? {
        guard type == EventType.correction.rawValue, case .object(let members) = data,
              case .object(let replacement)? = members["replacement"],
              let replacedType = replacement["type"]?.stringValue.flatMap(EventType.init(rawValue:)),
              let member = introducedIDMember[replacedType],
              case .object(let payload)? = replacement["data"], let id = payload[member]?.stringValue,
              idFault(id) == nil, doorIDFault(id) != nil else { return nil }
        return ("data.replacement.data." + member, id, replacedType, member)
    }
}
