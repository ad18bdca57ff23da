import Foundation
import LedgerEvents
import LedgerPlatform
import LedgerTestSupport
import Testing

/// Personal data that can be erased (ledger-spec.md 10.3): the commitment vectors of testdata/personal, the
/// payload form `{"commitment": …}` of every personal field, the input form `{"person": …}` that `ledger append`
/// commits, and what reports show.
@Suite struct PersonalCommitmentTests {
    static let root = SampleRecords.packageRoot

    struct Vector: Sendable, CustomTestStringConvertible {
        let salt: String, value: String, valueUTF8: String, hashedBytes: String, commitment: String, payloadForm: String
        var testDescription: String { value }
    }

    static let vectors: [Vector] = {
        let data = try! Data(contentsOf: URL(fileURLWithPath: root + "/testdata/personal/commitment-vectors.json"))
        let document = try! JSONParser.parse(Array(data))
        return document["vectors"]!.arrayValue!.map { v in
            Vector(salt: v["salt"]!.stringValue!, value: v["value"]!.stringValue!, valueUTF8: v["value_utf8"]!.stringValue!,
                   hashedBytes: v["hashed_bytes"]!.stringValue!, commitment: v["commitment"]!.stringValue!,
                   payloadForm: v["payload_form"]!.stringValue!)
        }
    }()

    @Test func vectorFileHoldsTheSpecVectors() {
        #expect(Self.vectors.count == 3)
        #expect(Self.vectors[0].commitment == "5b8288bc023d0e831913401e0fe768c482cafb592ccce233285bb739bdde4554")
        #expect(Self.vectors[1].commitment == "56d553a18454e1446a8244de4380714d24456f7f413623dd1794a0f68aef97c9")
        // One trailing space is another value, so another commitment: values are hashed exactly as written.
        #expect(Self.vectors[2].commitment == "54898a309db4a511e8655b6608b1ea841b5fbd71d72f756ba97ae17304e14d28")
        #expect(Hex.encode(PersonalCommitment.tag) == "636f6d6d6f6e2d70726f70657274792d6c65646765722f706572736f6e616c2f763100")
        #expect(Hex.encode(SHA256.digest(Array("common-property-ledger test vector salt 1".utf8)).bytes) == Self.vectors[0].salt)
    }

    /// The commitment, recomputed by hand (tag, salt and value's bytes concatenated, then SHA-256) and by the type.
    @Test(arguments: vectors)
    func commitmentMatchesVector(_ v: Vector) throws {
        let salt = try #require(Hex.decode(v.salt))
        #expect(Hex.encode(Array(v.value.utf8)) == v.valueUTF8)
        #expect(Hex.encode(PersonalCommitment.tag + salt + Array(v.value.utf8)) == v.hashedBytes)
        #expect(SHA256.digest(Hex.decode(v.hashedBytes)!).hex == v.commitment)
        let commitment = PersonalCommitment.make(salt: salt, value: v.value)
        #expect(commitment.hex == v.commitment)
        #expect(commitment.isOpened(salt: salt, value: v.value))
        #expect(!commitment.isOpened(salt: salt, value: v.value + "x"))
        #expect(!commitment.isOpened(salt: Array(salt.dropFirst()), value: v.value))
        #expect(PersonalOpening(salt: salt, value: v.value).commitment == commitment)
        // The payload form, exactly as a record holds it.
        var data: [String: JSONValue] = ["asset_id": .string("A-1"), "description": .string("d"), "occupation_id": .string("O-1")]
        data["occupant"] = PersonalText.committed(commitment).jsonValue
        let payload = try DomainEvent.decode(type: "occupation.reported", occurredOn: CalendarDate(iso: "2025-01-01")!, data: data)
        let bytes = PayloadCodec.encode(payload)
        #expect(String(decoding: bytes, as: UTF8.self)
                == #"{"asset_id":"A-1","description":"d","occupant":"# + v.payloadForm + #","occupation_id":"O-1"}"#)
        guard case .occupationReported(let o) = payload else { Issue.record("not an occupation"); return }
        #expect(o.occupant == .committed(commitment))
    }

    @Test func commitmentsParseOnlyLowerCaseHex() {
        #expect(PersonalCommitment(hex: String(repeating: "a", count: 64)) != nil)
        #expect(PersonalCommitment(hex: String(repeating: "A", count: 64)) == nil)
        #expect(PersonalCommitment(hex: String(repeating: "a", count: 63)) == nil)
        #expect(PersonalCommitment(hex: String(repeating: "a", count: 65)) == nil)
    }

    /// Every personal field of every type, with its path: the one list the CLI, the erasure and the spec use.
    @Test func personalFieldsOfEveryType() throws {
        let c = PersonalText.committed(PersonalCommitment(hex: Self.vectors[0].commitment)!)
        let date = CalendarDate(iso: "2025-03-01")!
        func fields(_ type: String, _ json: String) throws -> [String] {
            guard case .object(let data) = try JSONParser.parse(Array(json.utf8)) else { return [] }
            return try DomainEvent.decode(type: type, occurredOn: date, data: data).personalFields.map { "\($0.field)=\($0.value == c ? "c" : "p")" }
        }
        let commitment = #"{"commitment":"\#(Self.vectors[0].commitment)"}"#
        #expect(try fields("contract.signed", #"{"contract_id":"K","community_id":"C","asset_ids":["A"],"counterparty":\#(commitment),"purpose":"p","start_on":"2025-01-01","end_on":"2025-02-01","rent_fen":0,"rent_period":"once"}"#) == ["counterparty=c"])
        #expect(try fields("use.started", #"{"use_id":"U","asset_id":"A","user":"u","purpose":"p"}"#) == ["user=p"])
        #expect(try fields("inspection.recorded", #"{"asset_id":"A","observed":"idle","inspector":\#(commitment)}"#) == ["inspector=c"])
        #expect(try fields("occupation.reported", #"{"occupation_id":"O","asset_id":"A","occupant":\#(commitment),"description":"d"}"#) == ["occupant=c"])
        #expect(try fields("fund.income", #"{"fund_id":"F","amount_fen":1,"counterparty":\#(commitment),"voucher":"v","category":"c"}"#) == ["counterparty=c"])
        #expect(try fields("fund.spending", #"{"fund_id":"F","amount_fen":1,"counterparty":"公司","voucher":"v","purpose":"p"}"#) == ["counterparty=p"])
        #expect(try fields("rectification.issued", #"{"list_id":"L","community_id":"C","as_of":"2025-02-28","at_seq":4,"report_sha256":"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855","report_format":"html","report_lang":"zh","prepared_on":"2025-03-01","items":[{"key":"K1","responsible":"r","deadline":"2025-03-31"},{"key":"K2","responsible":\#(commitment),"deadline":"2025-03-31"}]}"#)
                == ["items[0].responsible=p", "items[1].responsible=c"])
        #expect(try fields("rectification.reported", #"{"list_id":"L","keys":["K"],"reported_by":\#(commitment),"measures":"m","evidence":[{"kind":"voucher","ref":"V"}]}"#) == ["reported_by=c"])
        #expect(try fields("rectification.verified", #"{"list_id":"L","keys":["K"],"result":"closed","verified_by":"v"}"#) == ["verified_by=p"])
        #expect(try fields("correction", #"{"corrects":"e","reason":"r","replacement":{"type":"use.started","occurred_on":"2025-01-01","data":{"use_id":"U","asset_id":"A","user":\#(commitment),"purpose":"p"}}}"#) == ["replacement.data.user=c"])
        #expect(try fields("asset.retired", #"{"asset_id":"A","reason":"r"}"#) == [])
        #expect(DomainEvent.personalFieldNames == ["counterparty", "inspector", "occupant", "reported_by", "responsible", "user", "verified_by"])
    }

    /// `{"person": …}` in an input line becomes the commitment the resolver gives, wherever it is (a correction's
    /// replacement too); the schema then decides whether the field may hold it.
    @Test func inputFormIsCommittedBeforeTheSchemaReadsIt() throws {
        let commitment = PersonalCommitment(hex: Self.vectors[0].commitment)!
        var asked: [String] = []
        let resolve: (String) -> PersonalCommitment? = { asked.append($0); return commitment }
        let line = #"{"id":"e1","type":"correction","occurred_on":"2025-03-01","data":{"corrects":"u0","reason":"姓名录错","replacement":{"type":"use.started","occurred_on":"2025-02-01","data":{"use_id":"U-1","asset_id":"A-1","user":{"person":"张三"},"purpose":"停车"}}}}"#
        let event = try EventInput.parse(line: Array(line.utf8), source: "in", lineNumber: 1, personal: resolve)
        #expect(asked == ["张三"])
        guard case .correction(let c)? = event.payload.domain, case .useStarted(let use)? = c.replacement?.payload else {
            Issue.record("not a correction of a use"); return
        }
        #expect(use.user == .committed(commitment))
        #expect(!String(decoding: event.payload.dataBytes, as: UTF8.self).contains("张三"))

        // Without a resolver the form stays, and the schema says who turns it into a commitment.
        let plain = try EventInput.parse(line: Array(#"{"type":"use.started","occurred_on":"2025-02-01","data":{"use_id":"U","asset_id":"A","user":{"person":"张三"},"purpose":"p"}}"#.utf8),
                                         source: "in", lineNumber: 1)
        #expect(throws: EventError.payload(EventError.PayloadProblem(type: "use.started", field: "data.user", reason: "{\"person\": …} is turned into a commitment by ledger append; a record holds {\"commitment\": \"<64 hex>\"}"))) {
            try DomainEvent.decode(plain)
        }

        // In a field that names no person the commitment is refused by the schema, naming the fields that may.
        let purpose = try EventInput.parse(line: Array(#"{"type":"use.started","occurred_on":"2025-02-01","data":{"use_id":"U","asset_id":"A","user":"u","purpose":{"person":"张三"}}}"#.utf8),
                                           source: "in", lineNumber: 1, personal: resolve)
        #expect(throws: EventError.payload(EventError.PayloadProblem(type: "use.started", field: "data.purpose", reason: "must be a string; personal data ({\"person\": …}) is allowed only in counterparty, inspector, occupant, reported_by, responsible, user, verified_by"))) {
            try DomainEvent.decode(purpose)
        }

        // An empty person is refused at the line, with its path.
        #expect(throws: EventError.eventLine([EventError.LineProblem(source: "in", lineNumber: 4, field: "data.user.person", reason: "must not be empty; give the person's name or contact")])) {
            _ = try EventInput.parse(line: Array(#"{"type":"use.started","occurred_on":"2025-02-01","data":{"use_id":"U","asset_id":"A","user":{"person":" "},"purpose":"p"}}"#.utf8),
                                     source: "in", lineNumber: 4, personal: resolve)
        }
    }

    /// What reports show: the text, the value, or the marker of an erased, withheld or missing value.
    @Test func namesShowValuesOrMarkers() {
        let known = PersonalCommitment(hex: Self.vectors[0].commitment)!
        let erased = PersonalCommitment(hex: Self.vectors[1].commitment)!
        let lost = PersonalCommitment(hex: Self.vectors[2].commitment)!
        let names = PersonalNames(values: [known: "张三", erased: "王五"], erased: [erased])
        #expect(names.text("公司") == "公司")
        #expect(names.text(.committed(known)) == "张三")
        #expect(names.text(.committed(erased)) == "（已依法删除）")
        #expect(names.text(.committed(erased), english: true) == "(erased under PIPL Art. 47)")
        #expect(names.text(.committed(lost)) == "（个人信息缺失）")
        var withheld = names
        withheld.reveals = false
        #expect(withheld.text(.committed(known)) == "（个人信息不公示）")
        #expect(withheld.text(.committed(erased)) == "（已依法删除）")
        let data: [String: JSONValue] = ["occupant": PersonalText.committed(known).jsonValue, "items": .array([.object(["responsible": PersonalText.committed(erased).jsonValue])])]
        #expect(CanonicalJSON.string(.object(names.revealing(data))) == #"{"items":[{"responsible":"（已依法删除）"}],"occupant":"张三"}"#)
    }
}
