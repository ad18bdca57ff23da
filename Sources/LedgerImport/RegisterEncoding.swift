import LedgerEvents
import LedgerPlatform
import LedgerProjections

/// The text encoding of a register file.
public enum RegisterEncoding: String, Sendable, Equatable, CaseIterable {
    /// UTF-8 (with or without a byte-order mark).
    case utf8
    /// GB18030, a superset of GBK and GB2312: what Chinese Excel and WPS save as "CSV" by default.
    case gb18030
}
