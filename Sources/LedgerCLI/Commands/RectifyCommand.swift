import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerProjections
import LedgerReports
import LedgerRules

enum RectifyCommand {
    static let format = OptionSpec.choice(
        "format", "F", RectificationFormat.self, default: .table,
        en: "table (default), csv (Excel/WPS), json, html (one printable file), md",
        zh: "table 表格（默认）、csv（Excel/WPS）、json、html（可打印的单个文件）、md")
    static let lang = SharedOptions.lang.with(
        en: "zh or en (default: $LEDGER_LANG, else zh: the list is an official Chinese document)",
        zh: "zh 或 en（默认：$LEDGER_LANG，否则 zh：整改清单是中文公文）")

    static let options: [OptionSpec] = [
        SharedOptions.asOf.with(en: "check date, YYYY-MM-DD (default: today in Beijing, UTC+8)", zh: "检查日期，YYYY-MM-DD（默认：北京时间的今天）"),
        SharedOptions.atSeq.with(
            en: "only records 1…N: the list as it was made when record N was the last (an issued list records its N, so the file issued can be made again byte for byte); N must end its append batch, as for every query",
            zh: "只读第 1…N 条记录：即第 N 条是最后一条记录时做出的清单（已交办的清单记有它的 N，所以交办的文件可以逐字节重做）；N 须是其写入批次的最后一条，与各查询命令相同"),
        .value("status", "S", repeatable: true,
               en: "only findings of this rectification status: new 新发现, resolved 已自行纠正 (never issued, already remedied late, ratified or ended), issued 已交办, overdue 逾期, reported 已报整改待复核, rejected 复核未通过, to_verify 待复核, superseded 已转为长期闲置 (a LOW key whose part IDLE-01 now finds), recurring 反弹, closed_while_present 销号时问题仍在 (closed, but the problem found was there on the closure's day), closed 已销号 (code or Chinese name; repeat or separate with commas)",
               zh: "只列出该整改状态的问题：new 新发现、resolved 已自行纠正（未交办，已逾期补正、事后追认或已消除）、issued 已交办、overdue 逾期、reported 已报整改待复核、rejected 复核未通过、to_verify 待复核、superseded 已转为长期闲置（低效利用问题所涉共有部分现已长期闲置）、recurring 反弹、closed_while_present 销号时问题仍在（已销号，但销号之日该问题仍在）、closed 已销号（代码或中文名；可重复或用逗号分隔）"),
        .flag("overdue", en: "only findings past their deadline and not closed", zh: "只列出已过整改期限且未销号的问题"),
        .flag("ledger-book",
              en: "the 整改台账 instead of the list: every finding and issued key with its responsible party, deadline, status and the dates and evidence of each step, and the counts by status and completion rate (已销号 / 已交办) per community and street",
              zh: "输出整改台账而不是清单：每个问题及已交办编号的责任方、期限、状态和每一步的日期与依据，以及各小区、各街道按状态的计数和完成率（已销号 / 已交办）"),
        .value("issue", "LIST-ID",
               en: "issue the list to its community (--community ID and --out FILE needed): write to --issue-out FILE a `rectification.issued` event for `ledger append` naming the file's SHA-256, the check date and N, and for every new or recurring finding, or one closed while still present (with --status, every open finding of those statuses) a responsible party and a deadline (policy rectification_deadline_days from --issued-on; CON-04 and LOW-02, advised to act when their contract ends, its last day when later); edit the parties and deadlines in it if needed, then append it",
               zh: "把清单交办给其小区（需要 --community ID 和 --out FILE）：向 --issue-out FILE 写一个供“ledger append”追加的“rectification.issued”事件，写明文件的 SHA-256、检查日期和 N，并为每个新发现或反弹的问题、每个销号时问题仍在的问题（用 --status 时为这些状态的每个未销号问题）指定责任方和期限（自 --issued-on 起按政策 rectification_deadline_days 计算；CON-04 和 LOW-02 的建议是合同到期时处理，期限取合同到期日，如其更晚）；需要时先修改其中的责任方和期限，再追加"),
        .value("issue-out", "FILE", en: "where --issue writes the event", zh: "--issue 把事件写到哪里"),
        .value("issued-on", "DATE", en: "the date of issue (default: --prepared-on, else today)", zh: "交办日期（默认：--prepared-on，否则今天）"),
        .value("notice-out", "FILE",
               en: "with --issue: also write the 交办通知 (notice of issue: the list's number, the issuing street office, the day, each finding's responsible party and deadline, and the list's SHA-256) in --format and --lang, as the event written says; after editing the event, append it and make the notice again with --notice",
               zh: "与 --issue 一起用：另写交办通知（清单编号、交办的街道办事处、交办日期、每个问题的责任主体和整改时限，以及清单的 SHA-256），格式和语言同 --format、--lang，内容即所写事件；修改事件后，追加它，再用 --notice 重新生成通知"),
        .value("notice", "LIST-ID",
               en: "the 交办通知 (notice of issue) of list LIST-ID, issued to --community ID, made from its rectification.issued event in the log (the same bytes at any later record, and as --issue --notice-out wrote it when the event was appended as written); with --format, --lang, --out, --as-of and --at-seq only",
               zh: "清单 LIST-ID 的交办通知（交办给 --community ID），由日志中该清单的 rectification.issued 事件生成（此后任何记录处都得到相同字节；事件按原样追加时与 --issue --notice-out 所写相同）；只可与 --format、--lang、--out、--as-of 和 --at-seq 一起用"),
        SharedOptions.actor.with(
            en: "with --issue: who issues the list (the street office's clerk), written into the event as its actor, so that `ledger append` of the file needs no --actor; $LEDGER_ACTOR and $USER are not read here, so the file is the same whoever makes it (without --actor the event names no actor and `ledger append --actor NAME` gives it)",
            zh: "与 --issue 一起用：交办人（街道办经办人），作为记录人（actor）写入事件，追加该文件时就不必再给 --actor；这里不读取 $LEDGER_ACTOR 和 $USER，所以无论谁生成，文件都相同（不给 --actor 时事件不写记录人，由“ledger append --actor NAME”补上）"),
        .value("prepared-on", "DATE",
               en: "the date printed as 制表日期 (prepared on) in the title and sign-off; default: the check date, so the same ledger and options always give the same bytes",
               zh: "标题和落款中印的制表日期；默认：检查日期，因此同一账本和选项总是得到相同的字节"),
        SharedOptions.street,
        SharedOptions.community,
        .value("class", "CODE", repeatable: true,
               en: "only this class (OCC, IDLE, LOW, CON, FUND or the Chinese name); repeat for several",
               zh: "只列出这一类（OCC、IDLE、LOW、CON、FUND 或中文名）；可重复给出多个"),
        .value("policy", "FILE", en: "thresholds (JSON, see docs/rules.md); default: the built-in policy",
               zh: "阈值（JSON，见 docs/rules.md）；默认：内置政策"),
        format,
        lang,
        SharedOptions.out.with(en: "write the report to FILE (atomically) instead of standard output",
                               zh: "把报表（原子地）写入 FILE 而不是标准输出"),
        .value("meta", "FILE",
               en: "also write the title, dates, ledger and policy in force as a CSV to FILE (with --format csv the list itself is one flat table: header in row 1, a finding a row)",
               zh: "另把标题、日期、账本和适用政策以 CSV 写入 FILE（用 --format csv 时清单本身是一张平表：第 1 行为表头，每个问题一行）"),
        .value("fail-on", "C", en: "exit 1 when there are findings of class C (or of any class with `any`)",
               zh: "有 C 类问题（用“any”则任何一类）时以状态 1 退出"),
        .value("checkpoint", "FILE",
               en: "a signed checkpoint of this ledger (`ledger checkpoint`); with --pubkey PUB it is verified (signature, and that the log is an append-only extension of it) and named in the report, so the printed list is tied to a signed state of the log",
               zh: "本账本的签名检查点（“ledger checkpoint”）；与 --pubkey PUB 一起时予以核对（签名，以及日志是它的只增延伸）并写入报表，使打印的清单与日志的一个签名状态绑定"),
        AuditSupport.pubkey.with(en: "the public key the --checkpoint must be signed with", zh: "--checkpoint 必须由之签署的公钥"),
    ]

    static let command = Command(
        name: "rectify",
        summary: Message(en: "the rectification list (整改清单): every common part and fund checked against law and policy",
                         zh: "整改清单：按法律和政策检查每一处共有部分和每项资金"),
        options: options,
        about: Message(en: """
        Verifies the log, projects it as of DATE and checks every rule of the five problem classes (docs/rules.md):
          OCC  非法侵占 illegal occupation          IDLE 长期闲置 long-term idle
          LOW  低效利用 low-efficiency use          CON  经营合同不规范 irregular operating contract
          FUND 共有资金使用不合规 non-compliant use of common funds
        Each finding names the community, the item, the rule, the facts, the legal basis, the records that prove
        it (seq and event id), its status (open, or remedied late, ratified afterwards, ended), the findings linked
        to it and a suggested action. The report's title names the streets or community; it states the check date,
        the date it was prepared, the ledger (record count, head hash) and the policy in force.
        """, zh: """
        校验日志，按截至日期投影，并检查五类问题的每一条规则（docs/rules.md）：
          OCC  非法侵占          IDLE 长期闲置
          LOW  低效利用          CON  经营合同不规范
          FUND 共有资金使用不合规
        每个问题写明小区、对象、规则、事实、法律依据、证明它的记录（序号和事件 id）、状态（未整改，或逾期后
        整改、事后追认、已终止）、与之关联的问题和整改建议。报表标题写明街道或小区，并注明检查日期、制表日期、
        账本（记录数、链头哈希）和适用的政策。
        """),
        notes: Message(en: "Without --at-seq the list is read from index/rectify.state, the whole city's findings of one check date and policy stored per community group (ledger-spec.md 15.8), when it was made at the log's head for this date and policy. After an append the next list of that date refolds only the community groups the new records join (index/rectify.patch). Otherwise the whole city's list makes it (folded part by part through index/scopes: the first whole-city list of a new day, or after an append that cannot be refolded, costs the whole city's fold); a --street or --community list never makes it: it then reads only its street's records (a community's: its street's, as LOW-02 compares with the street's median) through index/scopes; see `ledger assets --help`. With --at-seq (a list as it was made when record N was the last) neither index/rectify.state nor index/scopes is used, whatever the scope: the log's records 1…N are read, verified and folded whole, as with no index at all — its time and memory grow with N (at ten million records, minutes and several GB); --street or --community narrow only the rules' check, not the read and fold.",
                       zh: "不用 --at-seq 时，清单从 index/rectify.state 读取（全市按小区分组存储的某一检查日期、某一政策下的问题，ledger-spec.md 15.8），前提是它在日志链头处为该日期和政策生成。追加记录后，同一日期的下一份清单只重新折叠新记录所涉及的小区组（index/rectify.patch）。否则由全市清单生成它（经 index/scopes 分批折叠全市：新的一天的第一份全市清单，或追加了无法只折叠其小区组的记录后，要折叠全市）；--street 或 --community 的清单从不生成它，此时只经 index/scopes 读取该街道的记录（小区的清单读取其所在街道的记录，因为 LOW-02 与街道中位数比较）；见“ledger assets --help”。用 --at-seq（第 N 条是最后一条记录时做出的清单）时，不论范围如何，都不使用 index/rectify.state 和 index/scopes：读取、校验并完整折叠日志的前 N 条记录，如同没有任何索引——所需时间和内存随 N 增长（一千万条记录时要几分钟和数 GB）；--street 或 --community 只缩小规则检查的范围，读取和折叠仍是完整的。"),
        exitStatus: Message(en: """
        0 done (findings are not an error unless --fail-on says so), 1 findings matched --fail-on or the log failed \
        verification, 2 usage error, unreadable ledger or bad policy file.
        """, zh: """
        0 完成（除非 --fail-on 要求，发现问题不算错误）；1 有问题命中 --fail-on，或日志校验失败；2 用法错误、\
        账本无法读取或政策文件有误。
        """),
        defaultLanguage: .zh,
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let asOf = try context.date(arguments, "as-of") ?? context.today
        let preparedOn = try context.date(arguments, "prepared-on")
        let format = arguments.choice(Self.format, as: RectificationFormat.self)
        let language = context.language
        var classes: [ProblemClass] = []
        for text in try arguments.commaSeparated("class", allowed: ProblemClass.allCases.map(\.rawValue)) {
            guard let problemClass = ProblemClass(code: text) else { throw .usage(Message(en: "--class \"\(text)\" is not a class; use one of: \(classList).", zh: "--class “\(text)”不是问题类别；可选：\(classList)。") + .didYouMean(text, among: ProblemClass.allCases.map(\.rawValue))) }
            if !classes.contains(problemClass) { classes.append(problemClass) }
        }
        var statuses: [LoopStatus] = []
        for text in try arguments.commaSeparated("status", allowed: LoopStatus.allCases.map(\.rawValue)) {
            guard let status = LoopStatus(code: text) else {
                let list = LoopStatus.allCases.map { "\($0.rawValue) (\($0.labelZh))" }.joined(separator: ", ")
                throw .usage(Message(en: "--status \"\(text)\" is not a rectification status; use one of: \(list).", zh: "--status “\(text)”不是整改状态；可选：\(list)。") + .didYouMean(text, among: LoopStatus.allCases.map(\.rawValue)))
            }
            if !statuses.contains(status) { statuses.append(status) }
        }
        let overdueOnly = arguments.flag("overdue")
        let ledgerBook = arguments.flag("ledger-book")
        let atSeq = try arguments.integer("at-seq", minimum: 1)
        let issue = try issueRequest(arguments, context, ledgerBook: ledgerBook)
        // The event written would be refused by `ledger append` (its as_of after its date): refused before any file
        // is written (review 44a #7).
        if let issue, issue.issuedOn > context.today {
            // Nor a list dated after today: `ledger append` refuses a fact dated in the future (review 44d #8).
            throw .usage(Message(en: "--issued-on \(issue.issuedOn) (else --prepared-on) is after today in Beijing (\(context.today)); a list is issued on or before the day it is appended: give the day it is handed over.",
                                 zh: "--issued-on \(issue.issuedOn)（否则为 --prepared-on）晚于北京时间的今天（\(context.today)）；清单的交办日期不能晚于追加之日：请写实际交办的日期。"))
        }
        if let issue, asOf > issue.issuedOn {
            let why = EventWords.checkDateAfterIssue(asOf, issued: issue.issuedOn)
            throw .usage(Message(en: "--as-of \(why.en) (--issued-on, else --prepared-on, else today); give --issued-on on or after \(asOf), or an earlier --as-of.",
                                 zh: "--as-of \(why.zh)（下发日期取 --issued-on，其次 --prepared-on，否则为今天）；请给出不早于 \(asOf) 的 --issued-on，或更早的 --as-of。"))
        }
        if let listID = arguments.value("notice") {
            return try notice(listID, arguments, context, asOf: asOf, atSeq: atSeq, format: format, language: language)
        }
        var failOn: [ProblemClass]? = nil
        if let text = arguments.value("fail-on") {
            if text.lowercased() == "any" {
                failOn = ProblemClass.allCases
            } else {
                failOn = []
                for part in try arguments.commaSeparated("fail-on", allowed: ["any"] + ProblemClass.allCases.map(\.rawValue)) {
                    guard let problemClass = ProblemClass(code: part) else {
                        throw .usage(Message(en: "--fail-on \"\(part)\" is not a class; use any or one of: \(classList).", zh: "--fail-on “\(part)”不是问题类别；可选 any 或：\(classList)。") + .didYouMean(part, among: ["any"] + ProblemClass.allCases.map(\.rawValue)))
                    }
                    failOn!.append(problemClass)
                }
            }
        }
        // The report replaces whatever is at --out and --meta: never one of the files it is made from, nor each other.
        for option in ["out", "meta", "issue-out", "notice-out"] {
            guard let target = arguments.value(option), target != "-" else { continue }
            for input in ["policy", "checkpoint", "pubkey"] {
                if let path = arguments.value(input), context.canonicalPath(path) == context.canonicalPath(target) {
                    throw .usage(Message(en: "--\(option) \"\(target)\" is the --\(input) file; write the report to another file.", zh: "--\(option) “\(target)”就是 --\(input) 的文件；请把报表写到另一个文件。"))
                }
            }
        }
        if let issueOut = arguments.value("issue-out"), issueOut != "-" {
            for other in ["out", "meta"] {
                if let path = arguments.value(other), path != "-", context.canonicalPath(path) == context.canonicalPath(issueOut) {
                    throw .usage(Message(en: "--issue-out \"\(issueOut)\" is the --\(other) file; write the event to a file of its own.", zh: "--issue-out “\(issueOut)”就是 --\(other) 的文件；请把事件写到单独的文件。"))
                }
            }
        }
        if let meta = arguments.value("meta") {
            if meta == "-" { throw .usage(Message(en: "--meta FILE needs a file; standard output carries the list itself.", zh: "--meta FILE 需要一个文件；标准输出用于清单本身。")) }
            if let out = arguments.value("out"), out != "-", context.canonicalPath(out) == context.canonicalPath(meta) {
                throw .usage(Message(en: "--meta \"\(meta)\" is the --out file; write the list and its metadata to two files.", zh: "--meta “\(meta)”就是 --out 的文件；请把清单和其元数据写到两个文件。"))
            }
        }
        var policy = Policy()
        if let path = arguments.value("policy") {
            let bytes = try context.io.readFile(path)
            do { policy = try Policy.parse(bytes, sourceName: path) } catch { throw .input(Message(en: error.description, zh: error.chinese)) }
        }
        let directory = try context.openLedger(arguments)
        // Refused before the work, not after it (writeOutput checks again when it writes).
        try context.refuseOutputInLedger(arguments.value("out"), option: "out", directory)
        try context.refuseOutputInLedger(arguments.value("meta"), option: "meta", directory)
        try context.refuseOutputInLedger(arguments.value("issue-out"), option: "issue-out", directory)
        try context.refuseOutputInLedger(arguments.value("notice-out"), option: "notice-out", directory)
        let checkpoint = try verifiedCheckpoint(arguments, context, directory)
        let scope = RectificationScope(asOf: asOf, street: arguments.value("street"), communityID: arguments.value("community"),
                                       classes: classes)
        // Without --at-seq the list comes from index/rectify.state (ledger-spec.md section 15.8) when it was made for
        // this date and policy at the log's head. Only the whole city makes it when it cannot serve (the city is folded
        // part by part anyway): a street or a community never waits for the whole city's list, and reads its scope.
        var recorder: RenderedList.Recorder? = nil
        // The parts of this list kept before records were appended (index/rectify.list, 15.9).
        var reuse: RenderedList.Reuse? = nil
        if atSeq == nil, context.io.environment["LEDGER_SCOPES"] != "off" {
            let whole = arguments.value("community") == nil && arguments.value("street") == nil
            // Without filters on the loop's statuses the list is written a community at a time; with them (or for the
            // 整改台账, or an issued list) it is held whole. LEDGER_RECTIFY_PARTS=off holds it whole (tests compare).
            let parted = statuses.isEmpty && !overdueOnly && !ledgerBook && issue == nil
                && context.io.environment["LEDGER_RECTIFY_PARTS"] != "off"
            // A street's or a community's list is kept as written (index/rectify.list, ledger-spec.md 15.9) and the
            // same list asked again is read from it; not a list with --meta or a checkpoint (their output is more).
            if !whole, parted, checkpoint == nil, arguments.value("meta") == nil, context.io.environment["LEDGER_RECTIFY_LIST"] != "off",
               let key = RenderedList.key(scope: scope, preparedOn: preparedOn, policy: policy, format: format, language: language) {
                if let status = try keptList(arguments, context, directory, key: key, asOf: asOf, failOn: failOn,
                                             staleParts: format == .table, reuse: &reuse) { return status }
                // Only the table is cut into parts (its renderer knows where a community's bytes begin and end).
                if format != .table { reuse = nil }
                // A list made from a kept one is kept as a patch of its file (15.9, "After an append").
                recorder = RenderedList.Recorder(key: key, directory: directory, base: reuse?.base,
                                                 ownMax: RenderedList.ownMax(baseBytes: reuse?.base.list.count ?? 0, environment: context.io.environment))
            }
            switch try stateList(directory, context, scope: scope, policy: policy, build: whole, parted: parted,
                                 reuse: reuse, recorder: recorder) {
            case nil:
                break
            case .parted(let list)?:
                defer { list.stored.close() }
                QueryOptions.warnAboutAnomalies(lines: list.anomalies, context)
                let names = PersonalDataSupport.names(directory, erased: list.erased, shown: list.shown, context)
                reuse?.disableUnlessNames(names)
                recorder?.fingerprints = list.fingerprints
                recorder?.summary = list.summary
                let status: Int32
                do {
                    status = try finishParted(arguments, context, list, names: names, checkpoint: checkpoint, format: format, language: language,
                                              preparedOn: preparedOn, failOn: failOn, recorder: recorder)
                } catch {
                    // A list that stopped while parts were kept from index/rectify.list (a part that could not be put
                    // back in place): the kept list is removed, so the next command makes every part.
                    if reuse != nil { RenderedList.remove(directory) }
                    throw error
                }
                recorder?.write(directory, genesis: list.stored.header.genesis, stamp: list.stored.header.stamp,
                                findingCount: list.parts.findingCount, totalsByClass: list.header.totalsByClass, anomalies: list.anomalies,
                                erased: list.erased, shown: list.shown, names: names)
                // Test hook: how many communities' parts were written from the kept list, of how many.
                if let file = context.io.environment[RenderedList.partsReportVariable] {
                    try? PosixFile.writeAtomically(Array("\(reuse?.reused ?? 0)/\(list.fingerprints.count)\n".utf8), to: file)
                }
                // Test hook: whether the first pass was the kept list's (`RenderedList.Summary`: no unit read for it).
                if let file = context.io.environment[RenderedList.summaryReportVariable] {
                    try? PosixFile.writeAtomically(Array((reuse?.summaryTaken == true ? "kept\n" : "read\n").utf8), to: file)
                }
                return status
            case .whole(let list)?:
                QueryOptions.warnAboutAnomalies(lines: list.anomalies, context)
                let names = PersonalDataSupport.names(directory, erased: list.erased, shown: list.shown, context)
                // Kept with the stamps of index/rectify.state, which it came from (at the head).
                let stateStamps = recorder == nil ? nil : stamps(RectifyState.path(directory), kind: RectifyState.kind, version: RectifyState.version,
                                                                 recordCount: list.recordCount, headHash: list.headHash)
                    ?? stamps(RectifyState.patchPath(directory), kind: RectifyState.patchKind, version: RectifyState.patchVersion,
                              recordCount: list.recordCount, headHash: list.headHash)
                let keeping = stateStamps == nil ? nil : recorder
                let status = try finish(arguments, context, directory, rectification: list.rectification, loop: list.loop, names: names,
                                        log: (list.recordCount, list.headHash), checkpoint: checkpoint, statuses: statuses, overdueOnly: overdueOnly,
                                        ledgerBook: ledgerBook, format: format, language: language, preparedOn: preparedOn, issue: issue,
                                        failOn: failOn, recorder: keeping)
                if let keeping, let stateStamps {
                    keeping.write(directory, genesis: stateStamps.genesis, stamp: stateStamps.stamp, findingCount: list.rectification.findings.count,
                                  totalsByClass: list.rectification.totalsByClass, anomalies: list.anomalies, erased: list.erased,
                                  shown: list.shown, names: names)
                }
                return status
            }
        }
        let (projection, log, erased, anomalyLines, keptStamps) = try projectionRead(arguments, context, directory, asOf: asOf, atSeq: atSeq,
                                                                                    keeping: recorder != nil)
        let all = Rectifier.check(projection, scope: scope, policy: policy)
        // The projection and the findings live until the command returns, just before the process exits: freeing them
        // (a street's fold and its 30,000 findings at a million records) would be pure cost.
        QueryOptions.keepUntilExit((projection, all), records: log.visitedCount)
        let shown = PersonalDataSupport.commitments(in: projection.facts)
        let names = PersonalDataSupport.names(directory, erased: erased, shown: shown, context)
        let keeping = keptStamps == nil ? nil : recorder
        let status = try finish(arguments, context, directory, rectification: all, loop: RectificationLoop(projection: projection), names: names,
                                log: log, checkpoint: checkpoint, statuses: statuses, overdueOnly: overdueOnly, ledgerBook: ledgerBook,
                                format: format, language: language, preparedOn: preparedOn, issue: issue, failOn: failOn, recorder: keeping)
        if let keeping, let keptStamps {
            keeping.write(directory, genesis: keptStamps.genesis, stamp: keptStamps.stamp, findingCount: all.findings.count,
                          totalsByClass: all.totalsByClass,
                          anomalies: anomalyLines,
                          erased: erased, shown: shown, names: names)
        }
        return status
    }

    /// The projection a list (or a 交办通知) is made from when `index/rectify.state` does not answer, with the log it
    /// read, the commitments erased and the anomalies warned about: a scoped list without --at-seq reads its scope's
    /// records from index/scopes (ledger-spec.md section 15.5) — a community's list its street's communities too
    /// (LOW-02 compares a part with its street's median) —, anything else the verified log 1…atSeq. The --community
    /// and --street given must name what the projection holds. `keeping`: the stamps of index/scopes when the scope's
    /// read answered at its head (a list made from it is kept, 15.9).
    static func projectionRead(_ arguments: Arguments, _ context: CommandContext, _ directory: LedgerDirectory, asOf: CalendarDate,
                               atSeq: Int64?, keeping: Bool = false) throws(CLIError)
        -> (projection: Projection, log: (visitedCount: Int64, headHash: Digest32), erased: Set<PersonalCommitment>,
            anomalies: [RectifyState.AnomalyLine], keptStamps: (genesis: StateStamp, stamp: StateStamp)?) {
        var scoped: (projection: Projection, recordCount: Int64, headHash: Digest32, erased: Set<PersonalCommitment>)? = nil
        if atSeq == nil, let (read, effective, erased) = try QueryOptions.scopedRead(arguments, context, directory, atSeq: nil, streetPeers: true) {
            let projection = Projection(log: effective, asOf: asOf)
            if QueryOptions.scopeExists(projection, communityID: arguments.value("community"), street: arguments.value("street")) {
                scoped = (projection, read.totalRecordCount, read.headHash, erased)
            }
        }
        // A list made from the scope's read is kept when index/scopes is stamped at the head that read found.
        let keptStamps = keeping && scoped != nil
            ? scopeStamps(directory, recordCount: scoped!.recordCount, headHash: scoped!.headHash) : nil
        var effective = EffectiveLog()
        var erased = scoped?.erased ?? Set<PersonalCommitment>()
        let log: (visitedCount: Int64, headHash: Digest32)
        if let scoped {
            log = (scoped.recordCount, scoped.headHash)
        } else {
            let summary = try CLIError.fromChain { () throws(ChainError) in
                try VerifiedLog.stream(directory, upToSeq: atSeq, laterOfType: .personalDataErased,
                                       visitLater: { erased.formUnion(PersonalDataSupport.erasures(in: $0)) }) {
                    erased.formUnion(PersonalDataSupport.erasures(in: $0))
                    effective.apply($0)
                }
            }
            try QueryOptions.checkAtSeq(atSeq, totalRecordCount: summary.totalRecordCount, directory)
            log = (summary.visitedCount, summary.headHash)
        }
        let projection = scoped?.projection ?? Projection(log: effective, asOf: asOf)
        let anomalyLines = Self.anomalyLines(projection)
        QueryOptions.warnAboutAnomalies(lines: anomalyLines, context)
        // The value shown as every other (an invisible character named), quoted, with the nearest name if one.
        if let id = arguments.value("community"), projection.communities[id] == nil {
            let shown = DisplayText.visible(id)
            throw .usage(Message(en: "--community \"\(shown)\": no such community in this ledger as of \(asOf); known: \(known(projection.communities.keys)).", zh: "--community “\(shown)”：截至 \(asOf) 本账本没有这个小区；已有：\(known(projection.communities.keys))。")
                + .didYouMean(id, among: projection.communities.keys.sorted()))
        }
        if let street = arguments.value("street"), !projection.communities.values.contains(where: { $0.street == street }) {
            let shown = DisplayText.visible(street)
            throw .usage(Message(en: "--street \"\(shown)\": no community of this street in this ledger as of \(asOf); known: \(known(projection.communities.values.map(\.street))).", zh: "--street “\(shown)”：截至 \(asOf) 本账本中这个街道没有小区；已有：\(known(projection.communities.values.map(\.street)))。")
                + .didYouMean(street, among: Set(projection.communities.values.map(\.street)).sorted()))
        }
        return (projection, log, erased, anomalyLines, keptStamps)
    }

    /// The records of `projection` that could not be applied, then the parts whose warranty FUND-05 could not read
    /// (`WarrantyNote`): what every way of making a list warns about and `index/rectify.state` keeps.
    static func anomalyLines(_ projection: Projection) -> [RectifyState.AnomalyLine] {
        projection.anomalies.map { (seq: $0.evidence.seq, eventID: $0.evidence.eventID, reason: $0.reason) } + WarrantyNote.lines(projection)
    }

    /// Filters, renders and writes the list (and --meta, --issue), and gives the exit status.
    static func finish(_ arguments: Arguments, _ context: CommandContext, _ directory: LedgerDirectory, rectification all: Rectification,
                       loop: RectificationLoop, names: PersonalNames, log: (visitedCount: Int64, headHash: Digest32),
                       checkpoint: CheckpointSummary?, statuses: [LoopStatus], overdueOnly: Bool, ledgerBook: Bool,
                       format: RectificationFormat, language: ReportLanguage, preparedOn: CalendarDate?, issue: IssueRequest?,
                       failOn: [ProblemClass]?, recorder: RenderedList.Recorder? = nil) throws(CLIError) -> Int32 {
        let asOf = all.scope.asOf
        // Statuses are found on the whole list; the filters then keep some of its findings.
        let ledger = RectificationLedger(rectification: all, loop: loop, statuses: statuses, overdueOnly: overdueOnly)
        let kept = Set(ledger.entries.map(\.key))
        let rectification = statuses.isEmpty && !overdueOnly ? all : all.keeping { kept.contains($0.key) }
        let stamp = LedgerStamp(recordCount: log.visitedCount, headHash: log.headHash.hex, checkpoint: checkpoint)
        let report = RectificationReport(stamp: stamp, rectification: rectification, language: language, preparedOn: preparedOn,
                                         ledger: ledger, names: names)
        let out = arguments.value("out")
        // The list is written piece by piece as it is rendered (a whole city's is gigabytes at ten million records);
        // only an issued list (one community's) is held whole, for the SHA-256 its event records.
        var bytes: [UInt8] = []
        if issue != nil {
            bytes = ledgerBook ? RectificationLedgerReport(report).render(format) : report.render(format)
            try context.io.writeOutput(bytes, to: out)
        } else {
            try context.io.writeOutput(to: out) { deliver in
                let stream = ReportStream(recorder?.wrap(deliver) ?? deliver)
                if ledgerBook { RectificationLedgerReport(report).render(format, into: stream) } else { report.render(format, into: stream) }
            }
        }
        if let meta = arguments.value("meta") {
            try context.io.writeOutput(ledgerBook ? RectificationLedgerReport(report).metaCSV() : report.metaCSV(), to: meta)
        }
        if let out, out != "-" {
            let count = ledgerBook ? ledger.entries.count : rectification.findings.count
            context.io.writeErr(Self.writtenNote(count, entries: ledgerBook, asOf: asOf, out: out, language: context.messageLanguage))
        }
        if let issue {
            let event = issuedEvent(issue, report: report, bytes: bytes, format: format, atSeq: log.visitedCount,
                                    statusesGiven: !statuses.isEmpty)
            guard let event else {
                throw .usage(Message(en: "--issue \(issue.listID): the list has no new, recurring or closed-while-present open finding to issue; choose others with --status (e.g. --status overdue to issue them again).", zh: "--issue \(issue.listID)：清单中没有可交办的新发现、反弹或销号时问题仍在的问题；请用 --status 另选（例如 --status overdue 再次交办逾期的问题）。"))
            }
            try context.io.writeOutput(event.line, to: issue.outPath, option: "issue-out")
            context.io.writeErr(issuedNote(issue, count: event.count, language: context.messageLanguage) + "\n")
            // The 交办通知 as the event written says; the same bytes as `--notice` once it is appended as written.
            if let path = issue.noticePath, let community = rectification.communities.first(where: { $0.communityID == issue.communityID }) {
                let notice = RectificationNotice(issued: event.issued, issuedOn: issue.issuedOn, communityName: community.name,
                                                 street: community.street, language: language, names: names)
                try context.io.writeOutput(notice.render(format), to: path, option: "notice-out")
                if path != "-" { context.io.writeErr(noticeNote(issue.listID, out: path, language: context.messageLanguage)) }
            }
        }
        if let failOn, rectification.findings.contains(where: { failOn.contains($0.problemClass) }) { return 1 }
        return 0
    }

    /// The list from `index/rectify.state` (ledger-spec.md section 15.8): the stored findings of the communities in
    /// scope (every community for the whole city, those on `street` as of the date, or `communityID`'s), the loop's
    /// events and erasures of the whole log. The file is used when stamped at the head, for this date and policy;
    /// otherwise, when `build` allows, the whole city is folded part by part (`buildState`), written, and the answer
    /// taken from what was built. Nil when it cannot serve: the caller reads its scope or the whole log then.
    static func stateList(_ directory: LedgerDirectory, _ context: CommandContext, scope: RectificationScope, policy: Policy,
                          build: Bool, parted: Bool = false, reuse: RenderedList.Reuse? = nil,
                          recorder: RenderedList.Recorder? = nil) throws(CLIError) -> StateAnswer? {
        var notice: String? = nil
        var stored: RectifyState.Stored? = nil
        // The check date of a usable file: a list of an earlier date does not replace it (15.8). A stale file serves
        // no list until it is made again, so any date replaces it.
        var storedDate: CalendarDate? = nil
        var opened = RectifyState.open(directory)
        if case .stale(let old)? = opened {
            noticePatch(old, directory, context)
            // Made for this date and policy: the groups the new records join are refolded (15.8, "Refolding"), and
            // the file with its patch is at the head again.
            let refolded = old.asOf == scope.asOf && old.policy == policy.canonicalJSON && refold(directory, context, old, policy: policy)
            old.close()
            opened = refolded ? RectifyState.open(directory) : nil
        }
        switch opened {
        case nil: break
        case .stale(let old)?: old.close()
        case .cannotServe?: return nil
        case .unusable(let problem)?: notice = RectifyState.notice(problem, directory)
        case .usable(let opened)?:
            noticePatch(opened, directory, context)
            storedDate = opened.asOf
            if opened.asOf == scope.asOf && opened.policy == policy.canonicalJSON { stored = opened } else { opened.close() }
        }
        if let stored, parted {
            switch partedList(stored, scope: scope, policy: policy,
                              failSecondRead: context.io.environment[secondReadVariable] == "fail", reuse: reuse, recorder: recorder) {
            case .list(let list): return .parted(list)
            case .noScope: stored.close(); return nil
            case .whole: break
            case .damaged:
                stored.close()
                return try rebuiltList(directory, context, scope: scope, policy: policy, build: build, parted: parted,
                                       notice: RectifyState.notice(.damaged(.checksum(.some(.part))), directory),
                                       storedDate: nil)
            }
        }
        if let stored {
            defer { stored.close() }
            var units: [RectifyState.Unit] = []
            var complete = true
            for index in 0..<stored.unitCount where selects(stored.communities[index], scope) {
                guard let unit = stored.unit(index) else { complete = false; break }
                units.append(unit)
            }
            if complete, let global = stored.global() {
                guard !units.isEmpty || (scope.street == nil && scope.communityID == nil) else { return nil }
                return .whole(answer(units, global, scope: scope, policy: policy, recordCount: stored.header.stamp.seq,
                                     headHash: stored.header.stamp.hash))
            }
            notice = RectifyState.notice(.damaged(.checksum(.some(.part))), directory)
            storedDate = nil
        }
        return try rebuiltList(directory, context, scope: scope, policy: policy, build: build, parted: parted, notice: notice,
                               storedDate: storedDate)
    }

    /// The notice about an `index/rectify.patch` that could not be used (15.1), which is removed: the file is used
    /// without it (refolded again, or made again).
    static func noticePatch(_ stored: RectifyState.Stored, _ directory: LedgerDirectory, _ context: CommandContext) {
        guard let problem = stored.patchProblem else { return }
        try? PosixFile.remove(RectifyState.patchPath(directory))
        let notice = SystemWords.rebuilt(RectifyState.patchFileName, in: directory, problem)
        context.io.writeErr(DisplayText.neutralised(notice, lineBreaks: .toSpace) + "\n")
    }

    /// What `stateList` answers from: the list written a community at a time from the file, or held whole.
    enum StateAnswer {
        case parted(PartedList)
        case whole(CityList)
    }

    /// `stateList` when the file cannot serve: the whole city folded part by part (when `build`), the file written,
    /// and the list read from the file just written (parted) or from what was built.
    static func rebuiltList(_ directory: LedgerDirectory, _ context: CommandContext, scope: RectificationScope, policy: Policy,
                            build: Bool, parted: Bool, notice: String?, storedDate: CalendarDate?) throws(CLIError) -> StateAnswer? {
        guard build else { return nil }
        let write = storedDate.map { scope.asOf >= $0 } ?? true
        let whole = scope.street == nil && scope.communityID == nil
        // After `rm -rf index/` the scopes the fold reads are built by the shared pass (ledger-spec.md 15.6: the log
        // read on two threads, the file streamed), not by `withCity`'s own rebuild (one thread, the whole file held in
        // memory): the same bytes, some half of that CPU and the file's size less memory.
        context.rebuildIndex(directory, files: [.scopes])
        // The units are not held by the build: the list reads them back from the file just written.
        guard var built = try buildState(directory, context, asOf: scope.asOf, policy: policy, write: write, keepUnits: false) else { return nil }
        if let notice { context.io.writeErr(DisplayText.neutralised(notice, lineBreaks: .toSpace) + "\n") }
        let reopened = built.written ? RectifyState.open(directory) : nil
        if case .stale(let other)? = reopened { other.close() }
        if case .usable(let stored)? = reopened {
            if stored.asOf == scope.asOf, stored.policy == policy.canonicalJSON, stored.header.stamp.seq == built.recordCount {
                // Read a community at a time, so the list is not held whole.
                if parted, case .list(let list) = partedList(stored, scope: scope, policy: policy,
                                                             failSecondRead: context.io.environment[secondReadVariable] == "fail") {
                    return .parted(list)
                }
                // Held whole (as a list with --status is): the scope's units as written.
                var units: [RectifyState.Unit] = []
                var complete = true
                for index in 0..<stored.unitCount where selects(stored.communities[index], scope) {
                    guard let unit = stored.unit(index) else { complete = false; break }
                    units.append(unit)
                }
                stored.close()
                if complete {
                    guard !units.isEmpty || whole else { return nil }
                    return .whole(answer(units, built.global, scope: scope, policy: policy, recordCount: built.recordCount, headHash: built.headHash))
                }
            } else {
                stored.close()
            }
        }
        if !built.keptUnits {
            // The file could not be written or read back (a full disk?): the city is folded again, its units held.
            guard let again = try buildState(directory, context, asOf: scope.asOf, policy: policy, write: false, keepUnits: true) else { return nil }
            built = again
        }
        let units = built.units.filter { selects($0.communities, scope) }
        guard !units.isEmpty || whole else { return nil }
        return .whole(answer(units, built.global, scope: scope, policy: policy, recordCount: built.recordCount, headHash: built.headHash))
    }

    /// Whether a stored unit holds a community of the scope (as of the date the state was made for, which is the
    /// scope's).
    static func selects(_ communities: [RectifyState.Community], _ scope: RectificationScope) -> Bool {
        if let id = scope.communityID { return communities.contains { $0.id == id && (scope.street == nil || $0.street == scope.street) } }
        if let street = scope.street { return communities.contains { $0.street == street } }
        return true
    }

    /// The list of `units` (with the whole log's loop events and erasures): what the whole log's fold gives for their
    /// communities, since each unit's findings were made with the whole city's street medians.
    static func answer(_ units: [RectifyState.Unit], _ global: RectifyState.Global, scope: RectificationScope, policy: Policy,
                       recordCount: Int64, headHash: Digest32) -> CityList {
        var findings: [Finding] = []
        var communities: [(id: String, name: String, street: String)] = []
        var background = Set<Int64>()
        var anomalies = global.anomalies
        // The persons the log's answer would warn about when missing from private/: those of its records' facts.
        var shown = global.persons
        for unit in units {
            findings += unit.findings
            communities += unit.communities
            background.formUnion(unit.background)
            anomalies += unit.anomalies
            shown.formUnion(unit.persons)
        }
        let rectification = Rectification(scope: scope, policy: policy, communities: communities, findings: findings,
                                          background: background)
        return CityList(rectification: rectification, loop: RectificationLoop(events: global.loop), recordCount: recordCount,
                        headHash: headHash, erased: Set(global.erased), shown: shown, anomalies: anomalies)
    }

    /// What `buildState` makes: every community group's findings, the loop's events, erasures and anomalies.
    struct BuiltState {
        /// Every unit, when asked for (`keepUnits`) or when the file was not to be written; else empty (the list is
        /// read back from the file written).
        let units: [RectifyState.Unit]
        /// Whether `index/rectify.state` was written with them.
        var written = false
        /// Whether `units` holds the units.
        let keptUnits: Bool
        let global: RectifyState.Global
        let recordCount: Int64
        let headHash: Digest32
    }

    /// An unlinked temporary file in `index/` for what the whole city's fold would otherwise hold in memory; nil when
    /// none can be made (the fold then holds it, as before).
    static func scratchFile(_ directory: LedgerDirectory) -> PosixFile? {
        guard PosixFile.isDirectory(directory.indexPath), let random = try? SecureRandom.bytes(8) else { return nil }
        let path = directory.indexPath + "/rectify.scratch-" + random.map { String($0, radix: 16) }.joined()
        guard let file = try? PosixFile(path: path, mode: .createNew(permissions: 0o600), followLinks: false) else { return nil }
        // Unlinked at once: it lives as long as it is open, and a killed command leaves nothing behind.
        do { try PosixFile.remove(path) } catch { file.close(); try? PosixFile.remove(path); return nil }
        return file
    }

    /// Folds the whole city part by part (`ScopeIndex.withCity`) and writes `index/rectify.state` for `asOf` and
    /// `policy`: each part is checked as it is folded, with what compares with a street's median deferred, and its
    /// findings encoded into a scratch file (`RectifyState.CityBuilder`); once every part's LOW-02 values are in, the
    /// medians of whole streets finish the units, which are written. Peak memory is one part's fold and what the
    /// medians may still change, not the city's findings; the units are held only with `keepUnits` (or when the file
    /// is not to be written). Nil when the index cannot serve (the caller reads the whole log then, with the same
    /// answer).
    static func buildState(_ directory: LedgerDirectory, _ context: CommandContext, asOf: CalendarDate,
                           policy: Policy, write: Bool = true, keepUnits: Bool = true) throws(CLIError) -> BuiltState? {
        let scope = RectificationScope(asOf: asOf)
        let keep = keepUnits || !write
        return try CLIError.fromChain { () throws(ChainError) -> BuiltState? in
            // LEDGER_CITY_PART=N sets the records per part (tests make many small parts of a small ledger).
            let perPart = context.io.environment["LEDGER_CITY_PART"].flatMap { Int($0) }.map { max($0, 1) } ?? 65_536
            return try ScopeIndex.withCity(directory, recordsPerPart: perPart) { city -> BuiltState? in
                if let notice = city.notice { context.io.writeErr(DisplayText.neutralised(notice, lineBreaks: .toSpace) + "\n") }
                let communityBlocks = city.communityBlocks
                let totalRecordCount = city.totalRecordCount, globalBlock = city.globalBlock
                /// A part read and its records applied (the first stage), with the erasures its records make.
                struct Read {
                    let effective: EffectiveLog
                    let blockOfSeq: [Int64: Int]
                    let erased: Set<PersonalCommitment>
                }
                func read(_ part: Int) -> Read? {
                    guard let (records, blockOfSeq) = city.recordsAndBlocks(ofPart: part) else { return nil }
                    var effective = EffectiveLog(sparse: true)
                    var erased = Set<PersonalCommitment>()
                    for record in records {
                        erased.formUnion(PersonalDataSupport.erasures(in: record))
                        effective.apply(record)
                    }
                    effective.advance(to: totalRecordCount)
                    return Read(effective: effective, blockOfSeq: blockOfSeq, erased: erased)
                }
                // With scratch files first; should one fail (a full disk), once more holding everything in memory.
                // LEDGER_RECTIFY_SCRATCH=off holds it in memory (tests compare the two).
                let onDisk = context.io.environment["LEDGER_RECTIFY_SCRATCH"] != "off"
                for useScratch in onDisk ? [true, false] : [false] {
                    let findingsScratch = useScratch ? scratchFile(directory) : nil
                    let unitsScratch = useScratch && write ? scratchFile(directory) : nil
                    defer { findingsScratch?.close(); unitsScratch?.close() }
                    // One fold per part: every finding but those comparing with a street's median (LOW-02, and
                    // CON-06/07's facts), which are finished once every part's LOW-02 values are in.
                    let pendingUnits = RectifyState.CityBuilder(scratch: findingsScratch)
                    var erased = Set<PersonalCommitment>()
                    var loopEvents: [Int64: LoopEvent] = [:]
                    var globalAnomalies: [Int64: [RectifyState.AnomalyLine]] = [:]
                    var globalPersons = Set<PersonalCommitment>()
                    // Two stages on two threads, parts in order (`Parallel.pipeline`): this thread reads each part's
                    // records and applies them (about half of the work), the other projects, checks and encodes the
                    // part before (the other half). The second stage alone touches what the parts add up to, in part
                    // order, so the file's bytes are those of one thread. At most one part waits between the stages
                    // (memory: three parts' records at worst, not one).
                    // LEDGER_RECTIFY_PIPELINE=off runs both stages on this thread (tests compare the files made).
                    // False when a part does not match the index (`withCity` then rebuilds it and calls again).
                    func produce(_ send: (Read) -> Void, _ close: () -> Void) -> Bool {
                        defer { close() }
                        for part in 0..<city.partCount {
                            guard let read = read(part) else { return false }
                            send(read)
                        }
                        return true
                    }
                    func consume(_ read: Read) {
                        erased.formUnion(read.erased)
                        let blockOfSeq = read.blockOfSeq
                        let projection = Projection(log: read.effective, asOf: asOf)
                        let pending = Rectifier.checkDeferringMedians(projection, scope: scope, policy: policy)
                        var blockOf: [String: Int] = [:]
                        for c in pending.communities { blockOf[c.id] = communityBlocks[c.id] ?? -1 }
                        let blocks = Set(blockOf.values)
                        var anomalies: [Int: [RectifyState.AnomalyLine]] = [:]
                        for line in Self.anomalyLines(projection) {
                            if let block = blockOfSeq[line.seq], block != globalBlock, blocks.contains(block) {
                                anomalies[block, default: []].append(line)
                            } else if !(globalAnomalies[line.seq]?.contains { $0.reason == line.reason } ?? false) {
                                // The global block is in every part: its anomalies are kept once.
                                globalAnomalies[line.seq, default: []].append(line)
                            }
                        }
                        for event in RectificationLoop.events(in: projection) where loopEvents[event.position] == nil {
                            loopEvents[event.position] = event
                        }
                        // The persons each unit's facts name (a group of no community as of the date: the global part's).
                        var persons: [Int: Set<PersonalCommitment>] = [:]
                        for fact in projection.facts {
                            let block = blockOfSeq[fact.evidence.seq]
                            var named = Set<PersonalCommitment>()
                            fact.payload.forEachPersonal { _, value in if let c = value.commitment { named.insert(c) } }
                            guard !named.isEmpty else { continue }
                            if let block, block != globalBlock, blocks.contains(block) {
                                persons[block, default: []].formUnion(named)
                            } else {
                                globalPersons.formUnion(named)
                            }
                        }
                        // Split by community group and encoded: the part's fold is let go before the next.
                        pendingUnits.add(pending, blockOf: blockOf, anomalies: anomalies, persons: persons)
                    }
                    let complete = context.io.environment["LEDGER_RECTIFY_PIPELINE"] == "off"
                        ? produce(consume, {})
                        : Parallel.pipeline(groupSize: 1, groupsAhead: 1, produce: produce, consume: consume)
                    guard complete else { return nil }
                    var builder = unitsScratch.map { RectifyState.Builder(scratch: $0) } ?? RectifyState.Builder()
                    guard let (units, unitValues) = pendingUnits.finish(scope: scope, policy: policy, into: &builder, keepUnits: keep),
                          !builder.failed else { continue }
                    let global = RectifyState.Global(loop: loopEvents.keys.sorted().map { loopEvents[$0]! }, erased: erased.sorted(),
                                                     anomalies: globalAnomalies.keys.sorted().flatMap { globalAnomalies[$0]! },
                                                     persons: globalPersons, unitValues: unitValues)
                    let written = write && builder.write(directory, genesis: city.genesis, stamp: city.stamp, asOf: asOf, policy: policy, global: global)
                    return BuiltState(units: units, written: written, keptUnits: keep, global: global, recordCount: city.totalRecordCount,
                                      headHash: city.headHash)
                }
                return nil
            }
        }
    }

    /// `verify --index` for `index/rectify.state`: a file stamped at the head is compared, byte for byte, with the one
    /// the whole city's fold makes for its date and policy (which is then written); a file that cannot be used is
    /// damaged; one stamped before the head is made again by the next list of its date (not compared here). Nil when
    /// there is no file: only `rectify` makes it (for a date and policy a command asked for), so it is not rebuilt here.
    static func verifyState(_ directory: LedgerDirectory, _ context: CommandContext) throws(CLIError) -> VerifyCommand.IndexFileReport? {
        let consequence = Wording(en: "rectify checks the file before use and makes it again, so no list came from it",
                                  zh: "rectify 在使用前先检查该文件，必要时重新生成，因此没有任何清单来自它")
        // verify --index does not make the lists' state (a whole city's fold of one date and policy): rectify does.
        let later = Wording(en: "not rebuilt here: the next `ledger rectify` makes it again",
                            zh: "此处不重建：下一次“ledger rectify”会重新生成它")
        let path = RectifyState.path(directory)
        switch RectifyState.open(directory) {
        case nil:
            return nil
        case .cannotServe?:
            return .init(file: RectifyState.fileName, status: .notChecked(Wording(en: "the acknowledged head lies before its stamp", zh: "已确认的日志头在其戳记之前")), rebuiltAt: nil,
                         consequence: consequence, notRebuilt: later)
        case .stale(let stored)?:
            stored.close()
            // A patch that cannot be used is damage (removed; the next list refolds or makes the file again).
            if let problem = stored.patchProblem {
                try? PosixFile.remove(RectifyState.patchPath(directory))
                return .init(file: RectifyState.patchFileName, status: VerifyCommand.status(problem), rebuiltAt: nil,
                             consequence: consequence, notRebuilt: later)
            }
            return .init(file: RectifyState.fileName, status: .notChecked(Wording(en: "made before the head; the next list of its date refolds it or makes it again", zh: "生成于日志头之前；同一日期的下一份清单会重新折叠或重新生成它")),
                         rebuiltAt: nil, consequence: consequence, notRebuilt: later)
        case .unusable(let problem)?:
            try? PosixFile.remove(path)
            return .init(file: RectifyState.fileName, status: VerifyCommand.status(problem), rebuiltAt: nil, consequence: consequence, notRebuilt: later)
        case .usable(let stored)?:
            // Read once: the bytes whose body's checksum was checked are the ones compared below.
            let checked = stored.checkedParts()
            if checked == .damaged {
                // A part a list would have found damaged: damage, not a list that passed its checks (review 40f).
                stored.close()
                try? PosixFile.remove(path)
                return .init(file: RectifyState.fileName, status: VerifyCommand.status(.damaged(.checksum(.some(.part)))), rebuiltAt: nil,
                             consequence: consequence, notRebuilt: later)
            }
            // A patched state (15.8, "Refolding") is compared part by part: its units and global part with the ones
            // the fold makes (the file made has other stamps than the patched one).
            let patched = stored.isPatched ? contents(stored) : nil
            stored.close()
            var old: [UInt8] = []
            if case .whole(let bytes) = checked { old = bytes }
            guard let policy = try? Policy.parse(Array(stored.policy.utf8), sourceName: path) else {
                try? PosixFile.remove(path)
                return .init(file: RectifyState.fileName, status: .damaged(Wording(en: "its policy cannot be read", zh: "其政策设置无法读取")), rebuiltAt: nil, consequence: consequence, notRebuilt: later)
            }
            guard let built = try buildState(directory, context, asOf: stored.asOf, policy: policy, keepUnits: false) else {
                return .init(file: RectifyState.fileName, status: .notChecked(Wording(en: "index/scopes cannot serve (a read-only ledger?)", zh: "index/scopes 无法使用（账本是只读的？）")),
                             rebuiltAt: nil, consequence: consequence, notRebuilt: later)
            }
            var same: Bool
            if let patched {
                let reopened = RectifyState.open(directory)
                if case .stale(let other)? = reopened { other.close() }
                if case .usable(let made)? = reopened {
                    same = contents(made).map { $0 == patched } ?? false
                    made.close()
                } else {
                    same = false
                }
            } else {
                same = ((try? PosixFile.readRegularFile(path, bytesMax: 1 << 40, followLinks: false).bytes) ?? []) == old
            }
            let status: VerifyCommand.IndexFileReport.Status = same
                ? .intact(seq: stored.header.stamp.seq) : .damaged(Wording(en: "not the list the log gives as of \(stored.asOf)", zh: "不是日志在 \(stored.asOf) 给出的清单"))
            // A file that passed every check of its own but is not the log's list may have answered before now.
            let answered = Wording(en: "its own checks passed, so lists asked before this check may have come from it: ask them again",
                                   zh: "它通过了自身的各项检查，因此本次检查之前的清单可能来自它：请重新生成这些清单")
            return .init(file: RectifyState.fileName, status: status, rebuiltAt: built.recordCount, consequence: same ? consequence : answered)
        }
    }

    /// What a state holds, part by part: each unit's communities and bytes, and the global part (nil when a part
    /// cannot be read).
    static func contents(_ stored: RectifyState.Stored) -> [[UInt8]]? {
        var out: [[UInt8]] = [Array(stored.policy.utf8), Array(stored.asOf.description.utf8)]
        for index in 0..<stored.unitCount {
            guard let bytes = stored.unitBytes(index) else { return nil }
            out.append(Array(stored.communities[index].map { "\($0.id)\u{0}\($0.name)\u{0}\($0.street)" }.joined(separator: "\u{1}").utf8))
            out.append(bytes)
        }
        guard let global = stored.globalBytes() else { return nil }
        out.append(global)
        return out
    }

    /// The whole city's list and what its report needs.
    struct CityList {
        let rectification: Rectification
        let loop: RectificationLoop
        let recordCount: Int64
        let headHash: Digest32
        let erased: Set<PersonalCommitment>
        let shown: Set<PersonalCommitment>
        let anomalies: [RectifyState.AnomalyLine]
    }

    /// What `--issue` asks for, after checking its options.
    struct IssueRequest {
        let listID: String
        let communityID: String
        let issuedOn: CalendarDate
        let outPath: String
        /// Who issues (`--actor`), the event's actor; nil leaves it to `ledger append --actor`.
        let actor: String?
        /// Where the 交办通知 is written (`--notice-out`), nil for none.
        let noticePath: String?
    }

    /// `rectify --notice LIST-ID`: the 交办通知 of an issued list, made from its `rectification.issued` event as the
    /// log holds it (records 1…--at-seq, dated by --as-of), the community's name and street beside it.
    static func notice(_ listID: String, _ arguments: Arguments, _ context: CommandContext, asOf: CalendarDate, atSeq: Int64?,
                       format: RectificationFormat, language: ReportLanguage) throws(CLIError) -> Int32 {
        for option in ["issue", "ledger-book", "status", "overdue", "class", "policy", "meta", "fail-on", "checkpoint", "street", "prepared-on"]
        where arguments.value(option) != nil || arguments.flag(option) {
            throw .usage(Message(en: "--notice makes the notice of an issued list from its event; leave out --\(option).", zh: "--notice 由已交办清单的事件生成交办通知；请去掉 --\(option)。"))
        }
        guard let communityID = arguments.value("community") else {
            throw .usage(Message(en: "--notice needs --community ID: the community the list was issued to.", zh: "--notice 需要 --community ID：清单交办给的小区。"))
        }
        let directory = try context.openLedger(arguments)
        try context.refuseOutputInLedger(arguments.value("out"), option: "out", directory)
        let (projection, _, erased, _, _) = try projectionRead(arguments, context, directory, asOf: asOf, atSeq: atSeq)
        var found: (list: RectificationIssued, on: CalendarDate)? = nil
        var lists: [String] = []
        for fact in projection.facts {
            guard case .rectificationIssued(let list) = fact.payload else { continue }
            if list.listID == listID { found = (list, fact.occurredOn) } else if list.communityID == communityID { lists.append(list.listID) }
        }
        let read = atSeq.map { "records 1…\($0)" } ?? "the ledger", readZh = atSeq.map { "第1…\($0)条记录" } ?? "本账本"
        guard let found else {
            // The list may be recorded after the record or day asked (review 44a #7: told to append a list the log held).
            let later = atSeq.map { Wording(en: " If it was recorded after record \($0), give a later --at-seq (or none);", zh: "如果它是在第 \($0) 条记录之后记录的，请给出更大的 --at-seq（或不给）；") }
                ?? Wording(en: " If it was issued after \(asOf), give a later --as-of (or none);", zh: "如果它是在 \(asOf) 之后交办的，请给出更晚的 --as-of（或不给）；")
            throw .usage(Message(en: "--notice \"\(DisplayText.visible(listID))\": no list of this id was issued in \(read) as of \(asOf); lists issued to \(communityID): \(known(lists)).\(later.en) otherwise append the list's rectification.issued event first (rectify --issue writes it).",
                                 zh: "--notice “\(DisplayText.visible(listID))”：截至 \(asOf)，\(readZh)中没有交办过这个编号的清单；交办给 \(communityID) 的清单：\(known(lists))。\(later.zh)否则请先追加该清单的 rectification.issued 事件（由 rectify --issue 生成）。")
                + .didYouMean(listID, among: lists))
        }
        guard found.list.communityID == communityID, let community = projection.communities[communityID] else {
            throw .usage(Message(en: "--notice \(listID): the list was issued to \(found.list.communityID), not \(communityID); give --community \(found.list.communityID).",
                                 zh: "--notice \(listID)：该清单交办给 \(found.list.communityID)，不是 \(communityID)；请用 --community \(found.list.communityID)。"))
        }
        let shown = Set(found.list.items.compactMap { $0.responsible.commitment })
        let names = PersonalDataSupport.names(directory, erased: erased, shown: shown, context)
        let notice = RectificationNotice(issued: found.list, issuedOn: found.on, communityName: community.name, street: community.street,
                                         language: language, names: names)
        let out = arguments.value("out")
        try context.io.writeOutput(notice.render(format), to: out)
        if let out, out != "-" { context.io.writeErr(noticeNote(listID, out: out, language: context.messageLanguage)) }
        return 0
    }

    /// The line on standard error after a 交办通知 was written to a file.
    static func noticeNote(_ listID: String, out: String, language: ReportLanguage) -> String {
        language.pick("rectify：清单 \(listID) 的交办通知已写入 \(out)\n", "rectify: the notice of issue of list \(listID) written to \(out)\n")
    }

    static func issueRequest(_ arguments: Arguments, _ context: CommandContext, ledgerBook: Bool) throws(CLIError) -> IssueRequest? {
        guard let listID = arguments.value("issue") else {
            for option in ["issue-out", "issued-on", "actor", "notice-out"] where arguments.value(option) != nil {
                throw .usage(Message(en: "--\(option) is used with --issue LIST-ID.", zh: "--\(option) 要和 --issue LIST-ID 一起使用。"))
            }
            return nil
        }
        if let problem = EventInput.doorIDProblemWording(listID) { throw .usage(Message(en: "--issue: the list id \(problem.en).", zh: "--issue：清单编号\(problem.zh)。")) }
        if ledgerBook { throw .usage(Message(en: "--issue issues the list itself; leave out --ledger-book.", zh: "--issue 交办的是清单本身；请去掉 --ledger-book。")) }
        guard let community = arguments.value("community") else {
            throw .usage(Message(en: "--issue needs --community ID: a list is issued to one community.", zh: "--issue 需要 --community ID：清单只交办给一个小区。"))
        }
        guard let out = arguments.value("out"), out != "-", !out.isEmpty else {
            throw .usage(Message(en: "--issue needs --out FILE: the event records the SHA-256 of the file issued.", zh: "--issue 需要 --out FILE：事件要记录所交办文件的 SHA-256。"))
        }
        guard let outPath = arguments.value("issue-out") else {
            throw .usage(Message(en: "--issue needs --issue-out FILE for the rectification.issued event (or - for standard output).", zh: "--issue 需要 --issue-out FILE 来写 rectification.issued 事件（或用 - 表示标准输出）。"))
        }
        if arguments.value("at-seq") != nil {
            throw .usage(Message(en: "--issue issues the list as the ledger stands now; leave out --at-seq.", zh: "--issue 按账本当前状态交办清单；请去掉 --at-seq。"))
        }
        var issuedOn = try context.date(arguments, "issued-on")
        if issuedOn == nil { issuedOn = try context.date(arguments, "prepared-on") }
        if let notice = arguments.value("notice-out"), notice != "-" {
            for other in ["out", "meta", "issue-out"] {
                if let path = arguments.value(other), path != "-", context.canonicalPath(path) == context.canonicalPath(notice) {
                    throw .usage(Message(en: "--notice-out \"\(notice)\" is the --\(other) file; write the notice to a file of its own.", zh: "--notice-out “\(notice)”就是 --\(other) 的文件；请把交办通知写到单独的文件。"))
                }
            }
        }
        if arguments.value("notice-out") == "-", arguments.value("issue-out") == "-" {
            throw .usage(Message(en: "--notice-out and --issue-out cannot both be standard output; give one a file.", zh: "--notice-out 和 --issue-out 不能都写到标准输出；请给其中一个指定文件。"))
        }
        return IssueRequest(listID: listID, communityID: community, issuedOn: issuedOn ?? context.today, outPath: outPath,
                            actor: try context.actor(arguments, fromEnvironment: false), noticePath: arguments.value("notice-out"))
    }

    /// What `--issue` says on standard error once the event is written: how many findings it issues, and the
    /// `ledger append` command that records it — with `--actor NAME` when the event names no actor, since append
    /// would otherwise record it under $LEDGER_ACTOR or $USER, the login rather than the clerk who issues.
    /// The line on standard error after a list (or the 整改台账's entries) was written to a file, in the
    /// messages' language.
    static func writtenNote(_ count: Int, entries: Bool = false, asOf: CalendarDate, out: String, language: ReportLanguage) -> String {
        if language == .zh {
            return "rectify：截至 \(asOf) 的\(entries ? "台账" : "清单")（\(count) \(entries ? "条" : "个问题")）已写入 \(out)\n"
        }
        let what = entries ? Wording.englishCount(count, "entry", plural: "entries") : Wording.englishCount(count, "finding")
        return "rectify: \(what) as of \(asOf) written to \(out)\n"
    }

    static func issuedNote(_ issue: IssueRequest, count: Int, language: ReportLanguage) -> String {
        let file = issue.outPath == "-" ? "FILE" : issue.outPath
        let append = "ledger append --file \(file)" + (issue.actor == nil ? " --actor NAME" : "")
        if language == .zh {
            return "rectify：清单 \(issue.listID) 向 \(issue.communityID) 交办 \(count) 个问题；请核对\(issue.outPath == "-" ? "该事件（存为 FILE）" : " \(issue.outPath) ")"
                + "后用“\(append)”追加" + (issue.actor == nil ? "（事件未写记录人：NAME 为交办人，或在 rectify --issue 时加 --actor NAME）" : "")
        }
        return "rectify: list \(issue.listID) issues \(Wording.englishCount(count, "finding")) to \(issue.communityID); "
            + "review \(issue.outPath == "-" ? "the event (saved as FILE)" : issue.outPath) and append it with `\(append)`"
            + (issue.actor == nil ? " (the event names no actor: NAME is who issues it, or give --actor NAME to rectify --issue)" : "")
    }

    /// The `rectification.issued` event (an input line for `ledger append`) for the open findings of the list that
    /// are new, recurring or closed while still present (or of the statuses asked for), with the default party and deadline of each.
    static func issuedEvent(_ issue: IssueRequest, report: RectificationReport, bytes: [UInt8], format: RectificationFormat,
                            atSeq: Int64, statusesGiven: Bool) -> (line: [UInt8], count: Int, issued: RectificationIssued)? {
        let policy = report.rectification.policy
        var issuedItems: [IssuedItem] = []
        for f in report.rectification.findings where f.isOpen {
            let status = report.ledger.entry(forKey: f.key)?.status ?? .new
            guard statusesGiven || status == .new || status == .recurring || status == .closedWhilePresent, status != .closed else { continue }
            issuedItems.append(IssuedItem(key: f.key, responsible: RectificationDefaults.responsible(f),
                                          deadline: RectificationDefaults.deadline(f, policy: policy, issuedOn: issue.issuedOn)))
        }
        guard !issuedItems.isEmpty else { return nil }
        let issued = RectificationIssued(listID: issue.listID, communityID: issue.communityID, asOf: report.rectification.scope.asOf,
                                         atSeq: atSeq, reportSHA256: SHA256.digest(bytes).hex, reportFormat: format.rawValue,
                                         reportLanguage: report.language.rawValue, preparedOn: report.preparedOn, items: issuedItems)
        let items: [JSONValue] = issuedItems.map { item in
            .object(["key": .string(item.key), "responsible": item.responsible.jsonValue, "deadline": .string(item.deadline.description)])
        }
        let data: JSONValue = .object([
            "list_id": .string(issue.listID), "community_id": .string(issue.communityID),
            "as_of": .string(issued.asOf.description), "at_seq": .integer(atSeq),
            "report_sha256": .string(issued.reportSHA256), "report_format": .string(issued.reportFormat),
            "report_lang": .string(issued.reportLanguage), "prepared_on": .string(issued.preparedOn.description),
            "items": .array(items),
        ])
        var members: [String: JSONValue] = ["id": .string(issue.listID), "type": .string("rectification.issued"),
                                            "occurred_on": .string(issue.issuedOn.description), "data": data]
        if let actor = issue.actor { members["actor"] = .string(actor) }
        let event: JSONValue = .object(members)
        return (Array((CanonicalJSON.string(event) + "\n").utf8), items.count, issued)
    }

    /// The checkpoint named by --checkpoint, after checking its signature with --pubkey and that the log extends
    /// it; nil when none was given. A checkpoint that fails is an integrity failure (exit 1), never a footnote.
    static func verifiedCheckpoint(_ arguments: Arguments, _ context: CommandContext,
                                   _ directory: LedgerDirectory) throws(CLIError) -> CheckpointSummary? {
        guard let file = arguments.value("checkpoint") else {
            if arguments.value("pubkey") != nil { throw .usage(Message(en: "--pubkey is used with --checkpoint FILE.", zh: "--pubkey 要和 --checkpoint FILE 一起使用。")) }
            return nil
        }
        let key = try AuditSupport.publicKey(arguments, context)
        let bytes = try context.io.readFile(file)
        try AuditSupport.refuseOtherKindAsCheckpoint(bytes, file: file)
        let opened: Checkpoint
        do { opened = try Checkpoint.open(bytes, key: key, file: file) } catch {
            throw AuditSupport.cliError(error)
        }
        let results: [LedgerAudit.CheckpointResult]
        (_, results) = try CLIError.fromChain { () throws(ChainError) in try LedgerAudit.checkCheckpoints(directory, [(file, opened)]) }
        if let problem = results.first?.problem {
            throw .integrity(Message(en: "checkpoint \(file): \(problem). The ledger is not an append-only extension of it; run `ledger verify --checkpoint \(file) --pubkey …`.", zh: "检查点 \(file)：\(AuditWords.divergence(problem).zh)。账本不是它的只增延伸；请运行“ledger verify --checkpoint \(file) --pubkey …”。"))
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
