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

    /// Reads a private key file.
    static func signerKey(_ path: String, _ context: CommandContext) throws(CLIError) -> SignerKey {
        let bytes = try context.io.readFile(path)
        do { return try SignerKey(fileBytes: bytes, file: path) } catch { throw cliError(error) }
    }

    /// Writes a new file that must not exist yet, with `permissions`, and fsyncs it.
    static func writeNewFile(_ bytes: [UInt8], to path: String, permissions: UInt32,
                             what: String = "keys") throws(CLIError) {
        do {
            let file = try PosixFile(path: path, mode: .createNew(permissions: permissions))
            try file.write(bytes, at: 0)
            try file.sync()
            file.close()
            try PosixFile.syncDirectory(PosixFile.directoryName(of: path))
        } catch {
            if PosixFile.exists(path), error.operation == "open" {
                throw .input("\(path) already exists; \(what) are never overwritten. Choose another --out or move the old file away.")
            }
            throw .input(error.description)
        }
    }
}
