import LedgerPlatform

/// Integer helpers for tree shapes. Sizes and indices are `UInt64`, 0-based, as in RFC 6962.
public enum TreeMath {
    /// The largest power of two strictly less than `n` (n ≥ 2): where RFC 6962 splits a tree of `n` leaves.
    public static func splitPoint(_ n: UInt64) -> UInt64 {
        precondition(n >= 2, "a tree of fewer than two leaves has no split")
        return UInt64(1) << (63 - (n - 1).leadingZeroBitCount)
    }

    /// True when `n` is a power of two (1, 2, 4, …).
    public static func isPowerOfTwo(_ n: UInt64) -> Bool { n != 0 && n & (n - 1) == 0 }

    /// The perfect subtrees that make up a range of `count` leaves starting at `start`, left to right, as
    /// (level, index) pairs: the RFC 6962 shape of `MTH(D[start:start+count])` when `start` is a multiple of the
    /// largest power of two not above `count` (always true for ranges the RFC recursion produces).
    public static func perfectSubtrees(start: UInt64, count: UInt64) -> [(level: Int, index: UInt64)] {
        var out: [(level: Int, index: UInt64)] = []
        var begin = start
        var rest = count
        while rest > 0 {
            let level = 63 - rest.leadingZeroBitCount
            precondition(begin & ((UInt64(1) << level) - 1) == 0, "range start is not aligned to its largest subtree")
            out.append((level, begin >> level))
            begin += UInt64(1) << level
            rest -= UInt64(1) << level
        }
        return out
    }
}
