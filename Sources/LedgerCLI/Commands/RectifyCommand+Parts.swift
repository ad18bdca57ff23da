import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerReports
import LedgerRules

extension RectifyCommand {
    /// A list from `index/rectify.state` rendered a community at a time (ledger-spec.md 15.8): a first pass over the
    /// stored units counts what the heading and summary need; the findings are then decoded, sorted and linked one
    /// community at a time as the report is written, so memory holds one community group's findings, not the city's.
    struct PartedList {
        let header: Rectification
        let parts: RectificationParts
        let recordCount: Int64
        let headHash: Digest32
        let erased: Set<PersonalCommitment>
        let shown: Set<PersonalCommitment>
        let anomalies: [RectifyState.AnomalyLine]
        /// The file the parts are read from; closed once the report is written.
        let stored: RectifyState.Stored
        /// Each community's id and part fingerprint (`partFingerprint`), in list order.
        let fingerprints: [(communityID: String, fingerprint: Digest32)]
        /// What the first pass found (kept with the list, `RenderedList.Summary`).
        let summary: RenderedList.Summary
    }

    enum PartedResult {
        case list(PartedList)
        /// A unit or the global part does not match its checksum: the file is made again.
        case damaged
        /// A record linking findings of two communities, or a key found in two, ties their parts together: the list
        /// is made whole (as before) instead.
        case whole
        /// No community of the scope is in the file.
        case noScope
    }

    /// The parts of `stored`'s list for `scope`: the same findings, numbers, links, keys and statuses, in the same
    /// order, as `answer` gives whole.
    /// Test hook (fault tests only): `LEDGER_TEST_RECTIFY_SECOND_READ=fail` makes the second pass's read of the file
    /// fail, as a disk read error (EIO) between the two passes would.
    static let secondReadVariable = "LEDGER_TEST_RECTIFY_SECOND_READ"

    static func partedList(_ stored: RectifyState.Stored, scope: RectificationScope, policy: Policy,
                           failSecondRead: Bool = false, reuse: RenderedList.Reuse? = nil,
                           recorder: RenderedList.Recorder? = nil) -> PartedResult {
        guard let global = stored.global() else { return .damaged }
        // The communities of the scope in list order (street, then id), each with its unit.
        var rows: [(id: String, name: String, street: String, unit: Int)] = []
        for (unit, list) in stored.communities.enumerated() {
            for c in list where (scope.street == nil || c.street == scope.street) && (scope.communityID == nil || c.id == scope.communityID) {
                rows.append((c.id, c.name, c.street, unit))
            }
        }
        guard !rows.isEmpty || (scope.street == nil && scope.communityID == nil) else { return .noScope }
        rows.sort { a, b in
            a.street != b.street ? a.street.utf8.lexicographicallyPrecedes(b.street.utf8) : a.id.utf8.lexicographicallyPrecedes(b.id.utf8)
        }
        var ordinalOf: [String: Int] = [:]
        for (o, row) in rows.enumerated() { ordinalOf[row.id] = o }
        // Packed below as seq << 20 | ordinal.
        guard ordinalOf.count == rows.count, rows.count < 1 << 20 else { return .whole }
        let classes = ProblemClass.allCases
        func classIndex(_ c: ProblemClass) -> Int { classes.firstIndex(of: c)! }

        // First pass: counts per community and class, what links or keys could tie two communities, the background.
        let loop = RectificationLoop(events: global.loop)
        var trackedBases = Set<String>()
        for key in loop.tracked.keys {
            trackedBases.insert(key)
            if let hash = key.lastIndex(of: "#") { trackedBases.insert(String(key[..<hash])) }
            // The IDLE-01 key that would supersede an issued LOW-01 or LOW-02 key of its part, looked for too.
            if let idle = RectificationLedger.supersedingKey(of: key, isFound: { _ in true }) { trackedBases.insert(idle) }
        }
        // Their hashes as outlines give them (in NFC, so a key `String ==` takes for one of them has one of these):
        // a finding's key is made only when its hash is one of these.
        let trackedHashes = Set(trackedBases.map(RectifyState.Outline.keyHash(of:)))
        // Issued keys whose last step is a failed re-check: a finding of one that the rules find remedied may be
        // 复核未通过, which the heading does not count as needing no action; only the whole list tells (rare).
        var rejectedBases = Set<String>()
        for (key, t) in loop.tracked {
            guard case .verified(let v)? = t.lastStep, v.result != .closed else { continue }
            rejectedBases.insert(key.lastIndex(of: "#").map { String(key[..<$0]) } ?? key)
        }
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classes.count), count: rows.count)
        var resolved = 0
        var background = Set<Int64>()
        var occurrences: [String: [Int: Int]] = [:]  // tracked base key → ordinal → findings with it
        var anomalies = global.anomalies
        var shown = global.persons
        // The background records each community's findings cite: the only records outside its unit that its part's
        // links depend on (a part's fingerprint holds them).
        var citedBackground = [[Int64]](repeating: [], count: rows.count)
        // All of it follows from the scope's units' bytes, the global part's and the communities in scope: a kept list
        // made from the same ones (after an append outside the street, none of them changed) gives it, and no unit is
        // read (15.9). Its anomalies and persons are then the kept list's, which were this pass's.
        let digest = firstPassDigest(stored, rows: rows.map { ($0.id, $0.name, $0.street, $0.unit) })
        if let reuse, let summary = reuse.summary(digest, rows: rows.count) {
            counts = summary.counts
            resolved = summary.resolved
            background = summary.background
            citedBackground = summary.citedBackground
            occurrences = summary.occurrences
            anomalies = reuse.anomalies
            shown = reuse.shown
        } else {
            var cited: [UInt64] = []
            var keys: [(hash: UInt64, ordinal: Int32)] = []
            for u in Set(rows.map(\.unit)).sorted() {
                // Outlines, not findings: the rule, community, key, state and records of each, the rest skipped.
                guard let unit = stored.outlines(u) else { return .damaged }
                background.formUnion(unit.background)
                anomalies += unit.anomalies
                shown.formUnion(unit.persons)
                // The unit's few communities, compared in turn (no hashing of each finding's community id).
                let local = stored.communities[u].compactMap { c in ordinalOf[c.id].map { (id: c.id, ordinal: $0) } }
                for f in unit.findings {
                    guard let o = local.first(where: { $0.id == f.communityID })?.ordinal, rows[o].unit == u,
                          scope.includes(f.rule.problemClass) else { continue }
                    counts[o][classIndex(f.rule.problemClass)] += 1
                    if !f.isOpen {
                        if !rejectedBases.isEmpty, trackedHashes.contains(f.keyHash), rejectedBases.contains(f.key) { return .whole }
                        resolved += 1
                    }
                    for seq in f.seqs {
                        guard seq >= 0, seq < 1 << 43 else { return .whole }
                        cited.append(UInt64(seq) << 20 | UInt64(o))
                    }
                    keys.append((f.keyHash, Int32(o)))
                    if trackedHashes.contains(f.keyHash) {
                        let key = f.key
                        if trackedBases.contains(key) { occurrences[key, default: [:]][o, default: 0] += 1 }
                    }
                }
            }
            for c in cited where background.contains(Int64(c >> 20)) { citedBackground[Int(c & 0xFFFFF)].append(Int64(c >> 20)) }
            // Links are made by the records findings share, background excepted (as `Rectification` makes them).
            cited.removeAll { background.contains(Int64($0 >> 20)) }
            cited.sort()
            if cited.count > 1 {
                for i in 1..<cited.count where cited[i] >> 20 == cited[i - 1] >> 20 && cited[i] != cited[i - 1] { return .whole }
            }
            keys.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.ordinal < $1.ordinal }
            if keys.count > 1 {
                for i in 1..<keys.count where keys[i].hash == keys[i - 1].hash && keys[i].ordinal != keys[i - 1].ordinal { return .whole }
            }
        }
        let summary = RenderedList.Summary(digest: digest, counts: counts, resolved: resolved, background: background,
                                           citedBackground: citedBackground, occurrences: occurrences)

        // Keys issued in scope that are no longer found: a list numbers a key's second finding `#2`, its third `#3`.
        var found = Set<String>()
        for (base, byCommunity) in occurrences {
            for (_, n) in byCommunity {
                found.insert(base)
                if n > 1 { for k in 2...n { found.insert(base + "#\(k)") } }
            }
        }
        let index = RectificationLedger.LoopIndex(loop)
        let summaries = rows.enumerated().map { o, row in
            CommunitySummary(communityID: row.id, name: row.name, street: row.street, countsByClass: counts[o])
        }
        var vanished: [LedgerEntry] = []
        for c in summaries {
            for key in index.keys(of: c.communityID) where !found.contains(key) {
                guard let t = loop.tracked[key] else { continue }
                // IDLE-01 findings are never resolved: one found in the key's community (a part is of one) is open.
                let superseding = RectificationLedger.supersedingKey(of: key) { occurrences[$0]?[ordinalOf[c.communityID] ?? -1] != nil }
                if let entry = RectificationLedger.vanished(t, community: c, scope: scope, supersededBy: superseding) { vanished.append(entry) }
            }
        }
        let total = counts.reduce(0) { $0 + $1.reduce(0, +) }
        let header = Rectification(scope: scope, policy: policy, counted: summaries)
        // Each community's part fingerprint: what its bytes are made from besides the list's key.
        let globalDigest = stored.globalDigest
        var fingerprints: [(communityID: String, fingerprint: Digest32)] = []
        fingerprints.reserveCapacity(rows.count)
        var bases: [Int] = []
        var running = 0
        for (o, row) in rows.enumerated() {
            let n = counts[o].reduce(0, +)
            bases.append(running)
            fingerprints.append((row.id, partFingerprint(unit: stored.unitDigest(row.unit), global: globalDigest, id: row.id, name: row.name,
                                                         street: row.street, base: running, count: n, total: total,
                                                         background: citedBackground[o])))
            running += n
        }

        // Second pass, as the report is written: each community's findings, a unit decoded once and its other
        // communities' findings kept until their turn.
        let parts = RectificationParts(findingCount: total, resolvedCount: resolved, vanished: vanished,
                                       boundary: recorder.map { r in { r.boundary($0) } }) { body in
            // The parts a kept list of the same key still has (after an append, every community the refold left
            // alike); asked as the list is written, once the personal values it shows are known.
            let kept = fingerprints.map { reuse?.bytes($0.communityID, fingerprint: $0.fingerprint) }
            // Where they lie in the kept file, for the patch the list is kept as (before any part is written).
            recorder?.keptParts = kept.map { $0.map { (length: $0.bytes.count, baseOffset: $0.baseOffset) } }
            let keptBytes = kept.map { $0?.bytes }
            // A unit whose communities are all kept is not read again.
            let rowsByUnit = Dictionary(grouping: rows.indices.filter { keptBytes[$0] == nil }, by: { rows[$0].unit })
            var pending: [Int: [Int: [Finding]]] = [:]
            var base = 0
            for (o, c) in summaries.enumerated() {
                if let kept = keptBytes[o] {
                    body(.kept(kept))
                    base = bases[o] + counts[o].reduce(0, +)
                    continue
                }
                let u = rows[o].unit
                if pending[u] == nil {
                    // Checked by the first pass through the same open file: a second read that fails is a disk fault
                    // (or the file was changed under the command), and the list written so far is incomplete.
                    // Decoded without validating its strings' UTF-8 again: the bytes match the SHA-256 under which the
                    // first pass checked every one of them as `unit` checks them (15.8).
                    guard !failSecondRead, let unit = stored.unit(u, checked: true) else {
                        let file = "index/" + RectifyState.fileName
                        return RectificationParts.Failure(
                            en: "\(file): community group \(u + 1) could be read once but not a second time while the list was written (a disk read error, or the file was changed meanwhile)",
                            zh: "\(file)：第 \(u + 1) 个小区组第一次可以读取，写清单时第二次却读取失败（磁盘读取错误，或文件在此期间被改动）")
                    }
                    var buckets: [Int: [Finding]] = [:]
                    for other in rowsByUnit[u] ?? [] { buckets[other] = [] }
                    let local = stored.communities[u].compactMap { c in ordinalOf[c.id].map { (id: c.id, ordinal: $0) } }
                    for f in unit.findings {
                        guard let other = local.first(where: { $0.id == f.communityID })?.ordinal, rows[other].unit == u,
                              scope.includes(f.problemClass) else { continue }
                        buckets[other]?.append(f)  // none for a community whose part is kept
                    }
                    pending[u] = buckets
                }
                let findings = pending[u]!.removeValue(forKey: o) ?? []
                if pending[u]!.isEmpty { pending[u] = nil }
                let part = Rectification(scope: scope, policy: policy, communities: [(c.communityID, c.name, c.street)],
                                         findings: findings, background: background, base: base)
                body(.part(part, RectificationLedger(rectification: part, loop: loop, index: index), base: base))
                base += part.findings.count
            }
            return nil
        }
        return .list(PartedList(header: header, parts: parts, recordCount: stored.header.stamp.seq, headHash: stored.header.stamp.hash,
                                erased: Set(global.erased), shown: shown, anomalies: anomalies, stored: stored,
                                fingerprints: fingerprints, summary: summary))
    }

    /// What a list's first pass is made from besides its key (`RenderedList.key`): the global part's bytes (the loop,
    /// erasures, LOW-02 values) and, per community in scope in list order, its id, name, street and its unit's bytes
    /// — by their SHA-256s, which the file's table holds (a patched unit's are summed once here). Two lists of one
    /// key and one digest count the same findings, keys and records (`RenderedList.Summary`).
    static func firstPassDigest(_ stored: RectifyState.Stored, rows: [(id: String, name: String, street: String, unit: Int)]) -> Digest32 {
        var w = ByteWriter()
        w.counted(Array("rectify.list first pass 1".utf8))
        w.raw(stored.globalDigest.bytes)
        w.u64(UInt64(rows.count))
        var unitDigests: [Int: Digest32] = [:]
        for row in rows {
            for text in [row.id, row.name, row.street] { w.counted(Array(text.utf8)) }
            if unitDigests[row.unit] == nil { unitDigests[row.unit] = stored.unitDigest(row.unit) }
            w.raw(unitDigests[row.unit]!.bytes)
        }
        return SHA256.digest(w.bytes)
    }

    /// What a community's part of a list is made from besides the list's key (`RenderedList.key`: date, scope,
    /// classes, format, language, policy, program) and the personal values it shows: its unit's bytes (its findings,
    /// the background records they cite), the global part's (the loop's statuses, erasures, the LOW-02 values), its
    /// community, the findings numbered before it and its own count, whether it holds the list's last finding (a
    /// JSON array's last item has no comma), and the background records its findings cite (they do not link). Two
    /// parts of one fingerprint render the same bytes.
    static func partFingerprint(unit: Digest32, global: Digest32, id: String, name: String, street: String, base: Int, count: Int,
                                total: Int, background: [Int64]) -> Digest32 {
        var w = ByteWriter()
        w.counted(Array("rectify.list part 1".utf8))
        w.raw(unit.bytes)
        w.raw(global.bytes)
        for text in [id, name, street] { w.counted(Array(text.utf8)) }
        w.u64(UInt64(base))
        w.u64(UInt64(count))
        w.u64(base + count == total ? 1 : 0)
        let seqs = background.sorted()
        w.u64(UInt64(seqs.count))
        for seq in seqs { w.u64(UInt64(bitPattern: seq)) }
        return SHA256.digest(w.bytes)
    }

    /// The error for a list whose parts stopped early: nothing at --out was replaced (standard output has an
    /// incomplete list), and what to do.
    static func partsFailed(_ failure: RectificationParts.Failure, out: String?) -> CLIError {
        let toFile = out != nil && out != "-"
        return .input(Message(
            en: failure.en + "; " + (toFile ? "\(out!) was not written (whatever was there is unchanged)" : "the list on standard output is incomplete: do not use it")
                + ". Run the command again; if it fails again, check the disk, or remove index/rectify.state (derived: the next whole-city list makes it again).",
            zh: failure.zh + "；" + (toFile ? "未写出 \(out!)（原有内容不变）" : "标准输出上的清单不完整：请勿使用")
                + "。请重新运行该命令；如仍失败，请检查磁盘，或删除 index/rectify.state（派生文件：下一次全市清单会重新生成）。"))
    }

    /// Renders and writes a parted list (and --meta), and gives the exit status, as `finish` does for a list held
    /// whole (no --status, --overdue, --ledger-book or --issue: those take the list whole).
    static func finishParted(_ arguments: Arguments, _ context: CommandContext, _ list: PartedList, names: PersonalNames,
                             checkpoint: CheckpointSummary?, format: RectificationFormat, language: ReportLanguage,
                             preparedOn: CalendarDate?, failOn: [ProblemClass]?, recorder: RenderedList.Recorder? = nil) throws(CLIError) -> Int32 {
        let stamp = LedgerStamp(recordCount: list.recordCount, headHash: list.headHash.hex, checkpoint: checkpoint)
        let report = RectificationReport(stamp: stamp, rectification: list.header, language: language, preparedOn: preparedOn,
                                         ledger: RectificationLedger(rectification: list.header, loop: RectificationLoop()),
                                         names: names, parts: list.parts)
        let out = arguments.value("out")
        try context.io.writeOutput(to: out) { (deliver) throws(CLIError) in
            let stream = ReportStream(recorder?.wrap(deliver) ?? deliver)
            report.render(format, into: stream)
            if let failure = stream.failure { throw partsFailed(failure, out: out) }
        }
        if let meta = arguments.value("meta") { try context.io.writeOutput(report.metaCSV(), to: meta) }
        if let out, out != "-" {
            context.io.writeErr(Self.writtenNote(list.parts.findingCount, asOf: list.header.scope.asOf, out: out, language: context.messageLanguage))
        }
        let totals = list.header.totalsByClass
        if let failOn, zip(ProblemClass.allCases, totals).contains(where: { failOn.contains($0.0) && $0.1 > 0 }) { return 1 }
        return 0
    }
}
