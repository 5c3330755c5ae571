import Domain
@testable import Extraction
import Testing

/// Text as it comes out of PDF and Word: the extractor reads through spaces, wrapped lines, page
/// furniture and split table cells, and every fact still points into the text as given.
@Suite struct LayoutFoldingTests {
    func facts(_ text: String) -> [Fact] {
        let found = Support.extract(text, region: "330112", year: 2021)
        expectQuotesPointIntoOriginal(found, text)
        return found
    }

    func summary(_ text: String) -> [String] { facts(text).map { "\($0.indicator) \($0.value)" } }

    func folded(_ text: String) -> String {
        let t = ScalarText(text)
        return t.normalizedString(0..<t.count)
    }

    func expectQuotesPointIntoOriginal(_ facts: [Fact], _ text: String,
                                       sourceLocation: SourceLocation = #_sourceLocation) {
        let scalars = Array(text.unicodeScalars)
        for f in facts {
            #expect(f.start >= 0 && f.start < f.end && f.end <= scalars.count, sourceLocation: sourceLocation)
            guard f.start >= 0, f.start <= f.end, f.end <= scalars.count else { continue }
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[f.start..<f.end])
            #expect(String(s) == f.quote, sourceLocation: sourceLocation)
        }
    }

    @Test func pinyinPrintedAfterCharactersIsLeftOut() {
        #expect(folded("全社會研發(fā)投入達(dá)到1055億元") == "全社会研发投入达到1055亿元")
        #expect(summary("全社會研發(fā)經(jīng)費(fèi)投入達(dá)到10.55億元。") == ["rd_expenditure 1055000000.0"])
        // A gloss that is not a reading stays.
        #expect(folded("研究与试验发展(R&D)经费") == "研究与试验发展(R&D)经费")
        #expect(folded("高新区(园区)") == "高新区(园区)")
    }

    @Test func aSpaceBetweenThousandsJoinsTheNumber() {
        #expect(summary("科技型中小企业总数达到18 158家。") == ["tech_smes_total 18158.0"])
        // A year and a count are not one number.
        #expect(folded("2021 3家") == "2021 3家")
    }

    /// Breaks a paragraph into lines of `columns` display columns (Chinese two, ASCII one)
    /// anywhere, as a printer does, then sets `perPage` lines on each page with a running header and
    /// a page-number footer, pages ending in form feeds as pdftotext writes them.
    func printed(_ paragraphs: [String], columns: Int = 40, perPage: Int = 6, header: String = "临安区科技局2021年工作总结")
        -> String {
        var lines: [String] = []
        for p in paragraphs {
            var line = "", width = 0
            for ch in p.unicodeScalars {
                let w = ch.value >= 0x2E80 ? 2 : 1
                if width + w > columns {
                    lines.append(line)
                    line = ""
                    width = 0
                }
                line.unicodeScalars.append(ch)
                width += w
            }
            lines.append(line)
        }
        var pages: [String] = []
        var page = 0
        while page * perPage < lines.count {
            let body = lines[(page * perPage)..<min(lines.count, (page + 1) * perPage)]
            pages.append("        \(header)\n\n\n" + body.joined(separator: "\n") + "\n\n\n                - \(page + 1) -\n")
            page += 1
        }
        return pages.joined(separator: "\u{C}") + "\u{C}"
    }

    // MARK: spaces

    @Test func spacesInsideNumbersUnitsAndTerms() {
        #expect(folded("2022 年 1 - 9 月，R&D 经费投入 286.61 亿元，增长 27.1 %") == "2022年1-9月,R&D经费投入286.61亿元,增长27.1%")
        // Between Latin words and between numbers a space means something; runs of spaces are columns.
        #expect(folded("R&D expenditure 2021 2022") == "R&D expenditure 2021 2022")
        #expect(folded("发布单位 区科技局     发文日期 2022-03-24") == "发布单位区科技局     发文日期2022-03-24")

        let text = "2021 年，全区 R&D 经费投入 20.05 亿元，占 GDP 比重达 3.34 %，居全市第 4 位。"
        let f = facts(text)
        #expect(f.map { "\($0.indicator) \($0.value)" }.contains("rd_expenditure 2005000000.0"))
        #expect(f.map { "\($0.indicator) \($0.value)" }.contains("rd_intensity 3.34"))
        #expect(f.first { $0.indicator == "rd_expenditure" }?.quote == "R&D 经费投入 20.05 亿元")
    }

    @Test func monthRangeWithSpacesDatesTheFigures() {
        let f = facts("杭州市2021年 1 - 9 月科技统计月报\n全市技术交易额 49.18 亿元。")
        #expect(f.first?.period == .month(year: 2021, month: 9))
        #expect(f.first?.value == 4_918_000_000)
    }

    // MARK: line breaks

    @Test func breaksInsideNumbersAreReadThrough() {
        #expect(summary("全区R&D经费投入20.\n05亿元。") == ["rd_expenditure 2005000000.0"])
        #expect(summary("全区R&D经费投入20\n.05亿元。") == ["rd_expenditure 2005000000.0"])
        #expect(summary("全区高新投资32.6\n亿元，增幅20.5\n%。") == ["hightech_investment 3260000000.0", "hightech_investment_growth 20.5"])
        let text = "全区R&D经费投入20.\n05亿元。"
        #expect(facts(text).first?.quote == "R&D经费投入20.\n05亿元")
    }

    @Test func wrappedLinesAreJoinedWhereTheyOnlyWrap() {
        // Each line full, broken inside 技术合同成交额 and 科技型中小企业.
        let text = """
            2021年，全区科技创新能力稳步提升，全年技
            术合同成交额达到12.5亿元，同比增长20.3%，
            居全市第5位；2021年全年新认定科技型中
            小企业150家，新认定国家高新技术企业104家。
            投入加大，全区高新投资32.6亿元，增幅
            20.5%；高新技术产业增加值占比为81.37%。
            """
        let f = facts(text)
        let s = f.map { "\($0.indicator) \($0.value)" }
        #expect(s.contains("technology_transaction_value 1250000000.0"))
        #expect(s.contains("technology_transaction_value_growth 20.3"))
        #expect(s.contains("tech_smes_new 150.0"))
        #expect(s.contains("hightech_investment_growth 20.5"))
        #expect(f.first { $0.indicator == "technology_transaction_value" }?.quote == "技\n术合同成交额达到12.5亿元")
    }

    @Test func headingsTitlesAndSentenceEndsKeepTheirBreaks() {
        let text = """
            临安区科技局2021年工作总结
            一、主要指标完成情况
            全区R&D经费投入20.05亿元，占GDP比重达3.34%，居全市第4位；高新投资32.6亿元，
            增幅20.5%。
            二、2022年工作计划
            全区R&D经费投入强度力争达到3.5%。
            """
        // Lines of many widths are not a wrapped page: no line is known to be full, none is joined.
        let t = ScalarText(text)
        #expect(t.count == text.unicodeScalars.count)
        let f = facts(text)
        #expect(f.contains { $0.indicator == "rd_intensity" && $0.kind == .target && $0.value == 3.5 })
        #expect(f.contains { $0.indicator == "rd_expenditure" && $0.kind == .actual })
    }

    @Test func plainTextWithAParagraphPerLineIsLeftAlone() throws {
        let text = try Support.fixture("linan-2021.txt")
        let t = ScalarText(text)
        #expect(t.normalized.filter { $0 == 0x0A }.count == text.unicodeScalars.filter { $0 == "\n" }.count)
    }

    // MARK: full-width forms

    @Test func fullWidthDigitsPercentAndDecimalPoint() {
        let text = "全区Ｒ＆Ｄ经费投入２０．０５亿元，占ＧＤＰ比重达３．３４％。"
        let f = facts(text)
        #expect(f.map { "\($0.indicator) \($0.value)" } == ["rd_expenditure 2005000000.0", "rd_intensity 3.34"])
        #expect(f.first?.quote == "Ｒ＆Ｄ经费投入２０．０５亿元")
    }

    // MARK: page furniture

    @Test func pageNumbersAndRunningHeadersAreLeftOut() {
        let text = printed([
            "2021年以来，全区科技创新能力稳步提升，2020年度创新指数为156.1，居全省第24位。R&D经费投入20.05亿元，占GDP比重达3.34%，居全市第4位；每千家企业中高新技术企业数30.05家，居全省第2位；每千家企业中科技型中小企业数70.44家，居全省第10位。",
            "科技投入不断加大，全区高新投资32.6亿元，增幅20.5%；全区规上工业企业研发投入42.35亿元，同比增长27.1%，增幅居全市第5位。高新产出持续释放，规上工业增加值230.82亿元，规上高新技术产业领域企业增加值187.82亿元，同比增长16.4%。",
        ], columns: 36, perPage: 4)
        let t = ScalarText(text)
        let n = t.normalizedString(0..<t.count)
        #expect(!n.contains("- 2 -") && !n.contains("-2-"))
        #expect(n.components(separatedBy: "临安区科技局2021年工作总结").count == 2)   // page 1's, the title
        let f = facts(text)
        let s = Set(f.map { "\($0.indicator) \($0.value)" })
        let plain = Set(Support.extract("2021年以来，全区科技创新能力稳步提升，2020年度创新指数为156.1，居全省第24位。R&D经费投入20.05亿元，占GDP比重达3.34%，居全市第4位；每千家企业中高新技术企业数30.05家，居全省第2位；每千家企业中科技型中小企业数70.44家，居全省第10位。\n科技投入不断加大，全区高新投资32.6亿元，增幅20.5%；全区规上工业企业研发投入42.35亿元，同比增长27.1%，增幅居全市第5位。高新产出持续释放，规上工业增加值230.82亿元，规上高新技术产业领域企业增加值187.82亿元，同比增长16.4%。", region: "330112", year: 2021).map { "\($0.indicator) \($0.value)" })
        #expect(plain.count >= 12)
        #expect(s == plain)
    }

    @Test func pageNumberShapes() {
        for line in ["- 3 -", "—3—", "第 3 页", "第3页 共12页", "第 3 页 / 共 12 页", "共 12 页"] {
            #expect(PageFurniture.pageNumber(ScalarText.normalized(line)[...]) == .explicit, "\(line)")
        }
        for line in ["3", "3 / 12", "Page 3 of 12"] {
            #expect(PageFurniture.pageNumber(ScalarText.normalized(line)[...]) == .bare, "\(line)")
        }
        for line in ["2021-2025", "30.05", "第3位", "12345"] {
            #expect(PageFurniture.pageNumber(ScalarText.normalized(line)[...]) == nil, "\(line)")
        }
        // Without pages, only a line that says it is a page number goes.
        #expect(folded("全区高新投资32.6亿元。\n- 3 -\n增幅20.5%。\n3\n") == "全区高新投资32.6亿元。\n增幅20.5%。\n3\n")
    }

    // MARK: Word tables

    @Test func wordTableCellsOfAParagraphEachStayOnTheirRow() {
        // DocxText ends each cell's paragraph with a line break before the ` | ` of the next cell.
        let text = "临安区科技创新发展规划(2023-2025年)\n指标\n | 2022年基数\n | 2025年目标\n | \nR&D经费投入强度(%)\n | 3.3\n | 3.8\n | \n"
        #expect(folded(text).contains("R&D经费投入强度(%)| 3.3| 3.8|"))
        let f = facts(text)
        let target = f.first { $0.indicator == "rd_intensity" && $0.period == .year(2025) }
        #expect(target?.value == 3.8)
        #expect(target?.kind == .target)
        #expect(target?.quote == "R&D经费投入强度(%)\n | 3.3\n | 3.8")
    }

    // MARK: offsets

    @Test func originalRangeCoversWhatWasLeftOut() {
        let t = ScalarText("投入20. \n 05 亿元")
        #expect(t.normalizedString(0..<t.count) == "投入20.05亿元")
        #expect(t.originalRange(0..<t.count) == 0..<13)
        #expect(t.string(4..<7) == ". \n 05")
        #expect(t.originalRange(5..<5) == 8..<8)
        #expect(t.originalRange(t.count..<t.count) == 13..<13)
    }
}
