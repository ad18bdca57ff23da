import Foundation
import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Seeded fuzzing of the register reader and importer (issue 7): every mutated CSV — broken quoting, stray
/// quotes, invalid UTF-8 and GB18030 bytes, enormous cells, impossible dates, negative or fractional areas —
/// either imports or stops with an `ImportError`/row problems that say what is wrong. Never a crash or a hang.
///
/// LEDGER_FUZZ_ITERATIONS scales the number of inputs (default 1,500).
@Suite("Fuzzing the register importer")
struct RegisterFuzzTests {
    static let iterations = TestScale.count("LEDGER_FUZZ_ITERATIONS", default: 3_000) / 2

    static let seedFiles: [[UInt8]] = {
        let names = ["sunshine-garden-utf8-bom.csv", "harmony-court-gb18030.csv", "riverside-english.tsv", "errors-typical.csv"]
        return names.compactMap { try? Fixture.read(Fixture.registersDirectory + "/" + $0) }
    }()

    static let tokens: [[UInt8]] = [
        Array("\"".utf8), Array("\"\"".utf8), Array(",".utf8), Array("\t".utf8), Array("\r\n".utf8), Array("\n".utf8),
        Array("\r".utf8), [0xC0, 0x80], [0xFF, 0xFE], [0xEF, 0xBB, 0xBF], [0x81, 0x30], [0x00], Array("2025-02-30".utf8),
        Array("-12.5".utf8), Array("12.555".utf8), Array("1e9".utf8), Array("99999999999999".utf8), Array("=HYPERLINK(".utf8),
        Array("车位".utf8), Array(String(repeating: "长", count: 30_000).utf8),
    ]

    static func mutate(_ input: [UInt8], _ random: inout SplitMix64) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + random.below(4)) {
            let at = bytes.isEmpty ? 0 : random.below(bytes.count + 1)
            switch random.below(5) {
            case 0 where at < bytes.count: bytes[at] ^= UInt8(1 << random.below(8))
            case 1, 2: bytes.insert(contentsOf: tokens[random.below(tokens.count)], at: at)
            case 3 where at < bytes.count: bytes.removeSubrange(at..<min(bytes.count, at + 1 + random.below(12)))
            default: bytes.insert(UInt8(truncatingIfNeeded: random.next()), at: at)
            }
        }
        return bytes
    }

    @Test("mutated registers import or are refused with a reason")
    func mutatedRegisters() throws {
        try #require(!Self.seedFiles.isEmpty, "testdata/registers is missing")
        var random = SplitMix64(seed: 0x1F0_2201)
        var imported = 0, refused = 0
        for n in 0..<Self.iterations {
            let input = Self.mutate(Self.seedFiles[random.below(Self.seedFiles.count)], &random)
            let options = Fixture.options("fuzz-\(n).csv") { if random.below(2) == 0 { $0.communityID = "C-1001" } }
            do {
                let result = try AssetImport.run(source: MemoryByteSource(input, chunkSize: 1 + random.below(4096)),
                                                        existing: RecordedRegister(), options: options)
                imported += 1
                for row in result.rejectedRows { #expect(!row.problems.isEmpty) }
                // Every event the importer plans is a well-formed domain event.
                for event in result.plan.events where result.rejectedRows.isEmpty {
                    do { _ = try DomainEvent.decode(event) } catch { Issue.record("importer planned an invalid event: \(error)") }
                }
            } catch {
                refused += 1
                #expect(!error.description.isEmpty)
            }
        }
        #expect(imported > 0 && refused > 0)
    }

    @Test("broken quoting, a 3 MB cell, a million columns and binary data are refused, not crashed on",
          arguments: [
              Array("编号,名称\n\"A-1,车位\n".utf8),
              Array("编号,名称\nA-1,\"车位\"x\"\n".utf8),
              Array("编号,名称\nA-1,\"".utf8) + [UInt8](repeating: 0x41, count: 3_000_000),
              Array(String(repeating: "a,", count: 1_000_000).utf8),
              (0..<65_536).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) },
              [UInt8](),
          ])
    func hostileRegister(_ input: [UInt8]) {
        do {
            let result = try AssetImport.run(source: MemoryByteSource(input), existing: RecordedRegister(),
                                                    options: Fixture.options())
            for row in result.rejectedRows { #expect(!row.problems.isEmpty) }
        } catch {
            #expect(!error.description.isEmpty)
        }
    }
}
