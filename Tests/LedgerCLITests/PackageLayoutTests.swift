import Foundation
import LedgerTestSupport
import Testing

/// The architecture is said three times — the sources' `import`s, `Package.swift` and README's code-layout
/// table — and they must say the same: a target that imports a module declares it (no reliance on a transitive
/// import), declares nothing it does not import, and its README row lists exactly those `Ledger…` modules.
@Suite struct PackageLayoutTests {
    static let root = SampleRecords.packageRoot

    /// Each target's declared `Ledger…` dependencies (and `ledger-bench`, whose module is `ledger_bench`: a test
    /// target imports it `@testable`), read from Package.swift's text.
    static func declared() throws -> [String: Set<String>] {
        let text = try String(contentsOfFile: root + "/Package.swift", encoding: .utf8)
        let pattern = try NSRegularExpression(pattern: #"name: "([A-Za-z-]+)",\s*dependencies: \[([^\]]*)\]"#)
        var result: [String: Set<String>] = [:]
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
            let name = String(text[Range(match.range(at: 1), in: text)!])
            let list = String(text[Range(match.range(at: 2), in: text)!])
            result[name] = Set(list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines.union(["\""])) }
                .filter { $0.hasPrefix("Ledger") || $0 == "ledger-bench" }
                .map { $0.replacingOccurrences(of: "-", with: "_") })
        }
        return result
    }

    /// The `Ledger…` modules (and `ledger_bench`) the Swift files under `<folder>/<target>` import (`@testable` or not).
    static func imported(_ target: String, under folder: String = "Sources") throws -> Set<String> {
        let folder = root + "/" + folder + "/" + target
        var modules = Set<String>()
        let files = FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
            for line in text.split(separator: "\n") {
                let statement = line.hasPrefix("@testable ") ? line.dropFirst("@testable ".count) : line[...]
                guard statement.hasPrefix("import Ledger") || statement.hasPrefix("import ledger_bench") else { continue }
                modules.insert(String(statement.dropFirst("import ".count)).trimmingCharacters(in: .whitespaces))
            }
        }
        modules.remove(target.replacingOccurrences(of: "-", with: "_"))
        return modules
    }

    @Test func everySourceTargetDeclaresExactlyWhatItImports() throws {
        let declared = try Self.declared()
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/Sources").filter { $0 != "COpenSSL" }
        #expect(targets.count >= 12)
        for target in targets.sorted() {
            let deps = try #require(declared[target], "\(target) has no dependencies list in Package.swift")
            let imports = try Self.imported(target)
            #expect(imports.subtracting(deps).isEmpty, "\(target) imports \(imports.subtracting(deps).sorted()) without declaring them")
            #expect(deps.subtracting(imports).isEmpty, "\(target) declares \(deps.subtracting(imports).sorted()) but never imports them")
        }
    }

    /// Test targets too: a test that imports a module it does not declare builds only while some declared module
    /// happens to pull it in, and breaks when that one stops.
    @Test func everyTestTargetDeclaresExactlyWhatItImports() throws {
        let declared = try Self.declared()
        let targets = try FileManager.default.contentsOfDirectory(atPath: Self.root + "/Tests")
        #expect(targets.count >= 12)
        for target in targets.sorted() {
            let deps = try #require(declared[target], "\(target) has no dependencies list in Package.swift")
            let imports = try Self.imported(target, under: "Tests")
            #expect(imports.subtracting(deps).isEmpty, "\(target) imports \(imports.subtracting(deps).sorted()) without declaring them")
            #expect(deps.subtracting(imports).isEmpty, "\(target) declares \(deps.subtracting(imports).sorted()) but never imports them")
        }
    }

    @Test func readmeLayoutTableListsEachLibraryTargetsDependencies() throws {
        let declared = try Self.declared()
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Code layout").dropFirst().first)
        var checked = 0
        for line in section.split(separator: "\n").prefix(while: { !$0.hasPrefix("## ") }) where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            // The first library target the row names (`COpenSSL`, `LedgerPlatform` → LedgerPlatform).
            guard let target = cells[0].split(separator: "`").map(String.init).first(where: { $0.hasPrefix("Ledger") }) else { continue }
            let listed = cells[1] == "—" ? [] : cells[1].split(separator: "(")[0].split(separator: ",")
                .map { "Ledger" + $0.trimmingCharacters(in: .whitespaces) }
            #expect(Set(listed) == declared[target], "README's row for \(target) lists \(listed.sorted()), Package.swift \(declared[target]?.sorted() ?? [])")
            checked += 1
        }
        #expect(checked >= 11)
    }
}
