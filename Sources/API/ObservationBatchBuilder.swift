import Domain
import HTTPServer
import Storage

/// Collects the observations of a write request as they are read: each is validated at once and
/// kept compact if valid, or its problems are noted. `finish()` then refuses the batch (403 for
/// a row outside the token's region, 422 listing the invalid and repeated rows) or hands it over.
/// The rules are `ObservationValidator`'s; `CSVObservationReader` takes a shortcut past it only
/// for rows it can tell it would accept.
struct ObservationBatchBuilder {
    /// How rows are pointed at in messages: one kind per body.
    enum Positions {
        case single, index, line
    }

    let catalogue: CatalogueSnapshot
    let validator: ObservationValidator
    /// Nil for the command line, which may write every region.
    let token: TokenRecord?
    let positions: Positions
    let maxRows: Int
    private(set) var batch: ObservationBatch
    /// Rows read, valid or not.
    private(set) var received = 0
    private var invalidRows = 0
    private var problemCount = 0
    /// The first `WriteAPI.maxListedProblems` problems, in row order.
    private var problems: [(position: Int, problem: FieldProblem)] = []
    private var forbidden: ProblemDetails?
    /// Per region number, once known: whether the token may write it.
    private var writable: [Bool?]

    init(catalogue: CatalogueSnapshot, token: TokenRecord?, positions: Positions, maxRows: Int) {
        self.catalogue = catalogue
        self.validator = ObservationValidator(indicators: catalogue.indicatorsByCode, regions: catalogue.regionCodes,
                                              currentYear: ReadAPI.currentYear())
        self.token = token
        self.positions = positions
        self.maxRows = maxRows
        batch = ObservationBatch(catalogue: catalogue)
        writable = Array(repeating: nil, count: batch.regions.count)
    }

    /// Counts a row read; 413 past the limit.
    mutating func count() throws(ProblemDetails) {
        guard received < maxRows else { throw ObservationBody.tooMany(maxRows) }
        received += 1
    }

    /// Validates a counted row and keeps it or its problems.
    mutating func add(_ input: ObservationInput, at position: Int) {
        switch validator.validate(input) {
        case .success(let o):
            guard let indicator = batch.codes.indicatorNumbers[o.indicator], let region = batch.codes.regionNumbers[o.region] else {
                // The validator knows the same catalogue: this cannot happen, but must not crash.
                reject(at: position, [FieldProblem(field: "indicator", reason: "not in the catalogue")])
                return
            }
            addValid(indicator: indicator, region: region, period: o.period, kind: o.kind, scope: o.scope, value: o.value,
                     status: o.status, bound: o.bound, note: o.note, at: position)
        case .failure(let failure):
            reject(at: position, failure.problems)
        }
    }

    /// Keeps a counted row known to be valid, by catalogue numbers (see `ObservationBatch`).
    mutating func addValid(indicator: Int, region: Int, period: Period, kind: ObservationKind, scope: RankScope?,
                           value: Double, status: ObservationStatus, bound: Bound?, note: String?, at position: Int) {
        guard forbidden == nil else { return }
        guard mayWrite(region) else {
            let token = token?.name ?? ""
            forbidden = ProblemDetails(
                status: .forbidden,
                detail: "token '\(token)' may write only region \(self.token?.region ?? "") and its subregions; \(describe(position)) is for \(batch.regions[region])",
                type: "/problems/forbidden")
            return
        }
        batch.append(indicator: indicator, region: region, period: period, kind: kind, scope: scope, value: value,
                     status: status, bound: bound, note: note, position: position)
    }

    private mutating func reject(at position: Int, _ rowProblems: [FieldProblem]) {
        invalidRows += 1
        problemCount += rowProblems.count
        for problem in rowProblems where problems.count < WriteAPI.maxListedProblems { problems.append((position, problem)) }
    }

    private mutating func mayWrite(_ region: Int) -> Bool {
        guard let token, token.region != nil else { return true }
        if let known = writable[region] { return known }
        let may = Authenticator.may(token, write: batch.regions[region], catalogue: catalogue)
        writable[region] = may
        return may
    }

    /// The batch, sorted by key, when every row is valid, allowed and given once.
    mutating func finish() throws(ProblemDetails) -> ObservationBatch {
        if let forbidden { throw forbidden }
        if let refusal = refusal() {
            let errors = refusal.listed.map { WriteAPI.errorJSON(locator($0.position), $0.problem) }
            throw ProblemDetails(
                status: .unprocessableContent, title: "Invalid observations",
                detail: "\(refusal.invalidRows) of \(received) observations are invalid; nothing was written",
                type: "/problems/invalid-observations",
                extensions: [("error_count", String(refusal.problemCount)), ("errors", "[" + errors.joined(separator: ",") + "]")])
        }
        return batch
    }

    /// Why a batch cannot be written: its first problems in row order, how many there are in
    /// all, and how many rows have one.
    struct Refusal {
        var listed: [(position: Int, problem: FieldProblem)]
        var problemCount: Int
        var invalidRows: Int
    }

    /// Sorts the batch and looks for repeated rows; nil when there is no problem at all.
    mutating func refusal() -> Refusal? {
        batch.sortByKey()
        let repeats = batch.repeats()
        guard problemCount > 0 || !repeats.isEmpty else { return nil }
        var listed = problems
        for (position, first) in repeats.prefix(WriteAPI.maxListedProblems) {
            listed.append((position, FieldProblem(field: "period", reason: "repeats the observation of \(describe(first)); send each observation once")))
        }
        // In row order; a row's own problems in the order the validator gave them.
        let ordered = listed.enumerated().sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }.map(\.element)
        return Refusal(listed: Array(ordered.prefix(WriteAPI.maxListedProblems)), problemCount: problemCount + repeats.count,
                       invalidRows: invalidRows + repeats.count)
    }

    func locator(_ position: Int) -> ObservationBody.Locator {
        switch positions {
        case .single: return .single
        case .index: return .index(position)
        case .line: return .line(position)
        }
    }

    func describe(_ position: Int) -> String { WriteAPI.describe(locator(position)) }
}
