import LedgerChain
import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerProjections
import LedgerPublication
import LedgerReports
import LedgerRules

/// `ledger publish`: a community's verifiable disclosure (公示) for residents.
enum PublishCommand {
    static let options: [OptionSpec] = [
        SharedOptions.community.with(en: "the community to publish", zh: "要公示的小区").requiredOption,
        .value("period", "FROM..TO", required: true, en: "the period the figures cover, e.g. 2025-01-01..2025-12-31 (TO must have ended in Beijing time when the checkpoint was signed)",
               zh: "统计期间，例如 2025-01-01..2025-12-31（检查点签发时，TO 这一天按北京时间须已结束）"),
        .value("checkpoint", "CP", required: true, en: "a signed checkpoint of this ledger made after the period (`ledger checkpoint`)",
               zh: "期间结束后签发的本账本签名检查点（“ledger checkpoint”）"),
        AuditSupport.pubkey.with(en: "the office's public key, pinned in the page and printed (fingerprint) on the notice",
                                 zh: "街道办的公钥，固定在网页中，并把指纹印在公示单上").requiredOption,
        .value("out", "DIR", required: true, en: "a new (or empty) folder for the disclosure, outside the ledger directory",
               zh: "一个新的（或空的）文件夹，须在账本目录之外"),
        AuditSupport.witnessKey,
        AuditSupport.witnesses,
        .value("url", "URL", en: "where residents can open the page online, printed on the notice", zh: "居民在线打开网页的地址，印在公示单上"),
        .value("policy", "FILE", en: "the rectification policy (as for `ledger rectify`)", zh: "整改政策（同“ledger rectify”）"),
        .flag("reveal-persons",
              en: "show the values of personal data (recorded as {\"person\": …}) and embed their openings, which the page checks against the commitments in the records. Without it every such value is shown as （个人信息不公示） (or （已依法删除）): a published page cannot be recalled when a person is erased later, so reveal names only where the law requires it",
              zh: "显示个人信息（以 {\"person\": …} 记录）的原值并嵌入其开启值，网页会按记录中的承诺值核对。不加此项时每个这样的值都显示为（个人信息不公示）（或（已依法删除））：网页一经公布，日后删除个人信息时无法收回，所以只在法律要求时才公开姓名"),
    ]

    static let command = Command(
        name: "publish",
        summary: Message(en: "write a community's verifiable disclosure (公示): a page residents check in a browser, and an A4 notice",
                         zh: "生成小区的可验证公示：居民可在浏览器中核对的网页，以及一张 A4 公示单"),
        options: options,
        about: Message(en: """
        Writes a folder a 业委会 can put on any web server, a USB stick or a WeChat link:
          index.html         the disclosure: fund movements (every one up to TO, so the balances can be recomputed),
                             balances, contracts and rent received, owners' decisions with vote results and the open
                             rectification findings; each line carries its records and their inclusion proofs, and
                             the page checks them in the browser against the signed checkpoint (no network)
          notice.html        the A4 notice (公示单) for the notice board: totals, the checkpoint's size and root, the
                             key's fingerprint and where to check the page
          publication.json   the data the page checks (ledger-spec.md, "Published disclosures")
          checkpoint.txt, office.pub   the signed checkpoint and the office's public key
        The content is the ledger as of the checkpoint (its first SIZE records), as of TO. The checkpoint must be
        signed with PUB, cosigned by the witnesses required, and the log must still extend it.
        The pages are in Chinese whatever --lang says (a 公示 is an official notice to residents); --lang gives the
        command's own messages only.
        Publishing writes nothing to the ledger. Once the notice is posted, record the disclosure: the command prints
        the `disclosure.published` line to append (the checkpoint's date in Beijing, the period, every fund of the page; change
        `occurred_on` to the day it was posted and `location` to where, if they differ), to be saved as a file and
        appended with `ledger append --file`. Until it is recorded the rectification list counts the funds as not
        disclosed (FUND-08).
        """, zh: """
        生成一个文件夹，业委会可以把它放到任何网站、U 盘或微信链接中：
          index.html         公示内容：资金收支（截至 TO 的每一笔，余额可以重算）、余额、合同和已收租金、业主
                             共同决定及表决结果、未销号的整改问题；每一行都附有其记录和包含证明，网页在浏览器中
                             按签名检查点核对（无需联网）
          notice.html        贴在公告栏上的 A4 公示单：合计数、检查点的记录数和根、公钥指纹，以及在哪里核对网页
          publication.json   网页核对的数据（ledger-spec.md “Published disclosures”一节）
          checkpoint.txt、office.pub   签名检查点和街道办的公钥
        内容是检查点（前 SIZE 条记录）时的账本、截至 TO 的状态。检查点必须由 PUB 签署、有所要求的见证方副署，
        且日志必须仍是它的延伸。
        发布不写入账本。公示单张贴后，请记录本次公示：命令会输出一行应追加的 disclosure.published 记录（检查点的日期（北京时间）、
        统计期间、网页所列的全部资金账户；张贴日期或地点不同的，改 occurred_on 和 location），存为文件后用
        “ledger append --file”追加。记录之前，整改清单仍把这些资金列为未按期公示（FUND-08）。
        """),
        exitStatus: Message(en: "0 written, 1 the checkpoint or the log failed verification, 2 usage or input error.",
                            zh: "0 已写入；1 检查点或日志校验失败；2 用法或输入错误。"),
        run: run)

    static func run(_ arguments: Arguments, _ context: CommandContext) throws(CLIError) -> Int32 {
        let communityID = try arguments.required("community")
        let period = try parsePeriod(try arguments.required("period"))
        let checkpointFile = try arguments.required("checkpoint")
        let outText = try arguments.required("out")
        guard outText != "-" else {
            throw .usage(Message(en: "--out DIR needs a folder: a disclosure is several files.", zh: "--out DIR 要给一个文件夹：公示由多个文件组成。"))
        }
        let key = try AuditSupport.publicKey(arguments, context)
        let (witnessKeys, required) = try AuditSupport.witnessKeys(arguments, context)
        var policy = Policy()
        if let path = arguments.value("policy") {
            let bytes = try context.io.readFile(path)
            do { policy = try Policy.parse(bytes, sourceName: path) } catch { throw .input(Message(en: error.description, zh: error.chinese)) }
        }

        // The checkpoint first: nothing is published from an unsigned or unwitnessed one.
        let note = try context.io.readFile(checkpointFile)
        try AuditSupport.refuseOtherKindAsCheckpoint(note, file: checkpointFile)
        let checkpoint: Checkpoint, witnessed: [Witnessed]
        do {
            checkpoint = try Checkpoint.open(note, key: key, file: checkpointFile)
            witnessed = try SignedNote(bytes: note, file: checkpointFile).requireWitnesses(witnessKeys, count: required, file: checkpointFile, now: context.io.now())
        } catch {
            throw AuditSupport.cliError(error)
        }
        // The period rule below trusts the checkpoint's date: one dated ahead of this clock (signed by an older version,
        // or by a signer with a wrong clock) would let a period that has not ended pass as ended (review 35d #1).
        let now = context.io.now()
        if Checkpoint.isInFuture(checkpoint.time, now: now) {
            throw .input(Message(
                en: "\(checkpointFile) is dated \(checkpoint.time), later than now (\(now), allowing \(Checkpoint.clockSkewSecondsMax / 60) minutes of clock difference): its time cannot be true, and a disclosure relies on it to know that the period has ended. Ask the office for a checkpoint signed with the right time; nothing was published.",
                zh: "\(checkpointFile) 的日期是 \(checkpoint.time)，晚于当前时间（\(now)，已允许 \(Checkpoint.clockSkewSecondsMax / 60) 分钟的时钟误差）：这个时间不可能属实，而公示要靠它判断期间是否已经结束。请向街道办索取以正确时间签署的检查点；没有发布任何内容。"))
        }
        // The period has ended when the day after its last has begun in Beijing (UTC+8), where its records are kept.
        guard Publication.periodHasEnded(period.last, at: checkpoint.time) else {
            throw .usage(Message(en: "--period ends on \(period.last), which had not ended in Beijing time when the checkpoint was made (\(checkpoint.time), \(Publication.beijingDate(checkpoint.time)) in Beijing); a disclosure covers a period that has ended: make a new checkpoint after \(period.last) 24:00 Beijing time (\(period.last)T16:00:00Z).", zh: "--period 截止于 \(period.last)，检查点签发时（\(Publication.beijingText(checkpoint.time))，即 \(checkpoint.time)）这一天在北京时间尚未结束；公示只能覆盖已经结束的期间：请在 \(period.last) 24 时（北京时间，即 \(period.last)T16:00:00Z）之后签发新的检查点。"))
        }

        let directory = try context.openLedger(arguments)
        try context.refuseOutputInLedger(outText, option: "out", directory)
        let out = directoryPath(context.io.resolve(outText))
        if PosixFile.exists(out) {
            let empty = PosixFile.isDirectory(out) && ((try? PosixFile.isEmptyDirectory(out)) ?? false)
            guard empty else { throw .input(Message(en: "\(outText) already exists; a disclosure is written to a new folder and never over another one. Choose another --out.", zh: "\(outText) 已存在；公示总是写到新文件夹，从不覆盖另一份。请另选 --out。")) }
        }
        let (_, results) = try CLIError.fromChain { () throws(ChainError) in
            try LedgerAudit.checkCheckpoints(directory, [(checkpointFile, checkpoint)])
        }
        if let problem = results.first?.problem {
            throw .integrity(Message(
                en: "checkpoint \(checkpointFile): \(problem). Nothing was published; run `ledger verify --checkpoint \(checkpointFile) --pubkey …`.",
                zh: "检查点 \(checkpointFile)：\(AuditWords.divergence(problem).zh)。没有发布任何内容；请运行“ledger verify --checkpoint \(checkpointFile) --pubkey …”。"))
        }

        // Records up to the checkpoint; erasures recorded after it still withhold what they erased.
        var records: [Record] = []
        var erased = Set<PersonalCommitment>()
        let log = try CLIError.fromChain { () throws(ChainError) in
            try VerifiedLog.stream(directory, upToSeq: Int64(checkpoint.size), laterOfType: .personalDataErased,
                                   visitLater: { erased.formUnion(PersonalDataSupport.erasures(in: $0)) }) {
                records.append($0)
                erased.formUnion(PersonalDataSupport.erasures(in: $0))
            }
        }
        let projection = Projection(records: records, asOf: period.last)
        guard let content = PublicationContent(projection: projection, records: records, communityID: communityID, period: period, policy: policy) else {
            let known = projection.communities.keys.sorted().joined(separator: ", ")
            throw .usage(Message(en: "--community \(communityID): no such community in the checkpoint's \(Wording.englishCount(checkpoint.size, "record")) as of \(period.last); known: \(known.isEmpty ? "none" : known).", zh: "--community \(communityID)：截至 \(period.last)，检查点的 \(checkpoint.size) 条记录中没有这个小区；已有：\(known.isEmpty ? "无" : known)。"))
        }
        QueryOptions.warnAboutAnomalies(projection, context)
        let bundles: [ProofBundle]
        do {
            bundles = try LedgerAudit.prove(directory, seqs: content.recordSeqs, checkpointNote: note, checkpointFile: checkpointFile,
                                            notice: { context.io.writeErr($0) })
        } catch {
            throw AuditSupport.cliError(error)
        }
        let data = PublicationData(communityID: communityID, from: period.first, to: period.last, checkpointNote: note, publicKey: key,
                                   witnessKeys: witnessKeys, witnessesRequired: required, treeSize: checkpoint.size,
                                   records: bundles.map { PublicationData.Entry(seq: $0.seq, line: $0.recordLine, proof: $0.inclusionProof) })
        // Check what is about to be published as a resident's browser will, before writing anything.
        do { _ = try PublicationData.verify(data.encoded, key: key, file: PublicationData.format, now: context.io.now()) } catch {
            throw .integrity(Message(en: "the disclosure did not verify before writing (\(error)); nothing was published.", zh: "公示在写出前未能通过核对（\(AuditWords.error(error).zh)）；没有发布任何内容。"))
        }
        let reveals = arguments.flag("reveal-persons")
        let names = PersonalDataSupport.names(directory, erased: erased, shown: Set(content.shownCommitments), context, reveals: reveals)
        var openings: [PersonalOpening] = []
        if reveals {
            let held = PrivateStore.read(directory).openings
            openings = content.shownCommitments.compactMap { names.value(of: $0) == nil ? nil : held[$0] }
        }
        let publication = Publication(content: content, data: data, checkpoint: checkpoint, witnessed: witnessed,
                                      checkURL: arguments.value("url"), names: names, openings: openings)

        // Written beside DIR and renamed into place, so an interrupted run never leaves half a disclosure under
        // the name residents will be given (rename replaces only an empty directory).
        let staging = out + ".tmp-\(context.io.makeId().suffix(12))"
        do { try PosixFile.makeDirectory(staging) } catch { throw .input(Message(SystemWords.fileError(error))) }
        for file in publication.files {
            do { try PosixFile.writeAtomically(file.bytes, to: staging + "/" + file.name, permissions: 0o644, existing: .refuse) } catch {
                // A full disk, say: nothing half-written is left beside DIR, so the same command can simply run again.
                // Said of the file under DIR (the staging folder named in the error is gone by then).
                for file in publication.files { try? PosixFile.remove(staging + "/" + file.name) }
                try? PosixFile.remove(staging)
                let said = SystemWords.fileError(FileError(path: out + "/" + file.name, operation: error.operation, code: error.code, detail: error.detail))
                let full = error.isNoSpace
                throw .input(Message(
                    en: "\(said.en). Nothing was published and nothing is left of it; \(full ? "free space and " : "")run the same command again.",
                    zh: "\(said.zh)。没有发布任何内容，也没有留下任何部分；请\(full ? "腾出空间后" : "")再运行同一命令。"))
            }
        }
        do { try PosixFile.rename(staging, to: out) } catch {
            let words = SystemWords.fileError(error)
            throw .input(Message(en: "\(words.en); the disclosure is complete in \(staging)",
                                 zh: "\(words.zh)；公示已完整写在 \(staging) 中"))
        }
        let after = log.totalRecordCount - Int64(checkpoint.size)
        let movements = content.funds.reduce(0) { $0 + $1.movements.count }
        let who = "\(content.community.id) \(content.community.name)", root = checkpoint.root.hex
        // The notice's 欠缴 and its overdue part, each named for what it counts (review 41b #5).
        let unpaid = content.rentUnpaid, grace = content.rentGraceDays
        var text: String
        if context.language == .zh {
            text = """
            \(who) \(period.first)…\(period.last) 的公示已写入 \(outText)
              \(Publication.FileName.page)：资金收支 \(movements) 笔，合同 \(content.contracts.count) 份，业主决定 \(content.decisions.count) 项，问题 \(content.findings.count) 个；\(data.records.count) 条记录附有包含证明
              租金：欠缴（已到期未收）\(Format.money(unpaid.due, .zh))，其中逾期（超过缴纳日期后 \(grace) 天宽限期仍未缴，整改事项 CON-07 所计）\(Format.money(unpaid.overdue, .zh))
              \(Publication.FileName.notice)：A4 公示单；检查点含 \(checkpoint.size) 条记录，根 \(root)
              公钥指纹：\(PublicationData.fingerprint(key))

            """
            if !witnessed.isEmpty { text += "  见证：\(witnessed.map { "\($0.key.label)（\($0.time)）" }.joined(separator: "，"))\n" }
            if after > 0 { text += "  注意：检查点之后的 \(after) 条记录不在本次公示中\n" }
        } else {
            text = """
            disclosure (公示) of \(who) for \(period.first)…\(period.last) written to \(outText)
              note: the pages are in Chinese whatever --lang says: a 公示 is an official notice to the community's residents, in Chinese; --lang en gives these messages only
              \(Publication.FileName.page): \(Wording.englishCount(movements, "fund movement")), \(Wording.englishCount(content.contracts.count, "contract")), \(Wording.englishCount(content.decisions.count, "decision")), \(Wording.englishCount(content.findings.count, "finding")); \(Wording.englishCount(data.records.count, "record")) with inclusion proofs
              rent: \(Format.money(unpaid.due, .en)) unpaid (due by the period's end and not received), of which \(Format.money(unpaid.overdue, .en)) overdue (unpaid more than \(Wording.englishCount(grace, "day")) after its due day, the grace period; what CON-07 counts)
              \(Publication.FileName.notice): the A4 notice; checkpoint \(Wording.englishCount(checkpoint.size, "record")), root \(root)
              key fingerprint: \(PublicationData.fingerprint(key))

            """
            if !witnessed.isEmpty { text += "  witnessed by: \(witnessed.map { "\($0.key.label) at \($0.time)" }.joined(separator: ", "))\n" }
            if after > 0 { text += "  note: \(after == 1 ? "the record" : "the \(after) records") after the checkpoint \(after == 1 ? "is" : "are") not in this disclosure\n" }
        }
        // The disclosure is the office's act of posting, which the ledger records only when told (a publication
        // written is not yet posted): the line to append, so that FUND-08 counts it (review 43b #2). Dated the
        // checkpoint's day, signed for this posting, so that the same log and checkpoint print the same bytes.
        let record = disclosureRecord(communityID: communityID, fundIDs: content.funds.map(\.id), period: period,
                                      postedOn: Publication.beijingDate(checkpoint.time), url: arguments.value("url"))
        text += context.language == .zh
            ? "  记录本次公示：公示单张贴后，把下面一行存为文件（张贴日期或地点与此不同的，改 occurred_on 和 location），再用“ledger append --file 文件”追加；记录之前，整改清单仍把这些资金列为未按期公示（FUND-08）：\n"
            : "  record the disclosure: once the notice is posted, save the line below as a file (change occurred_on and location if it was posted on another day or elsewhere) and append it with `ledger append --file FILE`; until it is recorded the rectification list counts these funds as not disclosed (FUND-08):\n"
        text += record + "\n"
        context.io.writeOut(text)
        return 0
    }

    /// The `disclosure.published` input line (ledger-spec.md section 8; its id is derived) that records posting the
    /// disclosure of `fundIDs` for `period` on `postedOn`, at the community's notice board and, given, online at `url`.
    static func disclosureRecord(communityID: String, fundIDs: [String], period: DayRange, postedOn: CalendarDate, url: String?) -> String {
        let location = "小区公示栏" + (url.map { "；网上：" + $0 } ?? "")
        return CanonicalJSON.string(.object([
            "type": .string("disclosure.published"), "occurred_on": .string(postedOn.description),
            "data": .object(["community_id": .string(communityID), "fund_ids": .array(fundIDs.map { .string($0) }),
                             "period_from": .string(period.first.description), "period_to": .string(period.last.description),
                             "location": .string(location)])]), escaping: .display)
    }

    /// A directory's path without trailing slashes (as a shell's tab completion writes it), so that names made
    /// beside it (`DIR.tmp-…`, `DIR-publication`) land beside it and not inside.
    static func directoryPath(_ path: String) -> String {
        var path = Substring(path)
        while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
        return String(path)
    }

    /// `FROM..TO`, both real dates, FROM ≤ TO.
    static func parsePeriod(_ text: String) throws(CLIError) -> DayRange {
        let parts = text.split(separator: "..", omittingEmptySubsequences: false)
        guard parts.count == 2, let from = CalendarDate(iso: String(parts[0])), let to = CalendarDate(iso: String(parts[1])) else {
            throw .usage(Message(en: "--period \"\(text)\" is not FROM..TO with two dates YYYY-MM-DD, e.g. 2025-01-01..2025-12-31.", zh: "--period “\(text)”不是由两个 YYYY-MM-DD 日期组成的 FROM..TO，例如 2025-01-01..2025-12-31。"))
        }
        guard from <= to else { throw .usage(Message(en: "--period \"\(text)\": the period starts after it ends.", zh: "--period “\(text)”：起始日期晚于结束日期。")) }
        return DayRange(first: from, last: to)
    }
}
