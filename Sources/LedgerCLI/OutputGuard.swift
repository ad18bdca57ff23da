import LedgerChain
import LedgerPlatform

extension CommandContext {
    /// Refuses an output path inside the ledger directory before any work is done (`CommandIO.writeOutput` checks
    /// again when it writes): outputs replace whatever file is at their path, and a slip of the keyboard must not
    /// replace events.jsonl, ledger.json, the lock or the index with a report.
    /// - Throws: `CLIError.usage` naming the option.
    func refuseOutputInLedger(_ out: String?, option: String, _ directory: LedgerDirectory) throws(CLIError) {
        guard let out, out != "-" else { return }
        // Canonical paths, so `./ledger/../ledger/x` or a symbolic link into the ledger is caught too.
        let ledger = canonicalPath(directory.path)
        let resolved = try io.outputPath(out, option: option)
        if resolved == ledger || resolved.hasPrefix(ledger + "/") {
            throw .usage(Message(en: "--\(option) \"\(out)\" is inside the ledger directory \(directory.path); write it elsewhere.", zh: "--\(option) “\(out)”在账本目录 \(directory.path) 之内；请写到别处。"))
        }
    }

    /// A path given on the command line, absolute, with links, `.` and `..` resolved where they exist.
    func canonicalPath(_ path: String) -> String { io.canonicalPath(path) }
}
