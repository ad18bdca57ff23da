import Foundation
@testable import LedgerPlatform
import LedgerTestSupport
import Testing

/// `PosixDirectory.names()` lists by UTF-8 bytes (session 51: compared with `memcmp`, no longer by the generic walk):
/// the order is the bytes' order for every pair of names — ASCII, Han, a prefix of the other, equal, empty — and a
/// directory's listing comes back in it.
@Suite struct PosixDirectoryOrderTests {
    static let pieces = ["a", "b", "A", "0", "f", ".", "-", "张", "伟", "é", "e\u{301}", "😀", "\u{7F}", "\u{80}", "ab", ""]

    @Test(arguments: [UInt64(5111), 5112, 5113])
    func memcmpOrderIsTheBytesOrder(_ seed: UInt64) {
        var random = SplitMix64(seed: seed)
        for round in 0..<2000 {
            var a = "", b = ""
            for _ in 0..<random.within(0...4) { a += random.pick(Self.pieces) }
            // Often a prefix of the other, or the same.
            b = random.chance(30) ? a : ""
            for _ in 0..<random.within(0...4) { b += random.pick(Self.pieces) }
            #expect(PosixDirectory.utf8Precedes(a, b) == a.utf8.lexicographicallyPrecedes(b.utf8), "seed \(seed) round \(round): \(Array(a.utf8)) \(Array(b.utf8))")
            #expect(PosixDirectory.utf8Precedes(b, a) == b.utf8.lexicographicallyPrecedes(a.utf8), "seed \(seed) round \(round)")
        }
    }

    @Test func aListingComesInByteOrder() throws {
        let temp = TemporaryDirectory("posix-dir-order")
        let names = ["b", "a", "B", "ab", "张", "é", "e\u{301}", "0f", String(repeating: "f", count: 64), "Z"]
        for name in names { FileManager.default.createFile(atPath: temp.path + "/" + name, contents: Data()) }
        let directory = try PosixDirectory(path: temp.path)
        let listed = try directory.names()
        #expect(listed == names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(listed.count == names.count)
    }
}
