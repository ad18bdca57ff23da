import LedgerEvents

// The letter-case rule of new ids (ledger-spec.md section 8): a fund, contract or decision that a new record
// registers may not have an id equal, ignoring ASCII letter case, to one already registered (`f-hy-pi` beside
// `F-HY-PI`). Ids are compared byte for byte everywhere else, so such a record would open a second fund beside the
// first (its balance split between the two), a second contract or a second decision; a clerk who types the id in
// other case means the one registered. Only new records are held to it (the events of a batch): a log that holds
// such a pair already (written before the rule, or by another writer) verifies, folds and projects as before, as
// with the door's rules of NFC and invisible characters. Assets have the same rule in `ledger import assets`
// (`RegisterImporter.caseTwin`), where their ids come from; this check does not cover them, so that a register of a
// million rows costs no lookup per row.

extension Registers {
    /// Whether the rule covers `kind` (a switch: asked of every registration of a batch, a million at a register's import).
    static func isCaseRuled(_ kind: Kind) -> Bool {
        switch kind {
        case .fund, .contract, .decision: return true
        default: return false
        }
    }

    /// `id` with its ASCII letters upper-cased (other bytes as they are): the key two ids share when they differ
    /// only in ASCII letter case.
    static func caseFolded(_ id: String) -> String {
        String(decoding: id.utf8.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }

    /// The entity of `kind` registered before, whose id equals `id` ignoring ASCII letter case but is other bytes,
    /// with its registration: the earliest registered (in fold order) when there are several; nil when there is none.
    /// Looked up in memory (the records folded here, the batch's earlier events) and in the stored state, so that
    /// both checks of a batch (`validate(existing:)`, `validate(fold:)`) name the same one.
    mutating func caseTwin(_ kind: Kind, _ id: String) -> (id: String, entry: Entry)? {
        var best: (id: String, entry: Entry)? = nil
        func consider(_ other: String, _ entry: Entry) {
            guard !other.utf8.elementsEqual(id.utf8) else { return }
            if best.map({ entry.position < $0.entry.position }) ?? true { best = (other, entry) }
        }
        if caseFoldedNumbers == nil {
            // Made at the first new id of a ruled kind, from every registration in memory; kept up by `noteCaseFolded`.
            var map: [ReferenceChecker.KindID: [Int32]] = [:]
            for (n, entity) in collected.entities.enumerated() where Self.isCaseRuled(entity.kind) && registeredInMemory(Int32(n)) != nil {
                map[ReferenceChecker.KindID(kind: entity.kind, id: Self.caseFolded(entity.id)), default: []].append(Int32(n))
            }
            caseFoldedNumbers = map
        }
        for n in caseFoldedNumbers![ReferenceChecker.KindID(kind: kind, id: Self.caseFolded(id))] ?? [] {
            if let entry = registeredInMemory(n) { consider(collected.entities[Int(n)].id, entry) }
        }
        if let base { for (other, entry) in base.caseVariants(kind, id) { consider(other, entry) } }
        return best
    }

    /// A replacement of the batch placed at a position of the log, of a kind the rule covers, that no registration
    /// before it twins: pass 1 registers in position order, so the registrations after it are not yet known when it
    /// is registered (`checkLaterCaseTwins`).
    struct LaterCaseCheck {
        let kind: Kind
        let id: String
        let field: String
        let evidence: Evidence
        let position: Int64
    }

    /// Whether `fact`, a batch's replacement at a position of the log, keeps the id (`kind`) that the fact in effect
    /// there before the batch registers — the corrected record's own, or what an earlier correction put in its
    /// place. That id is the ledger's already, not a new one: a log holding `F-A` and `f-a` (written before the
    /// rule) may correct the record of `f-a` and keep its id. Not for a replacement of a batch event: that event's
    /// id is new, and never judged when the replacement takes its place.
    func keepsHeldID(_ fact: EffectiveFact, _ kind: Kind, _ id: String) -> Bool {
        guard fact.replaces != nil, let newAfter, fact.position <= newAfter,
              let held = logBefore?.fact(at: fact.position).flatMap({ Self.ruledID($0.payload, kind) }) else { return false }
        return held.utf8.elementsEqual(id.utf8)
    }

    /// The id of `kind` that `payload` registers, for the kinds the rule covers.
    static func ruledID(_ payload: DomainEvent, _ kind: Kind) -> String? {
        switch (payload, kind) {
        case (.fundOpened(let p), .fund): return p.fundID
        case (.contractSigned(let p), .contract): return p.contractID
        case (.decisionRecorded(let p), .decision): return p.decisionID
        default: return nil
        }
    }

    /// Once pass 1 is done: each replacement in `laterCaseChecks` judged against the registrations of the records
    /// after it (old ones, and ids the batch kept, which were not judged themselves; a new registration after it was
    /// judged against it, and the pair is told once), naming the earliest such twin. Without this a replacement
    /// placed before the registration it twins passed, the later record being an old one (review M18 #2).
    mutating func checkLaterCaseTwins(label: (Int64) -> FactPlace, problems: inout [Problem]) {
        guard !laterCaseChecks.isEmpty, let newAfter else { return }
        for check in laterCaseChecks {
            var best: (id: String, entry: Entry)? = nil
            func consider(_ other: String, _ entry: Entry) {
                guard entry.position > check.position, !other.utf8.elementsEqual(check.id.utf8) else { return }
                if best.map({ entry.position < $0.entry.position }) ?? true { best = (other, entry) }
            }
            for n in caseFoldedNumbers?[ReferenceChecker.KindID(kind: check.kind, id: Self.caseFolded(check.id))] ?? [] {
                guard let entry = registeredInMemory(n), entry.evidenceSeq <= newAfter || keptHeldNumbers.contains(n) else { continue }
                consider(collected.entities[Int(n)].id, entry)
            }
            if let base { for (other, entry) in base.caseVariants(check.kind, check.id) { consider(other, entry) } }
            guard let best else { continue }
            problems.append(Problem(evidence: check.evidence, field: check.field,
                                    reason: ReferenceWords.caseTwin(check.kind, check.id, of: best.id, community: best.entry.communityID,
                                                                    at: label(best.entry.evidenceSeq), replacing: label(check.position))))
        }
        laterCaseChecks = []
    }

    /// Notes a registration of number `n` for `caseTwin`, once its map is made.
    mutating func noteCaseFolded(_ kind: Kind, _ id: String, _ n: Int32) {
        guard caseFoldedNumbers != nil, Self.isCaseRuled(kind) else { return }
        caseFoldedNumbers![ReferenceChecker.KindID(kind: kind, id: Self.caseFolded(id)), default: []].append(n)
    }
}

extension CheckTable {
    /// The registered ids of `kind` (`R` entries) equal to `id` ignoring ASCII letter case, `id` itself included when
    /// registered, with their entries. The id's letters are walked in both cases, a spelling followed only while some
    /// key begins with it, so a lookup costs a few probes per letter, not one per spelling (2ⁿ for n letters).
    func caseVariants(_ kind: ReferenceChecker.Kind, _ id: String) -> [(id: String, entry: ReferenceChecker.Entry)] {
        let bytes = Array(id.utf8)
        let start = CheckKey.make(CheckKey.registry, kind, "")
        var out: [(id: String, entry: ReferenceChecker.Entry)] = []
        func walk(_ prefix: [UInt8], _ from: Int) {
            var prefix = prefix, at = from
            while at < bytes.count, !Self.isASCIILetter(bytes[at]) {
                prefix.append(bytes[at])
                at += 1
            }
            guard at < bytes.count else {
                let spelling = String(decoding: prefix[start.count...], as: UTF8.self)
                if let entry = entry(kind, spelling) { out.append((spelling, entry)) }
                return
            }
            for letter in [bytes[at] & 0xDF, bytes[at] | 0x20] {
                let next = prefix + [letter]
                if hasKey(withPrefix: next) { walk(next, at + 1) }
            }
        }
        walk(start, 0)
        return out
    }

    static func isASCIILetter(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }

    /// Whether a key of this table or of the recent one begins with `prefix` (asked of `R` keys, which the recent
    /// table only adds to). False when a block is damaged (`damage` then says so, and the caller checks the whole log).
    func hasKey(withPrefix prefix: [UInt8]) -> Bool {
        ownHasKey(withPrefix: prefix) || recent?.ownHasKey(withPrefix: prefix) == true
    }

    private func ownHasKey(withPrefix prefix: [UInt8]) -> Bool {
        guard damage == nil else { return false }
        let directory = header.blocks
        // The last block whose first key is not after `prefix`: the keys from `prefix` on begin in it, or with the
        // next block's first key.
        let low = blocksNotAfter(prefix)
        if low < directory.count, directory.firstKey(low).starts(with: prefix) { return true }
        guard low > 0, let block = indexedBlock(low - 1) else { return false }
        let bytes = block.bytes
        let first = Self.firstEntry(notBefore: prefix, in: block)
        guard first < block.starts.count else { return false }
        var at = Int(block.starts[first])
        let keyCount = CheckState.length(bytes, &at)
        return keyCount >= prefix.count && bytes[at..<(at + prefix.count)].elementsEqual(prefix)
    }
}
