import Domain
import HTTPServer
import Storage

extension WriteAPI {
    func postObservations(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let token = try auth.require(.editor, request)
        let dryRun = try p.bool("dry_run")
        let idempotencyKey = try Self.idempotencyKey(request)
        let requestHash = Self.sha256([Array(request.target.utf8), Array((request.headers["Content-Type"] ?? "").utf8), request.body])
        if let key = idempotencyKey, let replay = try replay(key: key, token: token.name, requestHash: requestHash) {
            return replay
        }
        let body = try ObservationBody.parse(request, maxRows: maxRows)
        let catalogue = try store.catalogue()
        let validator = ObservationValidator(indicators: catalogue.indicatorsByCode, regions: Set(catalogue.regionsByCode.keys),
                                             currentYear: ReadAPI.currentYear())
        var valid: [(ObservationBody.Locator, ValidObservation)] = []
        valid.reserveCapacity(body.rows.count)
        var errors: [String] = []
        var errorCount = 0
        var seen: [ObservationKey: ObservationBody.Locator] = [:]
        for (locator, input) in body.rows {
            switch validator.validate(input) {
            case .success(let observation):
                let key = Self.key(observation)
                if let first = seen[key] {
                    errorCount += 1
                    if errors.count < Self.maxListedProblems {
                        errors.append(Self.errorJSON(locator, FieldProblem(field: "period", reason: "repeats the observation of \(Self.describe(first)); send each observation once")))
                    }
                } else if !Authenticator.may(token, write: observation.region, catalogue: catalogue) {
                    throw ProblemDetails(status: .forbidden,
                                         detail: "token '\(token.name)' may write only region \(token.region ?? "") and its subregions; \(Self.describe(locator)) is for \(observation.region)",
                                         type: "/problems/forbidden")
                } else {
                    seen[key] = locator
                    valid.append((locator, observation))
                }
            case .failure(let failure):
                errorCount += failure.problems.count
                for problem in failure.problems where errors.count < Self.maxListedProblems { errors.append(Self.errorJSON(locator, problem)) }
            }
        }
        guard errorCount == 0 else {
            let rowsWithErrors = body.rows.count - valid.count
            throw ProblemDetails(
                status: .unprocessableContent, title: "Invalid observations",
                detail: "\(rowsWithErrors) of \(body.rows.count) observations are invalid; nothing was written",
                type: "/problems/invalid-observations",
                extensions: [("error_count", String(errorCount)), ("errors", "[" + errors.joined(separator: ",") + "]")])
        }

        let source = RevisionSource.user(token: token.name)
        let response = try store.write(dryRun: dryRun) { tx -> HTTPResponse in
            var created = 0, updated = 0, unchanged = 0
            var warnings: [String] = []
            var warningCount = 0
            var last: StoredObservation?
            for (locator, observation) in valid {
                let key = Self.key(observation)
                if let indicator = catalogue.indicatorsByCode[observation.indicator], indicator.aggregation == .sum,
                   let previous = try tx.previousYearToDate(of: key), previous.value > observation.value {
                    warningCount += 1
                    if warnings.count < Self.maxListedProblems { warnings.append(Self.errorJSON(locator, FieldProblem(
                        field: "value",
                        reason: "year-to-date \(JSONWriter.format(observation.value)) for \(observation.period) is below \(JSONWriter.format(previous.value)) for \(previous.period); a flow's year-to-date value should not fall"))) }
                }
                let change = ObservationChange(key: key, value: observation.value, status: observation.status,
                                               bound: observation.bound, note: observation.note)
                let result = try tx.record(change, source: source, requestID: request.requestID, catalogueChecked: true)
                switch result.outcome {
                case .created: created += 1
                case .updated: updated += 1
                case .unchanged: unchanged += 1
                }
                last = result.observation
            }
            var json = JSONWriter(capacity: 512 + warnings.count * 200)
            json.beginObject()
            json.key("status"); json.string(dryRun ? "dry_run" : "ok")
            json.key("dry_run"); json.bool(dryRun)
            json.key("received"); json.int(body.rows.count)
            json.key("created"); json.int(created)
            json.key("updated"); json.int(updated)
            json.key("unchanged"); json.int(unchanged)
            json.key("warning_count"); json.int(warningCount)
            json.key("warnings")
            json.raw(Array(("[" + warnings.joined(separator: ",") + "]").utf8))
            if body.single, let last {
                json.key("observation")
                ObservationEncoding.write(last, unit: catalogue.indicatorsByCode[last.key.indicator]?.unit, into: &json)
            }
            json.endObject()
            let status: HTTPStatus = created > 0 && !dryRun ? .created : .ok
            if let key = idempotencyKey, !dryRun {
                try tx.saveIdempotent(key: key, token: token.name, answer: IdempotentAnswer(
                    requestHash: requestHash, status: status.code, contentType: "application/json", body: json.bytes))
            }
            return Self.json(status, json.bytes)
        }
        return response
    }

    /// Errors and warnings listed in one answer; the counts always cover them all.
    static let maxListedProblems = 1000

    /// A saved answer for a retried request, or a 422 when the key was used for another one.
    private func replay(key: String, token: String, requestHash: String) throws -> HTTPResponse? {
        guard let saved = try store.idempotentAnswer(key: key, token: token) else { return nil }
        guard saved.requestHash == requestHash else {
            throw ProblemDetails(status: .unprocessableContent,
                                 detail: "Idempotency-Key '\(key)' was used for a different request; use a new key for new data",
                                 type: "/problems/idempotency-key-reused")
        }
        var response = HTTPResponse(status: HTTPStatus(saved.status, saved.status == 201 ? "Created" : "OK"),
                                    contentType: saved.contentType, body: saved.body)
        response.headers.add("Idempotent-Replayed", "true")
        return response
    }

    static func idempotencyKey(_ request: HTTPRequest) throws(ProblemDetails) -> String? {
        guard let key = request.headers["Idempotency-Key"] else { return nil }
        guard !key.isEmpty, key.utf8.count <= 200, key.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw ProblemDetails(status: .badRequest, detail: "Idempotency-Key must be 1–200 visible ASCII characters",
                                 type: "/problems/invalid-header", extensions: [("header", "\"Idempotency-Key\"")])
        }
        return key
    }

    static func key(_ o: ValidObservation) -> ObservationKey {
        ObservationKey(indicator: o.indicator, region: o.region, period: o.period, kind: o.kind, scope: o.scope)
    }

    static func describe(_ locator: ObservationBody.Locator) -> String {
        switch locator {
        case .single: return "the observation"
        case .index(let i): return "index \(i)"
        case .line(let l): return "line \(l)"
        }
    }
}
