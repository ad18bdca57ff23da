import Foundation
import Testing

/// "All C and unsafe-pointer code stays in LedgerPlatform" (README's code layout), checked on the sources' text:
/// every Swift file under `Sources/` but `Sources/LedgerPlatform` is scanned for the constructs that reach raw memory
/// or C, and the test names each `file:line` found. Another module that needs one asks LedgerPlatform for a small
/// named primitive instead (`Bytes.u64`, `Bytes.appendLittleEndian`, `BackwardBytes`, `Hex.randomSuffix`, …).
@Suite struct PlatformBoundaryTests {
    /// The package's `Sources/`, found from this file's place (`Tests/LedgerPlatformTests/…`).
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources").path

    /// What is looked for: pointers and their scopes, unchecked casts and retains, and the C modules.
    static let constructs: [(name: String, pattern: String)] = [
        ("withUnsafe…", #"\bwithUnsafe\w*"#),
        ("Unsafe…Pointer", #"\bUnsafe\w*Pointer\b"#),
        ("UnsafeTemporaryAllocation", #"UnsafeTemporaryAllocation"#),
        ("unsafeBitCast / unsafeDowncast", #"\bunsafe(?:BitCast|Downcast)\b"#),
        ("Unmanaged", #"\bUnmanaged\b"#),
        ("unsafeAddress", #"\bunsafe(?:Mutable)?Address\b"#),
        ("unsafeUninitializedCapacity", #"\bunsafeUninitializedCapacity\b"#),
        ("OpaquePointer", #"\bOpaquePointer\b"#),
        ("withUTF8 / withUTF8Buffer (a pointer to a string's bytes)", #"\.withUTF8(?:Buffer)?\b"#),
        ("withContiguous…StorageIfAvailable", #"\bwithContiguous(?:Mutable)?StorageIfAvailable\b"#),
        ("assumingMemoryBound / bindMemory", #"\b(?:assumingMemoryBound|bindMemory)\b"#),
        ("import of a C module", #"^\s*(?:@_implementationOnly\s+|internal\s+|public\s+)?import\s+(?:Glibc|Musl|Darwin|COpenSSL)\b"#),
    ]

    /// A word each construct's line holds.
    static let keywords = ["nsafe", "Unmanaged", "OpaquePointer", "withUTF8", "withContiguous", "assumingMemoryBound",
                           "bindMemory", "import"]

    /// `file:line: construct: code` for each construct in `text`. Whole-line comments and the comment after ` // `
    /// are left out (a doc comment may name a primitive); string literals are not (none of these belongs in one).
    static func findings(in text: String, file: String) -> [String] {
        let patterns = constructs.map { (name: $0.name, regex: try! Regex($0.pattern).wordBoundaryKind(.simple)) }
        var out: [String] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var code = Substring(line)
            if code.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
            if let comment = code.range(of: " // ") { code = code[..<comment.lowerBound] }
            // Only lines with one of the constructs' words go through the expressions (a few seconds saved).
            guard keywords.contains(where: { code.contains($0) }) else { continue }
            for construct in patterns where code.contains(construct.regex) {
                out.append("\(file):\(number + 1): \(construct.name): \(code.trimmingCharacters(in: .whitespaces))")
            }
        }
        return out
    }

    /// The Swift files under `Sources/` outside LedgerPlatform, relative to `Sources/`.
    static func scannedFiles() -> [String] {
        let files = FileManager.default.enumerator(atPath: sources)?.compactMap { $0 as? String } ?? []
        return files.filter { $0.hasSuffix(".swift") && !$0.hasPrefix("LedgerPlatform/") }.sorted()
    }

    @Test("no unsafe pointer or C outside LedgerPlatform")
    func noUnsafeCodeOutsidePlatform() throws {
        let files = Self.scannedFiles()
        // The scan really looked: the modules are there (a wrong path would find nothing and pass).
        #expect(files.count > 100, "Swift files found under \(Self.sources): \(files.count)")
        #expect(files.contains("LedgerProjections/FundFold.swift"))
        var found: [String] = []
        for file in files {
            found += Self.findings(in: try String(contentsOfFile: Self.sources + "/" + file, encoding: .utf8), file: "Sources/" + file)
        }
        #expect(found.isEmpty, """
            unsafe-pointer or C code outside Sources/LedgerPlatform (move it into a primitive there):
            \(found.joined(separator: "\n"))
            """)
    }

    @Test("the scan finds each construct, and not in a comment")
    func scanFindsEachConstruct() {
        let planted = """
            bytes.withUnsafeBytes { $0.load(as: UInt64.self) }
            let p: UnsafeMutableRawPointer? = nil
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 8) { _ in }
            let f = unsafeBitCast(symbol, to: F.self)
            _ = Unmanaged.passRetained(object)
            var x: Int { unsafeAddress { fatalError() } }
            let a = [UInt8](unsafeUninitializedCapacity: 8) { _, n in n = 0 }
            let o: OpaquePointer? = nil
            text.withUTF8 { out.append(contentsOf: $0) }
            bytes.withContiguousStorageIfAvailable { _ in }
            raw.assumingMemoryBound(to: UInt8.self)
            import Glibc
            internal import COpenSSL
            // bytes.withUnsafeBytes in a comment
            let y = 1 // UnsafeRawPointer named in a trailing comment
            /// `Bytes.u64` (not `withUnsafeBytes`) in a doc comment
            let isUnsafe = DisplayText.isUnsafe(scalar)
            """
        let found = Self.findings(in: planted, file: "Planted.swift")
        let lines = Set(found.map { $0.split(separator: ":")[1] })
        #expect(lines == Set((1...13).map { Substring(String($0)) }), "\(found.joined(separator: "\n"))")
        #expect(found.first?.hasPrefix("Planted.swift:1: withUnsafe…: bytes.withUnsafeBytes") == true)
    }

    /// An import of Foundation (or of one of its parts but FoundationEssentials) in `text`: `file:line: code`.
    static func foundationImports(in text: String, file: String) -> [String] {
        let pattern = try! Regex(#"(?:^|;)\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+(?:(?:class|struct|enum|func|var|let|protocol|typealias)\s+)?(?:Core)?Foundation(?!Essentials\b)\w*\b"#).wordBoundaryKind(.simple)
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { number, line in
            line.contains(pattern) ? "\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))" : nil
        }
    }

    /// The program loads no Foundation: it and the ICU data it maps cost every `ledger` process some 5 ms of wall time
    /// before its work began (docs/perf-start28.md). FoundationEssentials (`ProcessInfo`, `FileManager`, `UUID`) is
    /// light; the benchmark (`ledger-bench`) may use all of Foundation, as the tests do.
    @Test("no module of the program imports Foundation")
    func noFoundationInTheProgram() throws {
        let files = (FileManager.default.enumerator(atPath: Self.sources)?.compactMap { $0 as? String } ?? [])
            .filter { $0.hasSuffix(".swift") && !$0.hasPrefix("ledger-bench/") }.sorted()
        #expect(files.contains("LedgerPlatform/Parallel.swift") && files.contains("ledger/main.swift"))
        var found: [String] = []
        for file in files {
            found += Self.foundationImports(in: try String(contentsOfFile: Self.sources + "/" + file, encoding: .utf8), file: "Sources/" + file)
        }
        #expect(found.isEmpty, "Foundation imported by the program (use FoundationEssentials or LedgerPlatform):\n\(found.joined(separator: "\n"))")
        let planted = """
            import Foundation
            @preconcurrency import Foundation
            import FoundationInternationalization
            import class Foundation.Thread
            @_exported import Foundation
            private import Foundation
            @_spi(X) @preconcurrency public import Foundation
            import Dispatch; import Foundation
            import CoreFoundation
            import FoundationEssentials
            internal import FoundationEssentials
            // import Foundation
            import LedgerPlatform
            """
        #expect(Self.foundationImports(in: planted, file: "P").map { $0.split(separator: ":")[1] } == ["1", "2", "3", "4", "5", "6", "7", "8", "9"])
    }
}
