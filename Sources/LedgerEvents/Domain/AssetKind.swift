/// Kinds of common part (共有部分).
public enum AssetKind: String, CaseIterable, Sendable {
    case parking, club_room, roof, basement, advertising, green_area, corridor, other
}
