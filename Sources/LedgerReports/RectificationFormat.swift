/// The output formats of the rectification list.
public enum RectificationFormat: String, CaseIterable, Sendable {
    case table
    case csv
    case json
    case html
    case md
}
