import LedgerEvents
import LedgerPlatform

/// Decodes cells strictly in the file's encoding, deciding it on the way when it was not given.
struct CellDecoder {
    private(set) var encoding: RegisterEncoding?
    /// True when the encoding was given or declared by a BOM: a bad cell is a row problem. When detected from
    /// the content, a bad cell after a decided UTF-8 means the file mixes encodings.
    private let declared: Bool
    private var gb: GB18030Decoder?
    /// Whether a cell decoded as UTF-8 held a three- or four-byte sequence (Chinese text in UTF-8 always does).
    private var sawLongUTF8 = false
    /// The first non-ASCII cells decoded as UTF-8 from content, kept to tell whether GBK could have written them
    /// (the first `ambiguityChecked`), and, with their rows, to show the two readings (`checkAmbiguity`): a few of
    /// each row, so that the data rows' cells are there beside the headings'.
    private var twoByteSamples: [(row: Int, bytes: [UInt8])] = []
    /// Whether the clerk chose the encoding (`--encoding`): the report then shows a few values as read.
    private let chosen: Bool
    /// The first distinct non-ASCII cells as read, with their rows, when the encoding was chosen (`chosen`): the
    /// encoding refusal promises that a dry run shows them, so the clerk can see that the choice reads the text
    /// right. A few of each row (`sampleCount`), up to `samplesKept`: the headings come first in a file, and the
    /// report shows the data rows' (`samples(afterRow:)`).
    private var rowSamples: [(row: Int, text: String)] = []
    /// The rows of the first few (`titleRowsTracked`) holding UTF-8 text other than ASCII, the first such cell, and
    /// whether each of those rows holds one such cell only (as a title does; a header holds several), when the
    /// encoding was detected as UTF-8: a refusal of a later cell that is not UTF-8 can then say that the only UTF-8
    /// text is a title above it (pasted from a UTF-8 file into a GBK one).
    private var utf8Above: (rows: ClosedRange<Int>, sample: String, titleLike: Bool)?
    static let titleRowsTracked = 16

    private mutating func trackAbove(_ bytes: ArraySlice<UInt8>, _ text: String, row: Int) {
        guard row <= Self.titleRowsTracked, utf8Above?.titleLike != false, bytes.contains(where: { $0 >= 0x80 }) else { return }
        if let seen = utf8Above {
            utf8Above = seen.rows.upperBound == row ? (seen.rows, seen.sample, false) : (seen.rows.lowerBound...row, seen.sample, true)
        } else {
            utf8Above = (row...row, String(text.prefix(24)), true)
        }
    }

    /// Notes a row above the header that the importer skipped without decoding it (a register's title rows), so that
    /// a refusal can say what it holds (`utf8Above`).
    mutating func noteSkippedRow(_ record: CSVRecord) {
        guard !declared, encoding == .utf8 else { return }
        for index in 0..<record.fieldCount {
            let bytes = record.field(index)
            if let text = Self.utf8(bytes) { trackAbove(bytes, text, row: record.rowNumber) }
        }
    }

    init(requested: RegisterEncoding?, preamble: CSVPreamble, detected: RegisterEncoding? = nil) {
        chosen = detected == nil && requested != nil
        if let detected {
            encoding = detected
            declared = false
        } else if let requested {
            encoding = requested
            declared = true
        } else if preamble.hasUTF8BOM {
            encoding = .utf8
            declared = true
        } else {
            declared = false
            switch preamble.firstChunkText {
            case .ascii: encoding = nil
            case .utf8: encoding = .utf8
            case .notUTF8: encoding = .gb18030
            }
        }
        if encoding == .gb18030 { gb = GB18030Decoder() }
    }

    var encodingName: String { encoding == .gb18030 ? "GB18030" : "UTF-8" }

    /// The cell's text; nil when its bytes are not text in the file's encoding, with the problem added to
    /// `problems` (a row problem: the other cells are still read).
    /// - Throws: `ImportError.mixedEncoding` when the encoding was detected as UTF-8 and this cell is not.
    mutating func decode(_ bytes: ArraySlice<UInt8>, row: Int, column: Int, heading: String, file: String,
                         problems: inout [RowProblem]) throws(ImportError) -> String? {
        if chosen, rowSamples.count < Self.samplesKept, bytes.contains(where: { $0 >= 0x80 }),
           rowSamples.reversed().prefix(while: { $0.row == row }).count < Self.sampleCount {
            let text = try decodeCell(bytes, row: row, column: column, heading: heading, file: file, problems: &problems)
            if let text, !rowSamples.contains(where: { $0.text == text }) { rowSamples.append((row, text)) }
            return text
        }
        return try decodeCell(bytes, row: row, column: column, heading: heading, file: file, problems: &problems)
    }

    /// How many values as read a report shows for a chosen encoding.
    static let sampleCount = 5
    /// How many are kept while reading (`sampleCount` a row at most): room for a title and heading rows and data.
    static let samplesKept = 80

    /// The values as read that a report shows for a chosen encoding: those of the rows after the heading row
    /// (`header`) when there are any — the data, which tells whether the encoding reads the text right better than
    /// the headings a clerk knows by heart — else the headings' (and a title's).
    func samples(afterRow header: Int) -> [String] {
        let data = rowSamples.filter { $0.row > header }
        return (data.isEmpty ? rowSamples : data).prefix(Self.sampleCount).map(\.text)
    }

    private mutating func decodeCell(_ bytes: ArraySlice<UInt8>, row: Int, column: Int, heading: String, file: String,
                                     problems: inout [RowProblem]) throws(ImportError) -> String? {
        switch encoding {
        case .gb18030:
            // Detected, not chosen: a cell that is UTF-8 Chinese is the clerk's UTF-8 text pasted into a GBK file,
            // which GB18030 would store as other characters (`西侧车位` as `瑗夸晶杞︿綅`). Refused, both readings shown.
            // A problem of the cell, not an error of the file: every such cell and the rows' other problems are
            // reported in one run.
            if !declared, Self.isLongUTF8(bytes) {
                let asGB: String? = try? gb!.decode(bytes)
                problems.append(RowProblem(file: file, row: row, column: column, heading: heading.isEmpty ? nil : heading,
                                           value: String(decoding: bytes, as: UTF8.self),
                                           reason: ImportWords.utf8InGB18030(asGB18030: asGB),
                                           allowed: ImportWords.utf8InGB18030Allowed(asGB18030: asGB)))
                return nil
            }
            do { return try gb!.decode(bytes) } catch {
                problems.append(problem(error, row: row, column: column, heading: heading, file: file))
                return nil
            }
        case .utf8:
            if let text = Self.utf8(bytes) {
                if !declared {
                    note(bytes, row: row)
                    trackAbove(bytes, text, row: row)
                }
                return text
            }
            let error = utf8Error(bytes)
            if !declared {
                // All UTF-8 text seen is in rows above this one, and this cell reads as GB18030: say what is seen.
                var above: ImportError.UTF8Above? = nil
                if row <= Self.titleRowsTracked + 1, let seen = utf8Above, seen.titleLike, seen.rows.upperBound < row,
                   let asGB = try? GB18030Decoder().decode(bytes) {
                    above = ImportError.UTF8Above(rows: seen.rows, sample: seen.sample, cellAsGB18030: asGB)
                }
                throw .mixedEncoding(file: file, row: row, column: column, heading: heading, bytesHex: error.bytesHex, utf8Above: above)
            }
            problems.append(problem(error, row: row, column: column, heading: heading, file: file))
            return nil
        case nil:
            if let text = Self.utf8(bytes) {
                if bytes.contains(where: { $0 >= 0x80 }) { encoding = .utf8; note(bytes, row: row) }
                return text
            }
            // Everything before was ASCII, which reads the same in GB18030.
            encoding = .gb18030
            gb = GB18030Decoder()
            return try decodeCell(bytes, row: row, column: column, heading: heading, file: file, problems: &problems)
        }
    }

    private mutating func note(_ bytes: ArraySlice<UInt8>, row: Int) {
        guard !sawLongUTF8 else { return }
        if bytes.contains(where: { $0 >= 0xE0 }) { sawLongUTF8 = true; twoByteSamples = []; return }
        if twoByteSamples.count < Self.samplesKept, bytes.contains(where: { $0 >= 0x80 }),
           twoByteSamples.reversed().prefix(while: { $0.row == row }).count < Self.ambiguityChecked {
            twoByteSamples.append((row, Array(bytes)))
        }
    }

    /// How many of the first two-byte cells must read as Chinese in GB18030 for the file to be ambiguous, and how
    /// many pairs of readings the refusal shows.
    static let ambiguityChecked = 3

    /// Throws when the encoding was decided from the content as UTF-8 but every non-ASCII cell is made of
    /// two-byte sequences that GB18030 reads as Chinese too (GBK's `住宅前平台` is valid UTF-8, `סլǰƽ̨`): the two
    /// readings are both plausible, so the clerk chooses with --encoding instead of the importer guessing. The
    /// readings shown are of cells after `afterRow` (the heading row, or the row the headings are likely on) when
    /// some read as Chinese in GB18030: the data, where the clerk sees which reading is right, not only headings.
    func checkAmbiguity(file: String, afterRow header: Int) throws(ImportError) {
        guard !declared, encoding == .utf8, !sawLongUTF8, !twoByteSamples.isEmpty else { return }
        func chinese(_ bytes: [UInt8]) -> String? {
            guard let text = try? TextDecoder.gb18030(bytes),
                  text.unicodeScalars.contains(where: { $0.value >= 0x4E00 && $0.value <= 0x9FFF }) else { return nil }
            return text
        }
        for sample in twoByteSamples.prefix(Self.ambiguityChecked) where chinese(sample.bytes) == nil { return }
        let data = twoByteSamples.filter { $0.row > header && chinese($0.bytes) != nil }
        let shown = (data.isEmpty ? Array(twoByteSamples) : data).prefix(Self.ambiguityChecked)
        throw .ambiguousEncoding(file: file, asUTF8: shown.map { String(decoding: $0.bytes, as: UTF8.self) },
                                 asGB18030: shown.map { chinese($0.bytes) ?? "" })
    }

    /// Whether `bytes` are well-formed UTF-8 holding at least two three- or four-byte sequences (in well-formed
    /// UTF-8 a byte E0–F4 only ever starts one) and no character of a script a Chinese register never holds
    /// (`isForeignToRegisters`): what a UTF-8 cell pasted into a GBK file is — Chinese text with any of its symbols
    /// (①, ㎡, ℃, ×, ±, ★, an emoji) — and what GBK text is only by rare chance: every byte must fall in place (a
    /// byte E0–EF followed by two bytes 80–BF, twice), and then the reading must avoid the scripts such chance lands
    /// on most (Hangul: the level-2 surnames 臧, 濮, 宓 in GBK read as well-formed UTF-8 Hangul, `臧红海` as `갺캣…`).
    /// Measured on random GB2312 text encoded as GBK (300 000 cells of each length): never for text of the 3755
    /// common (level-1) characters, which are over 99% of written Chinese; 6 in 100 000 three-character cells, and
    /// fewer for longer ones, when the rare level-2 characters are as frequent as the common ones (16 in 100 000
    /// without the script condition). A GBK file with such a cell is told so, with both readings, and imports with
    /// --encoding gb18030.
    static func isLongUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        var long = 0
        for byte in bytes where byte >= 0xE0 { long += 1 }
        guard long >= 2, Bytes.firstInvalidUTF8(bytes) == nil else { return false }
        return !String(decoding: bytes, as: UTF8.self).unicodeScalars.contains(where: isForeignToRegisters)
    }

    /// The scripts GBK text read as UTF-8 lands on that no register pasted from UTF-8 holds: U+0800–1FFF (Samaritan
    /// to Greek Extended, Hangul Jamo and Vietnamese letters among them; none of these is in GBK either), U+A000–D7FF (Yi, Vai and other
    /// scripts, Hangul syllables) and the private use area U+E000–F8FF.
    static func isForeignToRegisters(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0800...0x1FFF, 0xA000...0xD7FF, 0xE000...0xF8FF: return true
        default: return false
        }
    }

    /// The text of valid UTF-8 bytes, nil for invalid ones, validated once (`Bytes.validUTF8String`;
    /// `String(validating:as:)` is generic code that is slow for a million-row file).
    static func utf8(_ bytes: ArraySlice<UInt8>) -> String? { Bytes.validUTF8String(bytes) }

    private func utf8Error(_ bytes: ArraySlice<UInt8>) -> TextDecodingError {
        do {
            _ = try TextDecoder.utf8(bytes)
        } catch {
            return error
        }
        preconditionFailure("utf8Error is called only for bytes that are not UTF-8")
    }

    private func problem(_ error: TextDecodingError, row: Int, column: Int, heading: String, file: String) -> RowProblem {
        RowProblem(file: file, row: row, column: column, heading: heading.isEmpty ? nil : heading, value: nil,
                   reason: ImportWords.badBytes(encoding: error.encoding, hex: error.bytesHex, offset: error.byteOffset + 1),
                   allowed: ImportWords.badBytesAllowed(encoding: error.encoding))
    }
}
