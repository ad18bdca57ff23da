import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections

extension RectifyState {
    /// The whole city's units as its one fold makes them, part by part, before the street medians are known
    /// (ledger-spec.md 15.8, "Making it"). Each part's findings are encoded as soon as the part is checked — into
    /// `scratch`, an unlinked temporary file, when there is one — and only what the medians may still change is held:
    /// the findings CON-06/07 may add a fact to, each part's LOW-02 candidates and CON-06/07 inputs
    /// (`Rectifier.PendingRest`). So the first list of a day holds one part's fold and those, not every part's
    /// findings (some 6 GB at ten million records). `finish` then completes every unit exactly as
    /// `Rectifier.finish` completes its part, and hands the units' bytes to a `Builder`: the same bytes, in the same
    /// order, as encoding the finished units.
    public final class CityBuilder {
        struct Block {
            let block: Int
            var communities: [Community] = []
            /// The unit's findings so far, encoded, in the part's order: at `stored` in `scratch` (or `memory`).
            var stored: (offset: Int, length: Int) = (0, 0)
            var count = 0
            /// The findings `finish` may change, each with the byte offset (in the stored bytes) where it goes.
            var changeable: [(at: Int, finding: Finding)] = []
            var background = Set<Int64>()
            var anomalies: [AnomalyLine] = []
            var persons = Set<PersonalCommitment>()
            var values: [String: [Ratio]] = [:]
        }

        struct Part {
            var blocks: [Block]
            let rest: Rectifier.PendingRest
            let blockOf: [String: Int]
            /// The part's background records LOW-02's candidates cite.
            let lowBackground: Set<Int64>
        }

        let scratch: PosixFile?
        var memory: [UInt8] = []
        var end = 0
        var parts: [Part] = []
        /// The streets' LOW-02 values, every part's put together.
        public private(set) var streetValues: [String: [Ratio]] = [:]
        /// A part could not be written to or read from `scratch`.
        public private(set) var failed = false

        /// A builder keeping the encoded findings in `scratch` (open for reading and writing, empty), or in memory.
        public init(scratch: PosixFile?) { self.scratch = scratch }

        func store(_ bytes: [UInt8]) -> (offset: Int, length: Int) {
            let at = end
            if let scratch {
                do { try scratch.write(bytes, at: Int64(at)) } catch { failed = true }
            } else {
                memory += bytes
            }
            end += bytes.count
            return (at, bytes.count)
        }

        func load(_ stored: (offset: Int, length: Int)) -> [UInt8]? {
            guard let scratch else { return Array(memory[stored.offset..<(stored.offset + stored.length)]) }
            var bytes: [UInt8] = []
            do { try scratch.read(at: Int64(stored.offset), count: stored.length, into: &bytes) } catch { return nil }
            return bytes.count == stored.length ? bytes : nil
        }

        /// Adds a part checked with its medians deferred: `blockOf` gives each of its communities' group, `anomalies`
        /// and `persons` what its records give per group (only groups holding one of its communities keep them).
        public func add(_ pending: Rectifier.PendingPart, blockOf: [String: Int], anomalies: [Int: [AnomalyLine]],
                        persons: [Int: Set<PersonalCommitment>]) {
            for (key, list) in pending.values { streetValues[key, default: []] += list }
            var byBlock: [Int: Block] = [:]
            for c in pending.communities.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }) {
                let block = blockOf[c.id]!
                byBlock[block, default: Block(block: block)].communities.append(c)
            }
            for (block, list) in anomalies { byBlock[block]?.anomalies = list }
            for (block, set) in persons { byBlock[block]?.persons = set }
            let background = pending.part.background
            var writers: [Int: ByteWriter] = [:]
            for f in pending.part.findings {
                guard let block = blockOf[f.communityID] else { continue }
                byBlock[block]!.count += 1
                if Rectifier.mayChange(f, of: pending) {
                    byBlock[block]!.changeable.append((writers[block]?.bytes.count ?? 0, f))
                } else {
                    RectifyStateCodec.finding(f, &writers[block, default: ByteWriter()])
                }
                for e in f.evidence where background.contains(e.seq) { byBlock[block]!.background.insert(e.seq) }
            }
            for (community, byKey) in pending.valuesByCommunity {
                guard let block = blockOf[community], byBlock[block] != nil else { continue }
                for (key, list) in byKey { byBlock[block]!.values[key, default: []] += list }
            }
            var blocks: [Block] = []
            for block in byBlock.keys.sorted() {
                var entry = byBlock[block]!
                entry.stored = store(writers[block]?.bytes ?? [])
                writers[block] = nil
                blocks.append(entry)
            }
            let rest = Rectifier.rest(of: pending)
            parts.append(Part(blocks: blocks, rest: rest, blockOf: blockOf, lowBackground: rest.lowEvidenceSeqs.intersection(background)))
        }

        /// Completes every unit with the streets' medians (as `Rectifier.finish`) and adds it to `builder` in the
        /// order the parts and their groups were added; gives each unit's LOW-02 values in that order, and the units
        /// themselves when `keepUnits` (else none are held). Nil when the scratch file failed.
        public func finish(scope: RectificationScope, policy: Policy, into builder: inout Builder,
                           keepUnits: Bool) -> (units: [Unit], unitValues: [[String: [Ratio]]])? {
            guard !failed else { return nil }
            let medians = Rectifier.StreetMedians(streetValues)
            var units: [Unit] = []
            var unitValues: [[String: [Ratio]]] = []
            for index in parts.indices {
                let part = parts[index]
                parts[index].blocks = []
                let (changed, low) = Rectifier.finish(part.blocks.flatMap { $0.changeable.map(\.finding) }, part.rest,
                                                      scope: scope, policy: policy, medians: medians)
                var lowOf: [Int: [Finding]] = [:]
                for f in low { if let block = part.blockOf[f.communityID] { lowOf[block, default: []].append(f) } }
                var next = 0
                for var block in part.blocks {
                    guard let stored = load(block.stored) else { failed = true; return nil }
                    let lows = lowOf[block.block] ?? []
                    var w = ByteWriter(capacity: stored.count + 64)
                    w.u64(UInt64(block.count + lows.count))
                    var cursor = 0
                    for (at, _) in block.changeable {
                        w.raw(stored[cursor..<at])
                        RectifyStateCodec.finding(changed[next], &w)
                        next += 1
                        cursor = at
                    }
                    w.raw(stored[cursor...])
                    for f in lows {
                        RectifyStateCodec.finding(f, &w)
                        for e in f.evidence where part.lowBackground.contains(e.seq) { block.background.insert(e.seq) }
                    }
                    w.u64(UInt64(block.background.count))
                    for s in block.background.sorted() { w.i64(s) }
                    RectifyState.anomalies(block.anomalies, &w)
                    RectifyState.persons(block.persons, &w)
                    builder.add(bytes: w.bytes, communities: block.communities)
                    if keepUnits {
                        guard let unit = RectifyState.decodeUnit(w.bytes, communities: block.communities) else { failed = true; return nil }
                        units.append(unit)
                    }
                    unitValues.append(block.values)
                }
            }
            return (units, unitValues)
        }
    }
}
