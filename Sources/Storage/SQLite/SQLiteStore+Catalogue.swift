import Domain
import Foundation
import GRDB

extension SQLiteStore {
    /// Inserts or updates the catalogue in one transaction. Idempotent: names, units and aliases
    /// follow the files, and nothing is ever deleted, so data recorded against an entry dropped
    /// from the files stays. Regions that are unchanged are not written; regions an admin created
    /// or changed through `upsertRegion` are left as the admin left them (see
    /// `CatalogueSeedSummary.regionsHeld`).
    @discardableResult
    public func seed(indicators: [Indicator], regions: [Region]) throws(StorageError) -> CatalogueSeedSummary {
        let now = Timestamp.now().microseconds
        let summary = try storageErrors {
            try timedWrite { db in
                var summary = CatalogueSeedSummary()
                var stored: [String: (region: Region, admin: Bool)] = [:]
                let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.regionColumns), managed_by FROM regions")
                while let row = try rows.next() {
                    let region = Self.region(row)
                    stored[region.code] = (region, row[6] == "admin")
                }
                let statement = try db.cachedStatement(sql: Self.upsertRegionSQL)
                for region in regions {
                    if let existing = stored[region.code] {
                        if existing.region == region { continue }
                        if existing.admin {
                            summary.regionsHeld.append(region.code)
                            continue
                        }
                        summary.regionsUpdated += 1
                    } else {
                        summary.regionsAdded += 1
                    }
                    try statement.execute(arguments: Self.arguments(region, now: now, managedBy: "catalogue"))
                }
                // Bases before derived ones, so that the `base` foreign key always finds its row.
                for indicator in indicators.sorted(by: { ($0.base == nil ? 0 : 1) < ($1.base == nil ? 0 : 1) }) {
                    try Self.upsert(indicator, db, now: now)
                }
                return summary
            }
        }
        invalidateCatalogue()
        return summary
    }

    /// Adds or renames one indicator (with its derived ones) on behalf of a token; data stays.
    /// Returns whether the indicator is new.
    public func upsertIndicator(_ indicator: Indicator, by token: String?, requestID: String?) throws(StorageError) -> Bool {
        let now = Timestamp.now().microseconds
        let created = try storageErrors {
            try timedWrite { db in
                let exists = try Int.fetchOne(db, sql: "SELECT 1 FROM indicators WHERE code = ?", arguments: [indicator.code]) != nil
                for item in [indicator] + indicator.derived() { try Self.upsert(item, db, now: now) }
                try SQLiteTransaction(db: db, connection: try writer(db)).audit(action: exists ? "indicator.update" : "indicator.create",
                                                   entity: "indicator:\(indicator.code)", token: token,
                                                   detail: ["name_zh": indicator.nameZh, "name_en": indicator.nameEn,
                                                            "unit": indicator.unit.rawValue], requestID: requestID)
                return !exists
            }
        }
        invalidateCatalogue()
        return created
    }

    /// Adds or renames one region on behalf of a token; data stays. From then on the region is the
    /// admin's: seeding the catalogue files no longer changes it. Returns whether it is new.
    public func upsertRegion(_ region: Region, by token: String?, requestID: String?) throws(StorageError) -> Bool {
        let created = try storageErrors {
            try timedWrite { db in
                let exists = try Int.fetchOne(db, sql: "SELECT 1 FROM regions WHERE code = ?", arguments: [region.code]) != nil
                if let parent = region.parent,
                   try Int.fetchOne(db, sql: "SELECT 1 FROM regions WHERE code = ?", arguments: [parent]) == nil {
                    throw StorageError.unknownRegion(parent)
                }
                try db.cachedStatement(sql: Self.upsertRegionSQL)
                    .execute(arguments: Self.arguments(region, now: Timestamp.now().microseconds, managedBy: "admin"))
                try SQLiteTransaction(db: db, connection: try writer(db)).audit(action: exists ? "region.update" : "region.create", entity: "region:\(region.code)",
                                                   token: token, detail: ["name_zh": region.nameZh, "parent": region.parent ?? ""],
                                                   requestID: requestID)
                return !exists
            }
        }
        invalidateCatalogue()
        return created
    }

    /// Inserts a region or replaces its fields, writing nothing when they are unchanged; the
    /// seed passes `managed_by = 'catalogue'`, an admin's change `'admin'`.
    static let upsertRegionSQL = """
        INSERT INTO regions (code, name_zh, name_en, level, parent, aliases_zh, updated_at, managed_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
            level = excluded.level, parent = excluded.parent, aliases_zh = excluded.aliases_zh,
            updated_at = excluded.updated_at, managed_by = excluded.managed_by
        WHERE name_zh IS NOT excluded.name_zh OR name_en IS NOT excluded.name_en
            OR level IS NOT excluded.level OR parent IS NOT excluded.parent
            OR aliases_zh IS NOT excluded.aliases_zh OR managed_by IS NOT excluded.managed_by
        """

    static func arguments(_ region: Region, now: Int64, managedBy: String) -> StatementArguments {
        [region.code, region.nameZh, region.nameEn, region.level.rawValue, region.parent, jsonArray(region.aliasesZh), now,
         managedBy]
    }

    static func upsert(_ indicator: Indicator, _ db: Database, now: Int64) throws {
            try db.execute(sql: """
                INSERT INTO indicators (code, name_zh, name_en, unit, category, aggregation, higher_is_better,
                    description, aliases_zh, frequencies, minimum, maximum, base, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
                    unit = excluded.unit, category = excluded.category, aggregation = excluded.aggregation,
                    higher_is_better = excluded.higher_is_better, description = excluded.description,
                    aliases_zh = excluded.aliases_zh, frequencies = excluded.frequencies,
                    minimum = excluded.minimum, maximum = excluded.maximum, base = excluded.base,
                    updated_at = excluded.updated_at
                WHERE name_zh IS NOT excluded.name_zh OR name_en IS NOT excluded.name_en
                    OR unit IS NOT excluded.unit OR category IS NOT excluded.category
                    OR aggregation IS NOT excluded.aggregation OR higher_is_better IS NOT excluded.higher_is_better
                    OR description IS NOT excluded.description OR aliases_zh IS NOT excluded.aliases_zh
                    OR frequencies IS NOT excluded.frequencies OR minimum IS NOT excluded.minimum
                    OR maximum IS NOT excluded.maximum OR base IS NOT excluded.base
                """, arguments: [
                    indicator.code, indicator.nameZh, indicator.nameEn, indicator.unit.rawValue,
                    indicator.category, indicator.aggregation.rawValue, indicator.higherIsBetter,
                    indicator.description, jsonArray(indicator.aliasesZh),
                    indicator.frequencies.map(\.rawValue).joined(separator: ","),
                    indicator.minimum, indicator.maximum, indicator.base, now,
                ])
    }

    /// The whole indicator catalogue, ordered by code.
    public func indicators() throws(StorageError) -> [Indicator] {
        try storageErrors {
            try timedRead { db in
                try Row.fetchAll(db, sql: "SELECT * FROM indicators ORDER BY code").map(Self.indicator)
            }
        }
    }

    public func indicator(code: String) throws(StorageError) -> Indicator? {
        try storageErrors {
            try timedRead { db in
                try Row.fetchOne(db, sql: "SELECT * FROM indicators WHERE code = ?", arguments: [code]).map(Self.indicator)
            }
        }
    }

    /// Every region, parents before children.
    public func regions() throws(StorageError) -> [Region] {
        try storageErrors {
            try timedRead { db in
                try Row.fetchAll(db, sql: """
                    WITH RECURSIVE tree (code, depth) AS (
                        SELECT code, 0 FROM regions WHERE parent IS NULL
                        UNION ALL SELECT r.code, t.depth + 1 FROM regions r JOIN tree t ON r.parent = t.code)
                    SELECT \(Self.regionColumns) FROM regions JOIN tree USING (code) ORDER BY tree.depth, regions.code
                    """).map(Self.region)
            }
        }
    }

    /// An indicator row; its aliases are those of indicators.yaml followed by those learned in
    /// review, which the seed leaves alone.
    static func indicator(_ row: Row) -> Indicator {
        let frequencies = (row["frequencies"] as String).split(separator: ",").compactMap { Frequency(rawValue: String($0)) }
        var aliases = stringArray(row["aliases_zh"])
        for learned in stringArray((row["learned_aliases_zh"] as String?) ?? "[]") where !aliases.contains(learned) {
            aliases.append(learned)
        }
        return Indicator(
            code: row["code"], nameZh: row["name_zh"], nameEn: row["name_en"],
            unit: IndicatorUnit(rawValue: row["unit"]) ?? .count, category: row["category"],
            aggregation: Aggregation(rawValue: row["aggregation"]) ?? .last,
            higherIsBetter: row["higher_is_better"], description: row["description"],
            aliasesZh: aliases, frequencies: frequencies,
            minimum: row["minimum"], maximum: row["maximum"], base: row["base"])
    }

    /// The columns `region(_:)` reads, in its order.
    static let regionColumns = "regions.code, regions.name_zh, regions.name_en, regions.level, regions.parent, regions.aliases_zh"

    /// A region from a row of `regionColumns`, read by position (a fifth faster than by name over
    /// 3,600 regions).
    static func region(_ row: Row) -> Region {
        Region(code: row[0], nameZh: row[1], nameEn: row[2], level: RegionLevel(rawValue: row[3]) ?? .zone, parent: row[4],
               aliasesZh: stringArray(row[5]))
    }
}

func jsonArray(_ strings: [String]) -> String { JSONStringArray.encode(strings) }

func stringArray(_ json: String) -> [String] { JSONStringArray.decode(json) ?? [] }

extension SQLiteStore {
    public func region(code: String) throws(StorageError) -> Region? {
        try storageErrors {
            try timedRead { db in
                try Row.fetchOne(db.cachedStatement(sql: "SELECT \(Self.regionColumns) FROM regions WHERE code = ?"),
                                 arguments: [code]).map(Self.region)
            }
        }
    }

    /// The direct children of a region, by code.
    public func children(of code: String) throws(StorageError) -> [Region] {
        try storageErrors {
            try timedRead { db in
                try Row.fetchAll(db.cachedStatement(sql: "SELECT \(Self.regionColumns) FROM regions WHERE parent = ? ORDER BY code"),
                                 arguments: [code]).map(Self.region)
            }
        }
    }
}

extension SQLiteStore {
    /// A number that grows whenever an observation changes: the newest revision's id.
    public func dataVersion() throws(StorageError) -> Int64 {
        try storageErrors {
            try timedRead { db in try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM revisions")) ?? 0 }
        }
    }
}
