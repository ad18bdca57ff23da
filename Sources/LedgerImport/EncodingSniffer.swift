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
