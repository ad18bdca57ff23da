import LedgerChain
import LedgerEvents
import LedgerPlatform
import LedgerProjections
import LedgerReports
import LedgerRules

extension RectifyCommand {
    /// A kept list written as it was (`RenderedList`): the same warnings first (the records that cannot be applied,
    /// the personal values missing from `private/`), the same bytes, the same exit status. Nil when it cannot serve
    /// (another list, a changed `private/`, damage: with a notice for damage): the caller makes the list.
    static func keptList(_ arguments: Arguments, _ context: CommandContext, _ directory: LedgerDirectory, key: String,
                         asOf: CalendarDate, failOn: [ProblemClass]?, staleParts: Bool = false,
                         reuse: inout RenderedList.Reuse?) throws(CLIError) -> Int32? {
        var patchProblem: ChainError.DerivedStateProblem? = nil
        let opened = RenderedList.open(directory, key: key, staleParts: staleParts, patchProblem: &patchProblem)
        if let patchProblem {
            context.io.writeErr(DisplayText.neutralised(SystemWords.rebuilt(RenderedList.patchFileName, in: directory, patchProblem), lineBreaks: .toSpace) + "\n")
        }
        switch opened {
        case nil, .other?:
            return nil
        case .stale(let kept)?:
            reuse = RenderedList.Reuse(kept)
            return nil
        case .unusable(let problem)?:
            context.io.writeErr(DisplayText.neutralised(SystemWords.rebuilt(RenderedList.fileName, in: directory, problem), lineBreaks: .toSpace) + "\n")
            RenderedList.remove(directory)
            return nil
        case .usable(let kept)?:
            // The personal values it showed are still the ones private/ gives (checked before any warning is written).
            guard RenderedList.namesDigest(RenderedList.quietNames(directory, erased: kept.erased), shown: kept.shown) == kept.namesDigest else {
                return nil
            }
            QueryOptions.warnAboutAnomalies(lines: kept.anomalies, context)
            _ = PersonalDataSupport.names(directory, erased: kept.erased, shown: kept.shown, context)
            let out = arguments.value("out")
            try context.io.writeOutput(to: out) { deliver in
                for segment in kept.list.segments {
                    var at = segment.bytes.startIndex
                    while at < segment.bytes.endIndex {
                        let end = min(at + (1 << 20), segment.bytes.endIndex)
                        deliver(Array(segment.bytes[at..<end]))
                        at = end
                    }
                }
            }
            if let out, out != "-" { context.io.writeErr(Self.writtenNote(kept.findingCount, asOf: asOf, out: out, language: context.messageLanguage)) }
            if let failOn, zip(ProblemClass.allCases, kept.totalsByClass).contains(where: { failOn.contains($0.0) && $0.1 > 0 }) { return 1 }
            return 0
        }
    }

    /// The stamps of `index/scopes` when it is stamped at the head a scoped read found (`recordCount`, `headHash`):
    /// what a list made from that read is stamped with when it is kept. Nil otherwise (the list is then not kept).
    static func scopeStamps(_ directory: LedgerDirectory, recordCount: Int64, headHash: Digest32) -> (genesis: StateStamp, stamp: StateStamp)? {
        stamps(ScopeIndex.path(directory), kind: ScopeIndex.kind, version: ScopeIndex.version, recordCount: recordCount, headHash: headHash)
    }

    /// The stamps of the derived file at `path` when it is stamped at `recordCount` with `headHash`.
    static func stamps(_ path: String, kind: String, version: UInt32, recordCount: Int64, headHash: Digest32) -> (genesis: StateStamp, stamp: StateStamp)? {
        guard let file = try? PosixFile(path: path, mode: .read, followLinks: false) else { return nil }
        defer { file.close() }
        var prefix: [UInt8] = []
        do { try file.read(at: 0, count: 8192, into: &prefix) } catch { return nil }
        guard let (header, _) = try? DerivedStateHeader.decode(prefix[...], kind: kind, version: version),
              header.stamp.seq == recordCount, header.stamp.hash == headHash else { return nil }
        return (header.genesis, header.stamp)
    }
}
