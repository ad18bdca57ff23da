#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension PosixFile {
    /// Reads a whole regular file of at most `bytesMax` bytes. The kind is checked from the path before it is
    /// opened and again on the open file (`openRegular`), so a FIFO or device is refused at once, never opened,
    /// instead of waiting for ever; the size is checked before anything is read, so a huge file costs nothing; the read itself stops after `bytesMax + 1` bytes should the file grow meanwhile.
    /// - Parameter followLinks: false refuses a symbolic link (O_NOFOLLOW), for files inside a ledger directory.
    /// - Returns: the bytes and the status of the file they came from (its permission bits, for key files).
    /// - Throws: `InputFileError.notRegularFile`, `.tooLarge`, or `.file` for open and read errors.
    public static func readRegularFile(_ path: String, bytesMax: Int,
                                       followLinks: Bool = true) throws(InputFileError) -> (bytes: [UInt8], status: FileStatus) {
        precondition(bytesMax >= 0, "a size limit is not negative")
        let (file, status) = try openRegular(path, followLinks: followLinks)
        defer { file.close() }
        guard status.size <= Int64(bytesMax) else { throw .tooLarge(path: path, size: status.size, bytesMax: bytesMax) }
        // What the file held when opened plus one byte (to see its end, or that it grew), read straight into the
        // result: read in chunks and appended, a file of hundreds of MB (`index/rectify.list`) was copied once more.
        var bytes: [UInt8] = []
        do { try file.read(at: 0, count: min(Int(status.size), bytesMax) + 1, into: &bytes) } catch { throw .file(error) }
        guard bytes.count <= bytesMax else { throw .tooLarge(path: path, size: Int64(bytes.count), bytesMax: bytesMax) }
        if bytes.count <= Int(status.size) { return (bytes, status) }
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

    /// Opens a regular file for reading, refusing anything else by its kind before opening it (lstat(2), or stat(2)
    /// when links are followed): a FIFO, socket or device is never opened, since opening one may wait (a FIFO
    /// opened without O_NONBLOCK), hand over what another process writes into it, or act (a device). A symbolic link
    /// not followed is left to open(2), whose O_NOFOLLOW refuses it (ELOOP) as before. The open file's kind is
    /// checked again (fstat(2)): the path may name something else by then. `.read` opens with O_NONBLOCK, so even
    /// that file is never waited on.
    /// - Returns: the open file and its status (fstat).
    /// - Throws: `InputFileError.notRegularFile`, or `.file` for the open (a missing file: ENOENT, as before) and
    ///   fstat errors.
    public static func openRegular(_ path: String, followLinks: Bool = true) throws(InputFileError) -> (file: PosixFile, status: FileStatus) {
        if let kind = PosixFile.kind(at: path, followLinks: followLinks), kind != .regular, kind != .symbolicLink {
            throw .notRegularFile(path: path, kind: kind)
        }
        let file: PosixFile
        let status: FileStatus
        do {
            file = try PosixFile(path: path, mode: .read, followLinks: followLinks)
            status = try file.status()
        } catch {
            throw .file(error)
        }
        guard status.kind == .regular else {
            file.close()
            throw .notRegularFile(path: path, kind: status.kind)
        }
        return (file, status)
    }
}
