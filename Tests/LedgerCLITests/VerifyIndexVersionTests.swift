import LedgerCLI
import LedgerPlatform
import Testing

/// Session 14 defect: `ledger verify --index` called a version-1 id index (`ids` and `ids-recent`, ledger-spec.md
/// 15.3, written by the program before session 14) "DAMAGED". An older format is not damage: it is reported as an
/// older version, rebuilt, in both languages and in JSON; the exit status stays the log's. A format newer than the
/// program's is still damage to it.
@Suite struct VerifyIndexVersionTests {
    /// A demo ledger whose `index/ids` says format `version` (the u64 after the kind line `LEDGER-ID-TABLE\n`),
    /// with version 1's `ids-recent` beside it.
    static func ledger(version: UInt8) throws -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["demo", "--ledger", cli.ledgerPath], addLedger: false) == 0, "\(cli.stderr)")
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)\(cli.stderr)")
        let path = cli.ledgerPath + "/index/ids"
        var bytes = try PosixFile(path: path, mode: .read).readAll()
        #expect(bytes.starts(with: Array("LEDGER-ID-TABLE\n".utf8)))
        bytes[16] = version
        try PosixFile.writeAtomically(bytes, to: path)
        if version == 1 { try PosixFile.writeAtomically(Array("LEDGER-ID-TABLE\n".utf8), to: cli.ledgerPath + "/index/ids-recent") }
        return cli
    }

    @Test func aVersionOneIdIndexIsAnOlderVersionNotDamage() throws {
        for lang in ["en", "zh", "json"] {
            let cli = try Self.ledger(version: 1)
            let arguments = ["verify", "--index"] + (lang == "json" ? ["--json"] : ["--lang", lang])
            #expect(cli.run(arguments) == 0, "\(cli.stdout)\(cli.stderr)")
            switch lang {
            case "en":
                #expect(cli.stdout.contains("index: ids is of an older version (format version 1, this program writes 2), not damaged; rebuilt from the log at record "), "\(cli.stdout)")
                #expect(!cli.stdout.contains("DAMAGED"), "\(cli.stdout)")
            case "zh":
                #expect(cli.stdout.contains("索引：ids 是旧版本的格式（版本 1，本程序写入版本 2），并非损坏；已在记录 "), "\(cli.stdout)")
                #expect(!cli.stdout.contains("已损坏"), "\(cli.stdout)")
            default:
                #expect(cli.stdout.contains(#""ids":{"detail":"format version 1, this program writes 2","rebuilt_at":"#), "\(cli.stdout)")
                #expect(cli.stdout.contains(#""status":"older_version""#), "\(cli.stdout)")
            }
            // Rebuilt in this version's format: the next pass finds it intact, and version 1's second table gone.
            #expect(cli.run(["verify", "--index"]) == 0)
            #expect(cli.stdout.contains("index: ids intact"), "\(cli.stdout)")
            #expect(!PosixFile.exists(cli.ledgerPath + "/index/ids-recent"))
        }
    }

    @Test func aNewerVersionIsStillDamageToThisProgram() throws {
        let cli = try Self.ledger(version: 9)
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("index: DAMAGED — ids is of format version 9, this program writes 2"), "\(cli.stdout)")
    }

    /// Review C15: no file was ever written as version 0, so a version field reading 0 (a flipped byte) is damage,
    /// not an older version.
    @Test func versionZeroIsDamageNotAnOlderVersion() throws {
        let cli = try Self.ledger(version: 0)
        #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.stdout.contains("index: DAMAGED — ids is of format version 0, this program writes 2"), "\(cli.stdout)")
    }
}
