import LedgerEvents
import LedgerPlatform

/// Planned asset events, compactly: per row a fixed record, and its text (ids, names, locations, attributes) as
/// length-prefixed UTF-8 in pages of bytes.
struct PlannedRows: Sendable {
    private struct Row: Sendable {
        /// The page that holds the row's text, and where the text starts in it.
        var textPage: UInt32
        var textStart: UInt32
        var areaUnits: Int64
        var rowNumber: Int32
        /// Day number of the registration date (new assets).
        var registeredOnDay: Int32
        /// `AssetKind.allCases` index.
        var kind: UInt8
        var flags: UInt8
    }

    private enum Flag {
        static let update: UInt8 = 1 << 0
        // For an update: which fields changed.
        static let kind: UInt8 = 1 << 1
        static let name: UInt8 = 1 << 2
        static let location: UInt8 = 1 << 3
        static let area: UInt8 = 1 << 4
        static let attributes: UInt8 = 1 << 5
    }

    private var fixed: [Row] = []
    /// The rows' text, a row's never split between two pages. One array grown by doubling held up to twice the
    /// text (134 MB for 65 MB of a million rows' text) and copied all of it at each doubling; a page is filled once.
    private var pages: [[UInt8]] = []
    /// The bytes of a page, unless one row's text needs more (a cell may hold up to `Limits.csvFieldBytesMax`).
    /// Tests make it small, so that rows fall on page boundaries.
    var pageBytes = 1 << 20
    /// `<import id>-r<row>` of each row, made once the import id is known: the writer keeps every event id of the
    /// batch, and they are the same strings.
    private var eventIDs: [String] = []

    private static let kinds = AssetKind.allCases

    var count: Int { fixed.count }

    func rowNumber(at index: Int) -> Int { Int(fixed[index].rowNumber) }

    func eventID(at index: Int) -> String { eventIDs[index] }

    /// Makes the event ids.
    mutating func name(importID: String) {
        let prefix = importID + "-r"
        eventIDs = fixed.map { prefix + String($0.rowNumber) }
    }

    /// A new asset: `asset.registered` (its source is added when the import id is known).
    mutating func register(row: Int, id: String, communityID: String, kind: AssetKind, name: String, location: String,
                           area: DecimalQuantity, registeredOn: CalendarDate, attributes: [String: String]) {
        let start = startText(bytes: Self.bytes(id) + Self.bytes(communityID) + Self.bytes(name) + Self.bytes(location)
                                  + Self.bytes(attributes))
        fixed.append(Row(textPage: start.page, textStart: start.offset, areaUnits: area.units, rowNumber: Int32(row),
                         registeredOnDay: Int32(registeredOn.dayNumber), kind: Self.kindIndex(kind), flags: 0))
        append(id)
        append(communityID)
        append(name)
        append(location)
        append(attributes)
    }

    /// A known asset whose register data changed: `asset.updated` with the fields that differ.
    mutating func update(row: Int, id: String, changes: AssetChanges) {
        var flags = Flag.update
        if changes.kind != nil { flags |= Flag.kind }
        if changes.name != nil { flags |= Flag.name }
        if changes.location != nil { flags |= Flag.location }
        if changes.area != nil { flags |= Flag.area }
        if changes.attributes != nil { flags |= Flag.attributes }
        let start = startText(bytes: Self.bytes(id) + (changes.name.map(Self.bytes) ?? 0) + (changes.location.map(Self.bytes) ?? 0)
                                  + (changes.attributes.map(Self.bytes) ?? 0))
        fixed.append(Row(textPage: start.page, textStart: start.offset, areaUnits: changes.area?.units ?? 0, rowNumber: Int32(row),
                         registeredOnDay: 0, kind: changes.kind.map(Self.kindIndex) ?? 0, flags: flags))
        append(id)
        if let name = changes.name { append(name) }
        if let location = changes.location { append(location) }
        if let attributes = changes.attributes { append(attributes) }
    }

    /// The event of planned row `index`.
    func event(at index: Int, importID: String, importedOn: CalendarDate) -> Event {
        let row = fixed[index]
        let text = pages[Int(row.textPage)]
        var p = Int(row.textStart)
        let id = Self.string(text, &p)
        let source = AssetSource.importRow(importID: importID, row: Int64(row.rowNumber))
        let eventID = eventIDs[index]
        if row.flags & Flag.update == 0 {
            let communityID = Self.string(text, &p)
            let name = Self.string(text, &p)
            let location = Self.string(text, &p)
            let attributes = Self.map(text, &p)
            let registeredOn = CalendarDate(dayNumber: Int(row.registeredOnDay))
            return Event(id: eventID, occurredOn: registeredOn, actor: nil, payload: .assetRegistered(AssetRegistered(
                assetID: id, communityID: communityID, kind: Self.kinds[Int(row.kind)], name: name, location: location,
                area: DecimalQuantity(units: row.areaUnits, scale: 2), registeredOn: registeredOn, source: source,
                attributes: attributes)))
        }
        var changes = AssetChanges()
        if row.flags & Flag.kind != 0 { changes.kind = Self.kinds[Int(row.kind)] }
        if row.flags & Flag.name != 0 { changes.name = Self.string(text, &p) }
        if row.flags & Flag.location != 0 { changes.location = Self.string(text, &p) }
        if row.flags & Flag.area != 0 { changes.area = DecimalQuantity(units: row.areaUnits, scale: 2) }
        if row.flags & Flag.attributes != 0 { changes.attributes = Self.map(text, &p) }
        return Event(id: eventID, occurredOn: importedOn, actor: nil,
                     payload: .assetUpdated(AssetUpdated(assetID: id, changes: changes, source: source)))
    }

    /// The type and date of the event of planned row `index` (`event(at:)`'s), without making it.
    func parts(at index: Int, importedOn: CalendarDate) -> (type: String, occurredOn: CalendarDate) {
        let row = fixed[index]
        if row.flags & Flag.update == 0 {
            return (EventType.assetRegistered.rawValue, CalendarDate(dayNumber: Int(row.registeredOnDay)))
        }
        return (EventType.assetUpdated.rawValue, importedOn)
    }

    /// Appends the canonical `data` of the event of planned row `index`: the bytes `event(at:)`'s payload writes
    /// (`EventPayload.writeData`). An `asset.registered` is written straight from the packed text
    /// (`AssetRegistered.appendCanonicalData`), no string or dictionary made; an update, from its event.
    func appendData(at index: Int, importID: String, importedOn: CalendarDate, to out: inout LineBuffer) {
        let row = fixed[index]
        guard row.flags & Flag.update == 0 else {
            event(at: index, importID: importID, importedOn: importedOn).payload.writeData(to: &out)
            return
        }
        let text = pages[Int(row.textPage)]
        var p = Int(row.textStart)
        let id = Self.slice(text, &p)
        let communityID = Self.slice(text, &p)
        let name = Self.slice(text, &p)
        let location = Self.slice(text, &p)
        let attributeCount = Self.count(text, &p)
        var attributes: [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)] = []
        if attributeCount > 0 {
            attributes.reserveCapacity(attributeCount)
            for _ in 0..<attributeCount {
                let key = Self.slice(text, &p)
                attributes.append((key, Self.slice(text, &p)))
            }
        }
        AssetRegistered.appendCanonicalData(area: DecimalQuantity(units: row.areaUnits, scale: 2), assetID: id, attributes: attributes,
                                            communityID: communityID, kind: Self.kinds[Int(row.kind)], location: location, name: name,
                                            registeredOn: CalendarDate(dayNumber: Int(row.registeredOnDay)), importID: importID,
                                            row: Int64(row.rowNumber), to: &out)
    }

    private static func kindIndex(_ kind: AssetKind) -> UInt8 { UInt8(kinds.firstIndex(of: kind)!) }

    /// The bytes `append` writes for a string and for a map.
    private static func bytes(_ string: String) -> Int { 4 + string.utf8.count }
    private static func bytes(_ map: [String: String]) -> Int { map.reduce(4) { $0 + bytes($1.key) + bytes($1.value) } }

    /// Where a row's text of `bytes` bytes starts: in the last page when it has room, else in a new one.
    private mutating func startText(bytes: Int) -> (page: UInt32, offset: UInt32) {
        if let last = pages.last, last.capacity - last.count >= bytes {
            return (UInt32(pages.count - 1), UInt32(last.count))
        }
        var page: [UInt8] = []
        page.reserveCapacity(max(pageBytes, bytes))
        pages.append(page)
        precondition(pages.count <= Int(UInt32.max), "fewer than 4 billion pages of rows")
        return (UInt32(pages.count - 1), 0)
    }

    /// Appends to the last page (`startText` made room for the row's text).
    private mutating func append(_ string: String) {
        appendCount(string.utf8.count)
        // The text's bytes in one copy (`append(contentsOf: string.utf8)` went through the `UTF8View`: some 2 % of
        // a 100,000-row import's CPU in a profile).
        Bytes.appendUTF8(string, to: &pages[pages.count - 1])
    }

    private mutating func append(_ map: [String: String]) {
        appendCount(map.count)
        for (key, value) in map {
            append(key)
            append(value)
        }
    }

    private mutating func appendCount(_ count: Int) {
        precondition(count <= Int(UInt32.max), "a cell is far shorter than 4 GiB")
        // The four bytes least significant first, in one append (not four, each reaching the page through the array
        // of pages).
        Bytes.appendLittleEndian(UInt32(count), to: &pages[pages.count - 1])
    }

    private static func count(_ text: [UInt8], _ p: inout Int) -> Int {
        var count = 0
        for shift in stride(from: 0, to: 32, by: 8) {
            count |= Int(text[p]) << shift
            p += 1
        }
        return count
    }

    private static func string(_ text: [UInt8], _ p: inout Int) -> String {
        let count = count(text, &p)
        defer { p += count }
        return String(decoding: text[p..<(p + count)], as: UTF8.self)
    }

    /// The bytes of the next string, not made into one.
    private static func slice(_ text: [UInt8], _ p: inout Int) -> ArraySlice<UInt8> {
        let count = count(text, &p)
        defer { p += count }
        return text[p..<(p + count)]
    }

    private static func map(_ text: [UInt8], _ p: inout Int) -> [String: String] {
        let count = count(text, &p)
        var out: [String: String] = [:]
        // Most rows have no attribute: reserving room for none still cost some thousand instructions an event.
        if count > 0 { out.reserveCapacity(count) }
        for _ in 0..<count {
            let key = string(text, &p)
            out[key] = string(text, &p)
        }
        return out
    }
}
