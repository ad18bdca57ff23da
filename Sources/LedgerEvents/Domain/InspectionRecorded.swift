/// `inspection.recorded`: an inspection (巡查) of a common part.
public struct InspectionRecorded: Equatable, Sendable {
    public var assetID: String
    public var observed: Observation
    public var inspector: PersonalText
    public var note: String?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(assetID: String, observed: Observation, inspector: PersonalText, note: String? = nil, written: WrittenForm = WrittenForm()) {
        self.assetID = assetID
        self.observed = observed
        self.inspector = inspector
        self.note = note
        self.written = written
    }
}
