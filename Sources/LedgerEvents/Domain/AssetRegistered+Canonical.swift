import LedgerPlatform

extension AssetRegistered {
    /// Appends the canonical `data` of an `asset.registered` event whose text is given as UTF-8 bytes (each valid
    /// UTF-8, as a `String` holds it): the bytes `PayloadCodec.encode` writes for the equal payload — `area` of
    /// scale `area.scale` without a written spelling, no `written` bits, source `import` with `importID` and `row`.
    /// `attributes` are the map's members in any order (each key once); they are written in canonical order.
    /// An import keeps its rows packed as bytes and writes each record from them, without making a `String` of
    /// every cell and a dictionary of every row's attributes once more for the writer (`EventBatch.Canonical`).
    public static func appendCanonicalData(area: DecimalQuantity, assetID: ArraySlice<UInt8>,
                                           attributes: [(key: ArraySlice<UInt8>, value: ArraySlice<UInt8>)],
                                           communityID: ArraySlice<UInt8>, kind: AssetKind, location: ArraySlice<UInt8>,
                                           name: ArraySlice<UInt8>, registeredOn: CalendarDate, importID: String, row: Int64,
                                           to out: inout LineBuffer) {
        var w = PayloadWriter(into: consume out)
        w.beginObject()
        w.key(Key.area_m2); w.decimal(area)
        w.key(Key.asset_id); w.string(utf8: assetID)
        if !attributes.isEmpty {
            w.key(Key.attributes)
            // `PayloadWriter.stringMap`'s order: the keys' UTF-8 bytes.
            let sorted = attributes.count == 1 ? attributes : attributes.sorted { $0.key.lexicographicallyPrecedes($1.key) }
            w.out.append(UInt8(ascii: "{"))
            for (index, member) in sorted.enumerated() {
                if index > 0 { w.out.append(UInt8(ascii: ",")) }
                w.string(utf8: member.key)
                w.out.append(UInt8(ascii: ":"))
                w.string(utf8: member.value)
            }
            w.out.append(UInt8(ascii: "}"))
        }
        w.key(Key.community_id); w.string(utf8: communityID)
        w.key(Key.kind); w.string(kind.rawValue)
        w.key(Key.location); w.string(utf8: location)
        w.key(Key.name); w.string(utf8: name)
        w.key(Key.registered_on); w.date(registeredOn)
        w.key(Key.source); AssetSource.importRow(importID: importID, row: row).write(&w)
        w.endObject()
        out = w.out
    }
}
