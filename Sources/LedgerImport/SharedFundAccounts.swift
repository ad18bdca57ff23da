import LedgerEvents
import LedgerProjections

/// A funds file's row whose bank account number another fund holds (review 41a M1): two funds with one account make
/// each of its statements importable into either, and the same money recorded twice. The number is read as a
/// statement's is compared (`StatementAccount.numbers`: by its digits), against every fund of the ledger
/// (`FactImportLedger.allFundAccounts`) and the file's earlier rows. A row identical to a recorded opening (a file
/// imported again) keeps it: the problem stands only for a new fact (`PlannedRow.unlessRecorded`).
enum SharedFundAccounts {
    static func refuse(_ planned: inout [FactImporter.PlannedRow], ledger: FactImportLedger, file: String, accountColumn: Int?,
                       headings: [String]) {
        var rows: [(index: Int, fund: String, account: String, numbers: [String])] = []
        for index in planned.indices {
            guard let event = planned[index].event, case .domain(.fundOpened(let p)) = event.payload else { continue }
            let numbers = StatementAccount.numbers(in: p.account)
            if !numbers.isEmpty { rows.append((index, p.fundID, p.account, numbers)) }
        }
        guard !rows.isEmpty, !ledger.learningOnly else { return }
        func add(_ item: inout FactImporter.PlannedRow, _ reason: Wording) {
            let value = accountColumn.flatMap { $0 < item.row.cells.count ? item.row.cells[$0].map(Cell.trimmed) : nil }
            item.unlessRecorded.append(RowProblem(
                file: file, row: item.row.number, column: accountColumn,
                heading: accountColumn.flatMap { $0 < headings.count && !headings[$0].isEmpty ? headings[$0] : nil },
                value: value, reason: reason, allowed: ImportWords.accountHeldAllowed))
        }
        // Each number's holders in the ledger: fund id and registered account.
        var held: [String: [(fund: String, account: String)]] = [:]
        for fund in ledger.allFundAccounts() {
            for number in Set(StatementAccount.numbers(in: fund.account)) { held[number, default: []].append((fund.fundID, fund.account)) }
        }
        // The first row of the file that names each number: its fund and row.
        var earlier: [String: (fund: String, row: Int)] = [:]
        for row in rows {
            let rowNumber = planned[row.index].row.number
            var said = false
            for number in row.numbers where !said {
                if let other = (held[number] ?? []).filter({ $0.fund != row.fund }).min(by: { $0.fund < $1.fund }) {
                    add(&planned[row.index], ImportWords.accountHeldByFund(other.fund, account: other.account, row: nil))
                    said = true
                } else if let first = earlier[number], first.fund != row.fund {
                    add(&planned[row.index], ImportWords.accountHeldByFund(first.fund, account: nil, row: first.row))
                    said = true
                }
            }
            for number in row.numbers where earlier[number] == nil { earlier[number] = (row.fund, rowNumber) }
        }
    }
}
