import LedgerChain
import LedgerEvents
import LedgerProjections

/// `ledger verify --index` for index/checks.state (the append checks' state, ledger-spec.md 15.3): checked against
/// the state rebuilt from the whole log at its stamp, then rebuilt at the head; reported on its own "index:" line.
extension VerifyCommand {
    static func checksReport(_ arguments: Arguments, _ directory: LedgerDirectory,
                             _ summary: ScanSummary) throws(CLIError) -> (check: CheckState.Check, rebuiltAt: Int64?)? {
        guard arguments.flag(Self.index), summary.failure == nil else { return nil }
        return try CLIError.fromChain { () throws(ChainError) in try CheckState.checkAndRebuild(directory) }
    }

    static func checksText(_ report: (check: CheckState.Check, rebuiltAt: Int64?)?) -> String {
        guard let report else { return "" }
        let rebuilt = report.rebuiltAt.map { "rebuilt from the log at record \($0)" } ?? "nothing to build (empty log, or index/ cannot be written)"
        switch report.check {
        case .absent: return "index: \(CheckState.fileName) absent; \(rebuilt)\n"
        case .intact(let seq): return "index: \(CheckState.fileName) intact (made at record \(seq)); \(rebuilt)\n"
        case .damaged(let problem):
            return "index: DAMAGED — \(CheckState.fileName) is \(problem); \(rebuilt). The log is not affected; appends check the state before use and rebuild it, so no append was checked against it.\n"
        }
    }

    static func checksJSON(_ report: (check: CheckState.Check, rebuiltAt: Int64?)?) -> JSONValue {
        guard let report else { return .object(["status": .string("not_checked")]) }
        var object: [String: JSONValue] = ["rebuilt_at": report.rebuiltAt.map { .integer($0) } ?? .null, "detail": .null]
        switch report.check {
        case .absent: object["status"] = .string("absent")
        case .intact(let seq): object["status"] = .string("intact"); object["detail"] = .string("made at record \(seq)")
        case .damaged(let problem): object["status"] = .string("damaged"); object["detail"] = .string(problem.description)
        }
        return .object(object)
    }
}
