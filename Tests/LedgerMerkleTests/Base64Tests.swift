import LedgerMerkle
import Testing

/// Base64 is strict (one spelling per byte string): keys, signatures and roots are read from files people can
/// edit, so every other spelling of the same bytes must be refused, not decoded.
@Suite struct Base64Tests {
    @Test func roundTripsEveryLengthMod3() {
        for count in 0..<10 {
            let bytes = (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 200) }
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
        }
        #expect(Base64.encode(Array("foobar".utf8)) == "Zm9vYmFy")
        #expect(Base64.encode(Array("fo".utf8)) == "Zm8=")
    }

    @Test(arguments: [
        ("Zm8", "length not a multiple of 4"),
        ("Zm8==", "length not a multiple of 4"),
        ("Zm9=Zm8=", "padding before the end"),
        ("Z===", "padding in the second place"),
        ("=m8=", "padding in the first place"),
        ("Zm=8", "data after padding"),
        ("Zm9", "missing padding"),
        ("Zm9v YmFy", "a space"),
        ("Zm9vYmFy\n", "a line end"),
        ("Zm9-YmFy", "base64url's '-'"),
        ("Zm9_YmFy", "base64url's '_'"),
        ("Zm9=", "non-zero unused bits with one pad (Zm8= is the spelling)"),
        ("Zh==", "non-zero unused bits with two pads (Zg== is the spelling)"),
        ("Zm9vYé=", "a non-ASCII character"),
    ])
    func rejects(_ text: String, _ why: String) {
        #expect(Base64.decode(text) == nil, "\(why)")
    }

    @Test func emptyTextIsNoBytes() {
        #expect(Base64.decode("") == [])
    }
}
