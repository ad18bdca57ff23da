/// An unfinished final append: a partial last line and/or the first records of a batch whose last record was
/// never written. It was never acknowledged, so it is not an integrity failure; the next writer removes it.
public struct TornTail: Equatable, Sendable, CustomStringConvertible {
    /// Where the committed log ends and the torn tail begins.
    public let byteOffset: Int64
    /// Bytes from there to the end of the file.
    public let byteCount: Int64
    /// Complete record lines in the tail (records of the unfinished batch).
    public let completeRecords: Int
    /// True when the file ends without a newline.
    public let partialLine: Bool

    /// What the tail is, without what happens to it: "torn tail of N bytes at offset O (…): an append that was
    /// never acknowledged" (`SystemWords.tornTail(_:)`). The writer that discards it says so after this.
    public var summary: String { SystemWords.tornTail(self).en }

    public var description: String { summary + "; the next writer discards it" }
}
