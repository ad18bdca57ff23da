import LedgerEvents

/// A recorded payment's private person and a row's counterparty compared through `private/` (review 45a D2): a
/// commitment against the name written out is the same payer when the commitment opens to that name, never "another
/// counterparty" by the bytes of the two; and a commitment is never shown (its hash means nothing to a clerk).
extension FactImporter {
    /// The commitment a person field holds (`{"commitment": "<64 hex>"}`), if it holds one.
    static func commitment(_ value: JSONValue?) -> PersonalCommitment? {
        if case .object(let members)? = value, let hex = members["commitment"]?.stringValue { return PersonalCommitment(hex: hex) }
        return nil
    }

    /// Whether two values of a person field name one payer: equal as written, or, where either is a private person's
    /// commitment, one name by `PayerName` once `opened` opens it. `opened` nil, or a commitment that opens to nothing
    /// (erased): as written.
    static func samePayer(_ old: JSONValue?, _ new: JSONValue?, opened: ((PersonalCommitment) -> String?)?) -> Bool {
        if old == new { return true }
        guard let opened, commitment(old) != nil || commitment(new) != nil else { return false }
        func name(_ value: JSONValue?) -> String? {
            if let c = commitment(value) { return opened(c).map(PayerName.key) }
            return value?.stringValue.map(PayerName.key)
        }
        guard let a = name(old), let b = name(new) else { return false }
        return a == b
    }

    /// A person field's change in words: a private person's side said as such (never its commitment), and when both
    /// sides are one payer (`samePayer`), said so.
    static func changedPersonField(_ key: String, old: JSONValue?, new: JSONValue?, samePerson: Bool) -> Wording {
        func shown(_ value: JSONValue?) -> Wording? {
            guard let value else { return nil }
            if commitment(value) != nil { return ImportWords.privatePersonValue }
            let text = DisplayText.visible(CanonicalJSON.string(value))
            return Wording(en: text, zh: text)
        }
        return ImportWords.changedPersonField(key, old: shown(old), new: shown(new), samePerson: samePerson)
    }
    /// The fields of `kept.committed` (the record keeps a private person, the row writes a name) whose commitment
    /// opens to nothing: the person was erased (review 47c #7: advice to import with `--private` as before would
    /// record the erased name again). `opened` nil: none can be told.
    /// Also a field the row commits again (`--private` as before, review 48 #2): the record's commitment opens to
    /// nothing and the row's is another (a new salt; the erased value cannot be compared), so the general advice —
    /// record a correction, import as before — would record the erased person again too.
    static func erasedFields(_ kept: ImportWords.PrivateDifferences, old: [String: JSONValue], new: [String: JSONValue] = [:],
                             opened: ((PersonalCommitment) -> String?)?) -> [String] {
        guard let opened else { return [] }
        let inClear = kept.committed.filter { field in commitment(old[field]).map { opened($0) == nil } ?? false }
        let again = Set(old.keys).intersection(new.keys).sorted().filter { field in
            guard let before = commitment(old[field]), let now = commitment(new[field]), before != now else { return false }
            return opened(before) == nil
        }
        return (inClear + again).sorted()
    }
}
