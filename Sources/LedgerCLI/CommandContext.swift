import LedgerChain
import LedgerEvents
import LedgerImport
import LedgerProjections
import LedgerPublication
import LedgerReports

/// What a running command can reach: the outside world, the language it speaks and the ledger directory it was
/// pointed at.
public struct CommandContext {
    public let io: CommandIO
    public let command: String
    /// The language of the report's headings and status words (`--lang`, else the environment, else the
    /// command's default).
    public let language: ReportLanguage
    /// The language of messages (`--lang`, else the environment, else English).
    public let messageLanguage: ReportLanguage

    /// The derived files the shared rebuild gave a notice about in this command (`rebuildIndex`).
    private let indexNoticed = IndexNoticed()

    /// The files of `index/` this command's shared rebuild gave a notice about: one it could not rebuild (a directory
    /// in its place) is found again by its reader, whose notice would say the same (review 40f: said twice).
    final class IndexNoticed {
        var files: IndexRebuild.Files = []
    }

    /// Today where the ledger's records are kept: the date in Beijing (UTC+8), as `publish` counts a period ended.
    /// Every command's default date (`--as-of`, a list's issue date, an erasure's date) is this: a clerk who records
    /// rent dated 7 December at 01:50 in Beijing (17:50 UTC on the 6th) and then asks for the balances means the 7th
    /// (review 42b #5: the UTC date left the fact out of every default report without a word).
    public var today: CalendarDate { Publication.beijingDate(io.now()) }

    /// Whether the shared rebuild (`rebuildIndex`) already gave this command's notice about `file`.
    public func indexNoticeGiven(_ file: IndexRebuild.Files) -> Bool { indexNoticed.files.contains(file) }

    public init(io: CommandIO, command: String, language: ReportLanguage = .en, messageLanguage: ReportLanguage? = nil) {
        self.io = io
        self.command = command
        self.language = language
        self.messageLanguage = messageLanguage ?? language
    }

    /// The default ledger directory when neither --ledger nor LEDGER_DIR is given.
    public static let defaultLedgerPath = "ledger-data"

    /// `--ledger DIR`, else `$LEDGER_DIR`, else `./ledger-data`, resolved against the current directory. An empty
    /// `$LEDGER_DIR` counts as unset (as in `${VAR:-…}`); an empty `--ledger` never gets here (`Command.checkLedger`):
    /// either would otherwise mean the current directory.
    public func ledgerPath(_ arguments: Arguments) -> String {
        io.resolve(arguments.value(SharedOptions.ledger) ?? CommandContext.ledgerDirVariable(io.environment) ?? CommandContext.defaultLedgerPath)
    }

    /// `$LEDGER_DIR`, nil when unset or empty.
    public static func ledgerDirVariable(_ environment: [String: String]) -> String? {
        environment["LEDGER_DIR"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Opens the ledger named on the command line.
    public func openLedger(_ arguments: Arguments) throws(CLIError) -> LedgerDirectory {
        var directory = try CLIError.fromChain { () throws(ChainError) in try LedgerDirectory.open(ledgerPath(arguments)) }
        // The libraries' notices about the ledger (index/ rebuilt, a torn tail discarded) speak the command's language.
        directory.messagesInChinese = messageLanguage == .zh
        return directory
    }

    /// Before a command that reads derived state: rebuilds, in one pass over the log, every file of `index/` among
    /// `files` that is missing or unusable (`IndexRebuild.ensure`, ledger-spec.md section 15.6), so that the command's
    /// readers each find theirs and read only the log after it. Never changes an answer; best effort.
    /// - Parameters:
    ///   - files: what the command's readers open. A writer passes only the files it reads (`append`: the id tables
    ///     and the checks' state): the others are left missing for the first query, which builds what it needs (at
    ///     10 million records the funds state and the scopes are most of the pass's time and of the bytes written).
    ///   - foldingFunds: the command folds the funds next (`ledger balances`): the funds folded by the pass are handed
    ///     back when `index/funds.state` was missing or unusable (rebuilt, or left missing: `writingFundsState`) (`IndexRebuild.ensure(_:files:foldingFunds:notice:)`).
    ///   - writingFundsState: false when only the fold is wanted (`IndexRebuild.ensure`'s parameter: the first
    ///     whole-city `balances`, which keeps only `index/fund-totals`).
    @discardableResult
    public func rebuildIndex(_ directory: LedgerDirectory, files: IndexRebuild.Files = .all,
                             foldingFunds: Bool = false, writingFundsState: Bool = true) -> FundFold.StateRead? {
        var files = files
        // LEDGER_SCOPES=off never reads the scopes.
        if io.environment["LEDGER_SCOPES"] == "off" { files.remove(.scopes) }
        let noticed = indexNoticed
        return IndexRebuild.ensure(directory, files: files, foldingFunds: foldingFunds, writingFundsState: writingFundsState,
                                   notice: { io.writeErr(DisplayText.neutralised($0, lineBreaks: .toSpace) + "\n") },
                                   noticed: { noticed.files.formUnion($0) })
    }

    /// Who records: `--actor`, else `$LEDGER_ACTOR`, else `$USER` (an environment variable set to the empty string
    /// counts as unset, as in `${VAR:-…}`); nil when none is set. With `fromEnvironment` false only `--actor` is
    /// taken (`rectify --issue`, whose event file must not depend on who runs the command). The name is checked here, at the door, before the
    /// ledger is opened, whether or not an event takes it (`EventInput.actorDoorProblemWording`: empty, only white
    /// space, or holding a control character), and a refusal names where it came from: `erase-personal` deletes
    /// data before its record is written, so a name the writer would refuse must never get that far.
    public func actor(_ arguments: Arguments, fromEnvironment: Bool = true) throws(CLIError) -> String? {
        var given: [(source: String, name: String?)] = [("--actor", arguments.value(SharedOptions.actor))]
        if fromEnvironment {
            given += [("$LEDGER_ACTOR", io.environment["LEDGER_ACTOR"].flatMap { $0.isEmpty ? nil : $0 }),
                      ("$USER", io.environment["USER"].flatMap { $0.isEmpty ? nil : $0 })]
        }
        guard let (source, name) = given.lazy.compactMap({ item in item.name.map { (item.source, $0) } }).first else { return nil }
        if let problem = EventInput.actorDoorProblemWording(name) {
            // A name from the environment was not typed for this command: say how to give one instead.
            if source == "--actor" { throw .usage(Message(en: "--actor: \(problem.en).", zh: "--actor：\(problem.zh)。")) }
            throw .usage(Message(en: "\(source): \(problem.en); or give --actor NAME, which is taken before \(source).",
                                 zh: "\(source)：\(problem.zh)；也可以用 --actor 写明记录人（优先于 \(source)）。"))
        }
        return name
    }

    /// Where `actor(arguments)` takes its name from (`--actor`, else `$LEDGER_ACTOR`, else `$USER`, the same order),
    /// for a refusal that names it (review 48 #6); `.option` when none is set.
    public func actorSource(_ arguments: Arguments, fromEnvironment: Bool = true) -> ImportWords.ActorSource {
        if arguments.value(SharedOptions.actor) != nil || !fromEnvironment { return .option }
        if let value = io.environment["LEDGER_ACTOR"], !value.isEmpty { return .ledgerActor }
        if let value = io.environment["USER"], !value.isEmpty { return .user }
        return .option
    }

    /// Parses a UTC time option (`YYYY-MM-DDTHH:MM:SSZ`); nil when it is not given.
    public func timestamp(_ arguments: Arguments, _ name: String) throws(CLIError) -> Timestamp? {
        guard let text = arguments.value(name) else { return nil }
        guard let time = Timestamp(rfc3339: text) else {
            throw .usage(Message(en: "--\(name) \"\(text)\" is not a UTC time; write YYYY-MM-DDTHH:MM:SSZ.",
                                 zh: "--\(name) “\(text)”不是 UTC 时间；请写成 YYYY-MM-DDTHH:MM:SSZ。"))
        }
        return time
    }

    /// Parses a `YYYY-MM-DD` option.
    public func date(_ arguments: Arguments, _ option: OptionSpec) throws(CLIError) -> CalendarDate? {
        try date(arguments, option.name)
    }

    /// Parses a `YYYY-MM-DD` option.
    public func date(_ arguments: Arguments, _ name: String) throws(CLIError) -> CalendarDate? {
        guard let text = arguments.value(name) else { return nil }
        guard let date = CalendarDate(iso: text) else {
            if CalendarDate.isOutsideYears(iso: text) {
                let words = EventWords.dateOutsideYears("--\(name) \"\(text)\"")
                throw .usage(Message(en: words.en + ".", zh: words.zh + "。"))
            }
            throw .usage(Message(
                en: "--\(name) \"\(text)\" is not a date; write a real calendar date as YYYY-MM-DD, e.g. 2025-06-30.",
                zh: "--\(name) “\(text)”不是日期；请按 YYYY-MM-DD 写一个真实的日期，例如 2025-06-30。"))
        }
        return date
    }
}
