/// A piece of evidence a community offers for the measures it took.
public struct RectificationEvidence: Equatable, Sendable {
    /// What the reference names.
    public enum Kind: String, CaseIterable, Sendable {
        /// A voucher (凭证号) of a payment or receipt.
        case voucher
        /// A photo file, named and bound by its SHA-256.
        case photo
        /// A contract of the ledger (`contract_id`).
        case contract
        /// An owners' decision of the ledger (`decision_id`).
        case decision
        /// Any other document, named and bound by its SHA-256.
        case document
    }

    public var kind: Kind
    /// The voucher number, file name, contract id or decision id.
    public var ref: String
    /// SHA-256 of the file (photo and document: required; other kinds: absent).
    public var sha256: String?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(kind: Kind, ref: String, sha256: String? = nil, written: WrittenForm = WrittenForm()) {
        self.kind = kind
        self.ref = ref
        self.sha256 = sha256
        self.written = written
    }
}
