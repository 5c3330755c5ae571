import Domain
import Extraction
import Storage

/// Bytes of a report → text → facts → the store, with the document kept once per text.
///
/// Build one per catalogue state (the extractor's alias tables are built in `init`) and call
/// `load` for each report.
public struct DocumentLoader: Sendable {
    let store: any DataStore
    let catalogue: CatalogueSnapshot
    let extractor: ReportExtractor
    let pdf: PDFText

    public init(store: any DataStore, pdf: PDFText = PDFText()) throws(StorageError) {
        self.init(store: store, catalogue: try store.catalogue(), pdf: pdf)
    }

    init(store: any DataStore, catalogue: CatalogueSnapshot, pdf: PDFText = PDFText()) {
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
        var keep: [Fact] = []
        var unmapped: [UnmappedFact] = []
        var skipped: [SkippedFact] = []
        var belowConfidence = 0
        for var fact in result.facts {
            if !confident(fact.confidence) {
                belowConfidence += 1
            } else if let reason = skipReason(fact) {
                skipped.append(SkippedFact(fact: fact, reason: reason))
            } else {
                // An empty region is no region.
                if fact.region?.isEmpty == true { fact.region = nil }
                fact.reasons = fact.reasons.namingMissing(region: fact.region, period: fact.period)
                keep.append(fact)
            }
        }
        for var figure in result.unmapped {
            if !confident(figure.confidence) {
                belowConfidence += 1
            } else if !figure.value.isFinite {
                skipped.append(SkippedFact(unmapped: figure, reason: "value is not a finite number"))
            } else {
                keepable(&figure)
                unmapped.append(figure)
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
    func skipReason(_ fact: Fact) -> String? {
        if catalogue.indicatorsByCode[fact.indicator] == nil {
            return "indicator '\(fact.indicator)' is not in the catalogue"
        }
        if let region = fact.region, !region.isEmpty, catalogue.regionsByCode[region] == nil {
            return "region '\(region)' is not in the catalogue"
        }
        if !fact.value.isFinite { return "value is not a finite number" }
        return nil
    }

    /// An unmapped figure as it can be stored. A region the catalogue lacks cannot be kept (the
    /// column points at the regions table): the figure is kept without it, and its reasons say why.
    func keepable(_ figure: inout UnmappedFact) {
        if figure.region?.isEmpty == true { figure.region = nil }
        if let code = figure.region, catalogue.regionsByCode[code] == nil {
            figure.reasons.append("region '\(code)' is not in the catalogue")
            figure.region = nil
        }
        figure.reasons = figure.reasons.namingMissing(region: figure.region, period: figure.period)
    }
}
