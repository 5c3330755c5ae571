/// An administrative region, identified by its division code (`330112` for 临安区).
public struct Region: Sendable, Hashable, Codable {
    public var code: String
    public var nameZh: String
    public var nameEn: String
    public var level: RegionLevel
    public var parent: String?
    /// Short names a report uses (临安 for 临安区).
    public var aliasesZh: [String]

    public init(code: String, nameZh: String, nameEn: String, level: RegionLevel, parent: String?,
                aliasesZh: [String] = []) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.level = level
        self.parent = parent
        self.aliasesZh = aliasesZh
    }
}

public enum RegionLevel: String, Sendable, CaseIterable, Codable {
    case nation, province, city, district, county, zone

    /// Whether a region of this level is listed under a `level=` filter: `county` is the whole
    /// county level of GB/T 2260 (县, 县级市, 旗 and the cities' districts), `district` only districts.
    public func isListed(under filter: RegionLevel) -> Bool {
        self == filter || (filter == .county && self == .district)
    }
}
