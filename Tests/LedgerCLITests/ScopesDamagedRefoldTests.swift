import Foundation
import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerTestSupport
import Testing

/// Review 47e #1: a whole-city list refolding its stored file after an append read `index/scopes` with `try?`, so a
/// damaged index was dropped without a word (the answer right, folded from the log) and stayed damaged until the
/// next rebuild. It is now said in the one-line notice every derived file gives (`note: scopes in … is damaged (…);
/// rebuilt from the log`), rebuilt by the list's fold, and the next list after an append refolds again.
@Suite struct ScopesDamagedRefoldTests {
    /// How the index is damaged: cut to half its length, or a bit flipped in its table (whose part sums `open` checks).
    /// Or a bit flipped in the entries of the block the appended record's community is in, which `open` does not
    /// check and the refold reads (review 49 #2: folded around without a word, left damaged).
    static let damages = ["truncated", "bit flipped in the table", "bit flipped in a block"]

    /// Damages `index/scopes` as `damage` says (one of `damages`); a block's flip lands in the block of the community
    /// whose fund `payment` names. Returns the file's path.
    static func damage(_ damage: String, _ directory: LedgerDirectory, payment: Event, sample: [Event]) throws -> String {
        let path = ScopeIndex.path(directory)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let (_, headerLength) = try #require(try? DerivedStateHeader.decode(bytes[...], kind: ScopeIndex.kind, version: ScopeIndex.version))
        if damage == "truncated" {
            bytes = Array(bytes.prefix(bytes.count / 2))
        } else if damage == "bit flipped in a block" {
            let fundID = try #require(payment.data["fund_id"]?.stringValue)
            let community = try #require(sample.first { $0.type == "fund.opened" && $0.data["fund_id"]?.stringValue == fundID }?
                .data["community_id"]?.stringValue)
            let opened = try #require(try ScopeIndex.open(directory))
            defer { opened.file.close() }
            let table = try opened.wholeTable()
            let block = table.blocks[try #require(try opened.communityBlock(of: community))]
            #expect(block.count > 0)
            bytes[Int(opened.bodyStart + block.offset) + 3] ^= 0x10
        } else {
            // Past the table's 8-byte length: its first part, whose sum no longer matches.
            bytes[headerLength + 8 + 4] ^= 0x10
        }
        try PosixFile.writeAtomically(bytes, to: path)
        return path
    }

    @Test(arguments: CityListStateTests.lists, damages) func aDamagedScopesIsSaidAndRebuilt(list: String, damage: String) throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let day = "2025-12-31", asOf = CalendarDate(iso: day)!
        // The list's file and index/scopes, both at the head.
        #expect(cli.run([list, "--as-of", day]) == 0, "\(cli.stderr)")
        #expect(PosixFile.exists(ScopeIndex.path(directory)))
        var payment = try #require(sample.first { $0.type == "fund.income" })
        payment.id = "extra-1"
        try TestLedger.append([payment], to: directory)
        let path = try Self.damage(damage, directory, payment: payment, sample: sample)
        let context = "\(list), scopes \(damage)"
        // The notice names the index and says it was rebuilt; the answer is the log's.
        #expect(cli.run([list, "--as-of", day]) == 0, "\(context): \(cli.stderr)")
        let answer = cli.stdoutBytes
        #expect(cli.stderr.contains("note: scopes in ") && cli.stderr.contains("rebuilt from the log"), "\(context): \(cli.stderr)")
        #expect(cli.stderr.split(separator: "\n").count == 1, "\(context): one line: \(cli.stderr)")
        cli.environment[CityListStateTests.switchName(list, "STATE")] = "off"
        #expect(cli.run([list, "--as-of", day]) == 0)
        #expect(cli.stdoutBytes == answer, "\(context): the answer is the log's")
        cli.environment[CityListStateTests.switchName(list, "STATE")] = nil
        // Rebuilt: the bytes a rebuild writes, and the next list after an append refolds with no notice.
        let rebuilt = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(try ScopeIndex.rebuild(directory))
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == rebuilt, "\(context): the rebuild's bytes")
        payment.id = "extra-2"
        try TestLedger.append([payment], to: directory)
        #expect(try CityListStateTests.source(list, directory, asOf) == "refolded", "\(context)")
        #expect(cli.run([list, "--as-of", day]) == 0)
        #expect(!cli.stderr.contains("note:"), "\(context): \(cli.stderr)")
        #expect(cli.run(["verify", "--index"]) == 0, "\(context): \(cli.stderr)")
    }

    /// `ledger rectify`'s refold of a stale `index/rectify.state` (`RectifyCommand.refold`) reads `index/scopes`
    /// with `try?` too (scopesfix50, session 49's review): when the index is damaged the refold gives up silently and
    /// the whole city is folded again, and it is that fold's rebuild of the index (`rebuildIndex`) that says so, once,
    /// in the one-line notice; the answer is the log's, the index the rebuild's bytes.
    @Test(arguments: damages) func aDamagedScopesUnderRectifysRefoldIsSaidAndRebuilt(damage: String) throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        let day = "2025-12-31"
        #expect(cli.run(["rectify", "--as-of", day]) == 0, "\(cli.stderr)")
        #expect(PosixFile.exists(ScopeIndex.path(directory)) && PosixFile.exists(directory.indexPath + "/rectify.state"))
        var payment = try #require(sample.first { $0.type == "fund.income" })
        payment.id = "extra-1"
        try TestLedger.append([payment], to: directory)
        let path = try Self.damage(damage, directory, payment: payment, sample: sample)
        let context = "rectify, scopes \(damage)"
        #expect(cli.run(["rectify", "--as-of", day]) == 0, "\(context): \(cli.stderr)")
        let answer = cli.stdoutBytes
        #expect(cli.stderr.contains("note: scopes in ") && cli.stderr.contains("rebuilt from the log"), "\(context): \(cli.stderr)")
        #expect(cli.stderr.split(separator: "\n").count == 1, "\(context): one line: \(cli.stderr)")
        let rebuilt = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(try ScopeIndex.rebuild(directory))
        #expect([UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) == rebuilt, "\(context): the rebuild's bytes")
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(["rectify", "--as-of", day]) == 0)
        #expect(cli.stdoutBytes == answer, "\(context): the answer is the log's")
        cli.environment["LEDGER_SCOPES"] = nil
        // The next append is refolded with no notice.
        payment.id = "extra-2"
        try TestLedger.append([payment], to: directory)
        #expect(cli.run(["rectify", "--as-of", day]) == 0)
        #expect(!cli.stderr.contains("note:"), "\(context): \(cli.stderr)")
        #expect(cli.run(["verify", "--index"]) == 0, "\(context): \(cli.stderr)")
    }

    /// In Chinese, as the other derived files' notices are.
    @Test func theNoticeIsInTheClerksLanguage() throws {
        let sample = try SampleRecords.load().map(\.event)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(sample, to: directory)
        #expect(cli.run(["contracts", "--as-of", "2025-12-31"]) == 0)
        var payment = try #require(sample.first { $0.type == "fund.income" })
        payment.id = "extra-1"
        try TestLedger.append([payment], to: directory)
        let path = ScopeIndex.path(directory)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        try PosixFile.writeAtomically(Array(bytes.prefix(bytes.count / 2)), to: path)
        #expect(cli.run(["contracts", "--as-of", "2025-12-31", "--lang", "zh"]) == 0)
        #expect(cli.stderr.contains("中的 scopes") && cli.stderr.contains("已从日志重建"), "\(cli.stderr)")
    }
}
