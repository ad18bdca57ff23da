import LedgerEvents
import LedgerProjections

extension ProjectionReports {
    /// Every community with its street, what it holds (common parts in service, of them idle and occupied; funds;
    /// contracts in force; owners' decisions) and its funds' balances on the as-of date: one column per kind of fund
    /// (maintenance fund, public income, governance fund, other), since they are different money under different rules
    /// (DOMAIN.md D, E), each kept and spent under its own rules, then their total, labelled as a sum for reference.
    public static func communities(_ p: Projection, filter: EntityFilter, format: ReportFormat, language: ReportLanguage = .en) -> Output {
        communities(p.communitySummaries(filter: filter), asOf: p.asOf, atSeq: p.atSeq, format: format, language: language)
    }

    /// The same report from summaries made beforehand (`index/communities.state`, ledger-spec.md 15.11): the same
    /// bytes as from the projection they were made from.
    public static func communities(_ rows: [CommunitySummary], asOf: CalendarDate, atSeq: Int64, format: ReportFormat,
                                   language: ReportLanguage = .en) -> Output {
        let p = Projection.heading(asOf: asOf, atSeq: atSeq)
        let headers = ["community", "name", "street", "residents_committee", "assets", "idle", "occupied", "funds",
                       "contracts_active", "decisions"] + balanceKinds.map(\.column) + ["balance_total"]
        func cells(_ r: CommunitySummary, _ money: (Amount) -> String) -> [String] {
            [r.id, r.name, r.street, r.residentsCommittee, String(r.assets), String(r.idle),
             String(r.occupied), String(r.funds), String(r.contractsActive), String(r.decisions)]
                + balanceKinds.map { money(r.balance(of: $0.kind)) } + [money(r.balance)]
        }
        switch format {
        case .table:
            var t = table(headers, [.left, .left, .left, .left] + Array(repeating: .right, count: headers.count - 4), language)
            for r in rows { t.append(cells(r, ProjectionReports.money)) }
            return render(t, "Communities (fund balances in yuan, by kind of fund; each kind is kept and spent under its own rules, and the total is only their sum, for reference)",
                          "小区一览（资金余额单位：元，按资金类别分列；各类资金分别核算、用途各有规定，合计仅为各类相加之数，供参考）", p, language)
        case .csv:
            var t = CSVTable(headers: headers)
            for r in rows { t.append(cells(r, { $0.yuanText }).enumerated().map { $0.offset >= 4 ? .numeric($0.element) : .text($0.element) }) }
            return t.render()
        case .json:
            return envelope("communities", p, "communities", rows.map { r in
                .object([
                    "community_id": .string(r.id), "name": .string(r.name), "street": .string(r.street),
                    "residents_committee": .string(r.residentsCommittee),
                    "total_area_m2": .string(r.totalArea), "total_owners": .integer(r.totalOwners),
                    "registered_on": .string(r.registeredOn.description),
                    "assets": .integer(Int64(r.assets)), "assets_idle": .integer(Int64(r.idle)), "assets_occupied": .integer(Int64(r.occupied)),
                    "funds": .integer(Int64(r.funds)), "contracts_active": .integer(Int64(r.contractsActive)),
                    "decisions": .integer(Int64(r.decisions)), "balance": amountJSON(r.balance), "balance_fen": .integer(r.balance.fen),
                    "balances_by_kind": .object(Dictionary(uniqueKeysWithValues: balanceKinds.map { k in
                        (k.kind.rawValue, JSONValue.object(["balance": amountJSON(r.balance(of: k.kind)), "balance_fen": .integer(r.balance(of: k.kind).fen)]))
                    })),
                    "evidence": evidenceJSON(r.evidence),
                ])
            })
        }
    }

    /// The fund kinds of the communities report's balance columns, in its order (the maintenance fund first, as a
    /// street office reads it), with each column's name.
    static let balanceKinds: [(kind: FundKind, column: String)] = [
        (.maintenance, "maintenance_fund"), (.public_income, "public_income"), (.governance, "governance_fund"), (.other, "other_funds"),
    ]
}
