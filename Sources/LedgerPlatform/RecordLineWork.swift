#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What verify's workers find in one line of a chunk before the chain checks: the line's place, its layout by the
/// fast path, and its hash. Plain values (no slice, so no reference to the chunk): the cores never count
/// references to the one buffer they share.
public struct RecordLineWork: Sendable {
    /// The line without its newline, as indexes of the chunk.
    public var range: Range<Int>
    /// The fast path's layout (offsets from the line's first byte), or nil: the caller reads the line with the
    /// full scan (a line off the fast path, or not a record line).
    public var layout: RecordLineLayout?
    /// SHA-256 of the line's hashed bytes (`{` and the line after its hash member); only with a layout.
    public var digest = Digest32.zero
    /// Whether the stored hash is the hex of `digest`: always true with a layout (a line whose stored hash is not
    /// gets no layout, so that the full scan names what is wrong with it).
    public var hashMatches = false
    /// Whether `prev` is the stored hash of the line just before (nil when that line has no layout, or is not in
    /// this part of the chunk).
    public var prevMatchesLineBefore: Bool? = nil
}
