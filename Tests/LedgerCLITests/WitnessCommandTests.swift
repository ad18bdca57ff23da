import Foundation
import LedgerCLI
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `ledger witness init|cosign|status`, `ledger consistency` and the witness options of verify and check-proof,
/// end to end with their exit codes.
@Suite struct WitnessCommandTests {
    let audit = AuditCommandTests()

    func text(_ cli: CLIHarness, _ name: String) -> String { String(decoding: audit.file(cli, name), as: UTF8.self) }

    /// A ledger of 3 records with checkpoint cp1.txt, and a witness in ./bureau.
    func prepared() -> CLIHarness {
        let cli = audit.prepared()
        #expect(cli.run(["witness", "init", "--witness", "bureau", "--name", "shinan-zhujianju"], addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("witness \"shinan-zhujianju\" created in bureau"))
        return cli
    }

    @Test func officeAndWitnessWorkflow() {
        let cli = prepared()
        var info = stat()
        #expect(stat(cli.temp.path + "/bureau/witness.key", &info) == 0 && info.st_mode & 0o777 == 0o600)
        #expect(cli.run(["witness", "init", "--witness", "bureau"], addLedger: false) == 2)
        #expect(cli.stderr.contains("already exists"))

        // First checkpoint: cosigned in place, the office's signature kept.
        let before = text(cli, "cp1.txt")
        #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("first checkpoint of this ledger"))
        let after = text(cli, "cp1.txt")
        #expect(after.hasPrefix(before) && after.dropFirst(before.count).hasPrefix("— shinan-zhujianju "))
        #expect(cli.run(["verify", "--checkpoint", "cp1.txt", "--pubkey", "office.key.pub", "--witness-key", "bureau/witness.pub"]) == 0,
                "\(cli.stderr)")
        #expect(cli.stdout.contains("witnessed by shinan-zhujianju+"))

        // The log grows; the office makes the proof from the size the witness knows; the witness cosigns.
        #expect(cli.run(["append"], stdin: AuditCommandTests.more(5)) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp2.txt"]) == 0)
        #expect(cli.run(["witness", "cosign", "cp2.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], addLedger: false) == 2)
        #expect(cli.stderr.contains("ledger consistency --from 3 --checkpoint CP"))
        #expect(cli.run(["witness", "status", "--witness", "bureau"], addLedger: false) == 0)
        #expect(cli.stdout.contains("ledger \"badaguan\"") && cli.stdout.contains(": 3 records"))
        #expect(cli.run(["witness", "status", "--witness", "bureau", "--lang", "zh"], addLedger: false) == 0)
        #expect(cli.stdout.hasPrefix("见证方：") && cli.stdout.contains("\n账本“badaguan”（公钥 ") && cli.stdout.contains("：3 条记录，根 "))
        #expect(cli.run(["consistency", "--from", "3", "--checkpoint", "cp2.txt", "--out", "req.txt"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["witness", "cosign", "cp2.txt", "--pubkey", "office.key.pub", "--witness", "bureau",
                         "--consistency-from", "req.txt", "--out", "cp2-witnessed.txt"], addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("extends the 3 records cosigned before"))
        #expect(text(cli, "cp2.txt").components(separatedBy: "\n— ").count == 2, "--out leaves the input as it was")

        // verify and check-proof require and show the witness.
        #expect(cli.run(["verify", "--checkpoint", "cp2-witnessed.txt", "--pubkey", "office.key.pub",
                         "--witness-key", "bureau/witness.pub", "--witnesses", "1"]) == 0)
        #expect(cli.run(["verify", "--checkpoint", "cp2.txt", "--pubkey", "office.key.pub", "--witness-key", "bureau/witness.pub"]) == 1)
        #expect(cli.stderr.contains("1 witness cosignature required"))
        #expect(cli.run(["verify", "--json", "--checkpoint", "cp2-witnessed.txt", "--pubkey", "office.key.pub",
                         "--witness-key", "bureau/witness.pub"]) == 0)
        #expect(cli.stdout.contains("\"witnesses\":[{\"key\":\"shinan-zhujianju+"))
        #expect(cli.run(["prove", "2", "--checkpoint", "cp2-witnessed.txt", "--out", "b2.json"]) == 0)
        #expect(cli.run(["check-proof", "b2.json", "--pubkey", "office.key.pub"], addLedger: false) == 0)
        #expect(cli.stdout.contains("other signatures, not checked: shinan-zhujianju"))
        #expect(cli.run(["check-proof", "b2.json", "--pubkey", "office.key.pub", "--witness-key", "bureau/witness.pub"], addLedger: false) == 0)
        #expect(cli.stdout.contains("witnessed by: shinan-zhujianju+") && cli.stdout.contains("(cosignature verified)"))

        // Wrong kinds of keys and counts are usage or input errors.
        #expect(cli.run(["verify", "--checkpoint", "cp2.txt", "--pubkey", "bureau/witness.pub"]) == 2)
        #expect(cli.stderr.contains("witness's cosigning key"))
        #expect(cli.run(["verify", "--checkpoint", "cp2.txt", "--pubkey", "office.key.pub", "--witness-key", "office.key.pub"]) == 2)
        #expect(cli.run(["verify", "--checkpoint", "cp2.txt", "--pubkey", "office.key.pub", "--witnesses", "1"]) == 2)
        #expect(cli.run(["verify", "--witness-key", "bureau/witness.pub"]) == 2)
        #expect(cli.stderr.contains("--witness-key") && cli.stderr.contains("--checkpoint"), "\(cli.stderr)")
        #expect(cli.run(["verify", "--checkpoint", "cp2.txt", "--pubkey", "office.key.pub", "--witness-key", "bureau/witness.pub",
                         "--witnesses", "2"]) == 2)
    }

    /// `-` is standard input, as everywhere else: the cosigned checkpoint goes to standard output, not to a file named "-".
    @Test func checkpointFromStandardInputIsCosignedToStandardOutput() {
        let cli = prepared()
        let note = text(cli, "cp1.txt")
        #expect(cli.run(["witness", "cosign", "-", "--pubkey", "office.key.pub", "--witness", "bureau"], stdin: note, addLedger: false) == 0,
                "\(cli.stderr)")
        #expect(cli.stdout.hasPrefix(note) && cli.stdout.dropFirst(note.count).hasPrefix("— shinan-zhujianju "), "\(cli.stdout)")
        #expect(!FileManager.default.fileExists(atPath: cli.temp.path + "/-"))
    }

    @Test func witnessRefusesSplitViewAndRollbackWithExitStatus1() {
        let cli = prepared()
        // A second ledger under the same name and key, with another history of the same 3 records.
        #expect(cli.run(["init", "--name", "badaguan", "--ledger", "shadow"], addLedger: false) == 0)
        let shadow = AuditCommandTests.events.replacingOccurrences(of: "6222", with: "6223")
        #expect(cli.run(["append", "--ledger", "shadow"], stdin: shadow, addLedger: false) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "shadow-cp.txt", "--ledger", "shadow"], addLedger: false) == 0)

        audit.write(cli, "cp1-plain.txt", audit.file(cli, "cp1.txt"))
        #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], addLedger: false) == 0)
        let state = audit.file(cli, "bureau/logs/" + (try! FileManager.default.contentsOfDirectory(atPath: cli.temp.path + "/bureau/logs"))[0])
        #expect(cli.run(["witness", "cosign", "shadow-cp.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], addLedger: false) == 1)
        #expect(cli.stderr.contains("REFUSED (split view)"))
        #expect(!text(cli, "shadow-cp.txt").contains("shinan-zhujianju"), "a refused checkpoint is not cosigned")

        // The real log grows and is cosigned; then the old 3-record checkpoint is offered again.
        #expect(cli.run(["append"], stdin: AuditCommandTests.more(2)) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp2.txt"]) == 0)
        #expect(cli.run(["consistency", "--from", "3", "--checkpoint", "cp2.txt", "--out", "req.txt"]) == 0)
        // A proof made from the shadow history does not pass either.
        #expect(cli.run(["consistency", "--from", "3", "--checkpoint", "cp2.txt", "--out", "-", "--ledger", "shadow"], addLedger: false) == 1)
        #expect(cli.run(["witness", "cosign", "cp2.txt", "--pubkey", "office.key.pub", "--witness", "bureau", "--consistency-from", "req.txt"],
                        addLedger: false) == 0)
        #expect(audit.file(cli, "bureau/logs/" + (try! FileManager.default.contentsOfDirectory(atPath: cli.temp.path + "/bureau/logs"))[0]) != state)
        // The old checkpoint without this witness's cosignature: a rollback as far as the witness can tell.
        let plain = audit.file(cli, "cp1-plain.txt")
        #expect(cli.run(["witness", "cosign", "cp1-plain.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], addLedger: false) == 1)
        #expect(cli.stderr.contains("REFUSED (rollback)") && cli.stderr.contains("already cosigned 5 records"))
        #expect(audit.file(cli, "cp1-plain.txt") == plain, "a refusal leaves the checkpoint file as it was")
        // The same checkpoint as this witness cosigned it: recognised by its own cosignature, not a rollback (review 35d #6).
        let cosigned = audit.file(cli, "cp1.txt")
        #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau"], addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("already carries this witness's cosignature") && cli.stdout.contains("not a rollback")
                && cli.stdout.contains("Since then it has cosigned 5 records"), "\(cli.stdout)")
        #expect(!cli.stderr.contains("REFUSED"))
        #expect(audit.file(cli, "cp1.txt") == cosigned, "nothing to cosign again: the file is unchanged")
        #expect(cli.run(["witness", "status", "--witness", "bureau"], addLedger: false) == 0)
        #expect(cli.stdout.contains(": 5 records"))
    }
}

// Found by the fresh-eyes review of the issue-18 hardening; it failed before its fix.
extension WitnessCommandTests {
    @Test("witness cosign refuses a guarded --out before it records anything in the witness's state")
    func witnessCosignRefusesGuardedOutBeforeRecording() throws {
        let cli = WitnessCommandTests().prepared()
        #expect(cli.run(["witness", "cosign", "cp1.txt", "--pubkey", "office.key.pub", "--witness", "bureau", "--out", "ledger/w.txt"],
                        addLedger: false) == 2)
        #expect(cli.stderr.contains("inside the ledger directory"), "\(cli.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.temp.path + "/bureau/logs").isEmpty,
                "the witness recorded a cosignature it never handed out")
    }
}

// Found by the fresh-eyes review of the issue-18 hardening; it failed before its fix.
extension WitnessCommandTests {
    @Test("witness cosign - run from inside a witness directory reads and writes standard streams, no file is guarded")
    func witnessCosignFromStandardInputInsideTheWitness() throws {
        let cli = WitnessCommandTests().prepared()
        let note = String(decoding: try PosixFile(path: cli.temp.path + "/cp1.txt", mode: .read).readAll(), as: UTF8.self)
        // Run with the current directory inside the witness: "-" is no file there.
        let io = CommandIO(environment: [:], readStandardInput: { Array(note.utf8) }, writeOut: { cli.stdout += $0 },
                           writeOutBytes: { cli.stdout += String(decoding: $0, as: UTF8.self) }, writeErr: { cli.stderr += $0 },
                           now: { Timestamp(rfc3339: "2026-01-05T02:03:04Z")! }, makeId: { "unused" }, stderrIsTerminal: false,
                           currentDirectory: cli.temp.path + "/bureau")
        cli.stdout = ""
        cli.stderr = ""
        #expect(LedgerCLI.run(arguments: ["witness", "cosign", "-", "--pubkey", "../office.key.pub", "--witness", "."], io: io) == 0, "\(cli.stderr)")
        #expect(cli.stdout.hasPrefix(note) && cli.stdout.count > note.count, "\(cli.stdout)")
    }
}
