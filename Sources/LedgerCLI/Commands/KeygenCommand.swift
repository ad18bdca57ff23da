import LedgerMerkle
import LedgerPlatform

enum KeygenCommand {
    static let out = OptionSpec.value(
        "out", "KEY", required: true, en: "where to write the private key (the public key goes to KEY.pub)",
        zh: "私钥写到哪里（公钥写到 KEY.pub）")
    static let name = OptionSpec.value(
        "name", "NAME", en: "the key's name, shown in signatures (default: KEY's file name without \".key\"); no spaces or \"+\"",
        zh: "密钥名称，显示在签名中（默认：KEY 的文件名去掉“.key”）；不能含空格或“+”")

    static let command = Command(
        name: "keygen",
        summary: Message(en: "make an Ed25519 key pair for signing checkpoints", zh: "生成用于签署检查点的 Ed25519 密钥对"),
        options: [out, name],
        about: Message(en: """
        Makes a new Ed25519 signing key. Writes the private key to KEY (file mode 0600: keep it secret, it signs
        checkpoints) and the public key to KEY.pub (one line of text: publish it, e.g. on the street office's
        notice board and website; auditors and residents check checkpoints and proofs against it).
        Neither file may exist already; keys are never overwritten. Both are new regular files: standard output
        (-), a device such as /dev/null or a FIFO is refused, since a private key there would not be kept.
        """, zh: """
        生成新的 Ed25519 签名密钥。私钥写入 KEY（文件权限 0600：请保密，它用来签署检查点），公钥写入 KEY.pub
        （一行文字：请公开，例如贴在街道办公告栏和网站上；审计人员和居民用它核对检查点和证明）。
        两个文件都不能事先存在；密钥从不覆盖。两者都必须是新的普通文件：标准输出（-）、/dev/null 之类的设备或
        FIFO 都会被拒绝，因为私钥写到那里就保存不下来。
        """),
        notes: Message(en: "Key files use the signed-note formats of golang.org/x/mod/sumdb/note (see ledger-spec.md, \"Keys\").",
                       zh: "密钥文件采用 golang.org/x/mod/sumdb/note 的 signed-note 格式（见 ledger-spec.md “Keys”一节）。"),
        exitStatus: Message(en: "0 written, 2 usage error or a file exists or cannot be written.",
                            zh: "0 已写入；2 用法错误，或文件已存在或无法写入。"),
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let out = try arguments.required(Self.out)
        let path = context.io.resolve(out)
        var base = String(path.split(separator: "/").last ?? "ledger")
        if base.hasSuffix(".key") && base.count > 4 { base.removeLast(4) }
        let name = arguments.value("name") ?? base
        guard NoteKeys.isValidName(name) else { throw .usage(AuditSupport.message(.badKeyName(name: name))) }
        let signer: SignerKey
        signer = try AuditSupport.newKey(name: name, algorithm: .ed25519)
        if out == "-" {
            throw .usage(Message(en: "--out - would print the private key; a key pair is written to a new regular file, where it is kept. Give a file name, e.g. --out office.key.", zh: "--out - 会把私钥打印出来；密钥对要写入一个新的普通文件才能保存。请给出文件名，例如 --out office.key。"))
        }
        // Both halves pass the output guard before either is written, and go to new regular files: a private key
        // sent to standard output, a device or a FIFO is not kept (or is shown), yet its public half would be.
        for half in [out, out + ".pub"] {
            let target = try context.io.outputPath(half, option: "out")
            guard let kind = PosixFile.kind(at: target) else { continue }
            guard kind == .regular else {
                throw .usage(Message(en: "--out \"\(half)\" is \(kind); a key pair is written to a new regular file, where it is kept. Give a file name, e.g. --out office.key.",
                                     zh: "--out “\(half)”是\(kind.chineseName)；密钥对要写入一个新的普通文件并保存在那里。请给出文件名，例如 --out office.key。"))
            }
            throw .input(Message(en: "\(half) already exists; keys are never overwritten. Choose another --out.", zh: "\(half) 已存在；密钥从不覆盖。请另选 --out。"))
        }
        // Each half is written whole or not at all; if the public half fails, the private half goes again, so the
        // same command can simply be run again.
        try context.io.writeOutput(Array((signer.text + "\n").utf8), to: out, existing: .refuse, permissions: 0o600, what: "keys")
        do {
            try context.io.writeOutput(Array((signer.verifier.text + "\n").utf8), to: out + ".pub", existing: .refuse,
                                       permissions: 0o644, what: "keys")
        } catch {
            try? PosixFile.remove(context.io.canonicalPath(out))
            throw error
        }
        context.io.writeOut(context.language == .zh ? """
        私钥：\(out)（权限 0600；务必保密）
        公钥：\(out).pub（请公布）
        \(signer.verifier.text)

        """ : """
        private key: \(out) (mode 0600; keep it secret)
        public key:  \(out).pub (publish it)
        \(signer.verifier.text)

        """)
        return 0
    }
}
