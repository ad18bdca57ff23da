import LedgerCLI
import LedgerReports
import Testing

/// Every number the command line takes is read by one parser (`Arguments.wholeNumber`) in one form, the log's own
/// (ledger-spec.md section 2: decimal digits, no sign, space or leading zero): `ledger prove 03` used to be record 3.
@Suite struct NumberArgumentTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let minimum: Int64
        /// The number read, or nil when refused.
        let number: Int64?
        /// What the refusal suggests writing instead (`write 3`), when anything.
        let meant: Int64?
        var testDescription: String { "\"\(text)\" (≥ \(minimum))" }
    }

    static let cases: [Case] = [
        Case(text: "3", minimum: 1, number: 3, meant: nil),
        Case(text: "0", minimum: 0, number: 0, meant: nil),
        Case(text: "9007199254740991", minimum: 1, number: 9_007_199_254_740_991, meant: nil),
        Case(text: "03", minimum: 1, number: nil, meant: 3),
        Case(text: "003", minimum: 1, number: nil, meant: 3),
        Case(text: "+3", minimum: 1, number: nil, meant: 3),
        Case(text: " 3", minimum: 1, number: nil, meant: 3),
        Case(text: "3 ", minimum: 1, number: nil, meant: 3),
        Case(text: "\t3", minimum: 1, number: nil, meant: 3),
        Case(text: "+03", minimum: 1, number: nil, meant: 3),
        Case(text: "00", minimum: 0, number: nil, meant: 0),
        Case(text: "-0", minimum: 0, number: nil, meant: nil),
        Case(text: "0", minimum: 1, number: nil, meant: nil),
        Case(text: "-3", minimum: 1, number: nil, meant: nil),
        Case(text: "3.0", minimum: 1, number: nil, meant: nil),
        Case(text: "３", minimum: 1, number: nil, meant: nil),
        Case(text: "", minimum: 1, number: nil, meant: nil),
        Case(text: "99999999999999999999", minimum: 1, number: nil, meant: nil),
        Case(text: "9223372036854775808", minimum: 1, number: nil, meant: nil),
    ]

    @Test(arguments: cases) func oneCanonicalForm(_ c: Case) {
        #expect(Arguments.wholeNumber(c.text).flatMap { $0 >= c.minimum ? $0 : nil } == c.number)
        do {
            let number = try Arguments.wholeNumber(c.text, minimum: c.minimum, argument: "SEQ")
            #expect(number == c.number)
        } catch {
            #expect(c.number == nil)
            let message = error.message(.en), zh = error.message(.zh)
            #expect(message.hasPrefix("SEQ \""), "\(message)")
            if let small = Arguments.wholeNumber(c.text) {
                // Written rightly, only too small: no word about the form.
                #expect(message == "SEQ \"\(small)\" is not a whole number ≥ \(c.minimum)." && zh == "SEQ “\(small)”不是不小于 \(c.minimum) 的整数。")
                return
            }
            if !c.text.isEmpty, c.text.allSatisfy(\.isASCII), c.text.allSatisfy(\.isNumber), c.text.first != "0" {
                // Plain digits past 2^63 − 1 (review 37c F5): too large, not badly written.
                #expect(message == "SEQ \"\(c.text)\" is too large: at most 9223372036854775807." && zh == "SEQ “\(c.text)”太大：最大为 9223372036854775807。",
                        "\(message) / \(zh)")
                return
            }
            #expect(message.contains("is not a whole number ≥ \(c.minimum) in plain decimal digits (no sign, space or leading zero)"), "\(message)")
            #expect(zh.contains("不是不小于 \(c.minimum) 的整数（只写十进制数字，不带正负号、空格或前导零）"), "\(zh)")
            if let meant = c.meant {
                #expect(message.hasSuffix("; write \(meant).") && zh.hasSuffix("；请写作 \(meant)。"), "\(message) / \(zh)")
            } else {
                #expect(!message.contains("; write"), "\(message)")
            }
            // A tab is shown as its code point, never raw.
            #expect(!message.unicodeScalars.contains { $0.value < 0x20 })
        }
    }

    struct CommandCase: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// Each command that takes a number refuses the other spellings, naming its own argument.
    static let commandCases: [CommandCase] = [
        CommandCase(arguments: ["prove", "03", "--checkpoint", "cp.txt"], message: "SEQ \"03\" is not a whole number ≥ 1"),
        CommandCase(arguments: ["prove", "+3", "--checkpoint", "cp.txt"], message: "; write 3."),
        CommandCase(arguments: ["prove", " 3", "--checkpoint", "cp.txt"], message: "SEQ \" 3\" is not"),
        CommandCase(arguments: ["consistency", "--from", "07", "--checkpoint", "cp.txt"], message: "--from \"07\" is not a whole number ≥ 0 in plain decimal digits (no sign, space or leading zero); write 7."),
        CommandCase(arguments: ["log", "--from", "+2"], message: "--from \"+2\" is not a whole number ≥ 1"),
        CommandCase(arguments: ["balances", "--at-seq", "01"], message: "--at-seq \"01\" is not a whole number ≥ 1"),
        CommandCase(arguments: ["rectify", "--at-seq", "0\t1"], message: "--at-seq \"0<U+0009>1\""),
        CommandCase(arguments: ["append", "--expect-seq", "00"], message: "--expect-seq \"00\" is not a whole number ≥ 0 in plain decimal digits (no sign, space or leading zero); write 0."),
    ]

    @Test(arguments: commandCases) func commandsRefuseOtherSpellings(_ c: CommandCase) {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "numbers"]) == 0)
        #expect(cli.run(c.arguments) == 2)
        #expect(cli.stderr.contains(c.message), "\(cli.stderr)")
        #expect(cli.run(c.arguments + ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("整数（只写十进制数字，不带正负号、空格或前导零）"), "\(cli.stderr)")
    }
}
