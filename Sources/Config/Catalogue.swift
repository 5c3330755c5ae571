import Domain
import Foundation
import Yams

/// The indicator and region catalogue as read from `config/indicators.yaml`, the generated
/// `config/regions-national.tsv` and `config/regions.yaml` (local additions and overrides);
/// `indicators` includes each base indicator's derived ones, `regions` lists parents first.
public struct Catalogue: Sendable {
    public var indicators: [Indicator]
    public var regions: [Region]

    public init(indicators: [Indicator], regions: [Region]) {
        self.indicators = indicators
        self.regions = regions
    }

    /// Reads the catalogue files of a configuration folder.
    public static func load(directory: URL) throws(ConfigError) -> Catalogue {
        let indicators = try parseIndicators(read(directory.appendingPathComponent("indicators.yaml")),
                                             file: "indicators.yaml")
        return Catalogue(indicators: indicators, regions: try loadRegions(directory: directory))
    }

    /// The national table, then `regions.yaml` (optional) over it: a local region with a national
    /// code replaces that region, any other is added.
    static func loadRegions(directory: URL) throws(ConfigError) -> [Region] {
        let national = try RegionTable.parse(read(directory.appendingPathComponent("regions-national.tsv")),
                                             file: "regions-national.tsv")
        let localURL = directory.appendingPathComponent("regions.yaml")
        guard FileManager.default.fileExists(atPath: localURL.path) else { return national }
        let local = try parseRegions(read(localURL), file: "regions.yaml", known: Set(national.map(\.code)))
        return try merge(national, local)
    }

    /// `base` with `overrides` applied, parents first (an override may move a region under a
    /// region that only the overrides add).
    static func merge(_ base: [Region], _ overrides: [Region]) throws(ConfigError) -> [Region] {
        guard !overrides.isEmpty else { return base }
        let replacing = Dictionary(overrides.map { ($0.code, $0) }, uniquingKeysWith: { _, b in b })
        var merged = base.map { replacing[$0.code] ?? $0 }
        let baseCodes = Set(base.map(\.code))
        merged += overrides.filter { !baseCodes.contains($0.code) }
        let byCode = Dictionary(merged.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var depths: [String: Int] = [:]
        for region in merged {
            var chain: [String] = []
            var current: Region? = region
            while let r = current, depths[r.code] == nil {
                guard !chain.contains(r.code) else {
                    throw ConfigError(file: "regions.yaml", key: "", message: "regions \(chain.joined(separator: " → ")) form a cycle of parents")
                }
                chain.append(r.code)
                current = r.parent.flatMap { byCode[$0] }
            }
            var depth = current.flatMap { depths[$0.code] } ?? -1
            for code in chain.reversed() {
                depth += 1
                depths[code] = depth
            }
        }
        // A stable sort: within a depth the files' order stays.
        return merged.enumerated().sorted { (depths[$0.element.code] ?? 0, $0.offset) < (depths[$1.element.code] ?? 0, $1.offset) }
            .map(\.element)
    }

    static func read(_ url: URL) throws(ConfigError) -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw ConfigError(file: url.path, key: "", message: "cannot be read: \(error.localizedDescription)")
        }
    }

    public static func parseIndicators(_ text: String, file: String) throws(ConfigError) -> [Indicator] {
        var root = try YAMLMapping(parseYAML(text, file: file), file: file, path: "")
        guard let list = root.node("indicators")?.sequence else {
            throw root.error("indicators", "expected a list of indicators")
        }
        try root.rejectUnknownKeys()
        var out: [Indicator] = []
        var seen: Set<String> = []
        for (i, node) in list.enumerated() {
            var m = try YAMLMapping(node, file: file, path: "indicators[\(i)]")
            let code = try m.requiredString("code")
            guard Self.isCode(code) else { throw m.error("code", "'\(code)' must be lower_snake_case ASCII") }
            let indicator = Indicator(
                code: code,
                nameZh: try m.requiredString("name_zh"),
                nameEn: try m.requiredString("name_en"),
                unit: try m.requiredEnum("unit", IndicatorUnit.self),
                category: try m.requiredString("category"),
                aggregation: try m.requiredEnum("aggregation", Aggregation.self),
                higherIsBetter: try m.bool("higher_is_better") ?? true,
                description: try m.string("description") ?? "",
                aliasesZh: try m.stringList("aliases_zh") ?? [],
                frequencies: try frequencies(&m),
                minimum: try m.double("min"),
                maximum: try m.double("max"))
            try m.rejectUnknownKeys()
            for item in [indicator] + indicator.derived() {
                guard seen.insert(item.code).inserted else {
                    throw m.error("code", "'\(item.code)' is defined twice")
                }
                out.append(item)
            }
        }
        return out
    }

    private static func frequencies(_ m: inout YAMLMapping) throws(ConfigError) -> [Frequency] {
        guard let names = try m.stringList("frequencies") else { return Frequency.allCases }
        var out: [Frequency] = []
        for name in names {
            guard let f = Frequency(rawValue: name) else {
                throw m.error("frequencies", "'\(name)' is not one of: year, quarter, month")
            }
            out.append(f)
        }
        if !out.contains(.year) { out.insert(.year, at: 0) }
        return out
    }

    /// Parses a YAML list of regions; a parent must be in `known` or listed before its children.
    public static func parseRegions(_ text: String, file: String, known: Set<String> = []) throws(ConfigError) -> [Region] {
        var root = try YAMLMapping(parseYAML(text, file: file), file: file, path: "")
        guard let list = root.node("regions")?.sequence else {
            throw root.error("regions", "expected a list of regions")
        }
        try root.rejectUnknownKeys()
        var out: [Region] = []
        var codes: Set<String> = []
        for (i, node) in list.enumerated() {
            var m = try YAMLMapping(node, file: file, path: "regions[\(i)]")
            let code = try m.requiredString("code")
            guard RegionCodeRule.isValid(code) else {
                throw m.error("code", "'\(code)' must be a numeric division code")
            }
            let parent = try m.string("parent")
            if let parent, !codes.contains(parent), !known.contains(parent) {
                throw m.error("parent", "'\(parent)' must be listed before its children")
            }
            let region = Region(
                code: code, nameZh: try m.requiredString("name_zh"), nameEn: try m.requiredString("name_en"),
                level: try m.requiredEnum("level", RegionLevel.self), parent: parent,
                aliasesZh: try m.stringList("aliases_zh") ?? [])
            try m.rejectUnknownKeys()
            guard codes.insert(code).inserted else { throw m.error("code", "'\(code)' is defined twice") }
            out.append(region)
        }
        return out
    }

    static func isCode(_ s: String) -> Bool {
        guard let first = s.utf8.first, first >= 97, first <= 122, s.utf8.count <= 64 else { return false }
        return s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }
}
