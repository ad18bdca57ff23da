import LedgerCLI
import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Who records an event must not hold a control character (a tab or a line break pasted from a spreadsheet cell):
/// refused at the writer's door wherever the name comes from (ledger-spec.md section 8), the ledger left as it
/// was, while the record format — and so `verify` — keeps accepting such an actor written by another writer.
@Suite struct ActorDoorTests {
    private let base = ImportCommandTests()
    static let event = #"{"id":"x2","type":"community.registered","occurred_on":"2024-01-01","data":{"community_id":"C-3","name":"n","street":"s","residents_committee":"r","total_area_m2":"100.00","total_owners":3}}"#
    static let register = "编号,小区,类型,名称,位置,面积,登记日期\nA-1,C-1,车位,车位1,东门,12.5,2024/3/1\n"

    /// C0 (tab, LF, SOH), DEL and C1 (NEL), each beside visible text so that only the control rule can refuse it.
    static let actors = ["clerk\t", "clerk\n李", "\u{1}", "李\u{7F}", "李\u{85}"]

    @Test(arguments: actors)
    func aDefaultActorWithAControlCharacterIsRefusedNamingItsSource(_ actor: String) throws {
        let cli = base.ledger()
        try base.write(cli, "r.csv", Self.register)
        let before = try base.logBytes(cli)
        let shown = DisplayText.visible(actor)
        #expect(shown != actor, "the message shows the control character as its code point")
        let commands: [[String]] = [["append"], ["import", "assets", "r.csv"], ["import", "assets", "r.csv", "--dry-run"],
                                    ["erase-personal", "--subject", "张三", "--reason", "本人申请删除"]]
        for command in commands {
            for source in ["--actor", "$LEDGER_ACTOR", "$USER"] {
                cli.environment = ["USER": "test-clerk"]
                var arguments = command
                switch source {
                case "--actor": arguments += ["--actor", actor]
                case "$LEDGER_ACTOR": cli.environment["LEDGER_ACTOR"] = actor
                default: cli.environment["USER"] = actor
                }
                #expect(cli.run(arguments, stdin: Self.event + "\n") == 2, "\(command) \(source)")
                #expect(cli.stderr.contains("\(source): actor \"\(shown)\" holds a control character (a tab, a line break or the like)"),
                        "\(command) \(source): \(cli.stderr)")
                #expect(cli.run(arguments + ["--lang", "zh"], stdin: Self.event + "\n") == 2, "\(command) \(source)")
                #expect(cli.stderr.contains("\(source)：记录人“\(shown)”含有控制字符（制表符、换行符等）"), "\(command) \(source): \(cli.stderr)")
                #expect(try base.logBytes(cli) == before, "\(command) \(source)")
            }
        }
        // `--actor` is taken before the environment: a good one is not spoiled by a bad $LEDGER_ACTOR.
        cli.environment = ["USER": "test-clerk", "LEDGER_ACTOR": actor]
        #expect(cli.run(["append", "--actor", "clerk-li"], stdin: Self.event + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["log", "--json"]) == 0)
        #expect(cli.stdout.contains(#""actor":"clerk-li""#), "\(cli.stdout)")
    }

    /// The line's own `actor` is told with the line's other problems, in one run.
    @Test(arguments: actors)
    func anInputLinesActorWithAControlCharacterIsALineProblem(_ actor: String) throws {
        let cli = base.ledger()
        let before = try base.logBytes(cli)
        let escaped = CanonicalJSON.string(.string(actor))
        let line = Self.event.replacingOccurrences(of: #""occurred_on":"2024-01-01","#, with: #""occurred_on":"2024-02-30","actor":"# + escaped + ",")
        #expect(line != Self.event)
        #expect(cli.run(["append", "--actor", "clerk-li"], stdin: line + "\n") == 2)
        #expect(cli.stderr.contains("field \"actor\": actor \"\(DisplayText.visible(actor))\" holds a control character"), "\(cli.stderr)")
        #expect(cli.stderr.contains("field \"occurred_on\""), "\(cli.stderr)")
        #expect(try base.logBytes(cli) == before)
    }

    /// The door rule is not the format's: a record whose actor holds a control character (written by another
    /// writer, or before the rule) verifies, and `ledger log` shows it neutralised.
    @Test func aRecordedActorWithAControlCharacterStillVerifies() throws {
        let cli = base.ledger()
        #expect(EventInput.actorProblem("a\u{1}") == nil && EventInput.actorDoorProblemWording("a\u{1}") != nil)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let writer = try LogWriter.open(directory)
        let event = try EventInput.parse(line: Array(Self.event.utf8), source: "old", lineNumber: 1)
        _ = try writer.append([event], options: AppendOptions(recordedAt: Timestamp(rfc3339: "2024-06-01T00:00:00Z")!,
                                                               defaultActor: "a\u{1}", makeId: { "x" }))
        writer.close()
        #expect(cli.run(["verify", "--schema"]) == 0, "\(cli.stdout)\(cli.stderr)")
        #expect(cli.run(["log"]) == 0)
        #expect(!cli.stdout.unicodeScalars.contains("\u{1}"), "\(cli.stdout)")
    }

    @Test func theDoorRuleInBothLanguages() {
        for actor in Self.actors { #expect(EventInput.actorDoorProblemWording(actor) == EventWords.actorControl(actor)) }
        for actor in ["李", " 李 ", "街道办-李敏", "a\u{202E}b"] { #expect(EventInput.actorDoorProblemWording(actor) == nil, "\(actor)") }
        for actor in ["", " ", "\t\n", "\u{3000}"] { #expect(EventInput.actorDoorProblemWording(actor) == EventWords.emptyActor(actor)) }
    }
}
