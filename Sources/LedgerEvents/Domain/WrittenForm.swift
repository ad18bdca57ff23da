/// Which optional members of a payload were written as an explicit `null` (ledger-spec.md: "counts as absent"), and
/// which optional objects were written although empty. The typed value keeps this so that encoding a decoded record
/// gives back its bytes exactly; code that builds events leaves it empty (members absent). Each payload type names
/// its own bits (`PayloadCodec`).
public struct WrittenForm: Hashable, Sendable {
    public var bits: UInt32

    public init(bits: UInt32 = 0) { self.bits = bits }

    public func has(_ bit: UInt32) -> Bool { bits & bit != 0 }
    public mutating func insert(_ bit: UInt32) { bits |= bit }
}
