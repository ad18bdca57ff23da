import LedgerEvents

/// A deterministic synthetic city: communities with their registered common parts, funds, owners' decisions,
/// contracts, uses, inspections, occupations and money flows, in the proportions a street office sees.
///
/// The same `seed` and `eventCount` give the same events, byte for byte, on every machine: the benchmark and the
/// fault tests rely on it. Every reference points at an entity registered earlier (funds, assets, contracts,
/// decisions, open uses and occupations), so projections and rules see a plausible city, not noise.
///
/// Events come in order of business date: first each community's setup (registration, funds, the imported asset
/// register), then four years of daily activity across the whole city.
public struct SyntheticCity {
    /// Events this city will produce in total.
    public let eventCount: Int
    /// Communities (小区); by default one per 1,000 events.
    public let communityCount: Int
    /// Events produced so far.
    public private(set) var produced = 0

    private var random: SyntheticRandom
    private var communities: [Community] = []
    private var setupCommunity = 0
    private var setupPending: [Event] = []
    private var setupPendingIndex = 0
    private var activityIndex = 0
    private var activityTotal = 0
    private var eventsMade = 0
    private var today = 0

    /// The first business date of the city's history.
    public static let startDate = CalendarDate(year: 2021, month: 1, day: 4)!
    /// Days of activity after the setup.
    static let activityDays = 4 * 365

    public init(eventCount: Int, seed: UInt64, communityCount: Int? = nil) {
        precondition(eventCount >= 0, "a city has a non-negative number of events")
        self.eventCount = eventCount
        self.communityCount = max(1, communityCount ?? eventCount / 1000)
        self.random = SyntheticRandom(seed: seed)
    }

    /// True when every event has been produced.
    public var isFinished: Bool { produced >= eventCount }

    /// Up to `maxEvents` further events (fewer at the end; empty when finished).
    public mutating func nextBatch(maxEvents: Int) -> [Event] {
        var batch: [Event] = []
        batch.reserveCapacity(min(maxEvents, eventCount - produced))
        while batch.count < maxEvents, let event = next() { batch.append(event) }
        return batch
    }

    /// The next event, or nil when finished.
    public mutating func next() -> Event? {
        guard produced < eventCount else { return nil }
        let event: Event
        if setupPendingIndex < setupPending.count {
            event = setupPending[setupPendingIndex]
            setupPendingIndex += 1
        } else if setupCommunity < communityCount {
            setupPending = makeSetup(community: setupCommunity)
            setupPendingIndex = 1
            setupCommunity += 1
            event = setupPending[0]
        } else {
            if activityTotal == 0 { activityTotal = max(1, eventCount - produced) }
            event = makeActivity()
            activityIndex += 1
        }
        produced += 1
        return event
    }

    // MARK: - State

    struct Asset {
        let id: String
        let kind: AssetKind
        var retired = false
        /// Day number of the last event that referred to it: a retirement on that day would void the reference.
        var lastReferencedDay = Int.min
    }

    struct Contract {
        let id: String
        let assetIds: [String]
        let rentFen: Int64
    }

    struct Community {
        let index: Int
        let id: String
        var funds: [String]          // public_income, maintenance, governance
        var balances: [Int64]
        var assets: [Asset] = []
        var decisions: [String] = []
        var contracts: [Contract] = []
        var openUses: [String] = []
        var openOccupations: [String] = []
        /// The last inspection not yet corrected: corrections void only facts nothing else depends on.
        var correctableId: String? = nil
        let owners: Int64
        let totalAreaHundredths: Int64
        var counter = 0

        mutating func nextId(_ prefix: String) -> String {
            counter += 1
            return "\(id)-\(prefix)\(counter)"
        }
    }

    // MARK: - Vocabulary

    static let streets = ["朝阳门街道", "建国门街道", "和平里街道", "安贞街道", "望京街道", "双井街道", "劲松街道", "六里屯街道"]
    static let estateWords = ["幸福", "阳光", "和谐", "翠湖", "金色", "锦绣", "华庭", "康乐", "桂花", "紫荆", "东湖", "西山"]
    static let estateKinds = ["小区", "花园", "家园", "嘉园", "里", "苑"]
    static let clerks = ["张敏", "王芳", "李强", "刘洋", "陈静", "杨帆", "赵磊", "黄丽"]
    static let companies = ["城市物业服务有限公司", "安居物业管理有限公司", "顺达广告传媒有限公司", "宏远停车管理有限公司",
                            "绿源园林绿化工程有限公司", "恒通电梯维修有限公司", "明亮建筑防水工程有限公司"]
    static let assetKinds: [(kind: AssetKind, name: String, areaRange: ClosedRange<Int>, weight: Int)] = [
        (.parking, "地面停车位", 1_250...1_500, 50), (.club_room, "会所", 8_000...40_000, 3), (.roof, "屋顶平台", 5_000...30_000, 8),
        (.basement, "地下室", 10_000...80_000, 8), (.advertising, "电梯广告位", 50...200, 15),
        (.green_area, "绿地", 20_000...200_000, 8), (.corridor, "连廊", 3_000...12_000, 4), (.other, "门卫室", 1_000...3_000, 4),
    ]
    static let spendingPurposes = [("电梯维修", "repair"), ("外墙防水", "repair"), ("绿化养护", "maintenance"),
                                   ("消防设施更换", "safety"), ("业主大会会务", "governance"), ("审计费用", "governance")]
    static let observations: [Observation] = [.idle, .in_use, .in_use, .in_use, .occupied, .damaged, .idle]

    // MARK: - Setup

    private mutating func makeSetup(community index: Int) -> [Event] {
        let cid = "C" + Self.padded(index + 1, 5)
        let owners = random.within(300...3000)
        let totalArea = Int64(owners) * Int64(random.within(7_000...14_000))
        var community = Community(index: index, id: cid, funds: [cid + "-F1", cid + "-F2", cid + "-F3"], balances: [0, 0, 0],
                                  owners: Int64(owners), totalAreaHundredths: totalArea)
        let date = Self.startDate.adding(days: index % 60)
        let clerk = Self.clerks[index % Self.clerks.count]
        var events: [Event] = []
        let name = random.pick(Self.estateWords) + random.pick(Self.estateWords) + random.pick(Self.estateKinds)
        events.append(event(&community, date, clerk, .communityRegistered(CommunityRegistered(
            communityID: cid, name: name + "（\(index + 1)期）", street: Self.streets[index % Self.streets.count],
            residentsCommittee: name + "社区居委会", totalArea: DecimalQuantity(units: totalArea, scale: 2),
            totalOwners: Int64(owners)))))
        for (fund, kind) in zip(community.funds, [FundKind.public_income, .maintenance, .governance]) {
            let account = "6222" + Self.padded(random.below(100_000_000), 8) + Self.padded(index, 4)
            events.append(event(&community, date, clerk, .fundOpened(FundOpened(fundID: fund, communityID: cid, kind: kind,
                                                                                account: account))))
        }
        let assetCount = random.within(20...60)
        let importId = cid + "-IMP1"
        events.append(event(&community, date, clerk, .registerImported(RegisterImported(
            importID: importId, fileName: "\(cid)-登记造册.csv", fileSHA256: Self.fakeDigest(&random),
            rowsRead: Int64(assetCount), rowsNew: Int64(assetCount), rowsUpdated: 0, rowsUnchanged: 0, communityID: cid))))
        for row in 1...assetCount {
            events.append(assetRegistered(&community, date: date, actor: clerk, source: .importRow(importID: importId, row: Int64(row))))
        }
        communities.append(community)
        return events
    }

    private mutating func assetRegistered(_ community: inout Community, date: CalendarDate, actor: String,
                                          source: AssetSource) -> Event {
        let total = Self.assetKinds.reduce(0) { $0 + $1.weight }
        var roll = random.below(total)
        var chosen = Self.assetKinds[0]
        for kind in Self.assetKinds {
            if roll < kind.weight { chosen = kind; break }
            roll -= kind.weight
        }
        let aid = community.id + "-A" + Self.padded(community.assets.count + 1, 3)
        community.assets.append(Asset(id: aid, kind: chosen.kind, lastReferencedDay: date.dayNumber))
        let building = random.within(1...30)
        let location = "\(building)号楼\(["东侧", "西侧", "南侧", "北侧", "地下一层"][random.below(5)])"
        let area = DecimalQuantity(units: Int64(random.within(chosen.areaRange)), scale: 2)
        var attributes: [String: String] = [:]
        if random.chance(30) {
            attributes = ["产权证号": "京(2021)第\(Self.padded(random.below(1_000_000), 7))号", "备注": "原开发商移交"]
        }
        return event(&community, date, actor, .assetRegistered(AssetRegistered(
            assetID: aid, communityID: community.id, kind: chosen.kind, name: "\(chosen.name)\(community.assets.count)号",
            location: location, area: area, registeredOn: date, source: source, attributes: attributes)))
    }

    // MARK: - Activity

    private mutating func makeActivity() -> Event {
        let day = Int(Int64(activityIndex) * Int64(Self.activityDays) / Int64(activityTotal))
        let date = Self.startDate.adding(days: 70 + day)
        today = date.dayNumber
        // Larger communities are busier: pick two and keep the one with more assets.
        let a = random.below(communities.count), b = random.below(communities.count)
        var community = communities[communities[a].assets.count >= communities[b].assets.count ? a : b]
        defer { communities[community.index] = community }
        let clerk = Self.clerks[(community.index + random.below(2)) % Self.clerks.count]
        let roll = random.below(1000)
        // Per-mille weights; a choice that is impossible right now falls through to an inspection.
        switch roll {
        case 0..<300:
            if let e = income(&community, date, clerk) { return e }
        case 300..<440:
            if let e = spending(&community, date, clerk) { return e }
        case 440..<500:
            if let asset = liveAsset(&community) {
                let uid = community.nextId("U")
                community.openUses.append(uid)
                var authority = UseAuthority.none
                if let contract = community.contracts.last, random.chance(60) {
                    authority = .contract(contract.id)
                } else if let decision = community.decisions.last {
                    authority = .decision(decision)
                }
                let user = random.pick(Self.companies)
                let purpose = ["停车", "广告", "仓储", "活动室", "快递柜"][random.below(5)]
                // Without a contract or decision the city writes `"authority":{}` (a form the spec allows).
                return event(&community, date, clerk, .useStarted(UseStarted(
                    useID: uid, assetID: asset.id, user: .plain(user), purpose: purpose, authority: authority,
                    written: authority == .none ? UseStarted.emptyAuthority : WrittenForm())))
            }
        case 500..<550:
            if !community.openUses.isEmpty {
                let uid = community.openUses.remove(at: random.below(community.openUses.count))
                return event(&community, date, clerk, .useEnded(UseEnded(useID: uid)))
            }
        case 550..<580:
            if let e = contractSigned(&community, date, clerk) { return e }
        case 580..<590:
            if !community.contracts.isEmpty {
                let contract = community.contracts.remove(at: random.below(community.contracts.count))
                return event(&community, date, clerk, .contractTerminated(ContractTerminated(
                    contractID: contract.id, reason: "合同期满，双方协商终止")))
            }
        case 590..<620:
            return decision(&community, date, clerk)
        case 620..<650:
            if let asset = liveAsset(&community) {
                return event(&community, date, clerk, .assetUpdated(AssetUpdated(
                    assetID: asset.id, changes: AssetChanges(location: "\(random.within(1...30))号楼南侧（重新测绘）"),
                    source: .manual)))
            }
        case 650..<670:
            if let asset = liveAsset(&community) {
                let oid = community.nextId("O")
                community.openOccupations.append(oid)
                let occupant = "\(random.within(1...30))号楼\(random.within(1...6))单元业主"
                let description = ["私搭乱建", "堆放杂物", "私装地锁", "圈占绿地"][random.below(4)]
                return event(&community, date, clerk, .occupationReported(OccupationReported(
                    occupationID: oid, assetID: asset.id, occupant: .plain(occupant), description: description)))
            }
        case 670..<685:
            if !community.openOccupations.isEmpty {
                let oid = community.openOccupations.remove(at: 0)
                return event(&community, date, clerk, .occupationCleared(OccupationCleared(occupationID: oid, note: "已责令恢复原状")))
            }
        case 685..<715:
            let which = random.below(3)
            guard community.balances[which] >= 0 else { break }
            return event(&community, date, clerk, .fundBalanceAsserted(FundBalanceAsserted(
                fundID: community.funds[which], balance: Amount(fen: community.balances[which]),
                statementRef: "银行对账单\(date.year)-\(Self.padded(date.month, 2))")))
        case 715..<735:
            let from = date.adding(months: -3)
            return event(&community, date, clerk, .disclosurePublished(DisclosurePublished(
                communityID: community.id, fundIDs: community.funds, periodFrom: from, periodTo: date.adding(days: -1),
                location: "小区公告栏及业主群")))
        case 735..<755:
            let amount = Int64(random.within(10_000...500_000))
            if community.balances[0] >= amount {
                community.balances[0] -= amount
                community.balances[1] += amount
                let voucher = community.nextId("V")
                return event(&community, date, clerk, .fundTransfer(FundTransfer(
                    fromFundID: community.funds[0], toFundID: community.funds[1], amount: Amount(fen: amount), voucher: voucher,
                    decisionID: community.decisions.last)))
            }
        case 755..<775:
            return assetRegistered(&community, date: date, actor: clerk, source: .manual)
        case 775..<780:
            if let index = community.assets.indices.last(where: {
                !community.assets[$0].retired && community.assets[$0].lastReferencedDay < date.dayNumber
            }), community.assets.count > 5 {
                community.assets[index].retired = true
                return event(&community, date, clerk, .assetRetired(AssetRetired(assetID: community.assets[index].id, reason: "拆除改建")))
            }
        case 780..<785:
            if let target = community.correctableId {
                community.correctableId = nil
                return event(&community, date, clerk, .correction(Correction(corrects: target, reason: "录入错误，以本条为准")))
            }
        default:
            break
        }
        return inspection(&community, date, clerk)
    }

    private mutating func income(_ community: inout Community, _ date: CalendarDate, _ clerk: String) -> Event? {
        let voucher = community.nextId("V")
        let amount: Int64, counterparty: String, category: String
        var contractID: String? = nil
        if let contract = community.contracts.isEmpty ? nil : community.contracts[random.below(community.contracts.count)],
           random.chance(70) {
            amount = contract.rentFen
            counterparty = random.pick(Self.companies)
            contractID = contract.id
            category = "rent"
        } else {
            amount = Int64(random.within(500...200_000))
            counterparty = ["临时停车收费", "快递柜场地费", "广告位收益", "公共用房出租"][random.below(4)]
            category = ["parking", "other", "advertising", "rent"][random.below(4)]
        }
        community.balances[0] += amount
        // Income without a contract is written with `"source":{}` (a form the spec allows).
        return event(&community, date, clerk, .fundIncome(FundIncome(
            fundID: community.funds[0], amount: Amount(fen: amount), counterparty: .plain(counterparty), voucher: voucher,
            sourceContractID: contractID, category: category, written: contractID == nil ? FundIncome.emptySource : WrittenForm())))
    }

    private mutating func spending(_ community: inout Community, _ date: CalendarDate, _ clerk: String) -> Event? {
        let which = random.chance(70) ? 1 : (random.chance(50) ? 0 : 2)
        let amount = Int64(random.within(20_000...2_000_000))
        guard community.balances[which] >= amount || random.chance(3) else { return nil }
        community.balances[which] -= amount
        let (purpose, category) = random.pick(Self.spendingPurposes)
        let counterparty = random.pick(Self.companies)
        let voucher = community.nextId("V")
        var decisionID: String? = nil
        if let decision = community.decisions.last, random.chance(80) { decisionID = decision }
        var emergency: Emergency? = nil
        if random.chance(2) { emergency = Emergency(type: "elevator_failure", evidence: "电梯困人报修记录") }
        var assetIDs: [String] = []
        if let asset = liveAsset(&community), random.chance(50) { assetIDs = [asset.id] }
        return event(&community, date, clerk, .fundSpending(FundSpending(
            fundID: community.funds[which], amount: Amount(fen: amount), counterparty: .plain(counterparty), voucher: voucher,
            purpose: purpose, purposeCategory: category, decisionID: decisionID, emergency: emergency, assetIDs: assetIDs)))
    }

    private mutating func contractSigned(_ community: inout Community, _ date: CalendarDate, _ clerk: String) -> Event? {
        guard let index = liveAssetIndex(&community) else { return nil }
        let asset = community.assets[index]
        let kid = community.nextId("K")
        let rent = Int64(random.within(30...3_000)) * 1_000
        let period = [RentPeriod.month, .quarter, .year, .month][random.below(4)]
        let counterparty = random.pick(Self.companies)
        let endOn = date.adding(months: 12 * random.within(1...3)).adding(days: -1)
        var decisionID: String? = nil
        if let decision = community.decisions.last, random.chance(85) { decisionID = decision }
        community.contracts.append(Contract(id: kid, assetIds: [asset.id], rentFen: rent))
        // The part is let for the whole term: a retirement before its end is refused (ledger-spec.md 10.4 rule 3).
        community.assets[index].lastReferencedDay = Swift.max(community.assets[index].lastReferencedDay, endOn.dayNumber)
        return event(&community, date, clerk, .contractSigned(ContractSigned(
            contractID: kid, communityID: community.id, assetIDs: [asset.id], counterparty: .plain(counterparty),
            purpose: asset.kind == .advertising ? "广告经营" : "场地租赁", startOn: date, endOn: endOn, rent: Amount(fen: rent),
            rentPeriod: period, decisionID: decisionID, payeeFundID: community.funds[0])))
    }

    private mutating func decision(_ community: inout Community, _ date: CalendarDate, _ clerk: String) -> Event {
        let did = community.nextId("D")
        community.decisions.append(did)
        let turnout = Int64(random.within(50...95))
        let participatingOwners = community.owners * turnout / 100
        let participatingArea = community.totalAreaHundredths * turnout / 100
        let approvingPercent = Int64(random.within(40...95))
        let (matter, purpose) = [(DecisionMatter.other_major, "公共收益使用"), (.maintenance_fund_use, "维修资金使用"),
                                 (.change_use_or_operate, "场地出租")][random.below(3)]
        var authorises = Authorisation(assetIDs: [], purpose: purpose)
        if random.chance(50) { authorises.amountCap = Amount(fen: Int64(random.within(100...5_000)) * 10_000) }
        if let asset = liveAsset(&community), random.chance(50) { authorises.assetIDs = [asset.id] }
        return event(&community, date, clerk, .decisionRecorded(DecisionRecorded(
            decisionID: did, communityID: community.id, matter: matter,
            participatingArea: DecimalQuantity(units: participatingArea, scale: 2), participatingOwners: participatingOwners,
            approvingArea: DecimalQuantity(units: participatingArea * approvingPercent / 100, scale: 2),
            approvingOwners: participatingOwners * approvingPercent / 100, authorises: authorises,
            validUntil: date.adding(months: 24))))
    }

    private mutating func inspection(_ community: inout Community, _ date: CalendarDate, _ clerk: String) -> Event {
        guard let asset = liveAsset(&community) else {
            return event(&community, date, clerk, .disclosurePublished(DisclosurePublished(
                communityID: community.id, fundIDs: community.funds, periodFrom: date.adding(months: -1), periodTo: date,
                location: "小区公告栏")))
        }
        let observed = random.pick(Self.observations)
        let inspector = random.pick(Self.clerks)
        let note: String? = random.chance(20) ? "现场照片已存档" : nil
        let made = event(&community, date, clerk, .inspectionRecorded(InspectionRecorded(
            assetID: asset.id, observed: observed, inspector: .plain(inspector), note: note)))
        community.correctableId = made.id
        return made
    }

    private mutating func liveAsset(_ community: inout Community) -> Asset? {
        liveAssetIndex(&community).map { community.assets[$0] }
    }

    /// `liveAsset`'s index in `community.assets`.
    private mutating func liveAssetIndex(_ community: inout Community) -> Int? {
        guard !community.assets.isEmpty else { return nil }
        for _ in 0..<4 {
            let index = random.below(community.assets.count)
            if !community.assets[index].retired {
                community.assets[index].lastReferencedDay = Swift.max(community.assets[index].lastReferencedDay, today)
                return index
            }
        }
        return nil
    }

    private mutating func event(_ community: inout Community, _ date: CalendarDate, _ actor: String,
                                _ payload: DomainEvent) -> Event {
        eventsMade += 1
        let id = "ev-" + Self.padded(eventsMade, 10)
        return Event(id: id, occurredOn: date, actor: "街道办-" + actor, payload: payload)
    }

    // MARK: - Formatting

    /// `value` in decimal, zero-padded to `width` digits.
    public static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    static func fakeDigest(_ random: inout SyntheticRandom) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        for _ in 0..<64 { out.append(digits[random.below(16)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
