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

    public init(store: Store) throws(StorageError) {
        self.store = store
        catalogue = try store.catalogue()
        extractor = ReportExtractor(indicators: catalogue.indicators, regions: catalogue.regions)
    }

    /// Decodes, extracts and (unless `dryRun`) stores. `region` and `year` override what the
    /// document says about itself.
    public func load(_ report: FetchedReport, region: String? = nil, year: Int? = nil, loadedBy: String? = nil,
                     dryRun: Bool = false) throws(DocumentLoadError) -> LoadReport {
        if let region, catalogue.regionsByCode[region] == nil { throw .unknownRegion(region) }
        let decoded: DecodedDocument
        do {
            decoded = try ReportDecoder.decode(report)
        } catch {
            throw .decoding(error)
        }
        let context = ExtractionContext(region: region, year: year, title: decoded.title)
        let result = extractor.extract(decoded.text, context: context)
        var keep: [DocumentFact] = []
        var skipped: [SkippedFact] = []
        for fact in result.facts {
            if let reason = skipReason(fact) {
                skipped.append(SkippedFact(fact: fact, reason: reason))
            } else {
                keep.append(Self.documentFact(fact))
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
            return LoadReport(documentID: nil, created: false, dryRun: true, document: document, metadata: metadata,
                              facts: keep, skipped: skipped)
        }
        do {
            let saved = try store.saveDocument(document, facts: keep)
            return LoadReport(documentID: saved.id, created: saved.created, dryRun: false, document: document,
                              metadata: metadata, facts: saved.facts, skipped: skipped)
        } catch {
            throw .storage(error)
        }
    }

    /// Fetches and loads in one step.
    public func load(from location: String, fetcher: ReportFetcher, region: String? = nil, year: Int? = nil,
                     loadedBy: String? = nil, dryRun: Bool = false) throws(DocumentLoadError) -> LoadReport {
        let report: FetchedReport
        do {
            report = try fetcher.fetch(location)
        } catch {
            throw .fetch(error)
        }
        return try load(report, region: region, year: year, loadedBy: loadedBy, dryRun: dryRun)
    }

    /// Why a fact cannot be kept, or nil: the facts table (and any observation it becomes) holds
    /// catalogue codes only.
    func skipReason(_ fact: ExtractedFact) -> String? {
        if catalogue.indicatorsByCode[fact.indicator] == nil {
            return "indicator '\(fact.indicator)' is not in the catalogue"
        }
        guard let region = fact.region, !region.isEmpty else {
            return "the report's region is unknown; give it (--region or ?region=)"
        }
        if catalogue.regionsByCode[region] == nil {
            return "region '\(region)' is not in the catalogue"
        }
        if fact.period == nil { return ExtractedFact.noPeriodReason }
        if !fact.value.isFinite { return "value is not a finite number" }
        return nil
    }

    /// For a fact `skipReason` passed: its region and period are known.
    static func documentFact(_ f: ExtractedFact) -> DocumentFact {
        DocumentFact(indicator: f.indicator, scope: f.scope, region: f.region ?? "", period: f.period ?? .year(0), kind: f.kind,
                     value: f.value, unit: f.unit.rawValue, bound: f.bound, status: f.status, approximate: f.approximate,
                     confidence: f.confidence, quote: f.quote, start: f.start, end: f.end)
    }
}
