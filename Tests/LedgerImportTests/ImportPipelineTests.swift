import Foundation
import LedgerEvents
@testable import LedgerImport
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The register import on two threads (`AssetImport.run`'s `pipelineGroup`: records split and decoded on one, rows
/// fed to the importer on the other, in groups) against the same import on one thread, on seeded random messy
/// registers (`ImportRowPassTests.register`: quoted cells holding line breaks, CR LF or LF, a BOM, GB18030, stray
/// quotes, control characters, duplicates and case twins, totals and note rows), some joined into longer files, some
/// with a GB18030 row in a UTF-8 file (the file refused midway, `mixedEncoding`), read in random chunk sizes and handed
/// over in groups of random sizes. Both must give the same report (every problem and its words in both languages, in
/// order), events, rejects file, named ids and communities, or the same error.
@Suite("A register read on two threads")
struct ImportPipelineTests {
    static let iterations = TestScale.count("LEDGER_FUZZ_ITERATIONS", default: 3_000) / 10

    /// A register's bytes: one of `ImportRowPassTests.register`, or several joined (the header of the first, the rows
    /// of all), now and then with a row in GB18030 among UTF-8 ones.
    static func register(_ random: inout SplitMix64) -> [UInt8] {
        var bytes = ImportRowPassTests.register(&random)
        if random.chance(30) {
            for _ in 0..<random.within(1...8) {
                let more = ImportRowPassTests.register(&random)
                // Its header line left out (a quoted heading never holds a line break here).
                if let end = more.firstIndex(of: 0x0A) { bytes += more[(end + 1)...] }
            }
        }
        if random.chance(15), let row = TextEncoder.gb18030("GB-1,C00001,车位,西侧车位,地下一层,12.5,2021-01-04,备注\n") {
            bytes += row + Array("Z-1,C00001,车位,车位1号,东侧,12.5,2021-01-04,\n".utf8)
        }
        return bytes
    }

    @Test("two threads give the rows, problems, events and errors of one, in the same order")
    func twoThreadsAreOne() {
        var random = SplitMix64(seed: 0x3800_0001)
        var holding = RecordedRegister()
        holding.assets["A-2"] = RecordedAsset(communityID: "C00001", kind: .parking, name: "车位2", location: "东",
                                              area: DecimalQuantity(units: 1_250, scale: 2))
        var problemsInTwoGroups = 0, errors = 0, mixed = 0, imported = 0
        for n in 0..<Self.iterations {
            let bytes = Self.register(&random)
            let existing = random.chance(30) ? holding : RecordedRegister()
            let options = Fixture.options("pipeline-\(n).csv") { if random.chance(25) { $0.allowPartial = true } }
            let chunk = random.chance(20) ? 1 << 20 : 1 + random.below(700)
            let group = random.chance(10) ? AssetImport.pipelineGroup! : 1 + random.below(7)
            let inTurn = ImportRowPassTests.outcome { () throws(ImportError) in
                try AssetImport.run(source: MemoryByteSource(bytes, chunkSize: chunk), existing: existing, options: options,
                                    encoding: nil, delimiter: nil, progress: nil, scanRecords: true, pipelineGroup: nil)
            }
            let twoThreads = ImportRowPassTests.outcome { () throws(ImportError) in
                try AssetImport.run(source: MemoryByteSource(bytes, chunkSize: chunk), existing: existing, options: options,
                                    encoding: nil, delimiter: nil, progress: nil, scanRecords: true, pipelineGroup: group)
            }
            #expect(twoThreads == inTurn, "register \(n), group \(group), chunk \(chunk)")
            if let error = inTurn.error {
                errors += 1
                if error.contains("GB18030") || error.contains("UTF-8") { mixed += 1 }
            }
            if !inTurn.events.isEmpty { imported += 1 }
            // Rows refused in two groups or more: the problems crossed from the other thread in order.
            let rows = Set((inTurn.report?.problems ?? []).map(\.row))
            if Set(rows.map { $0 / group }).count > 1 { problemsInTwoGroups += 1 }
        }
        // The registers really are refused on both sides of a hand-over, refused midway, and imported.
        #expect(problemsInTwoGroups > Self.iterations / 3)
        #expect(mixed > 0 || Self.iterations < 50)
        #expect(imported > 0 || Self.iterations < 50)
        #expect(errors < Self.iterations)
    }

    @Test("a register of many rows read on two threads in the default groups is the one read in turn")
    func longRegister() throws {
        // Rows of one kind repeated, with a refused row every 97th and a quoted line break every 89th, across
        // many of the default groups.
        var text = "\u{FEFF}编号,小区,类型,名称,位置,面积,登记日期\r\n"
        for row in 0..<3_000 {
            let name = row % 89 == 0 ? "\"车位\n\(row)号\"" : "车位\(row)号"
            let area = row % 97 == 0 ? "十二" : "12.5"
            let id = row % 211 == 0 ? "p-\(row - 1)" : "P-\(row)"
            text += "\(id),C00001,车位,\(name),地下一层,\(area),2021-01-04\r\n"
        }
        let bytes = Array(text.utf8)
        let options = Fixture.options("long.csv") { $0.allowPartial = true }
        let inTurn = ImportRowPassTests.outcome { () throws(ImportError) in
            try AssetImport.run(source: MemoryByteSource(bytes, chunkSize: 4_096), existing: RecordedRegister(), options: options,
                                encoding: nil, delimiter: nil, progress: nil, scanRecords: true, pipelineGroup: nil)
        }
        let twoThreads = ImportRowPassTests.outcome { () throws(ImportError) in
            try AssetImport.run(source: MemoryByteSource(bytes, chunkSize: 4_096), existing: RecordedRegister(), options: options,
                                encoding: nil, delimiter: nil, progress: nil, scanRecords: true)
        }
        #expect(twoThreads == inTurn)
        let report = try #require(inTurn.report)
        #expect(report.counts.read == 3_000)
        #expect(report.problems.count > 40)
        #expect(inTurn.events.count > 2_900)
    }
}
