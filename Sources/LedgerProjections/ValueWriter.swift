import LedgerChain
import LedgerEvents
import LedgerPlatform

// MARK: - value encoding

/// Little helpers for the entries' values: LEB128 varints, zig-zag for signed numbers, counted strings.
struct ValueWriter {
    var bytes: [UInt8] = []

    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 { bytes.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        bytes.append(UInt8(v))
    }
    mutating func signed(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }
    mutating func string(_ text: String) { varint(UInt64(text.utf8.count)); bytes += text.utf8 }
    mutating func optionalDay(_ day: Int32?) {
        if let day { varint(1); signed(Int64(day)) } else { varint(0) }
    }

    mutating func entry(_ e: ReferenceChecker.Entry) {
        signed(Int64(e.day)); signed(e.position); signed(e.evidenceSeq)
        if let c = e.communityID { varint(1); string(c) } else { varint(0) }
    }

    mutating func rounds(_ r: Rounds) {
        varint(UInt64(r.issuers.count))
        for i in r.issuers { string(i.listID); signed(Int64(i.day)); signed(i.position); signed(i.evidenceSeq) }
        varint(UInt64(r.steps.count))
        for s in r.steps {
            signed(Int64(s.day)); signed(s.position); signed(s.evidenceSeq)
            varint(s.closes == nil ? 0 : s.closes! ? 2 : 1)
        }
        optionalDay(r.stepDay)
        optionalDay(r.extendDay)
    }
}
