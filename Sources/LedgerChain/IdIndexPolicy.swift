/// When the writer's id index writes and merges its tables (ledger-spec.md section 15.3). The records after the
/// newest table are held in memory (the delta) and read from the log when a writer opens; when they are due they
/// become a new table, merged with the newest tables while those are of the same size class or smaller.
///
/// A table's **size class** is ⌊log_ratio(count / deltaMax)⌋ (0 below `deltaMax · ratio`). A flush merges the delta
/// with the newest tables for as long as the newest's class is not above the class of what it has gathered; the
/// tables then have strictly falling classes from the base (`index/ids`) to the newest, so there are at most
/// log_ratio(records / deltaMax) + 1 of them (5 at 10 million records written 1,024 at a time, 4 when 65,536 at a
/// time), and an entry is rewritten at most `ratio` times per class it passes through: the bytes written over a
/// run of N records grow as N log N. (Version 1 had two tables, the second rewritten whole at every flush until it
/// reached 1/16 of the base: at 10 million records a single append's flush rewrote some 625,000 entries, 15 MB,
/// every 1,024 records, and the bytes written grew as N²: `IdIndexMergeTests`.)
///
/// `deltaMax` was 4,096: reading and verifying that many records took some 15 ms of an append (half of it at 10
/// million records); at 1,024 a single append reads at most some 0.3 MB of log when it opens.
///
/// A writer that stays open (an import, a batch writer, `ledger-bench`) writes the delta only when it closes, or
/// once `heldMax` records are held in memory: writing a table (and syncing it and its directory) after every 1,024
/// records cost more than the appends themselves. A writer killed before closing leaves at most `heldMax` records
/// for the next open to read from the log (some tenths of a second, once).
public struct IdIndexPolicy: Sendable {
    /// Records after the newest table that make the writer write them as a table when it closes; also the unit
    /// of the size classes.
    public var deltaMax: Int
    /// Records after the newest table that make an open writer write them at once, after an append.
    public var heldMax: Int
    /// The factor between one size class and the next (at least 2).
    public var ratio: Int64

    /// `heldMax` is `deltaMax` unless given: a writer then writes the table as soon as it is due (tests).
    public init(deltaMax: Int = 1_024, heldMax: Int? = nil, ratio: Int64 = 8) {
        self.deltaMax = max(deltaMax, 0); self.heldMax = max(heldMax ?? deltaMax, deltaMax)
        self.ratio = max(ratio, 2)
    }

    public static let standard = IdIndexPolicy(heldMax: 65_536)

    /// A table's size class: ⌊log_ratio(count / deltaMax)⌋, 0 below `deltaMax · ratio`.
    func sizeClass(_ count: Int64) -> Int {
        var units = count / Int64(max(deltaMax, 1))
        var k = 0
        while units >= ratio { units /= ratio; k += 1 }
        return k
    }
}
