/// Every bound the ledger enforces on outside input, in one place. Input over a limit is rejected with an error
/// that names the limit; the relations between limits are checked by `LimitsTests`.
public enum Limits {
    /// Longest record line in the log, in bytes, newline excluded.
    public static let recordBytesMax = 1 << 20
    /// Longest event line accepted by `ledger append`, in bytes.
    public static let eventBytesMax = 512 * 1024
    /// Deepest nesting of JSON arrays and objects.
    public static let jsonDepthMax = 32
    /// Longest JSON string, in bytes of UTF-8.
    public static let stringBytesMax = 64 * 1024
    /// Most events in one append batch.
    public static let batchEventsMax = 2_000_000
    /// Longest event or entity id, in bytes.
    public static let idBytesMax = 128
    /// Largest integer a JSON number may hold: 2^53 − 1, so every JSON parser reads it exactly.
    public static let jsonIntegerMax: Int64 = 9_007_199_254_740_991
    /// Largest single amount of money: ¥10,000,000,000.00 (10^12 fen). Anything larger is a typing error.
    public static let amountFenMax: Int64 = 1_000_000_000_000
    /// Longest CSV field, in bytes.
    public static let csvFieldBytesMax = 64 * 1024
    /// Most columns in one imported register.
    public static let csvColumnsMax = 1_000
    /// Most rows in one imported register.
    public static let csvRowsMax = 2_000_000
    /// Largest events file (or standard input) `ledger append` reads, in bytes; checked before reading.
    public static let inputFileBytesMax = 1 << 30
    /// Largest small input file (policy, column mapping, key), in bytes; checked before reading.
    public static let settingsFileBytesMax = 1 << 20
    /// How long a second writer waits for the ledger lock, in milliseconds.
    public static let lockWaitMillisecondsDefault = 10_000
}
