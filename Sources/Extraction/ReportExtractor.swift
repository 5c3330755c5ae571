import Domain

/// Turns the narrative text of a Chinese S&T report into indicator facts with provenance.
///
/// Build one per catalogue (the alias lookup is built in `init`) and call `extract` for each
/// document; it is a pure function of the text and the context.
///
///     let extractor = ReportExtractor(indicators: catalogue.indicators, regions: catalogue.regions)
///     let result = extractor.extract(text, context: ExtractionContext(region: "330112"))
public struct ReportExtractor: Sendable {
    private let matcher: AliasMatcher<MatchTarget>
    private let table: IndicatorTable
    private let regions: [String: Region]

    /// `indicators` may include derived ones (`<code>_growth`…); their names are matched too.
    public init(indicators: [Indicator], regions: [Region]) {
        var m = AliasMatcher<MatchTarget>()
        let base = indicators.filter { $0.base == nil }
        let byCode = Dictionary(base.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        func names(_ i: Indicator) -> [String] { ([i.nameZh] + i.aliasesZh).flatMap(AliasVariants.expand) }
        let baseNames = Dictionary(base.map { ($0.code, names($0)) }, uniquingKeysWith: { a, _ in a })
        let normalizedNames = baseNames.mapValues { $0.map { ScalarText.normalized($0) } }
        // Follow-on phrases (占GDP比重) only stand for an indicator right after the level it is a
        // ratio of: that pairing is read off the aliases, where 'R&D经费投入占GDP比重' says so.
        for ind in base {
            let full = Set(normalizedNames[ind.code] ?? [])
            let tails = (baseNames[ind.code] ?? []).filter { $0.hasPrefix("占") }
            // Every spelling of the ratio follows the levels any one of them is written after
            // (占规模以上工业增加值的 as 占规上工业增加值比重 does).
            var follows: Set<String> = []
            for alias in tails {
                let tail = ScalarText.normalized(alias)
                for other in base where other.code != ind.code {
                    if (normalizedNames[other.code] ?? []).contains(where: { full.contains($0 + tail) }) {
                        follows.insert(other.code)
                    }
                }
            }
            for alias in tails {
                m.add(alias, .indicator(IndicatorRef(base: ind.code, measure: nil, followsOnly: follows)))
            }
        }
        for ind in base {
            for name in baseNames[ind.code] ?? [] where !name.hasPrefix("占") {
                m.add(name, .indicator(IndicatorRef(base: ind.code)))
            }
        }
        for ind in indicators {
            guard let b = ind.base, byCode[b] != nil,
                  let measure = DerivedMeasure.allCases.first(where: { $0.code(for: b) == ind.code }) else { continue }
            for name in names(ind) { m.add(name, .indicator(IndicatorRef(base: b, measure: measure))) }
        }
        // 全省 and 全市 are relative to the document (the lexer reads them), not fixed regions.
        var regionNames: [String: [String]] = [:]
        var order: [String] = []
        for r in regions {
            for name in [r.nameZh] + r.aliasesZh where !name.hasPrefix("全") {
                if regionNames[name] == nil { order.append(name) }
                if regionNames[name]?.contains(r.code) != true { regionNames[name, default: []].append(r.code) }
            }
        }
        for name in order {
            guard let codes = regionNames[name] else { continue }
            m.add(name, codes.count == 1 ? .region(codes[0]) : .regions(codes))
        }
        matcher = m
        table = IndicatorTable(indicators: indicators)
        self.regions = Dictionary(regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    public func extract(_ text: String, context: ExtractionContext = ExtractionContext()) -> ExtractionResult {
        let scalars = ScalarText(text)
        let tokens = Lexer(text: scalars, matcher: matcher, units: table.units).tokens()
        let document = DocumentAnalysis(text: scalars, tokens: tokens, context: context, regions: regions,
                                        regionMatcher: matcher)
        var binder = Binder(text: scalars, tokens: tokens, table: table, matcher: matcher, regions: regions,
                            document: document)
        binder.run()
        binder.dropMetThresholds()
        var facts = binder.facts
        var seen = Set(facts.map(\.key))
        for f in TableReader(text: scalars, table: table, matcher: matcher, document: document).facts()
        where seen.insert(f.key).inserted {
            facts.append(f)
        }
        return ExtractionResult(facts: facts, unmapped: binder.unmapped, metadata: document.metadata)
    }
}
