import Domain
import Extraction
import ReportLoader
import Storage

/// The JSON of documents and facts, shared by every document endpoint. Fact fields are those
/// of `zhibiao load --format json`, plus the fact's number, its review, what a reviewer must
/// supply (`missing`) and whether its confidence is below the attention threshold.
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
        for review in Fact.Review.allCases {
            json.key(text: review.rawValue); json.int(d.reviewCounts[review] ?? 0)
        }
        json.endObject()
        json.key("unmapped")
        json.beginObject()
        for review in UnmappedFact.Review.allCases {
            json.key(text: review.rawValue); json.int(d.unmappedCounts[review] ?? 0)
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

    /// `attentionBelow`: a confidence under it marks the fact `attention: true` for review.
    static func fact(_ f: Fact, attentionBelow: Double, outcome: WriteOutcome? = nil, into json: inout JSONWriter) {
        json.beginObject()
        json.key("seq"); json.int(f.seq)
        json.key("indicator"); json.string(f.indicator)
        json.key("scope"); json.string(f.scope?.rawValue)
        json.key("region"); json.string(f.region)
        json.key("period"); json.string(f.period?.description)
        json.key("missing"); strings(f.missing, into: &json)
        json.key("kind"); json.string(f.kind.rawValue)
        json.key("value"); json.number(f.value)
        json.key("unit"); json.string(f.unit.rawValue)
        json.key("bound"); json.string(f.bound?.rawValue)
        json.key("status"); json.string(f.status.rawValue)
        json.key("approximate"); json.bool(f.approximate)
        json.key("confidence"); json.number(f.confidence)
        json.key("attention"); json.bool(f.confidence < attentionBelow)
        json.key("reasons"); strings(f.reasons, into: &json)
        json.key("note"); json.string(f.note)
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

    /// A figure of a phrase the catalogue lacks; `mapped_to` names the indicator and the fact it
    /// became once mapped.
    static func unmapped(_ u: UnmappedFact, attentionBelow: Double, into json: inout JSONWriter) {
        json.beginObject()
        json.key("seq"); json.int(u.seq)
        json.key("phrase"); json.string(u.phrase)
        json.key("region"); json.string(u.region)
        json.key("period"); json.string(u.period?.description)
        json.key("kind"); json.string(u.kind.rawValue)
        json.key("value"); json.number(u.value)
        json.key("unit"); json.string(u.unit.rawValue)
        json.key("classifier"); json.string(u.classifier)
        json.key("is_growth"); json.bool(u.isGrowth)
        json.key("suggested_as"); json.string(u.suggestedMapping.rawValue)
        json.key("bound"); json.string(u.bound?.rawValue)
        json.key("approximate"); json.bool(u.approximate)
        json.key("confidence"); json.number(u.confidence)
        json.key("attention"); json.bool(u.confidence < attentionBelow)
        json.key("reasons"); strings(u.reasons, into: &json)
        json.key("quote"); json.string(u.quote)
        json.key("start"); json.int(u.start)
        json.key("end"); json.int(u.end)
        json.key("review"); json.string(u.review.rawValue)
        json.key("reviewed_by"); json.string(u.reviewedBy)
        json.key("reviewed_at"); json.string(u.reviewedAt?.rfc3339)
        json.key("mapped_to")
        if let indicator = u.mappedIndicator, let fact = u.factSeq {
            json.beginObject()
            json.key("indicator"); json.string(indicator)
            json.key("fact"); json.int(fact)
            json.endObject()
        } else {
            json.null()
        }
        json.endObject()
    }

    static func skipped(_ s: SkippedFact, into json: inout JSONWriter) {
        json.beginObject()
        switch s.found {
        case .fact(let f): json.key("indicator"); json.string(f.indicator)
        case .unmapped(let u): json.key("phrase"); json.string(u.phrase)
        }
        json.key("region"); json.string(s.region)
        json.key("period"); json.string(s.period?.description)
        json.key("kind"); json.string(s.kind.rawValue)
        json.key("value"); json.number(s.value)
        json.key("quote"); json.string(s.quote)
        json.key("start"); json.int(s.start)
        json.key("end"); json.int(s.end)
        json.key("reason"); json.string(s.reason)
        json.endObject()
    }

    private static func strings(_ values: [String], into json: inout JSONWriter) {
        json.beginArray()
        for value in values { json.string(value) }
        json.endArray()
    }

    private static func optionalInt(_ value: (some BinaryInteger)?, into json: inout JSONWriter) {
        if let value { json.int(value) } else { json.null() }
    }
}
