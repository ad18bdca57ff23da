import LedgerEvents

/// The local settings the rectification rules apply, with the project defaults of DOMAIN §3 built in.
///
/// Only what the law leaves to local policy is configurable. The law's own numbers (quorum 2/3, special majority
/// 3/4, simple majority > 1/2, leases ≤ 20 years, maintenance-fund disclosure at least yearly) are fixed in
/// `LawConstants` and cannot be weakened by a policy file. Every report prints the policy in force.
public struct Policy: Equatable, Sendable {
    /// Days without use or contract from which an asset counts as long-term idle (长期闲置), boundary included.
    public var idleDays: Int = 180
    /// Asset kinds the idle and low-efficiency rules apply to: parts kept to be used or let. A corridor or lawn is not
    /// "idle", and neither is a roof (review 46a #9): a part of the building's structure, registered as a common part
    /// ([CC] 274; [MF] 3), whose normal state is unused, so that every roof not let read 长期闲置 (a policy file may
    /// still name `roof`).
    public var idleAssetKinds: [String] = ["advertising", "basement", "club_room", "other", "parking"]
    /// Utilisation below this percentage of the window is low-efficiency use (低效利用); the boundary is not flagged.
    public var utilisationMinPercent: Int64 = 50
    /// Length of the trailing window for utilisation and income, in months.
    public var utilisationWindowMonths: Int = 12
    /// Income per m² below this percentage of the street median for the same kind is low-efficiency use.
    public var incomeBenchmarkPercent: Int64 = 70
    /// Fewest assets (the asset included) of one kind in one street that form a benchmark.
    public var incomeBenchmarkMinPeers: Int = 3
    /// Longest operating-contract term the policy allows, in months (the law's cap is 240, [CC] 705).
    public var contractTermMaxMonths: Int = 36
    /// Days after a rent period's due date on which it may still be paid in time (the grace period, 宽限期): unpaid
    /// rent is in arrears from the day after the grace's last day (`rentOverdueAfterDays`).
    public var rentGraceDays: Int = 30
    /// Days from an instalment's due date to its first day in arrears: the grace's days and one. A period of days
    /// starts on the day after its event and ends with its last day ([CC] 201, 203), so rent due on 11-01 with 30
    /// days' grace is paid in time on 12-01 and overdue from 12-02; with no grace, overdue from the day after it is
    /// due, as FUND-02 counts a disclosure's days (review 45b #3).
    public var rentOverdueAfterDays: Int { rentGraceDays + 1 }
    /// Longest gap between disclosures (公示), in months, per fund kind; at most 12 ([MF] 30, [CC] 281).
    public var disclosureMonths: [String: Int] = ["governance": 12, "maintenance": 6, "other": 12, "public_income": 3]
    /// Days after an emergency maintenance-fund spending by which a disclosure must follow ([MF] 24).
    public var emergencyDisclosureDays: Int = 30
    /// Largest single spending from a non-maintenance fund the owners' committee may make without a decision, in
    /// fen (set in the 议事规则); 0 means every spending needs a decision. Never applies to the maintenance fund.
    public var spendingWithoutDecisionCapFen: Int64 = 0
    /// Days a community gets to fix an issued finding (整改时限), per severity (`high`, `medium`, `low`): the default
    /// deadline of `rectification.issued`. Policy of the street office, not law.
    public var rectificationDeadlineDays: [String: Int] = ["high": 30, "low": 90, "medium": 60]

    /// The default deadline for a finding of `severity` issued on `issuedOn`.
    public func deadline(for severity: Severity, issuedOn: CalendarDate) -> CalendarDate {
        issuedOn.adding(days: rectificationDeadlineDays[severity.rawValue] ?? 30)
    }

    /// Keys that the policy file set (sorted); the rest are defaults.
    public private(set) var keysFromFile: [String] = []
    /// Where the policy came from: nil for the built-in defaults, else the file name given.
    public private(set) var sourceName: String? = nil

    /// The built-in defaults.
    public init() {}

    /// Fund kinds known to the ledger.
    public static let fundKinds = ["governance", "maintenance", "other", "public_income"]
    /// Asset kinds known to the ledger.
    public static let assetKinds = ["advertising", "basement", "club_room", "corridor", "green_area", "other", "parking", "roof"]

    /// Every key a policy file may hold, sorted, with what it allows (used in error messages and the docs), in
    /// English and in Chinese.
    public static let keys: [(key: String, allowed: String, allowedZh: String)] = [
        ("contract_term_max_months", "a whole number of months from 1 to 240", "1 至 240 之间的整数（月）"),
        ("disclosure_months", "an object mapping fund kinds (governance, maintenance, other, public_income) to months from 1 to 12",
         "以资金类型（governance、maintenance、other、public_income）为键、1 至 12 之间的整数（月）为值的对象"),
        ("emergency_disclosure_days", "a whole number of days from 1 to 365", "1 至 365 之间的整数（天）"),
        ("idle_asset_kinds", "a list of asset kinds from: " + assetKinds.joined(separator: ", "),
         "共有部分类型的列表，类型取自：" + assetKinds.joined(separator: "、")),
        ("idle_days", "a whole number of days from 1 to 3650", "1 至 3650 之间的整数（天）"),
        ("income_benchmark_min_peers", "a whole number from 2 to 1000", "2 至 1000 之间的整数"),
        ("income_benchmark_percent", "a whole percentage from 0 to 100", "0 至 100 之间的整数（百分比）"),
        ("rectification_deadline_days", "an object mapping severities (high, medium, low) to days from 1 to 365",
         "以严重程度（" + Severity.allCases.map { "\($0.rawValue)（\($0.labelZh)）" }.joined(separator: "、")
            + "）为键、1 至 365 之间的整数（天）为值的对象"),
        ("rent_grace_days", "a whole number of days from 0 to 365", "0 至 365 之间的整数（天）"),
        ("spending_without_decision_cap_fen", "an amount in fen from 0 to 1000000000000", "以分为单位、0 至 1000000000000 之间的金额"),
        ("utilisation_min_percent", "a whole percentage from 0 to 100", "0 至 100 之间的整数（百分比）"),
        ("utilisation_window_months", "a whole number of months from 1 to 60", "1 至 60 之间的整数（月）"),
        ("version", "the number 1", "数字 1"),
    ]

    /// The policy as ordered key/value pairs (values in canonical JSON), for printing in reports.
    public var entries: [(key: String, value: String, fromFile: Bool)] {
        let values: [(String, JSONValue)] = [
            ("contract_term_max_months", .integer(Int64(contractTermMaxMonths))),
            ("disclosure_months", .object(disclosureMonths.mapValues { .integer(Int64($0)) })),
            ("emergency_disclosure_days", .integer(Int64(emergencyDisclosureDays))),
            ("idle_asset_kinds", .array(idleAssetKinds.map { .string($0) })),
            ("idle_days", .integer(Int64(idleDays))),
            ("income_benchmark_min_peers", .integer(Int64(incomeBenchmarkMinPeers))),
            ("income_benchmark_percent", .integer(incomeBenchmarkPercent)),
            ("rectification_deadline_days", .object(rectificationDeadlineDays.mapValues { .integer(Int64($0)) })),
            ("rent_grace_days", .integer(Int64(rentGraceDays))),
            ("spending_without_decision_cap_fen", .integer(spendingWithoutDecisionCapFen)),
            ("utilisation_min_percent", .integer(utilisationMinPercent)),
            ("utilisation_window_months", .integer(Int64(utilisationWindowMonths))),
        ]
        return values.map { ($0.0, CanonicalJSON.string($0.1), keysFromFile.contains($0.0)) }
    }

    /// The policy as one canonical JSON object (what a policy file with every key would hold).
    public var canonicalJSON: String {
        var members: [String: JSONValue] = ["version": .integer(1)]
        for entry in entries { members[entry.key] = try? JSONParser.parse(entry.value) }
        return CanonicalJSON.string(.object(members))
    }

    /// Reads a policy file: a JSON object holding any of `Policy.keys`; missing keys keep their defaults.
    /// - Parameters:
    ///   - bytes: the file's contents.
    ///   - sourceName: the file name, for messages and reports.
    /// - Throws: `PolicyError` naming the key, the value found and what is allowed.
    public static func parse(_ bytes: [UInt8], sourceName: String) throws(PolicyError) -> Policy {
        // `found` says what the file holds there; its Chinese is the whole predicate after the key (的值为…, 含有…).
        func fail(_ key: String?, _ found: Wording, _ allowed: Wording) -> PolicyError {
            PolicyError(source: sourceName, key: key, found: found.en, allowed: allowed.en, foundZh: found.zh, allowedZh: allowed.zh)
        }
        func holds(_ shown: String) -> Wording { Wording(en: shown, zh: "的值为 " + shown) }
        let anObject = Wording(en: "a JSON object such as {\"idle_days\": 180}", zh: "一个 JSON 对象，例如 {\"idle_days\": 180}")
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            throw fail(nil, EventWords.notJSON(error), anObject)
        }
        guard case .object(let members) = value else {
            let kind = EventWords.kind(value.kindName)
            throw fail(nil, Wording(en: kind.en, zh: "是" + kind.zh), anObject)
        }
        var policy = Policy()
        policy.sourceName = sourceName
        let allowedByKey = Dictionary(uniqueKeysWithValues: keys.map { ($0.key, Wording(en: $0.allowed, zh: $0.allowedZh)) })
        for key in members.keys.sorted() {
            guard let allowed = allowedByKey[key] else {
                throw fail(key, Wording(en: "an unknown key", zh: "不是可用的项"),
                           Wording(en: "one of " + keys.map(\.key).joined(separator: ", "),
                                   zh: "以下之一：" + keys.map(\.key).joined(separator: "、")))
            }
            let raw = members[key]!
            let shown = holds(CanonicalJSON.string(raw))
            func integer(_ range: ClosedRange<Int64>) throws(PolicyError) -> Int64 {
                guard let i = raw.integerValue, range.contains(i) else { throw fail(key, shown, allowed) }
                return i
            }
            switch key {
            case "version": _ = try integer(1...1)
            case "contract_term_max_months": policy.contractTermMaxMonths = Int(try integer(1...240))
            case "emergency_disclosure_days": policy.emergencyDisclosureDays = Int(try integer(1...365))
            case "idle_days": policy.idleDays = Int(try integer(1...3650))
            case "income_benchmark_min_peers": policy.incomeBenchmarkMinPeers = Int(try integer(2...1000))
            case "income_benchmark_percent": policy.incomeBenchmarkPercent = try integer(0...100)
            case "rent_grace_days": policy.rentGraceDays = Int(try integer(0...365))
            case "spending_without_decision_cap_fen": policy.spendingWithoutDecisionCapFen = try integer(0...Limits.amountFenMax)
            case "utilisation_min_percent": policy.utilisationMinPercent = try integer(0...100)
            case "utilisation_window_months": policy.utilisationWindowMonths = Int(try integer(1...60))
            case "idle_asset_kinds":
                guard let items = raw.arrayValue else { throw fail(key, shown, allowed) }
                var kinds: [String] = []
                for item in items {
                    guard let kind = item.stringValue, assetKinds.contains(kind) else {
                        throw fail(key, Wording(en: "contains " + CanonicalJSON.string(item), zh: "含有 " + CanonicalJSON.string(item)), allowed)
                    }
                    if !kinds.contains(kind) { kinds.append(kind) }
                }
                policy.idleAssetKinds = kinds.sorted()
            case "disclosure_months":
                guard let object = raw.objectValue else { throw fail(key, shown, allowed) }
                for kind in object.keys.sorted() {
                    guard fundKinds.contains(kind) else { throw fail(key + "." + kind, Wording(en: "an unknown fund kind", zh: "不是已知的资金类型"), allowed) }
                    guard let months = object[kind]!.integerValue, (1...12).contains(months) else {
                        throw fail(key + "." + kind, holds(CanonicalJSON.string(object[kind]!)), allowed)
                    }
                    policy.disclosureMonths[kind] = Int(months)
                }
            case "rectification_deadline_days":
                guard let object = raw.objectValue else { throw fail(key, shown, allowed) }
                for severity in object.keys.sorted() {
                    guard Severity(rawValue: severity) != nil else { throw fail(key + "." + severity, Wording(en: "an unknown severity", zh: "不是已知的严重程度"), allowed) }
                    guard let days = object[severity]!.integerValue, (1...365).contains(days) else {
                        throw fail(key + "." + severity, holds(CanonicalJSON.string(object[severity]!)), allowed)
                    }
                    policy.rectificationDeadlineDays[severity] = Int(days)
                }
            default:
                preconditionFailure("every key in Policy.keys has a case")
            }
            if key != "version" { policy.keysFromFile.append(key) }
        }
        return policy
    }
}
