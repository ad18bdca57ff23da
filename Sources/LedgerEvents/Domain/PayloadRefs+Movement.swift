import LedgerPlatform

/// A money movement read in the canonical member order: canonical JSON sorts an object's members, so a movement's
/// payload is one expected sequence of members (`"amount_fen":…,"category":…,…`), the optional ones present or not.
/// `fixedMovement` walks that sequence once, checking each field by the same fast branch `movement` uses (the same
/// `JSONBytes.scanString` for the strings' ends), without locating members through the type's member table
/// (`PayloadObject`: a generic matcher whose stack frame and member search were half of the rebuild's second stage,
/// perf-rebuild21.md). Whenever the bytes are not exactly in that shape — another member, a member out of order or
/// repeated, `null`, white space, an escape, a commitment object, an emergency, an amount not written in plain
/// digits — it falls back to `movement`, so its answer is always `movement`'s (`PayloadRefsMovementTests`).
extension PayloadRefs {
    /// `movement(type, data:scratch:)`, read in the canonical member order when the bytes are in it (`scratch` is
    /// then left as it was: the ids are not collected, the funds' fold does not use them).
    public static func fixedMovement(_ type: EventType, data: ArraySlice<UInt8>, scratch: inout [Ref]) -> Movement? {
        if let fixed = canonicalMovement(type, data) { return fixed }
        return movement(type, data: data, scratch: &scratch)
    }

    /// The fixed-order reading alone: nil when `data` is not exactly in the expected shape (or not a movement the
    /// fast branches accept): the caller then asks `movement`, which decides.
    static func canonicalMovement(_ type: EventType, _ data: ArraySlice<UInt8>) -> Movement? {
        var r = FixedMembers(bytes: data, p: data.startIndex)
        switch type {
        case .fundIncome: return r.income()
        case .fundSpending: return r.spending()
        case .fundTransfer: return r.transfer()
        default: return nil
        }
    }
}

/// A cursor over a payload's bytes that expects its members in one order (`PayloadRefs.canonicalMovement`).
private struct FixedMembers {
    let bytes: ArraySlice<UInt8>
    var p: Int

    // MARK: - Per type (the members in canonical order; `movement`'s checks of each)

    /// `{"amount_fen":N,"category":S,"counterparty":S,"fund_id":ID[,"source":{}|{"contract_id":ID}],"voucher":S}`
    mutating func income() -> PayloadRefs.Movement? {
        guard byte(UInt8(ascii: "{")), member("\"amount_fen\":"), let fen = amount(), byte(UInt8(ascii: ",")),
              member("\"category\":"), let category = validText(), byte(UInt8(ascii: ",")),
              member("\"counterparty\":"), text() != nil, byte(UInt8(ascii: ",")),
              member("\"fund_id\":"), let fund = id(), byte(UInt8(ascii: ",")) else { return nil }
        if member("\"source\":") {
            guard byte(UInt8(ascii: "{")) else { return nil }
            if member("\"contract_id\":") { guard id() != nil else { return nil } }
            guard byte(UInt8(ascii: "}")), byte(UInt8(ascii: ",")) else { return nil }
        }
        guard member("\"voucher\":"), text() != nil, atEnd() else { return nil }
        return PayloadRefs.Movement(fund: fund, other: nil, amountFen: fen, category: category)
    }

    /// `{"amount_fen":N[,"asset_ids":[ID,…]],"counterparty":S[,"decision_id":ID],"fund_id":ID,"purpose":S
    /// [,"purpose_category":S],"voucher":S}` (an `emergency` member is left to `movement`).
    mutating func spending() -> PayloadRefs.Movement? {
        guard byte(UInt8(ascii: "{")), member("\"amount_fen\":"), let fen = amount(), byte(UInt8(ascii: ",")) else { return nil }
        if member("\"asset_ids\":") {
            guard ids(), byte(UInt8(ascii: ",")) else { return nil }
        }
        guard member("\"counterparty\":"), text() != nil, byte(UInt8(ascii: ",")) else { return nil }
        if member("\"decision_id\":") {
            guard id() != nil, byte(UInt8(ascii: ",")) else { return nil }
        }
        guard member("\"fund_id\":"), let fund = id(), byte(UInt8(ascii: ",")),
              member("\"purpose\":"), text() != nil, byte(UInt8(ascii: ",")) else { return nil }
        var category: Range<Int>? = nil
        if member("\"purpose_category\":") {
            guard let body = validText(), byte(UInt8(ascii: ",")) else { return nil }
            category = body
        }
        guard member("\"voucher\":"), text() != nil, atEnd() else { return nil }
        return PayloadRefs.Movement(fund: fund, other: nil, amountFen: fen, category: category)
    }

    /// `{"amount_fen":N[,"decision_id":ID],"from_fund_id":ID,"to_fund_id":ID,"voucher":S}`, the two funds different.
    mutating func transfer() -> PayloadRefs.Movement? {
        guard byte(UInt8(ascii: "{")), member("\"amount_fen\":"), let fen = amount(), byte(UInt8(ascii: ",")) else { return nil }
        if member("\"decision_id\":") {
            guard id() != nil, byte(UInt8(ascii: ",")) else { return nil }
        }
        guard member("\"from_fund_id\":"), let from = id(), byte(UInt8(ascii: ",")),
              member("\"to_fund_id\":"), let to = id(), byte(UInt8(ascii: ",")),
              member("\"voucher\":"), text() != nil, atEnd(),
              !Bytes.equal(bytes[from], bytes[to]) else { return nil }
        return PayloadRefs.Movement(fund: from, other: to, amountFen: fen, category: nil)
    }

    // MARK: - Pieces

    /// The byte `b` here (then past it).
    @inline(__always) mutating func byte(_ b: UInt8) -> Bool {
        guard p < bytes.endIndex, bytes[p] == b else { return false }
        p += 1
        return true
    }

    /// The member's name as written, with its quotes and colon, here (then past it).
    @inline(__always) mutating func member(_ name: StaticString) -> Bool {
        guard Bytes.matches(bytes, at: p, name) else { return false }
        p += name.utf8CodeUnitCount
        return true
    }

    /// The object's closing brace here, as its last byte.
    func atEnd() -> Bool { p == bytes.endIndex - 1 && bytes[p] == UInt8(ascii: "}") }

    /// `fastAmountFen(minimumFen: 1)` of an amount written as plain digits without a leading zero (at most 13:
    /// `Limits.amountFenMax` has 13), followed by a comma; nil for any other form.
    mutating func amount() -> Int64? {
        var value: Int64 = 0
        var q = p
        while q < bytes.endIndex, q - p < 14 {
            let digit = bytes[q] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value * 10 + Int64(digit)
            q += 1
        }
        guard q > p, q - p <= 13, bytes[p] != UInt8(ascii: "0"), q < bytes.endIndex, bytes[q] == UInt8(ascii: ","),
              value <= Limits.amountFenMax else { return nil }
        p = q
        return value
    }

    /// A string without escapes here: its body (then past it).
    @inline(__always) mutating func plainString() -> Range<Int>? {
        guard p < bytes.endIndex, bytes[p] == UInt8(ascii: "\""), let (end, escaped) = JSONBytes.scanString(bytes, at: p),
              !escaped else { return nil }
        let body = (p + 1)..<(end - 1)
        p = end
        return body
    }

    /// `fastID`: 1…`Limits.idBytesMax` bytes of printable ASCII.
    mutating func id() -> Range<Int>? {
        guard let body = plainString(), !body.isEmpty, body.count <= Limits.idBytesMax else { return nil }
        for q in body {
            let b = bytes[q]
            guard b > 0x20, b < 0x7F else { return nil }
        }
        return body
    }

    /// `fastString` (and `fastPerson` of a plain string): a non-empty string without escapes whose first byte is
    /// visible.
    mutating func text() -> Range<Int>? {
        guard let body = plainString(), let first = body.first.map({ bytes[$0] }) else { return nil }
        let visibleASCII = first < 0x80 && first != 0x20 && !(first >= 0x09 && first <= 0x0D)
        let visibleOther = first >= 0x80 && first != 0xC2 && !(first >= 0xE1 && first <= 0xE3)
        return visibleASCII || visibleOther ? body : nil
    }

    /// `fastStringBody`: `text` whose body is valid UTF-8.
    mutating func validText() -> Range<Int>? {
        guard let body = text(), Bytes.firstInvalidUTF8(bytes[body]) == nil else { return nil }
        return body
    }

    /// `fastIDs`: a non-empty array of distinct `id`s.
    mutating func ids() -> Bool {
        guard byte(UInt8(ascii: "[")) else { return false }
        var seen: [Range<Int>] = []
        while true {
            guard let body = id() else { return false }
            for earlier in seen where Bytes.equal(bytes[earlier], bytes[body]) { return false }
            if byte(UInt8(ascii: "]")) { return true }
            guard byte(UInt8(ascii: ",")) else { return false }
            seen.append(body)
        }
    }
}
