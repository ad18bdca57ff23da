import LedgerPlatform

/// What the first bytes of a file say about its encoding, before any cell is decoded (`CellDecoder` decides
/// the rest cell by cell).
enum EncodingSniffer {
    /// Whether `body` (the first chunk after any byte-order mark) is all ASCII, UTF-8 with other characters, or not
    /// UTF-8. `complete` is true when `body` is the whole file (no character can be cut at its end).
    static func firstChunk(_ body: ArraySlice<UInt8>, complete: Bool) -> CSVPreamble.FirstChunkText {
        guard body.contains(where: { $0 >= 0x80 }) else { return .ascii }
        // A multi-byte character cut at the end of the first chunk is not an error.
        var valid = false
        for cut in 0...(complete ? 0 : 3) where cut <= body.count {
            if String(validating: body.dropLast(cut), as: UTF8.self) != nil { valid = true; break }
        }
        // Mostly valid UTF-8 with a few bad sequences (one cell typed in GBK) is a UTF-8 file with bad cells:
        // reading all of it as GB18030 would silently turn every UTF-8 cell into other characters. GB18030 text
        // forms valid UTF-8 sequences only by chance, a small share of its bytes. Text that is valid GB18030 stays
        // GB18030 (a GB18030 run such as 很很很 can look like UTF-8 pairs).
        return valid || (!isGB18030(body, cut: !complete) && isMostlyUTF8(body)) ? .utf8 : .notUTF8
    }

    /// The UTF-16 or UTF-32 encoding of a file's first bytes, or nil when it is neither (UTF-8 or GB18030 text).
    /// A byte-order mark says it (UTF-32LE's `FF FE 00 00` begins like UTF-16LE's `FF FE`, so it is looked for
    /// first). Without one the NUL bytes do: UTF-8 and GB18030 text has none, while in UTF-16 each ASCII character
    /// has a NUL beside it, and in UTF-32 every character has at least two. Excel's "Unicode Text" and WPS sometimes
    /// write UTF-16 without a mark; read as GB18030 it was refused cell by cell for the wrong reason.
    static func wideText(_ head: [UInt8]) -> NotCSVFormat? {
        if head.starts(with: [0xFF, 0xFE, 0x00, 0x00]) { return .utf32(bigEndian: false, byteOrderMark: true) }
        if head.starts(with: [0x00, 0x00, 0xFE, 0xFF]) { return .utf32(bigEndian: true, byteOrderMark: true) }
        if head.starts(with: [0xFF, 0xFE]) { return .utf16(bigEndian: false, byteOrderMark: true) }
        if head.starts(with: [0xFE, 0xFF]) { return .utf16(bigEndian: true, byteOrderMark: true) }
        let sample = head.prefix(head.count & ~3)
        guard !sample.isEmpty, sample.contains(0) else { return nil }
        // UTF-32: two NULs in the same places of every four bytes (no character is above U+FFFF in a CSV's first
        // lines), and no NUL character (binary data, not text).
        var quadZeros = [0, 0, 0, 0], nulCharacters = 0
        for start in stride(from: sample.startIndex, to: sample.endIndex, by: 4) {
            for place in 0..<4 where sample[start + place] == 0 { quadZeros[place] += 1 }
            if sample[start..<(start + 4)].allSatisfy({ $0 == 0 }) { nulCharacters += 1 }
        }
        let quads = sample.count / 4
        if nulCharacters == 0, quadZeros[2] == quads, quadZeros[3] == quads { return .utf32(bigEndian: false, byteOrderMark: false) }
        if nulCharacters == 0, quadZeros[0] == quads, quadZeros[1] == quads { return .utf32(bigEndian: true, byteOrderMark: false) }
        // UTF-16: the characters every CSV is full of — separators, quotes, line ends, digits — as pairs read one
        // way and the other. A CJK character can look like a digit read the wrong way (U+3000, the ideographic space,
        // is `00 30` in UTF-16LE: "0" in UTF-16BE; 一 U+4E00 is `00 4E`), so the way is judged by the separators,
        // quotes and line ends alone, which no CJK character mimics (review 37c F3: a title padded with U+3000 tipped
        // it), and must win by far; the digits count towards how much of the sample is CSV.
        var little = 0, big = 0, littleSeparators = 0, bigSeparators = 0
        for start in stride(from: sample.startIndex, to: sample.endIndex, by: 2) {
            let (first, second) = (sample[start], sample[start + 1])
            if first == 0 && second == 0 { return nil }
            if second == 0 && isStructural(first) {
                little += 1
                if !isDigit(first) { littleSeparators += 1 }
            }
            if first == 0 && isStructural(second) {
                big += 1
                if !isDigit(second) { bigSeparators += 1 }
            }
        }
        let pairs = sample.count / 2
        if littleSeparators >= 2, little * 32 >= pairs, bigSeparators * 4 <= littleSeparators { return .utf16(bigEndian: false, byteOrderMark: false) }
        if bigSeparators >= 2, big * 32 >= pairs, littleSeparators * 4 <= bigSeparators { return .utf16(bigEndian: true, byteOrderMark: false) }
        return nil
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// A byte of the ASCII a CSV is made of: separators, quote, line ends, digits.
    private static func isStructural(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09, 0x0A, 0x0D, 0x22, 0x2C, 0x3B, 0x30...0x39: return true
        default: return false
        }
    }

    /// True when `bytes` decode as GB18030, allowing a character cut at the end when `cut`.
    static func isGB18030(_ bytes: ArraySlice<UInt8>, cut: Bool) -> Bool {
        let decoder = GB18030Decoder()
        for drop in 0...(cut ? 3 : 0) where drop <= bytes.count {
            if (try? decoder.decode(bytes.dropLast(drop))) != nil { return true }
        }
        return false
    }

    /// True when more non-ASCII bytes belong to well-formed UTF-8 sequences than not.
    static func isMostlyUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var inValid = 0
        var invalid = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] < 0x80 { i += 1; continue }
            if let width = Bytes.utf8SequenceWidth(in: bytes, at: i) { inValid += width; i += width } else { invalid += 1; i += 1 }
        }
        return inValid > invalid
    }
}
