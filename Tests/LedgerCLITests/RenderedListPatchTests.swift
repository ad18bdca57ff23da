import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// `index/rectify.list-patch` (ledger-spec.md 15.9, "After an append"): a street's table made after an append from
/// the kept list is kept as a patch of `index/rectify.list` (the kept parts as ranges of the file's list, the rest
/// the patch's own bytes), and the file itself is not written again. For seeded random logs with appends between the
/// lists, the street's list with patches is byte for byte the one made without the kept list, the whole log's and the
/// one written whole every time; a damaged, truncated, foreign, other-version or mis-stamped patch is noticed in one
/// line, removed and made again; a patch naming a file since replaced (a crash between the file's rename and the
/// patch's removal) is ignored without a notice; a killed writer's temporary is removed.
@Suite struct RenderedListPatchTests {
    static func listPath(_ directory: LedgerDirectory) -> String { directory.indexPath + "/rectify.list" }
    static func patchPath(_ directory: LedgerDirectory) -> String { directory.indexPath + "/rectify.list-patch" }

    static func bytes(_ path: String) -> [UInt8]? { (try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) } }

    static func run(_ cli: CLIHarness, _ arguments: [String], _ environment: [String: String] = [:]) -> (Int32, [UInt8], String) {
        RenderedListPartsTests.run(cli, arguments, environment)
    }

    /// The notices naming the patch in the last run's standard error.
    static func patchNotices(_ cli: CLIHarness) -> [Substring] {
        ScopeIndexCommandTests.notes(cli).filter { $0.hasPrefix("note: rectify.list-patch in") }
    }

    @Test(arguments: TestScale.seeds(4)) func patchedListsAreTheLogsListsAfterRandomAppends(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x9E37_79B9 &+ 46)
        let sample = try SampleRecords.load().map(\.event)
        var log = try ScopeIndexCommandTests.randomEvents(&random, otherTypes: false)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(log, to: directory)
        let day = ScopeIndexCommandTests.date(&random).adding(days: 200).description
        cli.environment["LEDGER_CITY_PART"] = String([1, 7, 40][random.int(0..<3)])
        #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0, "\(cli.stderr)")
        var usual = ["rectify", "--as-of", day, "--street", ScopeIndexCommandTests.streets[random.int(0..<2)]]
        if random.int(0..<2) == 0 { usual += ["--lang", "en"] }
        var patched = 0
        var reusedSome = false
        for round in 0..<12 {
            let context = "seed \(seed) round \(round) \(usual)"
            if round % 3 == 2 { #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0, "\(context): city") }
            let fileBefore = Self.bytes(Self.listPath(directory))
            // Now and then the list is written whole whatever it kept (the patch's limit at 0 bytes).
            let whole = random.int(0..<5) == 0
            let got = RenderedListPartsTests.keptParts(cli, usual)
            if got.kept > 0 { reusedSome = true }
            let made = Self.run(cli, usual, ["LEDGER_RECTIFY_LIST": "off"])
            let plain = Self.run(cli, usual, ["LEDGER_SCOPES": "off"])
            #expect(got.answer.0 == made.0 && got.answer.1 == made.1 && got.answer.2 == made.2, "\(context): kept \(got.kept)/\(got.of)")
            #expect(got.answer.0 == plain.0 && got.answer.1 == plain.1, "\(context): the log's")
            #expect(Self.patchNotices(cli).isEmpty)
            if PosixFile.exists(Self.patchPath(directory)) {
                patched += 1
                // The file itself was not written again: the patch stands for the list made.
                #expect(Self.bytes(Self.listPath(directory)) == fileBefore, "\(context): the file was rewritten beside its patch")
            }
            // Asked again: the file and its patch, whole.
            let again = Self.run(cli, usual)
            #expect(again.0 == got.answer.0 && again.1 == got.answer.1 && again.2 == got.answer.2, "\(context): again")
            // The same list written whole (no patch) is the same bytes, and leaves no patch.
            if whole {
                let batch = RectifyRefoldTests.appended(round, sample, log, &random)
                try TestLedger.append(batch, to: directory)
                log += batch
                let patchBefore = Self.bytes(Self.patchPath(directory))
                let full = Self.run(cli, usual, [RenderedListPatchTests.limitVariable: "0"])
                let reference = Self.run(cli, usual, ["LEDGER_SCOPES": "off"])
                #expect(full.0 == reference.0 && full.1 == reference.1, "\(context): written whole")
                // No patch written (one left by an earlier list stays only when this list was not kept at all).
                let patchAfter = Self.bytes(Self.patchPath(directory))
                #expect(patchAfter == nil || patchAfter == patchBefore, "\(context): a patch written under a limit of 0")
            }
            let batch = RectifyRefoldTests.appended(round + 100, sample, log, &random)
            try TestLedger.append(batch, to: directory)
            log += batch
        }
        // Every index file removed: the same list, from the log.
        let got = Self.run(cli, usual)
        try FileManager.default.removeItem(atPath: directory.indexPath)
        let fresh = Self.run(cli, usual)
        #expect(got.0 == fresh.0 && got.1 == fresh.1, "seed \(seed): after rm -rf index/")
        // (A list whose kept parts are all empty — communities without findings — is written whole: no patch then.)
        _ = (reusedSome, patched)
    }

    static let limitVariable = "LEDGER_TEST_RECTIFY_LIST_PATCH_BYTES"

    /// A payment of `fund` (from the sample), under a new id.
    static func payment(_ sample: [Event], _ fund: String, _ n: Int) throws -> Event {
        var e = try #require(sample.first { $0.type == "fund.income" && String(decoding: $0.payload.dataBytes, as: UTF8.self).contains("\"\(fund)\"") })
        e.id = "patch-\(fund)-\(n)"
        return e
    }

    /// A street's list after payments on and off the street is kept as a patch of the first list's file, which is
    /// never written again until the patch would grow past its limit; the patched list is served when asked again
    /// (without `index/scopes` or `index/rectify.state`, which only making it reads), and is the log's list.
    @Test func aStreetsListAfterAppendsIsAPatchOfTheKeptFile() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let day = "2025-12-31"
        #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0)
        let arguments = ["rectify", "--as-of", day, "--street", "八大关街道", "--lang", "en"]
        #expect(cli.run(arguments) == 0)
        let file = try #require(Self.bytes(Self.listPath(directory)))
        #expect(!PosixFile.exists(Self.patchPath(directory)), "the first list is the file")
        // Payments outside the street: every part kept (one on the street may change a count, and every part numbered
        // after it is made again; with nothing kept, the list is written whole).
        for (round, fund) in ["F-LZ-PI", "F-LZ-GV", "F-LZ-PI", "F-LZ-GV"].enumerated() {
            try TestLedger.append([try Self.payment(sample, fund, round)], to: directory)
            let got = RenderedListPartsTests.keptParts(cli, arguments)
            let plain = Self.run(cli, arguments, ["LEDGER_SCOPES": "off"])
            #expect(got.answer.0 == plain.0 && got.answer.1 == plain.1, "\(fund): the log's")
            #expect(got.kept > 0, "\(fund): \(got.kept)/\(got.of)")
            #expect(PosixFile.exists(Self.patchPath(directory)), "\(fund): kept as a patch")
            #expect(Self.bytes(Self.listPath(directory)) == file, "\(fund): the file was written again")
            // Asked again: served from the file and the patch (without the state a list made would be kept whole).
            let patch = Self.bytes(Self.patchPath(directory))
            try? PosixFile.remove(RectifyState.path(directory))
            try? PosixFile.remove(RectifyState.patchPath(directory))
            let again = Self.run(cli, arguments)
            #expect(Self.bytes(Self.patchPath(directory)) == patch && Self.bytes(Self.listPath(directory)) == file,
                    "\(fund): not served from the file and its patch")
            #expect(again.0 == got.answer.0 && again.1 == got.answer.1 && again.2 == got.answer.2, "\(fund): asked again")
            // The whole city's list makes the state again for the next round.
            #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0)
        }
        // Past the patch's limit the list is written whole: a new file, no patch.
        try TestLedger.append([try Self.payment(sample, "F-HY-PI", 10)], to: directory)
        let whole = Self.run(cli, arguments, [Self.limitVariable: "0"])
        #expect(whole.1 == Self.run(cli, arguments, ["LEDGER_SCOPES": "off"]).1)
        #expect(!PosixFile.exists(Self.patchPath(directory)))
        #expect(Self.bytes(Self.listPath(directory)) != file, "the file written again")
        #expect(Self.run(cli, arguments).1 == whole.1, "asked again")
    }

    /// A patch that cannot be used — a flipped byte in its pieces, its own bytes or what it keeps, truncated, of
    /// another version, another ledger's, or stamped no later than its file — is noticed in one line, removed, and
    /// the list made from the file's parts again (and kept as a new patch); the answer is the log's.
    @Test func aDamagedPatchIsNoticedAndMadeAgain() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let day = "2025-12-31"
        #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0)
        let arguments = ["rectify", "--as-of", day, "--street", "八大关街道"]
        #expect(cli.run(arguments) == 0)
        let file = try #require(Self.bytes(Self.listPath(directory)))
        let (fileHeader, _) = try DerivedStateHeader.decode(file[...], kind: "LEDGER-RECTIFY-LIST", version: 6)
        var appended = 0
        func payment() throws { appended += 1; try TestLedger.append([try Self.payment(sample, "F-LZ-PI", appended)], to: directory) }
        try payment()
        #expect(cli.run(arguments) == 0)
        let good = try #require(Self.bytes(Self.patchPath(directory)))
        let (header, start) = try DerivedStateHeader.decode(good[...], kind: "LEDGER-RECTIFY-LIST-PATCH", version: 1)
        let body = Array(good[start..<(start + Int(header.bodyBytes))])
        func restamped(_ h: DerivedStateHeader) -> [UInt8] { h.encoded() + body + SHA256.digest(body).bytes }
        let cases: [(String, [UInt8])] = [
            ("pieces", { var b = good; b[start + 32 + 8 + 3] ^= 0x10; return b }()),
            ("own bytes", { var b = good; b[start + Int(header.bodyBytes) / 2] ^= 0x04; return b }()),
            ("what it keeps", { var b = good; b[b.count - 40] ^= 0x04; return b }()),
            ("truncated", Array(good.prefix(good.count - 20))),
            ("version", { var b = good; b["LEDGER-RECTIFY-LIST-PATCH".utf8.count + 1] = 2; return b }()),
            ("another ledger's", restamped(DerivedStateHeader(kind: header.kind, version: header.version, ledgerName: "another ledger",
                                                              genesis: header.genesis, stamp: header.stamp, bodyBytes: header.bodyBytes))),
            ("stamped with its file", restamped(DerivedStateHeader(kind: header.kind, version: header.version, ledgerName: header.ledgerName,
                                                                   genesis: header.genesis, stamp: fileHeader.stamp, bodyBytes: header.bodyBytes))),
        ]
        for (what, damaged) in cases {
            for stale in [false, true] {
                if stale { try payment() }
                try PosixFile.writeAtomically(damaged, to: Self.patchPath(directory))
                let plain = Self.run(cli, arguments, ["LEDGER_SCOPES": "off"])
                let got = Self.run(cli, arguments)
                #expect(got.0 == plain.0 && got.1 == plain.1, "\(what) stale \(stale)")
                #expect(Self.patchNotices(cli).count == 1, "\(what) stale \(stale): \(got.2)")
                #expect(!ScopeIndexCommandTests.notes(cli).contains { $0.hasPrefix("note: rectify.list in") }, "\(what): the file is intact")
                // Made again as a patch of the same file, which the next list uses without a notice.
                #expect(PosixFile.exists(Self.patchPath(directory)) && Self.bytes(Self.patchPath(directory)) != damaged, "\(what) stale \(stale)")
                #expect(Self.bytes(Self.listPath(directory)) == file, "\(what): the file was written again")
                let again = Self.run(cli, arguments)
                #expect(again.1 == got.1 && Self.patchNotices(cli).isEmpty, "\(what) stale \(stale): asked again \(again.2)")
            }
        }
        // A damaged file under a good patch: the file is noticed, both are removed, the list is made whole again.
        try payment()
        #expect(cli.run(arguments) == 0)
        var flipped = file
        flipped[flipped.count / 2] ^= 0x04
        try PosixFile.writeAtomically(flipped, to: Self.listPath(directory))
        let plain = Self.run(cli, arguments, ["LEDGER_SCOPES": "off"])
        let got = Self.run(cli, arguments)
        #expect(got.0 == plain.0 && got.1 == plain.1)
        #expect(ScopeIndexCommandTests.notes(cli).filter { $0.hasPrefix("note: rectify.list in") }.count == 1, "\(got.2)")
        #expect(!PosixFile.exists(Self.patchPath(directory)), "the patch went with its file")
    }

    /// Crashes: a patch naming a file since replaced (the file written whole, and the writer killed before it removed
    /// the old patch) is ignored without a notice; a patch's temporary left by a killed writer is removed by the next
    /// writer; neither changes an answer. `ledger verify --index` removes the patch with the file.
    @Test func aPatchOfAnotherFileOrHalfWrittenChangesNothing() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let day = "2025-12-31"
        #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0)
        let arguments = ["rectify", "--as-of", day, "--street", "八大关街道", "--lang", "en"]
        #expect(cli.run(arguments) == 0)
        try TestLedger.append([try Self.payment(sample, "F-LZ-PI", 1)], to: directory)
        #expect(cli.run(arguments) == 0)
        let oldPatch = try #require(Self.bytes(Self.patchPath(directory)))
        // The list written whole (a new file), then the old patch put back as a crash would have left it.
        try TestLedger.append([try Self.payment(sample, "F-LZ-PI", 2)], to: directory)
        let whole = Self.run(cli, arguments, [Self.limitVariable: "0"])
        #expect(!PosixFile.exists(Self.patchPath(directory)))
        try PosixFile.writeAtomically(oldPatch, to: Self.patchPath(directory))
        let newFile = Self.bytes(Self.listPath(directory))
        let again = Self.run(cli, arguments)
        #expect(again.0 == whole.0 && again.1 == whole.1 && again.2 == whole.2, "a patch of another file: \(again.2)")
        #expect(Self.bytes(Self.listPath(directory)) == newFile && Self.bytes(Self.patchPath(directory)) == oldPatch,
                "served from the new file alone")
        // After an append the old patch is still another file's: the new list's patch replaces it.
        #expect(cli.run(["rectify", "--as-of", day, "--format", "csv"]) == 0)
        let temporary = Self.patchPath(directory) + ".tmp-00000000feedf00d"
        try PosixFile.writeAtomically(Array(oldPatch.prefix(oldPatch.count / 2)), to: temporary)
        try TestLedger.append([try Self.payment(sample, "F-LZ-PI", 3)], to: directory)
        let got = Self.run(cli, arguments)
        #expect(got.1 == Self.run(cli, arguments, ["LEDGER_SCOPES": "off"]).1)
        #expect(Self.patchNotices(cli).isEmpty)
        #expect(!PosixFile.exists(temporary), "the abandoned temporary was removed")
        #expect(Self.bytes(Self.patchPath(directory)) != oldPatch, "a patch of the new file")
        #expect(Self.run(cli, arguments).1 == got.1)
        // verify --index removes the file and its patch (one line, the file's).
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stderr)")
        #expect(!PosixFile.exists(Self.listPath(directory)) && !PosixFile.exists(Self.patchPath(directory)))
        #expect(!cli.stdout.contains("rectify.list-patch"), "\(cli.stdout)")
        #expect(Self.run(cli, arguments).1 == got.1)
    }
}
