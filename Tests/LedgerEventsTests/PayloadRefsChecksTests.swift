@testable import LedgerEvents
import LedgerTestSupport
import Testing

/// `PayloadRefs.checks` (what the checks' fold takes of a registering record, read from its bytes in the rebuild of
/// `ledger append`) against the decoder: whenever it vouches for a payload, `PayloadCodec.decode` accepts the same
/// bytes, and the entity registered or ended and the ids referenced are the decoded payload's, in the order the fold
/// (`Registers.register`, then `Registers.checkReferences`) takes them, each asset flagged where a retirement matters
/// as the fold flags it. Over seeded random payloads of every type (`PayloadGenerator`), their plain forms (ids and
/// texts the fast branches take, so that most are vouched for) and mutations of both.
@Suite("Payload checks reading against the schema")
struct PayloadRefsChecksTests {
    static let iterations = TestScale.count("LEDGER_FUZZ_ITERATIONS", default: 3_000)

    typealias Id = (kind: IdKind, id: String, notRetired: Bool)

    /// What the fold takes of a decoded payload (an oracle written from `Registers.register` and
    /// `Registers.checkReferences`): the change (verb, kind, id, community) and the references; nil for a type
    /// `checks` does not read.
    static func expected(_ payload: DomainEvent) -> (change: (verb: PayloadRefs.CheckChange.Verb, kind: IdKind, id: String, community: String?)?,
                                                     refs: [Id])? {
        func source(_ s: AssetSource) -> [Id] {
            if case .importRow(let id, _) = s { return [(.import, id, false)] }
            return []
        }
        switch payload {
        case .assetRegistered(let p):
            return ((.registers, .asset, p.assetID, p.communityID), [(.community, p.communityID, false)] + source(p.source))
        case .assetUpdated(let p):
            return (nil, [(.asset, p.assetID, true)] + source(p.source))
        case .fundOpened(let p):
            return ((.registers, .fund, p.fundID, p.communityID), [(.community, p.communityID, false)])
        case .decisionRecorded(let p):
            return ((.registers, .decision, p.decisionID, p.communityID),
                    [(.community, p.communityID, false)] + p.authorises.assetIDs.map { (.asset, $0, true) })
        case .contractSigned(let p):
            var refs: [Id] = [(.community, p.communityID, false)] + p.assetIDs.map { (.asset, $0, true) }
            if let d = p.decisionID { refs.append((.decision, d, false)) }
            if let f = p.payeeFundID { refs.append((.fund, f, false)) }
            return ((.registers, .contract, p.contractID, p.communityID), refs)
        case .useStarted(let p):
            var refs: [Id] = [(.asset, p.assetID, true)]
            switch p.authority {
            case .contract(let id): refs.append((.contract, id, false))
            case .decision(let id): refs.append((.decision, id, false))
            case .none: break
            }
            return ((.registers, .use, p.useID, nil), refs)
        case .occupationReported(let p):
            return ((.registers, .occupation, p.occupationID, nil), [(.asset, p.assetID, true)])
        case .assetRetired(let p): return ((.ends, .asset, p.assetID, nil), [(.asset, p.assetID, false)])
        case .contractTerminated(let p): return ((.ends, .contract, p.contractID, nil), [(.contract, p.contractID, false)])
        case .useEnded(let p): return ((.ends, .use, p.useID, nil), [(.use, p.useID, false)])
        case .occupationCleared(let p): return ((.ends, .occupation, p.occupationID, nil), [(.occupation, p.occupationID, false)])
        case .disclosurePublished(let p):
            return (nil, [(.community, p.communityID, false)] + p.fundIDs.map { (.fund, $0, false) })
        default:
            return nil
        }
    }

    /// Nil-safe comparison of `checks`' answer on `bytes` with the decoder's (read at a slice inside a larger array
    /// after refs already there, which a refusal must leave as they were).
    static func agrees(_ type: EventType, _ bytes: [UInt8], occurredOn: CalendarDate) -> (vouched: Bool, agreed: Bool) {
        let padded = Array("ab".utf8) + bytes + Array("\"}".utf8)
        let data = padded[2..<(2 + bytes.count)]
        let before = PayloadRefs.Ref(kind: .list, range: 0..<0, notRetired: false)
        var refs = [before]
        var change: PayloadRefs.CheckChange? = PayloadRefs.CheckChange(verb: .ends, kind: .list, id: 0..<1, community: nil)
        var scratch: [PayloadRefs.Ref] = []
        let vouched = PayloadRefs.checks(type, occurredOn: occurredOn, data: data, into: &refs, change: &change, scratch: &scratch)
        guard vouched else { return (false, refs == [before] && change == nil) }
        guard let decoded = try? PayloadCodec.decode(type: type, occurredOn: occurredOn, data: bytes[...]),
              let want = expected(decoded) else { return (true, false) }
        func text(_ range: Range<Int>) -> String { String(decoding: padded[range], as: UTF8.self) }
        let read = refs.dropFirst().map { (kind: $0.kind, id: text($0.range), notRetired: $0.notRetired) }
        let sameRefs = read.count == want.refs.count
            && zip(read, want.refs).allSatisfy { $0.kind == $1.kind && $0.id == $1.id && $0.notRetired == $1.notRetired }
        let sameChange: Bool
        switch (change, want.change) {
        case (nil, nil): sameChange = true
        case (let c?, let w?): sameChange = c.verb == w.verb && c.kind == w.kind && text(c.id) == w.id && c.community.map(text) == w.community
        default: sameChange = false
        }
        return (true, sameRefs && sameChange && refs.first == before)
    }

    @Test("checks vouches only for what decode accepts, with the fold's change and ids", arguments: [UInt64(0x26C4_0001), 0x26C4_0002])
    func checksAgreeWithDecode(seed: UInt64) throws {
        try PayloadLinksTests.againstDecode(seed: seed, iterations: Self.iterations, reads: PayloadRefs.readsChecks,
                                            agrees: { Self.agrees($0, $1, occurredOn: $2) })
    }
}
