import LedgerEvents
import LedgerProjections

extension ProjectionReports {
    /// One community's line of `ledger communities`.
    struct CommunityLine {
        let community: Community
        var assets = 0
        var idle = 0
        var occupied = 0
        var funds = 0
        var contractsActive = 0
        var decisions = 0
        var balance = Amount(fen: 0)
    }

    /// Every community with its street, what it holds (common parts in service, of them idle and occupied; funds;
    /// contracts in force; owners' decisions) and the total of its funds' balances, on the as-of date.
    public static func communities(_ p: Projection, filter: EntityFilter, format: ReportFormat, language: ReportLanguage = .en) -> Output {
        var lines: [String: CommunityLine] = [:]
        for (id, community) in p.communities where filter.includes(communityID: id, in: p) {
            lines[id] = CommunityLine(community: community)
        }
        for v in p.assetViews(filter: filter) where v.status != .retired {
            lines[v.asset.communityID]?.assets += 1
            if v.status == .idle { lines[v.asset.communityID]?.idle += 1 }
            if v.status == .occupied { lines[v.asset.communityID]?.occupied += 1 }
        }
        for v in p.fundViews(filter: filter) {
            lines[v.fund.communityID]?.funds += 1
            if var line = lines[v.fund.communityID] {
                line.balance = line.balance + v.balance
                lines[v.fund.communityID] = line
            }
        }
        for v in p.contractViews(filter: filter) where v.status == .active { lines[v.contract.terms.communityID]?.contractsActive += 1 }
        for v in p.decisionViews(filter: filter) { lines[v.decision.terms.communityID]?.decisions += 1 }
        let rows = lines.keys.sorted().map { lines[$0]! }
        let headers = ["community", "name", "street", "residents_committee", "assets", "idle", "occupied", "funds",
                       "contracts_active", "decisions", "balance"]
        func cells(_ r: CommunityLine, _ money: (Amount) -> String) -> [String] {
            [r.community.id, r.community.name, r.community.street, r.community.residentsCommittee, String(r.assets), String(r.idle),
             String(r.occupied), String(r.funds), String(r.contractsActive), String(r.decisions), money(r.balance)]
        }
        switch format {
        case .table:
            var t = table(headers, [.left, .left, .left, .left, .right, .right, .right, .right, .right, .right, .right], language)
            for r in rows { t.append(cells(r, ProjectionReports.money)) }
            return render(t, "Communities (balances in yuan)", "小区一览（余额单位：元）", p, language)
        case .csv:
            var t = CSVTable(headers: headers)
            for r in rows { t.append(cells(r, { $0.yuanText }).enumerated().map { $0.offset >= 4 ? .numeric($0.element) : .text($0.element) }) }
            return t.render()
        case .json:
            return envelope("communities", p, "communities", rows.map { r in
                .object([
                    "community_id": .string(r.community.id), "name": .string(r.community.name), "street": .string(r.community.street),
                    "residents_committee": .string(r.community.residentsCommittee),
                    "total_area_m2": .string(r.community.totalArea.description), "total_owners": .integer(r.community.totalOwners),
                    "registered_on": .string(r.community.registeredOn.description),
                    "assets": .integer(Int64(r.assets)), "assets_idle": .integer(Int64(r.idle)), "assets_occupied": .integer(Int64(r.occupied)),
                    "funds": .integer(Int64(r.funds)), "contracts_active": .integer(Int64(r.contractsActive)),
                    "decisions": .integer(Int64(r.decisions)), "balance": amountJSON(r.balance), "balance_fen": .integer(r.balance.fen),
                    "evidence": evidenceJSON(r.community.evidence),
                ])
            })
        }
    }
}
