import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// A file's earlier imports from `index/checks.state`'s `I` entries (ledger-spec.md 15.4, version 2): the same
/// imports, dates and order as the whole log's projection gives, whatever the state's stamp, with or without
/// `index/checks.recent` laid over the table, for seeded random logs in which import ids repeat, files share
/// imports, and corrections replace an import with another file's or void it.
@Suite struct RegisterImportsByFileTests {
    static let files = CheckEventGenerator.importFiles

    /// The imports of `sha` as the whole log gives them to the checks: of each import id, the first
    /// `register.imported` fact in effect in log order (corrections applied) — the `R` entry the append checks
    /// hold, which the lookup read before version 2 too — oldest first by (date, import id). (The projection
    /// keeps the earliest-dated fact of an id instead; the two differ only for an import id registered twice,
    /// which the append checks refuse: a log written by another tool.)
    static func expected(_ records: [Record], _ sha: String) -> [String] {
        var log = EffectiveLog()
        for record in records { log.apply(record) }
        var first: [String: (sha: String, on: CalendarDate)] = [:]
        for fact in log.factsInLogOrder {
            if case .registerImported(let p) = fact.payload, first[p.importID] == nil { first[p.importID] = (p.fileSHA256, fact.occurredOn) }
        }
        return first.filter { $0.value.sha == sha }.map { (id: $0.key, on: $0.value.on) }
            .sorted { ($0.on, $0.id) < ($1.on, $1.id) }
            .map { "\($0.id)@\($0.on)" }
    }

    @Test(arguments: TestScale.seeds(8, from: 1))
    func importsByFileAreTheWholeLogs(seed: UInt64) throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: seed &* 31 &+ 5)
        if seed % 2 == 0 { try TestLedger.append(CheckStateTests.registrations, to: directory) }
        try TestLedger.append(generator.batch(20), to: directory)
        var decided = 0, compared = 0
        for step in 0..<30 {
            let records = try CheckStateTests.records(directory)
            // Now and then the state is written at the head: merged into the table or as a recent table over it.
            if generator.chance(40) {
                _ = try CheckState.validate(directory, headSeq: Int64(records.count), batch: EventBatch([]), useState: true,
                                            rewriteAfter: 1, recentMax: [0, 1_000_000][step % 2])
            }
            for sha in Self.files {
                compared += 1
                guard let got = try RegisterImports.imports(directory, fileSHA256: sha) else { continue }
                decided += 1
                #expect(got.map { "\($0.importID)@\($0.importedOn)" } == Self.expected(records, sha), "seed \(seed) step \(step) file \(sha.prefix(4))")
            }
            try TestLedger.append(generator.batch(generator.random.int(1...6)), to: directory)
        }
        // Undecidable only with a correction of a registering record after the stamp (the caller reads the whole log).
        #expect(decided * 3 > compared, "seed \(seed): decided \(decided) of \(compared)")
    }

    /// A register imported, then the same file recorded by hand under two other ids (one of them an id a different
    /// file already took, which stays that file's) and another file: found from the table, its recent table and
    /// the records after them alike.
    @Test func theFilesImportsOnly() throws {
        let temporary = TemporaryDirectory()
        let directory = TestLedger.create(in: temporary)
        let (a, b) = (String(repeating: "a1", count: 32), String(repeating: "b2", count: 32))
        func imported(_ id: String, _ sha: String, _ day: Int) -> Event {
            Event(id: "ev-\(id)-\(sha.prefix(2))-\(day)", occurredOn: CalendarDate(year: 2024, month: 3, day: day)!, actor: "t",
                  payload: .registerImported(RegisterImported(importID: id, fileName: "r.csv", fileSHA256: sha, rowsRead: 1, rowsNew: 1,
                                                              rowsUpdated: 0, rowsUnchanged: 0, communityID: nil)))
        }
        try TestLedger.append([imported("IMP-A", a, 5), imported("IMP-B", b, 4)], to: directory)
        let head = { try CheckStateTests.head(directory) }
        _ = try CheckState.validate(directory, headSeq: try head(), batch: EventBatch([]), useState: true, rewriteAfter: 1, recentMax: 0)
        #expect(try RegisterImports.imports(directory, fileSHA256: a)?.map(\.importID) == ["IMP-A"])
        // After the table's stamp: IMP-B again for file a (not in effect: b's), and IMP-C for a, dated earlier.
        try TestLedger.append([imported("IMP-B", a, 1), imported("IMP-C", a, 2)], to: directory)
        #expect(try RegisterImports.imports(directory, fileSHA256: a)?.map(\.importID) == ["IMP-C", "IMP-A"])
        #expect(try RegisterImports.imports(directory, fileSHA256: b)?.map(\.importID) == ["IMP-B"])
        // The same answers from a recent table over the table, then (one more import of b after it) from the
        // table merged with both.
        for recentMax: Int64 in [1_000_000, 0] {
            if recentMax == 0 { try TestLedger.append([imported("IMP-D", b, 6)], to: directory) }
            _ = try CheckState.validate(directory, headSeq: try head(), batch: EventBatch([]), useState: true, rewriteAfter: 1, recentMax: recentMax)
            #expect(PosixFile.exists(CheckState.recentPath(directory)) == (recentMax > 0))
            #expect(try RegisterImports.imports(directory, fileSHA256: a)?.map(\.importID) == ["IMP-C", "IMP-A"])
            #expect(try RegisterImports.imports(directory, fileSHA256: b)?.map(\.importID) == (recentMax > 0 ? ["IMP-B"] : ["IMP-B", "IMP-D"]))
            #expect(try RegisterImports.imports(directory, fileSHA256: String(repeating: "c3", count: 32))?.isEmpty == true)
        }
    }
}
