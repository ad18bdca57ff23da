import LedgerEvents
import LedgerMerkle
import LedgerPlatform

/// `ledger witness init|cosign|status`: the witness operator's commands (C2SP tlog-witness, offline).
enum WitnessCommand {
    static let command = Command(
        name: "witness",
        summary: "run a witness: cosign an office's checkpoints after checking they never fork or roll back",
        help: """
        Usage: ledger witness init [--witness DIR] [--name NAME] [--key FILE]
               ledger witness cosign CP --pubkey LOGKEY [--consistency-from FILE] [--witness DIR] [--out FILE] [--time T]
               ledger witness status [--witness DIR]

        A witness (for example the district housing bureau) keeps, for each ledger it watches, the latest checkpoint
        it cosigned. It cosigns a new checkpoint only if the office's signature verifies and the new checkpoint
        extends that one: never fewer records (a rollback), never another root for the same number of records (a
        split view: two histories shown to two audiences), and an RFC 6962 consistency proof from the old size to
        the new one that verifies. Residents and auditors then require the witnesses' cosignatures
        (`ledger verify --checkpoint CP --pubkey KEY.pub --witness-key W.pub`), so an office cannot show them a
        history the witnesses never saw.

          init      make the witness: its key (DIR/witness.key, mode 0600; DIR/witness.pub to publish) and state
            --name NAME     the witness's name in its cosignatures (default: DIR's name), e.g. shinan-zhujianju
            --key FILE      use this witness private key instead of making a new one (restoring a witness)
          cosign    check checkpoint CP and add this witness's timestamped cosignature line to it
            --pubkey LOGKEY           the office's public key (pinned for this ledger at its first cosignature)
            --consistency-from FILE   the consistency proof from the size this witness last cosigned, made by the
                                      office with `ledger consistency --from SIZE --checkpoint CP --out FILE`;
                                      not needed for the first checkpoint of a ledger or an unchanged size
            --out FILE                write the cosigned checkpoint to FILE (new) instead of adding the line to CP
                                      (- for standard output, the default when CP is - for standard input)
            --time T                  the cosignature's time, UTC YYYY-MM-DDTHH:MM:SSZ (default: now)
          status    list each ledger this witness watches with the last size, root and time it cosigned

          --witness DIR   the witness directory (default: $LEDGER_WITNESS_DIR, else ./witness-data)

        The witness's files must be the files themselves (a symbolic link planted in DIR is refused, never
        followed), and cosign refuses a witness.key that group or others may read (fix with `chmod 600`).

        Exit status: 0 done; 1 refused because the log misbehaved (rollback, split view, inconsistent proof, bad
        signature) or the witness's state is damaged; 2 usage or input error (nothing is cosigned or changed).
        """,
        options: [.value("witness"), .value("name"), .value("key"), .value("pubkey"), .value("consistency-from"),
                  .value("out"), .value("time")],
        run: run)

    static let defaultDirectory = "witness-data"

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        switch arguments.positionals.first {
        case "init": return try initialise(arguments, context)
        case "cosign": return try cosign(arguments, context)
        case "status": return try status(arguments, context)
        default:
            throw .usage("`ledger witness` takes init, cosign or status; see `ledger witness --help`.")
        }
    }

    static func directory(_ arguments: Arguments, _ context: CommandContext) -> String {
        context.io.resolve(arguments.value("witness") ?? context.io.environment["LEDGER_WITNESS_DIR"] ?? defaultDirectory)
    }

    static func cliError(_ error: WitnessError) -> CLIError {
        error.isIntegrityFailure ? .integrity(error.description) : .input(error.description)
    }

    static func initialise(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals(["init"], command: "witness init")
        let path = directory(arguments, context)
        let key: SignerKey
        if let keyPath = arguments.value("key") {
            if arguments.value("name") != nil { throw .usage("--name is taken from the key file given with --key; give one of them.") }
            key = try AuditSupport.signerKey(keyPath, context)
            guard key.algorithm == .cosignatureV1 else {
                throw .input("\(keyPath) is an office's checkpoint key; a witness needs its own witness key (made by `ledger witness init`).")
            }
        } else {
            var base = String(path.split(separator: "/").last ?? "witness")
            if base == "." || base == ".." { base = "witness" }
            let name = arguments.value("name") ?? base
            guard NoteKeys.isValidName(name) else { throw .usage(AuditError.badKeyName(name).description) }
            key = try AuditSupport.newKey(name: name, algorithm: .cosignatureV1)
        }
        do { _ = try WitnessDirectory.create(path: path, key: key) } catch { throw cliError(error) }
        let shown = arguments.value("witness") ?? context.io.environment["LEDGER_WITNESS_DIR"] ?? defaultDirectory
        context.io.writeOut("""
        witness "\(key.name)" created in \(shown)
        private key: \(shown)/\(WitnessDirectory.keyFileName) (mode 0600; keep it secret)
        public key:  \(shown)/\(WitnessDirectory.publicKeyFileName) (publish it beside the office's key)
        \(key.verifier.text)

        """)
        return 0
    }

    static func cosign(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let positionals = try arguments.requirePositionals(["cosign", "CP"], command: "witness cosign")
        let checkpointFile = positionals[1]
        guard arguments.value("pubkey") != nil else {
            throw .usage("--pubkey LOGKEY is required: the office's public key the checkpoint must be signed with.")
        }
        let logKey = try AuditSupport.publicKey(arguments, context)
        var time = context.io.now()
        if let text = arguments.value("time") {
            guard let t = Timestamp(rfc3339: text) else { throw .usage("--time \"\(text)\" is not a UTC time; write YYYY-MM-DDTHH:MM:SSZ.") }
            time = t
        }
        // The output guard before the work: once cosigned, the state is recorded, and a refusal after it would
        // leave a cosignature recorded but never handed out.
        if let out = arguments.value("out"), out != "-" {
            if PosixFile.exists(try context.io.outputPath(out, option: "out")) {
                throw .input("\(out) already exists; cosigned checkpoints are never written over another file. Choose another --out.")
            }
        } else if arguments.value("out") == nil, checkpointFile != "-" {
            _ = try context.io.outputPath(checkpointFile, option: "checkpoint")
        }
        let witness: WitnessDirectory
        do { witness = try WitnessDirectory.open(path: directory(arguments, context)) } catch { throw cliError(error) }
        let note = try context.io.readFile(checkpointFile)
        var request: WitnessRequest? = nil
        let requestFile = arguments.value("consistency-from") ?? ""
        if !requestFile.isEmpty {
            let bytes = try context.io.readFile(requestFile)
            do { request = try WitnessRequest(bytes: bytes, file: requestFile) } catch { throw .input(error.description) }
        }
        let done: WitnessDirectory.Cosigned
        do {
            done = try witness.cosign(note: note, file: checkpointFile, logKey: logKey, request: request, requestFile: requestFile, time: time)
        } catch {
            throw cliError(error)
        }
        // The state is recorded; now hand the cosignature out. The checkpoint's text and earlier signatures are
        // unchanged, so adding the line in place loses nothing.
        // A checkpoint read from standard input goes back to standard output unless --out names a file.
        let out = arguments.value("out") ?? (checkpointFile == "-" ? "-" : nil)
        if out == "-" {
            context.io.writeOutBytes(done.note)
            return 0
        }
        let target = out ?? checkpointFile
        // Both through the output guard: never into a ledger directory, atomic, a replaced file keeps its mode.
        if let out {
            try context.io.writeOutput(done.note, to: out, existing: .refuse, what: "cosigned checkpoints")
        } else {
            try context.io.writeOutput(done.note, to: checkpointFile, option: "checkpoint")
        }
        let cp = done.checkpoint
        var text = "cosigned checkpoint of ledger \(CanonicalJSON.string(.string(cp.origin), escaping: .display)): \(cp.size) records, root \(cp.root.hex)\n"
        if let previous = done.previous {
            text += previous.size == cp.size
                ? "  same tree as the checkpoint cosigned before (\(previous.time))\n"
                : "  extends the \(previous.size) records cosigned before (consistency proof of \(request?.proof.count ?? 0) hashes verified)\n"
        } else {
            text += "  first checkpoint of this ledger seen by this witness: its key \(logKey.label) is pinned from now on\n"
        }
        text += "  witness: \(witness.key.verifier.label) at \(done.cosignature.time)\n"
        text += "written to \(target)\n"
        context.io.writeOut(text)
        return 0
    }

    static func status(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals(["status"], command: "witness status")
        let witness: WitnessDirectory
        let states: [WitnessState]
        do {
            witness = try WitnessDirectory.open(path: directory(arguments, context))
            states = try witness.states()
        } catch {
            throw cliError(error)
        }
        var text = "witness: \(witness.key.verifier.text)\n"
        if states.isEmpty { text += "no ledger cosigned yet\n" }
        for state in states {
            let cp = state.checkpoint
            let cosigned = (try? SignedNote(bytes: state.note, file: ""))
                .flatMap { try? $0.witnesses([witness.key.verifier], file: "").first?.time }
            text += "ledger \(CanonicalJSON.string(.string(cp.origin), escaping: .display)) (key \(state.logKey.label)): \(cp.size) records, root \(cp.root.hex), checkpoint \(cp.time)"
            text += cosigned.map { ", cosigned \($0)\n" } ?? "\n"
        }
        context.io.writeOut(text)
        return 0
    }
}
