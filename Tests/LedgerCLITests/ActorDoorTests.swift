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
                #expect(cli.stderr.contains("\(source)：记录人“\(shown)”中含有控制字符（如制表符、换行符），请删去后重新填写"), "\(command) \(source): \(cli.stderr)")
                #expect(try base.logBytes(cli) == before, "\(command) \(source)")
            }
        }
        // `--actor` is taken before the environment: a good one is not spoiled by a bad $LEDGER_ACTOR.
        cli.environment = ["USER": "test-clerk", "LEDGER_ACTOR": actor]
        #expect(cli.run(["append", "--actor", "clerk-li"], stdin: Self.event + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["log", "--json"]) == 0)
        #expect(cli.stdout.contains(#""actor":"clerk-li""#), "\(cli.stdout)")
    }

    /// The default is checked whether or not an event takes it, and by the same rules as a line's actor: a blank
    /// one is refused naming its source (erase-personal would otherwise delete the data before the writer refused
    /// the record); an environment variable set to "" counts as unset; `--resume` asks nobody.
    @Test func theDefaultActorsSourcesInTurn() throws {
        let cli = base.ledger()
        let before = try base.logBytes(cli)
        let withActor = Self.event.replacingOccurrences(of: #""id":"x2","#, with: #""id":"x2","actor":"clerk-wang","#)
        for arguments in [["append"], ["erase-personal", "--subject", "张三", "--reason", "本人申请删除"]] {
            cli.environment = ["USER": "test-clerk"]
            #expect(cli.run(arguments + ["--actor", " "], stdin: withActor + "\n") == 2, "\(arguments)")
            #expect(cli.stderr.contains(#"--actor: actor " " is empty or only white space"#), "\(arguments): \(cli.stderr)")
            cli.environment = ["USER": "\u{3000}"]
            #expect(cli.run(arguments, stdin: withActor + "\n") == 2, "\(arguments)")
            #expect(cli.stderr.contains("$USER: actor \"<U+3000>\" is empty or only white space; name who records the event; or give --actor NAME, which is taken before $USER."),
                    "\(arguments): \(cli.stderr)")
            #expect(try base.logBytes(cli) == before)
        }
        // An erasure already begun is finished by whoever runs --resume: a bad $USER is not asked for.
        cli.environment = ["USER": "bad\u{7}"]
        cli.run(["erase-personal", "--resume"])
        #expect(!cli.stderr.contains("$USER"), "\(cli.stderr)")
        // $LEDGER_ACTOR before $USER; "" counts as unset.
        cli.environment = ["USER": "bad\t", "LEDGER_ACTOR": "clerk-li"]
        #expect(cli.run(["append"], stdin: Self.event + "\n") == 0, "\(cli.stderr)")
        cli.environment = ["USER": "clerk-zhao", "LEDGER_ACTOR": ""]
        let next = Self.event.replacingOccurrences(of: "x2", with: "x3").replacingOccurrences(of: "C-3", with: "C-4")
        #expect(cli.run(["append"], stdin: next + "\n") == 0, "\(cli.stderr)")
        #expect(cli.run(["log", "--json"]) == 0)
        #expect(cli.stdout.contains(#""id":"x2""#) && cli.stdout.contains(#""actor":"clerk-li""#), "\(cli.stdout)")
        #expect(cli.stdout.contains(#""id":"x3""#) && cli.stdout.contains(#""actor":"clerk-zhao""#), "\(cli.stdout)")
    }

    /// A line written before the rule, its actor holding a tab: run again, it is the duplicate of the record it
    /// wrote (the door holds it, as it holds an id refused by a later rule), not refused and not written twice;
    /// the same line with other content is refused with the door's message.
    @Test func aLineRecordedBeforeTheRuleIsStillItsDuplicate() throws {
        let cli = base.ledger()
        let line = Self.event.replacingOccurrences(of: #""id":"x2","#, with: #""id":"x2","actor":"clerk\t","#)
        let directory = try LedgerDirectory.open(cli.ledgerPath)
        let writer = try LogWriter.open(directory)
        let old = try EventInput.parse(line: Array(line.utf8), source: "old", lineNumber: 1)
        #expect(old.actor == "clerk\t")
        _ = try writer.append([old], options: AppendOptions(recordedAt: Timestamp(rfc3339: "2024-06-01T00:00:00Z")!,
                                                             defaultActor: nil, makeId: { "x" }))
        writer.close()
        let before = try base.logBytes(cli)
        #expect(cli.run(["append"], stdin: line + "\n") == 0, "\(cli.stderr)")
        #expect(cli.stdout.contains("duplicate"), "\(cli.stdout)")
        #expect(try base.logBytes(cli) == before)
        #expect(cli.run(["append"], stdin: line.replacingOccurrences(of: "\"n\"", with: "\"m\"") + "\n") == 2)
        #expect(cli.stderr.contains(#"field "actor": actor "clerk<U+0009>" holds a control character"#), "\(cli.stderr)")
        #expect(try base.logBytes(cli) == before)
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
        for actor in ["李", " 李 ", "街道办-李敏", "李\u{0301}"] { #expect(EventInput.actorDoorProblemWording(actor) == nil, "\(actor)") }
        // A bidi control (review 31c S3) is refused too, by its own words.
        for actor in ["a\u{202E}b", "\u{2066}李", "李\u{200F}"] {
            #expect(EventInput.actorDoorProblemWording(actor) == EventWords.actorHidden(actor, actor.unicodeScalars.first(where: EventInput.isHiddenInActor)!))
        }
        for actor in ["", " ", "\t\n", "\u{3000}"] { #expect(EventInput.actorDoorProblemWording(actor) == EventWords.emptyActor(actor)) }
    }
}
