/// What a token may do: readers read (when reads need a token), editors also write
/// observations and load documents, admins also manage the catalogue and read the audit log.
public enum TokenRole: String, Sendable, CaseIterable, Codable, Comparable {
    case reader, editor, admin

    public static func < (a: TokenRole, b: TokenRole) -> Bool {
        let order: [TokenRole] = [.reader, .editor, .admin]
        return order.firstIndex(of: a) ?? 0 < order.firstIndex(of: b) ?? 0
    }
}
