/// Where a finding stands in the loop (交办 → 整改 → 复核 → 销号) on the check date.
public enum LoopStatus: String, CaseIterable, Sendable, Comparable {
    /// 新发现: found, never issued.
    case new
    /// 已自行纠正: found, never issued, and already remedied late, ratified afterwards or ended (the finding's
    /// resolution): listed, but not counted as 新发现, which needs action.
    case resolved
    /// 已交办: issued, within its deadline.
    case issued
    /// 逾期: issued, past its deadline, nothing reported.
    case overdue
    /// 已报整改待复核: the community reported measures; the office has not re-checked since.
    case reported
    /// 复核未通过: the office's re-check did not accept the measures; nothing reported since.
    case rejected
    /// 待复核: issued, and the rules no longer find the problem (or find it remedied, ratified or ended), but no
    /// re-check closed it: the office must confirm before closing it.
    case toVerify = "to_verify"
    /// 已转为长期闲置: issued, not closed, and the rules no longer find it because the part is now idle: a LOW-01 or
    /// LOW-02 key whose part IDLE-01 finds on the check date (`LedgerEntry.supersededBy`). The problem is worse, not
    /// gone: nothing to re-check and close as remedied, not overdue; the office follows it under the IDLE-01 key.
    case superseded
    /// 反弹: closed, but the rules find the same problem on the check date (the same key, or the same rule on the
    /// same item starting after the closure), begun again after the closure; or issued, never closed, and found with a
    /// problem begun after the issuing list's check date (the one issued went, this one came: `LedgerEntry.recurredOn`),
    /// which needs a notice of its own rather than reading overdue against the old deadline.
    case recurring
    /// 销号时问题仍在: closed, but the rules find the same key open on the check date with a problem that was already
    /// there on the day of the closure and has gone on since (`RectificationLedger.presentSince`): the closure was
    /// premature, the problem never came back because it never went (a street office reads 反弹 as a relapse). The
    /// closure stays on record as what the office did; the key needs a new notice as a recurrence does.
    case closedWhilePresent = "closed_while_present"
    /// 已销号: closed by the office's re-check, and not found again.
    case closed

    public var labelZh: String {
        switch self {
        case .new: return "新发现"
        case .resolved: return "已自行纠正"
        case .issued: return "已交办"
        case .overdue: return "逾期"
        case .reported: return "已报整改待复核"
        case .rejected: return "复核未通过"
        case .toVerify: return "待复核"
        case .superseded: return "已转为长期闲置"
        case .recurring: return "反弹"
        case .closedWhilePresent: return "销号时问题仍在"
        case .closed: return "已销号"
        }
    }

    public var labelEn: String {
        switch self {
        case .new: return "new"
        case .resolved: return "remedied before issue"
        case .issued: return "issued"
        case .overdue: return "overdue"
        case .reported: return "reported, awaiting re-check"
        case .rejected: return "re-check failed"
        case .toVerify: return "to re-check"
        case .superseded: return "now idle"
        case .recurring: return "recurring"
        case .closedWhilePresent: return "closed while still present"
        case .closed: return "closed"
        }
    }

    /// Finds a status by its code (`to_verify`), its Chinese label (待复核) or its English label.
    public init?(code: String) {
        let lower = code.lowercased()
        guard let found = LoopStatus.allCases.first(where: { $0.rawValue == lower || $0.labelZh == code || $0.labelEn == lower })
        else { return nil }
        self = found
    }

    private var rank: Int { LoopStatus.allCases.firstIndex(of: self)! }
    public static func < (lhs: LoopStatus, rhs: LoopStatus) -> Bool { lhs.rank < rhs.rank }
}
