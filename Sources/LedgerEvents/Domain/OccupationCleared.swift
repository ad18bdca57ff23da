/// `occupation.cleared`: the occupation has ended.
public struct OccupationCleared: Equatable, Sendable {
    public var occupationID: String
    public var note: String?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(occupationID: String, note: String? = nil, written: WrittenForm = WrittenForm()) {
        self.occupationID = occupationID
        self.note = note
        self.written = written
    }
}
