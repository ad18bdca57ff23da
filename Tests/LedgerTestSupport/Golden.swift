import Foundation
import Testing

/// Golden-file comparison, the one helper every golden test uses: `RECORD_GOLDEN=1` rewrites the file and fails,
/// so nothing is accepted silently.
public enum Golden {
    /// Compares `bytes` with `folder/name`; returns a failure message or nil when equal.
    public static func check(_ bytes: [UInt8], folder: String, name: String) -> String? {
        check(bytes, path: folder + "/" + name)
    }

    /// Compares `bytes` with the file at `path`; returns a failure message or nil when equal.
    public static func check(_ bytes: [UInt8], path: String) -> String? {
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                     withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
            return "recorded \(path); review the diff and run again without RECORD_GOLDEN"
        }
        guard let expected = FileManager.default.contents(atPath: path) else {
            return "missing golden file \(path); run with RECORD_GOLDEN=1 to create it"
        }
        guard [UInt8](expected) == bytes else {
            let a = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let b = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            let want = line < a.count ? String(a[line]) : "<end>"
            let got = line < b.count ? String(b[line]) : "<end>"
            return "\(path) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n(RECORD_GOLDEN=1 re-records)"
        }
        return nil
    }

    /// Records an issue unless `bytes` equal the file at `path` (see `check`).
    public static func expect(_ bytes: [UInt8], path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        if let problem = check(bytes, path: path) { Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation) }
    }

    /// Records an issue unless the UTF-8 of `text` equals the file at `path`.
    public static func expect(_ text: String, path: String, sourceLocation: SourceLocation = #_sourceLocation) {
        expect(Array(text.utf8), path: path, sourceLocation: sourceLocation)
    }
}
