import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerReports

/// Every way a command can fail, with the exit status it maps to. Messages are written for the person at the
/// keyboard: what is wrong, where, and what to do; in Chinese too where the message says so (`Message`).
public enum CLIError: Error, CustomStringConvertible {
    /// Wrong command line: exit 2.
    case usage(Message)
    /// Bad input data or a file problem the user can fix: exit 2.
    case input(Message)
    /// The log failed verification: exit 1.
    case integrity(Message)
    /// An error of the log layer, mapped by its kind.
    case chain(ChainError)

    /// A usage error whose text comes from elsewhere (a library's English message).
    public static func usage(_ text: String) -> CLIError { .usage(Message(text)) }
    /// An input error whose text comes from elsewhere (a library's English message).
    public static func input(_ text: String) -> CLIError { .input(Message(text)) }
    /// An integrity failure whose text comes from elsewhere (a library's English message).
    public static func integrity(_ text: String) -> CLIError { .integrity(Message(text)) }

    public var exitCode: Int32 {
        switch self {
        case .usage, .input: return 2
        case .integrity: return 1
        case .chain(let error):
            if case .integrity = error { return 1 }
            if case .readBackMismatch = error { return 1 }
            return 2
        }
    }

    /// The message in English.
    public var description: String { message(.en) }

    /// The message in `language` (English where no Chinese is written).
    public func message(_ language: ReportLanguage) -> String {
        switch self {
        case .usage(let message), .input(let message), .integrity(let message): return message.text(language)
        case .chain(let error): return language == .zh ? CLIError.chineseMessage(error) ?? error.description : error.description
        }
    }

    /// The Chinese message of a log-layer error (the words are `SystemWords`).
    static func chineseMessage(_ error: ChainError) -> String? { SystemWords.wording(error).zh }

    /// An integrity failure in Chinese: where, and what is wrong.
    static func chinese(_ failure: IntegrityFailure) -> String { SystemWords.wording(failure).zh }

    /// What is wrong with the record, in Chinese, without its position (`IntegrityFailure.detail` in English).
    static func chineseDetail(_ failure: IntegrityFailure) -> String { SystemWords.detail(failure).zh }

    /// A batch refused as a whole: every problem, one a line, as written (in English).
    public static func batchRejected(_ problems: [String]) -> CLIError { batchRejected(problems.map { Message($0) }) }

    /// A batch refused as a whole: every problem, one a line, each in the reader's language where it is written.
    public static func batchRejected(_ problems: [Message]) -> CLIError {
        .input(Message(en: "the batch was rejected; nothing was appended:\n  " + problems.map(\.en).joined(separator: "\n  "),
                       zh: "这一批被拒绝，什么也没有追加：\n  " + problems.map { $0.text(.zh) }.joined(separator: "\n  ")))
    }

    /// The words of an error caught as `any Error` around a file: in both languages for the file layer's own errors
    /// (`SystemWords`), as the error words itself else.
    static func words(of error: any Error) -> Wording {
        if let file = error as? FileError { return SystemWords.fileError(file) }
        if let input = error as? InputFileError { return SystemWords.inputFileError(input) }
        return Wording(same: "\(error)")
    }

    /// Runs `body`, turning an error of the log layer into `.chain`: the one adapter between the two.
    public static func fromChain<T>(_ body: () throws(ChainError) -> T) throws(CLIError) -> T {
        do { return try body() } catch { throw .chain(error) }
    }
}
