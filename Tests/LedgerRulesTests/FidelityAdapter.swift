import LedgerRules

/// Reads what the fidelity cases check (basis, status, advice, links) in one place, so the cases read the same
/// whatever shape those take in the API.
enum Adapter {
    static func basisText(_ f: Finding) -> String { f.basis.zh }
    /// Whether the finding's basis cites `article` of the source with DOMAIN key `source` (any article when nil).
    static func cites(_ f: Finding, _ source: String, _ article: Int?) -> Bool {
        guard let law = LawSource(rawValue: source) else { preconditionFailure("no source \(source)") }
        return article.map { f.basis.cites(law, $0) } ?? f.basis.cites(law)
    }
    static func status(_ f: Finding) -> String? { f.resolution?.kind.rawValue }
    static func action(_ f: Finding) -> String { f.action.zh }
    static func areRelated(_ a: Finding, _ b: Finding, in list: [Finding]) -> Bool {
        guard let i = list.firstIndex(of: a), let j = list.firstIndex(of: b) else { return false }
        return list[i].related.contains(j) && list[j].related.contains(i)
    }
}
