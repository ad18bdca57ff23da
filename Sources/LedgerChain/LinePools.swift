import LedgerEvents
import LedgerPlatform

/// The arrays a scan's workers fill, reused from chunk to chunk (`ArrayPool`).
final class LinePools: Sendable {
    let scratch = ArrayPool<RecordLineWork>()
    let results = ArrayPool<LineResult>()

    /// Gives back the results of a chunk the caller has checked (moved out, so each array is the pool's alone).
    func giveBack(_ parts: inout [PartWork]) {
        while let part = parts.popLast() { results.give(part.lines) }
    }
}
