import Domain
import HTTPServer
import Storage

extension WriteAPI {
    /// Authorizes from the head alone, so that a refused upload is never read; then reads the
    /// body as it streams (CSV row by row, validating each; JSON collected up to the general
    /// body limit) and writes the batch in one transaction once it has all arrived, so that a
    /// slow upload never holds the writer.
    func postObservations(_ request: HTTPRequest, _ p: QueryParameters) throws -> HTTPResponse {
        let token = try request.token()
        let dryRun = try p.bool("dry_run")
        let idempotencyKey = try Self.idempotencyKey(request)
        let mediaType = request.headers.mediaType
        guard mediaType == "application/json" || mediaType == "text/csv" else {
            throw ProblemDetails(status: .unsupportedMediaType,
                                 detail: "send application/json (an object or an array of objects) or text/csv with a header row",
                                 type: "/problems/unsupported-media-type")
        }
        let stream = request.bodyStream ?? RequestBodyStream(bytes: request.body)
        var digest = RequestDigest(target: request.target, contentType: request.headers["Content-Type"] ?? "")
        let catalogue = try store.catalogue()
        var builder: ObservationBatchBuilder
        var single = false
        if mediaType == "text/csv" {
            builder = ObservationBatchBuilder(catalogue: catalogue, token: token, positions: .line, maxRows: maxRows)
            var reader = CSVObservationReader(builder: builder)
            while let piece = try stream.next() {
                digest.addBody(piece)
                try reader.feed(piece, into: &builder)
            }
            try reader.finish(into: &builder)
        } else {
            let bytes = try collectJSON(request, stream, into: &digest)
            let body = try ObservationBody.json(bytes, maxRows: maxRows)
            single = body.single
            builder = ObservationBatchBuilder(catalogue: catalogue, token: token, positions: single ? .single : .index,
                                              maxRows: maxRows)
            for (locator, input) in body.rows {
                try builder.count()
                if case .index(let i) = locator { builder.add(input, at: i) } else { builder.add(input, at: 0) }
            }
        }
        let requestHash = digest.finish()
        if let key = idempotencyKey, let replay = try replay(key: key, token: token.name, requestHash: requestHash) {
            return replay
        }
        let batch = try builder.finish()
        let received = builder.received
        return try store.record(batch, source: .user(token: token.name), requestID: request.requestID,
                                dryRun: dryRun) { tx, summary -> HTTPResponse in
            var json = JSONWriter(capacity: 512 + min(summary.warnings.count, Self.maxListedProblems) * 200)
            json.beginObject()
            json.key("status"); json.string(dryRun ? "dry_run" : "ok")
            json.key("dry_run"); json.bool(dryRun)
            json.key("received"); json.int(received)
            json.key("created"); json.int(summary.created)
            json.key("updated"); json.int(summary.updated)
            json.key("unchanged"); json.int(summary.unchanged)
            json.key("warning_count"); json.int(summary.warnings.count)
            json.key("warnings")
            json.raw(Array(("[" + Self.warningsJSON(summary.warnings, builder).joined(separator: ",") + "]").utf8))
            if single, let row = batch.rows.first, let observation = try tx.observation(batch.key(row)) {
                json.key("observation")
                ObservationEncoding.write(observation, unit: catalogue.indicatorsByCode[observation.key.indicator]?.unit, into: &json)
            }
            json.endObject()
            let status: HTTPStatus = summary.created > 0 && !dryRun ? .created : .ok
            if let key = idempotencyKey, !dryRun {
                try tx.saveIdempotent(key: key, token: token.name, answer: IdempotentAnswer(
                    requestHash: requestHash, status: status.code, contentType: "application/json", body: json.bytes))
            }
            return Self.json(status, json.bytes)
        }
    }

    /// A JSON body, which is parsed whole: held to the server's general body limit (the larger
    /// limit of this route is for CSV), refused from its Content-Length before it is read.
    private func collectJSON(_ request: HTTPRequest, _ stream: RequestBodyStream,
                             into digest: inout RequestDigest) throws(ProblemDetails) -> [UInt8] {
        let tooLarge = ProblemDetails(status: .contentTooLarge,
                                      detail: "a JSON body may have at most \(jsonBodyLimit) bytes; send large batches as text/csv",
                                      type: "/problems/body-too-large")
        if let length = request.headers["Content-Length"].flatMap(Int.init), length > jsonBodyLimit { throw tooLarge }
        var bytes: [UInt8] = []
        while let piece = try stream.next() {
            guard bytes.count + piece.count <= jsonBodyLimit else { throw tooLarge }
            digest.addBody(piece)
            bytes += piece
        }
        return bytes
    }

    /// The first warnings in row order, as the answer lists them.
    private static func warningsJSON(_ warnings: [YearToDateWarning], _ builder: ObservationBatchBuilder) -> [String] {
        let listed = warnings.count <= maxListedProblems
            ? warnings.sorted { $0.position < $1.position }
            : Array(warnings.sorted { $0.position < $1.position }.prefix(maxListedProblems))
        return listed.map { w in
            errorJSON(builder.locator(w.position), FieldProblem(
                field: "value",
                reason: "year-to-date \(JSONWriter.format(w.value)) for \(w.period) is below \(JSONWriter.format(w.previousValue)) for \(w.previousPeriod); a flow's year-to-date value should not fall"))
        }
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
