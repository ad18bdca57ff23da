// The schema of the rectification loop's payloads (ledger-spec.md section 10), as in PayloadSchemas.swift: members,
// writer and reader side by side for each type.

private typealias Bits = PayloadCodec.Bits

extension RectificationIssued: PayloadSchema {
    enum Key: Int, PayloadKey {
        case as_of, at_seq, community_id, items, list_id, prepared_on, report_format, report_lang, report_sha256
        static let names = PayloadKeyNames(Key.self, "as_of", "at_seq", "community_id", "items", "list_id", "prepared_on",
                                           "report_format", "report_lang", "report_sha256")
    }

    enum ItemKey: Int, PayloadKey {
        case deadline, key, responsible
        static let names = PayloadKeyNames(ItemKey.self, "deadline", "key", "responsible")
    }

    static func read(_ o: PayloadObject<Key>, occurredOn: CalendarDate) throws(EventError) -> Self {
        try o.onlyAllowed()
        let asOf = try o.date(.as_of)
        try o.rule(asOf <= occurredOn, .as_of, EventWords.checkDateAfterIssue(asOf, issued: occurredOn), dated: true)
        let digest = try o.string(.report_sha256)
        try o.rule(RectificationFields.isSHA256(digest), .report_sha256, EventWords.notSHA256(digest, hint: true))
        let format = try o.string(.report_format)
        try o.rule(RectificationFields.reportFormats.contains(format), .report_format,
                   EventWords.notAFormat(format, allowed: RectificationFields.reportFormats))
        let language = try o.string(.report_lang)
        try o.rule(RectificationFields.reportLanguages.contains(language), .report_lang, EventWords.notALanguage(language))
        var items: [IssuedItem] = []
        try o.objects(.items, ItemKey.self, what: EventWords.Expected.issuedItems,
                      shape: "{key, responsible, deadline}", empty: EventWords.AtLeastOne.finding) { item throws(EventError) in
            try item.onlyAllowed()
            let key = try item.findingKey(.key)
            try item.rule(!items.contains(where: { $0.key == key }), .key, EventWords.issuedTwice(key))
            let deadline = try item.date(.deadline)
            try item.rule(deadline >= occurredOn, .deadline, EventWords.deadlineBeforeIssue(deadline, issued: occurredOn), dated: true)
            items.append(IssuedItem(key: key, responsible: try item.person(.responsible), deadline: deadline))
        }
        return RectificationIssued(listID: try o.id(.list_id), communityID: try o.id(.community_id), asOf: asOf,
                                   atSeq: try o.count(.at_seq, minimum: 1), reportSHA256: digest, reportFormat: format,
                                   reportLanguage: language, preparedOn: try o.date(.prepared_on), items: items)
    }

    func write(_ w: inout PayloadWriter) {
        w.key(Key.as_of); w.date(asOf)
        w.key(Key.at_seq); w.integer(atSeq)
        w.key(Key.community_id); w.string(communityID)
        w.key(Key.items)
        w.objects(items) { w, item in
            w.key(ItemKey.deadline); w.date(item.deadline)
            w.key(ItemKey.key); w.string(item.key)
            w.key(ItemKey.responsible); w.person(item.responsible)
        }
        w.key(Key.list_id); w.string(listID)
        w.key(Key.prepared_on); w.date(preparedOn)
        w.key(Key.report_format); w.string(reportFormat)
        w.key(Key.report_lang); w.string(reportLanguage)
        w.key(Key.report_sha256); w.string(reportSHA256)
    }
}

extension RectificationEvidence {
    /// Photos and documents are files: bound by their SHA-256. Vouchers, contracts and decisions are named.
    public static func needsDigest(_ kind: Kind) -> Bool { kind == .photo || kind == .document }
}

extension RectificationReported: PayloadSchema {
    enum Key: Int, PayloadKey {
        case evidence, keys, list_id, measures, reported_by
        static let names = PayloadKeyNames(Key.self, "evidence", "keys", "list_id", "measures", "reported_by")
    }

    enum EvidenceKey: Int, PayloadKey {
        case kind, ref, sha256
        static let names = PayloadKeyNames(EvidenceKey.self, "kind", "ref", "sha256")
    }

    static func read(_ o: PayloadObject<Key>, occurredOn: CalendarDate) throws(EventError) -> Self {
        try o.onlyAllowed()
        var evidence: [RectificationEvidence] = []
        try o.objects(.evidence, EvidenceKey.self, what: EventWords.Expected.evidence, shape: "{kind, ref, sha256?}",
                      empty: EventWords.AtLeastOne.evidence) { e throws(EventError) in
            try e.onlyAllowed()
            let kind = try e.choice(.kind, RectificationEvidence.Kind.self)
            let ref = try e.string(.ref)
            var written = WrittenForm()
            if e.isNull(.sha256) { written.insert(Bits.sha256Null) }
            let digest = try e.optionalString(.sha256)
            if e.failed(.kind) {
                // What the digest must be depends on the kind, which has a problem of its own.
            } else if RectificationEvidence.needsDigest(kind) {
                if let digest {
                    try e.rule(RectificationFields.isSHA256(digest), .sha256, EventWords.notSHA256(digest))
                } else {
                    try e.rule(false, .sha256, EventWords.digestMissing(kind.rawValue))
                }
            } else if digest != nil {
                try e.rule(false, .sha256, EventWords.digestNotForKind(kind.rawValue))
            }
            evidence.append(RectificationEvidence(kind: kind, ref: ref, sha256: digest, written: written))
        }
        return RectificationReported(listID: try o.id(.list_id), keys: try o.findingKeys(.keys), reportedBy: try o.person(.reported_by),
                                     measures: try o.string(.measures), evidence: evidence)
    }

    func write(_ w: inout PayloadWriter) {
        w.key(Key.evidence)
        w.objects(evidence) { w, e in
            w.key(EvidenceKey.kind); w.string(e.kind.rawValue)
            w.key(EvidenceKey.ref); w.string(e.ref)
            w.optional(EvidenceKey.sha256, e.sha256, e.written, Bits.sha256Null)
        }
        w.key(Key.keys); w.strings(keys)
        w.key(Key.list_id); w.string(listID)
        w.key(Key.measures); w.string(measures)
        w.key(Key.reported_by); w.person(reportedBy)
    }
}

extension RectificationVerified: PayloadSchema {
    enum Key: Int, PayloadKey {
        case keys, list_id, reason, result, verified_by
        static let names = PayloadKeyNames(Key.self, "keys", "list_id", "reason", "result", "verified_by")
    }

    static func read(_ o: PayloadObject<Key>, occurredOn: CalendarDate) throws(EventError) -> Self {
        try o.onlyAllowed()
        let result = try o.choice(.result, Result.self)
        var written = WrittenForm()
        if o.isNull(.reason) { written.insert(Bits.reasonNull) }
        let reason = try o.optionalString(.reason)
        try o.rule(!(result == .rejected && reason == nil), .reason, EventWords.rejectionReasonMissing, given: .result)
        return RectificationVerified(listID: try o.id(.list_id), keys: try o.findingKeys(.keys), result: result, reason: reason,
                                     verifiedBy: try o.person(.verified_by), written: written)
    }

    func write(_ w: inout PayloadWriter) {
        w.key(Key.keys); w.strings(keys)
        w.key(Key.list_id); w.string(listID)
        w.optional(Key.reason, reason, written, Bits.reasonNull)
        w.key(Key.result); w.string(result.rawValue)
        w.key(Key.verified_by); w.person(verifiedBy)
    }
}

extension RectificationExtended: PayloadSchema {
    enum Key: Int, PayloadKey {
        case deadline, keys, list_id, reason
        static let names = PayloadKeyNames(Key.self, "deadline", "keys", "list_id", "reason")
    }

    static func read(_ o: PayloadObject<Key>, occurredOn: CalendarDate) throws(EventError) -> Self {
        try o.onlyAllowed()
        let deadline = try o.date(.deadline)
        try o.rule(deadline >= occurredOn, .deadline, EventWords.deadlineBeforeExtension(deadline, extended: occurredOn), dated: true)
        return RectificationExtended(listID: try o.id(.list_id), keys: try o.findingKeys(.keys), deadline: deadline,
                                     reason: try o.string(.reason))
    }

    func write(_ w: inout PayloadWriter) {
        w.key(Key.deadline); w.date(deadline)
        w.key(Key.keys); w.strings(keys)
        w.key(Key.list_id); w.string(listID)
        w.key(Key.reason); w.string(reason)
    }
}
