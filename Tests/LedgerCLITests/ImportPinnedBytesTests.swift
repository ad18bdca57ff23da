import Foundation
import LedgerChain
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerSynthetic
import LedgerTestSupport
import Testing

/// `ledger import assets` of a seeded register writes, says and refuses exactly what it did before the import's
/// hot path was reworked (session 39: the new parts' fingerprints, the stored state's keys): the SHA-256 of the log,
/// of the report in both languages and of the rejects file, pinned from the release build of main 99ad467e run on the
/// same files (`ledger-bench phase import-setup --events 4000 --seed 39`, then the twins below). A change to any
/// byte of a record, a message or their order fails here, where the golden suites hold only small registers.
/// Session 51 re-pinned the reports and the rejects file (not the logs) for the twins' new words (review import50
/// #2: `"T-…" registers a part that row 5 of this file already registers …`): each new output, with those words put
/// back as they were, hashes to the value pinned before.
@Suite struct ImportPinnedBytesTests {
    static let recordedAt = Timestamp(rfc3339: "2025-01-01T00:00:00Z")!
    static let stamp = ["--actor", "ledger-bench", "--recorded-at", "2025-01-01T00:00:00Z"]

    /// The benchmark's setup (`FeaturePhases.importSetup`): a ledger of the register's two communities.
    func setup() throws -> (cli: CLIHarness, register: [UInt8]) {
        let cli = CLIHarness()
        let directory = try LedgerDirectory.create(at: cli.ledgerPath, name: "bench-import", createdAt: Self.recordedAt)
        let writer = try LogWriter.open(directory)
        _ = try writer.append(SyntheticRegister.communities(2),
                              options: AppendOptions(recordedAt: Self.recordedAt, defaultActor: "ledger-bench", makeId: { "unused" }))
        writer.close()
        return (cli, SyntheticRegister.csv(rows: 4000, communities: 2, seed: 39))
    }

    static func lines(_ csv: [UInt8]) -> [String] {
        String(decoding: csv, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    /// The register with every 250th row (rows 5, 255, …) again under another id (`T-…`): sixteen twins of rows.
    static func twins(_ csv: [UInt8]) -> [UInt8] {
        let lines = lines(csv)
        let again = lines.indices.filter { $0 > 0 && $0 % 250 == 5 }.map { "T-" + lines[$0].dropFirst(2) }
        return Array((lines + again).map { $0 + "\r\n" }.joined().utf8)
    }

    func write(_ cli: CLIHarness, _ name: String, _ bytes: [UInt8]) throws {
        try PosixFile.writeAtomically(bytes, to: cli.temp.path + "/" + name)
    }

    func sha(_ bytes: [UInt8]) -> String { SHA256.digest(bytes).description }

    func file(_ cli: CLIHarness, _ name: String) throws -> [UInt8] {
        try PosixFile(path: cli.temp.path + "/" + name, mode: .read).readAll()
    }

    @Test func twinsOfRowsAreRefusedAndImportedAsBefore() throws {
        let (cli, register) = try setup()
        try write(cli, "twins.csv", Self.twins(register))
        let before = try cli.logBytes()
        #expect(cli.run(["import", "assets", "twins.csv"] + Self.stamp) == 2, "\(cli.stderr)")
        #expect(sha(Array(cli.stdout.utf8)) == "3b24a4f85ba19f2ff4f774f5d1df85250c0cf3d36a9a335c9eeda761686aa102", "\(cli.stdout.prefix(3000))")
        #expect(cli.run(["import", "assets", "twins.csv", "--lang", "zh"] + Self.stamp) == 2)
        #expect(sha(Array(cli.stdout.utf8)) == "5fb46dc9404aba7bffe12899c0eda2293c3c660b6aa88922732d2254d1249580", "\(cli.stdout.prefix(3000))")
        #expect(try cli.logBytes() == before)
        #expect(sha(before) == "8f8cba750c2b7926740c38692e6bc9668ac799f0036930c4b21cc9a2c03e5aa4")

        #expect(cli.run(["import", "assets", "twins.csv", "--allow-partial", "--rejects", "rej.csv"] + Self.stamp) == 0, "\(cli.stdout)")
        #expect(sha(Array(cli.stdout.utf8)) == "a336ed4fe7a622a6f16c64ec9ba978225b453b601c1404edf744824dc2261554", "\(cli.stdout.prefix(3000))")
        #expect(sha(try file(cli, "rej.csv")) == "93aabc2c3432dd25da4d23030f169af3a0b57f97b6a9aac290ac31520ea0c546")
        #expect(sha(try cli.logBytes()) == "e19d13143250f4ae1477a61c8d8b018b07d4135e5ac410a61124cf155e002785")
    }

    @Test func twinsAllowedWriteTheSameLog() throws {
        let (cli, register) = try setup()
        try write(cli, "twins.csv", Self.twins(register))
        #expect(cli.run(["import", "assets", "twins.csv", "--allow-twins"] + Self.stamp) == 0, "\(cli.stdout)")
        #expect(sha(Array(cli.stdout.utf8)) == "d7cdbfc5c0fa0c4ee2723fccec5c96c6529cc2f76e8c6f8e76954a5e070fd32e", "\(cli.stdout.prefix(3000))")
        #expect(sha(try cli.logBytes()) == "bf355b6af61ec3a7eed2d8ea64dfef56af05514421707c9a78084a1f4fba543a")
    }

    /// The register imported, then again with every id changed (`S-…`): each row a twin of a recorded part.
    @Test func twinsOfRecordedPartsAreRefusedAsBefore() throws {
        let (cli, register) = try setup()
        try write(cli, "register.csv", register)
        try write(cli, "again.csv", Array(Self.lines(register).map { ($0.hasPrefix("R-") ? "S-" + $0.dropFirst(2) : $0) + "\r\n" }.joined().utf8))
        #expect(cli.run(["import", "assets", "register.csv"] + Self.stamp) == 0, "\(cli.stdout)")
        let imported = try cli.logBytes()
        #expect(sha(imported) == "8bd924c4b456fd839dc7278794d74b7472704d2d4a00911fd79ca4cda80d4355")
        #expect(cli.run(["import", "assets", "again.csv"] + Self.stamp) == 2)
        #expect(sha(Array(cli.stdout.utf8)) == "ad9247e7ad8214f247f11a1fe4c24cdad9de89ea1c1be218b4d811b7136f8806", "\(cli.stdout.prefix(3000))")
        #expect(cli.run(["import", "assets", "again.csv", "--lang", "zh"] + Self.stamp) == 2)
        #expect(sha(Array(cli.stdout.utf8)) == "9316e0bb7abfd125f3b2fbb778000e95d674da04b3c352bf69206ba1a12990c1", "\(cli.stdout.prefix(3000))")
        #expect(try cli.logBytes() == imported)
    }
}
