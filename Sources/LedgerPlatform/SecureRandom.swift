#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
internal import COpenSSL

/// Random bytes from OpenSSL's CSPRNG (`RAND_bytes`), for salts. The library never calls this itself: the command
/// line passes a source in, so tests can fix it.
public enum SecureRandom {
    /// `count` random bytes.
    /// - Throws: `FileError` (operation "RAND_bytes") when the generator fails, which a caller reports, never ignores.
    public static func bytes(_ count: Int) throws(FileError) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        let ok = out.withUnsafeMutableBytes { raw in
            RAND_bytes(raw.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(count))
        }
        guard ok == 1 else { throw FileError(path: "(random source)", operation: "RAND_bytes", code: EIO) }
        return out
    }
}
