import HTTPServer

/// JSON or CSV, from `format=` or else the Accept header (JSON when it allows anything).
enum Representation: String {
    case json, csv

    static func negotiate(_ request: HTTPRequest, format: String?, csvOffered: Bool) throws(ProblemDetails) -> Representation {
        if let format {
            guard format == "json" || (format == "csv" && csvOffered) else {
                throw Problems.badParameter("format", "'\(format)' is not offered here")
            }
            return format == "csv" ? .csv : .json
        }
        guard let accept = request.headers["Accept"], !accept.isEmpty else { return .json }
        var best: (Representation, Double)?
        for item in accept.split(separator: ",") {
            let parts = item.split(separator: ";")
            let type = parts.first.map { $0.trimmingSpaces().lowercased() } ?? ""
            var q = 1.0
            for parameter in parts.dropFirst() {
                let p = parameter.trimmingSpaces()
                if p.hasPrefix("q="), let value = Double(p.dropFirst(2)) { q = value }
            }
            guard q > 0 else { continue }
            let candidate: Representation?
            switch type {
            case "text/csv": candidate = csvOffered ? .csv : nil
            case "application/json", "application/*", "*/*", "application/problem+json": candidate = .json
            case "text/*": candidate = csvOffered ? .csv : nil
            default: candidate = nil
            }
            if let candidate, q > (best?.1 ?? 0) { best = (candidate, q) }
        }
        guard let chosen = best?.0 else { throw Problems.notAcceptable(accept) }
        return chosen
    }

    var contentType: String {
        switch self {
        case .json: return "application/json"
        case .csv: return "text/csv; charset=utf-8"
        }
    }
}
