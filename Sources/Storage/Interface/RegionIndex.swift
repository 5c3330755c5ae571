import Domain

/// The regions of a catalogue snapshot in listing order, with what listing, paging and searching
/// 3,600 of them needs precomputed: per-level and per-parent lists, and (built on the first
/// search, since most snapshots never see one) a bigram index over names, aliases and English
/// names, so that a request filters a short list instead of running string operations over every
/// region.
///
/// Listing order is parents first: by depth in the hierarchy (provinces 0, cities 1, …), then by
/// code. A result is a list of ordinals, ascending, into `ordered`.
public struct RegionIndex: Sendable {
    /// Every region in listing order.
    public let ordered: [Region]
    /// Each region's depth, by ordinal.
    public let depths: [Int]
    private let ordinalByCode: [String: Int]
    private let all: [Int]
    private let byLevel: [RegionLevel: [Int]]
    private let children: [String: [Int]]
    private let search: RegionSearch

    /// What to list: every filter given must hold.
    public struct Query: Sendable {
        /// Matches a code prefix (digits) or a part of a Chinese name, an alias or the English name.
        public var text: String?
        public var level: RegionLevel?
        /// Only the direct children of this region.
        public var parent: String?

        public init(text: String? = nil, level: RegionLevel? = nil, parent: String? = nil) {
            self.text = text
            self.level = level
            self.parent = parent
        }
    }

    init(regions: [Region]) {
        let byCode = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var depthOf: [String: Int] = [:]
        func depth(_ region: Region) -> Int {
            if let known = depthOf[region.code] { return known }
            var chain: [String] = []
            var current: Region? = region
            // The database's foreign keys rule out cycles; the bound only keeps a bad input finite.
            while let r = current, depthOf[r.code] == nil, chain.count <= byCode.count {
                chain.append(r.code)
                current = r.parent.flatMap { byCode[$0] }
            }
            var d = current.flatMap { depthOf[$0.code] } ?? -1
            for code in chain.reversed() {
                d += 1
                depthOf[code] = d
            }
            return depthOf[region.code] ?? 0
        }
        var keyed = regions.map { (depth: depth($0), region: $0) }
        // The store lists them in this order already; sorting 3,600 strings again costs a debug build 50 ms.
        let inOrder = zip(keyed, keyed.dropFirst()).allSatisfy { ($0.depth, $0.region.code) < ($1.depth, $1.region.code) }
        if !inOrder { keyed.sort { ($0.depth, $0.region.code) < ($1.depth, $1.region.code) } }
        ordered = keyed.map(\.region)
        depths = keyed.map(\.depth)
        ordinalByCode = Dictionary(ordered.enumerated().map { ($0.element.code, $0.offset) }, uniquingKeysWith: { a, _ in a })
        all = Array(ordered.indices)
        var levels: [RegionLevel: [Int]] = [:]
        var kids: [String: [Int]] = [:]
        for (ordinal, region) in ordered.enumerated() {
            for level in RegionLevel.allCases where region.level.isListed(under: level) {
                levels[level, default: []].append(ordinal)
            }
            if let parent = region.parent { kids[parent, default: []].append(ordinal) }
        }
        byLevel = levels
        children = kids
        search = RegionSearch(ordered)
    }

    public func region(_ code: String) -> Region? { ordinalByCode[code].map { ordered[$0] } }

    public func childCount(of code: String) -> Int { children[code]?.count ?? 0 }

    /// The direct children of a region, in code order.
    public func children(of code: String) -> [Int] { children[code] ?? [] }

    /// The regions matching every filter of `query`, as ascending ordinals.
    public func matches(_ query: Query) -> [Int] {
        if let text = query.text, let found = search.matches(text) {
            guard query.level != nil || query.parent != nil else { return found }
            return found.filter { ordinal in
                let region = ordered[ordinal]
                return (query.level.map { region.level.isListed(under: $0) } ?? true) && (query.parent.map { region.parent == $0 } ?? true)
            }
        }
        if let parent = query.parent {
            let list = children[parent] ?? []
            guard let level = query.level else { return list }
            return list.filter { ordered[$0].level.isListed(under: level) }
        }
        if let level = query.level { return byLevel[level] ?? [] }
        return all
    }

    /// Where a page after `cursor` starts in `matches` (ascending ordinals): the first region
    /// whose (depth, code) comes after the cursor's, so that a page stays right when the
    /// catalogue changed between two requests.
    public func start(of matches: [Int], after cursor: RegionCursor) -> Int {
        var low = 0, high = matches.count
        while low < high {
            let mid = (low + high) / 2
            let ordinal = matches[mid]
            if (depths[ordinal], ordered[ordinal].code) <= (cursor.depth, cursor.code) { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The cursor of a page that ends with this ordinal.
    public func cursor(after ordinal: Int) -> RegionCursor {
        RegionCursor(depth: depths[ordinal], code: ordered[ordinal].code)
    }
}
