/// `register.imported`: the first event of every import batch; the batch's asset events name its `importID`.
public struct RegisterImported: Equatable, Sendable {
    public var importID: String
    public var fileName: String
    /// SHA-256 of the imported file, 64 lower-case hex digits.
    public var fileSHA256: String
    public var rowsRead: Int64
    public var rowsNew: Int64
    public var rowsUpdated: Int64
    public var rowsUnchanged: Int64
    public var communityID: String?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(importID: String, fileName: String, fileSHA256: String, rowsRead: Int64, rowsNew: Int64, rowsUpdated: Int64, rowsUnchanged: Int64, communityID: String? = nil, written: WrittenForm = WrittenForm()) {
        self.importID = importID
        self.fileName = fileName
        self.fileSHA256 = fileSHA256
        self.rowsRead = rowsRead
        self.rowsNew = rowsNew
        self.rowsUpdated = rowsUpdated
        self.rowsUnchanged = rowsUnchanged
        self.communityID = communityID
        self.written = written
    }
}
