import LedgerPlatform
@testable import LedgerProjections
import Testing

/// A scoped read reads lines close together in one piece (`ScopeIndex.readSpans`): every entry is in exactly one
/// span, in order, a span covers its lines, and a gap, a line out of order or a span's size starts a new one.
@Suite struct ScopeIndexSpanTests {
    static func entry(_ seq: Int64, _ offset: Int64, _ count: UInt32) -> ScopeIndex.Entry {
        ScopeIndex.Entry(seq: seq, offset: offset, count: count, code: 0, hash: .zero)
    }

    @Test func spansJoinCloseLinesOnly() {
        let gap = ScopeIndex.spanGapMax
        let entries = [
            Self.entry(1, 0, 100), Self.entry(2, 100, 50), // adjacent
            Self.entry(3, 150 + gap, 10), // exactly the gap: same span
            Self.entry(4, 160 + 2 * gap + 1, 10), // one byte more: a new span
            Self.entry(5, 10, 10), // before the span's end (a damaged index's order): alone
            Self.entry(6, 1 << 20, UInt32(ScopeIndex.spanBytesMax) + 5), // longer than a span: alone
            Self.entry(7, (1 << 20) + ScopeIndex.spanBytesMax + 5, 20),
        ]
        let spans = ScopeIndex.readSpans(entries)
        #expect(spans.map(\.entries) == [0..<3, 3..<4, 4..<5, 5..<6, 6..<7])
        #expect(spans[0] == ScopeIndex.Span(offset: 0, count: Int(160 + gap), entries: 0..<3))
        #expect(ScopeIndex.readSpans([]).isEmpty)
    }

    @Test(arguments: [1, 2, 3]) func everyLineLiesInItsSpan(seed: Int) {
        // A small seeded generator (xorshift64*): the test is the same on every run.
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        func int(_ range: ClosedRange<Int>) -> Int {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return range.lowerBound + Int((state &* 0x2545_F491_4F6C_DD1D) % UInt64(range.count))
        }
        var entries: [ScopeIndex.Entry] = []
        var offset: Int64 = 0
        for seq in 1...5_000 {
            offset += Int64(int(0...2) == 0 ? int(0...20_000) : int(0...600))
            let count = UInt32(int(76...(int(0...99) == 0 ? 300_000 : 2_000)))
            entries.append(Self.entry(Int64(seq), offset, count))
            offset += Int64(count)
        }
        let spans = ScopeIndex.readSpans(entries)
        #expect(spans.flatMap { Array($0.entries) } == Array(entries.indices))
        for span in spans {
            for e in entries[span.entries] {
                #expect(e.offset >= span.offset && e.offset + Int64(e.count) <= span.offset + Int64(span.count))
            }
            #expect(span.entries.count == 1 || Int64(span.count) <= ScopeIndex.spanBytesMax)
            #expect(entries[span.entries.last!].offset + Int64(entries[span.entries.last!].count) == span.offset + Int64(span.count))
        }
    }

    /// A scope's lines are read in two halves on two cores (`ScopeIndex.parallelSplit`): for seeded random spans, no
    /// split below `parallelLinesMin` lines or with one span; otherwise both halves hold spans, the earlier half holds
    /// at least half the lines and, without its last span, fewer than half (so the halves hold about as many).
    @Test(arguments: [1, 2, 3, 4, 5, 6]) func twoHalvesHoldAboutAsManyLines(seed: Int) {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1
        func int(_ range: ClosedRange<Int>) -> Int {
            state ^= state >> 12; state ^= state << 25; state ^= state >> 27
            return range.lowerBound + Int((state &* 0x2545_F491_4F6C_DD1D) % UInt64(range.count))
        }
        var splits = 0
        for _ in 0..<200 {
            var spans: [ScopeIndex.Span] = []
            var lines = 0
            for _ in 0..<int(0...(int(0...3) == 0 ? 3 : 60)) {
                let count = int(0...4) == 0 ? int(200...900) : int(1...40)
                spans.append(ScopeIndex.Span(offset: 0, count: 1, entries: lines..<(lines + count)))
                lines += count
            }
            let split = ScopeIndex.parallelSplit(spans, lineCount: lines)
            if lines < ScopeIndex.parallelLinesMin || spans.count < 2 {
                #expect(split == 0)
                continue
            }
            if split == 0 {
                // Only when the last span alone holds more than half the lines (a second thread would read it all).
                #expect(spans[spans.count - 2].entries.upperBound * 2 < lines)
                continue
            }
            splits += 1
            #expect(split > 0 && split < spans.count)
            #expect(spans[split - 1].entries.upperBound * 2 >= lines)
            #expect(split == 1 || spans[split - 2].entries.upperBound * 2 < lines)
        }
        #expect(splits > 100, "\(splits) inputs split")
    }
}
