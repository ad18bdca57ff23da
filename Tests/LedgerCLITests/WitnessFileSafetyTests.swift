import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The witness directory is hardened like the ledger's: its files are the files themselves (a planted link is
/// refused and never followed), they are read within a bound, its private key must not be readable by others, and
/// `witness init` leaves nothing half-made (issue 18, items 5, 7, 8 and 10, applied to the witness).
@Suite struct WitnessFileSafetyTests {
    /// A ledger, a witness in ./bureau that has cosigned cp1.txt once (so logs/ holds a state file), and cp2.txt.
    static func prepared() throws -> (cli: CLIHarness, state: String) {
        let cli = WitnessCommandTests().prepared()
        #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau", "--out", "w1.txt"],
                        addLedger: false) == 0, "\(cli.stderr)")
        let logs = cli.temp.path + "/bureau/logs"
        let states = try FileManager.default.contentsOfDirectory(atPath: logs)
        try #require(states.count == 1)
        return (cli, "logs/" + states[0])
    }

    static let cosign = ["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau", "--out", "w2.txt"]
    static let status = ["witness", "status", "--witness", "bureau"]

    @Test("a witness whose files are symbolic links is refused, and nothing outside is read or written",
          arguments: ["witness.key", "lock", "logs", "STATE"])
    func plantedLinksAreRefused(_ member: String) throws {
        let (cli, state) = try Self.prepared()
        let name = member == "STATE" ? state : member
        let path = cli.temp.path + "/bureau/" + name
        // The witness's own file moves aside and a link to a copy of it (or to a folder elsewhere) takes its place.
        let victim = cli.temp.path + "/victim"
        try FileManager.default.moveItem(atPath: path, toPath: victim)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim)
        let before = OutputSafetyTests.snapshot(victim)
        let victimBytes = PosixFile.isDirectory(victim) ? [] : try PosixFile(path: victim, mode: .read).readAll()
        for command in [Self.cosign, Self.status] {
            let status = cli.run(command, addLedger: false)
            #expect(status == 2, "\(command) with \(name) a link: status \(status) \(cli.stderr)")
            #expect(cli.stderr.contains("symbolic link") && cli.stderr.contains(name), "\(command): \(cli.stderr)")
        }
        #expect(OutputSafetyTests.snapshot(victim) == before, "nothing was written through \(name)")
        if !PosixFile.isDirectory(victim) { #expect(try PosixFile(path: victim, mode: .read).readAll() == victimBytes) }
        #expect(!PosixFile.exists(cli.temp.path + "/w2.txt"), "nothing was cosigned")
    }

    @Test("a FIFO planted as the witness key or a state file is refused at once, never waited on",
          arguments: ["witness.key", "STATE"])
    func fifoIsRefused(_ member: String) throws {
        let (cli, state) = try Self.prepared()
        let path = cli.temp.path + "/bureau/" + (member == "STATE" ? state : member)
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o600) == 0)
        #expect(cli.run(Self.status, addLedger: false) == 2, "\(cli.stderr)")
        #expect(cli.stderr.contains("FIFO"), "\(cli.stderr)")
    }

    @Test("a state file over its size limit is refused by its size, naming the limit")
    func oversizedStateIsRefusedBySize() throws {
        let (cli, state) = try Self.prepared()
        let path = cli.temp.path + "/bureau/" + state
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 2 << 20)
        try handle.close()
        #expect(cli.run(Self.status, addLedger: false) == 1)
        #expect(cli.stderr.contains("2097152 bytes") && cli.stderr.contains("limit"), "\(cli.stderr)")
    }

    @Test("cosign refuses a witness key that group or others can read, and says how to fix it")
    func exposedWitnessKeyIsRefused() throws {
        let (cli, _) = try Self.prepared()
        let key = cli.temp.path + "/bureau/witness.key"
        #expect(chmod(key, 0o644) == 0)
        #expect(cli.run(Self.cosign, addLedger: false) == 2)
        #expect(cli.stderr.contains("chmod 600") && cli.stderr.contains("witness.key"), "\(cli.stderr)")
        #expect(!PosixFile.exists(cli.temp.path + "/w2.txt"))
        #expect(chmod(key, 0o600) == 0)
        #expect(cli.run(Self.cosign, addLedger: false) == 0, "\(cli.stderr)")
    }

    @Test("witness init on a full disk leaves nothing that blocks the same command once there is space")
    func witnessInitOnFullDiskCanBeRetried() throws {
        let temp = TemporaryDirectory("cli-fault")
        for target in ["bureau", "empty"] {
            if target == "empty" { try FileManager.default.createDirectory(atPath: temp.path + "/empty", withIntermediateDirectories: false) }
            let failed = try CLIFaultTests.run(["witness", "init", "--witness", target], script: CLIFaultTests.fullDisk, in: temp.path)
            CLIFaultTests.expectNoCrash(failed, "witness init")
            #expect(failed.status == 2 && failed.err.contains("File too large"), "\(failed.err)")
            let left = try FileManager.default.contentsOfDirectory(atPath: temp.path).sorted()
            #expect(left == (target == "empty" ? ["empty"] : []), "nothing half-made is left: \(left)")
            if target == "empty" { #expect(try FileManager.default.contentsOfDirectory(atPath: temp.path + "/empty").isEmpty) }
            let retry = try CLIFaultTests.run(["witness", "init", "--witness", target], in: temp.path)
            #expect(retry.status == 0, "retry of witness init at \(target): \(retry.err)")
            #expect(try CLIFaultTests.run(["witness", "status", "--witness", target], in: temp.path).status == 0)
            if target == "bureau" { try FileManager.default.removeItem(atPath: temp.path + "/bureau") }
        }
    }
}
