import LedgerEvents
import LedgerProjections
import LedgerPlatform

/// New parts that repeat a part under another id (review 38 S2): a register whose id the clerk corrected
/// (`A-YX-TO1` → `A-YX-T01`) or Excel changed, imported again, registers the part a second time — its area counted
/// twice in every share, and rectify shows both idle. A new part whose community, kind, name, location, area and other
/// columns are those of a part the ledger holds (not retired) or of an earlier row of the file is refused naming the other,
/// unless `--allow-twins` says it is another part. Parking bays and advertising spaces share a kind and an area as a
/// rule, but not a name and a location together, so they pass.
///
/// Cost: one hash-table look-up and insert per new part, of a 128-bit fingerprint of its content (not the content:
/// holding every row's name and location took a 1,000,000-row register from 430 to 610 MiB, past its 512 MiB
/// target), and one pass over the recorded parts at the first new part. Two contents with one fingerprint would need
/// both of its 64-bit hashes to coincide (not a chance of practical size for a register's rows).
public struct RegisterTwins: Sendable {
    struct Key: Hashable {
        var community: String
        var kind: AssetKind
        var name: String
        var location: String
        var area: DecimalQuantity
        /// The register's other columns (a bay number, a note): bays told apart only by a `车位号` column are other
        /// parts (review 38g).
        var attributes: [String: String]
    }

    /// A key's content hashed twice (`PartTwinKey`, the key `index/checks.state` keeps each registered part under:
    /// one function for both). The texts are hashed in NFC because the rule compares them as `String`s, canonically
    /// (`Key`'s `==`): two keys equal as `Key`s have one fingerprint whatever their texts' bytes, so a row written in
    /// NFD repeats a row or a recorded part written in NFC (`repeatsAny`, `twin`; session 45: the fingerprints hashed
    /// the bytes as written, and a stored-state import reused a plan that missed such a twin).
    typealias Fingerprint = PartTwinKey

    static func key(_ asset: RecordedAsset) -> Key {
        Key(community: asset.communityID, kind: asset.kind, name: asset.name, location: asset.location, area: asset.area,
            attributes: asset.attributes)
    }

    /// The ledger's parts in effect, not retired, by their content: an id of each (the smallest, for the same
    /// message every run). Made at the first new part.
    private var recorded: [Key: String]? = nil
    /// The first new part of each content among the rows so far, by its content's fingerprint.
    private var firstRow: [Fingerprint: (id: String, row: Int)] = [:]
    /// `Fingerprint.init(_:scratch:)`'s buffer, kept from row to row.
    private var scratch: [UInt8] = []

    /// The new parts' fingerprints so far: the keys `index/checks.state` keeps their recorded twins under.
    var keys: [PartTwinKey] { Array(firstRow.keys) }

    /// Reserves room for `rows` new parts (`RegisterImporter.reserve(rows:)`): the table of the rows' fingerprints
    /// is then not grown and copied some twenty times over a large register.
    mutating func reserve(rows: Int) { firstRow.reserveCapacity(rows) }

    /// Whether a new part of the rows so far has the content of one of `assets` (not retired) under another id: a
    /// plan made without those assets (`ImportCommand.stateForAssets`' first reading) is then not the plan.
    func repeatsAny(of assets: [String: RecordedAsset]) -> Bool {
        guard !firstRow.isEmpty else { return false }
        for (id, asset) in assets where !asset.retired {
            if let first = firstRow[Fingerprint(Self.key(asset))], first.id != id { return true }
        }
        return false
    }

    /// Why the new part `key` of row `row` is refused, and what to do; nil when it repeats no other part (it is then
    /// noted for the rows after it). `door`: where the part came in (a row of a file, a line of an append batch),
    /// for the advice.
    mutating func twin(_ key: Key, id: String, row: Int, existing: RecordedRegister,
                       door: ImportWords.SameMoneyDoor = .importFile) -> (reason: Wording, allowed: Wording)? {
        if recorded == nil {
            var parts: [Key: String] = [:]
            for (other, asset) in existing.assets where !asset.retired {
                let k = Self.key(asset)
                if let held = parts[k], held.utf8.lexicographicallyPrecedes(other.utf8) { continue }
                parts[k] = other
            }
            recorded = parts
        }
        if let recorded, !recorded.isEmpty, let other = recorded[key] {
            return (ImportWords.Asset.twinOfRecord(key, id: other), ImportWords.Asset.twinAllowed(other, recorded: true, door: door))
        }
        let print = Fingerprint(key, scratch: &scratch)
        // One probe of the table finds an earlier row's part or notes this one (a look-up and then an insert probed
        // it twice for every new part, each probe a likely cache miss: docs/perf-import50.md).
        var noted = false
        let first = Self.current(&firstRow[print, default: { noted = true; return (id, row) }()])
        if noted { return nil }
        return (ImportWords.Asset.twinOfRow(key, id: first.id, place: ImportWords.twinPlace(first.row, door: door)),
                ImportWords.Asset.twinAllowed(first.id, recorded: false, door: door))
    }

    /// The value at a place reached for writing (`Dictionary`'s subscript with a default: found or inserted in one
    /// look-up).
    private static func current<Value>(_ value: inout Value) -> Value { value }
}

extension RegisterTwins {
    /// The part a registration (or a correction's replacement registering one) states, and whether it came in a
    /// correction; nil for another event.
    public static func registration(_ payload: DomainEvent) -> (part: AssetRegistered, replacement: Bool)? {
        switch payload {
        case .assetRegistered(let p): return (p, false)
        case .correction(let c):
            if case .assetRegistered(let p)? = c.replacement?.payload { return (p, true) }
            return nil
        default: return nil
        }
    }

    /// The asset a fact registers, updates or retires (nil for another fact).
    static func assetNamed(_ payload: DomainEvent) -> String? {
        switch payload {
        case .assetRegistered(let p): return p.assetID
        case .assetUpdated(let p): return p.assetID
        case .assetRetired(let p): return p.assetID
        default: return nil
        }
    }

    /// `ledger append`'s side of the rule (README "Known limits" until session 44: a part appended again under another
    /// id was registered twice): each `asset.registered` of `events` (the batch's new events, in order; a correction's
    /// replacement registering a part too) whose community, kind, name, location, area and other fields are those of
    /// a part `register` holds (not retired) under another id, or of an earlier event of the batch, is an issue
    /// naming the other part, worded as the import words it (`twin`, the door `.append`). The caller leaves the check
    /// out under `--allow-twins`.
    ///
    /// A recorded part the batch updates, retires or corrects (a correction of its registration, update or
    /// retirement: `corrected` gives the payload of a record by its event id) is compared with no event of the batch,
    /// wherever that event stands: what stands of it after the batch is the batch's to say.
    public static func appended(_ events: [Event], lines: [Int], register: RecordedRegister,
                                corrected: [String: DomainEvent]) -> [ValidationIssue] {
        guard events.contains(where: { $0.payload.domain.flatMap(registration) != nil }) else { return [] }
        var recorded = register
        for event in events {
            guard let payload = event.payload.domain else { continue }
            var touched: [String] = []
            if case .correction(let c) = payload {
                if let old = corrected[c.corrects].flatMap(assetNamed) { touched.append(old) }
                if let replaced = c.replacement.flatMap({ assetNamed($0.payload) }) { touched.append(replaced) }
            } else if let id = assetNamed(payload) {
                touched.append(id)
            }
            for id in touched { recorded.assets[id] = nil }
        }
        var twins = RegisterTwins()
        var issues: [ValidationIssue] = []
        // An id registered already, or twice in the batch, is the domain check's to refuse (a duplicate), not a twin.
        var ids: Set<String> = []
        for (index, event) in events.enumerated() {
            guard let (p, replacement) = event.payload.domain.flatMap(registration),
                  recorded.assets[p.assetID] == nil, ids.insert(p.assetID).inserted else { continue }
            let key = Key(community: p.communityID, kind: p.kind, name: p.name, location: p.location, area: p.area, attributes: p.attributes)
            let line = index < lines.count ? lines[index] : index + 1
            guard let twin = twins.twin(key, id: p.assetID, row: line, existing: recorded, door: .append) else { continue }
            issues.append(ValidationIssue(batchIndex: index, seq: nil, eventID: event.id ?? "(no id)", type: event.type,
                                          field: replacement ? "data.replacement.data.asset_id" : "data.asset_id",
                                          reason: ImportWords.twinAtAppend(p.assetID, twin.reason, twin.allowed)))
        }
        return issues
    }
}

extension ImportWords.Asset {
    /// The content a part and its twin share: `community C-YX, kind parking, name "地面车位T01", location "北门", area 12.5 m²`.
    static func twinShared(_ key: RegisterTwins.Key) -> Wording {
        let name = RowProblem.shown(key.name), location = RowProblem.shown(key.location)
        return Wording(en: "community \(key.community), kind \(key.kind.rawValue), name \"\(name)\", location \"\(location)\", area \(key.area) m²",
                       zh: "小区 \(key.community)，类型 \(RegisterVocabulary.kindWords.first { $0.0 == key.kind.rawValue }?.1.first ?? key.kind.rawValue)，"
                        + "名称“\(name)”，位置“\(location)”，面积 \(key.area) 平方米")
    }

    /// A new part with the content of a part the ledger holds under another id: a phrase that follows the new part's
    /// id (`"A-YX-T03" registers a part the ledger already holds …`), as a row's reason follows its value; the append
    /// door puts the id before it too (`ImportWords.twinAtAppend`), so both doors read one sentence.
    static func twinOfRecord(_ key: RegisterTwins.Key, id: String) -> Wording {
        let shared = twinShared(key)
        return Wording(
            en: "registers a part the ledger already holds under another id (asset \(id): \(shared.en)): every field but the id is the same, "
                + "so it is most likely that part again, its id corrected or changed by Excel, and its area would be counted twice",
            zh: "所登记的共有部分，账本中已以另一编号登记（共有部分 \(id)：\(shared.zh)）：除编号外各项都相同，多半是同一部分（编号改过，或被 Excel 改动），"
                + "再登记一次，面积就会重复计算")
    }

    /// A new part with the content of an earlier row's (or an earlier line's) new part, as a phrase that follows the
    /// new part's id (`"A-YX-T03" registers a part that row 2 of this file already registers …`; review import50 #2:
    /// the place was glued after the id); `place`: `ImportWords.twinPlace`.
    static func twinOfRow(_ key: RegisterTwins.Key, id: String, place: Wording) -> Wording {
        let shared = twinShared(key)
        return Wording(
            en: "registers a part that \(place.en) already registers under another id (\(id): \(shared.en)): every field but the id is the "
                + "same, so it is most likely one part written twice, and its area would be counted twice",
            zh: "所登记的共有部分，\(place.zh)已以另一编号登记（\(id)：\(shared.zh)）：除编号外各项都相同，多半是同一部分写了两次，两处都登记，面积就会重复计算")
    }

    /// What to do about a twin: the same part (its id as the ledger's, or one of the two kept), or another part (told
    /// apart, or `--allow-twins`), as the door it came in by says it (a row of a file, an event of an append batch).
    static func twinAllowed(_ other: String, recorded: Bool, door: ImportWords.SameMoneyDoor = .importFile) -> Wording {
        let append = door == .append
        let same = recorded
            ? (en: "If it is the same part, write its id as the ledger's \"\(other)\" or " + (append ? "leave this event out of the batch" : "delete this row"),
               zh: "如果是同一部分，请把编号写作账本中的“\(other)”，或" + (append ? "从这一批中删去该事件" : "删去这一行"))
            : append ? (en: "If the two events are one part, keep one of them", zh: "如果两个事件是同一部分，请只保留一个")
                     : (en: "If the two rows are one part, keep one of them", zh: "如果两行是同一部分，请只保留一行")
        let again = append ? (en: "append the batch again with --allow-twins", zh: "加 --allow-twins 重新追加这一批")
                           : (en: "import the file again with --allow-twins", zh: "加 --allow-twins 重新导入该文件")
        return Wording(
            en: same.en + ". If it is another part, give it the name or location that tells it apart (its bay or panel number), "
                + "or \(again.en).",
            zh: same.zh + "。如果确是另一部分，请在名称或位置中写明区别（如车位号、广告位号），或\(again.zh)。")
    }
}

extension PartTwinKey {
    /// A new part's fingerprint (`RegisterTwins.Fingerprint`).
    init(_ key: RegisterTwins.Key) {
        var scratch: [UInt8] = []
        self.init(key, scratch: &scratch)
    }

    /// `init(_:)` with a buffer kept by the caller, so that a row's fingerprint allocates nothing.
    init(_ key: RegisterTwins.Key, scratch: inout [UInt8]) {
        self.init(community: key.community, kind: key.kind, name: key.name, location: key.location, area: key.area,
                  attributes: key.attributes, scratch: &scratch)
    }
}
