#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

public enum StandardStreams {
    /// The streams that were closed when the process started.
    private static let closedAtStart: Set<Int32> = {
        // A write to a closed pipe must be an EPIPE error, not a silent death by SIGPIPE.
        _ = signal(SIGPIPE, SIG_IGN)
        var closed: Set<Int32> = []
        for fd: Int32 in 0...2 where fcntl(fd, F_GETFD) == -1 && errno == EBADF {
            // Occupy the slot with /dev/null: otherwise the next file opened (the log!) would become fd 1 and
            // everything printed would be written into it. open(2) takes the lowest free descriptor, this one.
            let opened = open("/dev/null", O_RDWR)
            if opened >= 0, opened != fd {
                _ = dup2(opened, fd)
                _ = Glibc.close(opened)
            }
            closed.insert(fd)
        }
        return closed
    }()

    /// Ignores SIGPIPE and occupies standard descriptors that were closed at start (see `write`). Call it first
    /// thing in `main`, before any file is opened; later calls do nothing.
    public static func prepare() { _ = closedAtStart }

    /// Writes all of `bytes` to `stream`; EINTR is retried, EAGAIN waits until the stream is writable.
    /// - Throws: `FileError` with the stream's name as its path: EPIPE (the reader went away), ENOSPC, EIO, or
    ///   EBADF for a stream that was closed when the process started.
    public static func write(_ bytes: [UInt8], to stream: StandardStream) throws(FileError) {
        let fd = stream.descriptor
        guard !closedAtStart.contains(fd) else {
            throw FileError(path: stream.description, operation: "write", code: EBADF, detail: "it is closed")
        }
        try PosixFile.writeAll(bytes, to: fd, path: stream.description)
    }

    /// Reads standard input to its end, but never more than `bytesMax + 1` bytes (so a caller can tell "over the
    /// limit" from "exactly at it" without reading an endless stream).
    public static func readInput(bytesMax: Int) throws(FileError) -> [UInt8] {
        guard !closedAtStart.contains(0) else {
            throw FileError(path: StandardStream.input.description, operation: "read", code: EBADF, detail: "it is closed")
        }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= bytesMax {
            let want = min(chunk.count, bytesMax + 1 - bytes.count)
            let n = chunk.withUnsafeMutableBytes { raw in Glibc.read(0, raw.baseAddress!, want) }
            if n < 0 {
                let code = errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK {
                    var poller = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
                    _ = poll(&poller, 1, -1)
                    continue
                }
                throw FileError(path: StandardStream.input.description, operation: "read", code: code)
            }
            if n == 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Whether `stream` is a terminal (isatty).
    public static func isTerminal(_ stream: StandardStream) -> Bool { isatty(stream.descriptor) == 1 }
}
