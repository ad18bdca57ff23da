import LedgerEvents

/// The names the ledger keeps only as private persons' (`private/`, ledger-spec.md 10.3), by the payer-name key
/// (`PayerName.key`: widths, spaces, letter case and variant characters are no difference, as the contract-tenant
/// check of a statement compares them), so that every door that writes events can refuse one written in clear in a
/// person field (review 46e): the log keeps every byte for ever, and only `private/` can be erased.
public struct PrivateNames: Sendable {
    private let keys: Set<String>

    /// - Parameter values: the values `private/` holds (an erased one is not there), and those committed in this run.
    public init(values: some Sequence<String>) {
        keys = Set(values.map(PayerName.key))
    }

    /// Whether `text`, written in clear, is a name kept private.
    public func holds(_ text: String) -> Bool {
        !keys.isEmpty && keys.contains(PayerName.key(text))
    }
}

/// A name the ledger keeps private, written in clear in a person field (review 46e).
extension ImportWords {
    /// Where the name was given: the advice names the way to keep it private there.
    public enum PrivateNameDoor: Sendable {
        /// A row of `ledger import KIND` (`field`: the person column's field, as `--private` takes it).
        case importFile(field: String)
        /// A line of a bank statement (`--private counterparty`, one choice for the file).
        case statement
        /// An event of `ledger append` (`field`: the member, as `--private` takes it).
        case append(field: String)
    }

    /// `… is a name the ledger keeps only as a private person's …`: follows the value, as a row's reason does.
    public static let privateNameInClear = Wording(
        en: "is a name the ledger keeps only as a private person's, in private/ (erasable, PIPL Art. 47): written here in clear it would stay in the log for ever, where `ledger erase-personal` cannot reach it",
        zh: "是账本只作为个人信息保存在 private/ 中（可依法删除）的姓名：在这里以明文写入，就会永久留在日志中，“ledger erase-personal”也删除不了")

    /// What to do with a private name in a register's extra column, which has no `--private` (review 47c).
    public static let privateNameInRegisterAllowed = Wording(
        en: "A register records common parts, not persons: leave the name out of this column (record the person's use with `ledger import uses --private user`). If it is another person of the same name, write something more that tells them apart (a unit number: 张三（3号楼2单元）).",
        zh: "登记册记录共有部分，不记录个人：请从这一列中去掉该姓名（个人使用情况请用“ledger import uses --private user”记录）。如果是同名的另一个人，请多写一些以示区别（如房号：张三（3号楼2单元））。")

    /// What to do: keep the name private as the ledger keeps it, or tell another person of the same name apart.
    public static func privateNameInClearAllowed(_ door: PrivateNameDoor) -> Wording {
        let other = Wording(en: " If it is another person of the same name, write something more that tells them apart (a unit number: 张三（3号楼2单元）).",
                            zh: "如果是同名的另一个人，请多写一些以示区别（如房号：张三（3号楼2单元））。")
        switch door {
        case .importFile(let field):
            return Wording(en: "Import the file with --private \(field): the column's names are then kept in private/ too, erasable.",
                           zh: "请加 --private \(field) 导入该文件：该列的名称也将保存在 private/ 中，可依法删除。") + other
        case .statement:
            return Wording(en: "Import the statement with --private counterparty: every line's counterparty is then kept in private/, as this name is.",
                           zh: "请加 --private counterparty 导入本对账单：各行的对方名称都将保存在 private/ 中，与这个姓名一样。") + other
        case .append(let field):
            return Wording(en: "Write it {\"person\": \"…\"}, or append the batch with --private \(field): the record then holds a commitment and the name stays erasable.",
                           zh: "请写作 {\"person\": \"…\"}，或加 --private \(field) 追加这一批：记录中只保存承诺值，姓名仍可依法删除。") + other
        }
    }
}
