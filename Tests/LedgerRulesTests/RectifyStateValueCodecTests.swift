import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerRules
import Testing

/// Every kind of fact value a finding can hold is read back by both of `index/rectify.state`'s readers (ledger-spec.md
/// 15.8): the whole decoder (`value`) and the first pass's skip (`skipValue`, which an outline uses). A kind the skip
/// did not know made every stored unit holding it read as damaged, so every list rebuilt the whole state with a false
/// "damaged" notice (session 35: FUND-04's list of parts, `.texts`, added in session 34).
@Suite struct RectifyStateValueCodecTests {
    /// One value of each kind; the switch is exhaustive, so a new kind must be added here.
    static func samples() -> [FactValue] {
        let all: [FactValue] = [
            .amount(Amount(fen: -123_456)), .date(CalendarDate(year: 2026, month: 2, day: 28)!), .integer(42),
            .text("海韵小区 A-1"), .person(.plain("张三")), .person(.committed(PersonalCommitment(Digest32(bytes: [UInt8](repeating: 7, count: 32))!))),
            .area(DecimalQuantity(units: 12_345, scale: 2)), .area(DecimalQuantity(written: "35.50", scale: 2)!),
            .percent(Ratio(1, 3)), .share(Share(2, 3)), .fenPerSquareMetre(Ratio(1_000_001, 7)),
            .texts(["A-1", "地下车库 B2", ""]), .texts([]),
        ]
        for value in all {
            switch value {
            case .amount, .date, .integer, .text, .person, .area, .percent, .share, .fenPerSquareMetre, .texts: break
            }
        }
        return all
    }

    @Test func skipReadsWhatTheDecoderReads() {
        for value in Self.samples() {
            var w = ByteWriter()
            RectifyStateCodec.value(value, &w)
            w.u64(0xABCD)  // what follows the value must be where both readers leave off
            var decoder = ByteReader(w.bytes), skipper = ByteReader(w.bytes)
            #expect(RectifyStateCodec.value(&decoder) == value, "\(value)")
            #expect(RectifyStateCodec.skipValue(&skipper), "the skip refuses \(value)")
            #expect(decoder.offset == skipper.offset, "\(value): the two readers stop at different bytes")
            #expect(skipper.u64() == 0xABCD, "\(value)")
        }
    }

    @Test func skipRefusesWhatTheDecoderRefuses() {
        // Every sample cut short, and an unknown kind.
        var cases: [[UInt8]] = [[99]]
        for value in Self.samples() {
            var w = ByteWriter()
            RectifyStateCodec.value(value, &w)
            cases.append(Array(w.bytes.dropLast()))
        }
        for bytes in cases {
            var decoder = ByteReader(bytes), skipper = ByteReader(bytes)
            let decoded = RectifyStateCodec.value(&decoder)
            let skipped = RectifyStateCodec.skipValue(&skipper)
            #expect((decoded != nil) == skipped, "\(bytes)")
        }
    }
}
