/// `rectification.reported`: the community or property company reports what it did (整改), with evidence.
public struct RectificationReported: Equatable, Sendable {
    public var listID: String
    public var keys: [String]
    /// Who reports (业主委员会, 物业服务企业, …).
    public var reportedBy: PersonalText
    public var measures: String
    public var evidence: [RectificationEvidence]

    public init(listID: String, keys: [String], reportedBy: PersonalText, measures: String, evidence: [RectificationEvidence]) {
        self.listID = listID
        self.keys = keys
        self.reportedBy = reportedBy
        self.measures = measures
        self.evidence = evidence
    }
}
