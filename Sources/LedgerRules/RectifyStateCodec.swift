import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// The byte form of what `index/rectify.state` stores (ledger-spec.md section 15.8): findings as the rules made them,
/// the loop's events and erased commitments. Every decoder returns nil on bytes it cannot read (a damaged file is
/// rebuilt, never trusted); `decode(encode(x)) == x`.
enum RectifyStateCodec {
    // MARK: writing

    static func string(_ s: String, _ w: inout ByteWriter) { w.counted(Array(s.utf8)) }
    static func optional(_ s: String?, _ w: inout ByteWriter) {
        if let s { w.u64(1); string(s, &w) } else { w.u64(0) }
    }
    static func date(_ d: CalendarDate, _ w: inout ByteWriter) { w.i64(Int64(d.dayNumber)) }
    static func i128(_ v: Int128, _ w: inout ByteWriter) {
        w.u64(UInt64(truncatingIfNeeded: v)); w.u64(UInt64(truncatingIfNeeded: v >> 64))
    }
    static func evidence(_ e: Evidence, _ w: inout ByteWriter) { w.i64(e.seq); string(e.eventID, &w) }
    static func person(_ p: PersonalText, _ w: inout ByteWriter) {
        switch p {
        case .plain(let text): w.u64(0); string(text, &w)
        case .committed(let c): w.u64(1); w.raw(c.digest.bytes)
        }
    }

    static func value(_ v: FactValue, _ w: inout ByteWriter) {
        switch v {
        case .amount(let a): w.u64(0); w.i64(a.fen)
        case .date(let d): w.u64(1); date(d, &w)
        case .integer(let i): w.u64(2); w.i64(i)
        case .text(let s): w.u64(3); string(s, &w)
        case .person(let p): w.u64(4); person(p, &w)
        case .area(let q): w.u64(5); w.i64(q.units); w.u64(UInt64(q.scale)); optional(q.writtenText, &w)
        case .percent(let r): w.u64(6); i128(r.numerator, &w); i128(r.denominator, &w)
        case .share(let s): w.u64(7); w.i64(s.numerator); w.i64(s.denominator)
        case .fenPerSquareMetre(let r): w.u64(8); i128(r.numerator, &w); i128(r.denominator, &w)
        case .texts(let list): w.u64(9); w.u64(UInt64(list.count)); for s in list { string(s, &w) }
        }
    }

    static func finding(_ f: Finding, _ w: inout ByteWriter) {
        string(f.rule.rawValue, &w)
        string(f.communityID, &w); string(f.communityName, &w); string(f.street, &w)
        string(f.itemKind.rawValue, &w); string(f.itemID, &w); string(f.itemName, &w)
        if let p = f.itemPerson { w.u64(1); person(p, &w) } else { w.u64(0) }
        optional(f.itemDetail, &w)
        date(f.since, &w)
        w.u64(UInt64(f.facts.count))
        for fact in f.facts {
            string(fact.key.rawValue, &w)
            w.u64(UInt64(fact.values.count))
            for pair in fact.values { string(pair.name, &w); value(pair.value, &w) }
        }
        w.u64(UInt64(f.evidence.count))
        for e in f.evidence { evidence(e, &w) }
        w.u64(UInt64(f.basis.citations.count))
        for c in f.basis.citations {
            string(c.source.rawValue, &w); w.i64(Int64(c.article)); w.i64(Int64(c.paragraph ?? 0))
            w.u64(UInt64(c.items.count)); for i in c.items { w.i64(Int64(i)) }
        }
        optional(f.basis.policyNote?.rawValue, &w)
        string(f.action.rawValue, &w)
        if let r = f.resolution { w.u64(1); string(r.kind.rawValue, &w); date(r.on, &w); evidence(r.evidence, &w) } else { w.u64(0) }
        w.u64(UInt64(f.subjectIDs.count))
        for s in f.subjectIDs { string(s, &w) }
    }

    static func loopEvent(_ e: LoopEvent, _ w: inout ByteWriter) {
        let domain: DomainEvent
        switch e.payload {
        case .issued(let p): domain = .rectificationIssued(p)
        case .reported(let p): domain = .rectificationReported(p)
        case .verified(let p): domain = .rectificationVerified(p)
        case .extended(let p): domain = .rectificationExtended(p)
        }
        date(e.date, &w); evidence(e.evidence, &w); w.i64(e.position)
        string(domain.type.rawValue, &w)
        w.counted(PayloadCodec.encode(domain))
        // The issued keys' items (by key, in UTF-8 order: the same event, the same bytes).
        w.u64(UInt64(e.labels.count))
        for key in e.labels.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let label = e.labels[key]!
            string(key, &w); string(label.kind.rawValue, &w); string(label.id, &w); string(label.name, &w)
            if let p = label.person { w.u64(1); person(p, &w) } else { w.u64(0) }
            optional(label.detail, &w)
        }
    }

    // MARK: reading

    /// Each stored code's case by its bytes, made once: a string switch over some fifty cases, for every code of
    /// every finding (each read twice by a list made a community at a time), was a tenth of the decode; then a
    /// `[String: T]` lookup still made a string and hashed it for each code.
    static let ruleCodes = CodeTable(RuleCode.self)
    static let itemKinds = CodeTable(ItemKind.self)
    static let factKeys = CodeTable(FactKey.self)
    static let lawSources = CodeTable(LawSource.self)
    static let actions = CodeTable(Action.self)

    /// The cases of a code, found by the bytes of their raw values (FNV-1a, open addressing, compared by bytes): no
    /// string is made to look a stored code up. A stored code is one of these bytes exactly (`encode` writes the raw
    /// value), so this refuses what is not one, as `T(rawValue:)` did — and moreover a text only canonically
    /// equivalent to one (which `encode` never writes).
    struct CodeTable<T: Sendable>: Sendable {
        let keys: [[UInt8]]
        let values: [T]
        let slots: [Int32]
        let mask: Int

        init(_ type: T.Type) where T: CaseIterable & RawRepresentable, T.RawValue == String {
            keys = T.allCases.map { Array($0.rawValue.utf8) }
            values = Array(T.allCases)
            var size = 16
            while size < keys.count * 4 { size *= 2 }
            mask = size - 1
            var slots = [Int32](repeating: -1, count: size)
            for (i, key) in keys.enumerated() {
                var at = Int(truncatingIfNeeded: CodeTable.hash(key[...])) & mask
                while slots[at] >= 0 { at = (at + 1) & mask }
                slots[at] = Int32(i)
            }
            self.slots = slots
        }

        static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            return h
        }

        func lookup(_ bytes: ArraySlice<UInt8>) -> T? {
            var at = Int(truncatingIfNeeded: CodeTable.hash(bytes)) & mask
            while true {
                let i = Int(slots[at])
                if i < 0 { return nil }
                if Bytes.equal(keys[i][...], bytes) { return values[i] }
                at = (at + 1) & mask
            }
        }
    }

    /// The next string as a case of `table` (nil when it is not one, as `T(rawValue:)` gives).
    static func code<T: Sendable>(_ r: inout ByteReader, _ table: CodeTable<T>) -> T? {
        guard let n = r.u64(), n <= UInt64(r.end - r.offset) else { return nil }
        let range = r.offset..<(r.offset + Int(n))
        guard let value = table.lookup(r.bytes[range]) else { return nil }
        r.offset = range.upperBound
        return value
    }

    /// - Parameter check: false only for bytes already checked whole (`finding(_:check:)`).
    static func string(_ r: inout ByteReader, _ check: Bool = true) -> String? {
        // Validated where it lies (no copy of the bytes first: a city's findings hold tens of millions of strings), by
        // the codebase's one UTF-8 rule; `String(validating:)` on a slice went through generic metadata for each string.
        if check {
            guard let range = stringRange(&r) else { return nil }
            return String(decoding: r.bytes[range], as: UTF8.self)
        }
        guard let n = r.u64(), n <= UInt64(r.end - r.offset) else { return nil }
        let range = r.offset..<(r.offset + Int(n))
        r.offset = range.upperBound
        return String(decoding: r.bytes[range], as: UTF8.self)
    }
    /// The bytes of the next string, checked as `string` checks them, without making it (an outline skips most).
    static func stringRange(_ r: inout ByteReader) -> Range<Int>? {
        guard let n = r.u64(), n <= UInt64(r.end - r.offset) else { return nil }
        let range = r.offset..<(r.offset + Int(n))
        guard Bytes.firstInvalidUTF8(r.bytes[range]) == nil else { return nil }
        r.offset = range.upperBound
        return range
    }
    static func skipOptional(_ r: inout ByteReader) -> Bool {
        guard let flag = r.u64() else { return false }
        return flag == 0 || (flag == 1 && stringRange(&r) != nil)
    }
    static func optional(_ r: inout ByteReader, _ check: Bool = true) -> String?? {
        guard let flag = r.u64() else { return nil }
        if flag == 0 { return .some(nil) }
        guard flag == 1, let s = string(&r, check) else { return nil }
        return .some(s)
    }
    static func date(_ r: inout ByteReader) -> CalendarDate? {
        guard let n = r.i64(), abs(n) < 10_000_000 else { return nil }
        return CalendarDate(dayNumber: Int(n))
    }
    static func i128(_ r: inout ByteReader) -> Int128? {
        guard let lo = r.u64(), let hi = r.u64() else { return nil }
        return Int128(Int64(bitPattern: hi)) << 64 | Int128(lo)
    }
    static func evidence(_ r: inout ByteReader, _ check: Bool = true) -> Evidence? {
        guard let seq = r.i64(), let id = string(&r, check) else { return nil }
        return Evidence(seq: seq, eventID: id)
    }
    static func person(_ r: inout ByteReader, _ check: Bool = true) -> PersonalText? {
        switch r.u64() {
        case 0?: return string(&r, check).map { .plain($0) }
        case 1?: return r.fixed(32).flatMap { Digest32(bytes: $0[...]) }.map { .committed(PersonalCommitment($0)) }
        default: return nil
        }
    }
    static func ratio(_ r: inout ByteReader) -> Ratio? {
        guard let n = i128(&r), let d = i128(&r), d > 0, n >= 0 else { return nil }
        return Ratio(n, d)
    }

    static func value(_ r: inout ByteReader, _ check: Bool = true) -> FactValue? {
        switch r.u64() {
        case 0?: return r.i64().map { .amount(Amount(fen: $0)) }
        case 1?: return date(&r).map { .date($0) }
        case 2?: return r.i64().map { .integer($0) }
        case 3?: return string(&r, check).map { .text($0) }
        case 4?: return person(&r, check).map { .person($0) }
        case 5?:
            guard let units = r.i64(), let scale = r.u64(), scale < 20, let written = optional(&r, check) else { return nil }
            if let text = written {
                guard let q = DecimalQuantity(written: text, scale: Int(scale)), q.units == units else { return nil }
                return .area(q)
            }
            return .area(DecimalQuantity(units: units, scale: Int(scale)))
        case 6?: return ratio(&r).map { .percent($0) }
        case 7?:
            guard let n = r.i64(), let d = r.i64(), d > 0, n >= 0, n <= d else { return nil }
            return .share(Share(n, d))
        case 8?: return ratio(&r).map { .fenPerSquareMetre($0) }
        case 9?:
            guard let count = count(&r) else { return nil }
            var list: [String] = []
            for _ in 0..<count {
                guard let s = string(&r, check) else { return nil }
                list.append(s)
            }
            return .texts(list)
        default: return nil
        }
    }

    static func count(_ r: inout ByteReader) -> Int? {
        guard let n = r.u64(), n <= UInt64(r.end - r.offset) else { return nil }
        return Int(n)
    }

    /// The next finding; nil on bytes `finding(_:_:)` did not write.
    /// - Parameter check: false when these very bytes were checked whole before (`outline` checks every byte as this
    ///   does, and the unit read again matches the same SHA-256): the strings' UTF-8 is then not validated again
    ///   (a list made a community at a time read every finding twice, validating each string both times). The
    ///   structure (lengths, counts, codes, ranges) is still read with every bound checked.
    static func finding(_ r: inout ByteReader, check: Bool = true) -> Finding? {
        guard let rule = code(&r, ruleCodes),
              let communityID = string(&r, check), let communityName = string(&r, check), let street = string(&r, check),
              let itemKind = code(&r, itemKinds), let itemID = string(&r, check), let itemName = string(&r, check),
              let hasPerson = r.u64() else { return nil }
        var itemPerson: PersonalText? = nil
        if hasPerson == 1 { guard let p = person(&r, check) else { return nil }; itemPerson = p } else if hasPerson != 0 { return nil }
        guard let itemDetail = optional(&r, check), let since = date(&r), let factCount = count(&r) else { return nil }
        var facts: [FindingFact] = []
        facts.reserveCapacity(factCount)
        for _ in 0..<factCount {
            guard let key = code(&r, factKeys), let n = count(&r) else { return nil }
            var pairs: [FindingFact.Pair] = []
            pairs.reserveCapacity(n)
            for _ in 0..<n {
                guard let name = string(&r, check), let v = value(&r, check) else { return nil }
                pairs.append(FindingFact.Pair(name: name, value: v))
            }
            facts.append(FindingFact(key: key, values: pairs))
        }
        guard let evidenceCount = count(&r) else { return nil }
        var evidenceList: [Evidence] = []
        evidenceList.reserveCapacity(evidenceCount)
        for _ in 0..<evidenceCount {
            // Stored sorted by seq without duplicates (`Finding.evidence`): anything else was not written by `encode`.
            guard let e = evidence(&r, check), evidenceList.last.map({ $0.seq < e.seq }) ?? true else { return nil }
            evidenceList.append(e)
        }
        guard let citationCount = count(&r) else { return nil }
        var citations: [Citation] = []
        for _ in 0..<citationCount {
            guard let source = code(&r, lawSources), let article = r.i64(), article > 0, article < 10_000,
                  let paragraph = r.i64(), paragraph >= 0, paragraph < 10_000, let n = count(&r) else { return nil }
            var items: [Int] = []
            for _ in 0..<n { guard let i = r.i64(), i > 0, i < 10_000 else { return nil }; items.append(Int(i)) }
            citations.append(Citation(source, Int(article), paragraph: paragraph == 0 ? nil : Int(paragraph), items: items))
        }
        guard let note = optional(&r, check) else { return nil }
        var policyNote: LegalBasis.PolicyNote? = nil
        if let note { guard let n = LegalBasis.PolicyNote(rawValue: note) else { return nil }; policyNote = n }
        guard let action = code(&r, actions), let hasResolution = r.u64() else { return nil }
        var resolution: Resolution? = nil
        if hasResolution == 1 {
            guard let kind = string(&r, check).flatMap(Resolution.Kind.init(rawValue:)), let on = date(&r), let e = evidence(&r, check),
                  evidenceList.contains(e) else { return nil }
            resolution = Resolution(kind, on: on, evidence: e)
        } else if hasResolution != 0 { return nil }
        guard let subjectCount = count(&r) else { return nil }
        var subjectIDs: [String] = []
        for _ in 0..<subjectCount { guard let s = string(&r, check) else { return nil }; subjectIDs.append(s) }
        return Finding(stored: rule, communityID: communityID, communityName: communityName, street: street, itemKind: itemKind,
                       itemID: itemID, itemName: itemName, itemPerson: itemPerson, itemDetail: itemDetail, since: since, facts: facts,
                       evidence: evidenceList, basis: LegalBasis(citations, policyNote: policyNote), action: action,
                       resolution: resolution, subjectIDs: subjectIDs)
    }

    /// The outline of the next finding (`RectifyState.Outline`), every byte checked exactly as `finding` checks it
    /// (nil where `finding` gives nil, and the reader left where `finding` leaves it), but only the rule, community,
    /// key, state and records made: the first pass of a list made a community at a time reads every finding of its
    /// scope, and the second decodes each whole as it writes it, which must not find what this let pass.
    static func outline(_ r: inout ByteReader) -> RectifyState.Outline? {
        guard let rule = code(&r, ruleCodes), let communityID = string(&r),
              stringRange(&r) != nil, stringRange(&r) != nil,
              code(&r, itemKinds) != nil, let itemID = stringRange(&r), stringRange(&r) != nil,
              let hasPerson = r.u64() else { return nil }
        if hasPerson == 1 { guard skipPerson(&r) else { return nil } } else if hasPerson != 0 { return nil }
        guard skipOptional(&r), let since = date(&r), let factCount = count(&r) else { return nil }
        for _ in 0..<factCount {
            guard code(&r, factKeys) != nil, let n = count(&r) else { return nil }
            for _ in 0..<n { guard stringRange(&r) != nil, skipValue(&r) else { return nil } }
        }
        guard let evidenceCount = count(&r) else { return nil }
        var seqs: [Int64] = []
        var ids: [Range<Int>] = []
        seqs.reserveCapacity(evidenceCount)
        for _ in 0..<evidenceCount {
            guard let seq = r.i64(), let id = stringRange(&r), seqs.last.map({ $0 < seq }) ?? true else { return nil }
            seqs.append(seq); ids.append(id)
        }
        guard let citationCount = count(&r) else { return nil }
        for _ in 0..<citationCount {
            guard code(&r, lawSources) != nil, let article = r.i64(), article > 0, article < 10_000,
                  let paragraph = r.i64(), paragraph >= 0, paragraph < 10_000, let n = count(&r) else { return nil }
            for _ in 0..<n { guard let i = r.i64(), i > 0, i < 10_000 else { return nil } }
        }
        guard let note = optional(&r) else { return nil }
        if let note { guard LegalBasis.PolicyNote(rawValue: note) != nil else { return nil } }
        guard code(&r, actions) != nil, let hasResolution = r.u64() else { return nil }
        if hasResolution == 1 {
            // Its record is one of the evidence (same seq and event id), as `finding` requires.
            guard string(&r).flatMap(Resolution.Kind.init(rawValue:)) != nil, date(&r) != nil, let seq = r.i64(),
                  let id = stringRange(&r), let i = seqs.firstIndex(of: seq), r.bytes[ids[i]].elementsEqual(r.bytes[id]) else { return nil }
        } else if hasResolution != 0 { return nil }
        guard let subjectCount = count(&r) else { return nil }
        // The key's bytes hashed as `FindingKey.make` joins them (rule/item[/subject…][/since]), without making it;
        // a key not all ASCII is made and hashed in NFC (`Outline.keyHash(of:)`).
        var hasher = RectifyState.KeyHasher()
        hasher.add(rule.code.utf8)
        hasher.add(byte: 0x2F)
        hasher.add(r.bytes[itemID])
        var ascii = isASCII(r.bytes[itemID])
        var subjectIDs: [String] = []
        for _ in 0..<subjectCount {
            guard let s = stringRange(&r) else { return nil }
            hasher.add(byte: 0x2F)
            hasher.add(r.bytes[s])
            ascii = ascii && isASCII(r.bytes[s])
            subjectIDs.append(String(decoding: r.bytes[s], as: UTF8.self))
        }
        if FindingKey.isDated(rule: rule, subjectIDs: subjectIDs) { hasher.add(byte: 0x2F); hasher.add(date: since) }
        let item = String(decoding: r.bytes[itemID], as: UTF8.self)
        let keyHash = ascii ? hasher.value
            : RectifyState.Outline.keyHash(of: FindingKey.make(rule: rule, itemID: item, subjectIDs: subjectIDs, since: since))
        return RectifyState.Outline(rule: rule, communityID: communityID, keyHash: keyHash, isOpen: hasResolution == 0, seqs: seqs,
                                    itemID: item, subjectIDs: subjectIDs, since: since)
    }

    static func isASCII(_ bytes: ArraySlice<UInt8>) -> Bool { bytes.allSatisfy { $0 < 0x80 } }

    static func skipPerson(_ r: inout ByteReader) -> Bool {
        switch r.u64() {
        case 0?: return stringRange(&r) != nil
        case 1?: return r.fixed(32).flatMap { Digest32(bytes: $0[...]) } != nil
        default: return false
        }
    }

    /// `value`'s checks without making the value.
    static func skipValue(_ r: inout ByteReader) -> Bool {
        switch r.u64() {
        case 0?, 2?: return r.i64() != nil
        case 1?: return date(&r) != nil
        case 3?: return stringRange(&r) != nil
        case 4?: return skipPerson(&r)
        case 5?:
            guard let units = r.i64(), let scale = r.u64(), scale < 20, let written = optional(&r) else { return false }
            if let text = written {
                guard let q = DecimalQuantity(written: text, scale: Int(scale)), q.units == units else { return false }
            }
            return true
        case 6?, 8?: return ratio(&r) != nil
        case 7?:
            guard let n = r.i64(), let d = r.i64(), d > 0, n >= 0, n <= d else { return false }
            return true
        case 9?:
            guard let n = count(&r) else { return false }
            for _ in 0..<n { guard stringRange(&r) != nil else { return false } }
            return true
        default: return false
        }
    }

    static func loopEvent(_ r: inout ByteReader) -> LoopEvent? {
        guard let date = date(&r), let evidence = evidence(&r), let position = r.i64(), let type = string(&r),
              let data = r.counted() else { return nil }
        guard let domain = try? DomainEvent.decode(type: type, occurredOn: date, canonicalData: data[...]),
              let payload = LoopEvent.Payload(domain), let n = count(&r) else { return nil }
        var labels: [String: ItemLabel] = [:]
        for _ in 0..<n {
            guard let key = string(&r), let kindText = string(&r), let kind = ItemKind(rawValue: kindText), let id = string(&r),
                  let name = string(&r), let flag = r.u64() else { return nil }
            var person: PersonalText? = nil
            if flag == 1 { guard let p = self.person(&r) else { return nil }; person = p } else if flag != 0 { return nil }
            guard let detail = optional(&r) else { return nil }
            labels[key] = ItemLabel(kind: kind, id: id, name: name, person: person, detail: detail)
        }
        return LoopEvent(date: date, evidence: evidence, payload: payload, position: position, labels: labels)
    }
}
