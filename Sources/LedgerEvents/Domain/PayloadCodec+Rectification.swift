// The byte form of the rectification loop's payloads (`PayloadCodec`'s writer and reader for each of them).
// Members in canonical order, as everywhere in PayloadCodec.

extension PayloadCodec {
    static let sha256Null: UInt32 = 1 << 0   // rectification.reported evidence[].sha256
    static let reasonNull: UInt32 = 1 << 0   // rectification.verified reason

    // MARK: Writing

    static func writeRectificationIssued(_ p: RectificationIssued, _ w: inout PayloadWriter) {
        w.key("as_of"); w.date(p.asOf)
        w.key("at_seq"); w.integer(p.atSeq)
        w.key("community_id"); w.string(p.communityID)
        w.key("items")
        w.out.append(UInt8(ascii: "["))
        for (index, item) in p.items.enumerated() {
            if index > 0 { w.out.append(UInt8(ascii: ",")) }
            w.beginObject()
            w.key("deadline"); w.date(item.deadline)
            w.key("key"); w.string(item.key)
            w.key("responsible"); w.string(item.responsible)
            w.endObject()
        }
        w.out.append(UInt8(ascii: "]"))
        w.key("list_id"); w.string(p.listID)
        w.key("prepared_on"); w.date(p.preparedOn)
        w.key("report_format"); w.string(p.reportFormat)
        w.key("report_lang"); w.string(p.reportLanguage)
        w.key("report_sha256"); w.string(p.reportSHA256)
    }

    static func writeRectificationReported(_ p: RectificationReported, _ w: inout PayloadWriter) {
        w.key("evidence")
        w.out.append(UInt8(ascii: "["))
        for (index, e) in p.evidence.enumerated() {
            if index > 0 { w.out.append(UInt8(ascii: ",")) }
            w.beginObject()
            w.key("kind"); w.string(e.kind.rawValue)
            w.key("ref"); w.string(e.ref)
            w.optional("sha256", e.sha256, e.written, sha256Null)
            w.endObject()
        }
        w.out.append(UInt8(ascii: "]"))
        w.key("keys"); w.strings(p.keys)
        w.key("list_id"); w.string(p.listID)
        w.key("measures"); w.string(p.measures)
        w.key("reported_by"); w.string(p.reportedBy)
    }

    static func writeRectificationVerified(_ p: RectificationVerified, _ w: inout PayloadWriter) {
        w.key("keys"); w.strings(p.keys)
        w.key("list_id"); w.string(p.listID)
        w.optional("reason", p.reason, p.written, reasonNull)
        w.key("result"); w.string(p.result.rawValue)
        w.key("verified_by"); w.string(p.verifiedBy)
    }

    static func writeRectificationExtended(_ p: RectificationExtended, _ w: inout PayloadWriter) {
        w.key("deadline"); w.date(p.deadline)
        w.key("keys"); w.strings(p.keys)
        w.key("list_id"); w.string(p.listID)
        w.key("reason"); w.string(p.reason)
    }

    // MARK: Reading (the same rules as `DomainEvent.checkRectification`, without its messages)

    static func readRectificationIssued(_ s: inout PayloadScanner, occurredOn: CalendarDate) throws -> DomainEvent {
        guard s.member("as_of") else { throw Mismatch() }
        let asOf = try s.date()
        guard asOf <= occurredOn else { throw Mismatch() }
        guard s.member("at_seq") else { throw Mismatch() }
        let atSeq = try s.count(minimum: 1)
        guard s.member("community_id") else { throw Mismatch() }
        let communityID = try s.id()
        guard s.member("items") else { throw Mismatch() }
        try s.beginArray()
        var items: [IssuedItem] = []
        while !s.endArray() {
            try s.beginObject()
            guard s.member("deadline") else { throw Mismatch() }
            let deadline = try s.date()
            guard s.member("key") else { throw Mismatch() }
            let key = try s.findingKey()
            guard s.member("responsible") else { throw Mismatch() }
            let responsible = try s.text()
            try s.endObject()
            guard deadline >= occurredOn, !items.contains(where: { $0.key == key }) else { throw Mismatch() }
            items.append(IssuedItem(key: key, responsible: responsible, deadline: deadline))
        }
        guard !items.isEmpty else { throw Mismatch() }
        guard s.member("list_id") else { throw Mismatch() }
        let listID = try s.id()
        guard s.member("prepared_on") else { throw Mismatch() }
        let preparedOn = try s.date()
        guard s.member("report_format") else { throw Mismatch() }
        let format = try s.text()
        guard s.member("report_lang") else { throw Mismatch() }
        let language = try s.text()
        guard s.member("report_sha256") else { throw Mismatch() }
        let digest = try s.text()
        guard RectificationFields.reportFormats.contains(format), RectificationFields.reportLanguages.contains(language),
              RectificationFields.isSHA256(digest) else { throw Mismatch() }
        return .rectificationIssued(RectificationIssued(listID: listID, communityID: communityID, asOf: asOf, atSeq: atSeq,
                                                        reportSHA256: digest, reportFormat: format, reportLanguage: language,
                                                        preparedOn: preparedOn, items: items))
    }

    static func readRectificationReported(_ s: inout PayloadScanner, occurredOn: CalendarDate) throws -> DomainEvent {
        guard s.member("evidence") else { throw Mismatch() }
        try s.beginArray()
        var evidence: [RectificationEvidence] = []
        while !s.endArray() {
            try s.beginObject()
            var written = WrittenForm()
            guard s.member("kind") else { throw Mismatch() }
            let kind = try s.choice(RectificationEvidence.Kind.self)
            guard s.member("ref") else { throw Mismatch() }
            let ref = try s.text()
            let digest = try s.optional("sha256", &written, sha256Null) { (s: inout PayloadScanner) throws in try s.text() }
            try s.endObject()
            guard RectificationEvidence.needsDigest(kind) == (digest != nil), digest.map(RectificationFields.isSHA256) ?? true else {
                throw Mismatch()
            }
            evidence.append(RectificationEvidence(kind: kind, ref: ref, sha256: digest, written: written))
        }
        guard !evidence.isEmpty else { throw Mismatch() }
        guard s.member("keys") else { throw Mismatch() }
        let keys = try s.findingKeys()
        guard s.member("list_id") else { throw Mismatch() }
        let listID = try s.id()
        guard s.member("measures") else { throw Mismatch() }
        let measures = try s.text()
        guard s.member("reported_by") else { throw Mismatch() }
        let reportedBy = try s.text()
        return .rectificationReported(RectificationReported(listID: listID, keys: keys, reportedBy: reportedBy, measures: measures,
                                                            evidence: evidence))
    }

    static func readRectificationVerified(_ s: inout PayloadScanner, occurredOn: CalendarDate) throws -> DomainEvent {
        var written = WrittenForm()
        guard s.member("keys") else { throw Mismatch() }
        let keys = try s.findingKeys()
        guard s.member("list_id") else { throw Mismatch() }
        let listID = try s.id()
        let reason = try s.optional("reason", &written, reasonNull) { (s: inout PayloadScanner) throws in try s.text() }
        guard s.member("result") else { throw Mismatch() }
        let result = try s.choice(RectificationVerified.Result.self)
        guard s.member("verified_by") else { throw Mismatch() }
        let verifiedBy = try s.text()
        guard result == .closed || reason != nil else { throw Mismatch() }
        return .rectificationVerified(RectificationVerified(listID: listID, keys: keys, result: result, reason: reason,
                                                            verifiedBy: verifiedBy, written: written))
    }

    static func readRectificationExtended(_ s: inout PayloadScanner, occurredOn: CalendarDate) throws -> DomainEvent {
        guard s.member("deadline") else { throw Mismatch() }
        let deadline = try s.date()
        guard s.member("keys") else { throw Mismatch() }
        let keys = try s.findingKeys()
        guard s.member("list_id") else { throw Mismatch() }
        let listID = try s.id()
        guard s.member("reason") else { throw Mismatch() }
        let reason = try s.text()
        guard deadline >= occurredOn else { throw Mismatch() }
        return .rectificationExtended(RectificationExtended(listID: listID, keys: keys, deadline: deadline, reason: reason))
    }
}

extension RectificationEvidence {
    /// Photos and documents are files: bound by their SHA-256. Vouchers, contracts and decisions are named.
    public static func needsDigest(_ kind: Kind) -> Bool { kind == .photo || kind == .document }
}

extension PayloadScanner {
    /// A finding key (`RectificationFields.keyProblem` allows it).
    mutating func findingKey() throws -> String {
        let text = try string()
        guard RectificationFields.keyProblem(text) == nil else { throw Mismatch() }
        return text
    }

    /// A non-empty array of distinct finding keys.
    mutating func findingKeys() throws -> [String] {
        try beginArray()
        var out: [String] = []
        while !endArray() {
            let key = try findingKey()
            guard !out.contains(key) else { throw Mismatch() }
            out.append(key)
        }
        guard !out.isEmpty else { throw Mismatch() }
        return out
    }
}
