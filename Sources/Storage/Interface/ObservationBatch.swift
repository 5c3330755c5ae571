import Domain

/// Valid observations to record in one bulk import, kept compact: a million of them take 32 MB.
/// Indicators and regions are indexes into the catalogue's codes, which are numbered in byte
/// order, so that sorting rows by those numbers sorts them as SQLite's indexes do.
///
/// Build one from the catalogue, `append` the rows that passed validation, then `sortByKey()`;
/// `repeats()` then names the rows that repeat an earlier one, which an import refuses.
public struct ObservationBatch: Sendable {
    /// One observation: 32 bytes.
    public struct Row: Sendable {
        public var value: Double
        /// `Period.sortKey`.
        public var periodKey: Int32
        public var indicator: UInt32
        public var region: UInt32
        /// Index into `notes`, or -1 for none.
        public var note: Int32
        /// Where the row came from, for messages: its line in a CSV file, its index in a JSON array.
        public var position: Int32
        /// 0 for actual, 1 for target: the byte order of their names, as in the database.
        var kindRank: UInt8
        /// 0 for none, then the scopes in the byte order of their names.
        var scopeRank: UInt8
        public var status: ObservationStatus
        public var bound: Bound?

        public var kind: ObservationKind { kindRank == 0 ? .actual : .target }
        public var scope: RankScope? { scopeRank == 0 ? nil : ObservationBatch.scopesInOrder[Int(scopeRank) - 1] }
        public var period: Period { Period(sortKey: Int(periodKey)) ?? .year(0) }
    }

    /// The numbering of indicators and regions that rows use.
    public let codes: ObservationCodes
    /// Indicator codes in byte order; a row's `indicator` indexes this.
    public var indicators: [String] { codes.indicators }
    /// Per indicator: whether it is a flow, whose year-to-date values should not fall.
    public var flows: [Bool] { codes.flows }
    /// Region codes in byte order; a row's `region` indexes this.
    public var regions: [String] { codes.regions }
    public private(set) var rows: [Row] = []
    public private(set) var notes: [String] = []
    public private(set) var isSorted = true

    static let scopesInOrder = RankScope.allCases.sorted { $0.rawValue.utf8.lexicographicallyPrecedes($1.rawValue.utf8) }

    public init(catalogue: CatalogueSnapshot) {
        codes = catalogue.observationCodes
    }

    /// A batch of one change. A withdrawal's value is not kept: it records none.
    init(_ change: ObservationChange) {
        codes = ObservationCodes(indicator: change.key.indicator, region: change.key.region)
        append(indicator: 0, region: 0, period: change.key.period, kind: change.key.kind, scope: change.key.scope,
               value: change.value ?? .nan, status: change.status, bound: change.bound, note: change.note, position: 0)
    }

    public var count: Int { rows.count }

    public mutating func reserveCapacity(_ n: Int) { rows.reserveCapacity(n) }

    /// Adds a valid observation. `indicator` and `region` index `indicators` and `regions`.
    public mutating func append(indicator: Int, region: Int, period: Period, kind: ObservationKind, scope: RankScope?,
                                value: Double, status: ObservationStatus, bound: Bound?, note: String?, position: Int) {
        var noteIndex: Int32 = -1
        if let note {
            noteIndex = Int32(notes.count)
            notes.append(note)
        }
        let row = Row(value: value, periodKey: Int32(period.sortKey), indicator: UInt32(indicator), region: UInt32(region),
                      note: noteIndex, position: Int32(clamping: position), kindRank: kind == .actual ? 0 : 1,
                      scopeRank: scope.map { Self.scopeRank($0) } ?? 0, status: status, bound: bound)
        if let last = rows.last, !Self.precedes(last, row) { isSorted = false }
        rows.append(row)
    }

    /// Orders the rows as the database's unique key orders observations (indicator, region,
    /// kind, scope, period), and repeats of one key by position.
    public mutating func sortByKey() {
        guard !isSorted else { return }
        rows.sort(by: Self.precedes)
        isSorted = true
    }

    /// In a sorted batch, each row that repeats the key of an earlier one: its position and the
    /// first one's.
    public func repeats() -> [(position: Int, first: Int)] {
        precondition(isSorted, "sortByKey() first")
        var out: [(Int, Int)] = []
        var first = 0
        for i in rows.indices.dropFirst() {
            if Self.sameKey(rows[i], rows[first]) {
                out.append((Int(rows[i].position), Int(rows[first].position)))
            } else {
                first = i
            }
        }
        return out
    }

    /// The key of a row, as the store's methods take it.
    public func key(_ row: Row) -> ObservationKey {
        ObservationKey(indicator: indicators[Int(row.indicator)], region: regions[Int(row.region)], period: row.period,
                       kind: row.kind, scope: row.scope)
    }

    public func note(_ row: Row) -> String? { row.note < 0 ? nil : notes[Int(row.note)] }

    /// The part of the key that a period ranges within: indicator, region, kind and scope.
    static func group(_ row: Row) -> UInt64 {
        UInt64(row.indicator) << 32 | UInt64(row.region)
    }

    static func sameGroup(_ a: Row, _ b: Row) -> Bool {
        group(a) == group(b) && a.kindRank == b.kindRank && a.scopeRank == b.scopeRank
    }

    static func sameKey(_ a: Row, _ b: Row) -> Bool { sameGroup(a, b) && a.periodKey == b.periodKey }

    static func precedes(_ a: Row, _ b: Row) -> Bool {
        let ga = group(a), gb = group(b)
        if ga != gb { return ga < gb }
        let ka = UInt16(a.kindRank) << 8 | UInt16(a.scopeRank), kb = UInt16(b.kindRank) << 8 | UInt16(b.scopeRank)
        if ka != kb { return ka < kb }
        if a.periodKey != b.periodKey { return a.periodKey < b.periodKey }
        return a.position < b.position
    }

    static func scopeRank(_ scope: RankScope) -> UInt8 {
        UInt8((scopesInOrder.firstIndex(of: scope) ?? 0) + 1)
    }
}
