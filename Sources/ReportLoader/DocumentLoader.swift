import Domain
import Extraction
import Storage

/// Bytes of a report → text → facts → the store, with the document kept once per text.
///
/// Build one per catalogue state (the extractor's alias tables are built in `init`) and call
/// `load` for each report.
public struct DocumentLoader: Sendable {
    let store: Store
    let catalogue: CatalogueSnapshot
    let extractor: ReportExtractor
    let pdf: PDFText

    public init(store: Store, pdf: PDFText = PDFText()) throws(StorageError) {
        self.init(store: store, catalogue: try store.catalogue(), pdf: pdf)
    }

    init(store: Store, catalogue: CatalogueSnapshot, pdf: PDFText = PDFText()) {
        self.store = store
        self.catalogue = catalogue
        self.pdf = pdf
        extractor = ReportExtractor(indicators: catalogue.indicators, regions: catalogue.regions)
    }

    /// Decodes, extracts and (unless `dryRun`) stores. `region` and `year` override what the
    /// document says about itself. Facts and unmapped figures whose confidence is below
    /// `minConfidence` are left out (counted in `belowConfidence`).
    public func load(_ report: FetchedReport, region: String? = nil, year: Int? = nil, loadedBy: String? = nil,
                     dryRun: Bool = false, minConfidence: Double? = nil) throws(DocumentLoadError) -> LoadReport {
        if let region, catalogue.regionsByCode[region] == nil { throw .unknownRegion(region) }
        let decoded = try ReportDecoder.decode(report, pdf: pdf)
        let context = ExtractionContext(region: region, year: year, title: decoded.title)
        let result = extractor.extract(decoded.text, context: context)
        let confident = { (confidence: Double) in minConfidence.map { confidence >= $0 } ?? true }
        var keep: [DocumentFact] = []
        var unmapped: [DocumentUnmappedFact] = []
        var skipped: [SkippedFact] = []
        var belowConfidence = 0
        for fact in result.facts {
            if !confident(fact.confidence) {
                belowConfidence += 1
            } else if let reason = skipReason(fact) {
                skipped.append(SkippedFact(fact: fact, reason: reason))
            } else {
                keep.append(Self.documentFact(fact))
            }
        }
        for figure in result.unmapped {
            if !confident(figure.confidence) {
                belowConfidence += 1
            } else if !figure.value.isFinite {
                skipped.append(SkippedFact(unmapped: figure, reason: "value is not a finite number"))
            } else {
                unmapped.append(documentUnmappedFact(figure))
            }
        }
        let metadata = result.metadata
        // The documents table points at the regions table: an uncatalogued region is left out.
        let documentRegion = (region ?? metadata.region).flatMap { catalogue.regionsByCode[$0] == nil ? nil : $0 }
        let mediaType = decoded.format == .html ? "text/html" : "text/plain"
        let document = NewDocument(source: report.source, contentType: "\(mediaType); charset=\(decoded.encoding.rawValue)",
                                   text: decoded.text, title: metadata.title ?? decoded.title, publisher: metadata.publisher,
                                   publishedOn: metadata.date, region: documentRegion,
                                   reportYear: year ?? metadata.reportYear, loadedBy: loadedBy)
        if dryRun {
            for i in keep.indices { keep[i].seq = i + 1 }
            for i in unmapped.indices { unmapped[i].seq = i + 1 }
            return LoadReport(documentID: nil, created: false, dryRun: true, document: document, metadata: metadata,
                              facts: keep, unmapped: unmapped, skipped: skipped, belowConfidence: belowConfidence)
        }
        do {
            let saved = try store.saveDocument(document, facts: keep, unmapped: unmapped)
            // A document loaded before answers with its stored facts, which no filter of this load touched.
            return LoadReport(documentID: saved.id, created: saved.created, dryRun: false, document: document,
                              metadata: metadata, facts: saved.facts, unmapped: saved.unmapped, skipped: skipped,
                              belowConfidence: saved.created ? belowConfidence : 0)
        } catch {
            throw .storage(error)
        }
    }

    /// Fetches and loads in one step.
    public func load(from location: String, fetcher: ReportFetcher, region: String? = nil, year: Int? = nil,
                     loadedBy: String? = nil, dryRun: Bool = false, minConfidence: Double? = nil) throws(DocumentLoadError) -> LoadReport {
        let report: FetchedReport
        do {
            report = try fetcher.fetch(location)
        } catch {
            throw .fetch(error)
        }
        return try load(report, region: region, year: year, loadedBy: loadedBy, dryRun: dryRun, minConfidence: minConfidence)
    }

    /// Why a fact cannot be kept, or nil: the facts table (and any observation it becomes) holds
    /// catalogue codes only. A region or period the report does not say is no reason: the fact
    /// is proposed without it, and a reviewer supplies it.
    func skipReason(_ fact: ExtractedFact) -> String? {
        if catalogue.indicatorsByCode[fact.indicator] == nil {
            return "indicator '\(fact.indicator)' is not in the catalogue"
        }
        if let region = fact.region, !region.isEmpty, catalogue.regionsByCode[region] == nil {
            return "region '\(region)' is not in the catalogue"
        }
        if !fact.value.isFinite { return "value is not a finite number" }
        return nil
    }

    /// For a fact `skipReason` passed; an empty region is no region.
    static func documentFact(_ f: ExtractedFact) -> DocumentFact {
        let region = f.region.flatMap { $0.isEmpty ? nil : $0 }
        return DocumentFact(indicator: f.indicator, scope: f.scope, region: region, period: f.period, kind: f.kind, value: f.value,
                            unit: f.unit.rawValue, bound: f.bound, status: f.status, approximate: f.approximate,
                            confidence: f.confidence, reasons: withMissing(f.reasons, region: region, period: f.period), note: f.note,
                            quote: f.quote, start: f.start, end: f.end)
    }

    /// The reasons, with what is missing said once: a reviewer reads why a fact cannot be
    /// accepted as it stands, whether or not the extractor said so itself.
    static func withMissing(_ reasons: [String], region: String?, period: Period?) -> [String] {
        var out = reasons
        if region == nil, !out.contains(ExtractedFact.noRegionReason) { out.append(ExtractedFact.noRegionReason) }
        if period == nil, !out.contains(ExtractedFact.noPeriodReason) { out.append(ExtractedFact.noPeriodReason) }
        return out
    }

    /// An unmapped figure as stored. A region the catalogue lacks cannot be kept (the column points
    /// at the regions table): the figure is kept without it, and its reasons say why.
    func documentUnmappedFact(_ u: UnmappedFact) -> DocumentUnmappedFact {
        var region = u.region.flatMap { $0.isEmpty ? nil : $0 }
        var reasons = u.reasons
        if let code = region, catalogue.regionsByCode[code] == nil {
            reasons.append("region '\(code)' is not in the catalogue")
            region = nil
        }
        return DocumentUnmappedFact(phrase: u.phrase, region: region, period: u.period, kind: u.kind, value: u.value,
                                    unit: u.unit.rawValue, classifier: u.classifier, isGrowth: u.isGrowth, bound: u.bound,
                                    approximate: u.approximate, confidence: u.confidence,
                                    reasons: Self.withMissing(reasons, region: region, period: u.period), quote: u.quote,
                                    start: u.start, end: u.end)
    }
}
