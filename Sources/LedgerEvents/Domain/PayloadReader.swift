/// Reads typed fields from a payload object, throwing a `PayloadError` that names the field and what is allowed.
/// Every schema reads through this type, so every message is written here.
struct PayloadReader {
    let type: String
    let path: String
    let members: [String: JSONValue]

    init(type: String, path: String, members: [String: JSONValue]) {
        self.type = type
        self.path = path
        self.members = members
    }

    func fail(_ key: String, _ reason: String) -> PayloadError {
        PayloadError(type: type, field: key.isEmpty ? path : "\(path).\(key)", reason: reason)
    }

    /// Rejects members outside `allowed`: a misspelt field must not vanish silently.
    func onlyAllowed(_ allowed: [String]) throws(PayloadError) {
        for key in CanonicalJSON.sortedKeys(members) where !allowed.contains(key) {
            throw fail(key, "unknown field; \(type) allows only \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func has(_ key: String) -> Bool { members[key] != nil && members[key] != .null }

    func required(_ key: String, _ what: String) throws(PayloadError) -> JSONValue {
        guard let value = members[key], value != .null else { throw fail(key, "missing; give \(what)") }
        return value
    }

    /// A non-empty string of at most `Limits.stringBytesMax` bytes.
    func string(_ key: String) throws(PayloadError) -> String {
        let value = try required(key, "a non-empty string")
        guard let text = value.stringValue else { throw fail(key, "must be a string, found \(value.kindName)") }
        guard !text.isEmpty, text.contains(where: { !$0.isWhitespace }) else { throw fail(key, "must not be empty") }
        return text
    }

    func optionalString(_ key: String) throws(PayloadError) -> String? {
        has(key) ? try string(key) : nil
    }

    /// An entity id: 1…128 bytes, no spaces or control characters.
    func id(_ key: String) throws(PayloadError) -> String {
        let value = try required(key, "an id such as A-0001")
        guard let text = value.stringValue else { throw fail(key, "must be a string id, found \(value.kindName)") }
        if let problem = EventInput.idProblem(text) { throw fail(key, problem) }
        return text
    }

    func optionalID(_ key: String) throws(PayloadError) -> String? {
        has(key) ? try id(key) : nil
    }

    /// A non-empty array of distinct ids.
    func ids(_ key: String) throws(PayloadError) -> [String] {
        let value = try required(key, "a non-empty array of ids")
        guard let items = value.arrayValue else { throw fail(key, "must be an array of ids, found \(value.kindName)") }
        guard !items.isEmpty else { throw fail(key, "must name at least one id") }
        var out: [String] = []
        for (index, item) in items.enumerated() {
            let field = "\(key)[\(index)]"
            guard let text = item.stringValue else { throw fail(field, "must be a string id, found \(item.kindName)") }
            if let problem = EventInput.idProblem(text) { throw fail(field, problem) }
            guard !out.contains(text) else { throw fail(field, "\"\(text)\" is listed twice") }
            out.append(text)
        }
        return out
    }

    func optionalIDs(_ key: String) throws(PayloadError) -> [String]? {
        has(key) ? try ids(key) : nil
    }

    /// A calendar date written `YYYY-MM-DD`.
    func date(_ key: String) throws(PayloadError) -> CalendarDate {
        let value = try required(key, "a date as YYYY-MM-DD")
        guard let text = value.stringValue, let date = CalendarDate(iso: text) else {
            throw fail(key, "\(CanonicalJSON.string(value)) is not a date; write a real calendar date as YYYY-MM-DD, e.g. 2025-06-30")
        }
        return date
    }

    func optionalDate(_ key: String) throws(PayloadError) -> CalendarDate? {
        has(key) ? try date(key) : nil
    }

    /// An amount in fen: a JSON integer from `minimumFen` to `Limits.amountFenMax`.
    func amount(_ key: String, minimumFen: Int64 = 1) throws(PayloadError) -> Amount {
        let value = try required(key, "an amount in fen as an integer, e.g. 123450 for ¥1,234.50")
        guard let fen = value.integerValue else {
            if let text = value.stringValue {
                throw fail(key, "\"\(text)\" is a string; give the amount in fen as a JSON integer, e.g. 123450 for ¥1,234.50")
            }
            throw fail(key, "must be an integer amount in fen, found \(value.kindName)")
        }
        guard fen >= minimumFen, fen <= Limits.amountFenMax else {
            throw fail(key, "\(fen) is out of range; an amount is \(minimumFen)…\(Limits.amountFenMax) fen "
                + "(¥\(Amount(fen: minimumFen).yuanText)…¥\(Amount(fen: Limits.amountFenMax).yuanText), limit amountFenMax)")
        }
        return Amount(fen: fen)
    }

    func optionalAmount(_ key: String) throws(PayloadError) -> Amount? {
        has(key) ? try amount(key) : nil
    }

    /// An area in m²: a decimal string with at most two decimals, e.g. "35.50".
    func area(_ key: String, positive: Bool = false) throws(PayloadError) -> DecimalQuantity {
        let value = try required(key, "an area in m² as a decimal string, e.g. \"35.50\"")
        guard let text = value.stringValue else {
            throw fail(key, "must be a decimal string such as \"35.50\" (not \(value.kindName)); areas are never JSON numbers")
        }
        guard let area = DecimalQuantity(text: text, scale: 2) else {
            throw fail(key, "\"\(text)\" is not an area; write m² with at most two decimals, e.g. \"35.50\"")
        }
        if positive, area.units == 0 { throw fail(key, "must be greater than 0") }
        return area
    }

    /// A whole count (owners, rows): a JSON integer ≥ `minimum`.
    func count(_ key: String, minimum: Int64 = 0) throws(PayloadError) -> Int64 {
        let value = try required(key, "a whole number")
        guard let number = value.integerValue else { throw fail(key, "must be a whole number, found \(value.kindName)") }
        guard number >= minimum else { throw fail(key, "\(number) is too small; it must be at least \(minimum)") }
        return number
    }

    /// One of an enum's raw values.
    func choice<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(PayloadError) -> E where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        let value = try required(key, "one of \(allowed)")
        guard let text = value.stringValue, let choice = E(rawValue: text) else {
            throw fail(key, "\(CanonicalJSON.string(value)) is not allowed; use one of \(allowed)")
        }
        return choice
    }

    /// A nested object, read with its own reader.
    func object(_ key: String) throws(PayloadError) -> PayloadReader {
        let value = try required(key, "an object")
        guard let members = value.objectValue else { throw fail(key, "must be an object, found \(value.kindName)") }
        return PayloadReader(type: type, path: "\(path).\(key)", members: members)
    }

    func optionalObject(_ key: String) throws(PayloadError) -> PayloadReader? {
        has(key) ? try object(key) : nil
    }

    /// An object whose members are all strings, e.g. extra register columns.
    func stringMap(_ key: String) throws(PayloadError) -> [String: String] {
        let reader = try object(key)
        var out: [String: String] = [:]
        for name in CanonicalJSON.sortedKeys(reader.members) {
            guard !name.isEmpty else { throw reader.fail(name, "an attribute needs a name") }
            guard let text = reader.members[name]?.stringValue else {
                throw reader.fail(name, "must be a string, found \(reader.members[name]!.kindName)")
            }
            out[name] = text
        }
        return out
    }

    func bool(_ key: String) throws(PayloadError) -> Bool {
        let value = try required(key, "true or false")
        guard let flag = value.boolValue else { throw fail(key, "must be true or false, found \(value.kindName)") }
        return flag
    }
}
