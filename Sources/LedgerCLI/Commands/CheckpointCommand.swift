import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform

enum CheckpointCommand {
    static let command = Command(
        name: "checkpoint",
        summary: "verify the log and write a signed checkpoint of it (size, Merkle root, head, time)",
        help: """
        Usage: ledger checkpoint --key KEY [--out FILE] [--ledger DIR] [--time T]

        Verifies the whole log, computes its RFC 6962 Merkle root and signs a checkpoint with the private key KEY:
        the ledger's name, number of records, root, hash of the last record and the time. Give the checkpoint to
        whoever must be able to detect a later rewrite of history (the street office, an auditor, the owners'
        committee); `ledger verify --checkpoint FILE --pubkey KEY.pub` checks the ledger against it later.
        A log that fails verification is not signed.

          --key KEY   the private key file from `ledger keygen`; refused, as ssh does, when group or others
                      may read it (fix with `chmod 600 KEY`)
          --out FILE  write the checkpoint to FILE, which must not exist (default: standard output)
          --time T    the checkpoint's time, UTC YYYY-MM-DDTHH:MM:SSZ (default: now); for reproducible samples

        Exit status: 0 written, 1 the log failed verification, 2 usage error, an empty ledger, a bad or exposed key
        file, or --out exists (checkpoints are never overwritten).
        """,
        options: [.value("key"), .value("out"), .value("time")],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals([], command: "checkpoint")
        guard let keyPath = arguments.value("key") else { throw .usage("--key KEY is required: the private key file from `ledger keygen`.") }
        var time = context.io.now()
        if let text = arguments.value("time") {
            guard let t = Timestamp(rfc3339: text) else { throw .usage("--time \"\(text)\" is not a UTC time; write YYYY-MM-DDTHH:MM:SSZ.") }
            time = t
        }
        let key = try AuditSupport.signerKey(keyPath, context)
        // The checkpoint replaces whatever is at --out: never the key it is signed with, nor its public half.
        if let out = arguments.value("out"), out != "-",
           [keyPath, keyPath + ".pub"].map(context.canonicalPath).contains(context.canonicalPath(out)) {
            throw .usage("--out \"\(out)\" is the key file; write the checkpoint to another file.")
        }
        let directory = try context.openLedger(arguments)
        try context.refuseOutputInLedger(arguments.value("out"), option: "out", directory)
        let checkpoint: Checkpoint, note: [UInt8]
        do { (checkpoint, note) = try LedgerAudit.makeCheckpoint(directory, key: key, time: time) } catch {
            switch error {
            case .integrity: throw .integrity(error.description + " Run `ledger verify` and restore the log from a verified backup.")
            case .chain(let e): throw .chain(e)
            case .empty, .badOrigin: throw .input(error.description)
            }
        }
        // Bring the index up to date while the log is fresh in the page cache; a failure only slows `prove`.
        if let (index, _) = try? MerkleIndex.synchronize(directory),
           (try? MerkleTree.root(size: checkpoint.size, source: index, hasher: MerkleHasher())) != checkpoint.root {
            try? index.rebuildNow()
        }
        let out = arguments.value("out")
        // An earlier checkpoint is evidence of the log as it was; writing a new one over it would destroy that.
        try context.io.writeOutput(note, to: out, existing: .refuse, what: "checkpoints (evidence of the log as it was)")
        if let out, out != "-" {
            context.io.writeOut("""
            checkpoint of ledger "\(checkpoint.origin)" written to \(out)
            records: \(checkpoint.size)
            root: \(checkpoint.root.hex)
            head: \(checkpoint.head.hex)
            time: \(checkpoint.time)
            signed by: \(key.name)+\(Hex.encode(key.verifier.keyID))

            """)
        }
        return 0
    }
}
