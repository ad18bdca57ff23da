import LedgerChain
import LedgerEvents
import LedgerPlatform

enum InitCommand {
    static let name = OptionSpec.value(
        "name", "NAME", en: "the ledger's name, used in signed checkpoints (default: the directory's name)",
        zh: "账本的名称，写入签名检查点（默认：目录名）")

    static let command = Command(
        name: "init",
        summary: Message(en: "create an empty ledger directory", zh: "新建一个空账本目录"),
        options: [name],
        about: Message(en: """
        Creates an empty ledger in DIR (which must not exist, or be an empty directory): ledger.json (identity),
        events.jsonl (the log), acknowledged (the acknowledged head, nothing yet), lock and index/. Never
        overwrites anything.
        """, zh: """
        在 DIR（必须不存在，或是空目录）中新建一个空账本：ledger.json（身份）、events.jsonl（日志）、
        acknowledged（已确认的链头，暂为空）、lock 和 index/。从不覆盖任何文件。
        """),
        exitStatus: Message(en: "0 created, 2 the directory exists or cannot be created.",
                            zh: "0 已创建；2 目录已存在或无法创建。"),
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let path = context.ledgerPath(arguments)
        var trimmed = path
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        let name = arguments.value(Self.name) ?? String(trimmed.split(separator: "/").last ?? "ledger")
        _ = try CLIError.fromChain { () throws(ChainError) in
            try LedgerDirectory.create(at: trimmed, name: name, createdAt: context.io.now())
        }
        context.io.writeOut(context.language == .zh ? "已在 \(trimmed) 新建账本“\(name)”\n"
                                                    : "created ledger \"\(name)\" at \(trimmed)\n")
        return 0
    }
}
