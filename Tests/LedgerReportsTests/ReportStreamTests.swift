import Foundation
import LedgerChain
import LedgerEvents
import LedgerRules
import LedgerTestSupport
@testable import LedgerReports
import Testing

/// The list written piece by piece (`render(_:into:)`, as `ledger rectify` writes it) is byte for byte the list
/// rendered whole, whatever the chunk size; and cleaning text given in pieces (`CleanLines`) is cleaning it whole,
/// wherever the pieces are cut.
@Suite struct ReportStreamTests {
    func streamed(_ render: (ReportStream) -> Void, chunk: Int) -> (bytes: [UInt8], pieces: Int) {
        var bytes: [UInt8] = []
        var pieces = 0
        let stream = ReportStream(chunkBytes: chunk) { bytes += $0; pieces += 1 }
        render(stream)
        return (bytes, pieces)
    }

    @Test func everyFormatStreamsTheSameBytes() throws {
        for language in ReportLanguage.allCases {
            let report = try SampleReportTests.report(language)
            for format in RectificationFormat.allCases {
                let whole = report.render(format)
                for chunk in [7, 97, 1 << 20] {
                    let (bytes, pieces) = streamed({ report.render(format, into: $0) }, chunk: chunk)
                    #expect(bytes == whole, "\(format) \(language), chunks of \(chunk)")
                    if chunk == 7 { #expect(pieces > 1) }
                }
                let book = RectificationLedgerReport(report)
                #expect(streamed({ book.render(format, into: $0) }, chunk: 61).bytes == book.render(format), "ledger book \(format) \(language)")
            }
        }
    }

    /// The clean-up as it was written for whole text (before the list was streamed): the reference.
    static func reference(_ text: String) -> String {
        var out: [UInt8] = []
        var emptyRun = 0
        var first = true
        func emit(_ bytes: [UInt8]) {
            var line = bytes[...]
            if let last = line.last, last == 0x20 || last == 0x09 {
                var l = Substring(String(decoding: line, as: UTF8.self))
                while l.last == " " || l.last == "\t" { l.removeLast() }
                line = ArraySlice(l.utf8)
            }
            if line.isEmpty { emptyRun += 1; return }
            for _ in 0..<emptyRun { if !first { out.append(0x0A) }; first = false }
            emptyRun = 0
            if !first { out.append(0x0A) }
            first = false
            out.append(contentsOf: line)
        }
        var line: [UInt8] = []
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x0A, previous != 0x0D { emit(line); line.removeAll() } else { line.append(byte) }
            previous = byte
        }
        emit(line)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// Seeded random texts of blanks, line ends (LF, CR, CR LF), CJK, combining marks and letters, cut at random
    /// points (300 cases; raise `LEDGER_STREAM_CASES` for more).
    @Test func cleaningInPiecesIsCleaningWhole() {
        let alphabet: [String] = [" ", "\t", "\n", "\r", "\r\n", "a", "清", "\u{0301}", "  ", "\n\n", "x ", "\u{0600}", "。"]
        let cases = TestScale.count("LEDGER_STREAM_CASES", default: 300)
        var random = SplitMix64(seed: 5)
        for n in 0..<cases {
            var text = ""
            for _ in 0..<random.int(0...40) { text += alphabet[random.int(0..<alphabet.count)] }
            let bytes = Array(text.utf8)
            var cuts = Set<Int>()
            for _ in 0..<random.int(0...6) { cuts.insert(random.int(0...bytes.count)) }
            let (stream, collected) = ReportStream.collecting()
            var clean = CleanLines(stream)
            var start = 0
            // Pieces are cut between scalars, even inside a CR LF or a cluster (a renderer's piece can end in a CR
            // from the ledger's text and the next begin with an LF).
            var pieces: [String] = []
            var current = ""
            for scalar in text.unicodeScalars {
                current.unicodeScalars.append(scalar)
                start += String(scalar).utf8.count
                if cuts.contains(start) { pieces.append(current); current = "" }
            }
            pieces.append(current)
            for piece in pieces { clean.write(piece) }
            clean.finish()
            #expect(String(decoding: collected(), as: UTF8.self) == Self.reference(text), "case \(n): \(Array(text.unicodeScalars))")
        }
    }
}
