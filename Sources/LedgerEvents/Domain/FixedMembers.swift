import LedgerPlatform

/// A cursor over a payload's bytes that expects its members in one order (`PayloadRefs.canonicalMovement`,
/// `canonicalRead`, and the registering records' `canonicalLinks`, PayloadRefs+Registering.swift).
/// Member names are compared eight bytes at a time against constants (`MemberName`) and strings' ends found by a
/// word scan (`Bytes.u64`, inlined across modules: no call, no pointer code here), each with the punctuation before
/// it; the reading is the same sequence of byte checks as one byte at a time.
struct FixedMembers {
    let bytes: ArraySlice<UInt8>
    var p: Int

    // MARK: - Per type (the members in canonical order; `movement`'s checks of each)

    // With `collect`, each reader appends the ids it vouches for to `refs` in `PayloadRefs.read`'s order (the order
    // the checks' fold references them); the caller removes them when it answers nil.

    /// `{"amount_fen":N,"category":S,"counterparty":S,"fund_id":ID[,"source":{}|{"contract_id":ID}],"voucher":S}`
    mutating func income(_ refs: inout [PayloadRefs.Ref], collect: Bool) -> PayloadRefs.Movement? {
        guard member(.amountFen), let fen = amount(), member(.category), let category = validText(),
              member(.counterparty), text() != nil, member(.fundID), let fund = id() else { return nil }
        var contract: Range<Int>? = nil
        if member(.sourceObject) {
            if member(.contractID) {
                guard let body = id() else { return nil }
                contract = body
            }
            guard byte(UInt8(ascii: "}")) else { return nil }
        }
        guard member(.voucher), text() != nil, atEnd() else { return nil }
        if collect {
            refs.append(PayloadRefs.Ref(kind: .fund, range: fund, notRetired: false))
            if let contract { refs.append(PayloadRefs.Ref(kind: .contract, range: contract, notRetired: false)) }
        }
        return PayloadRefs.Movement(fund: fund, other: nil, amountFen: fen, category: category)
    }

    /// `{"amount_fen":N[,"asset_ids":[ID,…]],"counterparty":S[,"decision_id":ID],"fund_id":ID,"purpose":S
    /// [,"purpose_category":S],"voucher":S}` (an `emergency` member is left to `movement`).
    mutating func spending(_ refs: inout [PayloadRefs.Ref], collect: Bool) -> PayloadRefs.Movement? {
        guard member(.amountFen), let fen = amount() else { return nil }
        var assets: [Range<Int>] = []
        if member(.assetIDsArray) {
            guard ids(&assets) else { return nil }
        }
        guard member(.counterparty), text() != nil else { return nil }
        var decision: Range<Int>? = nil
        if member(.decisionID) {
            guard let body = id() else { return nil }
            decision = body
        }
        guard member(.fundID), let fund = id(), member(.purpose), text() != nil else { return nil }
        var category: Range<Int>? = nil
        if member(.purposeCategory) {
            guard let body = validText() else { return nil }
            category = body
        }
        guard member(.voucher), text() != nil, atEnd() else { return nil }
        if collect {
            refs.append(PayloadRefs.Ref(kind: .fund, range: fund, notRetired: false))
            if let decision { refs.append(PayloadRefs.Ref(kind: .decision, range: decision, notRetired: false)) }
            for asset in assets { refs.append(PayloadRefs.Ref(kind: .asset, range: asset, notRetired: true)) }
        }
        return PayloadRefs.Movement(fund: fund, other: nil, amountFen: fen, category: category)
    }

    /// `{"amount_fen":N[,"decision_id":ID],"from_fund_id":ID,"to_fund_id":ID,"voucher":S}`, the two funds different.
    mutating func transfer(_ refs: inout [PayloadRefs.Ref], collect: Bool) -> PayloadRefs.Movement? {
        guard member(.amountFen), let fen = amount() else { return nil }
        var decision: Range<Int>? = nil
        if member(.decisionID) {
            guard let body = id() else { return nil }
            decision = body
        }
        guard member(.fromFundID), let from = id(), member(.toFundID), let to = id(),
              member(.voucher), text() != nil, atEnd(),
              !Bytes.equal(bytes[from], bytes[to]) else { return nil }
        if collect {
            refs.append(PayloadRefs.Ref(kind: .fund, range: from, notRetired: false))
            refs.append(PayloadRefs.Ref(kind: .fund, range: to, notRetired: false))
            if let decision { refs.append(PayloadRefs.Ref(kind: .decision, range: decision, notRetired: false)) }
        }
        return PayloadRefs.Movement(fund: from, other: to, amountFen: fen, category: nil)
    }

    /// `{"asset_id":ID,"inspector":S[,"note":S],"observed":C}` (`inspectionRecorded`'s checks: the inspector a plain
    /// string, `fastPerson`'s; the observation one of `Observation`'s raw values, `fastChoice`'s), its asset appended.
    mutating func inspection(_ refs: inout [PayloadRefs.Ref]) -> Bool {
        guard member(.assetID), let asset = id(), member(.inspector), text() != nil else { return false }
        if member(.note) {
            guard text() != nil else { return false }
        }
        guard member(.observed), let (body, _) = plainString(idBytes: false), atEnd() else { return false }
        let observed = bytes[body]
        guard Observation.allCases.contains(where: { $0.rawValue.utf8.elementsEqual(observed) }) else { return false }
        refs.append(PayloadRefs.Ref(kind: .asset, range: asset, notRetired: true))
        return true
    }

    // MARK: - Pieces

    /// The byte `b` here (then past it).
    @inline(__always) mutating func byte(_ b: UInt8) -> Bool {
        guard p < bytes.endIndex, bytes[p] == b else { return false }
        p += 1
        return true
    }

    /// The member's name as written, with the punctuation around it (`MemberName`), here (then past it).
    @inline(__always) mutating func member(_ name: MemberName) -> Bool {
        let end = p + name.count
        guard end <= bytes.endIndex, Bytes.u64(bytes, at: p) == name.head, Bytes.u64(bytes, at: end - 8) == name.tail,
              name.count <= 16 || Bytes.u64(bytes, at: p + 8) == name.middle else { return false }
        p = end
        return true
    }

    /// The object's closing brace here, as its last byte.
    func atEnd() -> Bool { p == bytes.endIndex - 1 && bytes[p] == UInt8(ascii: "}") }

    /// The plain digits here, at most `limit` of them read (one more than a caller allows, to tell a longer run):
    /// their value and the index after them; nothing moved. The value wraps rather than traps past `Int64.max` (19
    /// nines): a caller refuses a run that long, so a wrapped value is never used.
    @inline(__always) func digits(readingAtMost limit: Int) -> (value: Int64, end: Int) {
        var value: Int64 = 0
        var q = p
        while q < bytes.endIndex, q - p < limit {
            let digit = bytes[q] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value &* 10 &+ Int64(digit)
            q += 1
        }
        return (value, q)
    }

    /// `fastAmountFen(minimumFen: 1)` of an amount written as plain digits without a leading zero (at most 13:
    /// `Limits.amountFenMax` has 13), followed by a comma (left for the next member's name; with `orClose`, or the
    /// brace that closes the object, left too); nil for any other form.
    mutating func amount(orClose: Bool = false) -> Int64? {
        let (value, q) = digits(readingAtMost: 14)
        guard q > p, q - p <= 13, bytes[p] != UInt8(ascii: "0"), q < bytes.endIndex,
              bytes[q] == UInt8(ascii: ",") || (orClose && bytes[q] == UInt8(ascii: "}")),
              value <= Limits.amountFenMax else { return nil }
        p = q
        return value
    }

    /// A string here whose body holds no backslash, and, with `idBytes`, only bytes `!`…`~` (`fastID`'s): its body
    /// and whether it is all ASCII (then past it); nil for any other value. The body ends at the first quote, as `JSONBytes.scanString` finds it
    /// (a backslash before it is an escape: nil, as `scanString`'s `escaped`).
    @inline(__always) mutating func plainString(idBytes: Bool) -> (body: Range<Int>, ascii: Bool)? {
        guard p < bytes.endIndex, bytes[p] == UInt8(ascii: "\"") else { return nil }
        let start = p + 1
        let end = bytes.endIndex
        var q = start
        // The high bits of the body's bytes (an id's are all clear: `idBytes` stops at a byte ≥ 0x80).
        var high: UInt64 = 0
        while q + 8 <= end {
            let x = Bytes.u64(bytes, at: q)
            var stop = WordTest.equal(x, UInt8(ascii: "\"")) | WordTest.equal(x, UInt8(ascii: "\\"))
            if idBytes { stop |= WordTest.below(x, 0x21) | WordTest.equal(x, 0x7F) | (x & WordTest.high) }
            if stop != 0 {
                // The lowest flagged byte is a true match (a borrow only ever flags bytes above one).
                let k = stop.trailingZeroBitCount >> 3
                if k > 0 { high |= x & (UInt64.max >> (64 - 8 * k)) }
                q += k
                break
            }
            high |= x
            q += 8
        }
        while q < end {
            let b = bytes[q]
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || (idBytes && (b < 0x21 || b >= 0x7F)) { break }
            high |= UInt64(b)
            q += 1
        }
        guard q < end, bytes[q] == UInt8(ascii: "\"") else { return nil }
        p = q + 1
        return (start..<q, high & WordTest.high == 0)
    }

    /// `fastID`: 1…`Limits.idBytesMax` bytes of printable ASCII.
    mutating func id() -> Range<Int>? {
        guard let (body, _) = plainString(idBytes: true), !body.isEmpty, body.count <= Limits.idBytesMax else { return nil }
        return body
    }

    /// `fastString` (and `fastPerson` of a plain string): a non-empty string without escapes whose first byte is
    /// visible.
    mutating func text() -> Range<Int>? {
        guard let (body, _) = plainString(idBytes: false), startsVisibly(body) else { return nil }
        return body
    }

    /// `fastStringBody`: `text` whose body is valid UTF-8 (an ASCII body is: the city's categories).
    mutating func validText() -> Range<Int>? {
        guard let (body, ascii) = plainString(idBytes: false), startsVisibly(body),
              ascii || Bytes.firstInvalidUTF8(bytes[body]) == nil else { return nil }
        return body
    }

    /// A non-empty body whose first byte is visible (`text`).
    @inline(__always) func startsVisibly(_ body: Range<Int>) -> Bool {
        guard !body.isEmpty else { return false }
        let first = bytes[body.lowerBound]
        let visibleASCII = first < 0x80 && first != 0x20 && !(first >= 0x09 && first <= 0x0D)
        let visibleOther = first >= 0x80 && first != 0xC2 && !(first >= 0xE1 && first <= 0xE3)
        return visibleASCII || visibleOther
    }

    /// `fastIDs`: a non-empty array of distinct `id`s (its opening bracket already read, with the member's name),
    /// their bodies in `seen` in order.
    mutating func ids(_ seen: inout [Range<Int>]) -> Bool {
        while true {
            guard let body = id() else { return false }
            for earlier in seen where Bytes.equal(bytes[earlier], bytes[body]) { return false }
            seen.append(body)
            if byte(UInt8(ascii: "]")) { return true }
            guard byte(UInt8(ascii: ",")) else { return false }
        }
    }
}
