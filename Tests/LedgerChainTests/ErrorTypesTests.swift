import Foundation
import Testing

/// Issue 17, "one error type per module": the modules that have one declare no other type conforming to `Error`
/// (LedgerChain's problems — `DerivedStateProblem`, `LineProblem`, … — are values its `ChainError` carries), checked
/// on the sources' text as `PlatformBoundaryTests` checks the unsafe code.
@Suite struct ErrorTypesTests {
    /// The package's `Sources/`, found from this file's place (`Tests/LedgerChainTests/…`).
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources").path

    /// Each module and the one error type it throws.
    static let modules = ["LedgerChain": "ChainError", "LedgerImport": "ImportError", "LedgerEvents": "EventError",
                          "LedgerMerkle": "AuditError"]

    /// The names of the types `text` declares (or extends) as conforming to `Error`.
    static func errorTypes(in text: String) -> [String] {
        let declaration = /^\s*(?:(?:public|internal|private|fileprivate|package|final|indirect)\s+)*(?:struct|enum|class|actor|extension)\s+([\w.]+)(?:<[^>]*>)?\s*:([^{]*)/
        return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            guard let match = line.firstMatch(of: declaration), match.output.2.contains(/\bError\b/) else { return nil }
            return String(match.output.1)
        }
    }

    @Test func eachModuleDeclaresOnlyItsOneErrorType() throws {
        for (module, errorType) in Self.modules.sorted(by: { $0.key < $1.key }) {
            let directory = Self.sources + "/" + module
            let files = try FileManager.default.subpathsOfDirectory(atPath: directory).filter { $0.hasSuffix(".swift") }.sorted()
            #expect(!files.isEmpty, "\(directory)")
            var found: [String] = []
            for file in files {
                let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
                found += Self.errorTypes(in: text).map { "\(module)/\(file): \($0)" }
            }
            #expect(found == ["\(module)/\(errorType).swift: \(errorType)"], "\(module): \(found)")
        }
    }

    /// The scan finds each form of declaration, and not a type that only mentions an error.
    @Test func theScanFindsEachForm() {
        let planted = """
        public enum ChainError: Error, Equatable {
            public enum LineProblem: Equatable, Sendable {
            public struct AcknowledgedDamage: Error, Equatable, Sendable {
        struct MaintainFailure: Error {
        extension ChainError.ResumeProblem: Error {}
        final class Failure: LocalizedError {
        public indirect enum Generic<T>: Equatable, Error {
        enum Kind: Equatable { case error(ErrorValue) }
        """
        #expect(Self.errorTypes(in: planted) == ["ChainError", "AcknowledgedDamage", "MaintainFailure", "ChainError.ResumeProblem", "Generic"])
    }
}
