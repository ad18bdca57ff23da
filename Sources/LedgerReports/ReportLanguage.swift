/// The language of a report's labels and sentences. Chinese is the default: the users are street offices.
public enum ReportLanguage: String, CaseIterable, Sendable {
    case zh
    case en

    /// Picks the Chinese or the English text.
    public func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }
}
