import LedgerEvents
import LedgerPlatform

/// One slot of `LEDGER/acknowledged` (ledger-spec.md section 1): 4,096 bytes, the canonical JSON
/// `{"check":"<64 hex>","hash":"<64 hex>","seq":N}`, spaces, and LF as the last byte. `check` is the SHA-256 of
/// `{"hash":"<64 hex>","seq":N}`, so a slot whose write was cut short (part new, part old bytes) is invalid.
/// Seq 0 with a hash of 64 zeros says nothing is acknowledged (a new ledger).
enum AcknowledgedSlot: Equatable, Sendable {
    /// Nothing acknowledged yet (seq 0).
    case empty
    case head(AcknowledgedHead)
    /// Not exactly in the slot form: a write cut short by a crash, or damage.
    case damaged

    init(_ head: AcknowledgedHead?) { self = head.map { .head($0) } ?? .empty }

    /// The seq it records (0 for `empty`); nil when damaged.
    var seq: Int64? {
        switch self {
        case .empty: return 0
        case .head(let head): return head.seq
        case .damaged: return nil
        }
    }

    /// The slot's exact bytes (not for `damaged`).
    var bytes: [UInt8] {
        let (seq, hash): (Int64, Digest32)
        switch self {
        case .empty: (seq, hash) = (0, .zero)
        case .head(let head): (seq, hash) = (head.seq, head.hash)
        case .damaged: preconditionFailure("a damaged slot is never written")
        }
        let check = SHA256.digest(AcknowledgedHead.body(seq: seq, hash: hash))
        // The canonical JSON of {"check", "hash", "seq"} written member by member: the keys in their sorted order,
        // lower-case hex (no escapes), seq in plain decimal — the bytes `CanonicalJSON.encode` gives for the object
        // (`AcknowledgedSlotBytesTests` compares them), without a dictionary built, its keys sorted and two hex
        // strings made at every batch (~1 % of the batched append's own thread: docs/perf-append52.md).
        var out: [UInt8] = []
        out.reserveCapacity(AcknowledgedHead.slotBytes)
        out.append(contentsOf: #"{"check":""#.utf8)
        check.appendHex(to: &out)
        out.append(contentsOf: #"","hash":""#.utf8)
        hash.appendHex(to: &out)
        out.append(contentsOf: #"","seq":"#.utf8)
        Bytes.appendDecimal(seq, to: &out)
        out.append(UInt8(ascii: "}"))
        out.append(contentsOf: repeatElement(0x20, count: AcknowledgedHead.slotBytes - 1 - out.count))
        out.append(0x0A)
        return out
    }

    /// Parses one slot: `damaged` unless the bytes are exactly what `bytes` writes for the values they hold.
    init(slotBytes bytes: ArraySlice<UInt8>) {
        self = .damaged
        // The JSON holds no space, so it ends at the first one.
        let end = bytes.firstIndex(of: 0x20) ?? bytes.endIndex - 1
        guard bytes.count == AcknowledgedHead.slotBytes, bytes.last == 0x0A,
              case .object(let members)? = try? JSONParser.parse(Array(bytes[..<end])), members.count == 3,
              let seq = members["seq"]?.integerValue, seq >= 0,
              let hex = members["hash"]?.stringValue, let hash = Digest32(hex: hex) else { return }
        let slot: AcknowledgedSlot = seq == 0 ? .empty : .head(AcknowledgedHead(seq: seq, hash: hash))
        // Seq 0 must carry the zero hash: its bytes are then those of `.empty`; the check is compared here too.
        guard Bytes.equal(slot.bytes[...], bytes) else { return }
        self = slot
    }

    /// What readers take: the valid slot with the higher seq (nil: nothing acknowledged). Both damaged, or two
    /// different heads with the same seq, is a damaged file.
    static func current(_ slots: [AcknowledgedSlot]) throws(ChainError) -> AcknowledgedHead? {
        let valid = slots.filter { $0 != .damaged }
        guard let best = valid.max(by: { $0.seq! < $1.seq! }) else {
            throw .acknowledgedDamage(.init(reason: SystemWords.acknowledgedSlotsDamaged))
        }
        if valid.count == 2, valid[0].seq == valid[1].seq, valid[0] != valid[1] {
            throw .acknowledgedDamage(.init(reason: SystemWords.acknowledgedSlotsDiffer(seq: best.seq!)))
        }
        if case .head(let head) = best { return head }
        return nil
    }

    /// The slot a writer overwrites: a damaged one, else the one with the lower seq, else (same head) slot 0.
    static func indexToOverwrite(_ slots: [AcknowledgedSlot]) -> Int {
        if slots[0] == .damaged { return 0 }
        if slots[1] == .damaged { return 1 }
        return slots[1].seq! < slots[0].seq! ? 1 : 0
    }
}
