import LedgerMerkle
import LedgerPlatform

/// `ledger consistency --from SIZE --checkpoint CP`: the office's half of witness cosigning.
enum ConsistencyCommand {
    static let command = Command(
        name: "consistency",
        summary: "write the consistency proof a witness needs to cosign a checkpoint",
        help: """
        Usage: ledger consistency --from SIZE --checkpoint CP [--out FILE] [--ledger DIR]

        Writes the RFC 6962 consistency proof from the log's first SIZE records to the checkpoint CP, together
        with CP, in the form of a C2SP tlog-witness add-checkpoint request. Give it to a witness with the
        checkpoint: `ledger witness cosign CP --pubkey KEY.pub --consistency-from FILE`. SIZE is the number of
        records the witness last cosigned (`ledger witness status` shows it; 0 for a witness new to this ledger).
        The proof is checked against the checkpoint's root before it is written.

          --from SIZE         the size the witness last cosigned (0 … the checkpoint's size)
          --checkpoint CP     the signed checkpoint of this ledger to be cosigned
          --out FILE          where to write the proof file (default: standard output)

        Exit status: 0 written, 1 the log no longer matches the checkpoint, 2 usage or input error.
        """,
        options: [.value("from"), .value("checkpoint"), .value("out")],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals([], command: "consistency")
        guard let from = try arguments.integer("from", minimum: 0) else {
            throw .usage("--from SIZE is required: the number of records the witness last cosigned (0 for a new witness).")
        }
        guard let checkpointPath = arguments.value("checkpoint") else {
            throw .usage("--checkpoint CP is required: the signed checkpoint the witness is asked to cosign.")
        }
        if let out = arguments.value("out"), out != "-", context.canonicalPath(out) == context.canonicalPath(checkpointPath) {
            throw .usage("--out \"\(out)\" is the checkpoint file; write the proof to another file.")
        }
        let note = try context.io.readFile(checkpointPath)
        let directory = try context.openLedger(arguments)
        try context.refuseOutputInLedger(arguments.value("out"), option: "out", directory)
        let proof: [Digest32]
        do {
            proof = try LedgerAudit.consistencyProof(directory, fromSize: UInt64(from), checkpointNote: note, checkpointFile: checkpointPath,
                                                     notice: { context.io.writeErr($0) })
        } catch {
            throw AuditSupport.cliError(error)
        }
        let request = WitnessRequest(oldSize: UInt64(from), proof: proof, checkpointNote: note)
        let out = arguments.value("out")
        try context.io.writeOutput(request.encoded, to: out)
        if let out, out != "-" {
            context.io.writeOut("consistency proof from \(from) records to \(checkpointPath) written to \(out) (\(proof.count) hashes)\n")
        }
        return 0
    }
}
