import LedgerReports

/// The options several commands share, declared once.
public enum SharedOptions {
    public static let ledger = OptionSpec.value(
        "ledger", "DIR",
        en: "the ledger directory (default: $LEDGER_DIR, else ./\(CommandContext.defaultLedgerPath))",
        zh: "账本目录（默认：$LEDGER_DIR，否则 ./\(CommandContext.defaultLedgerPath)）")
    public static let lang = OptionSpec.choice(
        "lang", "L", ReportLanguage.self, default: .en,
        en: "language of messages, headings and help: zh or en (default: $LEDGER_LANG, else zh when the locale ($LC_ALL, else $LC_MESSAGES, else $LANG) is zh_*, else en)",
        zh: "提示、标题和帮助所用的语言：zh（中文）或 en（英文）（默认：$LEDGER_LANG；否则看 $LC_ALL、$LC_MESSAGES、$LANG 中第一个有值的区域设置：zh_* 时用中文，否则英文）")
    public static let actor = OptionSpec.value(
        "actor", "NAME",
        en: "who records events that name no actor (default: $LEDGER_ACTOR, then $USER)",
        zh: "未写明 actor（记录人）的事件由谁记录（默认：$LEDGER_ACTOR，其次 $USER）")
    public static let recordedAt = OptionSpec.value(
        "recorded-at", "T",
        en: "stamp records with UTC time T (YYYY-MM-DDTHH:MM:SSZ) instead of now; for reproducible sample ledgers and tests",
        zh: "以 UTC 时间 T（YYYY-MM-DDTHH:MM:SSZ）而非当前时间作为记录时间；用于可重现的样例账本和测试")
    public static let lockWait = OptionSpec.value(
        "lock-wait", "MS",
        en: "wait at most MS milliseconds for another writer (default 10000)",
        zh: "等待其他写入者最多 MS 毫秒（默认 10000）")
    public static let format = OptionSpec.choice(
        "format", "F", ReportFormat.self, default: .table,
        en: "table (default), csv (UTF-8 with BOM, for Excel/WPS) or json",
        zh: "table 表格（默认）、csv（带 BOM 的 UTF-8，供 Excel/WPS 打开）或 json")
    public static let asOf = OptionSpec.value(
        "as-of", "DATE",
        en: "the state after every fact that occurred on or before DATE (default: today in Beijing, UTC+8)",
        zh: "截至 DATE（含当日）发生的全部事实之后的状态（默认：北京时间的今天）")
    public static let atSeq = OptionSpec.value(
        "at-seq", "N",
        en: "only records 1…N: the ledger as it stood when record N was written; N must end its append batch (one "
            + "inside a batch is refused, naming the seqs before and after the batch)",
        zh: "只读第 1…N 条记录：即第 N 条记录写入时账本的样子；N 须是其写入批次的最后一条（落在批次中间的会被拒绝，"
            + "并给出该批次之前和之后可用的记录号）")
    public static let community = OptionSpec.value(
        "community", "ID", en: "only this community (小区)", zh: "只看这个小区")
    public static let street = OptionSpec.value(
        "street", "NAME", en: "only the communities of this street office (街道)", zh: "只看这个街道办事处的小区")
    /// `--allow-new-category`: `append` and `import` (income, spending, statement) record a category word outside
    /// the vocabulary (docs/categories.md) as a new category instead of refusing it (`CategoryVocabulary.allowed`).
    public static let allowNewCategory = OptionSpec.flag(
        "allow-new-category",
        en: "record a category word (category, purpose_category) outside the vocabulary (docs/categories.md) as a new category of its own instead of refusing it",
        zh: "把收支类别表（docs/categories.md）以外的类别词（category、purpose_category）作为新类别记录，而不是拒绝")
    /// `--allow-same-day-amount`: `append` and `import` (income, spending, transfers) record a receipt or transfer
    /// with the fund, day, direction and amount of a bank-statement line no receipt stands for yet as another payment
    /// instead of refusing it as the same money (`StatementLines`).
    public static let allowSameDayAmount = OptionSpec.flag(
        "allow-same-day-amount",
        en: "record an income, spending or transfer with the fund, day and amount of a bank-statement line already recorded (no receipt yet) as another payment, instead of refusing it as the same money",
        zh: "与已记录（尚无收据对应）的银行对账单某行同一账户、同一天、同一金额的收入、支出或划转，作为另一笔款项记录，而不是当作同一笔款项拒绝")
    /// `--allow-twins`: `append` and `import` (income, spending, transfers, contracts, assets) record a payment (or
    /// contract, or part) that repeats a recorded one, or an earlier one of the batch, in every field but its voucher
    /// (or id) as another one instead of refusing it as the same one again (`ImportTwins`, `RegisterTwins`).
    public static let allowTwins = OptionSpec.flag(
        "allow-twins",
        en: "record an income, spending or transfer that repeats a recorded payment (or an earlier one of the batch) in every field but its voucher as another payment, a contract repeating one in every term but its id as another contract, and a part that repeats a registered part (or an earlier one) in every field but its id as another part, instead of refusing it as the same one again",
        zh: "除凭证号外各项都与已记录的款项（或本批前面的某笔）相同的收入、支出或划转，作为另一笔款项记录；除合同编号外各项条款都相同的合同，作为另一份合同记录；除编号外各项都与已登记的共有部分（或前面的某个）相同的，作为另一部分登记；而不是当作同一笔款项、同一份合同或同一部分拒绝")
    public static let json = OptionSpec.flag("json", en: "print the result as one JSON object", zh: "以一个 JSON 对象输出结果")
    public static let out = OptionSpec.value(
        "out", "FILE", en: "write to FILE instead of standard output", zh: "写入 FILE 而不是标准输出")

    /// Options every command accepts.
    public static let everywhere: [OptionSpec] = [ledger, lang]
}
