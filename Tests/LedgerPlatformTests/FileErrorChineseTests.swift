import Glibc
import LedgerPlatform
import Testing

/// The C library's texts of the file errors a clerk can meet are Chinese under `--lang zh` (#15).
@Suite struct FileErrorChineseTests {
    @Test func commonErrorsHaveChineseReasons() {
        let codes: [Int32] = [ENOENT, EACCES, EPERM, ENOSPC, EROFS, EISDIR, ENOTDIR, EEXIST, EIO, EMFILE, ENFILE, ENAMETOOLONG,
                              ELOOP, EBUSY, EDQUOT, EFBIG, EXDEV, ETXTBSY, ENOTEMPTY, EAGAIN, EINTR, EINVAL, EBADF, ENXIO, EPIPE,
                              ENOMEM, ESTALE, ETIMEDOUT, ENODEV, ESPIPE, EOVERFLOW, EOPNOTSUPP, ENOLCK, EMLINK, ENOSYS]
        for code in codes {
            let reason = FileError(path: "p", operation: "open", code: code).chineseReason
            #expect(reason != nil, "errno \(code): \(String(cString: strerror(code)))")
            #expect(reason.map { $0.firstMatch(of: /[a-z]{3,}/) == nil } ?? false, "errno \(code): \(reason ?? "")")
        }
    }
}
