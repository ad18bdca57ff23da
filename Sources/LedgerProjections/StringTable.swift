import LedgerChain
import LedgerEvents
import LedgerPlatform

/// Strings interned once: each distinct string gets a dense `Int32`, so a fold compares and indexes integers and
/// keeps the strings only for output.
public struct StringTable: Sendable {
    private var numbers: [String: Int32] = [:]
    /// The strings, by number.
    public private(set) var strings: [String] = []
    /// Numbers already looked up by UTF-8 bytes (`intern(utf8:)`): a byte compare instead of a `String` made and
    /// hashed per lookup.
    private var byBytes = ByteKeyTable()

    public init() {}

    /// The number of `string`, given a new one the first time it is seen.
    public mutating func intern(_ string: String) -> Int32 {
        if let number = numbers[string] { return number }
        let number = Int32(strings.count)
        numbers[string] = number
        strings.append(string)
        return number
    }

    /// The number of `string`, if it was interned.
    public func number(of string: String) -> Int32? { numbers[string] }

    /// `intern(String(decoding: utf8, as: UTF8.self))`, the bytes looked up first among those looked up before: the
    /// same number, since equal bytes are equal strings (a string is made, and `String`'s equality — canonical
    /// equivalence — used, only the first time these bytes are seen).
    /// - Returns: the number, and whether the interned string's bytes differ from `utf8` (a canonically equivalent
    ///   form was interned first); said only the first time these bytes are seen, false after.
    mutating func intern(utf8: ArraySlice<UInt8>) -> (number: Int32, otherForm: Bool) {
        let hash = ByteKeyTable.hash(utf8)
        if let number = byBytes.find(utf8, hash: hash) { return (number, false) }
        let string = String(decoding: utf8, as: UTF8.self)
        let number = intern(string)
        byBytes.insert(utf8, hash: hash, value: number)
        return (number, !strings[Int(number)].utf8.elementsEqual(utf8))
    }

    public subscript(number: Int32) -> String { strings[Int(number)] }
    public var count: Int { strings.count }
}
