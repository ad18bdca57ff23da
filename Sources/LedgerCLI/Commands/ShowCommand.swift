import LedgerProjections
import LedgerReports

enum ShowCommand {
    static let command = Command(
        name: "show",
        summary: Message(en: "the full history of one entity (community, asset, fund, contract, decision, …) or event",
                         zh: "一个对象（小区、共有部分、资金、合同、决定……）或事件的完整历史"),
        positionals: .exactly(["ID"]),
        options: QueryOptions.options,
        about: Message(en: """
        Prints the state of the entity ID on the as-of date and every record that is the event ID or mentions ID,
        in seq order: its date, type, actor, what it records in words (amounts in yuan) and its status —
        in_effect, voided_by:#N or replaced_by:#N (corrected by record N), corrects:#N (a correction). Corrected
        records stay in the log and are shown, marked. csv and json give each record's data as stored.
        """, zh: """
        显示对象 ID 在截至日期的状态，以及事件 ID 本身或提到 ID 的每一条记录（按序号）：日期、类型、记录人、
        用文字写明的内容（金额以元计）和状态——有效 in_effect、已作废 voided_by:#N 或已被更正 replaced_by:#N
        （由第 N 条记录更正）、更正 corrects:#N。被更正的记录仍留在日志中照常显示，并加标记。csv 和 json
        给出每条记录原样保存的数据。
        """),
        notes: Message(en: "--community and --street refuse an entity of another community.",
                       zh: "--community 和 --street 会拒绝属于其他小区的对象。"),
        exitStatus: Message(en: "0 ok, 1 the log failed verification, 2 usage error or nothing has that id.",
                            zh: "0 成功；1 日志校验失败；2 用法错误，或没有这个 ID 的对象。"),
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let id = arguments.positionals[0]
        var query = try QueryOptions.load(arguments, context, keepRecords: true, persons: true, mentioning: id)
        var entries = Self.entries(of: id, query)
        // The derived files key ids by their bytes; `show` matches an id as text (canonical equivalence). A log
        // written before the NFC rule (or by another writer) may hold an id outside NFC that the id typed in NFC
        // means (`e` + U+0301 for `é`, a compatibility ideograph, U+212A KELVIN SIGN for `K`): when the files'
        // records hold nothing of an id that may have another form (a character outside ASCII, or K, `;` or a
        // backquote, `EntityHistory.mayHaveOtherForm`), the whole log answers, as it did before the files. Only a
        // search that finds nothing pays the read: an id found is answered from the files. (The whole log finds such
        // an id as an event's id and inside records' data, `EntityHistory.mentions`.)
        if entries.isEmpty, query.corrections != nil, EntityHistory.mayHaveOtherForm(id) {
            query = try QueryOptions.load(arguments, context, keepRecords: true, persons: true)
            entries = Self.entries(of: id, query)
        }
        let p = query.projection
        if let community = EntityHistory.communityID(of: id, in: p), !query.filter.includes(communityID: community, in: p) {
            throw .usage(Message(en: "\(id) belongs to community \(community), which --community/--street exclude.",
                                 zh: "\(id) 属于小区 \(community)，已被 --community/--street 排除。"))
        }
        guard !entries.isEmpty else {
            throw .usage(Message(en: "no entity or event has id \"\(id)\" as of \(p.asOf) (records 1–\(p.atSeq)).",
                                 zh: "截至 \(p.asOf)（第 1–\(p.atSeq) 条记录）没有 id 为“\(id)”的对象或事件。"))
        }
        context.io.writeOutBytes(ProjectionReports.show(id: id, entries: entries, projection: p, format: query.format, names: query.names, language: context.language))
        return 0
    }

    /// `id`'s history in the records `query` read. Records read with gaps (index/scopes' groups) carry their sparse
    /// log's corrections.
    static func entries(of id: String, _ query: QueryOptions.Query) -> [HistoryEntry] {
        query.corrections.map { EntityHistory.entries(of: id, records: query.records, corrections: $0, asOf: query.projection.asOf) }
            ?? EntityHistory.entries(of: id, records: query.records, asOf: query.projection.asOf)
    }
}
