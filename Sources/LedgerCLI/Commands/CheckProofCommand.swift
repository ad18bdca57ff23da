import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform

enum CheckProofCommand {
    static let command = Command(
        name: "check-proof",
        summary: "check a proof bundle offline against a published public key",
        help: """
        Usage: ledger check-proof BUNDLE --pubkey PUB [--witness-key W... [--witnesses N]]

        Checks a proof bundle from `ledger prove` with nothing but the office's public key: the checkpoint's
        signature, the record's own hash, and the RFC 6962 inclusion proof from the record to the signed root.
        Needs no ledger. On success prints the record and the checkpoint it is proven against.

          --pubkey PUB        the published public key file (KEY.pub from `ledger keygen`)
        \(AuditSupport.witnessHelp)

        Exit status: 0 the proof holds, 1 the proof is rejected (altered, wrong key, bad signature), 2 usage
        error or unreadable file.
        """,
        options: [.value("pubkey"), .value("witness-key", repeatable: true), .value("witnesses")],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let positionals = try arguments.requirePositionals(["BUNDLE"], command: "check-proof")
        let key = try AuditSupport.publicKey(arguments, context)
        let (witnessKeys, required) = try AuditSupport.witnessKeys(arguments, context)
        let bytes = try context.io.readFile(positionals[0])
        let verified: ProofBundle.Verified
        let witnessed: [Witnessed], others: [String]
        do {
            verified = try ProofBundle.verify(bytes, key: key, file: positionals[0])
            let note = try SignedNote(bytes: try ProofBundle.parse(bytes, file: positionals[0]).checkpointNote, file: positionals[0])
            witnessed = try note.requireWitnesses(witnessKeys, count: required, file: positionals[0] + " (checkpoint)")
            others = note.signatures.filter { s in s.keyID != key.keyID && !witnessKeys.contains { $0.keyID == s.keyID } }
                .map { printable($0.name) }
        } catch {
            throw .integrity("proof REJECTED: \(error)")
        }
        let r = verified.record, cp = verified.checkpoint
        var witnessLines = witnessed.map { "witnessed by: \($0.key.label) at \($0.time) (cosignature verified)\n" }.joined()
        if !others.isEmpty {
            witnessLines += "other signatures, not checked: \(others.joined(separator: ", ")) (give their keys with --witness-key to check them)\n"
        }
        context.io.writeOut("""
        proof: VALID
        ledger: \(cp.origin)
        record: seq \(r.seq) of \(cp.size)
        id: \(r.id)
        type: \(printable(r.type))
        occurred_on: \(r.occurredOn)
        recorded_at: \(r.recordedAt)
        actor: \(printable(r.actor))
        data: \(CanonicalJSON.string(.object(r.data)))
        record hash: \(r.hash.hex)
        checkpoint: \(cp.size) records, root \(cp.root.hex), time \(cp.time)
        signed by: \(key.name)+\(Hex.encode(key.keyID))
        \(witnessLines)
        """)
        return 0
    }

    /// Text from a bundle as is, or JSON-quoted when it holds control characters, so a crafted bundle cannot
    /// send escape sequences to the resident's terminal.
    static func printable(_ text: String) -> String {
        text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } ? CanonicalJSON.string(.string(text)) : text
    }
}
