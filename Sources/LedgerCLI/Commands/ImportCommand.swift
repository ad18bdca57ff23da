import LedgerChain
import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerProjections

/// `ledger import assets FILE`: a register (登记造册) from CSV into the log as one batch.
enum ImportCommand {
    static let command = Command(
        name: "import",
        summary: "import an asset register (登记造册) from CSV as one all-or-nothing batch",
        help: """
        Usage: ledger import assets FILE [--community ID] [--dry-run] [--json] [--allow-partial [--rejects F]]
                                         [--strict] [--mapping F] [--encoding utf8|gb18030] [--delimiter comma|tab]
                                         [--excel-dates] [--registered-on YYYY-MM-DD] [--actor NAME]

        Reads a register saved as CSV by Excel or WPS (UTF-8 with or without BOM, or GB18030/GBK; comma or tab;
        Chinese or English headings), checks every row, and appends one batch: register.imported (file name,
        SHA-256 and row counts) followed by asset.registered for new assets and asset.updated for the changed
        fields of known ones. Rows that match the ledger are left alone, so importing a file again appends nothing.
        If any row is bad, every bad row is listed and nothing is appended.

          --community ID       the community of every row (a 小区/community column, if present, must agree)
          --dry-run            check and report, append nothing
          --json               print the report as one JSON object
          --allow-partial      append the good rows; write the bad ones to a rejects file to fix and import
          --rejects F          where to write the rejects file (default: FILE's name + .rejects.csv)
          --strict             refuse columns the importer does not know instead of keeping them as attributes
          --mapping F          a JSON mapping of this office's headings and kind words (see README)
          --encoding E         utf8 or gb18030 instead of detecting it
          --delimiter D        comma or tab instead of detecting it
          --excel-dates        read bare numbers in the date column as Excel serial dates
          --registered-on D    the registration date of every row when the file has no date column
          --actor NAME         who imports (default: $LEDGER_ACTOR, then $USER)
          --recorded-at T      stamp records with UTC time T instead of now (reproducible ledgers and tests)
          --lock-wait MS       wait at most MS milliseconds for another writer (default 10000)

        Exit status: 0 imported (or nothing to import; with --allow-partial also when rows were rejected),
        1 the log failed verification, 2 bad rows, a bad file or option; on 2 the ledger is unchanged.
        """,
        options: [.value("community"), .flag("dry-run"), .flag("json"), .flag("allow-partial"), .value("rejects"),
                  .flag("strict"), .value("mapping"), .value("encoding"), .value("delimiter"), .flag("excel-dates"),
                  .value("registered-on"), .value("actor"), .value("recorded-at"), .value("lock-wait")],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let positionals = arguments.positionals
        guard positionals.first == "assets" else {
            throw .usage("`ledger import` imports `assets`: ledger import assets FILE; see `ledger import --help`.")
        }
        let files = try arguments.requirePositionals(["assets", "FILE"], command: "import assets")
        let io = context.io
        let displayName = files[1]
        let path = io.resolve(displayName)
        let fileName = String(displayName.split(separator: "/").last ?? Substring(displayName))

        var recordedAt = io.now()
        if let text = arguments.value("recorded-at") {
            guard let time = Timestamp(rfc3339: text) else {
                throw .usage("--recorded-at \"\(text)\" is not a UTC time; write YYYY-MM-DDTHH:MM:SSZ.")
            }
            recordedAt = time
        }
        var options = ImportOptions(fileName: fileName, importedOn: recordedAt.date)
        if let community = arguments.value("community") {
            if let problem = EventInput.idProblem(community) { throw .usage("--community \"\(community)\" \(problem).") }
            options.communityID = community
        }
        options.strict = arguments.flag("strict")
        options.excelDates = arguments.flag("excel-dates")
        options.allowPartial = arguments.flag("allow-partial")
        options.registeredOn = try context.date(arguments, "registered-on")
        if let date = options.registeredOn, date > options.importedOn.adding(days: 1) {
            throw .usage("--registered-on \(date) is after today (\(options.importedOn), UTC); give the date the assets were registered.")
        }
        if let mappingPath = arguments.value("mapping") {
            do { options.mapping = try ColumnMapping(bytes: try io.readFile(mappingPath), fileName: mappingPath) } catch {
                throw error as? CLIError ?? .input("\(error)")
            }
        }
        let encoding = try arguments.value("encoding").map { text throws(CLIError) -> RegisterEncoding in
            guard let value = RegisterEncoding(rawValue: text) else {
                throw .usage("--encoding \"\(text)\" is not allowed; use utf8 or gb18030.")
            }
            return value
        }
        let delimiter = try arguments.value("delimiter").map { text throws(CLIError) -> CSVDelimiter in
            guard let value = CSVDelimiter(rawValue: text) else { throw .usage("--delimiter \"\(text)\" is not allowed; use comma or tab.") }
            return value
        }
        let dryRun = arguments.flag("dry-run")
        // The rejects file replaces whatever is at its path: never the register being imported.
        if arguments.value("rejects") != nil, !options.allowPartial {
            throw .usage("--rejects names the file for rejected rows, which only --allow-partial writes; add --allow-partial or drop --rejects.")
        }
        if options.allowPartial, let rejects = arguments.value("rejects"), rejects != "-",
           context.canonicalPath(rejects) == context.canonicalPath(path) {
            throw .usage("--rejects \"\(rejects)\" is the register being imported; name another file for the rejected rows.")
        }
        let lockWait = try arguments.integer("lock-wait", minimum: 0).map(Int.init) ?? Limits.lockWaitMillisecondsDefault
        let actor = arguments.value("actor") ?? io.environment["LEDGER_ACTOR"] ?? io.environment["USER"]

        // The snapshot and the append happen under the writer's lock, so no other writer changes the assets
        // between the comparison and the batch. A dry run only reads.
        let directory = try context.openLedger(arguments)
        if options.allowPartial { try context.refuseOutputInLedger(arguments.value("rejects"), option: "rejects", directory) }
        // The log is folded record by record as it is read; the records themselves are not kept.
        var log = EffectiveLog()
        var writer: LogWriter? = nil
        do {
            if dryRun {
                _ = try VerifiedLog.stream(directory) { log.apply($0) }
            } else {
                writer = try LogWriter.open(directory, lockWaitMilliseconds: lockWait,
                                            notice: { io.writeErr($0 + "\n") }, visit: { log.apply($0) })
            }
        } catch {
            throw .chain(error)
        }
        defer { writer?.close() }
        let existing = snapshot(log)

        let progress: ((Int, Int64) -> Void)? = io.stderrIsTerminal
            ? { rows, bytes in io.writeErr("\rread \(rows) rows (\(bytes / 1_048_576) MiB)…") } : nil
        let result: RegisterFileResult
        do {
            let source = try FileByteSource(path: path, displayName: displayName)
            result = try RegisterFileImport.run(source: source, existing: existing, options: options, encoding: encoding,
                                                delimiter: delimiter, progress: progress)
        } catch {
            if io.stderrIsTerminal { io.writeErr("\r\u{1B}[K") }
            throw .input(error.description)
        }
        if io.stderrIsTerminal { io.writeErr("\r\u{1B}[K") }
        var report = result.plan.report

        var status = ImportReport.Status.notAppended
        if report.outcome == .ready {
            let issues = DomainValidator.validate(existing: log, batch: result.plan.events.batch)
            if !issues.isEmpty {
                throw .input(validationMessage(issues, events: result.plan.events, file: displayName))
            }
        }
        // The rejects file appears only when the good rows really go in: written (and its path checked) after the
        // domain check, put in place after the append; if the append fails, whatever was at its path — the clerk's
        // last rejects file, say — stays as it was.
        var rejects: StagedOutput? = nil
        if options.allowPartial, !dryRun, !result.rejectedRows.isEmpty, report.outcome != .rejected {
            let rejectsPath = arguments.value("rejects") ?? rejectsName(displayName)
            rejects = try io.stageOutput(RegisterFileImport.rejectsFile(result), to: rejectsPath, option: "rejects")
            report.rejectsFile = rejectsPath
        }
        if report.outcome == .ready {
            if dryRun {
                status = .dryRun
            } else if let writer {
                let appended: AppendResult
                do {
                    appended = try writer.append(result.plan.events.batch, options: AppendOptions(
                        recordedAt: recordedAt, defaultActor: actor, makeId: io.makeId))
                } catch {
                    rejects?.discard()
                    throw .chain(error)
                }
                if let first = appended.appended.first, let last = appended.appended.last {
                    status = .appended(first: first.seq, last: last.seq)
                    io.outputStatus.noteDone("records seq \(first.seq)–\(last.seq) were committed to the ledger (importing the same file again appends nothing)")
                }
            }
        }
        do { try rejects?.commit() } catch {
            guard case .appended(let first, let last) = status else { throw error }
            throw .input("\(error). The good rows were appended (records seq \(first)–\(last)); `ledger import assets \(displayName) --dry-run` lists the rejected rows again.")
        }
        io.writeOut(arguments.flag("json") ? CanonicalJSON.string(report.json(status: status), escaping: .display) + "\n"
                    : DisplayText.neutralised(report.text(status: status), lineBreaks: .keep))
        return report.exitCode
    }

    /// The assets and earlier imports as the verified log holds them, corrections applied: the projection's typed
    /// state, as it is.
    static func snapshot(_ log: EffectiveLog) -> ExistingRegister {
        let projection = Projection(log: log, asOf: CalendarDate(year: 9999, month: 12, day: 31)!)
        var register = ExistingRegister()
        register.assets.reserveCapacity(projection.assets.count)
        for (id, asset) in projection.assets {
            register.assets[id] = ExistingAsset(communityID: asset.communityID, kind: asset.kind, name: asset.name,
                                                location: asset.location, area: asset.area, attributes: asset.attributes,
                                                retired: asset.retired != nil)
        }
        let imports = projection.imports.values.sorted {
            ($0.importedOn, $0.terms.importID) < ($1.importedOn, $1.terms.importID)
        }
        for item in imports { register.importsByFileSHA256[item.terms.fileSHA256, default: []].append(item.terms.importID) }
        return register
    }

    /// `dir/register.csv` → `dir/register.rejects.csv`.
    static func rejectsName(_ path: String) -> String {
        let slash = path.lastIndex(of: "/")
        if let dot = path.lastIndex(of: "."), slash.map({ dot > $0 }) ?? true, dot != path.startIndex {
            return String(path[..<dot]) + ".rejects" + String(path[dot...])
        }
        return path + ".rejects.csv"
    }

    /// Domain problems of the batch (an unregistered community, a date before the community existed), named by
    /// the row they come from.
    static func validationMessage(_ issues: [ValidationIssue], events: ImportEvents, file: String) -> String {
        var lines: [String] = []
        for issue in issues.prefix(AppendValidation.issuesShownMax) {
            var place = file
            if let index = issue.batchIndex, let row = events.rowNumber(at: index) { place += ": row \(row)" }
            lines.append("\(place): \(issue.type) " + (issue.field.map { "field \"\($0)\": " } ?? "") + issue.reason)
        }
        if issues.count > AppendValidation.issuesShownMax { lines.append("… and \(issues.count - AppendValidation.issuesShownMax) more") }
        return "the import was rejected; nothing was appended:\n  " + lines.joined(separator: "\n  ")
    }
}
