import Domain
import Metrics

/// What the service needs of its database, as the API, the report loader and the commands use
/// it: one protocol per concern, and `DataStore` for all of them. `SQLiteStore` (SQLite, through GRDB
/// and the C API) is the first implementation; a second (PostgreSQL) implements the same
/// protocols, so nothing above this module changes with the backend.
///
/// Every method is synchronous and thread-safe, and fails with `StorageError`, whose cases
/// name what a caller answers differently (`unknownIndicator` is a 404, `staleRevision` a 412,
/// `conflict` a 409); a backend maps its own failures onto them.
public protocol DataStore: ObservationReading, ObservationWriting, DocumentStoring, TokenStoring, AuditReading,
    CatalogueStoring, StoreOperations {}

/// Reads of observations: the current state (series, cross-sections, single observations,
/// progress) and the history (revisions, `as_of`).
public protocol ObservationReading: Sendable {
    /// The catalogue, kept between changes.
    func catalogue() throws(StorageError) -> CatalogueSnapshot
    /// One page of a series or cross-section, and the cursor of the next.
    func observations(_ query: ObservationQuery) throws(StorageError) -> ObservationPage
    /// The same read, handing each row to `visit` as the database holds it (see
    /// `ObservationRow`): the dashboards' hot path, written straight into a response.
    func observations(_ query: ObservationQuery, visit: (ObservationRow) -> Void) throws(StorageError) -> PageCursor?
    /// One observation as it stands now, or as it stood at `asOf`; nil if it did not exist then.
    func observation(_ key: ObservationKey, asOf: Timestamp?) throws(StorageError) -> StoredObservation?
    /// Every revision of an observation, oldest first.
    func revisions(of key: ObservationKey) throws(StorageError) -> [Revision]
    /// One region's latest observation of `kind` for each indicator, in the order asked; for a
    /// `scoped` indicator (a rank) the latest of each scope.
    func latestObservations(region: String, indicators: [(code: String, scoped: Bool)],
                            kind: ObservationKind) throws(StorageError) -> [StoredObservation]
    /// For every indicator that has one, the latest period with a value of `kind` in force, over
    /// every region; an indicator absent has no value of that kind anywhere.
    func latestPeriods(kind: ObservationKind) throws(StorageError) -> [String: Period]
    /// A number that grows whenever an observation changes.
    func dataVersion() throws(StorageError) -> Int64
    /// The saved answer for an idempotency key of a token, if any.
    func idempotentAnswer(key: String, token: String) throws(StorageError) -> IdempotentAnswer?
}

extension ObservationReading {
    public func observation(_ key: ObservationKey) throws(StorageError) -> StoredObservation? {
        try observation(key, asOf: nil)
    }
}

/// The one way observations, and what goes with them, are written: a transaction
/// (`WriteTransaction`) in which everything lands together or not at all.
public protocol ObservationWriting: Sendable {
    /// Runs `body` in one write transaction.
    func write<T>(_ body: (any WriteTransaction) throws -> T) throws(StorageError) -> T
    /// Records a batch in one transaction; `finish` runs in it once the rows are written, and a
    /// dry run rolls everything back after it.
    func record<T>(_ batch: ObservationBatch, source: RevisionSource, requestID: String?, dryRun: Bool,
                   then finish: (any WriteTransaction, WriteSummary) throws -> T) throws(StorageError) -> T
}

extension ObservationWriting {
    /// Records one change in its own transaction (see `WriteTransaction.record`).
    @discardableResult
    public func record(_ change: ObservationChange, source: RevisionSource, requestID: String? = nil,
                       expectedRevision: Int64?? = nil) throws(StorageError) -> (outcome: WriteOutcome, observation: StoredObservation) {
        try write { try $0.record(change, source: source, requestID: requestID, expectedRevision: expectedRevision) }
    }

    public func record<T>(_ batch: ObservationBatch, source: RevisionSource, requestID: String?,
                          then finish: (any WriteTransaction, WriteSummary) throws -> T) throws(StorageError) -> T {
        try record(batch, source: source, requestID: requestID, dryRun: false, then: finish)
    }
}

/// What a write transaction offers: the observation writer, the reads that see what it wrote,
/// and the writes that go with an observation change (an idempotency record, a fact's review).
public protocol WriteTransaction {
    /// Records a batch of observations: a revision per changed row and the current state set to
    /// it. `expectedRevision` is an If-Match for a batch of one.
    @discardableResult
    func record(_ batch: ObservationBatch, source: RevisionSource, requestID: String?,
                expectedRevision: Int64??) throws -> WriteSummary
    /// An observation as it stands in this transaction.
    func observation(_ key: ObservationKey) throws -> StoredObservation?
    /// Saves the answer to a request with an Idempotency-Key, with its writes.
    func saveIdempotent(key: String, token: String, answer: IdempotentAnswer) throws
    /// Accepts a fact: its value becomes a revision citing the document span.
    func acceptFact(document id: Int64, seq: Int, by token: String?, requestID: String?,
                    region: String?, period: Period?) throws -> FactReviewOutcome
    func rejectFact(document id: Int64, seq: Int, by token: String?, requestID: String?) throws -> Fact
    func rejectUnmapped(document id: Int64, seq: Int, by token: String?, requestID: String?) throws -> UnmappedFact
    /// Appends an entry to the audit log.
    func audit(action: String, entity: String, token: String?, detail: [String: String], requestID: String?,
               at time: Timestamp) throws
}

extension WriteTransaction {
    /// Records one change, a batch of one; returns what it did and the observation as it now
    /// stands. A nil value with status `withdrawn` withdraws the observation.
    @discardableResult
    public func record(_ change: ObservationChange, source: RevisionSource, requestID: String? = nil,
                       expectedRevision: Int64?? = nil) throws -> (outcome: WriteOutcome, observation: StoredObservation) {
        let summary = try record(ObservationBatch(change), source: source, requestID: requestID,
                                 expectedRevision: expectedRevision)
        guard let observation = try observation(change.key) else {
            throw StorageError.io("the observation just recorded cannot be read back")
        }
        return (summary.created > 0 ? .created : summary.updated > 0 ? .updated : .unchanged, observation)
    }

    @discardableResult
    public func record(_ batch: ObservationBatch, source: RevisionSource, requestID: String? = nil) throws -> WriteSummary {
        try record(batch, source: source, requestID: requestID, expectedRevision: nil)
    }

    public func acceptFact(document id: Int64, seq: Int, by token: String?) throws -> FactReviewOutcome {
        try acceptFact(document: id, seq: seq, by: token, requestID: nil, region: nil, period: nil)
    }

    public func rejectFact(document id: Int64, seq: Int, by token: String?) throws -> Fact {
        try rejectFact(document: id, seq: seq, by: token, requestID: nil)
    }

    public func audit(action: String, entity: String, token: String?, detail: [String: String] = [:],
                      requestID: String? = nil) throws {
        try audit(action: action, entity: entity, token: token, detail: detail, requestID: requestID, at: .now())
    }
}

/// Report documents, their facts and the figures of phrases the catalogue lacks.
public protocol DocumentStoring: Sendable {
    /// Stores a document once per text, with its facts and unmapped figures.
    func saveDocument(_ document: NewDocument, facts: [Fact], unmapped: [UnmappedFact])
        throws(StorageError) -> (id: Int64, created: Bool, facts: [Fact], unmapped: [UnmappedFact])
    /// Documents newest first, without their text.
    func documents(limit: Int, offset: Int) throws(StorageError) -> [StoredDocument]
    /// One document with its text, or nil.
    func document(id: Int64) throws(StorageError) -> StoredDocument?
    /// The facts of a document in text order; nil when there is no such document.
    func facts(document id: Int64) throws(StorageError) -> [Fact]?
    /// The unmapped figures of a document in text order; nil when there is no such document.
    func unmappedFacts(document id: Int64) throws(StorageError) -> [UnmappedFact]?
    /// Maps an unmapped figure's phrase to an indicator (see `SQLiteTransaction.mapUnmapped`).
    func mapUnmapped(document id: Int64, seq: Int, to code: String, as mapping: UnmappedFact.Mapping?, by token: String?,
                     requestID: String?) throws(StorageError) -> UnmappedMappingOutcome
    /// Creates an indicator from an unmapped figure and maps the figure to it.
    func createIndicator(_ indicator: Indicator, fromUnmapped seq: Int, document id: Int64, by token: String?,
                         requestID: String?) throws(StorageError) -> UnmappedMappingOutcome
}

extension DocumentStoring {
    public func saveDocument(_ document: NewDocument, facts: [Fact] = [])
        throws(StorageError) -> (id: Int64, created: Bool, facts: [Fact], unmapped: [UnmappedFact]) {
        try saveDocument(document, facts: facts, unmapped: [])
    }

    public func documents(limit: Int) throws(StorageError) -> [StoredDocument] { try documents(limit: limit, offset: 0) }

    public func mapUnmapped(document id: Int64, seq: Int, to code: String, as mapping: UnmappedFact.Mapping? = nil,
                            by token: String?) throws(StorageError) -> UnmappedMappingOutcome {
        try mapUnmapped(document: id, seq: seq, to: code, as: mapping, by: token, requestID: nil)
    }
}

extension TokenStoring {
    public func createToken(name: String, role: TokenRole, region: String?) throws(StorageError) -> String {
        try createToken(name: name, role: role, region: region, expiresAt: nil)
    }

    public func lookUpToken(secret: String) throws(StorageError) -> TokenLookup { try lookUpToken(secret: secret, at: .now()) }
}

extension CatalogueStoring {
    public func upsertIndicator(_ indicator: Indicator, by token: String?) throws(StorageError) -> Bool {
        try upsertIndicator(indicator, by: token, requestID: nil)
    }

    public func upsertRegion(_ region: Region, by token: String?) throws(StorageError) -> Bool {
        try upsertRegion(region, by: token, requestID: nil)
    }
}

/// API tokens: only their secrets' SHA-256 is kept.
public protocol TokenStoring: Sendable {
    /// Creates a token and returns its secret, shown once.
    func createToken(name: String, role: TokenRole, region: String?, expiresAt: Timestamp?) throws(StorageError) -> String
    func tokens() throws(StorageError) -> [TokenRecord]
    func revokeToken(name: String) throws(StorageError)
    /// The token whose secret this is: active, expired, or unknown (revoked ones are unknown).
    func lookUpToken(secret: String, at time: Timestamp) throws(StorageError) -> TokenLookup
    /// Notes that a token was used, at most once a minute per token and never blocking.
    func noteTokenUse(_ token: TokenRecord, at time: Timestamp)
}

/// The audit trail: catalogue, token and document events, and every observation change.
public protocol AuditReading: Sendable {
    func audit(since: Timestamp?, token: String?, beforeID: Int64?, limit: Int) throws(StorageError) -> [AuditEntry]
}

/// The catalogue of indicators and regions.
public protocol CatalogueStoring: Sendable {
    /// Inserts or updates the catalogue from its files; nothing is deleted.
    func seed(indicators: [Indicator], regions: [Region]) throws(StorageError) -> CatalogueSeedSummary
    /// Adds or renames an indicator (with its derived ones) on behalf of a token; true when new.
    func upsertIndicator(_ indicator: Indicator, by token: String?, requestID: String?) throws(StorageError) -> Bool
    /// Adds or renames a region on behalf of a token; true when new.
    func upsertRegion(_ region: Region, by token: String?, requestID: String?) throws(StorageError) -> Bool
    func indicators() throws(StorageError) -> [Indicator]
    func regions() throws(StorageError) -> [Region]
}

/// What operations need: readiness, backups, and the figures `/metrics` shows.
public protocol StoreOperations: Sendable {
    /// Where the data is, for messages.
    var path: String { get }
    /// Durations of write transactions and of reads.
    var writeDurations: DurationHistogram { get }
    var readDurations: DurationHistogram { get }
    /// Proves the database accepts writes, writing nothing.
    func probeWritable() throws(StorageError)
    func migrationsAreCurrent() throws(StorageError) -> Bool
    /// An online, consistent copy of the database.
    func backup(to destination: String) throws(StorageError)
    func contentTotals() throws(StorageError) -> (documents: Int, facts: Int, revisions: Int)
}
