/// Page numbers and running headers and footers: lines a printed report repeats on every page,
/// which would otherwise cut sentences in two where a page breaks.
///
/// A line that can only be a page number (`- 3 -`, `第3页 共12页`) goes wherever it stands. With
/// pages (form feeds), a bare number (`3`, `3/12`) at the top or bottom of a page goes too, and so
/// does a line found at the top or bottom of many pages, digits aside (the title of the report, a
/// publisher with the page number): at most once per page edge, so that a title printed both as
/// the running header and as the first line of the body keeps its body copy. The first page's
/// header is kept: it is often the only title the text has.
enum PageFurniture {
    /// Lines at each end of a page looked at as possible furniture.
    static let edgeLines = 2

    /// For each line, whether it is furniture.
    static func find(_ lines: [TextLine], _ n: [UInt32]) -> [Bool] {
        var furniture = lines.map { !$0.isBlank && pageNumber(n[$0.contentStart..<$0.contentEnd]) == .explicit }
        var pageLines: [[Int]] = []
        for (index, line) in lines.enumerated() where !line.isBlank && !furniture[index] {
            while pageLines.count <= line.page { pageLines.append([]) }
            pageLines[line.page].append(index)
        }
        let pages = pageLines.filter { !$0.isEmpty }.count
        guard pages >= 2 else { return furniture }

        var edges: [(page: Int, top: Bool, lines: ArraySlice<Int>)] = []
        for (page, indices) in pageLines.enumerated() where !indices.isEmpty {
            edges.append((page, true, indices.prefix(edgeLines)))
            edges.append((page, false, indices.suffix(edgeLines)))
        }
        var keyPages: [[UInt32]: Set<Int>] = [:]
        for edge in edges {
            for i in edge.lines { keyPages[key(n[lines[i].contentStart..<lines[i].contentEnd]), default: []].insert(edge.page) }
        }
        // Two in five pages: a header that differs on odd and even pages still repeats.
        let threshold = max(2, (pages * 2 + 4) / 5)
        let firstPage = pageLines.firstIndex { !$0.isEmpty }
        for edge in edges {
            // The first page's header stays: it is often the report's only title.
            let keepsHeader = edge.top && edge.page == firstPage
            var droppedHere: Set<[UInt32]> = []
            for i in edge.lines where !furniture[i] {
                let content = n[lines[i].contentStart..<lines[i].contentEnd]
                if pageNumber(content) != nil {
                    furniture[i] = true
                    continue
                }
                let k = key(content)
                if !keepsHeader, (keyPages[k]?.count ?? 0) >= threshold, droppedHere.insert(k).inserted { furniture[i] = true }
            }
        }
        return furniture
    }

    /// The line without spaces, every digit run as `#`: page 3's header matches page 4's.
    static func key(_ content: ArraySlice<UInt32>) -> [UInt32] {
        var out: [UInt32] = []
        for v in content where v != 0x20 && v != 0x09 {
            if ScalarText.isDigit(v) {
                if out.last != 0x23 { out.append(0x23) }
            } else {
                out.append(v)
            }
        }
        return out
    }

    enum PageNumber {
        /// Says it is a page number: dashes around it, or 第…页.
        case explicit
        /// A number alone, only a page number at a page's edge.
        case bare
    }

    private static let explicitShapes: Set<[UInt32]> = Set([
        "第#页", "共#页", "第#页共#页", "第#页,共#页", "第#页/共#页", "共#页第#页", "共#页,第#页",
    ].map { ScalarText.normalized($0) })
    private static let bareShapes: Set<[UInt32]> = Set(["#", "#/#", "page#", "page#of#", "#of#"].map { ScalarText.normalized($0) })

    /// Whether the line is a page number, and how sure that is.
    static func pageNumber(_ content: ArraySlice<UInt32>) -> PageNumber? {
        guard content.count <= 24 else { return nil }
        var shape: [UInt32] = []
        var digits = 0
        for v in content where v != 0x20 && v != 0x09 {
            if ScalarText.isDigit(v) {
                digits += 1
                if digits > 4 { return nil }   // 2021 is a page number; 20210 is not
                if shape.last != 0x23 { shape.append(0x23) }
            } else {
                digits = 0
                shape.append(v >= 0x41 && v <= 0x5A ? v + 0x20 : v)
            }
        }
        var dashed = false
        if shape.first == 0x2D, shape.last == 0x2D {
            while shape.first == 0x2D { shape.removeFirst() }
            while shape.last == 0x2D { shape.removeLast() }
            dashed = true
        }
        if explicitShapes.contains(shape) { return .explicit }
        if shape == [0x23] && dashed { return .explicit }
        if bareShapes.contains(shape) && !dashed { return .bare }
        return nil
    }
}
