import LedgerEvents
import LedgerTestSupport
import Testing

@Suite struct JSONParserTests {
    /// Two keys that are one text in two spellings (NFD "Cafe" + U+0301 and NFC "Caf" + U+00E9) are one key to every
    /// `String` reader: refused, and the message shows both spellings' code points rather than "duplicate key" for
    /// two keys that look different to no one but differ in bytes.
    @Test func canonicallyEquivalentKeysAreNamedAsSuch() {
        let text = "{\"Cafe\u{301}\":1,\"Caf\u{E9}\":2}"
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted two canonically equivalent keys")
        } catch {
            #expect(error.reason.en.contains("Caf<U+00E9>") && error.reason.en.contains("Cafe<U+0301>"), "\(error.reason.en)")
            #expect(error.reason.en.contains("canonical equivalence"))
            #expect(error.reason.zh.contains("标准等价"))
        }
        // The same spelling twice is still a plain duplicate.
        #expect(throws: EventError.self) { try JSONParser.parse("{\"Caf\u{E9}\":1,\"Caf\u{E9}\":2}") }
    }

    @Test(arguments: [
        (#"{"a":1,"a":2}"#, "duplicate key"),
        (#"{"a":1.5}"#, "decimal point or exponent"),
        (#"{"a":1e3}"#, "decimal point or exponent"),
        (#"{"a":9007199254740992}"#, "out of range"),
        (#"{"a":-0}"#, "-0"),
        (#"{"a":01}"#, "leading zeros"),
        (#"{"a":"\ud800"}"#, "surrogate"),
        (#"{"a":"x"} extra"#, "after the JSON value"),
        (#"{"a":tru}"#, "literal"),
        ("{\"a\":\"tab\there\"}", "control character"),
        (#"{"a":"unterminated}"#, "unterminated"),
        (#"{"a" 1}"#, "':'"),
        (#"[1,2,]"#, "value"),
    ])
    func rejectsWithAReason(text: String, reason: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.reason.en.contains(reason), "\(text): \(error.reason.en)")
            // The validator used by verify agrees with the parser.
            let bytes = Array(text.utf8)
            if let end = try? JSONValidator.validateValue(in: bytes[...], from: 0), end == bytes.count,
               !reason.contains("duplicate") {
                Issue.record("validator accepted \(text)")
            }
        }
    }

    @Test func rejectsInvalidUTF8AndDeepNesting() {
        #expect(throws: EventError.self) { try JSONParser.parse([0x22, 0xC3, 0x28, 0x22]) }
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: EventError.self) { try JSONParser.parse(deep) }
        let ok = String(repeating: "[", count: 32) + String(repeating: "]", count: 32)
        #expect((try? JSONParser.parse(ok)) != nil)
    }

    @Test func parsesEscapesAndUnicode() throws {
        let value = try JSONParser.parse(#"{"s":"\u6d77\u97f5\ud83d\ude00\n\/","n":-9007199254740991,"b":[true,false,null]}"#)
        #expect(value["s"]?.stringValue == "海韵😀\n/")
        #expect(value["n"]?.integerValue == -9_007_199_254_740_991)
        #expect(value["b"] == .array([.bool(true), .bool(false), .null]))
    }

    @Test func randomBytesNeverCrashEitherParser() {
        var generator = SplitMix64(seed: 11)
        let alphabet = Array(#"{}[]":,\-0123456789.eEtrufalsn \u"#.utf8) + [0xC3, 0xA9, 0xFF, 0x0A]
        for _ in 0..<3000 {
            let count = Int(generator.next() % 40)
            let bytes = (0..<count).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            let parsed = try? JSONParser.parse(bytes)
            let validated = try? JSONValidator.validateValue(in: bytes[...], from: 0)
            if let parsed {
                // What parses, round-trips through the canonical form, and the validator accepts it too.
                #expect((try? JSONParser.parse(CanonicalJSON.encode(parsed))) == parsed)
                let canonical = CanonicalJSON.encode(parsed)
                if let end = try? JSONValidator.validateValue(in: canonical[...], from: 0) {
                    #expect(end == canonical.count)
                } else {
                    Issue.record("validator rejected canonical \(CanonicalJSON.string(parsed))")
                }
            } else if let end = validated, end == bytes.count, bytes.first != 0x20 {
                // The validator may accept only what the parser rejects for duplicate keys.
                #expect(String(decoding: bytes, as: UTF8.self).contains(":"))
            }
        }
    }
}

@Suite struct EventInputTests {
    static func parse(_ text: String) -> Result<Event, EventError> {
        Result { () throws(EventError) -> Event in try EventInput.parse(line: Array(text.utf8), source: "in.jsonl", lineNumber: 3) }
    }

    @Test(arguments: [
        (#"{"type":"fund.income","occurred_on":"2025-02-30","data":{}}"#, "in.jsonl:3: field \"occurred_on\": \"2025-02-30\" is not a date; write a real calendar date as YYYY-MM-DD, e.g. 2025-06-30"),
        (#"{"occurred_on":"2025-02-03","data":{}}"#, "in.jsonl:3: field \"type\": missing; every event needs a type such as \"fund.income\""),
        (#"{"type":"Fund","occurred_on":"2025-02-03","data":{}}"#, "in.jsonl:3: field \"type\": \"Fund\" is not a type name; use lower-case words joined by . or _, e.g. fund.income"),
        (#"{"type":"a","occurred_on":"2025-02-03","data":[]}"#, "in.jsonl:3: field \"data\": must be a JSON object, found an array"),
        (#"{"type":"a","occurred_on":"2025-02-03"}"#, "in.jsonl:3: field \"data\": missing; the payload is a JSON object, {} when empty"),
        (#"{"type":"a","occurred_on":"2025-02-03","data":{},"extra":1}"#, "in.jsonl:3: field \"extra\": unknown member; an event line has only id, type, occurred_on, actor and data"),
        (#"{"id":"has space","type":"a","occurred_on":"2025-02-03","data":{}}"#, "in.jsonl:3: field \"id\": \"has space\" contains a space, quote, backslash or control character; ids are single words like A-0001"),
        (#"{"id":7,"type":"a","occurred_on":"2025-02-03","data":{}}"#, "in.jsonl:3: field \"id\": must be a string, found an integer"),
        (#"[1]"#, "in.jsonl:3: an event must be a JSON object, found an array"),
    ])
    func rejectionsNameLineFieldAndWhatIsAllowed(text: String, message: String) {
        switch Self.parse(text) {
        case .success: Issue.record("accepted \(text)")
        case .failure(let error): #expect(error.description == message)
        }
    }

    @Test func acceptsAMinimalEvent() throws {
        let event = try Self.parse(#"{"type":"fund.income","occurred_on":"2025-02-03","data":{"amount_fen":100}}"#).get()
        #expect(event.id == nil && event.actor == nil && event.type == "fund.income")
        #expect(event.data["amount_fen"] == .integer(100))
    }
}
