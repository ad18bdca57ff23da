import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerRules
import LedgerTestSupport
import Testing

/// The day's first whole-city `rectify` after `rm -rf index/` builds `index/scopes` through the shared pass
/// (ledger-spec.md 15.6) before folding the city part by part (15.8), where it used to let `ScopeIndex.withCity`
/// rebuild it (`ScopeIndex.rebuild`: one thread, the file held whole). Differential property, for seeded random
/// logs (every event type, corrections, back-dated facts, unknown types) and parts of 1 to 100,000 records: the cold
/// command prints the same bytes, on both streams, with the same status, and leaves the same `index/` files byte for
/// byte as the same command run on scopes made by `ScopeIndex.rebuild` (the old path's own builder); and the list is
/// the log's (`LEDGER_SCOPES=off`).
@Suite struct RectifyFirstListTests {
    /// Every file in `index/`, by name.
    static func indexFiles(_ directory: LedgerDirectory) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.indexPath) {
            files[name] = Array(try Data(contentsOf: URL(fileURLWithPath: directory.indexPath + "/" + name)))
        }
        return files
    }

    @Test(arguments: TestScale.seeds(4)) func theFirstWholeCityListIsTheOldPathsByteForByte(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x31F1_0C7B &+ 31)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        var index = 0
        var compared = 0
        while index < events.count {
            let size = min(events.count - index, index == 0 ? 60 : random.int(1...60))
            try TestLedger.append(Array(events[index..<(index + size)]), to: directory)
            index += size
            cli.environment["LEDGER_CITY_PART"] = String([1, 5, 40, 100_000][random.int(0..<4)])
            let day = ScopeIndexCommandTests.date(&random).adding(days: 200).description
            let arguments = ["rectify", "--as-of", day] + RectifyStateTests.options(&random)
            let context = "seed \(seed), \(index) records: \(arguments.joined(separator: " "))"
            // The old path: the scopes made by their own builder, then the list (withCity finds them usable).
            try? FileManager.default.removeItem(atPath: directory.indexPath)
            try PosixFile.makeDirectory(directory.indexPath)
            #expect(try ScopeIndex.rebuild(directory), "\(context)")
            let oldStatus = cli.run(arguments)
            let old = cli.stdoutBytes, oldErr = cli.stderr
            let oldFiles = try Self.indexFiles(directory)
            // The new path: after `rm -rf index/`, the command builds the scopes itself.
            try FileManager.default.removeItem(atPath: directory.indexPath)
            let status = cli.run(arguments)
            #expect(status == oldStatus, "\(context)\n\(cli.stderr)")
            #expect(cli.stdoutBytes == old, "\(context)\nold:\n\(String(decoding: old, as: UTF8.self))\nnew:\n\(cli.stdout)")
            #expect(cli.stderr == oldErr, "\(context)")
            let files = try Self.indexFiles(directory)
            #expect(Set(files.keys) == Set(oldFiles.keys), "\(context): \(files.keys.sorted()) vs \(oldFiles.keys.sorted())")
            for (name, bytes) in oldFiles { #expect(files[name] == bytes, "\(context): index/\(name) differs") }
            // Not vacuous: the cold command made the scopes and the day's state.
            #expect(files["scopes"] != nil && files["rectify.state"] != nil, "\(context): \(files.keys.sorted())")
            if status == 0, files["rectify.state"] != nil { compared += 1 }
            // And the list is the log's.
            ScopeIndexCommandTests.expectSame(cli, arguments, context)
        }
        #expect(compared >= 3, "seed \(seed): \(compared) lists compared")
    }

    /// An unusable `index/scopes` (truncated, or its header damaged) is noticed once and made again by the first
    /// whole-city list, which answers as the log does and writes the scopes the log gives.
    @Test(arguments: TestScale.seeds(2)) func anUnusableScopesFileIsNoticedOnceAndMadeAgain(seed: Int) throws {
        var random = SplitMix64(seed: UInt64(seed) &* 0x5BD1_E995 &+ 131)
        let events = try ScopeIndexCommandTests.randomEvents(&random)
        let cli = CLIHarness()
        let directory = TestLedger.create(in: cli.temp)
        try TestLedger.append(events, to: directory)
        let day = ScopeIndexCommandTests.date(&random).adding(days: 200).description
        let arguments = ["rectify", "--as-of", day]
        try? FileManager.default.removeItem(atPath: directory.indexPath)
        #expect(cli.run(arguments) == 0, "\(cli.stderr)")
        let clean = cli.stdoutBytes
        let scopes = try Self.indexFiles(directory)["scopes"] ?? []
        #expect(scopes.count > 200)
        for damage in 0..<3 {
            try? FileManager.default.removeItem(atPath: directory.indexPath)
            try PosixFile.makeDirectory(directory.indexPath)
            var bytes = scopes
            switch damage {
            case 0: bytes = Array(bytes.prefix(bytes.count / 2))
            case 1: bytes[10] ^= 0x55
            default: bytes = Array(bytes.prefix(40))
            }
            try Data(bytes).write(to: URL(fileURLWithPath: ScopeIndex.path(directory)))
            let context = "seed \(seed), damage \(damage)"
            #expect(cli.run(arguments) == 0, "\(context)\n\(cli.stderr)")
            #expect(cli.stdoutBytes == clean, "\(context)")
            let notices = cli.stderr.split(separator: "\n").filter { $0.contains("scopes") }
            #expect(notices.count == 1, "\(context): \(cli.stderr)")
            #expect(try Self.indexFiles(directory)["scopes"] == scopes, "\(context)")
        }
    }
}
