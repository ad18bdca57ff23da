import LedgerChain
import LedgerEvents
import LedgerImport
import LedgerPlatform
import LedgerProjections

/// Personal data on the command line (ledger-spec.md 10.3): what reports show for committed fields, how
/// `ledger append` commits `{"person": …}`, and how an interrupted erasure is completed.
enum PersonalDataSupport {
    /// The commitments `record` erases (a `personal_data.erased` record), else none.
    static func erasures(in record: Record) -> [PersonalCommitment] {
        guard case .personalDataErased(let erased)? = record.payload.domain else { return [] }
        return erased.commitments
    }

    /// Every commitment the facts hold in a personal field.
    static func commitments(in facts: [EffectiveFact]) -> Set<PersonalCommitment> {
        var out = Set<PersonalCommitment>()
        for fact in facts { fact.payload.forEachPersonal { _, value in if let c = value.commitment { out.insert(c) } } }
        return out
    }

    /// What reports show: the values `private/` holds, and 已依法删除 for `erased` and for an erasure still being
    /// completed. Warns on standard error when `private/` is damaged, or lacks values of `shown` that were not
    /// erased, so a report never passes a lost value off as nothing.
    /// - Parameter reveals: false withholds every value (a publication that does not reveal persons).
    static func names(_ directory: LedgerDirectory, erased: Set<PersonalCommitment>, shown: Set<PersonalCommitment>,
                      _ context: CommandContext, reveals: Bool = true) -> PersonalNames {
        let contents = PrivateStore.read(directory)
        var values: [PersonalCommitment: String] = [:]
        for (commitment, opening) in contents.openings { values[commitment] = opening.value }
        let names = PersonalNames(values: values, erased: erased.union(contents.pendingCommitments), reveals: reveals)
        warn(contents, missing: shown.filter { names.values[$0] == nil && !names.erased.contains($0) }.count, context)
        return names
    }

    /// Warns on standard error, in the reader's language (`--lang`), of what `private/` could not give: its
    /// problems (at most 20 listed), values the records name that it lacks and were not erased, an interrupted erasure.
    static func warn(_ contents: PrivateStore.Contents, missing: Int, _ context: CommandContext) {
        let zh = context.messageLanguage == .zh
        var text = ""
        func say(_ en: String, _ chinese: String) { text += zh ? "警告：" + chinese + "\n" : "warning: " + en + "\n" }
        for problem in contents.problems.prefix(20) { say(problem.en, problem.zh) }
        if contents.problems.count > 20 {
            let more = contents.problems.count - 20
            say("… and \(more) more problems in private/", "……private/ 中另有 \(more) 处问题")
        }
        if missing > 0 {
            let one = missing == 1
            say("\(Wording.englishCount(missing, "personal value")) named by the records \(one ? "is" : "are") not in \(contents.exists ? "" : "the missing ")"
                    + "private/ and \(one ? "was" : "were") not erased; \(one ? "it is" : "they are") shown as \(PersonalNames.missingZh). Restore private/ from the backup of this ledger (the log and its proofs are not affected).",
                "记录中有 \(missing) 个个人信息值不在\(contents.exists ? " " : "缺失的 ")private/ 中，也没有依法删除过，显示为\(PersonalNames.missingZh)。"
                    + "请从本账本的备份恢复 private/（日志及其证明不受影响）。")
        }
        if contents.pendingErasure != nil {
            say("an erasure of personal data was interrupted; run `ledger erase-personal --resume` to complete it (its values are shown as erased).",
                "一次个人信息的删除被中断了；请运行“ledger erase-personal --resume”完成它（其中的值显示为已删除）。")
        }
        if !text.isEmpty { context.io.writeErr(DisplayText.neutralised(text, lineBreaks: .keep)) }
    }

    /// The entry of `contents` whose value is exactly `value` (the smallest commitment, should there be several, as
    /// a writer's `Committer` chooses it): the same person gets the same commitment wherever the clerk writes the
    /// same text.
    static func opening(forValue value: String, in contents: PrivateStore.Contents) -> PersonalOpening? {
        contents.openings.values.filter { $0.value == value }.min { $0.commitment < $1.commitment }
    }

    /// What `private/` tells the checks of a batch: the value a commitment opens to (`opened`, for the twin check:
    /// `ImportTwins`, a payment recorded for a private person and one written with the name are one payer's), and
    /// whether a name written in clear is one the ledger keeps private (`heldPrivately`: refused at every door that
    /// writes events, review 46e). What `committer` committed in this run or holds answers first, else `private/`
    /// read once, at the first question — never for a batch that meets no private person's payment and writes no
    /// person in clear; a ledger without `private/` costs one look. An erased commitment (or one an interrupted
    /// erasure names) opens to nothing and keeps no name. `private/` is read through `entries.index` (issue 11:
    /// the listing, a stamp an entry, and only the entries added or changed since), with the same answer.
    final class PrivateLookup {
        private let directory: LedgerDirectory
        private let committer: Committer?
        private let locked: Bool
        private let notice: ((String) -> Void)?
        private var contents: PrivateStore.Contents? = nil
        private var names: (any KeptNameCheck)? = nil
        /// `private/names.index` for `contents` (read, or made and written under the lock), once: nil inside when
        /// the table of every value must answer (`PersonalDataSupport.namesIndex`).
        private var namesFile: PrivateNameKeys?? = nil
        /// Whether `contents` came from a writer's read under the lock (not a dry run's), which may write the file.
        private var readByWriter = false

        /// - Parameter locked: the run holds the writer's lock, so it may write `private/entries.index` again
        ///   (`PrivateStore.readForWriter`); a dry run only reads it.
        /// - Parameter notice: the one-line notice of an index found unusable and rebuilt.
        init(_ directory: LedgerDirectory, committer: Committer?, locked: Bool = true, notice: ((String) -> Void)? = nil) {
            self.directory = directory
            self.committer = committer
            self.locked = locked
            self.notice = notice
        }

        /// `private/` as the committer holds it open (or read it, for a dry run), else read once.
        private func read() -> PrivateStore.Contents {
            if let contents { return contents }
            let read = committer?.store?.contents ?? committer?.known
                ?? (locked ? PrivateStore.readForWriter(directory, notice: notice) : PrivateStore.read(directory, useIndex: true))
            readByWriter = locked && (committer?.store != nil || committer?.known == nil)
            contents = read
            return read
        }

        func opened(_ commitment: PersonalCommitment) -> String? {
            if let value = committer?.value(of: commitment) { return value }
            let contents = read()
            guard !contents.pendingCommitments.contains(commitment) else { return nil }
            return contents.openings[commitment]?.value
        }

        /// How many values the committer had committed when `names` was made.
        private var namesCommitted = 0

        /// The names kept private (`keptNames`): made at the first question, and again once the run has committed
        /// more values since — an import asks about its actor and file before its rows commit their persons, and a
        /// row's free text is checked after every row is planned: a name the batch itself commits is kept then too
        /// (review 48 #2: `退还李娜押金` passed in clear beside the 李娜 the same file committed).
        /// Read from `private/names.index` when it is current (issue 11: no table of every kept name), the run's
        /// committed values beside it; else the table of every value, as before.
        private func kept() -> any KeptNameCheck {
            let committedCount = committer?.committedCount ?? 0
            if let names, committedCount == namesCommitted { return names }
            let contents = read()
            if namesFile == nil { namesFile = .some(PersonalDataSupport.namesIndex(directory, contents, writes: readByWriter, notice: notice)) }
            let committed = committer?.committedValues ?? []
            let made: any KeptNameCheck
            if let file = namesFile ?? nil {
                made = IndexedPrivateNames([file] + (committed.isEmpty ? [] : [PrivateNameKeys(values: committed)]))
            } else {
                made = PersonalDataSupport.keptNames(contents, committed: committed)
            }
            names = made
            namesCommitted = committedCount
            return made
        }

        func heldPrivately(_ text: String) -> Bool { kept().holds(text) }

        /// The kept name a free text holds inside it (review 47c #1), else nil.
        func nameInText(_ text: String) -> String? { kept().name(inText: text) }
    }

    /// Refuses a run that would write events while an erasure waits to be completed (`private/erasure.pending`,
    /// review 47c #5): the names it erases are no longer kept, so a row writing one in clear would pass every door.
    /// One look at the directory.
    static func refuseWhileErasureWaits(_ directory: LedgerDirectory, _ what: Wording) throws(CLIError) {
        let marker = directory.path + "/" + PrivateStore.directoryName + "/" + PrivateStore.pendingErasureName
        guard PosixFile.kind(at: marker, followLinks: false) != nil else { return }
        throw .input(Message(en: "an erasure of personal data was interrupted (private/\(PrivateStore.pendingErasureName)); until it is finished, the names it erases are not known and would pass in clear. Finish it first with `ledger erase-personal --resume`, then run this again. \(what.en)",
                             zh: "一次个人信息的删除被中断了（private/\(PrivateStore.pendingErasureName)）；在它完成之前，其中要删除的姓名无从辨认，以明文写入也不会被拦下。请先运行“ledger erase-personal --resume”完成它，再重新运行本命令。\(what.zh)"))
    }

    /// Refuses an actor (`--actor`, `$LEDGER_ACTOR`, `$USER`: `source`) that is a name the ledger keeps private
    /// (review 47c #4): every record keeps its actor in clear for ever. Worded by `ImportWords.privateNameAsActor`,
    /// the one refusal every door gives.
    static func refuseActor(_ actor: String?, source: ImportWords.ActorSource, held: (String) -> Bool) throws(CLIError) {
        guard let actor, held(actor) else { return }
        throw .usage(Message(ImportWords.privateNameAsActor(actor, source: source)))
    }

    /// The names `contents` keeps private, and those `committed` in this run: an erased value is not there, and one
    /// an interrupted erasure names (pending) is no longer kept. What every door refuses in clear (review 46e).
    static func keptNames(_ contents: PrivateStore.Contents, committed: [String] = []) -> PrivateNames {
        let pending = Set(contents.pendingCommitments)
        return PrivateNames(values: contents.openings.values.filter { !pending.contains($0.commitment) }.map(\.value) + committed)
    }

    /// The names kept private as `keptNames(contents, committed:)` answers them, read from `private/names.index`
    /// (`PrivateNameKeys`, docs/private52.md) when it was made from exactly these openings (stamped with the
    /// checksum of the `entries.index` they were read through, `Contents.indexChecksum`) by these key rules: no
    /// table of every kept name is built (issue 11). A missing, stale, damaged, other-version, other-rules or
    /// foreign file is made again from the openings and, when `writes` (a writer under the lock), written in its
    /// place, with the notice of the other derived files for a file that was there and unusable. Where the file
    /// cannot be used — an erasure waiting to be completed, no current `entries.index`, a dry run with a stale
    /// file — the table of every value answers, as before.
    static func keptNames(_ ledger: LedgerDirectory, _ contents: PrivateStore.Contents, committed: [String], writes: Bool,
                          notice: ((String) -> Void)?) -> any KeptNameCheck {
        guard let base = namesIndex(ledger, contents, writes: writes, notice: notice) else { return keptNames(contents, committed: committed) }
        return IndexedPrivateNames([base] + (committed.isEmpty ? [] : [PrivateNameKeys(values: committed)]))
    }

    /// The file of `contents`' kept names (read, or made and perhaps written), nil where the table must answer.
    static func namesIndex(_ ledger: LedgerDirectory, _ contents: PrivateStore.Contents, writes: Bool,
                           notice: ((String) -> Void)?) -> PrivateNameKeys? {
        // An interrupted erasure's values are no longer kept, and no new file may hold them.
        guard contents.pendingErasure == nil,
              let directory = try? PosixDirectory(path: ledger.path + "/" + PrivateStore.directoryName) else { return nil }
        let name = PrivateNameKeys.fileName
        // No entry, no file (as `entries.index`): one left from entries removed by hand goes, so that an emptied
        // private/ can be removed and no key of a former person lingers. Asked before the index's checksum, which an
        // emptied private/ never has (review of privkeys52 #3).
        guard !contents.openings.isEmpty else {
            if writes, directory.kind(of: name) == .regular { try? directory.overwriteAndRemove(name, zeroBytesMax: Int64(PrivateNameKeys.bytesMax)); try? directory.sync() }
            return nil
        }
        guard let checksum = contents.indexChecksum else { return nil }
        var problem: PrivateNameKeys.Problem? = nil
        if let status = directory.status(of: name) {
            if status.kind != .regular {
                if status.kind != .directory { problem = .damaged(Wording(en: "not a regular file", zh: "不是普通文件")) }
            } else if let bytes = try? directory.readRegularFile(name, bytesMax: PrivateNameKeys.bytesMax) {
                // Only zeros: our own old file, zeroed and not yet removed when a crash came (as `entries.index`).
                if bytes.isEmpty || bytes.contains(where: { $0 != 0 }) {
                    switch PrivateNameKeys.decode(bytes) {
                    case .success(let file):
                        if file.entriesChecksum == checksum { return file }
                    case .failure(let why):
                        problem = why
                    }
                }
            } else {
                problem = .damaged(Wording(en: "unreadable", zh: "无法读取"))
            }
        }
        guard writes else { return nil }
        let bytes = PrivateNameKeys.encode(values: contents.openings.values.map(\.value), entriesChecksum: checksum)
        guard case .success(let made) = PrivateNameKeys.decode(bytes) else { return nil }
        // A directory where the file belongs cannot be replaced: said, and the file made for this run only.
        if directory.kind(of: name) == .directory {
            notice?(namesIndexDirectoryNotice(ledger))
            return made
        }
        do {
            // The old file's bytes are zeroed first (as `entries.index`'s): keys of names must not linger.
            if directory.kind(of: name) != nil {
                try directory.overwriteAndRemove(name, zeroBytesMax: Int64(PrivateNameKeys.bytesMax))
            }
            try directory.writeAtomically(bytes, to: name, permissions: 0o600)
        } catch {
            return made
        }
        if let problem, let notice { notice(namesIndexRebuiltNotice(ledger, problem)) }
        return made
    }

    /// `note: names.index in L/private is damaged (…); rebuilt from the entries of private/ (answers are
    /// unaffected).`: the notice of `entries.index`, for this file.
    static func namesIndexRebuiltNotice(_ ledger: LedgerDirectory, _ problem: PrivateNameKeys.Problem) -> String {
        let path = ledger.path + "/" + PrivateStore.directoryName, file = PrivateNameKeys.fileName, why = problem.wording
        return Wording(en: "note: \(file) in \(path) is \(why.en); rebuilt from the entries of private/ (answers are unaffected).",
                       zh: "注意：\(path) 中的 \(file) \(why.zh)；已从 private/ 的条目重建（查询结果不受影响）。")
            .text(chinese: ledger.messagesInChinese)
    }

    /// The notice of a directory in `names.index`'s place: every writer makes the names in memory until it is gone.
    static func namesIndexDirectoryNotice(_ ledger: LedgerDirectory) -> String {
        let path = ledger.path + "/" + PrivateStore.directoryName + "/" + PrivateNameKeys.fileName, file = PrivateNameKeys.fileName
        return Wording(en: "note: \(path) is a directory, where the derived file \(file) belongs; the file cannot be rebuilt there, so this command "
                           + "made the kept names from every entry instead (answers are unaffected), as every writer will until the directory is gone. "
                           + "Remove that directory (rm -r \(path)); the next writer writes the file again.",
                       zh: "注意：\(path) 是一个目录，而此处应是派生文件 \(file)；该文件无法在此重建，因此本命令改为从每个条目生成受保护的姓名（查询结果不受影响），"
                           + "在该目录移除之前，每个写入命令都将如此。请删除该目录（rm -r \(path)）；下一个写入命令会重新写出该文件。")
            .text(chinese: ledger.messagesInChinese)
    }

    /// Commits the values of `{"person": …}` for `ledger append`: the same text gets the commitment `private/`
    /// already holds for it, a new text a fresh salt. New entries are kept in `fresh` until `write` puts them in
    /// `private/`, which must happen before the batch is appended.
    final class Committer {
        /// `private/` opened for writing: given, or made by `write` for its first entry (`init(creatingIn:random:)`).
        private(set) var store: PrivateStore?
        /// A ledger without `private/`: `write` makes it when it has an entry to write, so that a batch refused (or
        /// storing nothing) leaves the ledger directory as it was.
        private let creatingIn: LedgerDirectory?
        /// Whether commitments are real (a store, or one to make), not the stand-ins of the parse before the lock.
        private var real: Bool { store != nil || creatingIn != nil }
        let random: (Int) throws(FileError) -> [UInt8]
        private(set) var fresh: [String: PersonalOpening] = [:]
        private(set) var failure: FileError? = nil
        /// Whether any value was committed.
        private(set) var used = false

        /// What private/ holds, read without the lock: a dry run's stand-ins are the known commitments where there
        /// are some, so that a re-import is recognised as it is by the real run.
        let known: PrivateStore.Contents?

        /// - Parameter store: nil for the parse before the lock, which only needs stand-in commitments.
        /// - Parameter known: for a dry run, private/ as read without the lock.
        init(store: PrivateStore?, known: PrivateStore.Contents? = nil, random: @escaping (Int) throws(FileError) -> [UInt8]) {
            self.store = store
            self.creatingIn = nil
            self.known = known
            self.random = random
        }

        /// Real commitments for a ledger that has no `private/` yet (under the writer's lock): every value is new.
        init(creatingIn directory: LedgerDirectory, random: @escaping (Int) throws(FileError) -> [UInt8]) {
            self.store = nil
            self.creatingIn = directory
            self.known = nil
            self.random = random
        }

        /// The values this committer gave commitments to (stand-ins included), by commitment.
        private var committed: [PersonalCommitment: String] = [:]

        /// The smallest commitment `private/` holds for each value, made at the first value committed (from the store
        /// under the lock, or what was read without it): one look-up a value, where a scan of every entry made an
        /// import of k persons into a `private/` of n cost k × n comparisons (docs/private50.md). Entries this
        /// committer adds are in `fresh`, asked after it, as the scan of the store asked them.
        private var heldByValue: [String: PersonalCommitment]? = nil

        /// The commitment `contents` holds for exactly `value` (the smallest, should there be several, as
        /// `PersonalDataSupport.opening(forValue:in:)` chooses).
        private func held(_ value: String, in contents: PrivateStore.Contents?) -> PersonalCommitment? {
            if heldByValue == nil {
                var map: [String: PersonalCommitment] = [:]
                for opening in contents?.openings.values.map({ $0 }) ?? [] where map[opening.value].map({ opening.commitment < $0 }) ?? true {
                    map[opening.value] = opening.commitment
                }
                heldByValue = map
            }
            return heldByValue?[value]
        }

        /// The values this committer gave commitments to in this run (stand-ins included).
        var committedValues: [String] { Array(committed.values) }

        /// How many values this committer gave commitments to in this run.
        var committedCount: Int { committed.count }

        /// The value `commitment` stands for: one this committer made or found in this run, or one `private/` holds.
        func value(of commitment: PersonalCommitment) -> String? {
            committed[commitment] ?? store?.contents.openings[commitment]?.value ?? known?.openings[commitment]?.value
        }

        func commit(_ value: String) -> PersonalCommitment? {
            let made = commitOnce(value)
            if let made { committed[made] = value }
            return made
        }

        private func commitOnce(_ value: String) -> PersonalCommitment? {
            used = true
            guard real else {
                // The commitment private/ holds for the value (the smallest, as `held` chooses) …
                if let match = held(value, in: known) { return match }
                // … or a stand-in: the payload is checked before the lock; the real commitment is made under it.
                return PersonalCommitment(SHA256.digest(Array("stand-in".utf8) + Array(value.utf8)))
            }
            if let known = held(value, in: store?.contents) ?? fresh[value]?.commitment { return known }
            do {
                let opening = PersonalOpening(salt: try random(PersonalCommitment.saltBytes), value: value)
                fresh[value] = opening
                return opening.commitment
            } catch {
                failure = error
                return nil
            }
        }

        /// `event` (whose id is already in the log) with each new commitment replaced by the one the log's record
        /// holds in the same field when `private/` no longer has that one (it was erased): the same input run again
        /// is then recognised as a duplicate, and the erased value is not stored again. Nothing can check that the
        /// value is the same — its salt is gone — but the id and everything else are.
        func aligned(_ event: Event, with recorded: [String: PersonalCommitment]) -> Event {
            guard real, let payload = event.payload.domain else { return event }
            let made = Set(fresh.values.map(\.commitment))
            var out = event
            out.payload = .domain(payload.mappingPersonal { field, value in
                guard let new = value.commitment, made.contains(new), let old = recorded[field],
                      store?.contents.openings[old] == nil else { return value }
                return .committed(old)
            })
            return out
        }

        /// The entries `write` put in `private/` (new files: a value `private/` held keeps its commitment).
        private(set) var written: [PersonalCommitment] = []

        /// Writes the new entries that `events` name to `private/`, durably, in a fixed order (a value only in
        /// duplicates is not stored).
        func write(usedBy events: [Event]) throws(ChainError) {
            guard real else { return }
            var used = Set<PersonalCommitment>()
            for event in events { for field in event.payload.domain?.personalFields ?? [] { if let c = field.value.commitment { used.insert(c) } } }
            for opening in fresh.values.sorted(by: { $0.commitment < $1.commitment }) where used.contains(opening.commitment) {
                if store == nil, let creatingIn { store = try PrivateStore.openForWriting(creatingIn) }
                written.append(opening.commitment)
                try store?.add(opening)
            }
        }

        /// Removes the entries `write` put in `private/` for a batch the log did not take, so that a refused import
        /// leaves the ledger directory as it was: each overwritten with zeros and removed, then the directory
        /// flushed (`PrivateStore.erase`, as an erasure does). Best effort: an entry that cannot be removed names
        /// a commitment no record holds, which no report shows. Entries are written before the append (a record must
        /// never name a commitment whose value is not stored: a crash between the two would lose the value for good);
        /// a crash before this removal leaves them, as it would after any interrupted append.
        func withdraw() {
            guard let store, !written.isEmpty else { return }
            try? store.erase(written)
            written = []
        }
    }

    /// Completes an erasure that was interrupted (`private/erasure.pending`): deletes what remains of its entries,
    /// appends its record unless it is already in the log, removes the marker. A notice says so.
    static func resumeErasure(_ store: PrivateStore, _ writer: LogWriter, _ context: CommandContext) throws(CLIError) {
        guard let bytes = store.contents.pendingErasure else { return }
        let line = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).first.map(Array.init) ?? []
        let event: Event
        let file = "private/" + PrivateStore.pendingErasureName
        do { event = try EventInput.parse(line: line, source: file, lineNumber: 1) } catch {
            throw .input(Message(en: "\(file) is damaged (\(error)); it records an erasure that was interrupted. Run `ledger erase-personal` again for the same subjects, then delete the file.",
                                 zh: "\(file) 已损坏（\(error.wording.zh)）；它记录的是一次被中断的删除。请对同样的对象再运行一次“ledger erase-personal”，然后删除该文件。"))
        }
        guard case .personalDataErased(let erased)? = event.payload.domain, let id = event.id else {
            throw .input(Message(en: "\(file) does not hold a personal_data.erased event with an id; run `ledger erase-personal` again for the same subjects, then delete the file.",
                                 zh: "\(file) 中没有带 id 的 personal_data.erased 事件；请对同样的对象再运行一次“ledger erase-personal”，然后删除该文件。"))
        }
        let zh = context.messageLanguage == .zh
        try CLIError.fromChain { () throws(ChainError) in try store.erase(erased.commitments) }
        // The kept street lists go before the erasure is recorded, as in the erasure itself (ledger-spec.md 10.3).
        do { try RenderedList.removeForErasure(writer.directory) } catch { throw .input(RenderedList.notRemovedForErasure(error, deleted: true)) }
        try CLIError.fromChain { () throws(ChainError) in
            if let seq = try writer.seq(ofId: id) {
                context.io.writeErr(zh ? "注意：已完成被中断的删除 \(id)（第 \(seq) 条记录已在日志中）\n"
                                       : "notice: completed the interrupted erasure \(id) (record seq \(seq) was already in the log)\n")
            } else {
                let result = try writer.append([event], options: AppendOptions(recordedAt: context.io.now(), defaultActor: event.actor,
                                                                                makeId: context.io.makeId))
                context.io.writeErr(zh ? "注意：已完成被中断的删除 \(id)：追加了第 \(result.lastSeq) 条记录\n"
                                       : "notice: completed the interrupted erasure \(id): record seq \(result.lastSeq) appended\n")
            }
            try store.finishErasure()
        }
    }
}
