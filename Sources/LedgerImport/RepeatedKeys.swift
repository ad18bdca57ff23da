/// The rows of a file that name each id (or voucher): a fact file is read whole, so every row that repeats an id is
/// known before any is judged, and each can be told the others (`FactImporter.complete`). A register is streamed
/// and tells a repeat at the later row only (`RegisterImporter`).
struct RepeatedKeys {
    private var rows: [String: [Int]] = [:]

    /// Notes that `row` names `key`.
    mutating func note(_ key: String, row: Int) {
        rows[key, default: []].append(row)
    }

    /// The rows that name `key`, in the order noted.
    subscript(key: String) -> [Int] { rows[key] ?? [] }
}
