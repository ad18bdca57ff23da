import LedgerEvents

/// An inspection (巡查).
public struct Inspection: Equatable, Sendable {
    public let assetID: String
    public let date: CalendarDate
    public let observed: Observation
    public let inspector: PersonalText
    public let note: String?
    public let evidence: Evidence
    /// The id of the record first made for it (`EffectiveFact.recordID`): OCC-02 found by inspection is keyed by it,
    /// so a corrected inspection keeps the finding's key.
    public let recordID: String

    /// - Parameter recordID: the original event's id; nil for `evidence.eventID` (a record never corrected).
    public init(assetID: String, date: CalendarDate, observed: Observation, inspector: PersonalText, note: String?, evidence: Evidence,
                recordID: String? = nil) {
        self.assetID = assetID
        self.date = date
        self.observed = observed
        self.inspector = inspector
        self.note = note
        self.evidence = evidence
        self.recordID = recordID ?? evidence.eventID
    }
}
