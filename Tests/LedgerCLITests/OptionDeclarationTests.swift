import Foundation
import Testing
@testable import LedgerCLI
import LedgerImport
import LedgerReports

/// The option declarations: help made from them names every option a command parses, and the parser keeps to them.
@Suite struct OptionDeclarationTests {
    @Test func everyCommandsHelpListsEveryOptionItParses() {
        for command in LedgerCLI.commands {
            for language in ReportLanguage.allCases {
                let help = command.help(language)
                for option in command.options {
                    #expect(help.contains("--" + option.name), "\(command.name) --help (\(language)) omits --\(option.name)")
                }
            }
            // The Usage: paragraph itself names every option (the hand-written lines once omitted some).
            let usage = String(command.help.split(separator: "\n\n", maxSplits: 1)[0])
            for option in command.options {
                #expect(usage.contains(option.synopsis), "\(command.name): Usage: omits \(option.synopsis)")
            }
        }
    }

    @Test func everyAllowedValueIsExplainedAndEveryOptionHasHelpInBothLanguages() {
        for command in LedgerCLI.commands {
            for option in command.options {
                #expect(!option.help.en.isEmpty && option.help.zh?.isEmpty == false, "\(command.name) --\(option.name) has no help")
                for value in option.allowed {
                    #expect(option.help.en.contains(value), "\(command.name) --\(option.name): help does not explain \(value)")
                }
            }
            #expect(command.summary.zh != nil && command.about.zh != nil && command.exitStatus.zh != nil, "\(command.name)")
        }
    }

    @Test func sharedOptionsAreDeclaredOnce() {
        // A command that reads a shared option uses the shared declaration (its help may narrow the meaning).
        let shared = [SharedOptions.ledger, SharedOptions.lang, SharedOptions.actor, SharedOptions.recordedAt, SharedOptions.lockWait,
                      SharedOptions.asOf, SharedOptions.atSeq, SharedOptions.allowNewCategory]
        for command in LedgerCLI.commands {
            for option in command.options {
                guard let declared = shared.first(where: { $0.name == option.name }) else { continue }
                #expect(option.valueName == declared.valueName, "\(command.name) --\(option.name)")
            }
        }
    }

    static let options: [OptionSpec] = [
        .value("from", "SEQ", en: "first", zh: "起"),
        .value("type", "T", repeatable: true, en: "type", zh: "类型"),
        .flag("json", en: "json", zh: "json"),
        SharedOptions.format,
    ]

    @Test func parsesValuesFlagsPositionalsAndTypedChoices() throws {
        let a = try Arguments(["--from=3", "ID", "--type", "a", "--type=b", "--json", "--", "--not-an-option"],
                              options: Self.options, command: "t")
        #expect(a.value("from") == "3")
        #expect(try a.integer(Self.options[0], minimum: 1) == 3)
        #expect(a.values(Self.options[1]) == ["a", "b"])
        #expect(a.flag(Self.options[2]))
        #expect(a.positionals == ["ID", "--not-an-option"])
        #expect(a.choice(SharedOptions.format, as: ReportFormat.self) == .table)
        let b = try Arguments(["--format", "csv", "-"], options: Self.options, command: "t")
        #expect(b.choice(SharedOptions.format, as: ReportFormat.self) == .csv)
        #expect(b.positionals == ["-"])
    }

    @Test(arguments: [
        (["--bogus"], "`ledger t` has no option --bogus", "没有 --bogus 这个选项"),
        (["--from"], "--from needs a value", "--from 后面要跟一个值"),
        (["--from", "1", "--from", "2"], "--from is given twice", "--from 给了两次"),
        (["--json=yes"], "--json takes no value", "--json 不带值"),
        (["--format", "xlsx"], "--format \"xlsx\" is not allowed; use one of: table, csv, json", "--format 不能取“xlsx”"),
    ])
    func refusesWhatItDoesNotDeclare(_ arguments: [String], _ english: String, _ chinese: String) {
        #expect {
            _ = try Arguments(arguments, options: Self.options, command: "t")
        } throws: { error in
            guard let error = error as? CLIError, error.exitCode == 2 else { return false }
            return error.message(.en).contains(english) && error.message(.zh).contains(chinese)
        }
    }

    /// `ledger import --encoding/--delimiter` (issue 17, D30): `choice` options without a default. Every case is
    /// accepted as written (the hand parser they replace took exactly the raw values: no case or spelling variants),
    /// read back typed; absent, nil (the importer detects).
    @Test(arguments: [
        (["--encoding", "utf8"], RegisterEncoding.utf8, nil),
        (["--encoding=gb18030"], RegisterEncoding.gb18030, nil),
        (["--delimiter", "comma"], nil, CSVDelimiter.comma),
        (["--delimiter", "tab"], nil, CSVDelimiter.tab),
        (["--delimiter=semicolon", "--encoding", "utf8"], RegisterEncoding.utf8, CSVDelimiter.semicolon),
        ([], nil, nil),
        (["--dry-run"], nil, nil),
    ] as [([String], RegisterEncoding?, CSVDelimiter?)])
    func importsEncodingAndDelimiterAreTypedChoices(_ arguments: [String], _ encoding: RegisterEncoding?, _ delimiter: CSVDelimiter?) throws {
        let a = try Arguments(["assets", "x.csv"] + arguments, options: ImportCommand.options, command: "import")
        #expect(a.choiceIfGiven(ImportCommand.encoding, as: RegisterEncoding.self) == encoding)
        #expect(a.choiceIfGiven(ImportCommand.delimiter, as: CSVDelimiter.self) == delimiter)
        #expect(a.positionals == ["assets", "x.csv"])
    }

    /// A value outside the cases: a usage error (exit 2) naming the option, the value and every allowed value, in
    /// both languages (the delimiter's in Chinese with their Chinese words), with the nearest value when one is near.
    @Test(arguments: [
        (["--encoding", "latin1"], "--encoding \"latin1\" is not allowed; use one of: utf8, gb18030.",
         "--encoding 不能取“latin1”；可选值：utf8、gb18030。"),
        (["--encoding", "UTF8"], "--encoding \"UTF8\" is not allowed; use one of: utf8, gb18030. Did you mean utf8?",
         "--encoding 不能取“UTF8”；可选值：utf8、gb18030。是否要写 utf8？"),
        (["--encoding", "gb1803"], "--encoding \"gb1803\" is not allowed; use one of: utf8, gb18030. Did you mean gb18030?",
         "--encoding 不能取“gb1803”；可选值：utf8、gb18030。是否要写 gb18030？"),
        (["--delimiter", "pipe"], "--delimiter \"pipe\" is not allowed; use one of: comma, tab, semicolon.",
         "--delimiter 不能取“pipe”；可选值：comma（逗号）、tab（制表符）、semicolon（分号）。"),
        (["--delimiter", "semicolen"], "--delimiter \"semicolen\" is not allowed; use one of: comma, tab, semicolon. Did you mean semicolon?",
         "--delimiter 不能取“semicolen”；可选值：comma（逗号）、tab（制表符）、semicolon（分号）。是否要写 semicolon？"),
        (["--delimiter", ","], "--delimiter \",\" is not allowed; use one of: comma, tab, semicolon.",
         "--delimiter 不能取“,”；可选值：comma（逗号）、tab（制表符）、semicolon（分号）。"),
    ])
    func importsEncodingAndDelimiterRefuseOtherValues(_ arguments: [String], _ english: String, _ chinese: String) {
        #expect {
            _ = try Arguments(["assets", "x.csv"] + arguments, options: ImportCommand.options, command: "import")
        } throws: { error in
            guard let error = error as? CLIError, error.exitCode == 2 else { return false }
            #expect(error.message(.en) == english)
            #expect(error.message(.zh) == chinese)
            return true
        }
    }

    /// The help of `ledger import` lists the allowed values of both options, in both languages.
    @Test func importsHelpListsTheEncodingsAndDelimiters() {
        for option in [ImportCommand.encoding, ImportCommand.delimiter] {
            #expect(ImportCommand.options.contains { $0.name == option.name && $0.allowed == option.allowed })
            #expect(option.defaultValue == nil)
        }
        #expect(ImportCommand.encoding.allowed == ["utf8", "gb18030"])
        #expect(ImportCommand.delimiter.allowed == ["comma", "tab", "semicolon"])
        for language in ReportLanguage.allCases {
            let help = ImportCommand.command.help(language)
            for value in ImportCommand.encoding.allowed + ImportCommand.delimiter.allowed {
                #expect(help.contains(value), "import --help (\(language)) omits \(value)")
            }
        }
    }

    @Test func integersAndDatesAreCheckedWithMessagesInBothLanguages() throws {
        let a = try Arguments(["--from", "0"], options: Self.options, command: "t")
        #expect {
            _ = try a.integer(Self.options[0], minimum: 1)
        } throws: { error in
            (error as? CLIError)?.message(.zh) == "--from “0”不是不小于 1 的整数。"
        }
    }

    @Test func languageComesFromTheOptionThenLedgerLangThenTheLocale() {
        func resolve(_ arguments: [String], _ environment: [String: String], _ fallback: ReportLanguage = .en) -> ReportLanguage {
            LanguageChoice.resolve(arguments, environment: environment, fallback: fallback)
        }
        #expect(resolve([], [:]) == .en)
        #expect(resolve([], [:], .zh) == .zh)
        #expect(resolve([], ["LANG": "zh_CN.UTF-8"]) == .zh)
        #expect(resolve([], ["LANG": "zh_CN.UTF-8", "LC_ALL": "C"]) == .en)
        #expect(resolve([], ["LC_ALL": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"]) == .zh)
        #expect(resolve([], ["LEDGER_LANG": "en", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(resolve([], ["LEDGER_LANG": "zh"]) == .zh)
        #expect(resolve(["--lang", "en"], ["LEDGER_LANG": "zh"]) == .en)
        #expect(resolve(["--lang=zh"], [:]) == .zh)
        #expect(resolve(["--", "--lang", "zh"], [:]) == .en)
        // POSIX: LC_ALL overrides LC_MESSAGES overrides LANG.
        #expect(resolve([], ["LC_MESSAGES": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"]) == .zh)
        #expect(resolve([], ["LC_MESSAGES": "C", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(resolve([], ["LC_ALL": "C", "LC_MESSAGES": "zh_CN.UTF-8"]) == .en)
        #expect(resolve([], ["LC_ALL": "", "LC_MESSAGES": "zh_CN.UTF-8"]) == .zh)
        // A locale that is not Chinese leaves a report's own default (the rectification list's Chinese) alone.
        #expect(resolve([], ["LANG": "en_US.UTF-8"], .zh) == .zh)
    }

    @Test func helpCommandShowsTheCommandsHelpInEitherLanguage() {
        let cli = CLIHarness()
        #expect(cli.run(["help", "balances"], addLedger: false) == 0)
        let viaHelp = cli.stdout
        #expect(cli.run(["balances", "--help"], addLedger: false) == 0)
        #expect(cli.stdout == viaHelp)
        #expect(viaHelp.hasPrefix("Usage: ledger balances"))
        #expect(cli.run(["help", "balances", "--lang", "zh"], addLedger: false) == 0)
        #expect(cli.stdout.hasPrefix("用法：ledger balances"))
        #expect(cli.stdout.contains("选项：") && cli.stdout.contains("退出状态："))
        #expect(cli.run(["help", "nonsense"], addLedger: false) == 2)
        #expect(cli.stderr.contains("unknown command \"nonsense\""))
        #expect(cli.run(["--help", "--lang", "zh"], addLedger: false) == 0)
        #expect(cli.stdout.contains("命令："))
    }

    /// `ledger --lang zh balances` runs balances in Chinese; it used to print the overview and exit 0, so a script
    /// saw success without its report.
    @Test func langBeforeTheCommandRunsTheCommand() {
        let cli = CLIHarness()
        cli.run(["init", "--name", "sample"])
        #expect(cli.run(["--lang", "zh", "balances"]) == 0)
        #expect(cli.stdout.hasPrefix("资金余额"))
        #expect(cli.run(["--lang=en", "balances"]) == 0)
        #expect(cli.stdout.hasPrefix("Fund balances"))
        #expect(cli.run(["--lang", "fr", "balances"]) == 2)
        #expect(cli.stderr.contains("--lang \"fr\" is not allowed"))
        #expect(cli.run(["--lang", "zh"], addLedger: false) == 0)
        #expect(cli.stdout.contains("命令："))
        #expect(cli.run(["--lang", "zh", "--help"], addLedger: false) == 0)
        #expect(cli.stdout.contains("命令："))
        // The last --lang has no value: a usage error, as for any option missing its value.
        #expect(cli.run(["--lang", "--lang", "--lang"], addLedger: false) == 2)
    }

    /// `ledger help append --lang` (no value) printed the help and exited 0; an option without its value is a
    /// usage error everywhere else (issue 15).
    @Test func helpRefusesALangWithoutItsValue() {
        let cli = CLIHarness()
        for arguments in [["help", "append", "--lang"], ["append", "--help", "--lang"], ["append", "--lang", "--help"],
                          ["help", "--lang"], ["--help", "--lang"], ["--lang"], ["append", "-h", "--lang"]] {
            #expect(cli.run(arguments, addLedger: false) == 2, "\(arguments)")
            #expect(cli.stdout.isEmpty, "\(arguments)")
            #expect(cli.stderr == "error: --lang needs a value (zh or en).\n", "\(arguments): \(cli.stderr)")
        }
        cli.environment["LEDGER_LANG"] = "zh"
        #expect(cli.run(["help", "append", "--lang"], addLedger: false) == 2)
        #expect(cli.stderr == "错误：--lang 后面要跟一个值（zh 或 en）。\n", "\(cli.stderr)")
        #expect(cli.run(["help", "append", "--lang", "zh"], addLedger: false) == 0)
        #expect(cli.run(["append", "--help", "--lang=zh"], addLedger: false) == 0)
    }

    /// Help refuses an unknown --lang as every command does, instead of printing English and exiting 0.
    @Test func helpRefusesAnUnknownLanguage() {
        let cli = CLIHarness()
        for arguments in [["help", "balances", "--lang", "fr"], ["help", "--lang", "fr"], ["balances", "--help", "--lang", "fr"],
                          ["--help", "--lang=fr"], ["help", "balances", "--lang=fr"]] {
            #expect(cli.run(arguments, addLedger: false) == 2, "\(arguments)")
            #expect(cli.stdout.isEmpty, "\(arguments)")
            #expect(cli.stderr == "error: --lang \"fr\" is not allowed; use one of: zh, en.\n", "\(arguments)")
        }
        #expect(cli.run(["help", "balances", "--lang", "zh"], addLedger: false) == 0)
        #expect(cli.run(["help", "balances", "--lang", "en"], addLedger: false) == 0)
    }

    @Test func errorsSpeakTheChosenLanguage() {
        let cli = CLIHarness()
        #expect(cli.run(["balances", "--as-of", "2025-02-30", "--lang", "zh"]) == 2)
        #expect(cli.stderr == "错误：--as-of “2025-02-30”不是日期；请按 YYYY-MM-DD 写一个真实的日期，例如 2025-06-30。\n")
        #expect(cli.run(["show", "--lang", "zh"]) == 2)
        #expect(cli.stderr.hasPrefix("错误：“ledger show”需要 <ID>，但没有给出；见“ledger show --help”。"))
        #expect(cli.run(["balances", "extra"]) == 2)
        #expect(cli.stderr.hasPrefix("error: `ledger balances` takes no arguments, got extra"))
        // A command whose first positional picks what to do (Arguments.requirePositionals).
        #expect(cli.run(["template", "--lang", "zh"]) == 2)
        #expect(cli.stderr.hasPrefix("错误：“ledger template”需要 <KIND>，但没有给出；见“ledger template --help”。"))
        #expect(cli.run(["template", "a", "b", "--lang", "zh"]) == 2)
        #expect(cli.stderr.hasPrefix("错误：“ledger template”需要 <KIND>，实际给了 a b；"))
        #expect(cli.run(["import", "income", "--lang", "zh"]) == 2)
        #expect(cli.stderr.hasPrefix("错误：“ledger import income”需要 <income> <FILE>，缺少 <FILE>；"))
        #expect(cli.run(["import", "income"]) == 2)
        #expect(cli.stderr.hasPrefix("error: `ledger import income` takes <income> <FILE>; <FILE> is missing;"))
    }

    /// `--json` promises one JSON object on standard output, failures included: a refused batch, an unknown
    /// option, a missing ledger (append and verify printed nothing there; import did).
    @Test func everyJSONCommandPrintsAnObjectWhenItFails() {
        let cli = CLIHarness()
        cli.run(["init"])
        #expect(cli.run(["append", "--json"], stdin: #"{"type":"fund.income""#) == 2)
        #expect(cli.stdout.hasPrefix(#"{"appended":false,"error":"the batch was rejected; nothing was appended:"#) && cli.stdout.hasSuffix(#""exit_status":2,"outcome":"failed"}"# + "\n"))
        #expect(cli.stderr.hasPrefix("error: the batch was rejected"))
        #expect(cli.run(["import", "income", "x.csv", "--json", "--bogus"]) == 2)
        #expect(cli.stdout == #"{"appended":false,"error":"`ledger import` has no option --bogus; see `ledger import --help`.","exit_status":2,"outcome":"failed"}"# + "\n")
        #expect(cli.run(["import", "income", "x.csv", "--json"]) == 2)
        #expect(cli.stdout.hasPrefix(#"{"appended":false,"error":"x.csv: "#), "one object, as before")
        #expect(cli.stdout.components(separatedBy: "\n").count == 2)
        #expect(cli.run(["verify", "--json", "--ledger", cli.temp.path + "/none"]) == 2)
        #expect(cli.stdout.hasPrefix(#"{"error":"#) && cli.stdout.hasSuffix(#""exit_status":2,"outcome":"failed"}"# + "\n"))
        // `ledger log --json` streams the record lines themselves: no object is added among them.
        #expect(cli.run(["log", "--json", "--bogus"]) == 2 && cli.stdout.isEmpty)
        // --rejects - with --json would put a CSV file before the object: refused.
        #expect(cli.run(["import", "income", "x.csv", "--allow-partial", "--rejects", "-", "--json"]) == 2)
        #expect(cli.stderr.contains("--rejects - writes the rejected rows to standard output, where --json writes its one object"))
        #expect(cli.stdout.components(separatedBy: "\n").count == 2 && cli.stdout.hasPrefix(#"{"appended":false,"#))
        // Without --json, nothing on standard output.
        #expect(cli.run(["verify", "--ledger", cli.temp.path + "/none"]) == 2 && cli.stdout.isEmpty)
    }

    @Test func helpWrapsChineseAndEnglishWithinTheWidthAndNeverStartsALineWithClosingPunctuation() {
        let text = String(repeating: "只读第 1…N 条记录：即第 N 条记录写入时账本的样子（已交办的清单记有它的 N）。", count: 6)
            + " and then some English words that must wrap at spaces only"
        let wrapped = HelpText.wrap(text, indent: "    ", firstIndent: "  --x  ")
        for line in wrapped.split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) <= HelpText.width, "\(line)")
            let body = line.drop(while: { $0 == " " })
            #expect(!"，。；：、）”』！？》".contains(body.first ?? "x"), "\(line)")
        }
        #expect(wrapped.replacingOccurrences(of: "\n    ", with: "").contains("wrap at spaces only"))
        #expect(wrapped.contains("English") && !wrapped.contains("Engl\n"))
    }

    @Test func aRequiredOptionIsCheckedBeforeTheCommandRunsAndNamedWithItsHelp() {
        let cli = CLIHarness()
        #expect(cli.run(["keygen"]) == 2)
        #expect(cli.stderr == "error: --out KEY is required: where to write the private key (the public key goes to KEY.pub).\n")
        #expect(cli.run(["publish", "--community", "C1", "--lang", "zh"]) == 2)
        #expect(cli.stderr.hasPrefix("错误：必须给出 --period FROM..TO："))
        for command in LedgerCLI.commands {
            let usage = String(command.help.split(separator: "\n\n", maxSplits: 1)[0])
            for option in command.options where option.required {
                #expect(usage.contains(" " + option.synopsis) && !usage.contains("[" + option.synopsis), "\(command.name) --\(option.name)")
            }
        }
    }
}
