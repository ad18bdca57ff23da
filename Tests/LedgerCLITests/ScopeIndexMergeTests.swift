import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
@testable import LedgerProjections
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// `index/scopes` caught up by merging the records after its stamp into it (ledger-spec.md 15.5, "Catching up"),
/// not rebuilt from the whole log: for seeded random logs (every event type the sample holds, ids that cross
/// communities, corrections moving facts between communities, unknown types), the merged file is byte for byte the
/// one a rebuild at the same head writes, and scoped commands answer as from the log alone; a block or page that
/// does not match its checksum is found by the merge and the index rebuilt, with its one-line notice.
@Suite struct ScopeIndexMergeTests {
    static func fileBytes(_ directory: LedgerDirectory) throws -> [UInt8] {
        try PosixFile.readRegularFile(ScopeIndex.path(directory), bytesMax: 1 << 30).bytes
    }

    /// Merges the records after the stamp; the outcome, and when merged, that the file is the rebuilt one.
    static func mergeAndCompare(_ directory: LedgerDirectory, _ context: String) throws -> ScopeIndex.MergeOutcome? {
        guard let opened = try? ScopeIndex.open(directory) else { return nil }
        let delta = try ScopeIndex.readDelta(opened, directory).items
        guard !delta.isEmpty else { return nil }
        let outcome = ScopeIndex.merge(opened, directory, delta: delta)
        opened.file.close()
        if outcome == .merged {
            let rebuilt = try #require(try ScopeIndex.build(directory))
            #expect(try Self.fileBytes(directory) == rebuilt, "\(context): the merged index is the rebuilt one")
        }
        return outcome
    }

    @Test(arguments: TestScale.seeds(10)) func mergedIndexIsTheRebuiltOne(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x2545_F491 &+ 3)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        var index = 0
        var merged = 0, rebuilt = 0
        while index < events.count {
            let size = min(events.count - index, index == 0 ? 40 : random.int(1...15))
            try TestLedger.append(Array(events[index..<(index + size)]), to: directory)
            index += size
            if !PosixFile.exists(ScopeIndex.path(directory)) {
                try ScopeIndex.rebuild(directory)
                continue
            }
            switch try Self.mergeAndCompare(directory, "seed \(seed), \(index) records") {
            case .merged?: merged += 1
            case .rebuild?: rebuilt += 1; try ScopeIndex.rebuild(directory)
            case .damaged(let why)?: Issue.record("seed \(seed): damaged: \(why)")
            case nil: Issue.record("seed \(seed): nothing to merge after \(index) records")
            }
            // Scoped commands answer from the merged index as from the log alone.
            let scopes = ScopeIndexCommandTests.communities.map { ["--community", $0.0] } + ScopeIndexCommandTests.streets.map { ["--street", $0] }
            let scope = scopes[random.int(0..<scopes.count)]
            let command = ["assets", "balances", "contracts", "decisions", "rectify"][random.int(0..<5)]
            ScopeIndexCommandTests.expectSame(cli, [command] + scope + ["--as-of", "2026-06-30"], "seed \(seed), \(index) records")
        }
        // Most appends merge; a record that joins a group of the global block to a community makes a rebuild.
        #expect(merged >= 5 && merged > rebuilt, "seed \(seed): \(merged) merged, \(rebuilt) rebuilt")
    }

    /// A synthetic city (communities on several streets, contracts and decisions across parts): appends after the
    /// stamp merge, new communities included, and the file is the rebuilt one.
    @Test func aCityMergesItsAppends() throws {
        let temp = TemporaryDirectory("scopes-merge")
        let directory = TestLedger.create(in: temp)
        var city = SyntheticCity(eventCount: 12_000, seed: 5, communityCount: 12)
        try TestLedger.append(city.nextBatch(maxEvents: 3_000), to: directory)
        try ScopeIndex.rebuild(directory)
        var merges = 0
        while !city.isFinished {
            try TestLedger.append(city.nextBatch(maxEvents: 1_500), to: directory)
            if try Self.mergeAndCompare(directory, "city") == .merged { merges += 1 } else { try ScopeIndex.rebuild(directory) }
        }
        #expect(merges >= 4, "\(merges) merges")
    }

    /// A scoped read past its limit merges (no notice, no delta after); a whole-city `rectify` with records after
    /// the stamp merges too; a block that does not match its checksum is found by the merge: the index is rebuilt
    /// with its notice, and the answer is the log's.
    @Test func readsMergeAndDamageIsRebuilt() throws {
        let cli = CLIHarness()
        let (directory, arguments, _) = try ScopeIndexCommandTests.ledgerWithIndex(cli)
        var random = SplitMix64(seed: 21)
        var more = Array(try ScopeIndexCommandTests.randomEvents(&random).prefix(8))
        for i in more.indices { more[i].id = "m-\(i)" }
        try TestLedger.append(Array(more.prefix(4)), to: directory)
        let read = try #require(try ScopeIndex.read(directory, communityID: "C-HY", street: nil, upToSeq: nil, rebuildAfter: 0))
        #expect(read.notice == nil && read.deltaRead == 0)
        #expect(try Self.fileBytes(directory) == (try ScopeIndex.build(directory)))
        // The whole city's list (part by part through the index) after an append: merged, same list as the log's.
        try TestLedger.append(Array(more[4..<6]), to: directory)
        ScopeIndexCommandTests.expectSame(cli, ["rectify", "--as-of", "2026-06-30", "--format", "json"], "whole city after append")
        #expect(try Self.fileBytes(directory) == (try ScopeIndex.build(directory)))
        // Damage in a block the scope does not read: the merge checks every block.
        var bytes = try Self.fileBytes(directory)
        guard let opened = try? ScopeIndex.open(directory) else { Issue.record("no index"); return }
        let table = try opened.wholeTable()
        let other = table.blocks.indices.first { b in
            b != table.globalBlock && table.blocks[b].count > 0
                && !table.communities.contains { $0.block == b && ["C-HY", "C-QF", "C-YX"].contains($0.id) }
        }
        // (Any block when every community of the log is in the street's: the merge reads them all.)
        let chosen = other ?? table.blocks.indices.first { table.blocks[$0].count > 0 }
        let block = table.blocks[try #require(chosen)]
        let at = Int(opened.bodyStart) + Int(block.offset) + 5
        opened.file.close()
        bytes[at] ^= 0x10
        try PosixFile.writeAtomically(bytes, to: ScopeIndex.path(directory))
        try TestLedger.append(Array(more[6..<8]), to: directory)
        cli.environment["LEDGER_SCOPES"] = "off"
        #expect(cli.run(arguments) == 0)
        let plain = cli.stdoutBytes
        cli.environment["LEDGER_SCOPES"] = nil
        let damaged = try #require(try ScopeIndex.read(directory, communityID: "C-HY", street: "八大关街道", upToSeq: nil, rebuildAfter: 0))
        #expect(damaged.notice?.contains("does not match its checksum") == true, "\(damaged.notice ?? "no notice")")
        #expect(try Self.fileBytes(directory) == (try ScopeIndex.build(directory)))
        #expect(cli.run(arguments) == 0 && cli.stdoutBytes == plain)
    }

    /// A merge (no rebuild pass, where temporaries were otherwise removed) and `verify --index` remove what a killed
    /// merge or pass left in `index/`: an unlocked `scopes.tmp-` file (review B, session 11).
    @Test func aMergeAndVerifyIndexRemoveAbandonedTemporaries() throws {
        let cli = CLIHarness()
        let (directory, _, _) = try ScopeIndexCommandTests.ledgerWithIndex(cli)
        let abandoned = directory.indexPath + "/" + ScopeIndex.fileName + ".tmp-0123456789abcdef"
        try PosixFile.writeAtomically(Array("half a file".utf8), to: abandoned)
        var random = SplitMix64(seed: 22)
        var more = Array(try ScopeIndexCommandTests.randomEvents(&random).prefix(2))
        for i in more.indices { more[i].id = "t-\(i)" }
        try TestLedger.append(more, to: directory)
        let read = try #require(try ScopeIndex.read(directory, communityID: "C-HY", street: nil, upToSeq: nil, rebuildAfter: 0))
        #expect(read.notice == nil)
        #expect(!PosixFile.exists(abandoned), "the merge removed the abandoned temporary")
        try PosixFile.writeAtomically(Array("half a file".utf8), to: abandoned)
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(!PosixFile.exists(abandoned), "verify --index removed the abandoned temporary")
    }
}
