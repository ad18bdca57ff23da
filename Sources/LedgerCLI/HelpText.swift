import LedgerReports

/// Renders `--help` from a command's declaration, in English or Chinese, wrapped to `width` terminal columns
/// (CJK characters count two).
enum HelpText {
    static let width = 110

    static func render(_ command: Command, _ language: ReportLanguage) -> String {
        let zh = language == .zh
        var text = usage(command, language) + "\n"
        text += "\n" + trimmed(command.about.text(language)) + "\n"
        text += "\n" + (zh ? "选项：" : "Options:") + "\n"
        text += optionList(command.options, language)
        if let notes = command.notes { text += "\n" + trimmed(notes.text(language)) + "\n" }
        text += "\n" + wrap((zh ? "退出状态：" : "Exit status: ") + command.exitStatus.text(language), indent: "", firstIndent: "") + "\n"
        return text
    }

    /// `Usage: ledger NAME POSITIONALS --required X [--option V]... ` wrapped under the command name.
    static func usage(_ command: Command, _ language: ReportLanguage) -> String {
        let head = (language == .zh ? "用法：" : "Usage: ") + "ledger " + command.name
        var words: [String] = []
        switch command.positionals {
        case .exactly(let names): words += names
        case .described(let text): words.append(text)
        }
        for option in command.options.sorted(by: { $0.required && !$1.required }) {
            let synopsis = option.synopsis + (option.repeatable ? "..." : "")
            words.append(option.required ? synopsis : "[" + synopsis + "]")
        }
        let indent = String(repeating: " ", count: DisplayWidth.of(head) + 1)
        var lines: [String] = []
        var line = head
        for word in words {
            if DisplayWidth.of(line) + 1 + DisplayWidth.of(word) > width, line != head {
                lines.append(line)
                line = indent + word
            } else {
                line += " " + word
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// Each option with its help, aligned in a second column.
    static func optionList(_ options: [OptionSpec], _ language: ReportLanguage) -> String {
        let column = min(24, (options.map { DisplayWidth.of($0.synopsis) }.max() ?? 0) + 4)
        var text = ""
        for option in options {
            let name = "  " + option.synopsis
            let help = option.help.text(language)
            let indent = String(repeating: " ", count: column)
            if DisplayWidth.of(name) + 2 <= column {
                let first = name + String(repeating: " ", count: column - DisplayWidth.of(name))
                text += wrap(help, indent: indent, firstIndent: first) + "\n"
            } else {
                text += name + "\n" + wrap(help, indent: indent, firstIndent: indent) + "\n"
            }
        }
        return text
    }

    static func trimmed(_ text: String) -> String {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.first?.allSatisfy(\.isWhitespace) == true { lines.removeFirst() }
        while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// Greedy word wrap: breaks at spaces, and between CJK characters (never before closing punctuation).
    static func wrap(_ text: String, indent: String, firstIndent: String) -> String {
        // Units: a run of non-space text outside CJK, or one CJK character with the punctuation that follows it.
        var units: [(text: String, spaceBefore: Bool)] = []
        var current = ""
        var spaceBefore = false
        var pendingSpace = false
        func flush() {
            if !current.isEmpty { units.append((current, spaceBefore)); current = "" }
        }
        for character in text {
            if character == " " || character == "\n" {
                flush()
                pendingSpace = true
                continue
            }
            let wide = character.unicodeScalars.first.map { DisplayWidth.of($0) == 2 } ?? false
            let closing = "，。；：、）”』！？》".contains(character)
            if closing {
                if current.isEmpty, let last = units.popLast() { current = last.text; spaceBefore = last.spaceBefore }
                current.append(character)
                flush()
                pendingSpace = false
                continue
            }
            if wide {
                flush()
                current = String(character)
                spaceBefore = pendingSpace
                flush()
            } else {
                if current.isEmpty { spaceBefore = pendingSpace } else if isWide(current) { flush(); spaceBefore = pendingSpace }
                current.append(character)
            }
            pendingSpace = false
        }
        flush()
        var lines: [String] = []
        var line = firstIndent
        var lineHasText = false
        for unit in units {
            let separator = lineHasText && unit.spaceBefore ? " " : ""
            if lineHasText, DisplayWidth.of(line) + DisplayWidth.of(separator) + DisplayWidth.of(unit.text) > width {
                lines.append(line)
                line = indent + unit.text
            } else {
                line += separator + unit.text
            }
            lineHasText = true
        }
        lines.append(line)
        return lines.map { String($0.reversed().drop(while: { $0 == " " }).reversed()) }.joined(separator: "\n")
    }

    private static func isWide(_ text: String) -> Bool {
        text.unicodeScalars.last.map { DisplayWidth.of($0) == 2 } ?? false
    }
}
