import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// What a fact or statement import compares its rows with. By default the whole verified log, folded; a caller
/// with the stored state (ledger-spec.md 15.4) gives instead a sparse log of the records of the ids the rows name
/// (their groups in `index/scopes`: every fact a row can equal or duplicate names the same fund, contract, decision,
/// asset or entity id), the file's earlier imports and the batch's check from `index/checks.state`.
public struct FactImportLedger {
    /// The facts compared with: the whole log, or the groups of the ids the rows name.
    public var log: EffectiveLog
    /// Registered community id → name, for community cells; nil: every community of `log`.
    public var communityNames: [String: String]? = nil
    /// The file's earlier import ids in log order, and whether an import id is in use; nil: from `log`.
    public var imports: (previous: [String], taken: (String) -> Bool)? = nil
    /// The ledger's check of a batch and the bad rows' loose references; nil: `DomainValidator` against `log`.
    public var check: ((EventBatch, [LooseEvent]) -> [ValidationIssue])? = nil
    /// A first reading (`unread`), which only learns what the rows name: the writer's door rules for new ids
    /// (NFC, no invisible character) are left to the reading against the ledger, which knows whether the id is
    /// one the ledger already holds.
    public var learningOnly = false
    /// Whether a record of the ledger already holds `text` as its `member` (`category` of a `fund.income`,
    /// `purpose_category` of a `fund.spending`, a correction's replacement included): such a word outside the
    /// vocabulary is let through, as `ledger append` lets it through (one rule for both doors: the command gathers
    /// the words once, from the log). Asked only for a word outside the vocabulary; nil: the facts of `log`.
    public var holdsCategory: ((_ member: String, _ text: String) -> Bool)? = nil

    /// Every fund's registered account (`fund.opened`), when `log` holds only part of the log: asked only when a
    /// statement states an account number or a funds file registers one, to name the fund that holds it; nil: the
    /// funds of `log`.
    public var fundAccounts: (() -> [(fundID: String, account: String)])? = nil
    /// The funds named by the records of earlier imports (by import id), when `log` holds none of them (they lie
    /// outside its groups: another community's fund): asked only when a statement's file was imported before; nil:
    /// `log` is all there is.
    public var importedFunds: ((Set<String>) -> [String])? = nil
    /// The value a private person's commitment opens to (`private/`), asked by the twin check only when a row
    /// written with a name meets a recorded payment of a private person otherwise equal (or the other way round);
    /// nil: commitments are compared as they are.
    public var opened: ((PersonalCommitment) -> String?)? = nil
    /// Whether a name written in clear is one the ledger keeps only as a private person's (`PrivateNames`: `private/`,
    /// read at the first name asked): such a row is refused at its person column (review 46e); nil: none is.
    public var heldPrivately: ((String) -> Bool)? = nil
    /// The kept name a free text holds inside it (`PrivateNames.name(inText:)`: a purpose, a memo, an account): such
    /// a row is refused at that column (review 47c #1); nil: none is kept.
    public var nameInText: ((String) -> String?)? = nil

    public init(log: EffectiveLog) { self.log = log }

    /// `fundAccounts`, or the funds `log` registers.
    func allFundAccounts() -> [(fundID: String, account: String)] {
        if let fundAccounts { return fundAccounts() }
        return log.factsInLogOrder.compactMap { fact in
            if case .fundOpened(let p) = fact.payload { return (p.fundID, p.account) }
            return nil
        }
    }

    /// The import ids of the earlier imports of the file whose SHA-256 is `sha256`, in log order.
    func previousImports(of sha256: String) -> [String] {
        if let imports { return imports.previous }
        return log.factsInLogOrder.compactMap { fact in
            if case .registerImported(let p) = fact.payload, p.fileSHA256 == sha256 { return p.importID }
            return nil
        }
    }

    func validate(_ batch: EventBatch, loose: [LooseEvent] = []) -> [ValidationIssue] {
        if let check { return check(batch, loose) }
        return DomainValidator.validate(existing: log, batch: batch, loose: loose)
    }

    /// For a first reading of a file, which learns what its rows name: nothing recorded, nothing checked.
    public static var unread: FactImportLedger {
        var ledger = FactImportLedger(log: EffectiveLog())
        ledger.communityNames = [:]
        ledger.imports = ([], { _ in false })
        ledger.check = { _, _ in [] }
        ledger.learningOnly = true
        return ledger
    }
}
