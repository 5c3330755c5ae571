/// Where a page of `GET /regions` ended: the last region's depth and code, which is its place in
/// the listing order. `r<depth>-<code>`, e.g. `r2-330212`.
public struct RegionCursor: Sendable, Hashable {
    public var depth: Int
    public var code: String

    public init(depth: Int, code: String) {
        self.depth = depth
        self.code = code
    }

    public var token: String { "r\(depth)-\(code)" }

    /// Parses a token made by `token`; nil for anything else.
    public init?(token: String) {
        guard token.hasPrefix("r") else { return nil }
        let parts = token.dropFirst().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].utf8.count), parts[0].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }),
              let depth = Int(parts[0]),
              (2...12).contains(parts[1].utf8.count), parts[1].utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })
        else { return nil }
        self.depth = depth
        code = String(parts[1])
    }
}
