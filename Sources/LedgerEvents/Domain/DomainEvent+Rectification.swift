// The schema of the rectification loop's payloads, read field by field for the messages (ledger-spec.md
// section 10). `PayloadCodec+Rectification.swift` applies the same rules to the bytes.

extension DomainEvent {
    static func checkRectification(_ type: EventType, occurredOn: CalendarDate, _ r: PayloadReader) throws(PayloadError) -> DomainEvent {
        switch type {
        case .rectificationIssued:
            try r.onlyAllowed(["list_id", "community_id", "as_of", "at_seq", "report_sha256", "report_format", "report_lang",
                               "prepared_on", "items"])
            let asOf = try r.date("as_of")
            guard asOf <= occurredOn else {
                throw r.fail("as_of", "\(asOf) is after the date of issue \(occurredOn); a list is issued after its check date")
            }
            let digest = try r.string("report_sha256")
            guard RectificationFields.isSHA256(digest) else {
                throw r.fail("report_sha256", "\"\(digest)\" is not a SHA-256 digest; write 64 lower-case hex digits (sha256sum FILE)")
            }
            let format = try r.string("report_format")
            guard RectificationFields.reportFormats.contains(format) else {
                throw r.fail("report_format", "\"\(format)\" is not a format; use one of \(RectificationFields.reportFormats.joined(separator: ", "))")
            }
            let language = try r.string("report_lang")
            guard RectificationFields.reportLanguages.contains(language) else {
                throw r.fail("report_lang", "\"\(language)\" is not a language; use zh or en")
            }
            let value = try r.required("items", "a non-empty array of {key, responsible, deadline}")
            guard let list = value.arrayValue else { throw r.fail("items", "must be an array, found \(value.kindName)") }
            guard !list.isEmpty else { throw r.fail("items", "must name at least one finding") }
            var items: [IssuedItem] = []
            for (index, element) in list.enumerated() {
                guard let members = element.objectValue else {
                    throw r.fail("items[\(index)]", "must be an object {key, responsible, deadline}, found \(element.kindName)")
                }
                let item = PayloadReader(type: r.type, path: "\(r.path).items[\(index)]", members: members)
                try item.onlyAllowed(["key", "responsible", "deadline"])
                let key = try item.findingKey("key")
                guard !items.contains(where: { $0.key == key }) else { throw item.fail("key", "\"\(key)\" is issued twice in this list") }
                let deadline = try item.date("deadline")
                guard deadline >= occurredOn else {
                    throw item.fail("deadline", "\(deadline) is before the date of issue \(occurredOn)")
                }
                items.append(IssuedItem(key: key, responsible: try item.string("responsible"), deadline: deadline))
            }
            return .rectificationIssued(RectificationIssued(
                listID: try r.id("list_id"), communityID: try r.id("community_id"), asOf: asOf,
                atSeq: try r.count("at_seq", minimum: 1), reportSHA256: digest, reportFormat: format, reportLanguage: language,
                preparedOn: try r.date("prepared_on"), items: items))

        case .rectificationReported:
            try r.onlyAllowed(["list_id", "keys", "reported_by", "measures", "evidence"])
            let value = try r.required("evidence", "a non-empty array of {kind, ref, sha256?}")
            guard let list = value.arrayValue else { throw r.fail("evidence", "must be an array, found \(value.kindName)") }
            guard !list.isEmpty else { throw r.fail("evidence", "must name at least one piece of evidence (voucher, photo, contract, decision, document)") }
            var evidence: [RectificationEvidence] = []
            for (index, element) in list.enumerated() {
                guard let members = element.objectValue else {
                    throw r.fail("evidence[\(index)]", "must be an object {kind, ref, sha256?}, found \(element.kindName)")
                }
                let e = PayloadReader(type: r.type, path: "\(r.path).evidence[\(index)]", members: members)
                try e.onlyAllowed(["kind", "ref", "sha256"])
                let kind = try e.choice("kind", RectificationEvidence.Kind.self)
                let ref = try e.string("ref")
                let digest = try e.optionalString("sha256")
                if RectificationEvidence.needsDigest(kind) {
                    guard let digest else { throw e.fail("sha256", "missing; a \(kind.rawValue) is bound by the SHA-256 of its file (sha256sum FILE)") }
                    guard RectificationFields.isSHA256(digest) else {
                        throw e.fail("sha256", "\"\(digest)\" is not a SHA-256 digest; write 64 lower-case hex digits")
                    }
                } else if digest != nil {
                    throw e.fail("sha256", "is only for a photo or document; a \(kind.rawValue) is named by its ref")
                }
                evidence.append(RectificationEvidence(kind: kind, ref: ref, sha256: digest))
            }
            return .rectificationReported(RectificationReported(
                listID: try r.id("list_id"), keys: try r.findingKeys("keys"), reportedBy: try r.string("reported_by"),
                measures: try r.string("measures"), evidence: evidence))

        case .rectificationVerified:
            try r.onlyAllowed(["list_id", "keys", "result", "reason", "verified_by"])
            let result = try r.choice("result", RectificationVerified.Result.self)
            let reason = try r.optionalString("reason")
            if result == .rejected && reason == nil { throw r.fail("reason", "missing; say why the re-check did not accept the measures") }
            return .rectificationVerified(RectificationVerified(
                listID: try r.id("list_id"), keys: try r.findingKeys("keys"), result: result, reason: reason,
                verifiedBy: try r.string("verified_by")))

        case .rectificationExtended:
            try r.onlyAllowed(["list_id", "keys", "deadline", "reason"])
            let deadline = try r.date("deadline")
            guard deadline >= occurredOn else { throw r.fail("deadline", "\(deadline) is before the date of the extension \(occurredOn)") }
            return .rectificationExtended(RectificationExtended(
                listID: try r.id("list_id"), keys: try r.findingKeys("keys"), deadline: deadline, reason: try r.string("reason")))

        default:
            preconditionFailure("checkRectification reads only the loop's types")
        }
    }
}

extension PayloadReader {
    /// A finding key as a rectification list prints it.
    func findingKey(_ key: String) throws(PayloadError) -> String {
        let value = try required(key, "a finding key as the list prints it, e.g. OCC-01/A-1/O-1/2025-03-10")
        guard let text = value.stringValue else { throw fail(key, "must be a string, found \(value.kindName)") }
        if let problem = RectificationFields.keyProblem(text) { throw fail(key, problem) }
        return text
    }

    /// A non-empty array of distinct finding keys.
    func findingKeys(_ key: String) throws(PayloadError) -> [String] {
        let value = try required(key, "a non-empty array of finding keys")
        guard let items = value.arrayValue else { throw fail(key, "must be an array of finding keys, found \(value.kindName)") }
        guard !items.isEmpty else { throw fail(key, "must name at least one finding") }
        var out: [String] = []
        for (index, item) in items.enumerated() {
            let field = "\(key)[\(index)]"
            guard let text = item.stringValue else { throw fail(field, "must be a string, found \(item.kindName)") }
            if let problem = RectificationFields.keyProblem(text) { throw fail(field, problem) }
            guard !out.contains(text) else { throw fail(field, "\"\(text)\" is listed twice") }
            out.append(text)
        }
        return out
    }
}
