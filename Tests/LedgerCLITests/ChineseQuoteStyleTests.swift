import Foundation
import LedgerPlatform
import Testing

/// Chinese text quotes as GB/T 15834-2011 (issue 15): “ ” for a field, value or command, 《》 only for titles,
/// never corner brackets (U+300C, U+300D) and never straight quotes used as quotation marks. Scans every Swift
/// source file: no corner bracket at all,
/// and no `\"` in the Chinese text of a `zh:` argument unless the quotes are syntax there (a JSON example in
/// braces, a JSON string as written, the CSV quote character). README "Language" states the rule;
/// scripts/zh-quotes.py made the change.
@Suite struct ChineseQuoteStyleTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path + "/Sources"

    static func swiftFiles() throws -> [String] {
        var out: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: sources)
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".swift") { out.append(sources + "/" + path) }
        }
        return out.sorted()
    }

    /// The body of each one-line string literal given as a `zh:` argument on `line`.
    static func zhLiterals(_ line: Substring) -> [Substring] {
        var out: [Substring] = []
        var rest = line[...]
        while let found = rest.range(of: "zh: \"") {
            var end = found.upperBound
            var escaped = false
            while end < rest.endIndex {
                let c = rest[end]
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { break }
                end = rest.index(after: end)
            }
            out.append(rest[found.upperBound..<end])
            rest = end < rest.endIndex ? rest[rest.index(after: end)...] : ""
        }
        return out
    }

    @Test func noCornerBracketsAndNoStraightQuotationInChineseText() throws {
        let files = try Self.swiftFiles()
        #expect(files.count > 100, "found the sources")
        var offences: [String] = []
        for file in files {
            let text = String(decoding: try PosixFile(path: file, mode: .read).readAll(), as: UTF8.self)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let place = "\(file.dropFirst(Self.sources.count + 1)):\(index + 1)"
                if line.contains("\u{300C}") || line.contains("\u{300D}") { offences.append("\(place): corner bracket") }
                for body in Self.zhLiterals(line) where body.contains("\\\"") {
                    let syntax = body.contains("{") || body.contains("JSON") || body.contains("字符串") || body.contains("文字（如")
                        || body.contains("（\\\"）") || body.contains("\\\"\\\"")
                    if !syntax { offences.append("\(place): \(body)") }
                }
            }
        }
        #expect(offences.isEmpty, "Chinese text quotes with “ ” (GB/T 15834-2011): \(offences.joined(separator: "\n"))")
    }

    /// The lines of each multi-line `zh: """` literal in `text` (help texts), with their line numbers.
    static func zhBlocks(_ text: String) -> [(line: Int, body: Substring)] {
        var out: [(line: Int, body: Substring)] = []
        var inside = false
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if inside {
                if line.drop(while: { $0 == " " }).hasPrefix("\"\"\"") { inside = false } else { out.append((index + 1, line)) }
            } else if line.hasSuffix("zh: \"\"\"") {
                inside = true
            }
        }
        return out
    }

    /// The same rule for the multi-line Chinese literals (the help texts), where a quotation mark needs no escape.
    @Test func noStraightQuotationInChineseHelpText() throws {
        var offences: [String] = []
        for file in try Self.swiftFiles() {
            let text = String(decoding: try PosixFile(path: file, mode: .read).readAll(), as: UTF8.self)
            for (line, body) in Self.zhBlocks(text) where body.contains("\"") {
                let syntax = body.contains("{") || body.contains("JSON") || body.contains("字符串") || body.contains("\"\"")
                if !syntax { offences.append("\(file.dropFirst(Self.sources.count + 1)):\(line): \(body)") }
            }
        }
        #expect(offences.isEmpty, "Chinese help text quotes with “ ” (GB/T 15834-2011): \(offences.joined(separator: "\n"))")
        #expect(Self.zhBlocks("x\n  \"\"\", zh: \"\"\"\n  报告写\"结果\"\n  \"\"\")\n").map(\.body) == [#"  报告写"结果""#])
    }

    /// The test can fail: a straight-quoted value in a `zh:` argument is found.
    @Test func theScanFindsTheOldStyles() {
        #expect(Self.zhLiterals(#"Wording(en: "x", zh: "资金账户 \"F-9\" 尚未登记")"#) == [#"资金账户 \"F-9\" 尚未登记"#])
        #expect(Self.zhLiterals(#"Wording(en: "x", zh: "a") + Wording(en: "y", zh: "b")"#) == ["a", "b"])
    }

    /// The one-line string literals of `line` that are not an `en:` or `zh:` argument, with their bodies.
    static func otherLiterals(_ line: Substring) -> [Substring] {
        var out: [Substring] = []
        var index = line.startIndex
        while let open = line[index...].firstIndex(of: "\"") {
            let before = line[line.startIndex..<open]
            var end = line.index(after: open)
            var escaped = false
            while end < line.endIndex {
                let c = line[end]
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { break }
                end = line.index(after: end)
            }
            if !before.hasSuffix("en: ") && !before.hasSuffix("zh: ") { out.append(line[line.index(after: open)..<end]) }
            guard end < line.endIndex else { break }
            index = line.index(after: end)
        }
        return out
    }

    static func hasCJK(_ text: Substring) -> Bool {
        text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0x3000...0x303F).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
    }

    /// Chinese built outside `zh:` arguments (#15: `ImportWords.Asset.changed` got one English-quoted string for
    /// both languages). Two rules with no exceptions to argue: a `Wording(same:)` — one text for both languages —
    /// holds no quotation mark and no Chinese (it is for ids, codes and numbers; quoting differs by language); and
    /// a literal outside `en:`/`zh:` that holds Chinese quotes a value only with “ ”, unless its straight quotes are
    /// syntax (JSON or HTML in it, the CSV quote character) or it is listed here as data.
    @Test func chineseBuiltOutsideZhArgumentsQuotesTheChineseWay() throws {
        let data: Set<String> = [
            "LedgerSynthetic/SyntheticRegister.swift",  // a CSV row of synthetic data: its quotes are the CSV's
            "LedgerCLI/Commands/DemoSample.swift",      // the demo's records: a name holds quotes on purpose
        ]
        var offences: [String] = []
        for file in try Self.swiftFiles() {
            let relative = String(file.dropFirst(Self.sources.count + 1))
            let text = String(decoding: try PosixFile(path: file, mode: .read).readAll(), as: UTF8.self)
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.drop(while: { $0 == " " }).hasPrefix("//") { continue }
                var rest = line[...]
                while let found = rest.range(of: "Wording(same: \"") {
                    let body = Self.otherLiterals(rest[rest.index(before: found.upperBound)...]).first ?? ""
                    if body.contains("\\\"") || body.contains("“") || Self.hasCJK(body) {
                        offences.append("\(relative):\(index + 1): Wording(same:) \(body)")
                    }
                    rest = rest[found.upperBound...]
                }
                guard !data.contains(relative) else { continue }
                for body in Self.otherLiterals(line) where Self.hasCJK(body) && body.contains("\\\"\\(") {
                    let syntax = body.contains("{") || body.contains("=\\\"") || body.contains("\\\"\\\"")
                    if !syntax { offences.append("\(relative):\(index + 1): \(body)") }
                }
            }
        }
        #expect(offences.isEmpty, "Chinese quotes with “ ”; a text for both languages quotes nothing: \(offences.joined(separator: "\n"))")
    }

    /// The scan can fail: the old form of the asset-change line is found.
    @Test func theScanFindsAWordingForBothLanguagesWithQuotes() {
        let old = #"fields.append(Wording(same: "\(key) \"\(a)\" → \"\(b)\""))"#
        let start = old.range(of: "Wording(same: \"")!
        let body = Self.otherLiterals(old[old.index(before: start.upperBound)...]).first ?? ""
        #expect(body.contains("\\\""))
        #expect(Self.otherLiterals(#"x(en: "a", zh: "b") + "甲\"\(v)\"乙""#) == [#"甲\"\(v)\"乙"#])
    }
}
