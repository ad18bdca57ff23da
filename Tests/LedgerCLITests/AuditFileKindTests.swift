import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// A file of the wrong kind given to an audit command — a public key as the signing key, a checkpoint as a proof
/// bundle, a key as a checkpoint — is named for what it is and what the option wants, before anything else is said
/// about it (a public key was told to `chmod 600` first; a checkpoint "not valid JSON"; a key "no blank line"). An
/// input error (exit 2): nothing was checked, so nothing was rejected.
@Suite struct AuditFileKindTests {
    let audit = AuditCommandTests()

    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let says: String
        let saysZh: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["checkpoint", "--key", "office.key.pub", "--out", "cp9.txt"],
             says: "error: office.key.pub: not a private key: this is a public key (KEY.pub, for checking); give the private key file that `ledger keygen` wrote (KEY, without .pub)",
             saysZh: "错误：office.key.pub：不是私钥：这是公钥（KEY.pub，用于核对）；请给出“ledger keygen”写出的私钥文件（KEY，不带 .pub）"),
        Case(arguments: ["checkpoint", "--key", "cp1.txt", "--out", "cp9.txt"],
             says: "error: cp1.txt: not a private key: this is a signed checkpoint; give the private key file that `ledger keygen` wrote (KEY, without .pub)",
             saysZh: "错误：cp1.txt：不是私钥：这是签名检查点；请给出“ledger keygen”写出的私钥文件（KEY，不带 .pub）"),
        Case(arguments: ["check-proof", "cp1.txt", "--pubkey", "office.key.pub"],
             says: "error: cp1.txt is a signed checkpoint, not a proof bundle; give the bundle that `ledger prove SEQ --checkpoint cp1.txt --out BUNDLE` writes",
             saysZh: "错误：cp1.txt 是签名检查点，不是证明包；请给出“ledger prove SEQ --checkpoint cp1.txt --out BUNDLE”写出的证明包"),
        Case(arguments: ["check-proof", "office.key", "--pubkey", "office.key.pub"],
             says: "error: office.key is a private key (keep it secret), not a proof bundle; give the bundle that `ledger prove SEQ --checkpoint FILE --out BUNDLE` writes",
             saysZh: "错误：office.key 是私钥（请妥善保密），不是证明包；请给出“ledger prove SEQ --checkpoint FILE --out BUNDLE”写出的证明包"),
        Case(arguments: ["prove", "1", "--checkpoint", "office.key", "--out", "b.json"],
             says: "error: office.key is a private key (keep it secret), not a checkpoint; give the checkpoint file that `ledger checkpoint --key KEY --out FILE` wrote",
             saysZh: "错误：office.key 是私钥（请妥善保密），不是检查点；请给出“ledger checkpoint --key KEY --out FILE”写出的检查点文件"),
        Case(arguments: ["prove", "1", "--checkpoint", "office.key.pub", "--out", "b.json"],
             says: "error: office.key.pub is a public key, not a checkpoint; give the checkpoint file that `ledger checkpoint --key KEY --out FILE` wrote",
             saysZh: "错误：office.key.pub 是公钥，不是检查点；请给出“ledger checkpoint --key KEY --out FILE”写出的检查点文件"),
        Case(arguments: ["consistency", "--from", "1", "--checkpoint", "office.key", "--out", "req.txt"],
             says: "error: office.key is a private key (keep it secret), not a checkpoint; give the checkpoint file that `ledger checkpoint --key KEY --out FILE` wrote",
             saysZh: "错误：office.key 是私钥（请妥善保密），不是检查点；请给出“ledger checkpoint --key KEY --out FILE”写出的检查点文件"),
        // Review 32: a key or a proof bundle as a checkpoint, a checkpoint or a bundle as a public key (the parser
        // said "no blank line" or "a key file holds exactly one line").
        Case(arguments: ["verify", "--checkpoint", "office.key.pub", "--pubkey", "office.key.pub"],
             says: "error: office.key.pub is a public key, not a checkpoint; give the checkpoint file that `ledger checkpoint --key KEY --out FILE` wrote",
             saysZh: "错误：office.key.pub 是公钥，不是检查点；请给出“ledger checkpoint --key KEY --out FILE”写出的检查点文件"),
        Case(arguments: ["prove", "1", "--checkpoint", "b1.json", "--out", "b.json"],
             says: "error: b1.json is a proof bundle, not a checkpoint; give the checkpoint file that `ledger checkpoint --key KEY --out FILE` wrote",
             saysZh: "错误：b1.json 是证明包，不是检查点；请给出“ledger checkpoint --key KEY --out FILE”写出的检查点文件"),
        Case(arguments: ["verify", "--checkpoint", "cp1.txt", "--pubkey", "cp1.txt"],
             says: "error: --pubkey cp1.txt is a signed checkpoint, not a public key; give the public key file (KEY.pub from `ledger keygen`, or a witness's W.pub)",
             saysZh: "错误：--pubkey cp1.txt 是签名检查点，不是公钥；请给出公钥文件（“ledger keygen”生成的 KEY.pub，或见证方的 W.pub）"),
        Case(arguments: ["check-proof", "b1.json", "--pubkey", "b1.json"],
             says: "error: --pubkey b1.json is a proof bundle, not a public key; give the public key file (KEY.pub from `ledger keygen`, or a witness's W.pub)",
             saysZh: "错误：--pubkey b1.json 是证明包，不是公钥；请给出公钥文件（“ledger keygen”生成的 KEY.pub，或见证方的 W.pub）"),
    ]

    @Test(arguments: cases)
    func aFileOfAnotherKindIsNamedForWhatItIs(_ c: Case) throws {
        let cli = audit.prepared()
        #expect(cli.run(["prove", "1", "--checkpoint", "cp1.txt", "--out", "b1.json"]) == 0, "\(cli.stderr)")
        let addLedger = c.arguments[0] != "check-proof"
        #expect(cli.run(c.arguments + ["--lang", "en"], addLedger: addLedger) == 2, "\(cli.stdout)")
        #expect(cli.stderr == c.says + "\n", "\(cli.stderr)")
        #expect(cli.run(c.arguments + ["--lang", "zh"], addLedger: addLedger) == 2)
        #expect(cli.stderr == c.saysZh + "\n", "\(cli.stderr)")
        for name in ["cp9.txt", "b.json", "req.txt"] { #expect(!PosixFile.exists(cli.temp.path + "/" + name)) }
    }

    /// An exposed private key is still refused for its mode, once it is known to be a private key.
    @Test func anExposedPrivateKeyIsStillToldToChmod() throws {
        let cli = audit.prepared()
        #expect(chmod(cli.temp.path + "/office.key", 0o644) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp9.txt"]) == 2)
        #expect(cli.stderr.contains("can be read or changed by others (mode 0644)") && cli.stderr.contains("chmod 600 office.key"), "\(cli.stderr)")
    }
}
