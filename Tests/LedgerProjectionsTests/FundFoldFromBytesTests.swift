import LedgerChain
import LedgerEvents
@testable import LedgerProjections
import LedgerPlatform
import LedgerTestSupport
import Testing

/// The funds' fold reads a money movement into its row straight from the record's bytes
/// (`FundFold.apply(seq:idBytes:type:occurredOn:data:)`, `PayloadRefs.movement`) instead of decoding its payload.
/// The typed decode stays the oracle: on seeded random logs — every event type, every fund fact type, corrections
/// with and without replacements, Chinese categories and canonically equivalent ones ("café" composed and
/// decomposed, "F-K" with a KELVIN SIGN), escapes in every string, ids the reader must refuse (non-ASCII, escaped),
/// amounts at and past the limit, members added, dropped, nulled — the fold fed the bytes makes the same rows
/// (same interned ids and categories, in the same order), the same outputs for each row, the same projection at
/// every date and the same `fund-totals` bytes as the fold fed the decoded payloads; and a rebuild pass makes the
/// same `funds.state` and fold either way.
@Suite struct FundFoldFromBytesTests {
    /// One record as the funds' fold is given it (as `funds.state` keeps it: `data` nil for a skipped record).
    struct Input {
        let seq: Int64
        let id: String
        let occurredOn: CalendarDate
        let typeName: String
        let data: [UInt8]?
    }

    static let categories = ["维修基金", "停车", "caf\u{E9}", "cafe\u{301}", "leasing", "other", "a\"b", "back\\slash",
                             "tab\there", " lead", "\u{3000}全角", "x\u{7F}", "Ｆ", "\u{1F600}", "e\u{301}\u{301}"]
    static let oddFunds = ["F-HY-PI", "F-K", "F-\u{212A}", "F-基金", "F-HY\\u002dPI", "F HY", ""]

    /// Replaces the first `"name":value` member of a canonical object's text (a string or an integer value).
    static func replacing(_ name: String, in text: String, with value: String) -> String {
        guard let key = text.range(of: "\"\(name)\":") else { return text }
        var end = key.upperBound
        if text[end] == "\"" {
            end = text.index(after: end)
            while text[end] != "\"" {
                if text[end] == "\\" { end = text.index(after: end) }
                end = text.index(after: end)
            }
            end = text.index(after: end)
        } else {
            while end < text.endIndex, text[end] != ",", text[end] != "}" { end = text.index(after: end) }
        }
        return text.replacingCharacters(in: key.upperBound..<end, with: value)
    }

    /// A JSON string literal of `text` (as canonical JSON writes it).
    static func literal(_ text: String) -> String { CanonicalJSON.string(.string(text)) }

    /// The inputs of a random log, whose money movements are changed at random towards what the reader must refuse
    /// or read exactly.
    static func randomInputs(_ random: inout SplitMix64) -> [Input] {
        let records = FundTotalsFromRowsTests.randomRecords(&random)
        return records.map { record in
            let type = EventType(rawValue: record.type)
            if let type, !FundFold.reads(type) {
                return Input(seq: record.seq, id: record.id, occurredOn: record.occurredOn, typeName: record.type, data: nil)
            }
            var data: [UInt8]
            switch record.payload {
            case .domain(let payload): data = PayloadCodec.encode(payload)
            case .raw(let raw): data = raw.data
            }
            if let type, PayloadRefs.readsMovement(type), random.int(0..<2) == 0 {
                var text = String(decoding: data, as: UTF8.self)
                let categoryMember = type == .fundIncome ? "category" : "purpose_category"
                switch random.int(0..<12) {
                case 0, 1:
                    let category = Self.literal(categories[random.int(0..<categories.count)])
                    if type == .fundSpending, !text.contains("\"purpose_category\"") {
                        text = Self.replacing("purpose", in: text, with: "\"p\",\"purpose_category\":\(category)")
                    } else {
                        text = Self.replacing(categoryMember, in: text, with: category)
                    }
                case 2:
                    // Escaped forms of letters (decoded as the plain ones, never read from the bytes).
                    text = Self.replacing("voucher", in: text, with: #""\u0061V""#)
                    text = Self.replacing(categoryMember, in: text, with: #""\u505c\u8f66""#)
                case 3:
                    let fund = oddFunds[random.int(0..<oddFunds.count)]
                    text = Self.replacing(type == .fundTransfer ? "to_fund_id" : "fund_id", in: text, with: "\"\(fund)\"")
                case 4:
                    let amount = [Limits.amountFenMax, Limits.amountFenMax + 1, 0, 1, -5, 9_223_372_036_854_775_807][random.int(0..<6)]
                    text = Self.replacing("amount_fen", in: text, with: String(amount))
                case 5:
                    text = Self.replacing("amount_fen", in: text, with: ["1.0", "\"100\"", "1e3", "01", "null"][random.int(0..<5)])
                case 6:
                    if type == .fundSpending { text = Self.replacing("purpose_category", in: text, with: "null") }
                    else if type == .fundIncome { text = Self.replacing("fund_id", in: text, with: "\"F-HY-PI\",\"source\":{}") }
                case 7:
                    text.insert(contentsOf: "\"zz\":1,", at: text.index(after: text.startIndex))
                case 8:
                    text = Self.replacing("voucher", in: text, with: Self.literal(["V\"1", "凭证\n1", " ", "\u{3000}", "V\u{1}"][random.int(0..<5)]))
                case 9:
                    text = Self.replacing("counterparty", in: text, with: ["{\"commitment\":\"" + String(repeating: "ab", count: 32) + "\"}",
                                                                         "{\"person\":\"张三\"}", "\"张三\\\"\""][random.int(0..<3)])
                case 10:
                    if type == .fundTransfer { text = Self.replacing("to_fund_id", in: text, with: "\"F-HY-PI\"") }
                    text = Self.replacing("from_fund_id", in: text, with: "\"F-HY-PI\"")
                default:
                    text = Self.replacing(categoryMember, in: text, with: Self.literal("停车"))
                }
                data = Array(text.utf8)
            }
            return Input(seq: record.seq, id: record.id, occurredOn: record.occurredOn, typeName: record.type, data: data)
        }
    }

    /// The oracle: every payload decoded (`.raw` when it does not decode), applied typed.
    static func typedFold(_ inputs: [Input]) -> FundFold {
        var fold = FundFold()
        for input in inputs {
            guard let data = input.data else { fold.skip(seq: input.seq, id: input.id); continue }
            let payload: EventPayload
            if let type = EventType(rawValue: input.typeName), let domain = try? PayloadCodec.decode(type: type, occurredOn: input.occurredOn, data: data[...]) {
                payload = .domain(domain)
            } else {
                payload = .raw(type: input.typeName, data: data)
            }
            fold.apply(seq: input.seq, id: input.id, occurredOn: input.occurredOn, payload: payload)
        }
        return fold
    }

    /// As the readers fold: each movement read from its bytes when the reader vouches for it, else as the oracle.
    static func bytesFold(_ inputs: [Input]) -> FundFold {
        var fold = FundFold()
        for input in inputs {
            guard let data = input.data else { fold.skip(seq: input.seq, idBytes: input.id.utf8); continue }
            fold.apply(seq: input.seq, id: input.id, occurredOn: input.occurredOn, typeName: input.typeName, data: data[...])
        }
        return fold
    }

    static func rowKey(_ row: FactRow) -> [Int64] {
        [Int64(row.kind.rawValue), Int64(row.day), row.position, Int64(row.subject), Int64(row.other), row.amountFen, Int64(row.category)]
    }

    static let stamp = StateStamp(seq: 1, hash: .zero, lineOffset: 0, lineBytes: 1)

    @Test(arguments: TestScale.seeds(120)) func bytesGiveTheTypedRows(seed: Int) {
        var random = SplitMix64(seed: UInt64(seed) &* 0x5851_F42D &+ 0xB17E)
        let inputs = Self.randomInputs(&random)
        var typed = Self.typedFold(inputs)
        var bytes = Self.bytesFold(inputs)
        let context = "seed \(seed)"
        #expect(bytes.rows.map(Self.rowKey) == typed.rows.map(Self.rowKey), "\(context)")
        #expect(bytes.slots == typed.slots, "\(context)")
        #expect(bytes.ids.strings == typed.ids.strings && bytes.categories.strings == typed.categories.strings, "\(context)")
        #expect(bytes.categoryFormsVary == typed.categoryFormsVary, "\(context)")
        for (a, b) in zip(bytes.rows, typed.rows) {
            let da = bytes.detail(a.detail), db = typed.detail(b.detail)
            #expect(da.payload == db.payload && da.evidence == db.evidence, "\(context): row of \(db.evidence)")
        }
        // Settled at each query and once at the end: the same answers.
        for settle in [false, true] {
            if settle { typed.finish(); bytes.finish() }
            for date in ["2023-01-01", "2024-06-30", "2025-03-01", "2026-12-31"] {
                let asOf = CalendarDate(iso: date)!
                #expect(bytes.projection(asOf: asOf) == typed.projection(asOf: asOf), "\(context), as of \(date)")
                #expect(bytes.balances(asOf: asOf).map { [Int64($0.fund), $0.balanceFen] } == typed.balances(asOf: asOf).map { [Int64($0.fund), $0.balanceFen] })
            }
            let head = StateStamp(seq: typed.lastSeq, hash: .zero, lineOffset: 0, lineBytes: 1)
            let a = FundTotals(fold: bytes, ledgerName: "t", genesis: Self.stamp, stamp: head)
            let b = FundTotals(fold: typed, ledgerName: "t", genesis: Self.stamp, stamp: head)
            #expect(a == b && a.encoded() == b.encoded(), "\(context), settled \(settle)")
        }
    }

    /// Not vacuous: over the seeds, many movements are read from their bytes and many refused (each refused one
    /// decoded as before), of every movement type.
    @Test func bothWaysAreTaken() {
        var read = 0, refused = 0
        var readTypes: Set<EventType> = []
        for seed in 0..<40 {
            var random = SplitMix64(seed: UInt64(seed) &* 0x5851_F42D &+ 0xB17E)
            let inputs = Self.randomInputs(&random)
            let fold = Self.bytesFold(inputs)
            read += fold.storedDetails.count
            readTypes.formUnion(fold.storedDetails.map(\.type))
            var scratch: [PayloadRefs.Ref] = []
            for input in inputs {
                guard let data = input.data, let type = EventType(rawValue: input.typeName), PayloadRefs.readsMovement(type) else { continue }
                if PayloadRefs.movement(type, data: data[...], scratch: &scratch) == nil { refused += 1 }
            }
        }
        #expect(read > 500 && refused > 200, "read \(read), refused \(refused)")
        #expect(readTypes == [.fundIncome, .fundSpending, .fundTransfer])
    }

    /// The categories and ids come through the byte table as through `String`s: canonically equivalent forms share
    /// a number, whichever came first, and the form interned is the first seen.
    @Test func byteInterningIsStringInterning() {
        var random = SplitMix64(seed: 7)
        let words = ["caf\u{E9}", "cafe\u{301}", "K", "\u{212A}", "停车", "F-1", "F-2", "x", "\u{1100}\u{1161}", "\u{AC00}"]
        for _ in 0..<200 {
            var byString = StringTable(), byBytes = StringTable()
            var mixed = StringTable()
            for _ in 0..<30 {
                let word = words[random.int(0..<words.count)]
                let n = byString.intern(word)
                #expect(byBytes.intern(utf8: Array(word.utf8)[...]).number == n)
                let m = random.int(0..<2) == 0 ? mixed.intern(word) : mixed.intern(utf8: Array(word.utf8)[...]).number
                #expect(m == n)
            }
            #expect(byBytes.strings == byString.strings && mixed.strings == byString.strings)
        }
        // Many keys: the table grows and still finds every one.
        var table = StringTable()
        for i in 0..<5_000 { #expect(table.intern(utf8: Array("F-\(i)".utf8)[...]).number == Int32(i)) }
        for i in stride(from: 4_999, through: 0, by: -7) {
            let found = table.intern(utf8: Array("F-\(i)".utf8)[...])
            #expect(found.number == Int32(i) && !found.otherForm)
        }
        #expect(table.count == 5_000)
    }

    /// A whole rebuild pass, funds only (a whole-city `balances`) and every file with the funds folded (leaves read
    /// from their bytes): the same `funds.state` bytes, the same fold and `fund-totals` as the pass that decodes
    /// every payload.
    @Test(arguments: [(UInt64(61), 1024), (62, 3), (63, 1)])
    func aPassReadsAsItDecodes(seed: UInt64, groupSize: Int) throws {
        let temporary = TemporaryDirectory()
        // As `IndexRebuildTests.randomLedger`, longer.
        let directory = TestLedger.create(in: temporary)
        var generator = CheckEventGenerator(seed: seed)
        try TestLedger.append(CheckStateTests.registrations, to: directory)
        for round in 0..<48 {
            var batch = generator.batch(generator.random.int(1...6))
            if round % 5 == 2 { batch.append(TestLedger.event(round)) }
            try TestLedger.append(batch, to: directory)
        }
        try IndexRebuildTests.tearTailIfOdd(directory, seed: seed)
        for files: IndexRebuild.Files in [[.funds], .all] {
            var folds: [FundFold] = []
            var states: [[UInt8]] = []
            for fast in [true, false] {
                for path in [CheckState.path(directory), ScopeIndex.path(directory), FundState.path(directory)] { try? PosixFile.remove(path) }
                let products = try IndexRebuild.pass(directory, files: files, writeIds: false, keepBytes: false, foldFunds: true,
                                                     groupSize: groupSize, fastLeaves: fast)
                folds.append(try #require(products.funds))
                states.append(try PosixFile.readRegularFile(FundState.path(directory), bytesMax: 1 << 30, followLinks: false).bytes)
            }
            let (fast, typed) = (folds[0], folds[1])
            // A good share of the rows came through the byte reader (the generator's draws decide how many: import17
            // added import files to it, and seed 61 now gives 10 of 38).
            #expect(fast.storedDetails.count * 5 > fast.rowCount && typed.storedDetails.isEmpty,
                    "files \(files.rawValue): \(fast.storedDetails.count) of \(fast.rowCount) rows read from bytes")
            #expect(states[0] == states[1])
            #expect(fast.rows.map(Self.rowKey) == typed.rows.map(Self.rowKey))
            for days in [-1, 30, 90, 400] {
                let asOf = CalendarDate(year: 2024, month: 1, day: 1)!.adding(days: days)
                #expect(fast.projection(asOf: asOf) == typed.projection(asOf: asOf), "as of \(asOf)")
            }
            let head = StateStamp(seq: typed.lastSeq, hash: .zero, lineOffset: 0, lineBytes: 1)
            #expect(FundTotals(fold: fast, ledgerName: "t", genesis: Self.stamp, stamp: head).encoded()
                    == FundTotals(fold: typed, ledgerName: "t", genesis: Self.stamp, stamp: head).encoded())
        }
    }
}
