import Domain
import Synchronization

/// The search half of `RegionIndex`: digits match a code prefix; any other text a part of a
/// region's Chinese name, an alias or its English name, case-insensitive and ignoring
/// apostrophes and spaces (`linan` finds Lin'an).
///
/// The tables are built on the first search of a snapshot (a debug build takes a tenth of a
/// second for 3,600 regions, which every test fixture would otherwise pay) and kept with it.
final class RegionSearch: Sendable {
    private let regions: [Region]
    private let tables = Mutex<Tables?>(nil)

    private struct Tables: Sendable {
        /// Per ordinal: the searchable bytes of the names, aliases and English name, joined by line breaks.
        var texts: [[UInt8]] = []
        /// Ordinals whose text holds a pair of adjacent scalars, ascending.
        var bigrams: [UInt64: [Int32]] = [:]
        /// Ordinals whose text holds a scalar, for one-scalar queries.
        var unigrams: [UInt32: [Int32]] = [:]
        /// Codes in byte order with their ordinals, for code prefixes.
        var codes: [(code: [UInt8], ordinal: Int)] = []
    }

    init(_ regions: [Region]) { self.regions = regions }

    /// Ascending ordinals of the regions matching `text`; nil when `text` has nothing to search for.
    func matches(_ text: String) -> [Int]? {
        let needle = Self.searchable(text)
        guard !needle.isEmpty else { return nil }
        let tables = self.tables.withLock { cached in
            if let cached { return cached }
            let built = Self.build(regions)
            cached = built
            return built
        }
        if needle.allSatisfy({ $0 >= 48 && $0 <= 57 }) { return Self.codePrefix(needle, tables.codes) }
        let scalars = Self.scalars(needle)
        var candidates: [Int32]
        if scalars.count == 1 {
            candidates = tables.unigrams[scalars[0]] ?? []
        } else {
            // The rarest pair of the query bounds the candidates; each is then checked whole.
            var shortest: [Int32]?
            for i in 0..<(scalars.count - 1) {
                let list = tables.bigrams[UInt64(scalars[i]) << 32 | UInt64(scalars[i + 1])] ?? []
                if shortest.map({ list.count < $0.count }) ?? true { shortest = list }
                if list.isEmpty { break }
            }
            candidates = shortest ?? []
        }
        return candidates.map(Int.init).filter { Self.contains(tables.texts[$0], needle) }
    }

    private static func build(_ regions: [Region]) -> Tables {
        var tables = Tables()
        tables.texts.reserveCapacity(regions.count)
        for (ordinal, region) in regions.enumerated() {
            var text = searchable(region.nameZh)
            for alias in region.aliasesZh { text.append(10); text += searchable(alias) }
            text.append(10)
            text += searchable(region.nameEn)
            tables.texts.append(text)
            let scalars = Self.scalars(text)
            var previous: UInt32?
            for s in scalars {
                // An ordinal is appended at most once per key: the lists stay ascending and unique.
                if tables.unigrams[s]?.last != Int32(ordinal) { tables.unigrams[s, default: []].append(Int32(ordinal)) }
                if let p = previous {
                    let pair = UInt64(p) << 32 | UInt64(s)
                    if tables.bigrams[pair]?.last != Int32(ordinal) { tables.bigrams[pair, default: []].append(Int32(ordinal)) }
                }
                previous = s
            }
        }
        tables.codes = regions.enumerated().map { (code: Array($0.element.code.utf8), ordinal: $0.offset) }
            .sorted { $0.code.lexicographicallyPrecedes($1.code) }
        return tables
    }

    /// UTF-8 with ASCII letters lower-cased and apostrophes and spaces left out.
    static func searchable(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 where b != 39 && b != 32 {
            out.append(b >= 65 && b <= 90 ? b + 32 : b)
        }
        return out
    }

    private static func scalars(_ bytes: [UInt8]) -> [UInt32] {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.map(\.value)
    }

    private static func codePrefix(_ prefix: [UInt8], _ codes: [(code: [UInt8], ordinal: Int)]) -> [Int] {
        var low = 0, high = codes.count
        while low < high {
            let mid = (low + high) / 2
            if codes[mid].code.lexicographicallyPrecedes(prefix) { low = mid + 1 } else { high = mid }
        }
        var out: [Int] = []
        while low < codes.count, codes[low].code.starts(with: prefix) {
            out.append(codes[low].ordinal)
            low += 1
        }
        return out.sorted()
    }

    private static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= haystack.count else { return false }
        var i = 0
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == needle[0] {
                var j = 1
                while j < needle.count, haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}
