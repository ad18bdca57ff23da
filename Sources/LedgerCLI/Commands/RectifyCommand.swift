import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerProjections
import LedgerReports
import LedgerRules

enum RectifyCommand {
    static let command = Command(
        name: "rectify",
        summary: "the rectification list (整改清单): every common part and fund checked against law and policy",
        help: """
        Usage: ledger rectify [--ledger DIR] [--as-of DATE] [--prepared-on DATE] [--street S] [--community ID]
                              [--class CODE]... [--policy FILE] [--format table|csv|json|html|md] [--lang zh|en]
                              [--out FILE] [--meta FILE] [--fail-on CLASS|any] [--checkpoint FILE --pubkey PUB]

        Verifies the log, projects it as of DATE and checks every rule of the five problem classes (docs/rules.md):
          OCC  非法侵占 illegal occupation          IDLE 长期闲置 long-term idle
          LOW  低效利用 low-efficiency use          CON  经营合同不规范 irregular operating contract
          FUND 共有资金使用不合规 non-compliant use of common funds
        Each finding names the community, the item, the rule, the facts, the legal basis, the records that prove
        it (seq and event id), its status (open, or remedied late, ratified afterwards, ended), the findings linked
        to it and a suggested action. The report's title names the streets or community; it states the check date,
        the date it was prepared, the ledger (record count, head hash) and the policy in force.

          --as-of DATE      check date, YYYY-MM-DD (default: today, UTC)
          --prepared-on DATE
                            the date printed as 制表日期 (prepared on) in the title and sign-off; default: the
                            check date, so the same ledger and options always give the same bytes
          --street S        only communities of this street office
          --community ID    only this community
          --class CODE      only this class (OCC, IDLE, LOW, CON, FUND or the Chinese name); repeat for several
          --policy FILE     thresholds (JSON, see docs/rules.md); default: the built-in policy
          --format F        table (default), csv (Excel/WPS), json, html (one printable file), md
          --lang L          zh (default) or en
          --out FILE        write the report to FILE (atomically) instead of standard output
          --meta FILE       also write the title, dates, ledger and policy in force as a CSV to FILE (with
                            --format csv the list itself is one flat table: header in row 1, a finding a row)
          --fail-on C       exit 1 when there are findings of class C (or of any class with `any`)
          --checkpoint FILE a signed checkpoint of this ledger (`ledger checkpoint`); with --pubkey PUB it is
                            verified (signature, and that the log is an append-only extension of it) and
                            named in the report, so the printed list is tied to a signed state of the log

        Exit status: 0 done (findings are not an error unless --fail-on says so), 1 findings matched --fail-on or
        the log failed verification, 2 usage error, unreadable ledger or bad policy file.
        """,
        options: [.value("as-of"), .value("prepared-on"), .value("meta"), .value("street"), .value("community"), .value("class", repeatable: true), .value("policy"),
                  .value("format"), .value("lang"), .value("out"), .value("fail-on"), .value("checkpoint"), .value("pubkey")],
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        _ = try arguments.requirePositionals([], command: "rectify")
        let asOf = try context.date(arguments, "as-of") ?? context.io.now().date
        let preparedOn = try context.date(arguments, "prepared-on")
        let format = RectificationFormat(rawValue: try arguments.choice("format", allowed: RectificationFormat.allCases.map(\.rawValue), default: "table"))!
        let language = ReportLanguage(rawValue: try arguments.choice("lang", allowed: ReportLanguage.allCases.map(\.rawValue), default: "zh"))!
        var classes: [ProblemClass] = []
        for text in arguments.values("class").flatMap({ $0.split(separator: ",").map(String.init) }) {
            guard let problemClass = ProblemClass(code: text) else { throw .usage("--class \"\(text)\" is not a class; use one of: \(classList).") }
            if !classes.contains(problemClass) { classes.append(problemClass) }
        }
        var failOn: [ProblemClass]? = nil
        if let text = arguments.value("fail-on") {
            if text.lowercased() == "any" {
                failOn = ProblemClass.allCases
            } else {
                failOn = []
                for part in text.split(separator: ",").map(String.init) {
                    guard let problemClass = ProblemClass(code: part) else {
                        throw .usage("--fail-on \"\(part)\" is not a class; use any or one of: \(classList).")
                    }
                    failOn!.append(problemClass)
                }
            }
        }
        // The report replaces whatever is at --out and --meta: never one of the files it is made from, nor each other.
        for option in ["out", "meta"] {
            guard let target = arguments.value(option), target != "-" else { continue }
            for input in ["policy", "checkpoint", "pubkey"] {
                if let path = arguments.value(input), context.canonicalPath(path) == context.canonicalPath(target) {
                    throw .usage("--\(option) \"\(target)\" is the --\(input) file; write the report to another file.")
                }
            }
        }
        if let meta = arguments.value("meta") {
            if meta == "-" { throw .usage("--meta FILE needs a file; standard output carries the list itself.") }
            if let out = arguments.value("out"), out != "-", context.canonicalPath(out) == context.canonicalPath(meta) {
                throw .usage("--meta \"\(meta)\" is the --out file; write the list and its metadata to two files.")
            }
        }
        var policy = Policy()
        if let path = arguments.value("policy") {
            let bytes = try context.io.readFile(path)
            do { policy = try Policy.parse(bytes, sourceName: path) } catch { throw .input(error.description) }
        }
        let directory = try context.openLedger(arguments)
        // Refused before the work, not after it (writeOutput checks again when it writes).
        try context.refuseOutputInLedger(arguments.value("out"), option: "out", directory)
        try context.refuseOutputInLedger(arguments.value("meta"), option: "meta", directory)
        let checkpoint = try verifiedCheckpoint(arguments, context, directory)
        var effective = EffectiveLog()
        let log: VerifiedLog.StreamSummary
        do { log = try VerifiedLog.stream(directory) { effective.apply($0) } } catch { throw .chain(error) }
        let projection = Projection(log: effective, asOf: asOf)
        QueryOptions.warnAboutAnomalies(projection, context)
        if let id = arguments.value("community"), projection.communities[id] == nil {
            throw .usage("--community \(id): no such community in this ledger as of \(asOf); known: \(known(projection.communities.keys)).")
        }
        if let street = arguments.value("street"), !projection.communities.values.contains(where: { $0.street == street }) {
            throw .usage("--street \(street): no community of this street in this ledger as of \(asOf); known: \(known(projection.communities.values.map(\.street))).")
        }
        let scope = RectificationScope(asOf: asOf, street: arguments.value("street"), communityID: arguments.value("community"),
                                       classes: classes)
        let rectification = Rectifier.check(projection, scope: scope, policy: policy)
        let stamp = LedgerStamp(recordCount: log.visitedCount, headHash: log.headHash.hex, checkpoint: checkpoint)
        let report = RectificationReport(stamp: stamp, rectification: rectification, language: language, preparedOn: preparedOn)
        let out = arguments.value("out")
        try context.io.writeOutput(report.render(format), to: out)
        if let meta = arguments.value("meta") { try context.io.writeOutput(report.metaCSV(), to: meta) }
        if let out, out != "-" {
            context.io.writeErr("rectify: \(rectification.findings.count) finding(s) as of \(asOf) written to \(out)\n")
        }
        if let failOn, rectification.findings.contains(where: { failOn.contains($0.problemClass) }) { return 1 }
        return 0
    }

    /// The checkpoint named by --checkpoint, after checking its signature with --pubkey and that the log extends
    /// it; nil when none was given. A checkpoint that fails is an integrity failure (exit 1), never a footnote.
    static func verifiedCheckpoint(_ arguments: Arguments, _ context: CommandContext,
                                   _ directory: LedgerDirectory) throws(CLIError) -> CheckpointSummary? {
        guard let file = arguments.value("checkpoint") else {
            if arguments.value("pubkey") != nil { throw .usage("--pubkey is used with --checkpoint FILE.") }
            return nil
        }
        let key = try AuditSupport.publicKey(arguments, context)
        let bytes = try context.io.readFile(file)
        let opened: Checkpoint
        do { opened = try Checkpoint.open(bytes, key: key, file: file) } catch {
            throw AuditSupport.cliError(error)
        }
        let results: [LedgerAudit.CheckpointResult]
        do { (_, results) = try LedgerAudit.checkCheckpoints(directory, [(file, opened)]) } catch { throw .chain(error) }
        if let problem = results.first?.problem {
            throw .integrity("checkpoint \(file): \(problem). The ledger is not an append-only extension of it; run `ledger verify --checkpoint \(file) --pubkey …`.")
        }
        return CheckpointSummary(origin: opened.origin, size: Int64(opened.size), rootHex: opened.root.hex,
                                 time: opened.time.description, keyName: key.name)
    }

    static var classList: String {
        ProblemClass.allCases.map { "\($0.code) (\($0.labelZh))" }.joined(separator: ", ")
    }

    static func known(_ names: some Sequence<String>) -> String {
        let sorted = Set(names).sorted()
        return sorted.isEmpty ? "none" : sorted.joined(separator: ", ")
    }
}
