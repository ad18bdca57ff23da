import LedgerCLI
import LedgerEvents
import LedgerProjections

/// The city's money movements as a ledger-cli journal, and a peer tool's balance report read back, so that a
/// general-purpose accounting tool (ledger-cli 3.x, hledger) recomputes every fund balance from the same movements
/// and the benchmark can check that it agrees with `ledger balances` to the fen.
///
/// One account per fund, `Funds:<community>:<fund>`; income is booked against `Income:<category>`, spending
/// against `Expenses:<category>`, and a transfer moves money between the two fund accounts. Amounts are yuan with
/// exactly two decimals written from integer fen (`Amount.yuanText`), in the commodity `CNY`.
enum PeerJournal {
    /// The commodity on every amount: ledger-cli then prints totals with the two decimals they were written with.
    static let commodity = "CNY"

    /// A journal and what went into it.
    struct Export: Equatable {
        let text: String
        /// Transactions written: one per income or spending, one per transfer (two movements).
        let transactions: Int
        let movements: Int
        let funds: Int
    }

    /// Writes every fund movement of `projection` (corrections already applied by the projection: a voided
    /// movement is absent, a replaced one appears as replaced) as a ledger-cli transaction dated on the day the
    /// movement occurred, in the projection's fold order.
    ///
    /// This is the only function that reads the projection, and it reads only public properties (`movements`,
    /// `funds`), so the export is exactly what `ledger balances` sums, whatever the projection's internals.
    /// A transfer is written once, from its outgoing movement; its incoming twin is skipped (the projection makes
    /// both from one fact, with the same evidence).
    /// - Complexity: O(m) in the number of movements.
    static func journal(_ projection: Projection) -> Export {
        var text = "; Fund movements exported by ledger-bench (corrections applied), amounts in yuan.\n"
        text += "; Check: ledger -f FILE --flat --empty balance ^Funds:\n\n"
        var transactions = 0
        func account(_ fundID: String) -> String {
            // Every movement names a fund the projection holds (it notes an anomaly instead of folding otherwise).
            guard let fund = projection.funds[fundID] else { preconditionFailure("movement of unknown fund \(fundID)") }
            return accountName(community: fund.communityID, fund: fund.id)
        }
        for movement in projection.movements {
            let amount = movement.amount
            let postings: (debit: String, credit: String)
            switch movement.kind {
            case .income: postings = (account(movement.fundID), "Income:" + escape(movement.category))
            case .spending: postings = ("Expenses:" + escape(movement.category), account(movement.fundID))
            case .transferOut:
                guard let to = movement.otherFundID else { preconditionFailure("transfer without its other fund") }
                postings = (account(to), account(movement.fundID))
            case .transferIn: continue
            }
            transactions += 1
            text += "\(movement.date) * \(movement.kind == .transferOut ? "transfer" : movement.kind.rawValue) #\(movement.evidence.seq)\n"
            text += "    \(postings.debit)  \(amount.yuanText) \(commodity)\n"
            text += "    \(postings.credit)  \((-amount).yuanText) \(commodity)\n\n"
        }
        return Export(text: text, transactions: transactions, movements: projection.movements.count, funds: projection.funds.count)
    }

    /// The ledger-cli account of a fund.
    static func accountName(community: String, fund: String) -> String {
        "Funds:" + escape(community) + ":" + escape(fund)
    }

    /// One segment of an account name. ledger-cli has no quoting for account names: `:` separates segments, two
    /// spaces or a tab end the name, a leading `(` or `[` makes a virtual account, `;` starts a note, and `*`/`!`
    /// mark a posting's state. So every ASCII byte other than letters, digits, `-`, `_` and `.` is written as `%XX`
    /// (and `%` itself, which keeps the encoding one-to-one); UTF-8 bytes of non-ASCII characters (Chinese names)
    /// stay as they are, since ledger-cli splits only on ASCII whitespace.
    static func escape(_ segment: String) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(segment.utf8.count)
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), 0x80...:
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Reads a flat balance report with one `ACCOUNT AMOUNT` line per account: ledger-cli's
    /// `balance --flat --empty --no-total --balance-format "%(account) %(display_total)\n"` or hledger's
    /// `balance --flat --empty --no-total --format "%(account) %(total)"`. AMOUNT is `0` or yuan followed by
    /// ` CNY`; account names never hold a space (see `escape`). Only fund accounts are read: the income and
    /// expense totals of a whole city may pass `Amount`'s limit and are not compared.
    /// - Returns: each fund account's balance.
    /// - Throws: `CLIError.input` naming the tool, the line and its text, for a line that is not of that form
    ///   or an account listed twice: the comparison never guesses.
    static func balances(_ output: String, tool: String) throws(CLIError) -> [String: Amount] {
        var out: [String: Amount] = [:]
        for (index, line) in output.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.isEmpty {
            let problem = "\(tool) balance output line \(index + 1) \"\(line.prefix(200))\""
            guard let space = line.firstIndex(of: " ") else { throw .input("\(problem) has no amount") }
            let account = String(line[..<space])
            guard account.hasPrefix("Funds:") else { continue }
            var amountText = line[line.index(after: space)...]
            if amountText.hasSuffix(" " + commodity) { amountText = amountText.dropLast(commodity.count + 1) }
            else if amountText != "0" { throw .input("\(problem): the amount is not 0 or yuan in \(commodity)") }
            guard let amount = Amount(yuanText: amountText) else {
                throw .input("\(problem) is not \"ACCOUNT AMOUNT\" with yuan to at most two decimals")
            }
            guard out.updateValue(amount, forKey: account) == nil else { throw .input("\(problem) lists \(account) a second time") }
        }
        return out
    }

    /// A fund's balance as `ledger balances` reports it.
    struct FundBalance: Equatable {
        let community: String
        let fund: String
        let balance: Amount
    }

    /// Every difference between our fund balances and a peer's, one line each: a fund whose balances differ (a
    /// fund the peer does not list counts as 0.00 there, since a peer lists only accounts that have postings), and
    /// a fund account the peer lists that `ledger balances` does not have. Ours first in their order, then the
    /// peer's extra accounts sorted by name.
    static func disagreements(ours: [FundBalance], theirs: [String: Amount]) -> [String] {
        var out: [String] = []
        var unmatched = theirs
        for fund in ours {
            let account = accountName(community: fund.community, fund: fund.fund)
            let peer = unmatched.removeValue(forKey: account)
            guard (peer ?? .zero) != fund.balance else { continue }
            out.append("fund \(fund.fund) of \(fund.community) (\(account)): ledger balances \(fund.balance.yuanText), peer "
                       + "\(peer.map(\.yuanText) ?? "no such account"), difference \((fund.balance - (peer ?? .zero)).yuanText)")
        }
        for account in unmatched.keys.sorted() {
            out.append("\(account): the peer has \(unmatched[account]!.yuanText), ledger balances has no such fund")
        }
        return out
    }
}
