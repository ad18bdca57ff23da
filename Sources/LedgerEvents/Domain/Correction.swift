/// `correction`: voids an earlier event from this point of the log on; `replacement`, when given, applies in its
/// place at the replacement's own `occurred_on`. The corrected event stays in the log.
public struct Correction: Equatable, Sendable {
    /// Event id of the corrected event.
    public var corrects: String
    public var reason: String
    public var replacement: Replacement?
    /// How optional members were written (absent or `null`), so the record's bytes can be written again exactly.
    public var written = WrittenForm()

    public init(corrects: String, reason: String, replacement: Replacement? = nil, written: WrittenForm = WrittenForm()) {
        self.corrects = corrects
        self.reason = reason
        self.replacement = replacement
        self.written = written
    }
}
