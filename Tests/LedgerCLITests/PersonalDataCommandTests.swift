import Foundation
import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Personal data that can be erased, end to end (ledger-spec.md 10.3): `ledger append` commits `{"person": …}`,
/// reports show the value, `ledger erase-personal` deletes it and records the erasure, and afterwards the chain,
/// every proof and every checkpoint still verify while reports show （已依法删除）.
@Suite struct PersonalDataCommandTests {
    static let root = SampleRecords.packageRoot
    static let python = TestBinaries.python3

    /// A community with a corridor occupied by 张三, who also rents a parking space (contract and rent as
    /// counterparty), an inspection by 王强 and a payment by 李四 recorded in clear.
    static let events = """
    {"id":"c1","type":"community.registered","occurred_on":"2024-03-01","data":{"community_id":"C-1","name":"海韵小区","street":"八大关街道","residents_committee":"海韵社区","total_area_m2":"52000.00","total_owners":480}}
    {"id":"a1","type":"asset.registered","occurred_on":"2024-03-02","data":{"asset_id":"A-1","community_id":"C-1","kind":"corridor","name":"1号楼走廊","location":"1号楼","area_m2":"20","registered_on":"2024-03-02","source":{"kind":"manual"}}}
    {"id":"a2","type":"asset.registered","occurred_on":"2024-03-02","data":{"asset_id":"A-2","community_id":"C-1","kind":"parking","name":"车位2","location":"东侧","area_m2":"12.5","registered_on":"2024-03-02","source":{"kind":"manual"}}}
    {"id":"f1","type":"fund.opened","occurred_on":"2024-03-02","data":{"fund_id":"F-1","community_id":"C-1","kind":"public_income","account":"6230"}}
    {"id":"k1","type":"contract.signed","occurred_on":"2024-04-01","data":{"contract_id":"K-1","community_id":"C-1","asset_ids":["A-2"],"counterparty":{"person":"张三"},"purpose":"停车","start_on":"2024-04-01","end_on":"2025-03-31","rent_fen":30000,"rent_period":"month","payee_fund_id":"F-1"}}
    {"id":"i1","type":"fund.income","occurred_on":"2024-04-02","data":{"fund_id":"F-1","amount_fen":30000,"counterparty":{"person":"张三"},"voucher":"SJ-1","category":"parking","source":{"contract_id":"K-1"}}}
    {"id":"i2","type":"fund.income","occurred_on":"2024-04-03","data":{"fund_id":"F-1","amount_fen":20000,"counterparty":"李四","voucher":"SJ-2","category":"parking"}}
    {"id":"o1","type":"occupation.reported","occurred_on":"2024-05-01","data":{"occupation_id":"O-1","asset_id":"A-1","occupant":{"person":"张三"},"description":"堆放杂物"}}
    {"id":"n1","type":"inspection.recorded","occurred_on":"2024-05-02","data":{"asset_id":"A-1","observed":"occupied","inspector":{"person":"王强"},"note":"杂物未清"}}

    """

    func prepared() -> CLIHarness {
        let cli = CLIHarness()
        #expect(cli.run(["init", "--name", "haiyun"]) == 0)
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.events) == 0, "\(cli.stderr)")
        return cli
    }

    /// Every file under `path` (the ledger directory, index/ and private/ included) that holds `text`'s bytes.
    static func files(under path: String, holding text: String) -> [String] {
        let needle = Data(text.utf8)
        var out: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: path)
        while let name = enumerator?.nextObject() as? String {
            let full = path + "/" + name
            guard let data = FileManager.default.contents(atPath: full) else { continue }
            if data.range(of: needle) != nil { out.append(name) }
        }
        return out.sorted()
    }

    static func commitment(in cli: CLIHarness, seq: Int) -> String {
        #expect(cli.run(["log", "--json", "--from", String(seq), "--to", String(seq)]) == 0)
        let range = cli.stdout.range(of: #"{"commitment":""#)!
        return String(cli.stdout[range.upperBound...].prefix(64))
    }

    @Test func appendEraseAndEverythingStillVerifies() throws {
        let cli = prepared()
        let ledger = cli.ledgerPath
        // The log holds commitments only; private/ holds the values, one file each, readable by the owner alone.
        #expect(Self.files(under: ledger, holding: "张三") == ["private/" + Self.commitment(in: cli, seq: 5)])
        #expect(Self.files(under: ledger, holding: "王强").count == 1)
        let zhang = Self.commitment(in: cli, seq: 5)
        #expect(Self.commitment(in: cli, seq: 8) == zhang, "one person, one commitment")
        var info = stat()
        #expect(stat(ledger + "/private", &info) == 0 && info.st_mode & 0o777 == 0o700)
        #expect(stat(ledger + "/private/" + zhang, &info) == 0 && info.st_mode & 0o777 == 0o600)

        // Reports show the values.
        #expect(cli.run(["contracts", "--as-of", "2024-06-30"]) == 0)
        #expect(cli.stdout.contains("张三"))
        #expect(cli.run(["log", "--raw"]) == 0)
        #expect(cli.stdout.contains(#""occupant":"张三""#) && cli.stdout.contains(#""counterparty":"李四""#))
        #expect(cli.run(["show", "O-1", "--as-of", "2024-06-30"]) == 0)
        #expect(cli.stdout.contains("occupation O-1 of A-1 by 张三"))
        #expect(cli.run(["assets", "--as-of", "2024-06-30", "--format", "json"]) == 0)
        #expect(cli.stdout.contains(#""inspector":"王强""#))
        #expect(cli.run(["rectify", "--as-of", "2024-06-30"]) == 0)
        #expect(cli.stdout.contains("张三占用（堆放杂物）"))

        // A checkpoint and a proof made before the erasure.
        #expect(cli.run(["keygen", "--out", "office.key"], addLedger: false) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp-before.txt"]) == 0)
        #expect(cli.run(["prove", "8", "--checkpoint", "cp-before.txt", "--out", "b8.json"]) == 0)
        let logBefore = TestLedger.logBytes(try LedgerDirectory.open(ledger))

        // A dry run changes nothing and says where the person is named.
        #expect(cli.run(["erase-personal", "--subject", "张三", "--reason", "本人申请删除", "--actor", "dpo", "--dry-run"]) == 0)
        #expect(cli.stdout.contains("\(zhang): named by 3 record fields: counterparty of record 5 (contract signed), counterparty of record 6 (fund income), occupant of record 8 (occupation reported)"))
        #expect(cli.stdout.contains("dry run: nothing was erased"))
        #expect(Self.files(under: ledger, holding: "张三").count == 1)

        #expect(cli.run(["erase-personal", "--subject", "张三", "--reason", "本人申请删除", "--request-ref", "PIPL-2026-01", "--actor", "dpo"]) == 0,
                "\(cli.stderr)")
        #expect(cli.stdout.contains("erased 1 personal value: record seq 10"))
        // Nothing holds the value any more: not the log, not private/, not index/.
        #expect(Self.files(under: ledger, holding: "张三") == [])
        #expect(Array(TestLedger.logBytes(try LedgerDirectory.open(ledger)).prefix(logBefore.count)) == logBefore, "the log only grew")
        #expect(cli.run(["log", "--json", "--from", "10"]) == 0)
        #expect(cli.stdout.contains(#""type":"personal_data.erased""#) && cli.stdout.contains(#""actor":"dpo""#))
        #expect(cli.stdout.contains(#""data":{"commitments":["\#(zhang)"],"legal_basis":"《中华人民共和国个人信息保护法》第四十七条","reason":"本人申请删除","request_ref":"PIPL-2026-01"}"#))

        // Reports now show the erasure; the other person is untouched.
        // English tables and show's English lines say it in English (review 31p: they showed the Chinese label);
        // Chinese tables, CSV and JSON keep （已依法删除）.
        #expect(cli.run(["contracts", "--as-of", "2024-06-30", "--lang", "en"]) == 0)
        #expect(cli.stdout.contains("(erased under PIPL Art. 47)") && !cli.stdout.contains("（已依法删除）") && !cli.stdout.contains("张三"))
        #expect(cli.run(["contracts", "--as-of", "2024-06-30", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("（已依法删除）") && !cli.stdout.contains("张三"))
        for format in ["csv", "json"] {
            #expect(cli.run(["contracts", "--as-of", "2024-06-30", "--lang", "en", "--format", format]) == 0)
            #expect(cli.stdout.contains("（已依法删除）") && !cli.stdout.contains("张三"))
        }
        #expect(cli.run(["log", "--raw"]) == 0)
        #expect(cli.stdout.contains(#""occupant":"（已依法删除）""#) && cli.stdout.contains(#""inspector":"王强""#))
        #expect(cli.run(["show", "O-1", "--as-of", "2024-06-30"]) == 0)
        #expect(cli.stdout.contains("occupation O-1 of A-1 by (erased under PIPL Art. 47)"))
        #expect(cli.run(["show", "O-1", "--as-of", "2024-06-30", "--at-seq", "9"]) == 0, "an erasure after --at-seq still applies")
        #expect(cli.stdout.contains("by (erased under PIPL Art. 47)"))
        #expect(cli.run(["show", "O-1", "--as-of", "2024-06-30", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("占用 O-1：（已依法删除）占用 A-1"), "\(cli.stdout)")
        #expect(cli.run(["rectify", "--as-of", "2024-06-30"]) == 0)
        #expect(cli.stdout.contains("（已依法删除）占用（堆放杂物）"))
        #expect(cli.run(["rectify", "--as-of", "2024-06-30", "--lang", "en"]) == 0)
        #expect(cli.stdout.contains("(erased under PIPL Art. 47)"))
        #expect(!cli.stderr.contains("warning"), "an erased value is not a missing one: \(cli.stderr)")

        // The chain, the old checkpoint, the old proof and a new one all verify.
        #expect(cli.run(["verify", "--schema"]) == 0)
        #expect(cli.run(["verify", "--checkpoint", "cp-before.txt", "--pubkey", "office.key.pub"]) == 0)
        #expect(cli.run(["check-proof", "b8.json", "--pubkey", "office.key.pub"], addLedger: false) == 0)
        #expect(cli.run(["checkpoint", "--key", "office.key", "--out", "cp-after.txt"]) == 0)
        #expect(cli.run(["prove", "8", "--checkpoint", "cp-after.txt", "--out", "b8-after.json"]) == 0)
        #expect(cli.run(["check-proof", "b8-after.json", "--pubkey", "office.key.pub"], addLedger: false) == 0)
        #expect(cli.stdout.contains(zhang), "check-proof shows the record as stored")

        if let python = Self.python {
            let verified = try TestBinaries.run(python, [Self.root + "/scripts/verify_ledger.py", "--personal", ledger])
            #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
            #expect(verified.stdout.contains("personal: 2 commitments named, 1 opened by private/, 1 erased, 0 missing"))
            for bundle in ["b8.json", "b8-after.json"] {
                let audited = try TestBinaries.run(python, [Self.root + "/testdata/merkle/check_audit.py", "--pubkey",
                                                            cli.temp.path + "/office.key.pub", "--bundle", cli.temp.path + "/" + bundle])
                #expect(audited.status == 0 && audited.stdout.hasPrefix("valid: record seq 8"), "\(audited.stdout)")
            }
        }

        // A second erasure of the same person changes nothing (by commitment), or finds no value (by text).
        let size = TestLedger.logBytes(try LedgerDirectory.open(ledger)).count
        #expect(cli.run(["erase-personal", "--subject", zhang, "--reason", "again", "--actor", "dpo"]) == 0)
        #expect(cli.stdout.contains("already erased (record seq 10); nothing to do"))
        #expect(cli.run(["erase-personal", "--subject", "张三", "--reason", "again", "--actor", "dpo"]) == 2)
        #expect(cli.stderr.contains("private/ holds no personal data with exactly this value"))
        #expect(TestLedger.logBytes(try LedgerDirectory.open(ledger)).count == size)

        // The same input appended again is all duplicates, and does not bring the value back.
        #expect(cli.run(["append", "--actor", "clerk"], stdin: Self.events) == 0, "\(cli.stderr)")
        #expect(cli.stdout.hasPrefix("appended nothing: every event is already in the ledger"))
        #expect(Self.files(under: ledger, holding: "张三") == [])
    }

    /// A value recorded in clear cannot be erased; the command says where it is.
    @Test func textRecordedInClearIsReportedNotErased() {
        let cli = prepared()
        #expect(cli.run(["erase-personal", "--subject", "李四", "--reason", "r", "--actor", "dpo"]) == 2)
        #expect(cli.stderr.contains("it is recorded in clear in counterparty of record 7 (fund income), which cannot be erased"))
        #expect(cli.run(["erase-personal", "--subject", "张", "--reason", "r", "--actor", "dpo"]) == 2)
        #expect(cli.stderr.contains("values that contain it: \"张三\""))
        #expect(cli.run(["erase-personal", "--subject", "张三", "--actor", "dpo"]) == 2)
        #expect(cli.stderr.contains("--reason is required"))
        #expect(cli.run(["erase-personal", "--subject", String(repeating: "0", count: 64), "--reason", "r", "--actor", "dpo"]) == 2)
        #expect(cli.stderr.contains("no record and no entry of private/ holds this commitment"))
        // The same refusals in Chinese, every one of them at once.
        #expect(cli.run(["erase-personal", "--subject", "李四", "--subject", "张", "--reason", "r", "--actor", "dpo", "--lang", "zh"]) == 2)
        #expect(cli.stderr.hasPrefix("错误：什么也没有删除：\n  --subject “李四”：private/ 中没有与这个值完全相同的个人信息；它以明文记录在第 7 条记录（收入）的相对方（counterparty）中，这些无法删除\n"))
        #expect(cli.stderr.contains("--subject “张”：private/ 中没有与这个值完全相同的个人信息；包含它的值：“张三”"))
        #expect(cli.run(["erase-personal", "--subject", "张三", "--reason", "r", "--actor", "dpo", "--dry-run", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("：被 3 个记录字段提到：第 5 条记录（合同签订）的相对方（counterparty）、第 6 条记录（收入）的相对方（counterparty）、第 8 条记录（占用报告）的占用人（occupant）\n") && cli.stdout.hasSuffix("试运行：什么也没有删除\n"))
        #expect(cli.run(["erase-personal", "--subject", "张三", "--reason", "r", "--actor", "dpo", "--lang", "zh"]) == 0)
        #expect(cli.stdout.contains("已删除 1 项个人信息：第 10 条记录（"))
    }

    @Test func erasuresAreRecordedOnlyByEraseAndNeverCorrected() throws {
        let cli = prepared()
        let zhang = Self.commitment(in: cli, seq: 5)
        let forged = #"{"id":"x1","type":"personal_data.erased","occurred_on":"2025-01-01","data":{"commitments":["\#(zhang)"],"reason":"r","legal_basis":"b"}}"#
        #expect(cli.run(["append", "--actor", "clerk"], stdin: forged + "\n") == 2)
        #expect(cli.stderr.contains("personal_data.erased is recorded by `ledger erase-personal`"))
        #expect(cli.run(["erase-personal", "--subject", "张三", "--reason", "r", "--actor", "dpo"]) == 0)
        #expect(cli.run(["log", "--json", "--from", "10"]) == 0)
        let erasureID = String(cli.stdout.components(separatedBy: #""id":""#)[1].prefix { $0 != "\"" })
        let void = #"{"id":"x2","type":"correction","occurred_on":"2026-01-05","data":{"corrects":"\#(erasureID)","reason":"撤销"}}"#
        #expect(cli.run(["append", "--actor", "clerk"], stdin: void + "\n") == 2)
        #expect(cli.stderr.contains("records an erasure of personal data; it cannot be corrected or voided"))
        // An erased person can still be named by its commitment (a correction restating the occupation, say), and a
        // commitment nobody knows is refused.
        let restated = #"{"id":"x3","type":"correction","occurred_on":"2026-01-05","data":{"corrects":"o1","reason":"描述补充","replacement":{"type":"occupation.reported","occurred_on":"2024-05-01","data":{"occupation_id":"O-1","asset_id":"A-1","occupant":{"commitment":"\#(zhang)"},"description":"堆放杂物及自行车"}}}}"#
        #expect(cli.run(["append", "--actor", "clerk"], stdin: restated + "\n") == 0, "\(cli.stderr)")
        let unknown = #"{"id":"x4","type":"occupation.reported","occurred_on":"2025-01-01","data":{"occupation_id":"O-2","asset_id":"A-1","occupant":{"commitment":"\#(String(repeating: "1", count: 64))"},"description":"d"}}"#
        #expect(cli.run(["append", "--actor", "clerk"], stdin: unknown + "\n") == 2)
        #expect(cli.stderr.contains("field \"data.occupant\": commitment 1111111111111111111111111111111111111111111111111111111111111111 names no one in private/ or in the log"))
    }

    @Test func privateOptionCommitsPlainValuesOfAField() throws {
        let cli = prepared()
        let line = #"{"id":"u1","type":"use.started","occurred_on":"2024-06-01","data":{"use_id":"U-1","asset_id":"A-2","user":"赵六","purpose":"停车","authority":{"contract_id":"K-1"}}}"#
        #expect(cli.run(["append", "--actor", "clerk", "--private", "nobody"], stdin: line + "\n") == 2)
        #expect(cli.stderr.contains("--private nobody: not a field that may name a person"))
        #expect(cli.run(["append", "--actor", "clerk", "--private", "occupant,user"], stdin: line + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["log", "--json", "--from", "10"]) == 0)
        #expect(cli.stdout.contains(#""user":{"commitment":""#) && !cli.stdout.contains("赵六"))
        #expect(Self.files(under: cli.ledgerPath, holding: "赵六").count == 1)
        #expect(cli.run(["show", "U-1", "--as-of", "2024-06-30"]) == 0)
        #expect(cli.stdout.contains("use U-1 of A-2 by 赵六"))
    }

    /// A value `private/` holds under several commitments is committed as the smallest of them, wherever it is
    /// written (the writer looks it up in a map made once, not by a scan of every entry per value: cc4b0148); a
    /// value it does not hold gets a new entry.
    @Test func aValueHeldTwiceIsCommittedAsTheSmallestCommitment() throws {
        let cli = prepared()
        let ledger = cli.ledgerPath
        let held = [PersonalOpening(salt: [UInt8](repeating: 3, count: 32), value: "钱七"),
                    PersonalOpening(salt: [UInt8](repeating: 9, count: 32), value: "钱七")]
        for opening in held {
            try PosixFile.writeAtomically(PrivateStore.entryBytes(opening), to: ledger + "/private/" + opening.commitment.hex)
        }
        let smallest = held.map(\.commitment.hex).min()!
        let entries = { try FileManager.default.contentsOfDirectory(atPath: ledger + "/private").filter { $0.utf8.count == 64 }.count }
        let before = try entries()
        let lines = [#"{"id":"u1","type":"use.started","occurred_on":"2024-06-01","data":{"use_id":"U-1","asset_id":"A-2","user":"钱七","purpose":"停车","authority":{"contract_id":"K-1"}}}"#,
                     #"{"id":"u2","type":"use.started","occurred_on":"2024-06-02","data":{"use_id":"U-2","asset_id":"A-1","user":"周九","purpose":"堆放","authority":{"contract_id":"K-1"}}}"#]
        #expect(cli.run(["append", "--actor", "clerk", "--private", "user"], stdin: lines.joined(separator: "\n") + "\n") == 0, "\(cli.stderr)")
        #expect(Self.commitment(in: cli, seq: 10) == smallest)
        #expect(Self.commitment(in: cli, seq: 11) != smallest)
        #expect(try entries() == before + 1, "周九 alone gets a new entry")
    }

    /// The list issued to a community names a committed occupant by its commitment, never by the value.
    @Test func issuedListKeepsTheCommitment() throws {
        let cli = prepared()
        let zhang = Self.commitment(in: cli, seq: 5)
        #expect(cli.run(["rectify", "--as-of", "2024-06-30", "--community", "C-1", "--issue", "L-1", "--issued-on", "2024-07-01",
                         "--out", "list.txt", "--issue-out", "issue.jsonl"]) == 0, "\(cli.stderr)")
        let issued = try String(contentsOfFile: cli.temp.path + "/issue.jsonl", encoding: .utf8)
        #expect(issued.contains(#""responsible":{"commitment":"\#(zhang)"}"#) && !issued.contains("张三"))
        #expect(try String(contentsOfFile: cli.temp.path + "/list.txt", encoding: .utf8).contains("张三"), "the list itself names the person")
        #expect(cli.run(["append", "--file", "issue.jsonl", "--actor", "office"]) == 0, "\(cli.stderr)")
        #expect(cli.run(["rectify", "--as-of", "2024-07-01", "--ledger-book"]) == 0)
        #expect(cli.stdout.contains("张三"))
    }

    /// Reports degrade clearly when private/ is missing, damaged or a link; verification never reads it.
    @Test func damagedOrMissingPrivateDirectory() throws {
        let cli = prepared()
        let ledger = cli.ledgerPath
        let zhang = Self.commitment(in: cli, seq: 5)
        // One entry damaged: its value is not shown, and the warning names the file.
        let entry = ledger + "/private/" + zhang
        let text = try String(contentsOfFile: entry, encoding: .utf8).replacingOccurrences(of: "张三", with: "张四")
        try PosixFile.writeAtomically(Array(text.utf8), to: entry)
        #expect(cli.run(["contracts", "--as-of", "2024-06-30"]) == 0)
        #expect(cli.stdout.contains("(personal data missing)") && !cli.stdout.contains("张四"))
        #expect(cli.stderr.contains("warning: \(entry) is damaged"))
        #expect(cli.stderr.contains("warning: 1 personal value named by the records is not in private/"))
        // The whole directory gone.
        try FileManager.default.removeItem(atPath: ledger + "/private")
        #expect(cli.run(["show", "O-1", "--as-of", "2024-06-30"]) == 0)
        #expect(cli.stdout.contains("by (personal data missing)"))
        #expect(cli.stderr.contains("are not in the missing private/"))
        #expect(cli.run(["log", "--raw"]) == 0)
        #expect(cli.stdout.contains(#""inspector":"（个人信息缺失）""#))
        #expect(cli.run(["verify", "--schema"]) == 0)
        #expect(cli.stderr.isEmpty)
        // A link in its place is never followed: appending personal data is refused, reports warn.
        try FileManager.default.createDirectory(atPath: cli.temp.path + "/elsewhere", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: ledger + "/private", withDestinationPath: cli.temp.path + "/elsewhere")
        let line = #"{"id":"o2","type":"occupation.reported","occurred_on":"2024-06-01","data":{"occupation_id":"O-2","asset_id":"A-1","occupant":{"person":"钱七"},"description":"d"}}"#
        #expect(cli.run(["append", "--actor", "clerk"], stdin: line + "\n") == 2)
        #expect(cli.stderr.contains("private is a symbolic link, not a directory; refused"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.temp.path + "/elsewhere").isEmpty)
        #expect(cli.run(["contracts", "--as-of", "2024-06-30"]) == 0)
        #expect(cli.stderr.contains("is a symbolic link, not a directory; it is not read"))
        #expect(cli.run(["verify"]) == 0)
    }

    /// An entry no record names (an append interrupted after private/ was written) is deleted without a record;
    /// an erasure interrupted after its marker is completed by the next append.
    @Test func orphanEntriesAndInterruptedErasures() throws {
        let cli = prepared()
        let ledger = cli.ledgerPath
        let orphan = PersonalOpening(salt: [UInt8](repeating: 7, count: 32), value: "孙八")
        try PosixFile.writeAtomically(PrivateStore.entryBytes(orphan), to: ledger + "/private/" + orphan.commitment.hex)
        let size = TestLedger.logBytes(try LedgerDirectory.open(ledger)).count
        #expect(cli.run(["erase-personal", "--subject", "孙八", "--reason", "r", "--actor", "dpo"]) == 0)
        #expect(cli.stdout.contains("named by no record"))
        #expect(Self.files(under: ledger, holding: "孙八") == [])
        #expect(TestLedger.logBytes(try LedgerDirectory.open(ledger)).count == size, "no record for an entry no record names")

        // The marker of an erasure whose entries were not deleted yet: reports already show the value as erased,
        // and the next append deletes it, appends the record and removes the marker.
        let zhang = Self.commitment(in: cli, seq: 5)
        let marker = #"{"actor":"dpo","data":{"commitments":["\#(zhang)"],"legal_basis":"b","reason":"r"},"id":"pd-erased-test","occurred_on":"2026-01-05","type":"personal_data.erased"}"# + "\n"
        try PosixFile.writeAtomically(Array(marker.utf8), to: ledger + "/private/erasure.pending")
        #expect(cli.run(["contracts", "--as-of", "2024-06-30"]) == 0)
        #expect(cli.stdout.contains("(erased under PIPL Art. 47)"))
        #expect(cli.stderr.contains("an erasure of personal data was interrupted; run `ledger erase-personal --resume`"))
        // A dry run leaves it waiting.
        #expect(cli.run(["erase-personal", "--subject", "王强", "--reason", "r", "--actor", "dpo", "--dry-run"]) == 0)
        #expect(cli.stdout.contains("an interrupted erasure is waiting"))
        #expect(FileManager.default.fileExists(atPath: ledger + "/private/erasure.pending"))
        let line = #"{"id":"i3","type":"fund.income","occurred_on":"2024-07-01","data":{"fund_id":"F-1","amount_fen":100,"counterparty":"物业","voucher":"SJ-3","category":"other"}}"#
        #expect(cli.run(["append", "--actor", "clerk"], stdin: line + "\n") == 0, "\(cli.stderr)")
        #expect(cli.stderr.contains("notice: completed the interrupted erasure pd-erased-test: record seq 10 appended"))
        #expect(cli.stdout.contains("appended 1 record: seq 11"))
        #expect(Self.files(under: ledger, holding: "张三") == [])
        #expect(!FileManager.default.fileExists(atPath: ledger + "/private/erasure.pending"))
        #expect(cli.run(["erase-personal", "--resume"]) == 0)
        #expect(cli.stdout.contains("no erasure was waiting"))
        #expect(cli.run(["verify", "--schema"]) == 0)
    }
}
