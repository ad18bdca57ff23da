#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension Bytes {
    /// Whether `a` and `b` are the same UTF-8 bytes (`a.utf8.elementsEqual(b.utf8)`; not `==`, which also equates
    /// canonically equivalent text): the lengths, then one `memcmp`. The generic comparison of two `UTF8View`s cost
    /// some hundred instructions for a short id (the checks compare an id with the entity numbered for it at every
    /// reference).
    public static func sameUTF8(_ a: String, _ b: String) -> Bool {
        let count = a.utf8.count
        guard count == b.utf8.count else { return false }
        guard count > 0 else { return true }
        var a = a, b = b
        return a.withUTF8 { pa in b.withUTF8 { pb in memcmp(pa.baseAddress!, pb.baseAddress!, count) == 0 } }
    }
}
