import LedgerEvents

/// What a finding key names besides its item (ledger-spec.md 13.1, `RULE/ITEM/SUBJECT…/SINCE`), checked at `ledger
/// append` (10.4 rule 13; review 44a #2): a key whose subject id no record of the list's ledger holds — a spending's
/// event id or an occupation's id edited by hand — names a problem no list found, and stood 待复核 for ever.
extension Registers {
    /// What a subject id of a key names, by the key's rule.
    enum IssuedSubject {
        /// The event id of a record of one of these types (`FundMovement.recordID`: the original record's).
        case record(types: Set<String>, what: Wording)
        /// An entity of this kind (an occupation, a use, the earlier of two contracts, a part under warranty).
        case entity(Kind)
        /// OCC-02: a use, or the inspection that saw the part in use.
        case useOrInspection
    }

    static let movementTypes: Set<String> = ["fund.spending", "fund.transfer", "fund.income"]
    static let movementWords = Wording(en: "spending, transfer or income", zh: "支出、划转或收入")

    /// The subjects of a dated key of `rule` with `count` subject ids, in order; nil for a rule whose keys name none
    /// that can be looked up (FUND-08's `gap`, the undated rules).
    static func issuedSubjects(rule: String, count: Int) -> [IssuedSubject]? {
        let movement = IssuedSubject.record(types: movementTypes, what: movementWords)
        switch (rule, count) {
        case ("OCC-01", 1): return [.entity(.occupation)]
        case ("OCC-02", 1): return [.useOrInspection]
        case ("CON-06", 1): return [.entity(.use)]
        case ("CON-08", 1): return [.entity(.contract)]
        case ("FUND-01", 1), ("FUND-02", 1), ("FUND-03", 1), ("FUND-04", 1), ("FUND-05", 1), ("FUND-09", 1), ("FUND-10", 1):
            return [movement]
        case ("FUND-05", 2): return [movement, .entity(.asset)]
        default: return nil
        }
    }

    /// The reason `key` of list `list` is refused for an id it names besides its item, nil when each is a record or
    /// entity of the ledger the list was made from (records 1…`at_seq`). `lookup` finds a record by event id. A key
    /// whose last part is no date (a form no release made) is left to the other checks.
    func issuedSubjectProblem(_ key: String, of list: RectificationIssued,
                              lookup: (String) throws -> (seq: Int64, type: String)?,
                              label: (Int64) -> FactPlace) -> Wording? {
        var parts = key.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 4 else { return nil }
        // `#2` follows the date of a second finding sharing the key (13.1).
        var last = parts.removeLast()
        if let hash = last.firstIndex(of: "#") { last = String(last[..<hash]) }
        guard CalendarDate(iso: last) != nil else { return nil }
        let rule = parts[0]
        // An id may hold "/" (the door allows it), so the parts between the rule and the date may be read as the
        // item and its ids more than one way: a key is refused only when no reading names what the list was made
        // from (review 45d #5: `rectify --issue`'s own key of spending `2025/S-1` was refused); the plain reading,
        // one part an id, is tried first and words the refusal.
        var refusal: Wording?
        for ids in Self.issuedReadings(Array(parts[1...])) {
            guard let subjects = Self.issuedSubjects(rule: rule, count: ids.count) else { continue }
            guard let problem = issuedSubjectProblem(key, rule: rule, ids: ids, subjects: subjects, of: list, lookup: lookup, label: label) else {
                return nil
            }
            if refusal == nil { refusal = problem }
        }
        return refusal
    }

    /// The ways to read `parts` (the item's, then its subjects', split at "/") as the item and its ids, each a run
    /// of parts joined by "/", made one at a time (the plain reading, one part each, first, nearly always decides).
    /// Keys of more than 10 parts are read plainly only.
    static func issuedReadings(_ parts: [String]) -> IssuedReadings { IssuedReadings(parts: parts) }

    /// `issuedReadings`: where the item ends, then where each id ends, a bit per gap between the subjects' parts
    /// (set: the gap joins them).
    struct IssuedReadings: Sequence, IteratorProtocol {
        let parts: [String]
        private var itemEnd = 1, mask = 0

        init(parts: [String]) { self.parts = parts }

        mutating func next() -> [String]? {
            guard parts.count >= 2, itemEnd < parts.count, parts.count <= 10 || (itemEnd == 1 && mask == 0) else { return nil }
            var ids: [String] = [parts[itemEnd]]
            for index in itemEnd + 1..<parts.count {
                if mask & (1 << (index - itemEnd - 1)) != 0 { ids[ids.count - 1] += "/" + parts[index] } else { ids.append(parts[index]) }
            }
            mask += 1
            if parts.count > 10 || mask == 1 << (parts.count - itemEnd - 1) { (itemEnd, mask) = (itemEnd + 1, 0) }
            return ids
        }
    }

    /// The ways to read a key's item (10.4 rule 8), as `issuedReadings` reads its parts: its second part, then that
    /// joined by "/" with each following part up to the date (a dated key, `RULE/ITEM/…/SINCE`) or the end. Made one
    /// at a time: the plain reading nearly always decides.
    static func itemReadings(_ key: String) -> some Sequence<String> {
        let parts = key.split(separator: "/", omittingEmptySubsequences: false)
        var last = parts.last ?? ""
        if let hash = last.firstIndex(of: "#") { last = last[..<hash] }
        let end = parts.count >= 3 && CalendarDate(iso: String(last)) != nil ? parts.count - 1 : parts.count
        return (2..<max(2, end + 1)).lazy.map { parts[1..<$0].joined(separator: "/") }
    }

    private func issuedSubjectProblem(_ key: String, rule: String, ids: [String], subjects: [IssuedSubject], of list: RectificationIssued,
                                      lookup: (String) throws -> (seq: Int64, type: String)?,
                                      label: (Int64) -> FactPlace) -> Wording? {
        for (id, subject) in zip(ids, subjects) {
            switch subject {
            case .record(let types, let what):
                let found: ReferenceWords.SubjectFound
                let record: (seq: Int64, type: String)?
                do { record = try lookup(id) } catch { continue }  // the index unreadable: not told here
                if let record, record.seq <= list.atSeq, types.contains(record.type) { continue }
                if let record {
                    found = types.contains(record.type) ? .after(.record(seq: record.seq)) : .otherType(record.type, seq: record.seq)
                } else {
                    found = .nothing
                }
                return ReferenceWords.issuedSubjectUnknown(key, list: list.listID, rule: rule, id: id, names: .record(what), found: found,
                                                           atSeq: list.atSeq)
            case .entity(let kind):
                guard let problem = entityProblem(kind, id, list) else { continue }
                return ReferenceWords.issuedSubjectUnknown(key, list: list.listID, rule: rule, id: id, names: .entity(kind),
                                                           found: problem.map { ReferenceWords.SubjectFound.after(label($0)) } ?? .nothing, atSeq: list.atSeq)
            case .useOrInspection:
                guard let use = entityProblem(.use, id, list) else { continue }
                let record: (seq: Int64, type: String)?
                do { record = try lookup(id) } catch { continue }
                if let record, record.seq <= list.atSeq, record.type == "inspection.recorded" { continue }
                let found: ReferenceWords.SubjectFound
                if let seq = use {
                    found = .after(label(seq))
                } else if let record {
                    found = record.type == "inspection.recorded" ? .after(.record(seq: record.seq)) : .otherType(record.type, seq: record.seq)
                } else {
                    found = .nothing
                }
                return ReferenceWords.issuedSubjectUnknown(key, list: list.listID, rule: rule, id: id, names: .useOrInspection,
                                                           found: found, atSeq: list.atSeq)
            }
        }
        return nil
    }

    /// nil when `kind` `id` is registered by a record the list was made from; else `.some(seq)` of the record that
    /// registers it after them, or `.some(nil)` when nothing registers it.
    private func entityProblem(_ kind: Kind, _ id: String, _ list: RectificationIssued) -> Int64?? {
        guard let entry = entry(kind, id) else { return .some(nil) }
        return entry.position <= list.atSeq ? nil : .some(entry.evidenceSeq)
    }
}
