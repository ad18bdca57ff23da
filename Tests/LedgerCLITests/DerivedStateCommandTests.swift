import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// `ledger balances` with its derived state (`index/funds.state`, ledger-spec.md section 15) and
/// `ledger verify --index`: the same output with and without the state, a one-line notice for a bad one.
@Suite struct DerivedStateCommandTests {
    static let income = """
    {"id":"i1","type":"fund.income","occurred_on":"2024-03-01","data":{"fund_id":"F1","amount_fen":1234500,"counterparty":"某广告公司","voucher":"V1","category":"advertising"}}
    {"id":"i2","type":"fund.spending","occurred_on":"2024-03-05","data":{"fund_id":"F1","amount_fen":20000,"counterparty":"某维修公司","voucher":"P1","purpose":"修门禁","purpose_category":"repair"}}

    """

    @Test func balancesAnswerTheSameWithAndWithoutTheState() throws {
        let cli = CLIHarness()
        // funds.state alone: index/fund-totals would answer whole-city balances as of today without reading it
        // (CityScaleCommandTests checks those totals).
        cli.environment["LEDGER_SCOPES"] = "off"
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["append"], stdin: Self.income) == 0)
        let statePath = cli.ledgerPath + "/index/funds.state"
        #expect(cli.run(["balances"]) == 0)
        let answer = cli.stdout
        #expect(cli.stderr.isEmpty && answer.contains("12,345.00"))
        #expect(PosixFile.exists(statePath))
        // Used (no notice, same answer), then deleted with index/ (same answer), then damaged (notice, same answer).
        #expect(cli.run(["balances"]) == 0 && cli.stdout == answer && cli.stderr.isEmpty)
        try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index")
        #expect(cli.run(["balances"]) == 0 && cli.stdout == answer && cli.stderr.isEmpty)
        var bytes = try PosixFile.readRegularFile(statePath, bytesMax: 1 << 20).bytes
        bytes[bytes.count - 40] ^= 0x01
        try PosixFile.writeAtomically(bytes, to: statePath)
        #expect(cli.run(["balances"]) == 0 && cli.stdout == answer)
        #expect(cli.stderr.hasPrefix("note: funds.state in ") && cli.stderr.contains("is damaged (checksum does not match")
                && cli.stderr.hasSuffix("rebuilt from the log (answers are unaffected).\n"))
        #expect(cli.stderr.filter { $0 == "\n" }.count == 1, "one line: \(cli.stderr)")
        #expect(cli.run(["balances"]) == 0 && cli.stdout == answer && cli.stderr.isEmpty)
        // A new record after the state: the tail is read; --at-seq before the state reads the whole log.
        #expect(cli.run(["append"], stdin: CoreCommandTests.extra) == 0)
        #expect(cli.run(["balances"]) == 0 && cli.stderr.isEmpty && cli.stdout.contains("F2"))
        #expect(cli.run(["balances", "--at-seq", "5"]) == 0 && cli.stderr.isEmpty)
        #expect(cli.stdout == answer)
        #expect(cli.run(["balances", "--help"]) == 0 && cli.stdout.contains("index/funds.state"))
    }

    /// A damaged funds.state is noticed once per command, whichever reader finds it: the shared rebuild (its
    /// header), or the stream that replays its body (a stale state, whose header is fine, damaged in its body).
    @Test func aDamagedStateIsNoticedOnce() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        #expect(cli.run(["append"], stdin: CoreCommandTests.events) == 0)
        #expect(cli.run(["append"], stdin: Self.income) == 0)
        let statePath = cli.ledgerPath + "/index/funds.state"
        #expect(cli.run(["balances", "--by", "month"]) == 0)
        let answer = cli.stdout
        let good = try PosixFile.readRegularFile(statePath, bytesMax: 1 << 20).bytes
        // Header, body, truncation; then the same over a stale state (a record appended after it).
        let damages: [(String, ([UInt8]) -> [UInt8])] = [
            ("header", { var b = $0; b[20] ^= 0x04; return b }),
            ("body", { var b = $0; b[b.count - 40] ^= 0x01; return b }),
            ("truncated", { Array($0.dropLast(10)) }),
        ]
        for (name, damage) in damages {
            try PosixFile.writeAtomically(damage(good), to: statePath)
            try? PosixFile.remove(cli.ledgerPath + "/index/fund-totals")
            for arguments in [["balances", "--by", "month"], ["balances"]] {
                try PosixFile.writeAtomically(damage(good), to: statePath)
                try? PosixFile.remove(cli.ledgerPath + "/index/fund-totals")
                #expect(cli.run(arguments) == 0 && cli.stdout == answer || arguments == ["balances"])
                #expect(cli.stderr.components(separatedBy: "funds.state").count == 2, "\(name) \(arguments): \(cli.stderr)")
                #expect(cli.stderr.filter { $0 == "\n" }.count == 1, "\(name) \(arguments): \(cli.stderr)")
                // Rebuilt, as the notice says (also by the whole-city balances, which keeps only fund-totals when
                // funds.state is missing, not when it is damaged): the next command that reads it has nothing to notice.
                #expect(cli.run(["balances", "--by", "month"]) == 0 && cli.stderr.isEmpty, "\(name) \(arguments) then by month: \(cli.stderr)")
            }
        }
        #expect(cli.run(["append"], stdin: CoreCommandTests.extra) == 0)
        try PosixFile.writeAtomically(damages[1].1(good), to: statePath)
        #expect(cli.run(["balances", "--by", "month"]) == 0 && cli.stdout.contains("F2"))
        #expect(cli.stderr.hasPrefix("note: funds.state in ") && cli.stderr.contains("checksum does not match"), "\(cli.stderr)")
        #expect(cli.stderr.filter { $0 == "\n" }.count == 1, "stale and damaged: \(cli.stderr)")
        // The state written back at the head is whole again: no notice next time.
        #expect(cli.run(["balances", "--by", "month"]) == 0 && cli.stderr.isEmpty)
    }

    @Test func verifyIndexReportsIndexDamageApartFromLogDamage() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: CoreCommandTests.events)
        cli.run(["append"], stdin: Self.income)
        let statePath = cli.ledgerPath + "/index/funds.state"
        #expect(cli.run(["verify", "--index"]) == 0)
        // The second append found index/ missing and rebuilt, in one pass (ledger-spec.md 15.6) at the head before it
        // (record 3), the files it reads (the scopes too: an income and a spending are matched with the statement
        // lines of their funds' communities); the funds state is left to the first query.
        #expect(cli.stdout.hasSuffix("status: intact\nrecords: 5\nhead: \(cli.stdout.split(separator: "\n")[3].dropFirst(6))\nindex: ids intact (made at record 3); rebuilt from the log at record 5\nindex: funds.state absent; rebuilt from the log at record 5\nindex: checks.state intact (made at record 3); rebuilt from the log at record 5\nindex: scopes intact (made at record 3); rebuilt from the log at record 5\nindex: mentions absent; rebuilt from the log at record 5\nindex: fund-totals absent; rebuilt from the log at record 5\n"), "\(cli.stdout)")
        #expect(cli.run(["verify", "--index"]) == 0)
        #expect(cli.stdout.hasSuffix("index: funds.state intact (made at record 5); rebuilt from the log at record 5\nindex: checks.state intact (made at record 5); rebuilt from the log at record 5\nindex: scopes intact (made at record 5); rebuilt from the log at record 5\nindex: mentions intact (made at record 5); rebuilt from the log at record 5\nindex: fund-totals intact (made at record 5); rebuilt from the log at record 5\n"))
        var bytes = try PosixFile.readRegularFile(statePath, bytesMax: 1 << 20).bytes
        bytes[bytes.count - 40] ^= 0x80   // in the body: the body's checksum fails
        try PosixFile.writeAtomically(bytes, to: statePath)
        #expect(cli.run(["verify", "--index"]) == 0, "index damage is not log damage")
        #expect(cli.stdout.contains("status: intact\n"))
        #expect(cli.stdout.contains("index: DAMAGED — funds.state is damaged (checksum does not match: truncated or altered); rebuilt from the log at record 5."))
        try PosixFile.writeAtomically(bytes, to: statePath)
        #expect(cli.run(["verify", "--index", "--json"]) == 0)
        #expect(cli.stdout.contains(#""funds.state":{"detail":"damaged (checksum does not match: truncated or altered)","rebuilt_at":5,"status":"damaged"}"#))
        #expect(cli.stdout.contains(#""status":"intact""#))
        // Log damage: reported as ever, and the index is not checked (nor used).
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        var log = TestLedger.logBytes(directory)
        log[log.count - 20] ^= 0x01
        TestLedger.writeLog(log, to: directory)
        #expect(cli.run(["verify", "--index"]) == 1)
        #expect(cli.stdout.contains("status: INTEGRITY FAILURE") && cli.stdout.hasSuffix("index: not checked (the log failed verification, so derived state cannot be compared with it; queries that read index/ check only the records after each file's stamp and may still answer from it: rely on no answer until the log is restored)\n"))
        #expect(cli.run(["balances"]) == 1, "a damaged tail after the state is found: the tail is verified")
    }

    /// A link planted as index/funds.state is refused like any other link in the ledger (section 1), never followed.
    @Test func aLinkInPlaceOfTheStateIsRefused() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: CoreCommandTests.events)
        let statePath = cli.ledgerPath + "/index/funds.state"
        try FileManager.default.createSymbolicLink(atPath: statePath, withDestinationPath: cli.temp.path + "/elsewhere")
        #expect(cli.run(["balances"]) == 2)
        #expect(cli.stderr.contains("index/funds.state is a symbolic link"), "\(cli.stderr)")
        #expect(!FileManager.default.fileExists(atPath: cli.temp.path + "/elsewhere"))
        try FileManager.default.removeItem(atPath: statePath)
        #expect(cli.run(["balances"]) == 0 && cli.stderr.isEmpty)
    }

    /// What the state trusts (ledger-spec.md section 15): damage to records before its stamp, made after it was
    /// written, is found by `ledger verify`, which never reads the state, not by `balances`, which answers as the
    /// log stood when the state was made.
    @Test func damageBeforeTheStampIsFoundByVerify() throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: CoreCommandTests.events)
        cli.run(["append"], stdin: Self.income)
        #expect(cli.run(["balances"]) == 0)
        let answer = cli.stdout
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        var log = TestLedger.logBytes(directory)
        let secondLine = log.firstIndex(of: 0x0A)! + 1
        log[secondLine + 100] ^= 0x01   // record 2: before the stamp (record 5)
        TestLedger.writeLog(log, to: directory)
        #expect(cli.run(["balances"]) == 0 && cli.stdout == answer)
        #expect(cli.run(["verify"]) == 1 && cli.stdout.contains("first bad record: seq 2"))
        // Without the state, balances reads the whole log and refuses too.
        try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index")
        #expect(cli.run(["balances"]) == 1)
    }
}

/// Review 40f: `verify --index` compared checks.state and rectify.state with the log before their own checksums, and
/// never asked mentions' body checksum, so a flipped byte — which a command would have found before use — was told as
/// a file that passed those checks ("answers given since it was written may have come from it"), or as intact.
@Suite struct VerifyIndexFlippedByteTests {
    @Test(arguments: ["checks.state", "mentions", "rectify.state"])
    func aFlippedByteIsToldAsDamage(_ file: String) throws {
        let cli = CLIHarness()
        cli.run(["init"])
        cli.run(["append"], stdin: CoreCommandTests.events)
        cli.run(["append"], stdin: DerivedStateCommandTests.income)
        let path = cli.ledgerPath + "/index/" + file
        func make() throws -> [UInt8] {
            #expect(cli.run(["verify", "--index"]) == 0, "\(cli.stdout)\(cli.stderr)")
            if file == "rectify.state" { #expect(cli.run(["rectify"]) == 0, "\(cli.stdout)\(cli.stderr)") }
            return try PosixFile.readRegularFile(path, bytesMax: 1 << 24).bytes
        }
        let size = try make().count
        // Spread over the file, the body's last byte and its checksum (the last 32 bytes) among them.
        let offsets = Set((1..<12).map { size * $0 / 12 } + [size - 33, size - 20, size - 1])
        for offset in offsets.sorted() {
            var bytes = try make()
            bytes[offset] ^= 0x10
            try PosixFile.writeAtomically(bytes, to: path)
            #expect(cli.run(["verify", "--index"]) == 0, "\(offset): \(cli.stdout)\(cli.stderr)")
            let line = cli.stdout.split(separator: "\n").first { $0.contains(" \(file) ") || $0.hasPrefix("index: \(file)") } ?? ""
            #expect(!line.isEmpty && !line.contains("\(file) intact") && !line.contains("passed the checks") && !line.contains("own checks passed"),
                    "byte \(offset) of \(size): \(line)")
        }
    }
}
