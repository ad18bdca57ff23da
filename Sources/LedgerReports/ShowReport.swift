import LedgerEvents
import LedgerProjections
import LedgerRules

extension ProjectionReports {
    /// One line describing an entity's state on the as-of date, or nil for a plain event id.
    public static func summary(of id: String, in p: Projection, names: PersonalNames = PersonalNames(),
                               language: ReportLanguage = .en) -> String? {
        if language == .zh { return summaryZh(of: id, in: p, names: names) }
        if let c = p.communities[id] {
            return "community \(id) \(c.name), \(c.street) \(c.residentsCommittee); total area \(Format.area(c.totalArea)) m², \(Wording.englishCount(c.totalOwners, "owner"))"
        }
        if let v = p.view(ofAsset: id) {
            return "asset \(id) \(v.asset.name) (\(v.asset.kind.rawValue), \(Format.area(v.asset.area)) m²): \(v.status.rawValue)"
        }
        if let v = p.view(ofFund: id) {
            return "fund \(id) (\(v.fund.kind.rawValue)) of \(v.fund.communityID): balance \(Format.yuan(v.balance))"
        }
        if let v = p.view(ofContract: id) {
            return "contract \(id) with \(names.text(v.contract.terms.counterparty, english: true)): \(v.status.rawValue); rent expected \(Format.yuan(v.rentExpected))"
                + (v.rentAfterEnd.fen > 0 ? " (of which \(Format.yuan(v.rentAfterEnd)) for use after the contract \(v.contract.endedEarly ? "ended" : "expired"))" : "")
                + ", received \(Format.yuan(v.rentReceived)), "
                + rentBalance(v, .en)
        }
        if let v = p.view(ofDecision: id) {
            return "decision \(id) (\(v.decision.terms.matter.rawValue), Civil Code Art. 278(1) item \(v.decision.terms.matter.article278Item)): \(result(v)); spent \(Format.yuan(v.spent))"
        }
        if let u = p.uses[id] {
            return "use \(id) of \(u.assetID) by \(names.text(u.user, english: true)): " + (u.ended.map { "ended \($0.date)" } ?? "open since \(u.startedOn)")
        }
        if let o = p.occupations[id] {
            return "occupation \(id) of \(o.assetID) by \(names.text(o.occupant, english: true)): " + (o.cleared.map { "cleared \($0.date)" } ?? "open since \(o.reportedOn)")
        }
        if let i = p.imports[id] {
            return "import \(id) of \(i.terms.fileName): \(Wording.englishCount(i.terms.rowsRead, "row")) read, \(i.terms.rowsNew) new, \(i.terms.rowsUpdated) updated"
        }
        return nil
    }

    /// What a contract's rent stands at: arrears (欠缴), or — never a negative arrears — what was received beyond
    /// the rent due (`RentFigures`): paid ahead (预收) while rent is still to fall due, overpaid (多收, to refund) once
    /// the contract has ended and no use under it goes on.
    static func rentBalance(_ v: some RentFigures, _ language: ReportLanguage) -> String {
        let zh = language == .zh
        let amount = { (a: Amount) in zh ? Format.money(a, .zh) : Format.yuan(a) }
        if v.overpaid.fen > 0 { return (zh ? "多收 " : "overpaid ") + amount(v.overpaid) }
        if v.paidAhead.fen > 0 { return (zh ? "预收 " : "paid ahead ") + amount(v.paidAhead) }
        return (zh ? "欠缴 " : "arrears ") + amount(v.arrears)
    }

    /// `summary` in Chinese.
    static func summaryZh(of id: String, in p: Projection, names: PersonalNames) -> String? {
        func w(_ code: String) -> String { ReportWords.word(code, .zh) }
        if let c = p.communities[id] {
            return "小区 \(id) \(c.name)，\(c.street) \(c.residentsCommittee)；总面积 \(Format.area(c.totalArea)) 平方米，业主 \(c.totalOwners) 人"
        }
        if let v = p.view(ofAsset: id) {
            return "共有部分 \(id) \(v.asset.name)（\(w(v.asset.kind.rawValue))，\(Format.area(v.asset.area)) 平方米）：\(w(v.status.rawValue))"
        }
        if let v = p.view(ofFund: id) {
            return "资金 \(id)（\(w(v.fund.kind.rawValue))），属 \(v.fund.communityID)：余额 \(Format.money(v.balance, .zh))"
        }
        if let v = p.view(ofContract: id) {
            return "合同 \(id)，承租方 \(names.text(v.contract.terms.counterparty))：\(w(v.status.rawValue))；应收租金 \(Format.money(v.rentExpected, .zh))"
                + (v.rentAfterEnd.fen > 0 ? "（其中\(v.contract.endedEarly ? "终止" : "到期")后继续使用的使用费 \(Format.money(v.rentAfterEnd, .zh))）" : "")
                + "，实收 \(Format.money(v.rentReceived, .zh))，"
                + rentBalance(v, .zh)
        }
        if let v = p.view(ofDecision: id) {
            return "业主共同决定 \(id)（\(w(v.decision.terms.matter.rawValue))，《民法典》第二百七十八条第一款第\(ChineseNumeral.text(v.decision.terms.matter.article278Item))项）：\(w(result(v)))；已支出 \(Format.money(v.spent, .zh))"
        }
        if let u = p.uses[id] {
            return "使用 \(id)：\(names.text(u.user))使用 \(u.assetID)，" + (u.ended.map { "已于 \($0.date) 结束" } ?? "自 \(u.startedOn) 起至今")
        }
        if let o = p.occupations[id] {
            return "占用 \(id)：\(names.text(o.occupant))占用 \(o.assetID)，" + (o.cleared.map { "已于 \($0.date) 清除" } ?? "自 \(o.reportedOn) 起未清除")
        }
        if let i = p.imports[id] {
            return "导入 \(id)，文件 \(i.terms.fileName)：读取 \(i.terms.rowsRead) 行，新增 \(i.terms.rowsNew)，更新 \(i.terms.rowsUpdated)"
        }
        return nil
    }

    /// The history of one entity or event, record by record.
    /// - Parameter names: committed personal fields are shown as their values (or 已依法删除) in the data column.
    /// In the table, each record's data is in words (`RecordText`, amounts in yuan) and its status marks
    /// corrected records; csv and json carry the data as stored.
    public static func show(id: String, entries: [HistoryEntry], projection p: Projection, format: ReportFormat,
                            names: PersonalNames = PersonalNames(), language: ReportLanguage = .en) -> Output {
        let headers = ["seq", "date", "type", "event", "actor", "status", "data"]
        func row(_ e: HistoryEntry) -> [String] {
            [String(e.record.seq), e.record.occurredOn.description, e.record.type, e.record.id, e.record.actor, e.status.label,
             CanonicalJSON.string(.object(names.revealing(e.record.data)))]
        }
        let summary = summary(of: id, in: p, names: names)
        switch format {
        case .table:
            var t = table(headers, [.right, .left, .left, .left, .left, .left, .left], language)
            for e in entries {
                var cells = row(e)
                cells[5] = ReportWords.recordStatus(e.status.label, language)
                cells[6] = RecordText.describe(type: e.record.type, data: names.revealing(e.record.data, english: language == .en), language)
                t.append(cells)
            }
            let shown = language == .zh ? self.summary(of: id, in: p, names: names, language: .zh) : summary
            // The summary quotes imported names: cleaned like table cells so it cannot forge lines or drive the terminal.
            return Array((heading("History of " + TerminalText.clean(id), TerminalText.clean(id) + " 的历史", p, language)
                + (shown.map { TerminalText.clean($0) + "\n\n" } ?? "") + t.render()).utf8)
        case .csv:
            var t = CSVTable(headers: headers)
            for e in entries { t.append(row(e).enumerated().map { $0.offset == 0 ? .numeric($0.element) : .text($0.element) }) }
            return t.render()
        case .json:
            let value: JSONValue = .object([
                "report": .string("show"), "id": .string(id), "as_of": .string(p.asOf.description), "at_seq": .integer(p.atSeq),
                "entity": EntityHistory.kind(of: id, in: p).map(JSONValue.string) ?? .null,
                "summary": summary.map(JSONValue.string) ?? .null,
                "records": .array(entries.map { e in
                    .object(["seq": .integer(e.record.seq), "id": .string(e.record.id), "type": .string(e.record.type),
                             "occurred_on": .string(e.record.occurredOn.description), "recorded_at": .string(e.record.recordedAt.description),
                             "actor": .string(e.record.actor), "status": .string(e.status.label), "data": .object(names.revealing(e.record.data))])
                }),
            ])
            return CanonicalJSON.encode(value, escaping: .display) + [0x0A]
        }
    }
}
