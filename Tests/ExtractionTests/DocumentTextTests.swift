import Extraction
import Foundation
import Testing

@Suite struct DocumentTextTests {
    let sample = "全区高新投资32.6亿元。"

    @Test func utf8WithAndWithoutBOM() throws {
        let plain = try DocumentText.decode(bytes: Array(sample.utf8), contentType: nil)
        #expect(plain.text == sample)
        #expect(plain.encoding == .utf8)
        #expect(plain.format == .plainText)
        let bom = try DocumentText.decode(bytes: [0xEF, 0xBB, 0xBF] + Array(sample.utf8), contentType: "text/plain")
        #expect(bom.text == sample)
    }

    @Test func gb18030IsDetectedAndConverted() throws {
        let bytes = try Support.fixtureBytes("fuyang-2022-h1.gbk.txt")
        #expect(String(validating: bytes, as: UTF8.self) == nil)
        let doc = try DocumentText.decode(bytes: bytes, contentType: nil)
        #expect(doc.encoding == .gb18030)
        #expect(doc.text.hasPrefix("富阳区科技局2022年上半年工作总结"))
        // A declared charset is honoured even before sniffing.
        let declared = try DocumentText.decode(bytes: bytes, contentType: "text/plain; charset=GBK")
        #expect(declared.text == doc.text)
    }

    @Test func htmlToText() throws {
        let html = """
        <html><head><title>标题 &amp; 副标题</title><script>var a = "新增国家高新技术企业999家";</script></head>
        <body><nav>首页 | 政务公开</nav><p>R&amp;D经费投入&nbsp;20.05亿元，&#21344;GDP比重达3.34%&#x3002;</p>
        <div>第二段<br>第三行</div><!-- 注释 --><footer>版权所有</footer></body></html>
        """
        let doc = try DocumentText.decode(bytes: Array(html.utf8), contentType: "text/html; charset=utf-8")
        #expect(doc.format == .html)
        #expect(doc.title == "标题 & 副标题")
        #expect(doc.text == "R&D经费投入 20.05亿元，占GDP比重达3.34%。\n第二段\n第三行")
    }

    @Test func htmlIsSniffedWithoutContentType() throws {
        let doc = try DocumentText.decode(bytes: Array("<!DOCTYPE html><p>正文</p>".utf8), contentType: nil)
        #expect(doc.format == .html)
        #expect(doc.text == "正文")
    }

    @Test func gbkHTMLWithMetaCharset() throws {
        let gbk = try Support.fixtureBytes("fuyang-2022-h1.gbk.txt")
        let bytes = Array("<html><head><meta charset=\"gbk\"></head><body><p>".utf8) + gbk + Array("</p></body></html>".utf8)
        let doc = try DocumentText.decode(bytes: bytes, contentType: nil)
        #expect(doc.encoding == .gb18030)
        #expect(doc.text.contains("规上工业企业研发费用21.4亿元"))
    }

    @Test func refusesPDFDocxAndBinary() {
        #expect(throws: DocumentDecodingError.unsupportedFormat("application/pdf")) {
            try DocumentText.decode(bytes: Array("%PDF-1.7\n".utf8), contentType: nil)
        }
        #expect {
            try DocumentText.decode(bytes: [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00], contentType: nil)
        } throws: { error in
            guard case DocumentDecodingError.unsupportedFormat(let type) = error else { return false }
            return type.contains("docx")
        }
        #expect(throws: DocumentDecodingError.self) {
            try DocumentText.decode(bytes: [0x00, 0x01, 0x02, 0x03, 0x00, 0x00, 0x05, 0x06], contentType: nil)
        }
        #expect(throws: DocumentDecodingError.unsupportedFormat("image/png")) {
            try DocumentText.decode(bytes: [0x89, 0x50, 0x4E, 0x47], contentType: "image/png")
        }
        #expect(throws: DocumentDecodingError.empty) { try DocumentText.decode(bytes: [], contentType: nil) }
    }
}

@Suite struct HTMLTableTests {
    @Test func paragraphsInsideCellsStayOnTheRow() throws {
        let html = "<table><tr><td><p>指标</p></td><td><p>2025年目标</p></td></tr>"
            + "<tr><td><p>R&amp;D经费投入强度</p><p>(%)</p></td><td><p>3.8</p></td></tr></table>"
        let doc = try DocumentText.decode(bytes: Array(html.utf8), contentType: "text/html")
        #expect(doc.text == "指标 | 2025年目标\nR&D经费投入强度 (%) | 3.8")
        let facts = Support.extractor.extract(doc.text, context: ExtractionContext(region: "330112", year: 2022)).facts
        #expect(facts.map(\.indicator) == ["rd_intensity"])
        #expect(facts.first?.kind == .target)
        #expect(facts.first?.period == .year(2025))
    }
}
