import LedgerEvents
import LedgerProjections

/// The parts whose warranty FUND-05 could not read (README "Known limits"): a maintenance-fund spending names the
/// part, but its warranty end is written so that no date can be read from it (`明年底`), or two register columns give
/// different dates, so whether the spending fell within the warranty was not checked. `ledger rectify` says so once per
/// part beside the list (on stderr, with the records that could not be applied), so the office knows the check was not
/// done there.
///
/// A note travels as an anomaly line (`RectifyState.AnomalyLine`: the part's record, and a reason `encode` makes), so
/// `index/rectify.state` and `index/rectify.list` keep it as they keep the projection's anomalies; `decode` tells it
/// from an anomaly when the warning is written.
public enum WarrantyNote {
    /// The reason's first bytes: no anomaly's reason begins with a control character.
    static let marker = "\u{1F}warranty_unread\u{1F}"

    /// The reason of a note on part `assetID` whose column `attribute` holds `text`.
    public static func encode(assetID: String, attribute: String, text: String) -> String {
        marker + assetID + "\u{1F}" + attribute + "\u{1F}" + text
    }

    /// The part, column and text of a note's reason; nil for an anomaly's.
    public static func decode(_ reason: String) -> (assetID: String, attribute: String, text: String)? {
        guard reason.hasPrefix(marker) else { return nil }
        let parts = reason.dropFirst(marker.count).split(separator: "\u{1F}", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        return (String(parts[0]), String(parts[1]), String(parts[2]))
    }

    /// One note per part of `projection` named by a maintenance-fund spending up to its date whose warranty
    /// `WarrantyEnd.read` finds unreadable, as anomaly lines on the part's record, in the order of the parts' ids.
    /// Every part the projection holds, whatever the list's scope or classes, as its anomalies are (each way of making a
    /// list — from the log, a scope's read, `index/rectify.state` — then shows the notes it shows the anomalies of).
    /// - Complexity: O(m) in the projection's movements, plus sorting the parts noted.
    public static func lines(_ projection: Projection) -> [RectifyState.AnomalyLine] {
        var seen = Set<String>()
        var out: [(id: String, line: RectifyState.AnomalyLine)] = []
        for m in projection.movements where m.kind == .spending && !m.assetIDs.isEmpty && m.date <= projection.asOf {
            guard projection.funds[m.fundID]?.kind == .maintenance else { continue }
            for id in m.assetIDs where !seen.contains(id) {
                guard let asset = projection.assets[id] else { continue }
                guard case .unreadable(let attribute, let text) = WarrantyEnd.read(asset.attributes) else { continue }
                seen.insert(id)
                out.append((id, (seq: asset.evidence.seq, eventID: asset.evidence.eventID,
                                 reason: encode(assetID: id, attribute: attribute, text: text))))
            }
        }
        return out.sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }.map(\.line)
    }
}
