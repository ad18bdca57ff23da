import LedgerChain
import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerProjections

/// `ledger append`'s checks of the batch's incomes, spendings and transfers against the payments their funds have
/// recorded, as `ledger import income|spending|transfers` checks its rows: a voucher the fund recorded already is the
/// same payment again (`RecordedVouchers`); one repeating a recorded payment (or an earlier one of the batch) in
/// every field but its voucher is most likely that payment again (`ImportTwins`), refused unless `--allow-twins` says
/// it is another; one matching a bank-statement line no receipt stands for yet (`StatementLines`) is the statement's
/// money again, refused unless `--allow-same-day-amount` says it is another payment. A `contract.signed` repeating a
/// recorded contract of its community (or an earlier one of the batch) in every term but its id is held to the
/// same twin rule (`ImportTwins.contractKey`, as `ledger import contracts` holds its rows; session 44).
///
/// A fund's statement lines, its balance assertions (which mark a statement's import) and every receipt that took a
/// line name the fund, so its group in `index/scopes` — its community's records — holds them all: the lines are
/// found from those records, read by position (ledger-spec.md 15.4, 15.5), never from the whole log.
enum AppendStatementLines {
    /// Whether the event is matched with statement lines: an income, a spending or a transfer.
    static func isMatched(_ event: Event) -> Bool {
        switch event.payload.domain {
        case .fundIncome?, .fundSpending?, .fundTransfer?: return true
        default: return false
        }
    }

    /// Whether the event is a correction whose replacement is an income, a spending or a transfer.
    static func replacesWithMoney(_ event: Event) -> Bool {
        guard case .correction(let c)? = event.payload.domain, let replacement = c.replacement else { return false }
        switch replacement.payload {
        case .fundIncome, .fundSpending, .fundTransfer: return true
        default: return false
        }
    }

    /// Whether the event is a `contract.signed`, or a correction whose replacement is one: compared with the
    /// recorded contracts of its community for a twin under another id (`ImportTwins.contractKey`, session 44).
    static func signsContract(_ event: Event) -> Bool {
        switch event.payload.domain {
        case .contractSigned?: return true
        case .correction(let c)?:
            if case .contractSigned? = c.replacement?.payload { return true }
            return false
        default: return false
        }
    }

    /// The issues of `events` (the batch's new events, in order; `batchIndex` into them) that are a payment its fund
    /// recorded already by voucher (`RecordedVouchers`, review 37a F2), unless `twinsAllowed` a recorded payment's twin
    /// under another voucher (`ImportTwins.appended`, session 39) or, unless `sameDayAmountAllowed`, a statement
    /// line's money (`StatementLines.sameMoney`). `opened`: a private person's value, for the twin check. `existing` is the whole log when append folded it (a batch with
    /// personal data); else the records of the groups of the funds the events name are read from `index/scopes` under
    /// the writers' lock (`headSeq`: its last seq), with the log after the index's stamp — a missing or damaged index
    /// rebuilt (`notice`). When the index cannot serve the read, or `scopes` is false (`LEDGER_SCOPES=off`), the
    /// whole log is read instead: the answer is the same.
    /// - Complexity: the funds' communities' records and the records after the index's stamp; nothing for a batch
    ///   without an income, spending or transfer.
    static func issues(_ events: [Event], lines: [Int], directory: LedgerDirectory, headSeq: Int64, existing: EffectiveLog?, scopes: Bool,
                       sameDayAmountAllowed: Bool, twinsAllowed: Bool = false, opened: ((PersonalCommitment) -> String?)? = nil,
                       notice: (String) -> Void) throws(CLIError) -> [ValidationIssue] {
        // A correction's replacement is a payment too (its voucher is checked), and a correction in a batch with one
        // may free a recorded voucher: its groups (the corrected record's, the replacement's funds') are read with them.
        // A contract's twin is looked for in its community's records (unless --allow-twins, as for a payment's).
        let contracts = !twinsAllowed && events.contains(where: signsContract)
        guard contracts || events.contains(where: { isMatched($0) || replacesWithMoney($0) }) else { return [] }
        let matched = events.filter { event in
            if isMatched(event) || (contracts && signsContract(event)) { return true }
            if case .correction? = event.payload.domain { return true }
            return false
        }
        func check(_ log: EffectiveLog) -> [ValidationIssue] {
            let vouchers = RecordedVouchers.repeated(events, lines: lines, log: log)
            // An event refused for its voucher is not also matched with a line (the import leaves such a row out of
            // the match): the two refusals' advice would disagree (review 37d m4).
            let refused = Set(vouchers.compactMap(\.batchIndex))
            let statementLines = sameDayAmountAllowed ? [] : StatementLines.sameMoney(events, log: log).filter { !refused.contains($0.batchIndex ?? -1) }
            // A twin refused for its voucher too is told both: another voucher number would leave it a twin.
            let twins = twinsAllowed ? [] : ImportTwins.appended(events, lines: lines, log: log, opened: opened)
            return vouchers + twins + statementLines
        }
        // Without a correction in the batch the checks look at nothing but these types' facts, so the parts and the
        // rest of the funds' communities are checked but not decoded (a community's register grows with every import,
        // the payments' checks did not read it); a correction of the batch may name a record of any type.
        let types = events.contains(where: { if case .correction? = $0.payload.domain { return true } else { return false } })
            ? nil : checkedTypes(contracts: contracts)
        return check(try log(directory, headSeq: headSeq, existing: existing, scopes: scopes, notice: notice) { () throws(ChainError) in
            try ScopeIndex.read(directory, communityIDs: [], idsNamedBy: matched, onlyTypes: types)
        })
    }

    /// The record types whose facts the checks of `issues` read (`RecordedVouchers`, `StatementLines`, `ImportTwins`):
    /// the payments, the balance assertions that mark a statement's import, the contracts when a contract's twin is
    /// looked for, and erasures (as every filtered read keeps them).
    static func checkedTypes(contracts: Bool) -> Set<String> {
        var types: [EventType] = [.fundIncome, .fundSpending, .fundTransfer, .fundBalanceAsserted, .personalDataErased]
        if contracts { types.append(.contractSigned) }
        return Set(types.map(\.rawValue))
    }

    /// The log an append door's check reads: `existing` (the whole log, when append folded it); else the groups
    /// `read` gives from `index/scopes` (when `scopes`), with the log after the index's stamp, a missing or damaged
    /// index rebuilt (`notice`); else, when the index cannot serve the read, the whole log.
    static func log(_ directory: LedgerDirectory, headSeq: Int64, existing: EffectiveLog?, scopes: Bool, notice: (String) -> Void,
                    read: () throws(ChainError) -> ScopeIndex.ScopedRead?) throws(CLIError) -> EffectiveLog {
        if let existing { return existing }
        if scopes, let read = try CLIError.fromChain(read) {
            if let line = read.notice { notice(line) }
            if read.totalRecordCount == headSeq { return EffectiveLog(sparse: read.records, upTo: read.totalRecordCount) }
        }
        var log = EffectiveLog()
        try CLIError.fromChain { () throws(ChainError) in _ = try VerifiedLog.stream(directory) { log.apply($0) } }
        return log
    }
}
