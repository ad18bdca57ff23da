import LedgerChain
import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerProjections

/// `ledger import KIND FILE`: a spreadsheet saved as CSV into the log as one batch. `assets` is the register
/// (登记造册, `AssetImport`); every other kind is a `FactKind` (`FactImport`). The libraries read and check;
/// this command parses options, holds the writer's lock, appends and prints.
enum ImportCommand {
    /// The kinds `ledger import` takes.
    static let kinds = ["assets"] + FactKind.allCases.map(\.rawValue) + ["statement"]
    static let kindsText = kinds.joined(separator: ", "), kindsTextZh = kinds.joined(separator: "、")

    /// `--encoding`: the file's encoding instead of detecting it; absent, detected.
    static let encoding = OptionSpec.choice("encoding", "E", RegisterEncoding.self,
                                            en: "utf8 or gb18030 instead of detecting it", zh: "指定 utf8 或 gb18030，而不是自动识别")
    /// `--delimiter`: the separator instead of detecting it; absent, detected.
    static let delimiter = OptionSpec.choice("delimiter", "D", CSVDelimiter.self,
                                             en: "comma, tab or semicolon instead of detecting it",
                                             zh: "指定 comma（逗号）、tab（制表符）或 semicolon（分号），而不是自动识别") { delimiter in
        switch delimiter {
        case .comma: "逗号"
        case .tab: "制表符"
        case .semicolon: "分号"
        }
    }

    static let options: [OptionSpec] = [
        SharedOptions.community.with(en: "the community of every row (a 小区/community column, if present, must agree)",
                                     zh: "每一行所属的小区（如有 小区/community 列，须与之一致）"),
        .flag("dry-run", en: "check and report, append nothing (catches everything the real run would refuse)",
              zh: "只检查和报告，不追加（能发现正式导入会拒绝的一切问题）"),
        SharedOptions.json.with(en: "print the report (or the error) as one JSON object", zh: "以一个 JSON 对象输出报告（或错误）"),
        .flag("allow-partial", en: "append the good rows; write the bad ones to a rejects file to fix and import",
              zh: "追加正确的行；把有问题的行写入退回文件，改正后再导入"),
        .value("rejects", "F",
               en: "where to write the rejects file (default: FILE with .rejects before its extension, e.g. income.rejects.csv); an existing file is never overwritten",
               zh: "退回文件写到哪里（默认：在 FILE 的扩展名前加 .rejects，例如 income.rejects.csv）；已有的文件从不覆盖"),
        .flag("strict", en: "assets: refuse columns the importer does not know instead of keeping them as attributes (other kinds always refuse unknown columns)",
              zh: "assets：拒绝导入程序不认识的列，而不是把它们作为属性保留（其他类型总是拒绝不认识的列）"),
        .value("mapping", "F", en: "a JSON mapping of this office's headings (and kind words) (see README)",
               zh: "本单位列标题（和类型用词）的 JSON 映射（见 README）"),
        encoding,
        delimiter,
        .value("header-row", "N", en: "the header is row N (default: found below any title rows)",
               zh: "表头在第 N 行（默认：在标题行之下自动查找）"),
        .flag("excel-dates", en: "read bare numbers in date columns as Excel serial dates", zh: "把日期列中的纯数字按 Excel 日期序号读取"),
        .value("registered-on", "D", en: "assets: the registration date of every row when the file has no date column",
               zh: "assets：文件没有日期列时，每一行的登记日期"),
        .value("private", "FIELD", repeatable: true,
               en: "counterparty, user and/or inspector (comma-separated): record those columns as erasable personal data (see README, \"Personal data\"), not in clear",
               zh: "counterparty 相对方、user 使用人和/或 inspector 巡查人（逗号分隔）：把这些列作为可删除的个人信息记录（见 README “Personal data”），而不是明文"),
        SharedOptions.allowNewCategory.with(
              en: "income, spending, statement: record a category word outside the vocabulary (docs/categories.md) as a new category instead of refusing it",
              zh: "income、spending、statement：把收支类别表（docs/categories.md）以外的类别词作为新类别记录，而不是拒绝"),
        SharedOptions.allowSameDayAmount.with(
              en: "income, spending, transfers: record a row with the fund, day and amount of a bank-statement line already recorded (no receipt yet) as another payment, instead of refusing it as the same money",
              zh: "income、spending、transfers：与已记录（尚无收据对应）的银行对账单某行同一账户、同一天、同一金额的行，作为另一笔款项记录，而不是当作同一笔款项拒绝"),
        SharedOptions.allowTwins.with(
              en: "income, spending, transfers, assets, contracts: record a row that repeats a recorded payment, part or contract (or an earlier row) in every field but its voucher or id as another one, instead of refusing it as the same one again",
              zh: "income、spending、transfers、assets、contracts：除凭证号或编号外各项都与已记录的款项、共有部分或合同（或前面某行）相同的行，作为另一笔款项、另一部分或另一份合同记录，而不是当作同一笔（同一部分、同一份）拒绝"),
        .value("fund", "F", en: "statement: the fund whose bank account the statement is of", zh: "statement：对账单所属账户的资金"),
        .value("rules", "R", en: "statement: a JSON rules file classifying lines (see README, \"Clerk's workflow\")",
               zh: "statement：给各行分类的 JSON 规则文件（见 README “Clerk's workflow”）"),
        SharedOptions.actor.with(en: "who imports (default: $LEDGER_ACTOR, then $USER)", zh: "由谁导入（默认：$LEDGER_ACTOR，其次 $USER）"),
        SharedOptions.recordedAt,
        SharedOptions.lockWait,
    ]

    static let command = Command(
        name: "import",
        summary: Message(en: "import a spreadsheet (CSV) of assets, funds, contracts, income, spending, transfers, decisions, uses or inspections as one batch",
                         zh: "把共有部分、资金、合同、收入、支出、划转、决定、使用或巡查的电子表格（CSV）作为一批导入"),
        positionals: .described("KIND FILE"),
        options: options,
        about: Message(en: """
        KIND is one of: \(kindsText).
          assets       the register (登记造册): asset.registered / asset.updated
          funds        资金账户开立 (fund.opened)         contracts    经营合同 (contract.signed)
          income       收入 (fund.income)                 spending     支出 (fund.spending)
          transfers    账户间划转 (fund.transfer)         decisions    业主大会决定, with vote counts (decision.recorded)
          uses         使用登记 (use.started)             inspections  巡查记录 (inspection.recorded)
          statement    银行对账单: ledger import statement FILE --fund F [--rules R]; each line becomes fund.income
                       or fund.spending with the bank's transaction id as voucher (an overlapping statement adds
                       only new lines), rules classify lines, the closing balance becomes fund.balance_asserted
        `ledger template KIND` prints a CSV with the Chinese headings and two example rows.

        Reads a file saved as CSV by Excel or WPS (UTF-8 with or without BOM, or GB18030/GBK; comma, semicolon or
        tab; Chinese or English headings; title rows above the header are skipped), checks every row — cells,
        duplicates, and what the ledger would refuse (an unknown fund, a date before the community was registered)
        — and reports every problem at once, each with its row and column. Amounts are yuan (3000, 3,000.00,
        ¥3000.5, 3000元, RMB 3000; 1.2万元 or USD 500 is refused, never read as yuan); the ledger stores fen. Categories are words of docs/categories.md (广告 = advertising); a
        word outside it is refused with the one it most likely means, unless --allow-new-category (or a mapping
        file's "values") says it is a new category, or a record in the log already holds it in that field. Then it appends one batch: register.imported (file name, SHA-256,
        row counts) followed by one event per new row. Rows the ledger already holds are left alone, so importing
        a file again appends nothing. An income, spending or transfer row with the fund, day, direction and amount of a
        bank statement's line already recorded that no receipt stands for yet is refused as most likely the same money
        (a transfer: a line of either fund; --allow-same-day-amount records such rows as other payments). A row equal to a
        recorded payment or an earlier row in every field but its voucher (fund, day, direction, amount, counterparty,
        category), or a new part equal to a recorded part or an earlier row in every field but its id (community, kind,
        name, location, area), is refused as most likely the same one again, unless --allow-twins; a new voucher or id
        that reads as a date Excel made of it (1-12 saved as 2026/1/12) is refused. If any row is bad, nothing is appended.
        """, zh: """
        KIND 是以下之一：\(kindsTextZh)。
          assets       登记造册：asset.registered / asset.updated
          funds        资金账户开立（fund.opened）        contracts    经营合同（contract.signed）
          income       收入（fund.income）                spending     支出（fund.spending）
          transfers    账户间划转（fund.transfer）        decisions    业主大会决定，含表决票数（decision.recorded）
          uses         使用登记（use.started）            inspections  巡查记录（inspection.recorded）
          statement    银行对账单：ledger import statement FILE --fund F [--rules R]；每一行记为 fund.income 或
                       fund.spending，以银行流水号为凭证（重叠的对账单只追加新的行），规则给各行分类，期末余额记为
                       fund.balance_asserted
        “ledger template KIND”输出带中文列标题和两行示例的 CSV。

        读取用 Excel 或 WPS 另存为 CSV 的文件（UTF-8，带或不带 BOM，或 GB18030/GBK；逗号、分号或制表符分隔；中文或
        英文列标题；表头上方的标题行会跳过），检查每一行——单元格、重复，以及账本会拒绝的内容（不存在的资金、早于
        小区登记的日期）——一次报告全部问题，每个问题写明行和列。金额以元计（3000、3,000.00、¥3000.5、3000元、人民币3000元；1.2万元、USD 500 会被拒绝，不当作元读取）；
        账本以分保存。类别须是 docs/categories.md 中的词（广告 = advertising）；表外的词会被拒绝并提示最接近的词，
        除非加 --allow-new-category（或在映射文件的“values”中对应）表明它是新类别，或日志中已有记录在同一字段用过这个词。然后追加一批记录：register.imported（文件名、SHA-256、行数），随后每个新行一个事件。账本中
        已有的行保持不动，所以同一文件再导入一次不会追加任何记录。收入、支出、划转表中与已记录而尚无收据对应的银行对账单某行同账户、
        同一天、同方向、同金额的行（划转：转出或转入账户的一行），多半是同一笔款项，会被拒绝（加 --allow-same-day-amount 则作为另一笔款项记录）。
        除凭证号外（账户、日期、方向、金额、对方、类别）都与已记录的款项或前面某行相同的行，以及除编号外（小区、类型、名称、位置、面积）
        都与已记录的共有部分或前面某行相同的新共有部分，多半是同一笔（同一部分）又导入一次，会被拒绝（加 --allow-twins 则另行记录）；
        像 Excel 把编号改成的日期（1-12 存成 2026/1/12）那样的新凭证号或编号也会被拒绝。只要有一行有问题，就什么也不追加。
        """),
        exitStatus: Message(en: """
        0 imported (or nothing to import; with --allow-partial also when some rows were rejected), 1 the log failed \
        verification, 2 bad rows (also when --allow-partial leaves no good row), a bad file or option; on 2 the \
        ledger is unchanged.
        """, zh: """
        0 已导入（或没有需要导入的；用 --allow-partial 时有行被退回也是 0）；1 日志校验失败；2 有问题的行（包括 \
        --allow-partial 后没有一行正确）、文件或选项有误；状态为 2 时账本未改动。
        """),
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let kind = arguments.positionals.first
        if kind == "assets" { return try runAssets(arguments, context) }
        if kind == "statement" { return try runStatement(arguments, context) }
        if let kind, let factKind = FactKind(rawValue: kind) { return try runFacts(factKind, arguments, context) }
        guard let kind else {
            throw .usage(Message(en: "`ledger import` imports one of \(kindsText): ledger import KIND FILE; see `ledger import --help`.", zh: "“ledger import”可导入以下之一：\(kindsTextZh)；用法 ledger import KIND FILE；详见“ledger import --help”。"))
        }
        let shown = DisplayText.visible(kind)
        throw .usage(Message(en: "`ledger import` has no kind \"\(shown)\"; it imports one of \(kindsText): ledger import KIND FILE; see `ledger import --help`.",
                             zh: "“ledger import”没有“\(shown)”这种导入；可导入以下之一：\(kindsTextZh)；用法 ledger import KIND FILE；详见“ledger import --help”。")
            + .didYouMeanKind(kind, among: kinds))
    }

    /// What an import library refuses (a file, a mapping or rules file), as the command's input error in both languages.
    static func imported<T>(_ body: () throws(ImportError) -> T) throws(CLIError) -> T {
        do { return try body() } catch { throw .input(Message(error.message)) }
    }

    /// The options every kind shares.
    struct Common {
        var displayName: String
        var path: String
        var fileName: String
        var recordedAt: Timestamp
        /// The latest date a row (or `--registered-on`) may give: `ledger append`'s bound, today in Beijing.
        var latestFactDate: LatestFactDate
        var community: String?
        var encoding: RegisterEncoding?
        var delimiter: CSVDelimiter?
        var dryRun: Bool
        var allowPartial: Bool
        var rejects: String?
        var lockWait: Int
        var actor: String?
        /// Where `actor` came from (`--actor`, `$LEDGER_ACTOR`, `$USER`): a refusal names it (review 48 #6).
        var actorSource: ImportWords.ActorSource = .option
        var headerRow: Int?
    }

    static func common(_ kind: String, _ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Common {
        let files = try arguments.requirePositionals([kind, "FILE"], command: "import \(kind)")
        let io = context.io
        let displayName = files[1]
        var recordedAt = io.now()
        if let text = arguments.value("recorded-at") {
            guard let time = Timestamp(rfc3339: text) else {
                throw .usage(Message(en: "--recorded-at \"\(text)\" is not a UTC time; write YYYY-MM-DDTHH:MM:SSZ.", zh: "--recorded-at “\(text)”不是 UTC 时间；请写作 YYYY-MM-DDTHH:MM:SSZ。"))
            }
            recordedAt = time
        }
        var community: String? = nil
        if let text = arguments.value("community") {
            // A reference: it need only equal a registered id (NFC or not); the fault alone, the id is named here.
            if let problem = EventInput.idFault(text)?.wording { throw .usage(Message(en: "--community \"\(text)\" \(problem.en).", zh: "--community “\(text)”\(problem.zh)。")) }
            community = text
        }
        // Values outside the declared cases were refused while parsing (`OptionSpec.choice`).
        let encoding = arguments.choiceIfGiven(Self.encoding, as: RegisterEncoding.self)
        let delimiter = arguments.choiceIfGiven(Self.delimiter, as: CSVDelimiter.self)
        let allowPartial = arguments.flag("allow-partial")
        let path = io.resolve(displayName)
        if arguments.value("rejects") != nil, !allowPartial {
            throw .usage(Message(en: "--rejects names the file for rejected rows, which only --allow-partial writes; add --allow-partial or drop --rejects.", zh: "--rejects 指定退回行的文件，只有加 --allow-partial 时才会写它；请加上 --allow-partial，或去掉 --rejects。"))
        }
        var rejects: String? = nil
        if allowPartial {
            let name = arguments.value("rejects") ?? rejectsName(displayName)
            // The rejects file replaces nothing: not the file being imported, not an earlier rejects file.
            if name != "-", context.canonicalPath(name) == context.canonicalPath(path) {
                throw .usage(Message(en: "--rejects \"\(name)\" is the file being imported; name another file for the rejected rows.", zh: "--rejects “\(name)”就是要导入的文件；请为退回的行另指定一个文件。"))
            }
            rejects = name
            // --json promises one JSON object on standard output; rejected rows written there would be a second.
            if name == "-", arguments.flag("json") {
                throw .usage(Message(en: "--rejects - writes the rejected rows to standard output, where --json writes its one object; name a file with --rejects, or drop --json.",
                                     zh: "--rejects - 把退回的行写到标准输出，而 --json 要在那里只输出一个 JSON 对象；请用 --rejects 指定一个文件，或去掉 --json。"))
            }
        }
        // Checked before anything is read, so that a dry run refuses what the real run would.
        let actor = try context.actor(arguments)
        if actor == nil {
            throw .usage(Message(en: "who imports is not known: pass --actor NAME (or set LEDGER_ACTOR), e.g. --actor 海韵小区业委会-张华.", zh: "不知道由谁导入：请加 --actor 姓名（或设置 LEDGER_ACTOR），例如 --actor 海韵小区业委会-张华。"))
        }
        var headerRow: Int? = nil
        if let value = try arguments.integer("header-row", minimum: 1) { headerRow = Int(value) }
        return Common(displayName: displayName, path: path,
                      fileName: String(displayName.split(separator: "/").last ?? Substring(displayName)),
                      recordedAt: recordedAt, latestFactDate: LatestFactDate(recordedAt: recordedAt, today: context.today),
                      community: community, encoding: encoding, delimiter: delimiter,
                      dryRun: arguments.flag("dry-run"), allowPartial: allowPartial, rejects: rejects,
                      lockWait: try arguments.integer("lock-wait", minimum: 0).map(Int.init) ?? Limits.lockWaitMillisecondsDefault,
                      actor: actor, actorSource: context.actorSource(arguments),
                      headerRow: headerRow)
    }

    /// Opens the log for the import: read only for a dry run, else under the writer's lock, folding every record.
    static func openLog(_ common: Common, _ arguments: Arguments, _ context: CommandContext,
                        _ log: inout EffectiveLog) throws(CLIError) -> LogWriter? {
        try openLog(common, arguments, context, &log, fold: true).writer
    }

    /// As above; with `fold` false the log is not read (the writer opens on its id index): the caller reads what
    /// it needs from the stored state.
    static func openLog(_ common: Common, _ arguments: Arguments, _ context: CommandContext,
                        _ log: inout EffectiveLog, fold: Bool) throws(CLIError) -> (writer: LogWriter?, directory: LedgerDirectory) {
        let directory = try context.openLedger(arguments)
        if common.allowPartial, let name = common.rejects, name != "-" {
            try context.refuseOutputInLedger(name, option: "rejects", directory)
            _ = try context.io.outputPath(name, option: "rejects")
            // Checked before anything is read or appended (the staged write refuses it again, against races).
            if !common.dryRun, PosixFile.kind(at: context.io.resolve(name), followLinks: false) != nil {
                throw .usage(Message(en: "the rejects file \(name) already exists (from an earlier import?); rejects files are never "
                    + "overwritten. Fix and import it, move it away, or name another file with --rejects.",
                                     zh: "退回文件 \(name) 已经存在（是上次导入留下的吗？）；退回文件从不覆盖。请改正后导入它、把它移走，或用 --rejects 另指定一个文件。"))
            }
        }
        var folded = EffectiveLog()
        // Without a fold, the writer reads index/ids and the checks and scopes are read from index/: after
        // `rm -rf index/` one read of the log builds all three (ledger-spec.md 15.6), not one read per file.
        if !fold { context.rebuildIndex(directory, files: [.ids, .checks, .scopes]) }
        let writer = try CLIError.fromChain { () throws(ChainError) -> LogWriter? in
            if common.dryRun {
                if fold { _ = try VerifiedLog.stream(directory) { folded.apply($0) } }
                return nil
            }
            return try LogWriter.open(directory, lockWaitMilliseconds: common.lockWait,
                                      notice: { context.io.writeErr($0 + "\n") }, visit: fold ? { folded.apply($0) } : nil)
        }
        log = folded
        return (writer, directory)
    }

    static func runFacts(_ kind: FactKind, _ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let common = try common(kind.rawValue, arguments, context)
        try refuseUnusedOptions(kind.rawValue, ["fund", "rules"], arguments)
        let io = context.io
        for option in ["registered-on", "strict"] where arguments.value(option) != nil || arguments.flag(option) {
            throw .usage(Message(en: "--\(option) is for `ledger import assets`; \(kind.rawValue) files carry their own dates and always refuse unknown columns.", zh: "--\(option) 只用于“ledger import assets”；\(kind.rawValue) 文件自带日期，并且总是拒绝不认识的列。"))
        }
        var options = FactImportOptions(kind: kind, fileName: common.fileName, importedOn: common.recordedAt.date)
        options.latestFactDate = common.latestFactDate
        options.communityID = common.community
        options.excelDates = arguments.flag("excel-dates")
        options.allowPartial = common.allowPartial
        options.headerRow = common.headerRow
        options.allowNewCategory = try allowNewCategory(kind.rawValue, arguments)
        options.allowSameDayAmount = try allowSameDayAmount(kind.rawValue, arguments)
        options.allowTwins = try allowTwins(kind.rawValue, arguments)
        options.actor = common.actor
        if let mappingPath = arguments.value("mapping") {
            let bytes = try io.readFile(mappingPath)
            options.mapping = try imported { () throws(ImportError) in try FactMapping(bytes: bytes, fileName: mappingPath, kind: kind) }
        }
        let personFields = Set(kind.fields.filter { $0.value == .person }.map(\.key))
        for name in try arguments.commaSeparated("private", allowed: personFields.sorted()) {
            guard personFields.contains(name) else {
                let list = personFields.sorted().joined(separator: ", "), shown = DisplayText.visible(name)
                throw .usage(Message(en: "--private \(shown): \(kind.rawValue) has no such person column; use "
                    + (personFields.isEmpty ? "none (this kind names no person)" : list) + ".",
                                     zh: "--private \(shown)：\(kind.rawValue) 没有这样的人员列；" + (personFields.isEmpty ? "这一类不涉及个人。" : "可选：\(personFields.sorted().joined(separator: "、"))。"))
                    + .didYouMean(name, among: personFields.sorted()))
            }
            options.privateFields.insert(name)
        }
        // From the stored state (ledger-spec.md 15.4) unless LEDGER_SCOPES=off or the rows hold personal data;
        // else, and for what the state cannot decide, the whole log folded.
        return try importFacts(kind: kind.rawValue, common: common, personal: !options.privateFields.isEmpty,
                               community: options.communityID, held: nil, arguments, context) { source, ledger, commit throws(ImportError) in
            try FactImport.run(source: source, ledger: ledger, options: options, encoding: common.encoding, delimiter: common.delimiter,
                               commit: commit)
        }
    }

    /// Personal data: under the lock, each text gets the commitment private/ holds for it, or a new salt; a dry
    /// run uses stand-ins (it writes nothing, and its report does not show the commitments).
    static func committer(writer: LogWriter?, _ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> PersonalDataSupport.Committer {
        var store: PrivateStore? = nil
        if writer == nil {
            return PersonalDataSupport.Committer(store: nil, known: PrivateStore.read(try context.openLedger(arguments), useIndex: true),
                                                 random: context.io.randomBytes)
        }
        if writer != nil {
            let directory = try context.openLedger(arguments)
            store = try CLIError.fromChain { () throws(ChainError) in
                try PrivateStore.openForWriting(directory, notice: { context.io.writeErr($0 + "\n") })
            }
            if store?.contents.pendingErasure != nil { try PersonalDataSupport.refuseWhileErasureWaits(directory, nothingImported) }
        }
        return PersonalDataSupport.Committer(store: store, random: context.io.randomBytes)
    }

    /// Said after a refusal of an import before anything was read.
    static let nothingImported = Wording(en: "Nothing was imported.", zh: "本次什么也没有导入。")

    /// Whether a failure of an import under the writer's lock (the writer's last seq unchanged) leaves the batch
    /// surely out of the log: any refusal before the append, and the writer's refusals of a batch before it writes a
    /// byte (`invalidBatch`, `idConflict`, `sequenceConflict`). A failure of the file system while the batch was
    /// being written may leave it in the log (an acknowledgement that failed after the head was recorded): the
    /// personal data then stays, as every record that may name it needs it.
    static func batchSurelyNotAppended(_ error: CLIError) -> Bool {
        guard case .chain(let chain) = error else { return true }
        switch chain {
        case .invalidBatch, .idConflict, .sequenceConflict: return true
        default: return false
        }
    }

    /// Puts the new personal data the batch names in private/, before any record names its commitments.
    static func storePersons(_ committer: PersonalDataSupport.Committer, _ events: [Event]) throws(CLIError) {
        if let failure = committer.failure {
            throw .input(Message(en: "no random salt for personal data (\(failure)); nothing was appended.",
                                 zh: "无法为个人信息取得随机盐（\(SystemWords.fileError(failure).zh)）；本次什么也没有追加。"))
        }
        try CLIError.fromChain { () throws(ChainError) in try committer.write(usedBy: events) }
    }

    static func runStatement(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let common = try common("statement", arguments, context)
        try refuseUnusedOptions("statement", ["community", "registered-on", "strict"], arguments)
        _ = try allowSameDayAmount("statement", arguments)
        _ = try allowTwins("statement", arguments)
        let io = context.io
        guard let fund = arguments.value("fund") else {
            throw .usage(Message(en: "`ledger import statement FILE --fund F`: name the fund whose bank account the statement is of.", zh: "“ledger import statement FILE --fund F”：请用 --fund 指明这份对账单是哪个资金账户的。"))
        }
        if let problem = EventInput.idFault(fund)?.wording { throw .usage(Message(en: "--fund \"\(fund)\" \(problem.en).", zh: "--fund “\(fund)”\(problem.zh)。")) }
        var options = StatementOptions(fileName: common.fileName, fundID: fund, importedOn: common.recordedAt.date)
        options.latestFactDate = common.latestFactDate
        options.excelDates = arguments.flag("excel-dates")
        options.allowPartial = common.allowPartial
        options.headerRow = common.headerRow
        // A category word outside the vocabulary that a record already holds passes, as in `ledger append`: in the
        // rules (read before the lock; records are only ever added, so a word held then is held under it) too.
        let held = AppendCategoryDoor.Held { () throws(CLIError) in try context.openLedger(arguments) }
        if let path = arguments.value("rules") {
            let bytes = try io.readFile(path)
            let allowNew = arguments.flag("allow-new-category")
            options.rules = try heldFailureFirst(held) { () throws(CLIError) in
                try imported { () throws(ImportError) in
                    try StatementRules(bytes: bytes, fileName: path, allowNewCategory: allowNew, holdsCategory: { held.holds($0, $1) })
                }
            }
        }
        if let path = arguments.value("mapping") {
            let bytes = try io.readFile(path)
            options.columns = try imported { () throws(ImportError) in try StatementOptions.columns(bytes: bytes, fileName: path) }
        }
        for name in try arguments.commaSeparated("private", allowed: ["counterparty"]) {
            guard name == "counterparty" else {
                let shown = DisplayText.visible(name)
                throw .usage(Message(en: "--private \(shown): a statement's only person column is counterparty.", zh: "--private \(shown)：对账单中唯一的人员列是 counterparty（相对方）。")
                    + .didYouMean(name, among: ["counterparty"]))
            }
            options.privateCounterparty = true
        }
        // As for the other kinds: the stored state, with the records of the fund (its group holds its community's:
        // the contracts rent is linked to) and of what the rules name.
        return try importFacts(kind: "statement", common: common, personal: options.privateCounterparty, community: nil,
                               held: held, arguments, context) { source, ledger, commit throws(ImportError) in
            try StatementImport.run(source: source, ledger: ledger, options: options, encoding: common.encoding,
                                    delimiter: common.delimiter, commit: commit)
        }
    }

    /// Every fund's registered account, for a statement stating an account or a funds file (asked only then): from
    /// `index/fund-totals` (ledger-spec.md 15.7) when it can be read, else from the whole log; none when neither can.
    static func fundAccounts(_ arguments: Arguments, _ context: CommandContext) -> [(fundID: String, account: String)] {
        guard let directory = try? context.openLedger(arguments) else { return [] }
        if let loaded = try? FundTotals.load(directory) { return loaded.totals.views.map { ($0.fund.id, $0.fund.account) } }
        guard let whole = try? wholeLog(directory) else { return [] }
        return whole.log.factsInLogOrder.compactMap { fact in
            if case .fundOpened(let p) = fact.payload { return (p.fundID, p.account) }
            return nil
        }
    }

    /// A fact or statement import once its options are read: opens the log (under the writer's lock unless a dry
    /// run; folded only when the stored state is not used), commits personal data (`personal`), and hands the
    /// rest to `ImportSession.importFacts` with the ledger's part — the stored state (ledger-spec.md 15.4: from
    /// LEDGER_SCOPES unless it is off or the rows hold personal data) or the whole log, the category words records
    /// hold (`held`; nil: gathered from this log), the append — then prints the report. `read` reads the file.
    static func importFacts(kind: String, common: Common, personal: Bool, community: String?, held: AppendCategoryDoor.Held?,
                            _ arguments: Arguments, _ context: CommandContext,
                            read: @escaping (FileByteSource, FactImportLedger, ((String) -> PersonalCommitment?)?) throws(ImportError) -> FactImportResult)
        throws(CLIError) -> Int32 {
        let io = context.io
        let useState = io.environment["LEDGER_SCOPES"] != "off" && !personal
        var log = EffectiveLog()
        let (writer, directory) = try openLog(common, arguments, context, &log, fold: !useState)
        defer { writer?.close() }
        // An erasure waiting to be completed: its names are no longer kept, and would pass in clear (review 47c #5).
        try PersonalDataSupport.refuseWhileErasureWaits(directory, nothingImported)
        // Whether private/ was there before: the committer makes it under the lock, and a batch the log does not take
        // leaves the ledger directory as it was (`leaveAsItWas`).
        let privatePath = directory.path + "/" + PrivateStore.directoryName
        let privateExisted = PosixFile.kind(at: privatePath, followLinks: false) != nil
        let committer = personal ? try committer(writer: writer, arguments, context) : nil
        // A category word outside the vocabulary that a record already holds passes, as in `ledger append`.
        let held = held ?? AppendCategoryDoor.Held { directory }
        // A failure of the log found while checking a batch wins over what the import reports.
        var chainFailure: ChainError? = nil
        let folded = log
        var store: (([Event]) throws(CLIError) -> Void)? = nil
        if let committer { store = { events throws(CLIError) in try storePersons(committer, events) } }
        let part = ImportSession<CLIError>.LedgerPart(
            readFirst: useState,
            ledger: { named throws(CLIError) in
                guard useState else { return FactImportLedger(log: folded) }
                var communities = named?.communityCells ?? []
                if let community { communities.insert(community) }
                // A --community the state does not register is asked with the cells: the whole log is read then, whose
                // every community's name can say which id was meant (`CommunityOption`).
                let stored = try named.flatMap { named throws(CLIError) in
                    try stateLedger(directory, headSeq: writer?.lastSeq, fileSHA256: named.report.fileSHA256,
                                    communityCells: named.communityCells.union(community.map { [$0] } ?? []),
                                    communities: communities, events: named.plannedEvents, context, failure: { chainFailure = $0 })
                }
                if var stored {
                    // Beyond the groups read: every fund's account (a statement's stated number, a funds file's
                    // accounts), and the fund of an earlier import of a statement's file (another community's).
                    stored.fundAccounts = { fundAccounts(arguments, context) }
                    stored.importedFunds = { ids in (try? wholeLog(directory)).map { StatementImport.funds(ofImports: ids, in: $0.log) } ?? [] }
                    return stored
                }
                return try wholeLog(directory)
            },
            holdsCategory: { held.holds($0, $1) },
            commit: committer.map { c in { c.commit($0) } },
            storePersons: store,
            // Gathering the category words records hold met a failure of the log: that failure first.
            failure: { held.failure ?? chainFailure.map { .chain($0) } })
        // A batch the log did not take (refused by the plan or by the writer, or nothing to import) leaves the ledger
        // directory as it was: the personal data stored for it is withdrawn, and a private/ this run made, left
        // empty, removed. Only when the log surely did not take it (the writer's last seq unchanged, and no failure
        // that may have left the batch in: `batchSurelyNotAppended`).
        let seqBefore = writer?.lastSeq
        func leaveAsItWas() {
            guard let committer, let writer, writer.lastSeq == seqBefore else { return }
            committer.withdraw()
            if !privateExisted, PosixFile.kind(at: privatePath, followLinks: false) == .directory {
                // rmdir: only an empty directory goes.
                if (try? PosixFile.remove(privatePath)) != nil { try? PosixFile.syncDirectory(directory.path) }
            }
        }
        let report: FactImportReport, status: ImportReport.Status
        do throws(CLIError) {
            // A private person's value, for the twin check, and the names kept private, refused in clear (review
            // 46e): private/ read only when a payment meets one or a row writes a person in clear.
            let lookup = PersonalDataSupport.PrivateLookup(directory, committer: committer, locked: writer != nil,
                                                           notice: { io.writeErr($0 + "\n") })
            // Who imports, and the file's name (`register.imported` records it), are in the log for ever (review 47c #1, #4).
            if privateExisted || committer != nil {
                try PersonalDataSupport.refuseActor(common.actor, source: common.actorSource, held: lookup.heldPrivately)
                // The name the record keeps (`common.fileName`, without the folders), not the path given.
                if let name = lookup.nameInText(common.fileName) {
                    throw .input(Message(ImportWords.privateNameInFileName(common.fileName, name: name)))
                }
            }
            (report, status) = try session(kind: kind, common: common, writer: writer, io: io).importFacts(part) { ledger, commit throws(ImportError) in
                var ledger = ledger
                ledger.opened = lookup.opened
                // Without private/ (and nothing committed) no name is kept private: no row is asked.
                if privateExisted || committer != nil {
                    ledger.heldPrivately = lookup.heldPrivately
                    ledger.nameInText = lookup.nameInText
                }
                let result = try read(try FileByteSource(path: common.path, displayName: common.displayName), ledger, commit)
                // The actor and the file's name once more, now that the rows have committed their persons: a name
                // the batch itself keeps private is in clear there too (review 48 #2).
                if let committer, committer.committedCount > 0 {
                    if let actor = common.actor, lookup.heldPrivately(actor) {
                        throw .refused(file: common.displayName, reason: ImportWords.privateNameAsActor(actor, source: common.actorSource))
                    }
                    if let name = lookup.nameInText(common.fileName) {
                        throw .refused(file: common.displayName, reason: ImportWords.privateNameInFileName(common.fileName, name: name))
                    }
                }
                return result
            }
        } catch {
            if batchSurelyNotAppended(error) { leaveAsItWas() }
            throw error
        }
        leaveAsItWas()
        io.writeOut(arguments.flag("json") ? CanonicalJSON.string(report.json(status: status), escaping: .display) + "\n"
                    : DisplayText.neutralised(report.text(status: status, chinese: context.language == .zh), lineBreaks: .keep))
        return report.exitCode
    }

    /// Test hook (fault tests only): with `LEDGER_TEST_REJECTS_TAKEN` set, a file appears at the rejects file's path
    /// after the append and before the rejects file is put there, as if another process had taken the name.
    static let rejectsTakenVariable = "LEDGER_TEST_REJECTS_TAKEN"

    /// The end of an import (`ImportSession`), with the ledger's part: the append under the writer's lock (none on
    /// a dry run: `writer` is nil then) and the rejects file staged through `CommandIO` (never overwriting).
    static func session(kind: String, common: Common, writer: LogWriter?, io: CommandIO) -> ImportSession<CLIError> {
        var session = ImportSession<CLIError>(
            kind: kind, file: common.displayName, dryRun: common.dryRun, rejectsPath: common.allowPartial ? common.rejects : nil,
            stageRejects: { bytes, path throws(CLIError) in
                // Staged before the append: a folder that cannot be written leaves the ledger as it was.
                let staged = try io.stageOutput(bytes, to: path, option: "rejects", existing: .refuse, what: "rejects files",
                                                unchanged: Wording(en: "Nothing was appended; the ledger is unchanged",
                                                                   zh: "本次什么也没有追加，账本没有任何改动"))
                // Test hook: another process takes the rejects file's name between the append and putting it in place.
                let taken = io.environment[rejectsTakenVariable] != nil
                return .init(commit: { () throws(CLIError) in
                    if taken { try? PosixFile.writeAtomically(Array("taken\n".utf8), to: io.canonicalPath(path)) }
                    try staged.commit()
                }, discard: { staged.discard() }, fileFailure: { staged.fileFailure })
            },
            append: { batch throws(CLIError) in
                guard let writer else { return nil }
                let appended = try CLIError.fromChain { () throws(ChainError) in
                    try writer.append(batch, options: AppendOptions(recordedAt: common.recordedAt, defaultActor: common.actor,
                                                                    makeId: io.makeId))
                }
                guard let first = appended.appended.first, let last = appended.appended.last else { return nil }
                // Under the lock, the batch durable: the side file of `index/scopes` brought to the head (ledger-spec.md 15.5).
                if io.environment["LEDGER_SCOPES"] != "off" {
                    ScopeIndex.keepRecent(writer.directory,
                                          sealAfter: io.environment["LEDGER_RECENT_SEAL"].flatMap { Int($0) } ?? ScopeIndex.sealAfterDefault)
                }
                io.outputStatus.noteCommitted(first: first.seq, last: last.seq, Wording(
                    en: "records seq \(first.seq)–\(last.seq) were committed to the ledger (importing the same file again appends nothing)",
                    zh: "第 \(first.seq)–\(last.seq) 条记录已写入账本（再次导入同一文件不会重复写入）"))
                return (first.seq, last.seq)
            },
            refusal: { .input(Message($0)) },
            words: { Wording(en: $0.message(.en), zh: $0.message(.zh)) },
            fileWords: { SystemWords.fileError($0) })
        session.issuesShownMax = AppendValidation.issuesShownMax
        return session
    }

    /// `--allow-new-category`, refused for a kind without categories (only income and spending rows, and a
    /// statement's rules, name one).
    static func allowNewCategory(_ kind: String, _ arguments: Arguments) throws(CLIError) -> Bool {
        guard arguments.flag("allow-new-category") else { return false }
        guard ["income", "spending", "statement"].contains(kind) else {
            throw .usage(Message(en: "--allow-new-category is for income, spending and statement imports; \(kind) files have no category.",
                                 zh: "--allow-new-category 只用于 income、spending 和 statement 导入；\(kind) 文件没有类别。"))
        }
        return true
    }

    /// `--allow-same-day-amount`, refused for a kind whose rows are not receipts (only income, spending and transfer
    /// rows are matched with the bank-statement lines recorded; a statement's own lines match receipts already).
    static func allowSameDayAmount(_ kind: String, _ arguments: Arguments) throws(CLIError) -> Bool {
        guard arguments.flag("allow-same-day-amount") else { return false }
        guard ["income", "spending", "transfers"].contains(kind) else {
            throw .usage(Message(en: "--allow-same-day-amount is for income, spending and transfers imports (a receipt or transfer of the same fund, day and amount as a bank-statement line already recorded); \(kind) rows are not matched with statement lines.",
                                 zh: "--allow-same-day-amount 只用于 income、spending 和 transfers 导入（与已记录的银行对账单某行同一账户、同一天、同一金额的收据或划转）；\(kind) 的行不与对账单的行核对。"))
        }
        return true
    }

    /// `--allow-twins`, refused for a kind whose rows are not compared with their twins (`ImportTwins`, `RegisterTwins`).
    static func allowTwins(_ kind: String, _ arguments: Arguments) throws(CLIError) -> Bool {
        guard arguments.flag("allow-twins") else { return false }
        guard ["income", "spending", "transfers", "assets", "contracts"].contains(kind) else {
            throw .usage(Message(en: "--allow-twins is for income, spending, transfers, assets and contracts imports (a row equal to a recorded payment, part or contract but for its voucher or id); \(kind) rows are not compared so.",
                                 zh: "--allow-twins 只用于 income、spending、transfers、assets 和 contracts 导入（除凭证号或编号外与已记录的款项、共有部分或合同相同的行）；\(kind) 的行不作这种比对。"))
        }
        return true
    }

    static func runAssets(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let common = try common("assets", arguments, context)
        try refuseUnusedOptions("assets", ["private", "fund", "rules"], arguments)
        _ = try allowNewCategory("assets", arguments)
        _ = try allowSameDayAmount("assets", arguments)
        let io = context.io
        let displayName = common.displayName
        let path = common.path
        let recordedAt = common.recordedAt
        var options = ImportOptions(fileName: common.fileName, importedOn: recordedAt.date)
        options.latestFactDate = common.latestFactDate
        options.allowTwins = try allowTwins("assets", arguments)
        options.actor = common.actor
        options.communityID = common.community
        options.strict = arguments.flag("strict")
        options.excelDates = arguments.flag("excel-dates")
        options.allowPartial = common.allowPartial
        options.headerRow = common.headerRow
        options.registeredOn = try context.date(arguments, "registered-on")
        if let date = options.registeredOn, common.latestFactDate.refuses(date) {
            let after = common.latestFactDate.exceeded
            throw .usage(Message(en: "--registered-on \(date) \(after.en); give the date the assets were registered.", zh: "--registered-on \(date) \(after.zh)；请给出共有部分的登记日期。"))
        }
        if let mappingPath = arguments.value("mapping") {
            let bytes = try io.readFile(mappingPath)
            options.mapping = try imported { () throws(ImportError) in try ColumnMapping(bytes: bytes, fileName: mappingPath) }
        }
        let encoding = common.encoding
        let delimiter = common.delimiter

        // The snapshot and the append happen under the writer's lock, so no other writer changes the assets
        // between the comparison and the batch. A dry run only reads.
        // From the stored state (ledger-spec.md 15.4): the register's communities and assets from index/scopes,
        // its earlier imports and the batch's checks from index/checks.state; else (LEDGER_SCOPES=off, or what the
        // state cannot decide) the log is folded record by record as it is read, the records not kept.
        let useState = io.environment["LEDGER_SCOPES"] != "off"
        var log = EffectiveLog()
        let (writer, directory) = try openLog(common, arguments, context, &log, fold: !useState)
        defer { writer?.close() }
        let makeSource = { () throws(ImportError) in try FileByteSource(path: path, displayName: displayName) }
        // The names kept private, refused in clear in the register's extra columns (review 47c); an erased one, or
        // one an interrupted erasure names, is no longer kept. A ledger without private/ costs one look.
        try PersonalDataSupport.refuseWhileErasureWaits(directory, nothingImported)
        if PosixFile.kind(at: directory.path + "/" + PrivateStore.directoryName, followLinks: false) != nil {
            // Through private/entries.index (issue 11); written again only under the lock (not by a dry run).
            let contents = writer != nil ? PrivateStore.readForWriter(directory, notice: { io.writeErr($0 + "\n") })
                : PrivateStore.read(directory, useIndex: true)
            let names = PersonalDataSupport.keptNames(contents)
            options.privateNames = names
            // Who imports, and the file's name, are in the log for ever (review 47c #1, #4).
            try PersonalDataSupport.refuseActor(common.actor, source: common.actorSource, held: names.holds)
            if let name = names.name(inText: common.fileName) { throw .input(Message(ImportWords.privateNameInFileName(common.fileName, name: name))) }
        }
        // A failure of the log found while checking a batch wins over what the import reports.
        var chainFailure: ChainError? = nil
        let folded = log
        let chinese = context.language == .zh
        let progress: ((Int, Int64) -> Void)? = io.stderrIsTerminal
            ? { rows, bytes in
                io.writeErr(chinese ? "\r已读取 \(rows) 行（\(bytes / 1_048_576) MiB）…" : "\rread \(rows) rows (\(bytes / 1_048_576) MiB)…")
            } : nil
        let part = ImportSession<CLIError>.RegisterPart(
            ledger: { () throws(CLIError) in
                var log = folded
                if useState {
                    let state = try stateForAssets(directory, headSeq: writer?.lastSeq, makeSource: makeSource, options: options,
                                                   encoding: encoding, delimiter: delimiter, context, failure: { chainFailure = $0 })
                    if let state { return state }
                    try CLIError.fromChain { () throws(ChainError) in _ = try VerifiedLog.stream(directory) { log.apply($0) } }
                }
                return (snapshot(log), { [log] batch in DomainValidator.validate(existing: log, batch: batch) }, nil)
            },
            failure: { chainFailure.map { .chain($0) } },
            readDone: { if io.stderrIsTerminal { io.writeErr("\r\u{1B}[K") } })
        let (report, status) = try session(kind: "assets", common: common, writer: writer, io: io).importRegister(part) { register throws(ImportError) in
            try AssetImport.runChecked(makeSource: makeSource, existing: register.existing, check: register.check, options: options,
                                       encoding: encoding, delimiter: delimiter, progress: progress, first: register.first)
        }
        io.writeOut(arguments.flag("json") ? CanonicalJSON.string(report.json(status: status), escaping: .display) + "\n"
                    : DisplayText.neutralised(report.text(status: status, chinese: context.language == .zh), lineBreaks: .keep))
        return report.exitCode
    }

    /// `a` and `b` (each in seq order) as one list in seq order, a seq in both kept once.
    static func mergedBySeq(_ a: [Record], _ b: [Record]) -> [Record] {
        guard !a.isEmpty else { return b }
        guard !b.isEmpty else { return a }
        var out: [Record] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i].seq < b[j].seq) {
                out.append(a[i]); i += 1
            } else if i == a.count || b[j].seq < a[i].seq {
                out.append(b[j]); j += 1
            } else {
                out.append(a[i]); i += 1; j += 1
            }
        }
        return out
    }

    /// The assets, communities and earlier imports as the verified log holds them (`RecordedRegister(log:)`).
    static func snapshot(_ log: EffectiveLog) -> RecordedRegister { RecordedRegister(log: log) }

    /// What `ledger import assets` compares a register with, and the ledger's check of its batch, from the stored
    /// state instead of the whole log (ledger-spec.md 15.4): the file is read once to learn the communities and
    /// assets its rows name and its SHA-256; index/checks.state says which of them are registered and gives the
    /// file's earlier imports; the registered assets' records are read from index/scopes; the batch is checked
    /// against index/checks.state
    /// (`CheckState.validate`, which reads the whole log itself when it cannot decide). Nil when the state cannot
    /// give the answer the whole log gives: no usable index, a community cell that is not a registered community's
    /// id (a name: every community's name would be needed), or earlier imports it cannot decide; the caller reads
    /// the whole log then. A failure of the log found while checking a batch is handed to `failure`.
    static func stateForAssets(_ directory: LedgerDirectory, headSeq: Int64?, makeSource: () throws(ImportError) -> FileByteSource,
                               options: ImportOptions, encoding: RegisterEncoding?, delimiter: CSVDelimiter?,
                               _ context: CommandContext, failure: @escaping (ChainError) -> Void)
        throws(CLIError) -> (existing: RecordedRegister, check: (EventBatch) -> [ValidationIssue], first: AssetImportResult?)? {
        let io = context.io
        let named: AssetImportResult
        do {
            named = try AssetImport.run(source: try makeSource(), existing: RecordedRegister(), options: options,
                                               encoding: encoding, delimiter: delimiter)
        } catch {
            // The real pass meets the same problem and reports it (the ledger plays no part in it).
            return nil
        }
        // A --community the state does not register is asked with the cells: the whole log is read then, whose every
        // community's name can say which id was meant (`CommunityOption`).
        let cells = named.namedCommunityCells.union(options.communityID.map { [$0] } ?? [])
        let sha = named.plan.report.fileSHA256
        // Without a usable checks.state it is written now (a read of the whole log), whatever this import then
        // reads: the next one finds it.
        // The shared rebuild's notice about checks.state, if it gave one, is this command's (review 40f).
        var noticed = context.indexNoticeGiven(.checks)
        if let line = try CLIError.fromChain({ () throws(ChainError) in try RegisterImports.prepare(directory) }) {
            if !noticed { io.writeErr(line + "\n") }
            noticed = true
        }
        // A new part is compared with every part of its community, whatever its id (`RegisterTwins`): the recorded
        // parts it can repeat are those checks.state keeps under its twin key, or under its community's unsure key
        // (ledger-spec.md 15.4, `W`; `--community`'s too, the community of rows without a 小区 cell). None under
        // --allow-twins, or without a new part.
        let twinKeys = named.newPartTwinKeys
        guard let found = try CLIError.fromChain({ () throws(ChainError) in
            try RegisterImports.lookup(directory, fileSHA256: sha, communityIDs: cells, assetIDs: named.namedAssetIDs,
                                       twinKeys: options.allowTwins || twinKeys.isEmpty ? nil : Set(twinKeys))
        }) else { return nil }
        let head = headSeq ?? found.headSeq
        guard found.headSeq == head else { return nil }
        // A cell naming a registered community's id means that id whatever the other communities' names are; a
        // name (or an unknown id) needs every community's name: the whole log.
        guard found.registeredCommunities == cells else { return nil }
        var existing = RecordedRegister()
        let assets = found.registeredAssets.union(found.twinAssets).union(found.caseTwinAssets)
        if !assets.isEmpty {
            // The groups of the assets already registered and of the recorded parts a new part's content key finds
            // (each holds its registration, updates, retirement and community); the updated parts found only by
            // their communities' unsure keys by their own records' places (`twinLines`: a part's group is its whole
            // community, docs/perf-import47.md). A register of new parts repeating none reads none.
            let grouped = assets.subtracting(found.twinLines.keys)
            var records: [Record] = []
            if !grouped.isEmpty {
                let read = try CLIError.fromChain { () throws(ChainError) in
                    try ScopeIndex.read(directory, communityIDs: [], assetIDs: grouped.sorted(), onlyTypes: RecordedRegister.eventTypes)
                }
                guard let read else { return nil }
                if let notice = read.notice { io.writeErr(DisplayText.neutralised(notice, lineBreaks: .toSpace) + "\n") }
                guard read.totalRecordCount == head else { return nil }
                records = read.records
            }
            if !found.twinLines.isEmpty {
                let lines = found.twinLines.values.flatMap { $0 }
                guard let placed = try CLIError.fromChain({ () throws(ChainError) in try RegisterImports.Found.records(directory, at: lines) }),
                      placed.last.map({ $0.seq <= head }) ?? true else { return nil }
                // One sparse log in seq order, a record read both ways once: folded in the projection's order.
                records = Self.mergedBySeq(records, placed)
            }
            existing = RecordedRegister(log: EffectiveLog(sparse: records, upTo: head))
        }
        // Only looked up by the cells, which are all ids here: the names themselves are not needed.
        for id in cells where existing.communityNames[id] == nil { existing.communityNames[id] = id }
        existing.importsByFileSHA256 = found.imports.isEmpty ? [:] : [sha: found.imports.map(\.importID)]
        // The look-up found the named asset ids it did not list registered absent from the state: the batch's
        // check takes that answer instead of asking the state again for every new asset (its first check only: the
        // ids are not kept through the append).
        let checkWithLoose = stateCheck(directory, head: head, headSeq: headSeq, caughtUp: found.caughtUp, noticed: noticed, io,
                                        absentAssets: found.absentAssets, failure: failure)
        let check = { (batch: EventBatch) -> [ValidationIssue] in checkWithLoose(batch, []) }
        // A register of new assets, never imported before, over registered communities' ids: the pass that learned
        // the names planned it against an equivalent register (no assets, no imports, each cell its own id), so
        // its result is the plan (the file is not parsed twice).
        // The recorded parts read for `RegisterTwins` change that plan only when a new part repeats one.
        // A cell with Excel's text marker naming a community registered under that very id was refused by that pass,
        // which knew no community: such a file is planned again against `existing` (review of apos49 #1).
        var first = found.registeredAssets.isEmpty && found.caseTwinAssets.isEmpty && found.imports.isEmpty
            && (existing.assets.isEmpty || !named.repeatsAnyPart(of: existing))
            && !cells.contains(where: { Cell.textMarker($0) != nil }) ? named : nil
        // What the rows name was for the look-up above: not kept through the check and the append (a million rows
        // name two million ids and spellings, some 70 MB; the batch's first check keeps them in `absentAssets`).
        first?.namedAssetIDs = NamedAssetIDs()
        first?.namedCommunityCells = []
        first?.releaseNewParts()
        return (existing, check, first)
    }

    /// The whole log, read and verified, folded (the records not kept): what a fact import compares with when the
    /// stored state cannot answer.
    static func wholeLog(_ directory: LedgerDirectory) throws(CLIError) -> FactImportLedger {
        var log = EffectiveLog()
        try CLIError.fromChain { () throws(ChainError) in _ = try VerifiedLog.stream(directory) { log.apply($0) } }
        return FactImportLedger(log: log)
    }

    /// What a fact or statement import compares its rows with, from the stored state instead of the whole log
    /// (ledger-spec.md 15.4): the records of the communities `communities` and of every id `events` name (their
    /// groups in index/scopes: a fact a row can equal, or whose entity id or voucher it repeats, names the same
    /// ids), the file's earlier imports and the import ids in use from index/checks.state, and the batch's check
    /// against index/checks.state and the records after its stamp (`CheckState.validate`, which reads the whole log
    /// itself when it cannot decide). Nil when the state cannot give the whole log's answer: a community cell that
    /// is not a registered community's id (a name needs every community's name), no usable state, or scopes that
    /// cannot serve the read; the caller folds the whole log then. A failure of the log found while checking a
    /// batch is handed to `failure`.
    static func stateLedger(_ directory: LedgerDirectory, headSeq: Int64?, fileSHA256 sha: String, communityCells: Set<String>,
                            communities: Set<String>, events: [Event], _ context: CommandContext,
                            failure: @escaping (ChainError) -> Void) throws(CLIError) -> FactImportLedger? {
        let io = context.io
        // The shared rebuild's notice about checks.state, if it gave one, is this command's (review 40f).
        var noticed = context.indexNoticeGiven(.checks)
        if let line = try CLIError.fromChain({ () throws(ChainError) in try RegisterImports.prepare(directory) }) {
            if !noticed { io.writeErr(line + "\n") }
            noticed = true
        }
        guard let found = try CLIError.fromChain({ () throws(ChainError) in
            try RegisterImports.lookup(directory, fileSHA256: sha, communityIDs: communityCells, assetIDs: [])
        }) else { return nil }
        let head = headSeq ?? found.headSeq
        guard found.headSeq == head, found.registeredCommunities == communityCells else { return nil }
        let read = try CLIError.fromChain { () throws(ChainError) in
            try ScopeIndex.read(directory, communityIDs: communities.sorted(), idsNamedBy: events)
        }
        guard let read else { return nil }
        if let notice = read.notice { io.writeErr(DisplayText.neutralised(notice, lineBreaks: .toSpace) + "\n") }
        guard read.totalRecordCount == head else { return nil }
        var ledger = FactImportLedger(log: EffectiveLog(sparse: read.records, upTo: read.totalRecordCount))
        // Only looked up by the cells, which are all registered ids here: the names themselves are not needed.
        ledger.communityNames = Dictionary(uniqueKeysWithValues: communityCells.map { ($0, $0) })
        let positions = found.importPositions
        ledger.imports = (found.imports.map(\.importID).sorted { (positions[$0] ?? 0, $0) < (positions[$1] ?? 0, $1) },
                          { found.isImportRegistered($0) })
        ledger.check = stateCheck(directory, head: head, headSeq: headSeq, caughtUp: found.caughtUp, noticed: noticed, io,
                                  failure: failure)
        return ledger
    }

    /// The check of a batch against index/checks.state and the records after its stamp (`CheckState.validate`,
    /// which reads the whole log itself when it cannot decide), for an import that reads the stored state (assets,
    /// facts, statements): `head` is the record the state was looked up at, `caughtUp` the records after the
    /// state's stamp as the look-up read them (not read again). Only under the writers' lock may the state be
    /// merged (a dry run holds none: `headSeq` is nil then), and once (the importer may check several batches). At
    /// most one notice about the state is written (`noticed`: one already was). A failure of the log found while
    /// checking is handed to `failure`, and the batch is then taken as having no issue.
    static func stateCheck(_ directory: LedgerDirectory, head: Int64, headSeq: Int64?, caughtUp: CheckState.CaughtUp, noticed: Bool,
                           _ io: CommandIO, absentAssets: CheckState.AbsentAssets? = nil,
                           failure: @escaping (ChainError) -> Void) -> (EventBatch, [LooseEvent]) -> [ValidationIssue] {
        var noticed = noticed, caughtUpWritten = false
        var absentAssets = absentAssets
        return { batch, loose in
            do throws(ChainError) {
                let absent = absentAssets
                absentAssets = nil
                let checked = try CheckState.validate(directory, headSeq: head, batch: batch, useState: true,
                                                      rewriteAfter: headSeq == nil || caughtUpWritten ? .max : CheckState.rewriteAfterRecords,
                                                      caughtUp: caughtUp, absentAssets: absent, loose: loose)
                if checked.wroteState { caughtUpWritten = true }
                if let line = checked.notice, !noticed { noticed = true; io.writeErr(line + "\n") }
                return checked.issues
            } catch {
                failure(error)
                return []
            }
        }
    }

    /// `body`'s result, unless gathering the category words records hold (`held`) met a failure of the log: that
    /// failure then, before what the import made of the words it could not look up.
    static func heldFailureFirst<T>(_ held: AppendCategoryDoor.Held, _ body: () throws(CLIError) -> T) throws(CLIError) -> T {
        let result: T
        do {
            result = try body()
        } catch {
            throw held.failure ?? error
        }
        if let failure = held.failure { throw failure }
        return result
    }

    /// `dir/register.csv` → `dir/register.rejects.csv`.
    static func rejectsName(_ path: String) -> String {
        let slash = path.lastIndex(of: "/")
        if let dot = path.lastIndex(of: "."), slash.map({ dot > $0 }) ?? true, dot != path.startIndex {
            return String(path[..<dot]) + ".rejects" + String(path[dot...])
        }
        return path + ".rejects.csv"
    }
}
