/// The other direction: text to the bytes of a legacy encoding.
public enum TextEncoder {
    /// Encodes text as GB18030 (how Chinese Excel saves a CSV file: rejects files and test registers are written
    /// so); nil when a character has no GB18030 form.
    public static func gb18030(_ text: String) -> [UInt8]? {
        let converter = IconvConverter(from: "UTF-8", to: "GB18030")
        let (output, failure) = converter.convert(Array(text.utf8)[...])
        return failure == nil ? output : nil
    }
}
