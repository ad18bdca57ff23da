import LedgerChain
import LedgerEvents

/// The full history of one entity or event, record by record (`ledger show ID`).
public enum EntityHistory {
    /// Every record that is the event `id`, or mentions `id` as a string anywhere in its data, that occurred on or
    /// before `asOf`; plus every correction of such a record. In seq order, with each record's correction status
    /// as of the last record given.
    /// - Complexity: O(n · size of data).
    public static func entries(of id: String, records: [Record], asOf: CalendarDate) -> [HistoryEntry] {
        entries(of: id, records: records, corrections: EffectiveLog(records: records).corrections, asOf: asOf)
    }

    /// `entries(of:records:asOf:)` of records read with gaps (the groups `index/scopes` gives the id: every record
    /// that can be in the history, with every correction of such a record), with the corrections their effective
    /// log (a sparse one, fed the same records) applied.
    public static func entries(of id: String, records: [Record], corrections: [AppliedCorrection], asOf: CalendarDate) -> [HistoryEntry] {
        var statusBySeq: [Int64: HistoryStatus] = [:]
        // The correction of each record now in effect: a later one takes an earlier one's place (10.5).
        var latestCorrection: [Int64: Evidence] = [:]
        for correction in corrections {
            statusBySeq[correction.corrected.seq] = correction.hasReplacement ? .replaced(by: correction.evidence) : .voided(by: correction.evidence)
            statusBySeq[correction.evidence.seq] = .correction(of: correction.corrected)
            if let earlier = latestCorrection[correction.corrected.seq] {
                statusBySeq[earlier.seq] = .superseded(correctionOf: correction.corrected, by: correction.evidence)
            }
            latestCorrection[correction.corrected.seq] = correction.evidence
        }
        var included: Set<Int64> = []
        var out: [HistoryEntry] = []
        for record in records {
            var take = record.occurredOn <= asOf && (record.id == id || mentions(record, id))
            if !take, let target = statusBySeq[record.seq]?.correctedRecord, included.contains(target.seq) { take = true }
            guard take else { continue }
            included.insert(record.seq)
            out.append(HistoryEntry(record: record, status: statusBySeq[record.seq] ?? .inEffect))
        }
        return out
    }

    /// What `id` names in a projection: community, asset, fund, contract, decision, use, occupation, import or nil.
    public static func kind(of id: String, in p: Projection) -> String? {
        if p.communities[id] != nil { return "community" }
        if p.assets[id] != nil { return "asset" }
        if p.funds[id] != nil { return "fund" }
        if p.contracts[id] != nil { return "contract" }
        if p.decisions[id] != nil { return "decision" }
        if p.uses[id] != nil { return "use" }
        if p.occupations[id] != nil { return "occupation" }
        if p.imports[id] != nil { return "import" }
        return nil
    }

    /// The community an entity belongs to, when it has one.
    public static func communityID(of id: String, in p: Projection) -> String? {
        if p.communities[id] != nil { return id }
        if let a = p.assets[id] { return a.communityID }
        if let f = p.funds[id] { return f.communityID }
        if let c = p.contracts[id] { return c.terms.communityID }
        if let d = p.decisions[id] { return d.terms.communityID }
        if let u = p.uses[id] { return p.assets[u.assetID]?.communityID }
        if let o = p.occupations[id] { return p.assets[o.assetID]?.communityID }
        return p.imports[id]?.terms.communityID
    }

    /// Whether the record's data holds `id` as a string value (compared as text, by canonical equivalence). A record
    /// whose canonical bytes hold the id's string literal, as typed or in NFC, may (ids have no escapes): its data is
    /// compared. The NFC form finds an id the door wrote (every new id is in NFC, ledger-spec.md section 8) when it is
    /// typed in another form, e.g. pasted from a decomposed text. A log written before that rule may hold the id in
    /// any other form (decomposed, a compatibility ideograph), which no byte search can list; such a form holds a
    /// byte outside ASCII, so for an id outside ASCII every record with such a byte is compared as text too; an id
    /// equivalent to an ASCII one has that one as its NFC. Most records are still ruled out without walking their
    /// data. An ASCII id has other forms only through three singletons — U+212A KELVIN SIGN for K, U+037E GREEK
    /// QUESTION MARK for `;`, U+1FEF GREEK VARIA for a backquote — which NFC maps to ASCII and no writer with the
    /// door's NFC rule stores: a record holding one of them (its UTF-8 bytes) is compared as text when the id holds
    /// the character it stands for. (U+212B ANGSTROM SIGN and U+2126 OHM SIGN stand for Å and Ω, outside ASCII.)
    static func mentions(_ record: Record, _ id: String) -> Bool {
        let bytes = record.dataBytes
        for form in [id] + (EventInput.nfcForm(id).map { [$0] } ?? []) {
            var literal = [UInt8]()
            CanonicalJSON.writeString(form, to: &literal)
            if literal.count <= bytes.count,
               (0...(bytes.count - literal.count)).contains(where: { bytes[$0..<$0 + literal.count].elementsEqual(literal) }) {
                return mentions(.object(record.data), id)
            }
        }
        if id.utf8.contains(where: { $0 >= 0x80 }) {
            return bytes.contains(where: { $0 >= 0x80 }) && mentions(.object(record.data), id)
        }
        for (ascii, singleton) in asciiSingletons where id.utf8.contains(ascii) {
            if singleton.count <= bytes.count,
               (0...(bytes.count - singleton.count)).contains(where: { bytes[$0..<$0 + singleton.count].elementsEqual(singleton) }) {
                return mentions(.object(record.data), id)
            }
        }
        return false
    }

    /// The ASCII characters that have another form (canonically equivalent, so `String` equality takes the two for
    /// one), and that form's UTF-8: U+212A KELVIN SIGN (K), U+037E GREEK QUESTION MARK (`;`), U+1FEF GREEK VARIA (`).
    static let asciiSingletons: [(UInt8, [UInt8])] = [
        (UInt8(ascii: "K"), [0xE2, 0x84, 0xAA]), (UInt8(ascii: ";"), [0xCD, 0xBE]), (UInt8(ascii: "`"), [0xE1, 0xBF, 0xAF]),
    ]

    /// Whether a log written before the NFC rule (ledger-spec.md section 8) may hold `id` in another form: it holds a
    /// character outside ASCII, or one of the ASCII characters a singleton stands for (K, `;`, a backquote).
    public static func mayHaveOtherForm(_ id: String) -> Bool {
        id.utf8.contains { byte in byte >= 0x80 || asciiSingletons.contains { $0.0 == byte } }
    }

    static func mentions(_ value: JSONValue, _ id: String) -> Bool {
        switch value {
        case .string(let s): return s == id
        case .array(let items): return items.contains { mentions($0, id) }
        case .object(let members): return members.values.contains { mentions($0, id) }
        default: return false
        }
    }
}
