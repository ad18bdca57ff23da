import Foundation
import LedgerEvents
import LedgerTestSupport
import Testing

/// `EventPayload.writeData` (what the record writer appends for every line) writes each domain payload where it
/// lies (session 41: no copy out of its box). The record's bytes are the contract: for seeded random payloads of
/// every type — each valid payload of `PayloadDifferentialTests.bases` and mutations of them that still decode — the
/// bytes appended are the canonical bytes the payload was read from (the bytes written before), after whatever the
/// buffer held, and `dataBytes` and `PayloadCodec.encode` say the same. Every record in testdata:
/// `WriteDataRecordTests` (LedgerChainTests).
@Suite struct WriteDataTests {
    static let iterations = TestScale.count("LEDGER_FUZZ_ITERATIONS", default: 3_000)

    /// The bytes `payload.writeData` appends to `prefix`, without the prefix; records an issue if the prefix changed.
    static func written(_ payload: EventPayload, after prefix: [UInt8]) -> [UInt8] {
        var out = prefix
        payload.writeData(to: &out)
        #expect(Array(out.prefix(prefix.count)) == prefix, "the bytes before were kept")
        return Array(out.dropFirst(prefix.count))
    }

    @Test("random payloads of every type: writeData appends the bytes they were read from",
          arguments: [UInt64(0x41_5EED_01), 0x41_5EED_02])
    func writeDataIsTheCanonicalBytes(seed: UInt64) throws {
        var random = SplitMix64(seed: seed)
        var typesWritten = Set<String>()
        var checked = 0
        for n in 0..<(Self.iterations + PayloadDifferentialTests.bases.count) {
            // Each base once as it is, then mutations of random ones.
            let base = n < PayloadDifferentialTests.bases.count ? PayloadDifferentialTests.bases[n]
                : PayloadDifferentialTests.bases[random.below(PayloadDifferentialTests.bases.count)]
            var data = PayloadDifferentialTests.parse(base.1)
            if n >= PayloadDifferentialTests.bases.count {
                for _ in 0..<(1 + random.below(3)) { PayloadDifferentialTests.mutate(&data, &random) }
            }
            let bytes = CanonicalJSON.encode(.object(data))
            // A base is read on the first date its rules allow; a mutation on a random one.
            let dates = n < PayloadDifferentialTests.bases.count ? PayloadDifferentialTests.dates
                : [PayloadDifferentialTests.dates[random.below(PayloadDifferentialTests.dates.count)]]
            guard let domain = dates.lazy.compactMap({ try? DomainEvent.decode(type: base.0, occurredOn: $0, canonicalData: bytes[...]) }).first else {
                #expect(n >= PayloadDifferentialTests.bases.count, "base \(base.0) decodes")
                continue
            }
            let payload = EventPayload.domain(domain)
            let prefix = Array("{\"n\":\(random.below(1000)),\"data\":".utf8)
            let input = "seed \(seed) input \(n): \(base.0) \(String(decoding: bytes, as: UTF8.self))"
            #expect(Self.written(payload, after: prefix) == bytes, "\(input)")
            #expect(Self.written(payload, after: []) == bytes, "\(input)")
            #expect(payload.dataBytes == bytes && PayloadCodec.encode(domain) == bytes, "\(input)")
            typesWritten.insert(base.0)
            checked += 1
        }
        // Every type of the bases was written, and many mutated payloads besides.
        #expect(typesWritten == Set(PayloadDifferentialTests.bases.map(\.0)), "\(Set(PayloadDifferentialTests.bases.map(\.0)).subtracting(typesWritten))")
        #expect(checked > Self.iterations / 20)
    }

    @Test("a raw payload appends its bytes as they are")
    func rawPayloadIsItsBytes() {
        let bytes = Array(#"{"a":[1,"资"],"z":null}"#.utf8)
        let payload = EventPayload.raw(type: "custom.type", data: bytes)
        #expect(Self.written(payload, after: Array("x".utf8)) == bytes)
        #expect(payload.dataBytes == bytes)
    }
}
