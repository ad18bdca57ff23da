#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension PosixFile {
    /// Reads a whole regular file of at most `bytesMax` bytes. The kind and size are checked on the open file
    /// (fstat) before anything is read, so a FIFO or device is refused at once instead of waiting for ever, and a
    /// huge file costs nothing; the read itself stops after `bytesMax + 1` bytes should the file grow meanwhile.
    /// - Parameter followLinks: false refuses a symbolic link (O_NOFOLLOW), for files inside a ledger directory.
    /// - Returns: the bytes and the status of the file they came from (its permission bits, for key files).
    /// - Throws: `InputFileError.notRegularFile`, `.tooLarge`, or `.file` for open and read errors.
    public static func readRegularFile(_ path: String, bytesMax: Int,
                                       followLinks: Bool = true) throws(InputFileError) -> (bytes: [UInt8], status: FileStatus) {
        precondition(bytesMax >= 0, "a size limit is not negative")
        let file: PosixFile
        let status: FileStatus
        do {
            file = try PosixFile(path: path, mode: .read, followLinks: followLinks)
            status = try file.status()
        } catch {
            throw .file(error)
        }
        defer { file.close() }
        guard status.kind == .regular else { throw .notRegularFile(path: path, kind: status.kind) }
        guard status.size <= Int64(bytesMax) else { throw .tooLarge(path: path, size: status.size, bytesMax: bytesMax) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.size))
        var chunk: [UInt8] = []
        while true {
            // Ask for what the file held when opened plus one byte (to see its end, or that it grew), not for the
            // limit: a buffer sized by the limit would be megabytes for a file of a few bytes.
            let expected = max(Int(status.size) - bytes.count, 0)
            let want = min(4 << 20, bytesMax + 1 - bytes.count, max(expected, 1 << 16) + 1)
            do { try file.read(at: Int64(bytes.count), count: want, into: &chunk) } catch { throw .file(error) }
            if chunk.isEmpty { break }
            bytes.append(contentsOf: chunk)
            guard bytes.count <= bytesMax else { throw .tooLarge(path: path, size: Int64(bytes.count), bytesMax: bytesMax) }
        }
        return (bytes, status)
    }
}
