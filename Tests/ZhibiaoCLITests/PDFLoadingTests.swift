import Config
import Extraction
import Foundation
@testable import ReportLoader
import Testing
@testable import ZhibiaoCLI

/// PDF reports through pdftotext, which CI installs (poppler-utils): these tests fail, not skip,
/// where it is missing.
@Suite struct PDFLoadingTests {
    static let pdfs = LoadAndEvalTests.fixtures.appendingPathComponent("pdf")

    func requirePdftotext() throws {
        try #require(Subprocess.find("pdftotext") != nil, "pdftotext is not on PATH: apt-get install poppler-utils")
    }

    func fixture(_ name: String) throws -> FetchedReport {
        let path = Self.pdfs.appendingPathComponent(name).path
        return try ReportFetcher().read(path: path)
    }

    func pdfError(_ report: FetchedReport, pdf: PDFText = PDFText()) -> PDFTextError? {
        do {
            _ = try ReportDecoder.decode(report, pdf: pdf)
            return nil
        } catch {
            guard case .pdf(let e) = error else { return nil }
            return e
        }
    }

    // MARK: the printed seed report

    @Test func printedSeedReportFindsItsAnnotatedFacts() throws {
        try requirePdftotext()
        let catalogue = try Catalogue.load(directory: LoadAndEvalTests.repository.appendingPathComponent("config"))
        let extractor = ReportExtractor(indicators: catalogue.indicators, regions: catalogue.regions)
        let decoded = try ReportDecoder.decode(try fixture("linan-2021.pdf"))
        // The mess is there: page breaks, the running header on every page, page numbers.
        #expect(decoded.text.filter { $0 == "\u{C}" }.count == 5)
        #expect(decoded.text.components(separatedBy: "临安区科技局2021年工作总结").count == 6)
        let result = extractor.extract(decoded.text, context: ExtractionContext(title: decoded.title))
        let expected = try ExtractionScore.loadExpected(Data(contentsOf: LoadAndEvalTests.fixtures.appendingPathComponent("linan-2021.expected.json")))
        let score = ExtractionScore(expected: expected, facts: result.facts, catalogue: Set(catalogue.indicators.map(\.code)))
        print(score.report)
        #expect(expected.count == 43)
        #expect(score.matched.count >= 41, "\(score.report)")
        #expect(score.extra.count <= 2, "\(score.report)")
        #expect(result.metadata.publisher == "区科技局" && result.metadata.date == "2022-03-24")
        let scalars = Array(decoded.text.unicodeScalars)
        for f in result.facts {
            #expect(String(String.UnicodeScalarView(scalars[f.start..<f.end])) == f.quote)
        }
        // Quotes that cross a page or a wrapped line keep what lies between.
        #expect(result.facts.contains { $0.quote.contains("\n") })
    }

    @Test func loadKeepsThePDFsTextAndFactsPointIntoIt() throws {
        try requirePdftotext()
        let db = try LoadAndEvalTests.Database()
        let path = Self.pdfs.appendingPathComponent("linan-2021.pdf").path
        let items = try ReportLoading(region: "330112").run([path], store: db.store)
        let report = try #require(items.first?.report, "\(items.first?.error ?? "")")
        #expect(report.created && report.facts.count >= 41)
        let id = try #require(report.documentID)
        let stored = try #require(try db.store.document(id: id))
        let scalars = Array(stored.text.unicodeScalars)
        for f in report.facts {
            #expect(String(String.UnicodeScalarView(scalars[f.start..<f.end])) == f.quote)
        }
    }

    @Test func evalReadsAPDF() throws {
        try requirePdftotext()
        let score = try Eval.score(expected: LoadAndEvalTests.fixtures.appendingPathComponent("linan-2021.expected.json").path,
                                   document: Self.pdfs.appendingPathComponent("linan-2021.pdf").path,
                                   config: LoadAndEvalTests.repository.appendingPathComponent("config"))
        #expect(score.matched.count >= 41)
    }

    // MARK: refusals

    @Test func unreadablePDFsAreRefusedWithTheirReason() throws {
        try requirePdftotext()
        #expect(pdfError(try fixture("scanned.pdf")) == .noTextLayer(pages: 1))
        #expect(pdfError(try fixture("short-encrypted.pdf")) == .encrypted)
        #expect(pdfError(try fixture("short-truncated.pdf")) == .truncated)
        let garbage = FetchedReport(source: "x", bytes: Array("%PDF-1.4\nnot a pdf at all\n%%EOF\n".utf8), contentType: nil)
        guard case .damaged(let message)? = pdfError(garbage) else {
            Issue.record("a PDF without objects is damaged")
            return
        }
        #expect(!message.isEmpty)
        let declared = FetchedReport(source: "x", bytes: Array("hello".utf8), contentType: "application/pdf")
        #expect(pdfError(declared) == .damaged("it does not start with %PDF-"))
        #expect(PDFTextError.noTextLayer(pages: 1).description.contains("no text layer"))
    }

    @Test func aMissingToolNamesItsPackage() throws {
        let error = pdfError(try fixture("short.pdf"), pdf: PDFText(executable: "/nonexistent/pdftotext"))
        #expect(error == .toolMissing("/nonexistent/pdftotext"))
        #expect(error?.description.contains("poppler-utils") == true)
    }

    // MARK: limits

    /// A stand-in for pdftotext: a shell script in a temp folder, run as pdftotext would be.
    final class FakeTool {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhibiao-fake-\(UUID().uuidString)")
        let path: String

        init(_ script: String) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent("pdftotext").path
            try Data(("#!/bin/sh\n" + script + "\n").utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    @Test func aConversionThatHangsIsKilledAtItsTimeLimit() throws {
        let tool = try FakeTool("exec sleep 600")
        let started = ContinuousClock.now
        let error = pdfError(try fixture("short.pdf"), pdf: PDFText(executable: tool.path, timeout: 0.5))
        #expect(error == .timedOut(seconds: 0.5))
        // Killed, not waited for: far less than the child's ten minutes even on a loaded machine.
        #expect(ContinuousClock.now - started < .seconds(60))
    }

    @Test func textBeyondTheLimitFailsTheLoad() throws {
        let tool = try FakeTool("exec yes 临安区科技局")
        let error = pdfError(try fixture("short.pdf"), pdf: PDFText(executable: tool.path, maxBytes: 100_000))
        #expect(error == .tooMuchText(limit: 100_000))
    }

    @Test func aFailingToolIsADamagedPDFWithItsMessage() throws {
        let tool = try FakeTool("echo 'Syntax Error: something broke' >&2; exit 1")
        #expect(pdfError(try fixture("short.pdf"), pdf: PDFText(executable: tool.path)) == .damaged("Syntax Error: something broke"))
    }

    @Test func theToolGetsTheFileAndAnArgumentVector() throws {
        // Arguments with spaces and quotes reach the child intact: no shell in between.
        let tool = try FakeTool(#"for a in "$@"; do printf '[%s]' "$a"; done; printf '\n\f'"#)
        let text = try ReportDecoder.decode(try fixture("short.pdf"), pdf: PDFText(executable: tool.path)).text
        #expect(text.hasPrefix("[-layout][-enc][UTF-8][-eol][unix]["))
        #expect(text.contains(".pdf][-]"))
    }
}
