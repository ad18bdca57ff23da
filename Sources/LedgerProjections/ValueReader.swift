import LedgerChain
import LedgerEvents
import LedgerPlatform

/// Reads what `ValueWriter` wrote; nil on anything malformed (the caller treats it as damage).
struct ValueReader {
    let bytes: [UInt8]
    var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { offset == bytes.count }

    mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
        return nil
    }
    mutating func signed() -> Int64? {
        guard let v = varint() else { return nil }
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }
    mutating func day() -> Int32? {
        guard let v = signed(), let d = Int32(exactly: v) else { return nil }
        return d
    }
    mutating func string() -> String? {
        guard let count = varint(), count <= UInt64(bytes.count - offset) else { return nil }
        defer { offset += Int(count) }
        return String(validating: bytes[offset..<(offset + Int(count))], as: UTF8.self)
    }
    mutating func optionalDay() -> Int32?? {
        guard let flag = varint(), flag <= 1 else { return nil }
        if flag == 0 { return .some(nil) }
        guard let d = day() else { return nil }
        return .some(d)
    }

    mutating func entry() -> ReferenceChecker.Entry? {
        guard let day = day(), let position = signed(), let evidence = signed(), let flag = varint(), flag <= 1 else { return nil }
        var community: String? = nil
        if flag == 1 { guard let c = string() else { return nil }; community = c }
        return ReferenceChecker.Entry(day: day, position: position, evidenceSeq: evidence, communityID: community)
    }

    mutating func rounds() -> Rounds? {
        var r = Rounds()
        guard let issuerCount = varint(), issuerCount <= UInt64(bytes.count) else { return nil }
        for _ in 0..<issuerCount {
            guard let list = string(), let day = day(), let position = signed(), let evidence = signed() else { return nil }
            r.issuers.append(ReferenceChecker.Issuer(listID: list, day: day, position: position, evidenceSeq: evidence))
        }
        guard let stepCount = varint(), stepCount <= UInt64(bytes.count) else { return nil }
        for _ in 0..<stepCount {
            guard let day = day(), let position = signed(), let evidence = signed(), let closes = varint(), closes <= 2 else { return nil }
            r.steps.append(ReferenceChecker.Step(day: day, position: position, evidenceSeq: evidence, closes: closes == 0 ? nil : closes == 2))
        }
        guard let stepDay = optionalDay(), let extendDay = optionalDay() else { return nil }
        r.stepDay = stepDay
        r.extendDay = extendDay
        return r
    }
}
