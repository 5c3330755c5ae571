import Domain

/// Whose figure a value is: the report's own region, one named in the clause, or a place the
/// catalogue does not know.
extension Binder {
    static let placeSuffixes: Set<UInt32> = Set("区县市州旗".unicodeScalars.map(\.value))

    /// 开发区38908.3万元 in a list of districts: a place the catalogue does not know, whose
    /// figure is proposed without a region rather than lost.
    mutating func bindUnknownPlace(_ q: Quantity) -> Bool {
        guard clauseRegion == nil, clauseMention == nil, let base = subject ?? topic, base.ref.measure == nil else { return false }
        var i = clauseStart
        while i < q.start, text[i] == 0x20 { i += 1 }
        let n = q.start - i
        guard n >= 2, n <= 6, (i..<q.start).allSatisfy({ ScalarText.isCJK(text[$0]) }),
              Self.placeSuffixes.contains(text[q.start - 1]) else { return false }
        let part = Subject(ref: base.ref, region: .unnamed, start: i)
        guard bind(q, part, quoteStart: i, confidence: 0.5) else { return false }
        subject = part
        clauseMention = part
        return true
    }

    func resolve(_ r: RegionRef?) -> SubjectRegion {
        let own = document.region
        switch r {
        case nil, .relative(.own):
            // A caller's region code stands even when the catalogue does not know it.
            return document.metadata.region.map(SubjectRegion.code) ?? .unnamed
        case .code(let c):
            return .code(c)
        case .relative(.nation), .unknown:
            return .outside
        case .ambiguous:
            return .unnamed
        case .relative(.city):
            guard let o = own else { return .unnamed }
            if o.level == .city || (o.level == .county && o.nameZh.hasSuffix("市")) { return .code(o.code) }
            return ancestor(of: o, level: .city).map(SubjectRegion.code) ?? .unnamed
        case .relative(.province):
            guard let o = own else { return .unnamed }
            if o.level == .province { return .code(o.code) }
            return ancestor(of: o, level: .province).map(SubjectRegion.code) ?? .unnamed
        }
    }

    func ancestor(of r: Region, level: RegionLevel) -> String? {
        var p = r.parent
        var steps = 0
        while let code = p, steps < 10 {
            if regions[code]?.level == level { return code }
            p = regions[code]?.parent
            steps += 1
        }
        return nil
    }

    /// 分别为苏州888.7亿元、南京578.8亿元 / 裕安区21125.3万元,同比增长197.2%: a region named right
    /// before a figure gives that region's value of the indicator the sentence or paragraph is about.
    mutating func bindRegionPart(_ q: Quantity) -> Bool {
        guard case .code(let code)? = clauseRegion, let span = regionSpan, isConnectorGap(span.upperBound, q.start),
              clauseMention == nil || (clauseMention?.start ?? 0) < span.lowerBound,
              code != clauseMention?.region.code else { return false }
        guard let base = clauseMention ?? subject ?? topic, base.region.code != code else {
            // 郑州(344.72亿元)、洛阳(168.09亿元)两市的R&D经费投入: the indicator is named after its values.
            if clauseMention == nil, subject == nil { pendingParts.append((q, code, span)) }
            return false
        }
        let part = Subject(ref: base.ref, region: .code(code), start: span.lowerBound)
        regionSpan = nil
        guard bind(q, part, quoteStart: span.lowerBound, confidence: 0.7) else { return false }
        subject = part
        clauseMention = part
        return true
    }
}
