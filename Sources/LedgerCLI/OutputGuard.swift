import LedgerChain
import LedgerPlatform

extension CommandContext {
    /// Refuses an output path inside the ledger directory: outputs replace whatever file is at their path, and a
    /// slip of the keyboard must not replace events.jsonl, ledger.json or the index with a report.
    /// - Throws: `CLIError.usage` naming the option.
    func refuseOutputInLedger(_ out: String?, option: String, _ directory: LedgerDirectory) throws(CLIError) {
        guard let out, out != "-" else { return }
        let ledger = io.resolve(directory.path)
        var resolved = io.resolve(out)
        while resolved.hasSuffix("/") { resolved.removeLast() }
        if resolved == ledger || PosixFile.directoryName(of: resolved) == ledger || resolved.hasPrefix(ledger + "/") {
            throw .usage("--\(option) \"\(out)\" is inside the ledger directory \(directory.path); write it elsewhere.")
        }
    }
}
