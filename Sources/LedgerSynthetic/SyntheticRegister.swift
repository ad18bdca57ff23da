import LedgerEvents

/// A deterministic asset register (登记造册) as a clerk would export it from Excel: UTF-8 CSV with Chinese
/// headings, a few quoted cells (commas inside locations), areas with two decimals, one row per common part.
public enum SyntheticRegister {
    /// The `community.registered` events for communities C00001…C0000n, so that a register can be imported.
    /// `first`: the number of the first (`C00001` for 1), the others following it.
    public static func communities(_ count: Int, first: Int = 1, on date: CalendarDate = SyntheticCity.startDate) -> [Event] {
        (first...(first + max(1, count) - 1)).map { n in
            let id = "C" + SyntheticCity.padded(n, 5)
            return Event(id: "reg-community-\(n)", occurredOn: date, actor: "街道办-张敏", payload: .communityRegistered(CommunityRegistered(
                communityID: id, name: "登记小区\(n)", street: "朝阳门街道", residentsCommittee: "登记小区\(n)社区居委会",
                totalArea: DecimalQuantity(units: 15_000_000, scale: 2), totalOwners: 1500)))
        }
    }

    /// A register of `rows` assets spread over `communities` communities from number `firstCommunity` on
    /// (`C00001` for 1), registered on `date`; the assets' ids are `idPrefix` and the row number (a fresh prefix
    /// gives a register of new assets), or with `digitIDs` digits alone, 1,000,000 plus the row number (`1000001`…:
    /// an office's register numbered in a spreadsheet; `idPrefix` is not used then). The other cells are the same
    /// either way.
    public static func csv(rows: Int, communities: Int, firstCommunity: Int = 1, seed: UInt64,
                           date: CalendarDate = SyntheticCity.startDate, idPrefix: String = "R-", digitIDs: Bool = false) -> [UInt8] {
        var random = SyntheticRandom(seed: seed)
        var out = Array("编号,小区,类型,名称,位置,面积,登记日期,备注\r\n".utf8)
        out.reserveCapacity(rows * 110)
        let kinds = ["车位", "车位", "车位", "车位", "广告位", "地下室", "屋顶", "绿地", "会所", "走廊", "其他"]
        let day = date.description
        for row in 1...max(1, rows) {
            let community = "C" + SyntheticCity.padded(firstCommunity + random.below(max(1, communities)), 5)
            let kind = kinds[random.below(kinds.count)]
            let building = 1 + random.below(30)
            let location = random.chance(20) ? "\"\(building)号楼东侧,靠近大门\"" : "\(building)号楼\(["东侧", "西侧", "南侧", "北侧"][random.below(4)])"
            let area = DecimalQuantity(units: Int64(random.within(1_000...50_000)), scale: 2).description
            let note = random.chance(10) ? "原开发商移交" : ""
            let id = digitIDs ? String(1_000_000 + row) : idPrefix + SyntheticCity.padded(row, 7)
            let line = "\(id),\(community),\(kind),\(kind)\(row)号,\(location),\(area),\(day),\(note)\r\n"
            out.append(contentsOf: line.utf8)
        }
        return out
    }
}
