import LedgerPlatform

/// Steps over canonical JSON values in a byte buffer.
enum JSONBytes {
    /// The index just past the string literal that starts at `start` (its opening quote), and whether it holds
    /// an escape; nil if there is none.
    @inline(__always)
    static func scanString(_ bytes: ArraySlice<UInt8>, at start: Int) -> (end: Int, escaped: Bool)? {
        guard start < bytes.endIndex, bytes[start] == UInt8(ascii: "\"") else { return nil }
        return Bytes.endOfJSONString(in: bytes, from: start + 1)
    }

    /// The index just past the string literal that starts at `start`; nil if there is none.
    static func endOfString(_ bytes: ArraySlice<UInt8>, at start: Int) -> Int? { scanString(bytes, at: start)?.end }

    /// The index just past the value that starts at `start`; nil when the bytes end first or are not JSON.
    static func endOfValue(_ bytes: ArraySlice<UInt8>, at start: Int) -> Int? {
        var p = start
        var depth = 0
        while true {
            guard p < bytes.endIndex else { return nil }
            switch bytes[p] {
            case UInt8(ascii: "\""):
                guard let (end, _) = scanString(bytes, at: p) else { return nil }
                p = end
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                p += 1
                continue
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { return nil }
                depth -= 1
                p += 1
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                guard depth > 0 else { return nil }
                p += 1
                continue
            default:
                let first = p
                while p < bytes.endIndex, bytes[p] != UInt8(ascii: ","), bytes[p] != UInt8(ascii: "}"),
                      bytes[p] != UInt8(ascii: "]"), bytes[p] != UInt8(ascii: ":") { p += 1 }
                guard p > first else { return nil }
            }
            if depth == 0 { return p }
        }
    }

    /// Whether `value` is the input form `{"person":"…"}` (one member, a string), which only `ledger append` reads.
    static func isPersonInput(_ value: ArraySlice<UInt8>) -> Bool {
        let prefix = Array("{\"person\":\"".utf8)
        guard value.starts(with: prefix), value.last == UInt8(ascii: "}") else { return false }
        return endOfString(value, at: value.startIndex + prefix.count - 1) == value.endIndex - 1
    }

    /// The text of the string literal at `start`, unescaped. The literal must be well formed (`scanString`).
    static func string(_ bytes: ArraySlice<UInt8>, at start: Int) -> String {
        guard let (end, escaped) = scanString(bytes, at: start) else { return "" }
        let body = start + 1
        guard escaped else { return String(decoding: bytes[body..<(end - 1)], as: UTF8.self) }
        var out = [UInt8]()
        out.reserveCapacity(end - body)
        var i = body
        while i < end - 1 {
            let byte = bytes[i]
            guard byte == UInt8(ascii: "\\") else { out.append(byte); i += 1; continue }
            switch bytes[i + 1] {
            case UInt8(ascii: "\""): out.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "r"): out.append(0x0D)
            default:
                // \uXXXX (canonical JSON writes only \u00xx, for control characters): the parser reads it.
                return (try? JSONParser.parse(Array(bytes[start..<end])))?.stringValue
                    ?? String(decoding: bytes[body..<(end - 1)], as: UTF8.self)
            }
            i += 2
        }
        return String(decoding: out, as: UTF8.self)
    }
}
