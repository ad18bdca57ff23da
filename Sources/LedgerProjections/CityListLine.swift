import LedgerChain
import LedgerEvents
import LedgerPlatform

/// One line of a whole-city list that `index/` keeps (ledger-spec.md 15.11, 15.12): what the report shows of one
/// community (`ledger communities`), common part (`assets`), contract (`contracts`) or decision (`decisions`) on
/// the as-of date, and nothing else, so that the report is written from the stored lines byte for byte as from the
/// projection.
public protocol CityListLine: Equatable, Sendable {
    /// The file in `index/` (one of `IndexTemporary.stems`), its kind and its version.
    static var fileName: String { get }
    static var kind: String { get }
    static var version: UInt32 { get }
    /// Whether the report shows personal fields (an inspector, a counterparty): the file then also keeps the
    /// commitments the log erases and those its facts name, which the warning about values missing from `private/`
    /// counts (15.12).
    static var showsPersons: Bool { get }
    /// The record the line's entity rests on. It lies in the entity's group of `index/scopes` (15.5: the
    /// registration, or the correction that replaced it, with every record that can change the line), so a line is
    /// made again exactly when its record's group is refolded.
    var evidence: Evidence { get }
    /// Whether the line comes before `other` in the report (by community id, then id): a strict order.
    func precedes(_ other: Self) -> Bool
    /// The line's bytes in the file's body (its section in ledger-spec.md gives the layout).
    func encode(into body: inout ByteWriter)
    /// What `encode` wrote; nil when the bytes are not such a line.
    static func decode(_ reader: inout LineReader) -> Self?
    /// Every line of the whole city on the projection's date, in report order.
    static func lines(of projection: Projection) -> [Self]
}
