import Domain
import Foundation
import GRDB

extension Store {
    /// Inserts or updates the catalogue. Idempotent: names, units and aliases follow the files,
    /// and nothing is ever deleted, so data recorded against an entry dropped from the files stays.
    public func seed(indicators: [Indicator], regions: [Region]) throws(StorageError) {
        let now = Timestamp.now().microseconds
        try storageErrors {
            try timedWrite { db in
                for region in regions { try Self.upsert(region, db, now: now) }
                // Bases before derived ones, so that the `base` foreign key always finds its row.
                for indicator in indicators.sorted(by: { ($0.base == nil ? 0 : 1) < ($1.base == nil ? 0 : 1) }) {
                    try Self.upsert(indicator, db, now: now)
                }
            }
        }
        invalidateCatalogue()
    }

    /// Adds or renames one indicator (with its derived ones) on behalf of a token; data stays.
    /// Returns whether the indicator is new.
    public func upsertIndicator(_ indicator: Indicator, by token: String?, requestID: String? = nil) throws(StorageError) -> Bool {
        let now = Timestamp.now().microseconds
        let created = try storageErrors {
            try timedWrite { db in
                let exists = try Int.fetchOne(db, sql: "SELECT 1 FROM indicators WHERE code = ?", arguments: [indicator.code]) != nil
                for item in [indicator] + indicator.derived() { try Self.upsert(item, db, now: now) }
                try StoreTransaction(db: db).audit(action: exists ? "indicator.update" : "indicator.create",
                                                   entity: "indicator:\(indicator.code)", token: token,
                                                   detail: ["name_zh": indicator.nameZh, "name_en": indicator.nameEn,
                                                            "unit": indicator.unit.rawValue], requestID: requestID)
                return !exists
            }
        }
        invalidateCatalogue()
        return created
    }

    /// Adds or renames one region on behalf of a token; data stays. Returns whether it is new.
    public func upsertRegion(_ region: Region, by token: String?, requestID: String? = nil) throws(StorageError) -> Bool {
        let created = try storageErrors {
            try timedWrite { db in
                let exists = try Int.fetchOne(db, sql: "SELECT 1 FROM regions WHERE code = ?", arguments: [region.code]) != nil
                if let parent = region.parent,
                   try Int.fetchOne(db, sql: "SELECT 1 FROM regions WHERE code = ?", arguments: [parent]) == nil {
                    throw StorageError.unknownRegion(parent)
                }
                try Self.upsert(region, db, now: Timestamp.now().microseconds)
                try StoreTransaction(db: db).audit(action: exists ? "region.update" : "region.create", entity: "region:\(region.code)",
                                                   token: token, detail: ["name_zh": region.nameZh, "parent": region.parent ?? ""],
                                                   requestID: requestID)
                return !exists
            }
        }
        invalidateCatalogue()
        return created
    }

    static func upsert(_ region: Region, _ db: Database, now: Int64) throws {
            try db.execute(sql: """
                INSERT INTO regions (code, name_zh, name_en, level, parent, aliases_zh, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en,
                    level = excluded.level, parent = excluded.parent, aliases_zh = excluded.aliases_zh,
                    updated_at = excluded.updated_at
                WHERE name_zh IS NOT excluded.name_zh OR name_en IS NOT excluded.name_en
                    OR level IS NOT excluded.level OR parent IS NOT excluded.parent
                    OR aliases_zh IS NOT excluded.aliases_zh
                """, arguments: [region.code, region.nameZh, region.nameEn, region.level.rawValue,
                                 region.parent, jsonArray(region.aliasesZh), now])
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
                    SELECT regions.* FROM regions JOIN tree USING (code) ORDER BY tree.depth, regions.code
                    """).map(Self.region)
            }
        }
    }

    /// An indicator row; its aliases are those of indicators.yaml followed by those learned in
    /// review (migration 0007), which the seed leaves alone.
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

    static func region(_ row: Row) -> Region {
        Region(code: row["code"], nameZh: row["name_zh"], nameEn: row["name_en"],
               level: RegionLevel(rawValue: row["level"]) ?? .zone, parent: row["parent"],
               aliasesZh: stringArray(row["aliases_zh"]))
    }
}

func jsonArray(_ strings: [String]) -> String {
    let data = (try? JSONEncoder().encode(strings)) ?? Data("[]".utf8)
    return String(decoding: data, as: UTF8.self)
}

func stringArray(_ json: String) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
}

extension Store {
    public func region(code: String) throws(StorageError) -> Region? {
        try storageErrors {
            try timedRead { db in
                try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM regions WHERE code = ?"), arguments: [code]).map(Self.region)
            }
        }
    }

    /// The direct children of a region, by code.
    public func children(of code: String) throws(StorageError) -> [Region] {
        try storageErrors {
            try timedRead { db in
                try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM regions WHERE parent = ? ORDER BY code"),
                                 arguments: [code]).map(Self.region)
            }
        }
    }

    /// The latest period with an actual value in force, per indicator, over every region (a
    /// target for next year is not "data"). One read for the whole list; each lookup walks the
    /// cross-section index backwards and stops at the first hit.
    public func latestActualPeriods(indicators: [String]) throws(StorageError) -> [String: Period] {
        try storageErrors {
            try timedRead { db in
                let statement = try db.cachedStatement(sql: """
                    SELECT o.period FROM observations o JOIN revisions r ON r.id = o.revision_id
                    WHERE o.indicator = ? AND o.kind = 'actual' AND r.status <> 'withdrawn'
                    ORDER BY o.period_key DESC LIMIT 1
                    """)
                var out: [String: Period] = [:]
                for code in indicators {
                    if let period = try String.fetchOne(statement, arguments: [code]).flatMap({ Period($0) }) { out[code] = period }
                }
                return out
            }
        }
    }
}

extension Store {
    /// A number that grows whenever an observation changes: the newest revision's id.
    public func dataVersion() throws(StorageError) -> Int64 {
        try storageErrors {
            try timedRead { db in try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM revisions")) ?? 0 }
        }
    }
}
