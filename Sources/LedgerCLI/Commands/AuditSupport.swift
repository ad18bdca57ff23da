import LedgerChain
import LedgerMerkle
import LedgerPlatform

/// Shared pieces of the audit commands (keygen, checkpoint, prove, check-proof, verify --checkpoint).
enum AuditSupport {
    /// Maps a key/note/bundle rejection to the CLI: an unreadable key file is an input error (exit 2); anything
    /// that fails verification is an integrity failure (exit 1).
    static func cliError(_ error: AuditError) -> CLIError {
        switch error {
        case .badKey, .badKeyName: return .input(error.description)
        default: return .integrity(error.description)
        }
    }

    /// Reads and parses the pinned public key `--pubkey PUB`.
    static func publicKey(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> VerifierKey {
        guard let path = arguments.value("pubkey") else {
            throw .usage("--pubkey PUB is required: the public key file the office published (KEY.pub from `ledger keygen`).")
        }
        let bytes = try context.io.readFile(path)
        do { return try VerifierKey(fileBytes: bytes, file: path) } catch { throw cliError(error) }
    }

    /// Reads a private key file. Like ssh, refuses a key that group or others may read (any of the bits 0o077):
    /// whoever can read it can sign checkpoints in the office's name.
    static func signerKey(_ path: String, _ context: CommandContext) throws(CLIError) -> SignerKey {
        let (bytes, status) = try context.io.readInput(path, limit: .settings)
        if let permissions = status?.permissions, permissions & 0o077 != 0 {
            let mode = String(permissions, radix: 8)
            throw .input("\(path) can be read or changed by others (mode 0\(mode)); whoever can read a private key can sign checkpoints with it. Run `chmod 600 \(path)` and try again (and make a new key with `ledger keygen` if others may have copied it).")
        }
        do { return try SignerKey(fileBytes: bytes, file: path) } catch { throw cliError(error) }
    }
}
