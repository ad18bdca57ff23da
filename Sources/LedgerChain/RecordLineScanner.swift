import LedgerEvents
import LedgerPlatform

/// A strict, non-allocating reader of the record line layout (ledger-spec.md section 2): checks every member's
/// name, order and form, the id and type rules, and that every string and `data` are in canonical form, so that
/// verify need not build JSON values and accepts exactly the lines `RecordCodec.decode` accepts.
enum RecordLineScanner {
    /// Reads a line: the fast path (`Bytes.recordLineLayout`, in place) for the usual line, the full scan for the
    /// rest and for every line it refuses, so the answers and messages are the full scan's.
    static func scan(_ line: ArraySlice<UInt8>) throws(ChainError) -> ScannedLine {
        if let scanned = fastScan(line) { return scanned }
        return try fullScan(line)
    }

    static let fastLimits = RecordLineLimits(recordBytes: Limits.recordBytesMax, idBytes: Limits.idBytesMax,
                                             stringBytes: Limits.stringBytesMax, depth: Limits.jsonDepthMax,
                                             integerMagnitude: Limits.jsonIntegerMax)

    /// The fast path alone: a line `fullScan` accepts with the same values, or nil (the line may still be valid).
    static func fastScan(_ line: ArraySlice<UInt8>) -> ScannedLine? {
        guard let layout = Bytes.recordLineLayout(line, limits: fastLimits) else { return nil }
        return scanned(line, layout: layout)
    }

    /// The fast path's answer from a layout `Bytes.recordLineLayout` (or `Bytes.recordLineWork`) found in `line`:
    /// its dates read, or nil when they are not dates (the full scan words that).
    static func scanned(_ line: ArraySlice<UInt8>, layout: RecordLineLayout) -> ScannedLine? {
        scanned(lineStart: line.startIndex, layout: layout)
    }

    /// `scanned(_:layout:)` for a line whose first byte is at index `s`: the layout holds all it needs (the
    /// dates' numbers), so verify's workers call it without touching the bytes again.
    static func scanned(lineStart s: Int, layout: RecordLineLayout) -> ScannedLine? {
        func moved(_ range: Range<Int>) -> Range<Int> { (range.lowerBound + s)..<(range.upperBound + s) }
        // The calendar checks of `CalendarDate(isoBytes:)` and `Timestamp(rfc3339Bytes:)` on the numbers the fast
        // path read (it checked their digits and separators).
        let o = layout.occurredOnFields, r = layout.recordedAtFields
        guard let occurredOn = CalendarDate(year: Int(o.year), month: Int(o.month), day: Int(o.day)),
              let recordedDay = CalendarDate(year: Int(r.year), month: Int(r.month), day: Int(r.day)),
              r.hour < 24, r.minute < 60, r.second < 60 else { return nil }
        let recordedAt = Timestamp(secondsSinceEpoch: Int64(recordedDay.dayNumber) * 86_400
                                   + Int64(Int(r.hour) * 3600 + Int(r.minute) * 60 + Int(r.second)))
        return ScannedLine(seq: layout.seq, batchFirst: layout.batchFirst, batchLast: layout.batchLast, lineStart: s,
                           idRange: moved(layout.id), typeRange: moved(layout.type), actorRange: moved(layout.actor),
                           dataRange: moved(layout.data), occurredOn: occurredOn, recordedAt: recordedAt)
    }

    /// The writer's pre-write check of the line made last in `buffer` (from `start` to its end): throws what
    /// `scan` throws for it, reading it in place on the fast path (the full scan, for a line off it, of a copy).
    static func check(_ buffer: LineBuffer, from start: Int) throws(ChainError) {
        if let layout = Bytes.recordLineLayout(buffer, from: start, limits: fastLimits), scanned(lineStart: 0, layout: layout) != nil {
            return
        }
        _ = try fullScan(buffer.bytes(from: start)[...])
    }

    /// The full scan: every rule, with the message for the first one a line breaks.
    static func fullScan(_ line: ArraySlice<UInt8>) throws(ChainError) -> ScannedLine {
        guard line.count <= Limits.recordBytesMax else { throw .recordLine(.tooLong(line.count)) }
        var p = line.startIndex
        // The layout's fixed text (`RecordLineText`); a mismatch names the text expected.
        func expect(_ text: StaticString) -> ChainError.LineProblem? {
            guard Bytes.matches(line, at: p, text) else {
                return .badLayout(.expected(text: RecordLineText.string(text), byte: p - line.startIndex + 1))
            }
            p += text.utf8CodeUnitCount
            return nil
        }
        func hex64(_ what: String) -> ArraySlice<UInt8>? {
            guard p + 64 <= line.endIndex else { return nil }
            let slice = line[p..<p + 64]
            guard Bytes.isLowerHex(slice) else { return nil }
            p += 64
            return slice
        }
        func integer() -> Int64? {
            let start = p
            var value: Int64 = 0
            while p < line.endIndex, line[p] >= UInt8(ascii: "0"), line[p] <= UInt8(ascii: "9") {
                guard p - start < 16 else { return nil }
                value = value * 10 + Int64(line[p] - UInt8(ascii: "0"))
                p += 1
            }
            guard p > start, !(p - start > 1 && line[start] == UInt8(ascii: "0")) else { return nil }
            // seq, batch.first and batch.last are counts from 1 and JSON integers (section 2): a value outside
            // 1…2^53 − 1 is not of the member's form (unparsable), whatever the chain around it.
            guard value >= 1, value <= Limits.jsonIntegerMax else { return nil }
            return value
        }
        func string(_ what: String) -> ChainError.LineProblem? {
            guard p < line.endIndex, line[p] == UInt8(ascii: "\"") else { return .badLayout(.notAString(member: what)) }
            do { p = try JSONValidator.validateCanonicalValue(in: line, from: p) } catch { return .notJSON(.member(what, reason: SystemWords.storedJSON(error, line: line))) }
            return nil
        }
        if let e = expect(RecordLineText.hash) { throw .recordLine(e) }
        guard hex64("hash") != nil else { throw .recordLine(.badLayout(.notHex(member: "hash"))) }
        if let e = expect(RecordLineText.prev) { throw .recordLine(e) }
        guard hex64("prev") != nil else { throw .recordLine(.badLayout(.notHex(member: "prev"))) }
        if let e = expect(RecordLineText.seq) { throw .recordLine(e) }
        guard let seq = integer() else { throw .recordLine(.badLayout(.notACount(member: "seq"))) }
        if let e = expect(RecordLineText.batchFirst) { throw .recordLine(e) }
        guard let first = integer() else { throw .recordLine(.badLayout(.notACount(member: "batch.first"))) }
        if let e = expect(RecordLineText.batchLast) { throw .recordLine(e) }
        guard let last = integer() else { throw .recordLine(.badLayout(.notACount(member: "batch.last"))) }
        if let e = expect(RecordLineText.id) { throw .recordLine(e) }
        let idStart = p + 1
        if let e = string("id") { throw .recordLine(e) }
        let idBytes = line[idStart..<(p - 1)]
        if let problem = idProblem(idBytes) { throw .recordLine(.badLayout(.badID(problem))) }
        if let e = expect(RecordLineText.type) { throw .recordLine(e) }
        let typeStart = p
        if let e = string("type") { throw .recordLine(e) }
        guard isTypeName(line[typeStart + 1..<p - 1]) else {
            throw .recordLine(.badLayout(.notATypeName))
        }
        let typeRange = typeStart..<p
        if let e = expect(RecordLineText.occurredOn) { throw .recordLine(e) }
        guard p + 10 <= line.endIndex, let occurredOn = CalendarDate(isoBytes: line[p..<p + 10]) else {
            throw .recordLine(.badLayout(.notADate))
        }
        p += 10
        if let e = expect(RecordLineText.recordedAt) { throw .recordLine(e) }
        guard p + 20 <= line.endIndex, let recordedAt = Timestamp(rfc3339Bytes: line[p..<p + 20]) else {
            throw .recordLine(.badLayout(.notATime))
        }
        p += 20
        if let e = expect(RecordLineText.actor) { throw .recordLine(e) }
        let actorStart = p
        if let e = string("actor") { throw .recordLine(e) }
        guard actorHasText(line[actorStart..<p]) else { throw .recordLine(.badLayout(.emptyActor)) }
        let actorRange = actorStart..<p
        if let e = expect(RecordLineText.data) { throw .recordLine(e) }
        guard p < line.endIndex, line[p] == UInt8(ascii: "{") else { throw .recordLine(.badLayout(.dataNotAnObject)) }
        let dataStart = p
        do { p = try JSONValidator.validateCanonicalValue(in: line, from: p) } catch { throw .recordLine(.notJSON(.member("data", reason: SystemWords.storedJSON(error, line: line)))) }
        guard p + 1 == line.endIndex, line[p] == UInt8(ascii: "}") else {
            throw .recordLine(.badLayout(.bytesAfterData))
        }
        return ScannedLine(seq: seq, batchFirst: first, batchLast: last, lineStart: line.startIndex,
                           idRange: idBytes.startIndex..<idBytes.endIndex, typeRange: typeRange, actorRange: actorRange,
                           dataRange: dataStart..<p, occurredOn: occurredOn, recordedAt: recordedAt)
    }

    /// `EventInput.actorProblem == nil` for the actor's string literal (quotes included, already validated), with a
    /// fast path: without escapes, any printable ASCII byte is a character that is not white space.
    static func actorHasText(_ literal: ArraySlice<UInt8>) -> Bool {
        let body = literal.dropFirst().dropLast()
        if !body.contains(UInt8(ascii: "\\")), body.contains(where: { $0 > 0x20 && $0 < 0x7F }) { return true }
        guard let text = (try? JSONParser.parse(Array(literal)))?.stringValue else { return false }
        return EventInput.actorProblem(text) == nil
    }

    /// `EventInput.idProblem` on the id's bytes, with a fast path for printable ASCII (the usual case).
    static func idProblem(_ id: ArraySlice<UInt8>) -> Wording? {
        guard !id.isEmpty, id.count <= Limits.idBytesMax else {
            return Wording(en: "is empty or longer than \(Limits.idBytesMax) bytes", zh: "为空或长于 \(Limits.idBytesMax) 字节")
        }
        var ascii = true
        for byte in id {
            if byte <= 0x20 || byte == 0x7F || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                return Wording(en: "contains a space, quote, backslash or control character", zh: "含有空格、引号、反斜杠或控制字符")
            }
            if byte >= 0x80 { ascii = false }
        }
        return ascii ? nil : EventInput.idProblemWording(String(decoding: id, as: UTF8.self))
    }

    /// `[a-z][a-z0-9_.]*`, at most 64 bytes (`EventInput.typeProblem`).
    static func isTypeName(_ type: ArraySlice<UInt8>) -> Bool {
        guard let first = type.first, first >= UInt8(ascii: "a"), first <= UInt8(ascii: "z"), type.count <= 64 else { return false }
        for b in type {
            let ok = (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))
                || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
            if !ok { return false }
        }
        return true
    }
}
