import LedgerPlatform

/// `personal_data.erased`: the salts and values of personal data were deleted from `private/` under a data
/// subject's request or another ground of 个人信息保护法 Art. 47; the records that hold the commitments stay as
/// they are. Who erased is the envelope's actor; the record never names the person.
public struct PersonalDataErased: Equatable, Sendable {
    /// The commitments whose salt and value were deleted, distinct, in the order given.
    public var commitments: [PersonalCommitment]
    /// Why (e.g. 本人申请删除，2026-01-03来函); must not name the person.
    public var reason: String
    /// The provision relied on, e.g. 《中华人民共和国个人信息保护法》第四十七条.
    public var legalBasis: String
    /// The controller's reference of the request (a file or letter number), if any.
    public var requestRef: String?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(commitments: [PersonalCommitment], reason: String, legalBasis: String, requestRef: String? = nil,
                written: WrittenForm = WrittenForm()) {
        self.commitments = commitments
        self.reason = reason
        self.legalBasis = legalBasis
        self.requestRef = requestRef
        self.written = written
    }

    /// The legal basis `ledger erase-personal` records unless told otherwise.
    public static let defaultLegalBasis = "《中华人民共和国个人信息保护法》第四十七条"
}
