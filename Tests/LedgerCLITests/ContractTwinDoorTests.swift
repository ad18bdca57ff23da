import Foundation
import LedgerCLI
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Session 44: a contract pasted again under another id is held to one twin rule at both doors — `ledger append`
/// compares its `contract.signed` events with the recorded contracts (and the batch's earlier ones) as `ledger import
/// contracts` compares its rows (`ImportTwins.contractKey`), with the import's override `--allow-twins`; and a tenant
/// kept private (`--private`, `{"person": …}`) is compared through `private/` (review 43d #3), the message never
/// showing the private name in clear. Each refusal names the file, line or row, field and value, in English and
/// Chinese, and leaves the ledger unchanged.
@Suite struct ContractTwinDoorTests {
    static let tests = ImportReview43TwinsTests()

    /// A `contract.signed` line of the shape `ImportReview43TwinsTests.contract` imports: A-T1 of C-T let to
    /// `tenant` (a JSON value: a string, or `{"person": …}`) from 2025-03-01 to `end` at ¥20,000.00 a year.
    static func contract(_ id: String, event: String? = nil, tenant: String = #""中国铁塔""#, parts: String = "A-T1", end: String = "2026-02-28",
                         purpose: String = "通信基站", fen: Int64 = 2_000_000) -> String {
        #"{"id":"\#(event ?? "E-" + id)","type":"contract.signed","occurred_on":"2025-02-20","data":{"contract_id":"\#(id)","community_id":"C-T","asset_ids":["\#(parts)"],"counterparty":\#(tenant),"purpose":"\#(purpose)","start_on":"2025-03-01","end_on":"\#(end)","rent_fen":\#(fen),"rent_period":"year","payee_fund_id":"F-T"}}"#
    }

    static func correction(_ id: String, of target: String, replacement: String) -> String {
        #"{"id":"\#(id)","type":"correction","occurred_on":"2025-12-20","data":{"corrects":"\#(target)","reason":"改正","replacement":\#(replacement)}}"#
    }

    /// A correction's replacement: `contract(…)` without its event id.
    static func replacement(_ id: String, purpose: String = "通信基站", fen: Int64 = 2_000_000) -> String {
        contract(id, purpose: purpose, fen: fen).replacingOccurrences(of: #""id":"E-\#(id)","#, with: "")
    }

    func append(_ cli: CLIHarness, _ lines: [String], _ extra: [String] = []) throws -> Int32 {
        try Self.tests.write(cli, "in.jsonl", lines.joined(separator: "\n") + "\n")
        return cli.run(["append", "--file", "in.jsonl"] + extra)
    }

    /// The demo-free ledger of `ImportReview43TwinsTests` with K-1 (`K-T-R00F`) appended.
    func ledger() throws -> CLIHarness {
        let cli = try Self.tests.ledger()
        #expect(try append(cli, [Self.contract("K-T-R00F")]) == 0, "\(cli.stdout)\(cli.stderr)")
        return cli
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let lines: [String]
        var options: [String] = []
        /// Substrings of the refusal; empty: the batch is appended.
        var refused: [String] = []
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "twin of a record", lines: [contract("K-T-ROOF")], refused: [
            "in.jsonl:1: event E-K-T-ROOF (contract.signed): field \"data.contract_id\": \"K-T-ROOF\" is the id of a contract the ledger already holds under another "
                + "contract id (record #",
            " E-K-T-R00F, contract \"K-T-R00F\": contract of C-T for A-T1 with \"中国铁塔\", 2025-03-01 to 2026-02-28, rent ¥20,000.00 per year): "
                + "every term but the id is the same, so it is most likely that contract pasted again or its id retyped, and its rent would fall due twice. "
                + "If it is the same contract, leave this event out of the batch (the ledger holds it as K-T-R00F; a wrong term of it is put right by "
                + "a correction of its record). If it is another contract for the same parts, tenant, term and rent, append the batch again with --allow-twins.",
        ]),
        // A purpose retyped is the same letting (the import's key leaves it out).
        Case(name: "twin with another purpose", lines: [contract("K-T-ROOF", purpose: "基站")],
             refused: ["field \"data.contract_id\": \"K-T-ROOF\" is the id of a contract the ledger already holds under another contract id"]),
        Case(name: "twin within the batch", lines: [contract("K-X-1", tenant: #""乙公司""#), contract("K-X-2", tenant: #""乙公司""#)], refused: [
            "in.jsonl:2: event E-K-X-2 (contract.signed): field \"data.contract_id\": \"K-X-2\" is the id of a contract that line 1 of this batch already gives under another "
                + "contract id (\"K-X-1\": contract of C-T for A-T1 with \"乙公司\"",
            "If the two events are one contract, keep one of them. If they are two contracts for the same parts, tenant, term and rent, "
                + "append the batch again with --allow-twins.",
        ]),
        // A correction's replacement is checked as the contract it records.
        Case(name: "replacement twin of a record", lines: [contract("K-5", fen: 555), correction("V-5", of: "E-K-5", replacement: replacement("K-5"))],
             refused: ["in.jsonl:2: event V-5 (correction): field \"data.replacement.data.contract_id\": \"K-5\" is the id of a contract the ledger already holds"]),
        // No twins: a renewal (another term), another part, tenant or rent.
        Case(name: "a renewal", lines: [contract("K-T-R2", end: "2027-02-28")]),
        Case(name: "another part", lines: [contract("K-T-R3", parts: "A-T2")]),
        Case(name: "another tenant", lines: [contract("K-T-R4", tenant: #""中国移动""#)]),
        Case(name: "another rent", lines: [contract("K-T-R5", fen: 2_100_000)]),
        // The recorded contract corrected (its purpose): the contract it was, no twin of itself.
        Case(name: "the record corrected", lines: [correction("V-1", of: "E-K-T-R00F", replacement: replacement("K-T-R00F", purpose: "基站"))]),
        // Said to be another contract.
        Case(name: "--allow-twins", lines: [contract("K-T-ROOF"), contract("K-T-ROOF2")], options: ["--allow-twins"]),
    ]

    @Test(arguments: cases)
    func appendHoldsContractsToTheImportsTwinRule(_ c: Case) throws {
        let cli = try ledger()
        let before = try cli.logBytes()
        let status = try append(cli, c.lines, c.options)
        if c.refused.isEmpty {
            #expect(status == 0, "\(cli.stdout)\(cli.stderr)")
            #expect(try cli.logBytes() != before)
        } else {
            #expect(status == 2, "\(cli.stdout)\(cli.stderr)")
            for part in c.refused { #expect(cli.stderr.contains(part), "\(part)\n\(cli.stderr)") }
            #expect(try cli.logBytes() == before)
        }
    }

    /// One answer from the stored index, after `rm -rf index/` and from the whole log; in Chinese; a contract
    /// imported is refused when appended again under another id, and one appended when imported again.
    @Test func bothDoorsRefuseTheOthersTwinInBothLanguages() throws {
        let cli = try ledger()
        let before = try cli.logBytes()
        var outputs: [String] = []
        for (scopes, cold) in [(nil, false), (nil, true), ("off", false)] as [(String?, Bool)] {
            cli.environment["LEDGER_SCOPES"] = scopes
            if cold { try FileManager.default.removeItem(atPath: cli.ledgerPath + "/index") }
            #expect(try append(cli, [Self.contract("K-T-ROOF")]) == 2, "\(cli.stdout)\(cli.stderr)")
            outputs.append(cli.stderr)
            #expect(try cli.logBytes() == before)
        }
        cli.environment["LEDGER_SCOPES"] = nil
        #expect(Set(outputs).count == 1, "\(outputs)")
        #expect(try append(cli, [Self.contract("K-T-ROOF")], ["--lang", "zh"]) == 2)
        #expect(cli.stderr.contains("所记的合同，账本中已以另一合同编号记录（记录 #")
                && cli.stderr.contains("合同编号“K-T-R00F”：C-T 的 A-T1，承租方“中国铁塔”，2025-03-01 至 2026-02-28，租金 20,000.00元/年）")
                && cli.stderr.contains("如果是同一份合同，请从这一批中删去该事件（账本中的编号为 K-T-R00F；")
                && cli.stderr.contains("请加 --allow-twins 重新追加这一批。"), "\(cli.stderr)")
        // The appended contract, imported again under another id: the import's words.
        try Self.tests.write(cli, "c2.csv", ImportReview43TwinsTests.contractHeader + ImportReview43TwinsTests.contract("K-T-ROOF"))
        let out = try Self.tests.refused(cli, ["import", "contracts", "c2.csv"])
        #expect(out.contains("c2.csv: row 2, column A \"合同编号\": \"K-T-ROOF\" is the id of a contract the ledger already holds under another contract id"), "\(out)")
        // An imported contract, appended again under another id.
        try Self.tests.write(cli, "c3.csv", ImportReview43TwinsTests.contractHeader + ImportReview43TwinsTests.contract("K-Y-1", tenant: "丙公司"))
        #expect(cli.run(["import", "contracts", "c3.csv"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(try append(cli, [Self.contract("K-Y-2", tenant: #""丙公司""#)]) == 2, "\(cli.stderr)")
        #expect(cli.stderr.contains("contract \"K-Y-1\": contract of C-T for A-T1 with \"丙公司\""), "\(cli.stderr)")
        // Said another contract: appended; the same input again is all duplicates (no flag needed).
        #expect(try append(cli, [Self.contract("K-T-ROOF")], ["--allow-twins"]) == 0, "\(cli.stderr)")
        #expect(try append(cli, [Self.contract("K-T-ROOF")]) == 0, "\(cli.stderr)")
    }

    // MARK: Review 43d #3: a private tenant compared through private/

    /// A contract whose tenant is a private person, pasted once with `--private` and once without (either order), or
    /// appended with the name in clear after an import with `--private`: one tenant, refused; the message shows no
    /// name (the private person's) and says how a correction writes a private tenant. Another person stays another.
    @Test(arguments: [true, false])
    func aPrivateTenantIsComparedThroughPrivate(_ privateFirst: Bool) throws {
        let cli = try Self.tests.ledger()
        let header = ImportReview43TwinsTests.contractHeader
        try Self.tests.write(cli, "p1.csv", header + ImportReview43TwinsTests.contract("K-P-1", tenant: "张三丰"))
        try Self.tests.write(cli, "p2.csv", header + ImportReview43TwinsTests.contract("K-P-2", tenant: "张三丰"))
        let (first, second): ([String], [String]) = privateFirst ? (["--private", "counterparty"], []) : ([], ["--private", "counterparty"])
        #expect(cli.run(["import", "contracts", "p1.csv"] + first) == 0, "\(cli.stdout)\(cli.stderr)")
        let out = try Self.tests.refused(cli, ["import", "contracts", "p2.csv"] + second)
        #expect(out.contains("p2.csv: row 2, column A \"合同编号\": \"K-P-2\" is the id of a contract the ledger already holds under another contract id (record #")
                && out.contains("contract \"K-P-1\": contract of C-T for A-T1 with (the same private person), 2025-03-01 to 2026-02-28"), "\(out)")
        // The name is shown only where the file's cell is refused for writing in clear a name kept private (review
        // 46e: the clerk's own cell, to find it); the twin's message names no one.
        func twinLines(_ text: String) -> String {
            text.split(separator: "\n").filter { !$0.contains("is a name the ledger keeps only") && !$0.contains("是账本只作为个人信息保存在") }
                .joined(separator: "\n")
        }
        #expect(!twinLines(out).contains("张三丰"), "\(out)")
        #expect(out.contains(#""张三丰" is a name the ledger keeps only as a private person's"#) == privateFirst, "\(out)")
        #expect(out.contains("The recorded tenant is a private person (kept in private/)") == privateFirst, "\(out)")
        #expect(cli.run(["import", "contracts", "p2.csv", "--lang", "zh"] + second) == 2)
        #expect(cli.stdout.contains("承租方（同一个个人，已作个人信息处理）") && !twinLines(cli.stdout).contains("张三丰"), "\(cli.stdout)")
        // Appended with the name in clear, or as a person: the same tenant (named only when both write it in clear).
        for tenant in [#""张三丰""#, #"{"person":"张三丰"}"#] {
            let before = try cli.logBytes()
            #expect(try append(cli, [Self.contract("K-P-3", tenant: tenant)]) == 2, "\(cli.stdout)\(cli.stderr)")
            #expect(cli.stderr.contains("field \"data.contract_id\": \"K-P-3\" is the id of a contract the ledger already holds under another contract id")
                    && twinLines(cli.stderr).contains("张三丰") == (!privateFirst && !tenant.contains("person")), "\(tenant): \(cli.stderr)")
            #expect(cli.stderr.contains("is a name the ledger keeps only as a private person's") == (privateFirst && !tenant.contains("person")),
                    "\(tenant): \(cli.stderr)")
            #expect(try cli.logBytes() == before)
        }
        // Another private person is another tenant.
        try Self.tests.write(cli, "p4.csv", header + ImportReview43TwinsTests.contract("K-P-4", tenant: "李四"))
        #expect(cli.run(["import", "contracts", "p4.csv", "--private", "counterparty"]) == 0, "\(cli.stdout)\(cli.stderr)")
    }
}
