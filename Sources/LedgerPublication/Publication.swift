import LedgerEvents
import LedgerMerkle
import LedgerPlatform
import LedgerProjections
import LedgerReports
import LedgerRules

/// A community's verifiable disclosure (公示) for a period: the page residents open (`index.html`), the printable
/// A4 notice (`notice.html`, 公示单), the data file the page verifies (`publication.json`), the signed checkpoint
/// and the office's public key. Every file is self-contained and makes no network request.
///
/// The page shows each row as HTML text and carries the records it rests on with their inclusion proofs; its
/// script (`PublicationScript`) checks the records and proofs against the signed checkpoint and that every
/// shown value equals what the records say, so an edited amount, proof, root or signature is shown as failed on
/// exactly that line, or on the checkpoint.
public struct Publication: Sendable {
    public let content: PublicationContent
    public let data: PublicationData
    public let checkpoint: Checkpoint
    public let witnessed: [Witnessed]
    /// Where residents can open the page online, printed on the notice (blank to fill in by hand when nil).
    public let checkURL: String?
    /// What committed personal fields show: withheld (`reveals` false, the default), or their values.
    public let names: PersonalNames
    /// The openings of the commitments the page reveals (empty unless `names.reveals`): embedded so the page checks
    /// each shown value against the commitment in its record.
    public let openings: [PersonalOpening]

    /// File names inside the output directory.
    public enum FileName {
        public static let page = "index.html"
        public static let notice = "notice.html"
        public static let data = "publication.json"
        public static let checkpoint = "checkpoint.txt"
        public static let publicKey = "office.pub"
    }

    public init(content: PublicationContent, data: PublicationData, checkpoint: Checkpoint, witnessed: [Witnessed], checkURL: String?,
                names: PersonalNames = PersonalNames(reveals: false), openings: [PersonalOpening] = []) {
        precondition(names.reveals || openings.isEmpty, "a page that withholds persons embeds no openings")
        self.names = names
        self.openings = openings
        self.content = content
        self.data = data
        self.checkpoint = checkpoint
        self.witnessed = witnessed
        self.checkURL = checkURL
    }

    /// Every file to write, in a fixed order.
    public var files: [(name: String, bytes: [UInt8])] {
        [(FileName.page, Array(page().utf8)), (FileName.notice, Array(notice().utf8)), (FileName.data, data.encoded),
         (FileName.checkpoint, data.checkpointNote), (FileName.publicKey, Array((data.publicKey.text + "\n").utf8))]
    }

    /// SHA-256 of the page's script, base64, as a Content-Security-Policy source and for the notice.
    public static var scriptHash: Digest32 { SHA256().hash(Array(PublicationScript.source.utf8)) }

    // MARK: Shared pieces

    func e(_ text: String) -> String { HTMLText.escape(text) }
    func yuan(_ amount: Amount) -> String { Format.yuan(amount, symbol: false) }
    func person(_ text: PersonalText) -> String { names.text(text) }
    var title: String { "\(content.community.name)共有资金和共有部分公示" }
    var periodText: String { "\(Format.date(content.period.first)) 至 \(Format.date(content.period.last))" }
    var fingerprint: String { PublicationData.fingerprint(data.publicKey) }
    var witnessText: String {
        witnessed.isEmpty ? "无" : witnessed.map { "\($0.key.name)（\($0.time)）" }.joined(separator: "；")
    }
    /// The notice's 见证单位 cell: each witness with its cosignature time in Beijing time, as the notice states
    /// every time (review 35e m2), and its key fingerprint; then the page's own words for the row (UTC, as the
    /// page's script writes it), so that a resident comparing the two sees the same witnesses.
    var noticeWitnessText: String {
        guard !witnessed.isEmpty else { return "无" }
        return witnessed.map { "\(e($0.key.name))　见证时间 \(Self.beijingText($0.time))" }.joined(separator: "<br>") + "<br>"
            + witnessed.map { "\(e($0.key.name)) 指纹 <span class=\"mono\">\(PublicationData.fingerprint($0.key))</span>" }.joined(separator: "<br>")
            + "<br><span class=\"small\">页面“见证单位”一栏显示为 \(e(witnessText))（协调世界时）</span>"
    }
    /// The witnesses' key fingerprints: a witness's name can be borrowed by anyone's key, so residents compare the
    /// fingerprint with the one the witness itself publishes.
    var witnessFingerprintText: String {
        witnessed.isEmpty ? "无" : witnessed.map { "\($0.key.name) \(PublicationData.fingerprint($0.key))" }.joined(separator: "；")
    }

    static func cspHash(_ text: String) -> String { "'sha256-" + Base64.encode(SHA256().hash(Array(text.utf8)).bytes) + "'" }

    /// The document head shared by the page and the notice: UTF-8, a policy that forbids every request and any
    /// script or style but the page's own, and the style sheet.
    func head(title: String, style: String, script: String?) -> String {
        let scriptSource = script.map { Self.cspHash($0) } ?? "'none'"
        return """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src \(scriptSource); style-src \(Self.cspHash(style)); img-src data:; base-uri 'none'; form-action 'none'">
        <title>\(e(title))</title>
        <style>\(style)</style>
        </head>

        """
    }

    func records(_ source: PublicationContent.Source) -> String {
        source.replaces.map { "#\(source.seq)（更正#\($0)）" } ?? "#\(source.seq)"
    }

    func rowAttributes(_ kind: String, seqs: [Int64], replaces: Int64? = nil) -> String {
        var out = " data-row=\"\(kind)\" data-seq=\"\(seqs.map(String.init).joined(separator: " "))\""
        if let replaces { out += " data-replaces=\"\(replaces)\"" }
        return out
    }

    static let statusCell = "<td class=\"v\" data-v>未验证</td>"

    /// `#a #b`: records named in a 记录 cell.
    static func seqList(_ seqs: [Int64]) -> String { seqs.map { "#\($0)" }.joined(separator: " ") }

    /// A contract's or decision's first cell: its id, and under it, when a correction changed its record, the mark
    /// the page's script checks both ways (a corrected row without it, or a row marked without a correction, fails).
    func idCell(_ id: String, corrected: String?) -> String {
        guard let corrected else { return "<td data-f=\"id\">\(e(id))</td>" }
        return "<td><span data-f=\"id\">\(e(id))</span><br><span class=\"corrected\" data-f=\"corrected\">\(e(corrected))</span></td>"
    }

    /// The mark of a contract or decision a correction changed (review 40a): the correction's seq and reason, and for
    /// a decision what the vote as first recorded came to, so that a failed vote corrected to a passing one shows.
    func correctedText(_ mark: PublicationContent.CorrectedMark) -> String {
        "已更正：更正记录 #\(mark.seq)（理由：\(mark.reason)）" + (mark.passedBefore.map { "；更正前表决结果：\($0 ? "通过" : "未通过")" } ?? "")
    }

    // MARK: The page

    /// `index.html`: every section with its rows bound to records, the data, and the verifying script.
    public func page() -> String {
        let c = content
        var out = head(title: "\(title) \(periodText)", style: PublicationStyle.page, script: PublicationScript.source)
        out += """
        <body>
        <header>
        <h1>\(e(title))</h1>
        <p class="sub"><span id="period">统计期间 <span data-f="from">\(Format.date(c.period.first))</span> 至 <span data-f="to">\(Format.date(c.period.last))</span></span> · \(e(c.community.street)) · \(e(c.community.residentsCommittee))</p>
        <div id="summary" data-result="pending">正在验证……如果一直显示这句话，说明浏览器没有运行本页的验证程序：可能是浏览器不支持，也可能是本页被改动过（被改动的验证程序不会运行）。请换用其他浏览器打开；仍然如此的，以小区公告栏张贴的纸质公示单为准，并向街道办事处核实。</div>
        <noscript><p class="warn">本页需要运行页面自带的验证程序（不联网）才能核对。</p></noscript>
        </header>
        <section id="how">
        <h2>怎样核对</h2>
        <ol>
        <li>打开本页时，页面会自动核对每一行：所依据的账本记录没有被改动，并且包含在街道签名的账本检查点中；各资金账户的收支汇总由本页根据所列每笔收支重新计算。每行最后一栏显示“已验证”或“验证失败”。全程不联网。</li>
        <li>请核对下面“账本检查点”中的<strong>根哈希</strong>和<strong>公钥指纹</strong>与小区公告栏张贴的纸质公示单一致。一致，才说明本页核对的是街道签发的账本。有见证单位的，再核对<strong>见证公钥指纹</strong>与见证单位（如区住建局）自己公布的一致：任何人都可以用见证单位的名称另造一把公钥。</li>
        <li>再对照纸质公示单核对三项：<strong>各资金账户的期末余额</strong>、<strong>租金欠缴合计</strong>（经营合同表下方）和本页顶部“已验证：本页 N 项内容”中的<strong>项数</strong>。本页只能证明列出的每一项都在签名账本中、没有被改动，不能证明没有删去某一项，也不核对灰色斜体的数值（由账本计算得出）：删去一笔收入、再把期末余额改成相应的数，或改动欠缴数，本页仍会显示“已验证”，只有与纸质公示单对照才能发现。</li>
        <li>账本是否记全了所有收支，由街道办事处和审计人员核对整本账本。</li>
        </ol>
        </section>

        """
        // The checkpoint.
        out += """
        <section id="checkpoint">
        <h2>账本检查点（街道签名）</h2>
        <table class="kv" id="checkpoint-row">
        <tr><th>账本名称</th><td data-f="origin">\(e(checkpoint.origin))</td></tr>
        <tr><th>记录数</th><td data-f="size">\(checkpoint.size)</td></tr>
        <tr><th>根哈希</th><td class="mono" data-f="root">\(grouped(checkpoint.root.hex))</td></tr>
        <tr><th>签名时间</th><td data-f="time">\(checkpoint.time)</td></tr>
        <tr><th>签名公钥</th><td data-f="key">\(e(data.publicKey.name))</td></tr>
        <tr><th>公钥指纹</th><td class="mono" data-f="fingerprint">\(fingerprint)</td></tr>
        <tr><th>见证单位</th><td data-f="witnesses">\(e(witnessText))</td></tr>
        <tr><th>见证公钥指纹</th><td class="mono" data-f="witness_fingerprints">\(e(witnessFingerprintText))</td></tr>
        <tr><th>验证结果</th>\(Self.statusCell)</tr>
        </table>
        </section>

        """
        // The community.
        let cm = c.community
        out += """
        <section id="community">
        <h2>小区登记信息</h2>
        <table>
        <thead><tr><th>小区</th><th>街道</th><th>居委会</th><th class="num">总面积（m²）</th><th class="num">业主人数</th><th>记录</th><th>验证</th></tr></thead>
        <tbody><tr\(rowAttributes("community", seqs: [cm.source.seq], replaces: cm.source.replaces))><td data-f="name">\(e(cm.name))</td><td data-f="street">\(e(cm.street))</td><td data-f="committee">\(e(cm.residentsCommittee))</td><td class="num" data-f="area">\(Format.area(cm.totalArea))</td><td class="num" data-f="owners">\(cm.totalOwners)</td><td class="rec" data-f="records">\(records(cm.source))</td>\(Self.statusCell)</tr></tbody>
        </table>
        </section>

        """
        out += fundsSection() + correctionsSection() + contractsSection() + decisionsSection() + findingsSection()
        out += """
        <footer>
        <p>本页由 <code>ledger publish</code> 生成，不联网即可核对。同一文件夹中：<code>\(FileName.data)</code>（本页所依据的全部记录和包含证明）、<code>\(FileName.checkpoint)</code>（签名检查点）、<code>\(FileName.publicKey)</code>（街道公钥）、<code>\(FileName.notice)</code>（可打印的公示单）。审计人员可用 <code>ledger check-proof \(FileName.data) --pubkey \(FileName.publicKey)</code> 独立核对：核对其输出的公钥指纹与公示单上的是否一致；见证方须用 <code>--witness-key</code> 给出见证方自己公布的公钥才计入（文件中列出的见证公钥没有签名）。</p>
        </footer>
        <script type="application/json" id="publication-data">\(data.embeddedJSON)</script>
        \(openingsElement)        <script>\(PublicationScript.source)</script>
        </body>
        </html>

        """
        return out
    }

    func fundsSection() -> String {
        var out = """
        <section id="funds">
        <h2>共有资金收支</h2>
        <table>
        <thead><tr><th>资金账户</th><th>类型</th><th class="num">期初余额</th><th class="num">本期收入</th><th class="num">本期支出</th><th class="num">本期转入</th><th class="num">本期转出</th><th class="num">期末余额</th><th>验证</th></tr></thead>
        <tbody>

        """
        for f in content.funds {
            out += "<tr data-row=\"fund\" data-fund=\"\(e(f.id))\"><td data-f=\"fund\">\(e(f.id))</td><td>\(e(Vocabulary.word(f.kind.rawValue, .zh)))</td>"
                + "<td class=\"num\" data-f=\"opening\">\(yuan(f.opening))</td><td class=\"num\" data-f=\"income\">\(yuan(f.income))</td>"
                + "<td class=\"num\" data-f=\"spending\">\(yuan(f.spending))</td><td class=\"num\" data-f=\"tin\">\(yuan(f.transfersIn))</td>"
                + "<td class=\"num\" data-f=\"tout\">\(yuan(f.transfersOut))</td><td class=\"num\" data-f=\"closing\">\(yuan(f.closing))</td>"
                + "\(Self.statusCell)</tr>\n"
        }
        out += "</tbody>\n</table>\n<p class=\"note\">金额单位：元。汇总数由本页根据下列已验证的每笔收支重新计算核对。</p>\n"
        for f in content.funds {
            let inPeriod = f.movements.filter(\.inPeriod), before = f.movements.filter { !$0.inPeriod }
            out += "<h3>\(e(Self.fundHeading(f)))：本期收支 \(inPeriod.count) 笔</h3>\n"
            out += movementTable(inPeriod, empty: "本期没有收支。")
            if !before.isEmpty {
                out += "<details><summary>期初余额的依据：公示期之前的 \(before.count) 笔收支</summary>\n" + movementTable(before, empty: "") + "</details>\n"
            }
        }
        return out + "</section>\n"
    }

    /// Every correction of the funds' money (`PublicationContent.CorrectionRow`): the record as first made, voided
    /// (作废, not counted above) or corrected (更正, its replacement listed above as `更正#`), and the reason. Each row
    /// rests on the correction and the record it corrects, which the page's script checks (ledger-spec.md 14.10).
    /// Headed 截至公示时 (review 45b): the list holds the corrections the checkpoint's records hold, made after the
    /// period's end too, of money dated up to it — not the corrections made by the period's end.
    func correctionsSection() -> String {
        var out = "<section id=\"corrections\">\n<h2>收支更正记录（截至公示时）</h2>\n"
            + "<p class=\"note\">期末（\(Format.date(content.period.last))）以前的收支所作的全部更正，截至本页所依据的检查点（账本前 \(checkpoint.size) 条记录），期末以后所作的更正也在内。</p>\n"
        guard !content.corrections.isEmpty else { return out + "<p class=\"none\">没有被更正或作废的收支。</p>\n</section>\n" }
        out += "<p class=\"note\">已记入账本的收支不会被删改：记错的一笔由一条更正记录作废（不计入上面的汇总），或以更正后的内容代替（上面收支明细中标有“更正#”的行）。下表列出每一笔原记录、所作更正及理由；同一笔再次更正的，以最后一次更正为准，此前的更正注明已被取代。</p>\n"
            + "<table class=\"movements\">\n<thead><tr><th>更正日期</th><th>原记录日期</th><th>账户</th><th>类型</th><th>摘要</th><th>凭证号</th>"
            + "<th class=\"num\">原金额（元）</th><th>处理</th><th>更正后</th><th>理由</th><th>记录</th><th>验证</th></tr></thead>\n<tbody>\n"
        for c in content.corrections {
            guard let m = c.money else { continue }
            out += "<tr\(rowAttributes("correction", seqs: c.seqs, replaces: c.source.replaces))>"
                + "<td data-f=\"date\">\(Format.date(c.date))</td><td data-f=\"odate\">\(Format.date(c.originalDate))</td>"
                + "<td data-f=\"fund\">\(e(m.funds.joined(separator: " → ")))</td><td data-f=\"kind\">\(m.kind)</td>"
                + "<td data-f=\"purpose\">\(e(Self.purposeWord(m.purpose)))</td><td data-f=\"voucher\">\(e(m.voucher))</td>"
                + "<td class=\"num\" data-f=\"amount\">\(yuan(m.amount))</td><td data-f=\"action\">\(c.replacement == nil ? "作废" : "更正")</td>"
                + "<td data-f=\"after\">\(e(Self.afterText(c, funds: m.funds)))</td>"
                + "<td data-f=\"reason\">\(e(c.reason))</td><td class=\"rec\" data-f=\"records\">\(records(c.source))</td>\(Self.statusCell)</tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    /// A correction row's 更正后 cell: `不计入收支` for money voided, the replacement's date and amount (and its
    /// account when the money moved to another, review 40a), or — for a correction a later one replaced — that one's
    /// seq: it no longer voids or corrects anything (review 40a). The page's script computes the same text.
    static func afterText(_ c: PublicationContent.CorrectionRow, funds: [String]) -> String {
        if let later = c.supersededBy { return "已被更正记录 #\(later) 取代，不再适用" }
        guard let r = c.replacement else { return "不计入收支" }
        return "\(Format.date(r.date)) \(Format.yuan(r.amount, symbol: false))" + (r.funds == funds ? "" : "（改记账户 \(r.funds.joined(separator: " → "))）")
    }

    /// A fund's heading: its id, kind and account name, the kind left out when the account name already says it
    /// (review 37: "F-A-MF 专项维修资金 · 专项维修资金 安康苑分账"). Not checked by the page's script (no `data-f`).
    static func fundHeading(_ f: PublicationContent.FundSection) -> String {
        let kind = Vocabulary.word(f.kind.rawValue, .zh)
        if f.account.isEmpty { return f.id + " " + kind }
        return f.id + " " + (f.account.contains(kind) ? f.account : kind + " · " + f.account)
    }

    func movementTable(_ rows: [PublicationContent.MovementRow], empty: String) -> String {
        guard !rows.isEmpty else { return "<p class=\"none\">\(e(empty))</p>\n" }
        var out = "<table class=\"movements\">\n<thead><tr><th>日期</th><th>账户</th><th>类型</th><th>对方</th><th>摘要</th><th>凭证号</th>"
            + "<th class=\"num\">金额（元）</th><th>记录</th><th>验证</th></tr></thead>\n<tbody>\n"
        for m in rows {
            let kind: String, side: String
            switch m.kind {
            case .income: kind = "收入"; side = ""
            case .spending: kind = "支出"; side = ""
            case .transferIn: kind = "转入"; side = " data-side=\"in\""
            case .transferOut: kind = "转出"; side = " data-side=\"out\""
            }
            // A transfer's other fund by its account beside its id, resting on the fund's opening too (review 40a).
            let named = m.otherFund?.seq.map { [$0] } ?? []
            out += "<tr\(rowAttributes("movement", seqs: [m.source.seq] + named, replaces: m.source.replaces)) data-fund=\"\(e(m.fundID))\"\(side)>"
                + "<td data-f=\"date\">\(Format.date(m.date))</td><td data-f=\"fund\">\(e(m.fundID))</td><td data-f=\"kind\">\(kind)</td>"
                + "<td data-f=\"counterparty\">\(e(m.otherFund?.text ?? person(m.counterparty)))</td><td data-f=\"purpose\">\(e(m.purpose.map(Self.purposeWord) ?? ""))</td>"
                + "<td data-f=\"voucher\">\(e(m.voucher))</td><td class=\"num\" data-f=\"amount\">\(yuan(m.amount))</td>"
                + "<td class=\"rec\" data-f=\"records\">\(records(m.source))\(named.isEmpty ? "" : "，对方账户 " + Self.seqList(named))</td>\(Self.statusCell)</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    /// Income categories in Chinese where the sample registers use English codes. The page's script words them
    /// from the same table (`PublicationScript`), so the 摘要 cell is checked against the record like any other.
    static let purposeWords = ["leasing": "租金", "parking": "停车费", "advertising": "广告费", "deposit": "缴存", "interest": "利息",
                               "base_station": "基站", "owner_contribution": "业主缴纳", "refund": "退回款项", "other": "其他", "transfer": "转账"]

    /// An income category or a spending's purpose as the 摘要 cell shows it: a known code in Chinese, other text as it is.
    static func purposeWord(_ text: String) -> String { purposeWords[text] ?? text }

    static func periodWord(_ period: RentPeriod) -> String {
        switch period {
        case .month: return "每月"
        case .quarter: return "每季"
        case .year: return "每年"
        case .once: return "一次"
        }
    }

    static func statusWord(_ status: ContractStatus) -> String {
        switch status {
        case .notStarted: return "未开始"
        case .active: return "履行中"
        case .expired: return "已到期"
        case .terminated: return "已终止"
        }
    }

    /// A contract's status on the page, a terminated one with its day (已终止（2025-07-15）), as `ledger contracts` says it.
    static func statusText(_ k: PublicationContent.ContractRow) -> String {
        guard k.status == .terminated, let day = k.terminatedOn else { return statusWord(k.status) }
        return statusWord(k.status) + "（\(day)）"
    }

    func contractsSection() -> String {
        var out = "<section id=\"contracts\">\n<h2>经营合同与租金</h2>\n"
        guard !content.contracts.isEmpty else { return out + "<p class=\"none\">公示期内没有经营合同。</p>\n</section>\n" }
        out += "<table>\n<thead><tr><th>合同</th><th>对方</th><th>部位</th><th>起</th><th>止</th><th class=\"num\">租金</th><th>周期</th>"
            + "<th class=\"derived\">状态</th><th class=\"derived\">业主表决</th><th class=\"num derived\">应收至期末</th>"
            + "<th class=\"num\">已收至期末</th><th class=\"num\">本期已收</th><th class=\"num derived\">欠缴（已到期未收）</th><th>记录</th><th>验证</th></tr></thead>\n<tbody>\n"
        for k in content.contracts {
            let vote: String
            switch (k.decisionID, k.decision) {
            case (let id?, .passed?): vote = "\(id) 通过"
            case (let id?, .failed?): vote = "\(id) 未通过"
            case (let id?, .insufficient(let why)?): vote = "\(id) \(ReportWords.word(why.rawValue, .zh))"
            case (let id?, .ratified?): vote = "\(id) 事后追认"
            case (let id?, .notRecorded?): vote = "\(id) 期末尚未记入账本"
            case (nil, _), (_, nil): vote = "无表决"
            }
            // Each part by its name beside its id, resting on the record that gives the name (review 40a), each once.
            var named: [Int64] = []
            for seq in k.parts.compactMap(\.seq) where !named.contains(seq) { named.append(seq) }
            let seqs = [k.source.seq] + k.payments.map(\.seq) + named
            out += "<tr\(rowAttributes("contract", seqs: seqs, replaces: k.source.replaces))>"
                + idCell(k.id, corrected: k.corrected.map { correctedText($0) })
                + "<td data-f=\"counterparty\">\(e(person(k.counterparty)))</td><td data-f=\"assets\">\(e(k.parts.map(\.text).joined(separator: "、")))</td>"
                + "<td data-f=\"start\">\(Format.date(k.startOn))</td><td data-f=\"end\">\(Format.date(k.endOn))</td>"
                + "<td class=\"num\" data-f=\"rent\">\(yuan(k.rent))</td><td data-f=\"period\">\(Self.periodWord(k.rentPeriod))</td>"
                + "<td class=\"derived\">\(Self.statusText(k))</td><td class=\"derived\" data-f=\"vote\">\(e(vote))</td>"
                + "<td class=\"num derived\">\(yuan(k.expected))\(k.afterEnd > .zero ? "（其中\(k.endedEarly ? "终止" : "到期")后继续使用的使用费 \(yuan(k.afterEnd))）" : "")</td>"
                + "<td class=\"num\" data-f=\"received\">\(yuan(k.received))</td>"
                + "<td class=\"num\" data-f=\"received_period\">\(yuan(k.receivedInPeriod))</td><td class=\"num derived\">\(yuan(k.arrears))\(overdueNote(k))\(surplusNote(k))</td>"
                + "<td class=\"rec\" data-f=\"records\">\(records(k.source))\(k.payments.isEmpty ? "" : "，收款 " + Self.seqList(k.payments.map(\.seq)))"
                + "\(named.isEmpty ? "" : "，部位 " + Self.seqList(named))</td>"
                + "\(Self.statusCell)</tr>\n"
        }
        let t = rentTotals
        return out + "</tbody>\n</table>\n<p class=\"note\" id=\"rent-totals\">合计：应收至期末 \(yuan(t.expected)) 元，已收 \(yuan(t.received)) 元，"
            + "<strong>欠缴 \(yuan(t.arrears)) 元</strong>\(overdueTotalNote)\(t.ahead > .zero ? "，预收 \(yuan(t.ahead)) 元" : "")\(t.overpaid > .zero ? "，多收 \(yuan(t.overpaid)) 元" : "")（与纸质公示单对照）。</p>\n"
            + "<p class=\"note\" id=\"arrears-meaning\">\(arrearsMeaning)</p>\n"
            + "<p class=\"note\">灰色斜体是账本按合同条款和表决记录计算的数值\(content.contracts.contains { $0.afterEnd > .zero } ? "（应收含合同到期或终止后继续使用应付的使用费，按合同租金标准计算）" : "")，"
            + "其中“业主表决”由本页根据所列表决记录核对；“已收”由本页根据所列收款记录重新计算核对。</p>\n</section>\n"
    }

    /// What 欠缴 counts here, and how it differs from the arrears the rectification list finds (review 41b #5: the same
    /// date read 欠缴 on the page where CON-07 found nothing): rent due by the period's end and not received, from its
    /// due day on; 逾期 is the part unpaid past the grace period, which CON-07 (租金未按期足额缴入共有资金) reports.
    var arrearsMeaning: String {
        "“欠缴（已到期未收）”是截至期末已到缴纳日期而尚未收到的租金，即应收至期末减已收至期末，含尚在宽限期（缴纳日期后 \(content.rentGraceDays) 天）内的租金；"
            + "其中到期超过宽限期仍未缴的为“逾期”，列入待整改事项“租金未按期足额缴入共有资金”，该事项所列应收租金和欠缴只计已逾期的部分。"
    }

    /// A contract's overdue part of its unpaid rent (逾期, the arrears CON-07 finds), or that none of it is overdue yet.
    func overdueNote(_ k: PublicationContent.ContractRow) -> String {
        guard k.arrears > .zero else { return "" }
        let overdue = content.overdueRent(ofContract: k.id)
        return overdue > .zero ? "（其中逾期 \(yuan(overdue))）" : "（未逾期）"
    }

    /// The overdue part of the 欠缴 total, after it (the total itself stays as the notice states it).
    var overdueTotalNote: String {
        let unpaid = content.rentUnpaid
        return unpaid.due > .zero ? "（其中逾期 \(yuan(unpaid.overdue)) 元）" : ""
    }

    /// What a contract received beyond the rent due, after its arrears of 0 (`RentFigures`): 预收 while rent is still
    /// to fall due, 多收 (to refund) once the contract has ended and nothing under it goes on; empty otherwise.
    func surplusNote(_ k: PublicationContent.ContractRow) -> String {
        if k.overpaid > .zero { return "（多收 \(yuan(k.overpaid))）" }
        if k.paidAhead > .zero { return "（预收 \(yuan(k.paidAhead))）" }
        return ""
    }

    /// The contracts' rent totals, one computation for the page's 合计 line and the notice (arrears, rent paid ahead
    /// and rent overpaid summed apart, each contract's as `RentFigures` gives it: one contract's rent paid ahead does
    /// not reduce another's arrears, review K17 #1), so a resident compares the 欠缴 total with the paper notice
    /// (review 35d #1).
    var rentTotals: (expected: Amount, afterEnd: Amount, received: Amount, inPeriod: Amount, arrears: Amount, ahead: Amount, overpaid: Amount) {
        var t = (expected: Amount.zero, afterEnd: Amount.zero, received: Amount.zero, inPeriod: Amount.zero,
                 arrears: Amount.zero, ahead: Amount.zero, overpaid: Amount.zero)
        for k in content.contracts {
            t.expected += k.expected; t.afterEnd += k.afterEnd; t.received += k.received; t.inPeriod += k.receivedInPeriod
            t.arrears += k.arrears; t.ahead += k.paidAhead; t.overpaid += k.overpaid
        }
        return t
    }

    /// How many rows the page verifies, as its summary counts them ("本页 N 项内容"): the community, each fund,
    /// each movement row (a transfer between two funds of the community is two rows), contract, decision and
    /// finding. Printed on the notice so that a page with a row taken out shows a different count (review 35d #1).
    public var pageItemCount: Int {
        1 + content.funds.reduce(0) { $0 + 1 + $1.movements.count } + content.corrections.count + content.contracts.count
            + content.decisions.count + content.findings.count
    }

    func decisionsSection() -> String {
        var out = "<section id=\"decisions\">\n<h2>业主共同决定与表决结果</h2>\n"
        guard !content.decisions.isEmpty else { return out + "<p class=\"none\">没有业主共同决定。</p>\n</section>\n" }
        out += "<table>\n<thead><tr><th>决定</th><th>表决日期</th><th>事项</th><th class=\"num\">参与面积（m²）</th><th class=\"num\">参与人数</th>"
            + "<th class=\"num\">同意面积（m²）</th><th class=\"num\">同意人数</th><th>结果</th><th class=\"num derived\">资金上限</th>"
            + "<th class=\"num derived\">已支出</th><th>记录</th><th>验证</th></tr></thead>\n<tbody>\n"
        for d in content.decisions {
            out += "<tr\(rowAttributes("decision", seqs: [d.source.seq, content.community.source.seq], replaces: d.source.replaces))>"
                + idCell(d.id, corrected: d.corrected.map { correctedText($0) }) + "<td data-f=\"date\">\(Format.date(d.date))</td>"
                + "<td data-f=\"matter\">\(e(Vocabulary.word(d.matter.rawValue, .zh)))</td>"
                + "<td class=\"num\" data-f=\"p_area\">\(Format.area(d.participatingArea))</td><td class=\"num\" data-f=\"p_owners\">\(d.participatingOwners)</td>"
                + "<td class=\"num\" data-f=\"a_area\">\(Format.area(d.approvingArea))</td><td class=\"num\" data-f=\"a_owners\">\(d.approvingOwners)</td>"
                + "<td data-f=\"result\">\(d.passed ? "通过" : "未通过")</td>"
                + "<td class=\"num derived\">\(d.cap.map(yuan) ?? "")</td><td class=\"num derived\">\(yuan(d.spent))</td>"
                + "<td class=\"rec\" data-f=\"records\">\(records(d.source))</td>\(Self.statusCell)</tr>\n"
        }
        return out + "</tbody>\n</table>\n<p class=\"note\">表决结果由本页按《民法典》第二百七十八条（参与表决的专有部分面积和人数均占三分之二以上；第六至八项经参与表决者四分之三以上同意，其他事项过半数同意）根据表决记录重新计算核对。</p>\n</section>\n"
    }

    func findingsSection() -> String {
        var out = "<section id=\"findings\">\n<h2>待整改事项（截至 \(Format.date(content.period.last))）</h2>\n"
        guard !content.findings.isEmpty else { return out + "<p class=\"none\">没有待整改事项。</p>\n</section>\n" }
        out += "<table>\n<thead><tr><th>程度</th><th>类别</th><th>问题</th><th>项目</th><th>起始</th><th>事实</th><th>依据</th><th>建议措施</th>"
            + "<th>证据记录</th><th>验证</th></tr></thead>\n<tbody>\n"
        for row in content.findings {
            let f = row.finding
            var item = [f.itemKind.labelZh, f.itemID]
            if let detail = f.itemDetail { item.append(Vocabulary.word(detail, .zh)) }
            if let p = f.itemPerson { item.append(person(p) + " · " + f.itemName) } else if !f.itemName.isEmpty { item.append(f.itemName) }
            out += "<tr\(rowAttributes("finding", seqs: f.evidence.map(\.seq))) class=\"sev-\(f.severity.rawValue)\">"
                + "<td>\(e(f.severity.labelZh))</td><td>\(e(f.problemClass.labelZh))</td><td>\(e(f.rule.labelZh))</td>"
                + "<td>\(e(item.joined(separator: " ")))</td><td>\(Format.date(f.since))</td><td>\(e(FactText.render(f.facts, .zh, names: names)))</td>"
                + "<td>\(e(f.basis.zh))</td><td>\(e(f.action.zh))</td>"
                + "<td class=\"rec\" data-f=\"records\">\(f.evidence.map { "#\($0.seq)" }.joined(separator: " "))</td>\(Self.statusCell)</tr>\n"
        }
        return out + "</tbody>\n</table>\n<p class=\"note\">整改事项由账本的整改规则得出；本页核对其所引用的每条记录。</p>\n</section>\n"
    }

    /// The format of the embedded openings (ledger-spec.md 14.10).
    public static let openingsFormat = "ledger-personal-openings/v1"

    /// `<script type="application/json" id="personal-openings">` with the openings as canonical JSON (every `<`
    /// written `\u003c`), and a line break; nothing when the page reveals no one.
    var openingsElement: String {
        guard !openings.isEmpty else { return "" }
        let value: JSONValue = .object([
            "format": .string(Self.openingsFormat),
            "openings": .array(openings.map { o in
                .object(["commitment": .string(o.commitment.hex), "salt": .string(Hex.encode(o.salt)), "value": .string(o.value)])
            }),
        ])
        let json = PublicationData.scriptSafe(CanonicalJSON.string(value))
        return "<script type=\"application/json\" id=\"personal-openings\">\(json)</script>\n"
    }

    // MARK: The notice

    /// `notice.html`: the A4 notice (公示单) for the notice board, with what a resident compares with the page.
    ///
    /// It reads as an official 公示: the period the figures cover (统计期间) apart from the posting dates (公示期),
    /// which the committee fills in by hand with the place posted, because 《青岛市物业管理条例》第九十二条 requires a
    /// 公示 to be posted in a conspicuous place in the area (optionally also online) for at least three days
    /// (DOMAIN.md 4.2); the contact for objections is practice, not that article's requirement.
    public func notice() -> String {
        let c = content
        var out = head(title: "\(c.community.name)公示单 \(periodText)", style: PublicationStyle.notice, script: nil)
        out += """
        <body>
        <h1>\(e(c.community.name))共有资金和共有部分公示单</h1>
        <p class="sub">统计期间：\(Format.dateZh(c.period.first))至\(Format.dateZh(c.period.last))　街道：\(e(c.community.street))　居委会：\(e(c.community.residentsCommittee))</p>
        <table class="kv posting">
        <tr><th>公示期</th><td>自　　　　年　　月　　日至　　　　年　　月　　日（不少于三日）</td></tr>
        <tr><th>张贴地点</th><td><span class="blank"></span></td></tr>
        <tr><th>意见反映</th><td>对公示内容有疑问的，请在公示期内向业主委员会或街道办事处反映。联系电话：<span class="blank short"></span></td></tr>
        </table>
        <h2>一、共有资金收支（元）</h2>
        <table>
        <thead><tr><th>资金类别</th><th>账户编号</th><th class="num">期初余额</th><th class="num">本期收入</th><th class="num">本期支出</th><th class="num">转入</th><th class="num">转出</th><th class="num">期末余额</th></tr></thead>
        <tbody>

        """
        var totals = (opening: Amount.zero, income: Amount.zero, spending: Amount.zero, tin: Amount.zero, tout: Amount.zero, closing: Amount.zero)
        for f in c.funds {
            totals.opening += f.opening; totals.income += f.income; totals.spending += f.spending
            totals.tin += f.transfersIn; totals.tout += f.transfersOut; totals.closing += f.closing
            out += "<tr><td>\(e(Vocabulary.word(f.kind.rawValue, .zh)))</td><td>\(e(f.id))</td><td class=\"num\">\(yuan(f.opening))</td>"
                + "<td class=\"num\">\(yuan(f.income))</td><td class=\"num\">\(yuan(f.spending))</td><td class=\"num\">\(yuan(f.transfersIn))</td>"
                + "<td class=\"num\">\(yuan(f.transfersOut))</td><td class=\"num\">\(yuan(f.closing))</td></tr>\n"
        }
        out += "<tr class=\"total\"><td>合计</td><td></td><td class=\"num\">\(yuan(totals.opening))</td><td class=\"num\">\(yuan(totals.income))</td>"
            + "<td class=\"num\">\(yuan(totals.spending))</td><td class=\"num\">\(yuan(totals.tin))</td><td class=\"num\">\(yuan(totals.tout))</td>"
            + "<td class=\"num\">\(yuan(totals.closing))</td></tr>\n</tbody>\n</table>\n"
            // The funds are legally apart (the maintenance fund under its own rules, public income under [QD] 78): the
            // closing total is kept for the reader's arithmetic, with the caveat `ledger communities` prints.
            + "<p class=\"note\">各类资金分别核算、用途各有规定，合计仅为各类相加之数，供参考。</p>\n"
        // The page's 合计 line under its contracts table is the same computation (`rentTotals`).
        let t = rentTotals
        let rentText = "租金应收至期末 \(yuan(t.expected)) 元"
            + (t.afterEnd > .zero ? "（其中合同到期或终止后继续使用的使用费 \(yuan(t.afterEnd)) 元）" : "")
            + "，已收 \(yuan(t.received)) 元（其中本期 \(yuan(t.inPeriod)) 元），欠缴 \(yuan(t.arrears)) 元"
            + (t.arrears > .zero ? "（已到期未收；其中逾期 \(yuan(content.rentUnpaid.overdue)) 元，即超过缴纳日期后 \(content.rentGraceDays) 天宽限期仍未缴的）" : "")
            + (t.ahead > .zero ? "，预收 \(yuan(t.ahead)) 元" : "") + (t.overpaid > .zero ? "，多收 \(yuan(t.overpaid)) 元" : "")
        let passed = c.decisions.filter(\.passed).count
        // A correction a later one replaced is listed but no longer in effect: counted apart (review 40a).
        let inEffect = c.corrections.filter { $0.supersededBy == nil }
        let voided = inEffect.filter { $0.replacement == nil }.count
        let replacedCount = c.corrections.count - inEffect.count
        let correctionText = "\(c.corrections.count) 笔，其中作废 \(voided) 笔（不计入上表收支）、更正 \(inEffect.count - voided) 笔"
            + (replacedCount > 0 ? "、已被后来的更正取代 \(replacedCount) 笔" : "")
        let bySeverity = Severity.allCases.map { s in "\(s.labelZh) \(c.findings.filter { $0.finding.severity == s }.count) 项" }
        out += """
        <h2>二、经营合同、业主决定、整改事项和收支更正</h2>
        <table class="kv">
        <tr><th>经营合同</th><td>\(c.contracts.count) 份；\(rentText)</td></tr>
        <tr><th>业主共同决定</th><td>\(c.decisions.count) 项，其中通过 \(passed) 项、未通过 \(c.decisions.count - passed) 项</td></tr>
        <tr><th>待整改事项</th><td>\(c.findings.count) 项（\(bySeverity.joined(separator: "，"))）</td></tr>
        <tr><th>收支更正</th><td>\(correctionText)</td></tr>
        </table>
        <p>每一笔收支及其更正、每份合同、每项表决和整改事项的明细见电子公示页面。</p>
        <h2>三、电子公示核验信息</h2>
        <table class="kv verify">
        <tr><th>网上核验地址</th><td>\(checkURL.map { e($0) } ?? "<span class=\"blank\"></span>")</td></tr>
        <tr><th>页面项数</th><td>\(pageItemCount) 项（页面顶部显示“已验证：本页 \(pageItemCount) 项内容”）</td></tr>
        <tr><th>账本名称</th><td>\(e(checkpoint.origin))</td></tr>
        <tr><th>检查点记录数</th><td>\(checkpoint.size)</td></tr>
        <tr><th>根哈希</th><td class="mono">\(grouped(checkpoint.root.hex))</td></tr>
        <tr><th>检查点时间</th><td>\(Self.beijingText(checkpoint.time))<br><span class="small">页面“签名时间”一栏显示为 \(checkpoint.time)（协调世界时）</span></td></tr>
        <tr><th>街道公钥</th><td>\(e(data.publicKey.name))</td></tr>
        <tr><th>公钥指纹</th><td class="mono">\(fingerprint)</td></tr>
        <tr><th>见证单位</th><td>\(noticeWitnessText)</td></tr>
        <tr><th>页面校验程序</th><td class="mono small">SHA-256 \(Self.scriptHash.hex)</td></tr>
        </table>
        <p class="how">核验方法：\(checkURL == nil ? "用手机或电脑打开业委会提供的电子公示页面（网址填写在上面的空白处，或文件夹中的 index.html）" : "用手机或电脑打开上面的网址（或业委会提供的文件夹中的 index.html）")，页面顶部应显示“已验证”，并逐项对照本公示单：</p>
        <ol class="how">
        <li>页面上的<strong>根哈希</strong>和<strong>公钥指纹</strong>与本公示单完全一致\(witnessed.isEmpty ? "" : "；页面上的<strong>见证公钥指纹</strong>与本公示单一致，并与见证单位自己公布的指纹一致（任何人都可以用见证单位的名称另造一把公钥）")。</li>
        <li>页面上<strong>各资金账户的期末余额</strong>、经营合同表下方的<strong>欠缴合计</strong>和页面顶部的<strong>项数</strong>与本公示单一致。页面只能证明所列各项出自签名账本、没有被改动，不能证明没有删去某一项，也不核对账本计算得出的数值，所以这三项要与本公示单对照。</li>
        </ol>
        <p class="how">显示“验证失败”、一直显示“正在验证”或数字不一致时，以本公示单为准，请向街道办事处反映。</p>
        <div class="sign">
        <div>业主委员会（盖章）<br><br>日期：　　年　　月　　日</div>
        <div>街道办事处（盖章）<br><br>日期：　　年　　月　　日</div>
        </div>
        </body>
        </html>

        """
        return out
    }

    // MARK: Beijing time

    /// China Standard Time is UTC+8 all year (no daylight saving): the clock a Chinese notice states, and the one
    /// in which a period's last day ends.
    static let beijingOffset: Int64 = 8 * 3600

    /// The calendar date in Beijing of `time` (its UTC date past the last representable second).
    public static func beijingDate(_ time: Timestamp) -> CalendarDate {
        let (shifted, overflow) = time.secondsSinceEpoch.addingReportingOverflow(beijingOffset)
        return overflow ? time.date : Timestamp(secondsSinceEpoch: shifted).date
    }

    /// Whether a period ending on `last` has ended at `time`: the day after `last` has begun in Beijing
    /// (ledger-spec.md 14.10). A checkpoint signed at 01:00 UTC on a period's last day is signed at 09:00 Beijing
    /// time, while that day's records may still come in.
    public static func periodHasEnded(_ last: CalendarDate, at time: Timestamp) -> Bool { beijingDate(time) > last }

    /// `time` as a Chinese notice states it: 2026年1月5日 08:00:00（北京时间）.
    public static func beijingText(_ time: Timestamp) -> String {
        let (shifted, overflow) = time.secondsSinceEpoch.addingReportingOverflow(beijingOffset)
        guard !overflow else { return "\(time)" }
        let text = Timestamp(secondsSinceEpoch: shifted).description
        let clock = text.split(separator: "T").last.map { String($0.dropLast()) } ?? ""
        return "\(Format.dateZh(beijingDate(time))) \(clock)（北京时间）"
    }

    /// 64 hex digits in groups of 8, so a person can compare them group by group.
    func grouped(_ hex: String) -> String {
        stride(from: 0, to: hex.count, by: 8).map { i in
            String(hex[hex.index(hex.startIndex, offsetBy: i)..<hex.index(hex.startIndex, offsetBy: min(i + 8, hex.count))])
        }.joined(separator: " ")
    }
}
