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
        #expect(sha(Array(cli.stdout.utf8)) == "4395397e716099d4b6a3b602df2128224fd5c449f7a2df92c563cd5747b252ca", "\(cli.stdout.prefix(3000))")
        #expect(cli.run(["import", "assets", "twins.csv", "--lang", "zh"] + Self.stamp) == 2)
        #expect(sha(Array(cli.stdout.utf8)) == "a23193b52f3aa7e4da9ed0c98b6e2634222d319b91768a112a6ad8ed3a6f1e69", "\(cli.stdout.prefix(3000))")
        #expect(try cli.logBytes() == before)
        #expect(sha(before) == "8f8cba750c2b7926740c38692e6bc9668ac799f0036930c4b21cc9a2c03e5aa4")

        #expect(cli.run(["import", "assets", "twins.csv", "--allow-partial", "--rejects", "rej.csv"] + Self.stamp) == 0, "\(cli.stdout)")
        #expect(sha(Array(cli.stdout.utf8)) == "a1ad06deb19cd3563fd3297f215012663194c08d06e10c1413c42d0f6ed59e64", "\(cli.stdout.prefix(3000))")
        #expect(sha(try file(cli, "rej.csv")) == "9b28c46e59e3c93ea70ef0afd131ad55637328eaded011f32ad947ebe061f0e8")
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
        #expect(sha(Array(cli.stdout.utf8)) == "ee48829d6163c527c567bcc7f34d0072c468d219e3ba3661bd8ed2049ac01826", "\(cli.stdout.prefix(3000))")
        #expect(cli.run(["import", "assets", "again.csv", "--lang", "zh"] + Self.stamp) == 2)
        #expect(sha(Array(cli.stdout.utf8)) == "e782364ae9ccc4bd596c139898e5276f7478e4b6c8ac17678403e7344a7a59ad", "\(cli.stdout.prefix(3000))")
        #expect(try cli.logBytes() == imported)
    }
}
