import LedgerPlatform

/// The names of a `PayloadKey`'s cases. They are spelt out (reading case names by reflection costs a conformance
/// scan of the whole binary per type at start-up); checked against the cases in builds with internal checks. A
/// class, so that reading a name does not copy (and retain) the tables.
final class PayloadKeyNames: Sendable {
    let text: [String]
    let bytes: [[UInt8]]
    /// All names back to back, and where each starts (`offsets[k]..<offsets[k + 1]`): compared without
    /// touching a nested array per member.
    let flat: [UInt8]
    let offsets: [Int]
    /// Each name as the writer puts it before a value, `"name":`, with and without a comma before it.
    let keyed: ByteTable
    let keyedAfterComma: ByteTable

    init<K: PayloadKey>(_: K.Type, _ names: String...) {
        text = names
        bytes = names.map { Array($0.utf8) }
        flat = Array(bytes.joined())
        offsets = bytes.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        keyed = ByteTable(bytes.map { [UInt8(ascii: "\"")] + $0 + [UInt8(ascii: "\""), UInt8(ascii: ":")] })
        keyedAfterComma = ByteTable(bytes.map { [UInt8(ascii: ","), UInt8(ascii: "\"")] + $0 + [UInt8(ascii: "\""), UInt8(ascii: ":")] })
        precondition(names.count == K.allCases.count && names.count <= 16, "\(K.self): one name per case, at most 16")
        #if LEDGER_INTERNAL_CHECKS
        for (index, key) in K.allCases.enumerated() {
            precondition(key.rawValue == index && String(describing: key) == names[index], "\(K.self): names in case order")
        }
        for index in bytes.indices.dropFirst() {
            precondition(bytes[index - 1].lexicographicallyPrecedes(bytes[index]), "\(K.self): members in canonical order")
        }
        #endif
    }

    /// The name written as the key at `at` (its opening quote) among `first` and the names after it, and the index
    /// just past the key's closing quote; nil when none of them is there.
    @inline(__always)
    func match(_ bytes: ArraySlice<UInt8>, at start: Int, from first: Int) -> (index: Int, end: Int)? {
        guard start < bytes.endIndex, bytes[start] == UInt8(ascii: "\"") else { return nil }
        let count = offsets.count - 1
        var index = first
        while index < count {
            let nameStart = offsets[index], length = offsets[index + 1] - nameStart
            let quote = start + 1 + length
            if quote + 1 < bytes.endIndex, bytes[quote] == UInt8(ascii: "\""), bytes[quote + 1] == UInt8(ascii: ":") {
                var i = 0
                while i < length, flat[nameStart + i] == bytes[start + 1 + i] { i += 1 }
                if i == length { return (index, quote + 1) }
            }
            index += 1
        }
        return nil
    }

    /// The index of the name equal to `bytes[from..<to]`, trying `first` and the names after it first (members
    /// come in canonical order, so the next member is usually the next name); nil when none is.
    @inline(__always)
    func index(of bytes: ArraySlice<UInt8>, from: Int, to: Int, first: Int) -> Int? {
        let count = offsets.count - 1
        let length = to - from
        var index = first
        for _ in 0..<count {
            let start = offsets[index]
            if offsets[index + 1] - start == length {
                var i = 0
                while i < length, flat[start + i] == bytes[from + i] { i += 1 }
                if i == length { return index }
            }
            index = index + 1 == count ? 0 : index + 1
        }
        return nil
    }
}
