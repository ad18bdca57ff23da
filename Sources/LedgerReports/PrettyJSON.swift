import LedgerEvents

/// Indented JSON for people and programs: keys sorted by UTF-8 bytes, the display form's string escapes
/// (`CanonicalJSON.Escaping.display`); ends with a newline.
public enum PrettyJSON {
    public static func render(_ value: JSONValue) -> String {
        var out: [UInt8] = []
        write(value, indent: 0, to: &out)
        out.append(UInt8(ascii: "\n"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `render(root)` with the member `array` of the object `root` holding `count` items made one at a time by
    /// `item` (not held in `root`), written to `stream` an item at a time: the same bytes as rendering the object
    /// with the array in it.
    static func stream(_ root: JSONValue, array key: String, count: Int, item: (Int) -> JSONValue, into stream: ReportStream) {
        self.stream(root, array: key, count: count, items: { emit in for index in 0..<count { emit(item(index)) } }, into: stream)
    }

    /// `stream(_:array:count:item:into:)` with the `count` items given in order by `items` (which calls its argument
    /// with each).
    static func stream(_ root: JSONValue, array key: String, count: Int, items: ((JSONValue) -> Void) -> Void,
                       into stream: ReportStream) {
        guard case .object(let members) = root else { preconditionFailure("a report's JSON is an object") }
        var out: [UInt8] = []
        out.append(contentsOf: Array("{\n".utf8))
        let keys = CanonicalJSON.sortedKeys(members)
        for (i, name) in keys.enumerated() {
            out.append(contentsOf: Array("  ".utf8))
            CanonicalJSON.writeString(name, to: &out, escaping: .display)
            out.append(contentsOf: Array(": ".utf8))
            if name == key, count > 0 {
                out.append(contentsOf: Array("[\n".utf8))
                var index = 0
                items { item in
                    out.append(contentsOf: Array("    ".utf8))
                    write(item, indent: 2, to: &out)
                    index += 1
                    out.append(contentsOf: Array((index < count ? ",\n" : "\n").utf8))
                    if out.count >= 1 << 16 { stream.write(out); out.removeAll(keepingCapacity: true) }
                }
                // Fewer only when the items' source failed: the stream then delivers nothing more.
                precondition(index == count || stream.failure != nil, "a streamed array gives the items it counted")
                out.append(contentsOf: Array("  ]".utf8))
            } else {
                write(members[name]!, indent: 1, to: &out)
            }
            out.append(contentsOf: Array((i + 1 < keys.count ? ",\n" : "\n").utf8))
        }
        out.append(contentsOf: Array("}\n".utf8))
        stream.write(out)
    }

    static func write(_ value: JSONValue, indent: Int, to out: inout [UInt8]) {
        let pad = Array(repeating: UInt8(ascii: " "), count: (indent + 1) * 2)
        let closePad = Array(repeating: UInt8(ascii: " "), count: indent * 2)
        switch value {
        case .array(let items) where !items.isEmpty:
            out.append(contentsOf: Array("[\n".utf8))
            for (i, item) in items.enumerated() {
                out.append(contentsOf: pad)
                write(item, indent: indent + 1, to: &out)
                out.append(contentsOf: Array((i + 1 < items.count ? ",\n" : "\n").utf8))
            }
            out.append(contentsOf: closePad)
            out.append(UInt8(ascii: "]"))
        case .object(let members) where !members.isEmpty:
            out.append(contentsOf: Array("{\n".utf8))
            let keys = CanonicalJSON.sortedKeys(members)
            for (i, key) in keys.enumerated() {
                out.append(contentsOf: pad)
                CanonicalJSON.writeString(key, to: &out, escaping: .display)
                out.append(contentsOf: Array(": ".utf8))
                write(members[key]!, indent: indent + 1, to: &out)
                out.append(contentsOf: Array((i + 1 < keys.count ? ",\n" : "\n").utf8))
            }
            out.append(contentsOf: closePad)
            out.append(UInt8(ascii: "}"))
        default:
            CanonicalJSON.write(value, to: &out, escaping: .display)
        }
    }
}
