import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform

enum CheckProofCommand {
    static let command = Command(
        name: "check-proof",
        summary: "check a proof bundle offline against a published public key",
        help: """
        Usage: ledger check-proof BUNDLE --pubkey PUB

        Checks a proof bundle from `ledger prove` with nothing but the office's public key: the checkpoint's
        signature, the record's own hash, and the RFC 6962 inclusion proof from the record to the signed root.
        Needs no ledger. On success prints the record and the checkpoint it is proven against.

          --pubkey PUB   the published public key file (KEY.pub from `ledger keygen`)

        Exit status: 0 the proof holds, 1 the proof is rejected (altered, wrong key, bad signature), 2 usage
        error or unreadable file.
        """,
        options: [.value("pubkey")],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let positionals = try arguments.requirePositionals(["BUNDLE"], command: "check-proof")
        let key = try AuditSupport.publicKey(arguments, context)
        let bytes = try context.io.readFile(positionals[0], limit: .bundle)
        let verified: ProofBundle.Verified
        do { verified = try ProofBundle.verify(bytes, key: key, file: positionals[0]) } catch {
            throw .integrity("proof REJECTED: \(error)")
        }
        let r = verified.record, cp = verified.checkpoint
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

        """)
        return 0
    }

    /// Text from a bundle as is, or JSON-quoted when it holds control characters, so a crafted bundle cannot
    /// send escape sequences to the resident's terminal.
    static func printable(_ text: String) -> String {
        text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F } ? CanonicalJSON.string(.string(text)) : text
    }
}

extension InputLimit {
    /// Proof bundles: a record line of the largest size, escaped, with its proof and checkpoint.
    static let bundle = InputLimit(bytesMax: ProofBundle.bundleBytesMax, name: "ProofBundle.bundleBytesMax")
}
