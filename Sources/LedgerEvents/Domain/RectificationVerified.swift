/// `rectification.verified`: the street office's re-check (复核): closed (销号) or not accepted (未通过).
public struct RectificationVerified: Equatable, Sendable {
    public enum Result: String, CaseIterable, Sendable {
        /// 销号: the problem is fixed.
        case closed
        /// 未通过: not accepted; `reason` says why.
        case rejected
    }

    public var listID: String
    public var keys: [String]
    public var result: Result
    /// Why the re-check failed (required when rejected).
    public var reason: String?
    public var verifiedBy: PersonalText
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(listID: String, keys: [String], result: Result, reason: String?, verifiedBy: PersonalText,
                written: WrittenForm = WrittenForm()) {
        self.listID = listID
        self.keys = keys
        self.result = result
        self.reason = reason
        self.verifiedBy = verifiedBy
        self.written = written
    }
}
