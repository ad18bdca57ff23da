import LedgerEvents
import LedgerPlatform

/// One line's work as a part of a chunk hands it to the checking thread: plain values only, so that the arrays of
/// them are filled, read and emptied chunk after chunk without a value-witness call or reference count per line
/// (the enum `LineWork`, with the words of a problem in one case, cost some of those per line). Why a line is
/// unparsable, which is rare, lies beside the array (`PartWork.problems`).
struct LineResult: Sendable {
    /// The line without its newline, as indexes of the chunk.
    var range: Range<Int>
    /// The layout (`ScannedLine.none` for an unparsable line).
    var scanned: ScannedLine
    var digest: Digest32
    /// Whether the stored hash is the hex of `digest`.
    var hashMatches: Bool
    /// Whether `prev` is the stored hash of the line just before (nil when not compared in the part).
    var prevMatchesLineBefore: Bool?
    /// Index in the part's problems of why the line is unparsable, or −1 when it was scanned.
    var problem: Int

    /// `work` as a result, and the problem when the line is unparsable (the caller keeps it beside the array and
    /// sets `problem` to its index there).
    static func of(_ work: LineWork, range: Range<Int>) -> (LineResult, ChainError.LineProblem?) {
        switch work {
        case .scanned(let scanned, let digest, let hashMatches, let prevMatches):
            return (LineResult(range: range, scanned: scanned, digest: digest, hashMatches: hashMatches,
                               prevMatchesLineBefore: prevMatches, problem: -1), nil)
        case .unparsable(let problem):
            return (LineResult(range: range, scanned: .none, digest: .zero, hashMatches: false, prevMatchesLineBefore: nil, problem: 0), problem)
        }
    }
}
