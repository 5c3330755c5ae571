import Extraction
import ReportLoader
import Storage

/// The JSON of documents and facts, shared by every document endpoint. Fact fields are those
/// of `zhibiao load --format json`, plus the fact's number and its review.
enum DocumentEncoding {
    static func document(_ d: StoredDocument, into json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); json.int(d.id)
        json.key("sha256"); json.string(d.sha256)
        json.key("source"); json.string(d.source)
        json.key("content_type"); json.string(d.contentType)
        json.key("title"); json.string(d.title)
        json.key("publisher"); json.string(d.publisher)
        json.key("published_on"); json.string(d.publishedOn)
        json.key("region"); json.string(d.region)
        json.key("report_year"); optionalInt(d.reportYear, into: &json)
        json.key("loaded_at"); json.string(d.loadedAt.rfc3339)
        json.key("loaded_by"); json.string(d.loadedBy)
        json.key("facts")
        json.beginObject()
        for review in DocumentFact.Review.allCases {
            json.key(text: review.rawValue); json.int(d.reviewCounts[review] ?? 0)
        }
        json.endObject()
        json.endObject()
    }

    /// A load's document: what is stored, or for a dry run what would be.
    static func document(_ r: LoadReport, into json: inout JSONWriter) {
        json.beginObject()
        json.key("id"); optionalInt(r.documentID, into: &json)
        json.key("sha256"); json.string(r.document.sha256)
        json.key("source"); json.string(r.document.source)
        json.key("content_type"); json.string(r.document.contentType)
        json.key("title"); json.string(r.document.title)
        json.key("publisher"); json.string(r.document.publisher)
        json.key("published_on"); json.string(r.document.publishedOn)
        json.key("region"); json.string(r.document.region)
        json.key("report_year"); optionalInt(r.document.reportYear, into: &json)
        json.endObject()
    }

    static func fact(_ f: DocumentFact, outcome: WriteOutcome? = nil, into json: inout JSONWriter) {
        json.beginObject()
        json.key("seq"); json.int(f.seq)
        json.key("indicator"); json.string(f.indicator)
        json.key("scope"); json.string(f.scope?.rawValue)
        json.key("region"); json.string(f.region)
        json.key("period"); json.string(f.period.description)
        json.key("kind"); json.string(f.kind.rawValue)
        json.key("value"); json.number(f.value)
        json.key("unit"); json.string(f.unit)
        json.key("bound"); json.string(f.bound?.rawValue)
        json.key("status"); json.string(f.status.rawValue)
        json.key("approximate"); json.bool(f.approximate)
        json.key("confidence"); json.number(f.confidence)
        json.key("quote"); json.string(f.quote)
        json.key("start"); json.int(f.start)
        json.key("end"); json.int(f.end)
        json.key("review"); json.string(f.review.rawValue)
        json.key("reviewed_by"); json.string(f.reviewedBy)
        json.key("reviewed_at"); json.string(f.reviewedAt?.rfc3339)
        json.key("revision"); optionalInt(f.revisionID, into: &json)
        if let outcome { json.key("outcome"); json.string(outcome.rawValue) }
        json.endObject()
    }

    static func skipped(_ s: SkippedFact, into json: inout JSONWriter) {
        json.beginObject()
        json.key("indicator"); json.string(s.fact.indicator)
        json.key("region"); json.string(s.fact.region)
        json.key("period"); json.string(s.fact.period?.description)
        json.key("kind"); json.string(s.fact.kind.rawValue)
        json.key("value"); json.number(s.fact.value)
        json.key("quote"); json.string(s.fact.quote)
        json.key("start"); json.int(s.fact.start)
        json.key("end"); json.int(s.fact.end)
        json.key("reason"); json.string(s.reason)
        json.endObject()
    }

    private static func optionalInt(_ value: (some BinaryInteger)?, into json: inout JSONWriter) {
        if let value { json.int(value) } else { json.null() }
    }
}
