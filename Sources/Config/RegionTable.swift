import Domain

/// Reads `config/regions-national.tsv`, the generated catalogue of every region of the country
/// (`scripts/generate-regions.py`): one region a line, tab-separated `code, parent, level,
/// name_zh, name_en, aliases_zh` with the aliases joined by `|`, parents before their children,
/// `#` comment lines.
///
/// A table of 3,600 lines rather than YAML because the catalogue is read by every command, at
/// start-up, on SIGHUP and by many tests: Yams took 0.8 s for it in a debug build, this reader
/// a few milliseconds.
public enum RegionTable {
    public static func parse(_ text: String, file: String) throws(ConfigError) -> [Region] {
        var regions: [Region] = []
        var codes: Set<String> = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = rawLine.last == "\r" ? rawLine.dropLast() : rawLine[...]
            if line.isEmpty || line.first == "#" { continue }
            func failure(_ message: String) -> ConfigError {
                ConfigError(file: file, key: "line \(lineNumber)", message: message)
            }
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard fields.count == 6 else {
                throw failure("expected 6 tab-separated fields (code, parent, level, name_zh, name_en, aliases_zh), found \(fields.count)")
            }
            let code = String(fields[0])
            guard RegionCodeRule.isValid(code) else { throw failure("code '\(code)' must be 2–12 digits") }
            let parent = fields[1].isEmpty ? nil : String(fields[1])
            if let parent, !codes.contains(parent) {
                throw failure("parent '\(parent)' must be listed before its children")
            }
            guard let level = RegionLevel(rawValue: String(fields[2])) else {
                throw failure("level '\(fields[2])' is not one of: \(RegionLevel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            guard !fields[3].isEmpty, !fields[4].isEmpty else { throw failure("name_zh and name_en are required") }
            guard codes.insert(code).inserted else { throw failure("code '\(code)' is defined twice") }
            let aliases = fields[5].split(separator: "|").map(String.init)
            regions.append(Region(code: code, nameZh: String(fields[3]), nameEn: String(fields[4]), level: level,
                                  parent: parent, aliasesZh: aliases))
        }
        return regions
    }
}
