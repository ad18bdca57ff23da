extension Bytes {
    /// The text of `bytes` when they are valid UTF-8 (the codebase's one rule, `firstInvalidUTF8`), nil otherwise:
    /// validated once, here. `String(decoding:as:)` after `firstInvalidUTF8` validated every cell of an import a
    /// second time (its own check, which repairs), and `String(validating:as:)` is generic code, slower still.
    public static func validUTF8String(_ bytes: ArraySlice<UInt8>) -> String? {
        bytes.withUnsafeBufferPointer { buffer -> String? in
            // The 8-byte ASCII scan first: most cells of a register are ASCII (ids, areas, dates).
            let n = buffer.count
            let raw = UnsafeRawBufferPointer(buffer)
            var i = 0
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            while i < n, buffer[i] < 0x80 { i += 1 }
            let ascii = i == n
            if !ascii, firstInvalidUTF8(bytes[(bytes.startIndex + i)...]) != nil { return nil }
            // Valid by the check above: the string is made from the bytes as they are, without a second check.
            let span = unsafe Span(_unsafeElements: buffer)
            return String(copying: unsafe UTF8Span(unchecked: span, isKnownASCII: ascii))
        }
    }

    /// Appends `text`'s UTF-8 to `buffer` in one copy: reading a string's bytes one by one through its `UTF8View`
    /// costs tens of instructions a byte, and `append(contentsOf: text.utf8)` some hundred a call.
    public static func appendUTF8(_ text: String, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
    }

    /// `text`'s first and last UTF-8 bytes and its length in bytes; nil for the empty text. (A cell's trimming asks
    /// these of every cell: through the `UTF8View` they cost tens of instructions each.)
    public static func utf8Ends(_ text: String) -> (first: UInt8, last: UInt8, count: Int)? {
        var text = text
        return text.withUTF8 { $0.isEmpty ? nil : ($0[0], $0[$0.count - 1], $0.count) }
    }

    /// `text` with its ASCII letters in upper case (`upper`) or lower case, other bytes as they are; `text` itself
    /// when it has no letter to change (no string made). The bytes are read and written in place, not through the
    /// string's `UTF8View` and an array (an import makes the case forms of every row's id).
    public static func asciiCase(_ text: String, upper: Bool) -> String {
        var text = text
        let from: UInt8 = upper ? 0x61 : 0x41
        return text.withUTF8 { source -> String? in
            guard let first = source.firstIndex(where: { $0 &- from < 26 }) else { return nil }
            return String(unsafeUninitializedCapacity: source.count) { target -> Int in
                for index in 0..<source.count {
                    let byte = source[index]
                    target[index] = index >= first && byte &- from < 26 ? byte ^ 0x20 : byte
                }
                return source.count
            }
        } ?? text
    }
}
