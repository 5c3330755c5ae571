import Domain
import GRDB

extension SQLiteTransaction {
    /// A document's unmapped figure by its number, or `notFound` naming what is missing.
    public func unmappedFact(document id: Int64, seq: Int) throws -> UnmappedFact {
        guard try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM documents WHERE id = ?"), arguments: [id]) != nil else {
            throw StorageError.notFound("document \(id)")
        }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM unmapped_facts WHERE document_id = ? AND seq = ?"),
                                         arguments: [id, seq])
        else { throw StorageError.notFound("unmapped fact \(seq) of document \(id)") }
        return try SQLiteStore.unmappedFact(row)
    }

    /// Maps an unmapped figure's phrase to a base indicator: the phrase becomes a learned alias of
    /// it (so the next extractor built from the catalogue reads the phrase itself), and the figure
    /// a proposed fact of the indicator (`as: .growth`: of `<code>_growth`), appended to the
    /// document's facts for the usual review. `as` nil: what the figure suggests (growth for a
    /// growth rate). The figure's unit must be the indicator's and its
    /// value one the indicator may take; errors name the field (`indicator`, `as`).
    ///
    /// Mapping again to the same indicator changes nothing; to another, or after a rejection, is
    /// a conflict. The caller invalidates the catalogue cache after the commit (`SQLiteStore.mapUnmapped`).
    public func mapUnmapped(document id: Int64, seq: Int, to code: String, as requested: UnmappedFact.Mapping? = nil,
                            by token: String?, requestID: String? = nil) throws -> UnmappedMappingOutcome {
        var unmapped = try unmappedFact(document: id, seq: seq)
        let mapping = requested ?? unmapped.suggestedMapping
        guard let base = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM indicators WHERE code = ?"), arguments: [code])
            .map(SQLiteStore.indicator)
        else { throw StorageError.invalidField(field: "indicator", reason: "'\(code)' is not an indicator in the catalogue") }
        if let of = base.base {
            throw StorageError.invalidField(field: "indicator", reason: "'\(code)' is derived from \(of): name the base indicator (with \"as\": \"growth\" for a growth rate)")
        }
        let targetCode = mapping == .growth ? DerivedMeasure.growth.code(for: code) : code
        switch unmapped.review {
        case .mapped where unmapped.mappedIndicator == targetCode:
            guard let factSeq = unmapped.factSeq else { break }
            return UnmappedMappingOutcome(unmapped: unmapped, fact: try fact(document: id, seq: factSeq), aliasAdded: false, changed: false)
        case .mapped:
            throw StorageError.conflict("unmapped fact \(seq) of document \(id) is mapped to \(unmapped.mappedIndicator ?? "?") already")
        case .rejected:
            throw StorageError.conflict("unmapped fact \(seq) of document \(id) was rejected")
        case .proposed:
            break
        }
        guard let target = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM indicators WHERE code = ?"), arguments: [targetCode])
            .map(SQLiteStore.indicator)
        else { throw StorageError.invalidField(field: "as", reason: "\(code) has no \(targetCode)") }
        try Self.checkFits(unmapped, target, mapping: mapping)

        let aliasAdded = try addLearnedAlias(unmapped.phrase, to: code)
        let factSeq = (try Int.fetchOne(db.cachedStatement(sql: "SELECT max(seq) FROM facts WHERE document_id = ?"), arguments: [id]) ?? 0) + 1
        var fact = Fact(
            indicator: targetCode, scope: nil, region: unmapped.region, period: unmapped.period, kind: unmapped.kind,
            value: unmapped.value, unit: target.unit, bound: unmapped.bound, status: .provisional,
            approximate: unmapped.approximate, confidence: unmapped.confidence,
            reasons: unmapped.reasons + ["mapped in review: 「\(unmapped.phrase)」 → \(targetCode)"],
            quote: unmapped.quote, start: unmapped.start, end: unmapped.end)
        try insertFact(fact, document: id, seq: factSeq)
        fact.seq = factSeq
        let now = Timestamp.now()
        try db.execute(sql: """
            UPDATE unmapped_facts SET review = 'mapped', reviewed_by = ?, reviewed_at = ?, indicator = ?, fact_seq = ?
            WHERE document_id = ? AND seq = ?
            """, arguments: [token, now.microseconds, targetCode, factSeq, id, seq])
        let entity = "document:\(id)/unmapped:\(seq)"
        try audit(action: "unmapped.map", entity: entity, token: token,
                  detail: ["phrase": unmapped.phrase, "indicator": code, "as": mapping.rawValue, "fact": "\(factSeq)",
                           "alias": aliasAdded ? "added" : "present"], requestID: requestID)
        if aliasAdded {
            try audit(action: "indicator.alias", entity: "indicator:\(code)", token: token,
                      detail: ["alias": unmapped.phrase, "from": entity], requestID: requestID)
        }
        unmapped.review = .mapped
        unmapped.reviewedBy = token
        unmapped.reviewedAt = now
        unmapped.mappedIndicator = targetCode
        unmapped.factSeq = factSeq
        return UnmappedMappingOutcome(unmapped: unmapped, fact: fact, aliasAdded: aliasAdded, changed: true)
    }

    /// Marks an unmapped figure rejected: the phrase stays unknown, and the figure with its document.
    public func rejectUnmapped(document id: Int64, seq: Int, by token: String?, requestID: String? = nil) throws -> UnmappedFact {
        var unmapped = try unmappedFact(document: id, seq: seq)
        switch unmapped.review {
        case .rejected:
            return unmapped
        case .mapped:
            throw StorageError.conflict("unmapped fact \(seq) of document \(id) is mapped already; reject the fact it became (\(unmapped.factSeq ?? 0)) instead")
        case .proposed:
            let now = Timestamp.now()
            try db.execute(sql: """
                UPDATE unmapped_facts SET review = 'rejected', reviewed_by = ?, reviewed_at = ? WHERE document_id = ? AND seq = ?
                """, arguments: [token, now.microseconds, id, seq])
            try audit(action: "unmapped.reject", entity: "document:\(id)/unmapped:\(seq)", token: token,
                      detail: ["phrase": unmapped.phrase], requestID: requestID)
            unmapped.review = .rejected
            unmapped.reviewedBy = token
            unmapped.reviewedAt = now
            return unmapped
        }
    }

    /// Adds a catalogue indicator (with its derived ones), refusing one whose code exists: 409.
    /// The caller invalidates the catalogue cache after the commit.
    public func createIndicator(_ indicator: Indicator, by token: String?, requestID: String? = nil) throws {
        if try Int.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM indicators WHERE code = ?"), arguments: [indicator.code]) != nil {
            throw StorageError.conflict("indicator '\(indicator.code)' exists already; map the figure to it instead")
        }
        let now = Timestamp.now().microseconds
        for item in [indicator] + indicator.derived() { try SQLiteStore.upsert(item, db, now: now) }
        try audit(action: "indicator.create", entity: "indicator:\(indicator.code)", token: token,
                  detail: ["name_zh": indicator.nameZh, "name_en": indicator.nameEn, "unit": indicator.unit.rawValue],
                  requestID: requestID)
    }

    /// Keeps `phrase` as an alias of a base indicator in `learned_aliases_zh`, which the seed
    /// from indicators.yaml leaves alone. Returns false when the indicator has it already; a
    /// phrase that names another indicator is a conflict (the extractor could not tell them apart).
    func addLearnedAlias(_ phrase: String, to code: String) throws -> Bool {
        let owners = try String.fetchAll(db.cachedStatement(sql: """
            SELECT code FROM indicators WHERE name_zh = ?1
                OR EXISTS (SELECT 1 FROM json_each(aliases_zh) WHERE value = ?1)
                OR EXISTS (SELECT 1 FROM json_each(learned_aliases_zh) WHERE value = ?1)
            """), arguments: [phrase])
        if owners.contains(code) { return false }
        if let other = owners.first {
            throw StorageError.conflict("「\(phrase)」 already names indicator \(other)")
        }
        try db.cachedStatement(sql: """
            UPDATE indicators SET learned_aliases_zh = json_insert(learned_aliases_zh, '$[#]', ?), updated_at = ? WHERE code = ?
            """).execute(arguments: [phrase, Timestamp.now().microseconds, code])
        return true
    }

    /// Whether a figure can be a value of `target`: the same unit (a plain number fits an index
    /// or a per-capita ratio), a growth rate only as a growth, and within the indicator's range.
    static func checkFits(_ u: UnmappedFact, _ target: Indicator, mapping: UnmappedFact.Mapping) throws {
        if u.isGrowth, mapping == .value {
            throw StorageError.invalidField(field: "as", reason: "「\(u.phrase)」 \(NumberText.format(u.value))% is a growth rate: map it as growth")
        }
        let plain: Set<IndicatorUnit> = [.index, .per1000Enterprises, .per10kPeople]
        let unit = u.unit
        let fits = unit == target.unit || (unit == .index && plain.contains(target.unit))
        guard fits else {
            let field = mapping == .growth ? "as" : "indicator"
            throw StorageError.invalidField(field: field, reason: "\(target.code) is in \(target.unit.rawValue); the figure is in \(u.unit.rawValue)")
        }
        guard ObservationValidator.valueRule(for: target).accepts(u.value) else {
            throw StorageError.invalidField(field: "indicator", reason: "\(NumberText.format(u.value)) is not a value \(target.code) may take")
        }
    }
}
