import LedgerChain
import LedgerMerkle
import LedgerPlatform

enum ProveCommand {
    static let command = Command(
        name: "prove",
        summary: "write a proof bundle showing one record is in a signed checkpoint",
        help: """
        Usage: ledger prove SEQ --checkpoint FILE [--out BUNDLE] [--ledger DIR]

        Writes a self-contained proof bundle for record SEQ: the record line, its RFC 6962 inclusion proof and
        the signed checkpoint FILE (which must cover SEQ). Anyone holding the office's public key can check it
        with `ledger check-proof BUNDLE --pubkey KEY.pub`, without the ledger — for example a resident checking
        one payment posted on a notice board. The proof comes from the index in index/ (a few reads even on a
        very large ledger) and is checked against the checkpoint's root before it is written.

          --checkpoint FILE   a checkpoint of this ledger from `ledger checkpoint`
          --out BUNDLE        where to write the bundle (default: standard output)

        Exit status: 0 written, 1 the log no longer matches the checkpoint, 2 usage or input error.
        """,
        options: [.value("checkpoint"), .value("out")],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let positionals = try arguments.requirePositionals(["SEQ"], command: "prove")
        guard let seq = Arguments.wholeNumber(positionals[0]), seq >= 1 else {
            throw .usage("SEQ \"\(positionals[0])\" is not a record number (a whole number from 1).")
        }
        guard let checkpointPath = arguments.value("checkpoint") else {
            throw .usage("--checkpoint FILE is required: the signed checkpoint the proof should lead to.")
        }
        // The bundle replaces whatever is at --out: never the signed checkpoint it is made from.
        if let out = arguments.value("out"), out != "-", context.canonicalPath(out) == context.canonicalPath(checkpointPath) {
            throw .usage("--out \"\(out)\" is the checkpoint file; write the bundle to another file.")
        }
        let note = try context.io.readFile(checkpointPath)
        let directory = try context.openLedger(arguments)
        try context.refuseOutputInLedger(arguments.value("out"), option: "out", directory)
        let bundle: ProofBundle
        do {
            bundle = try LedgerAudit.prove(directory, seq: seq, checkpointNote: note, checkpointFile: checkpointPath,
                                           notice: { context.io.writeErr($0) })
        } catch {
            throw AuditSupport.cliError(error)
        }
        let out = arguments.value("out")
        try context.io.writeOutput(bundle.encoded, to: out)
        if let out, out != "-" {
            context.io.writeOut("proof bundle for record \(seq) of \(bundle.treeSize) written to \(out) (\(bundle.inclusionProof.count) proof hashes)\n")
        }
        return 0
    }
}
