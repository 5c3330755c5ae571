import Foundation
import Glibc

/// The text of a PDF, through poppler's `pdftotext` (Debian package poppler-utils).
///
/// `-layout` rather than the default reading order: on printed reports both give the same lines,
/// but `-layout` keeps a row of a table (the 发布单位 / 发文日期 block of a government page) on one
/// line with its cells apart, and the indent that starts a paragraph; the default mode puts every
/// cell on a line of its own. The extractor folds the rest (`LayoutFolding`): wrapped lines, page
/// numbers, running headers. Multi-column pages are what `-layout` reads worse, and reports are
/// rarely set that way.
///
/// Refused rather than stored in part: a file cut short (no `%%EOF` near its end), a password, a
/// scan without a text layer, a conversion that times out or whose text passes `maxBytes`.
public struct PDFText: Sendable {
    /// `pdftotext` on PATH, or a path.
    public var executable: String
    /// Seconds before pdftotext is killed.
    public var timeout: Double
    /// Bytes of text at most.
    public var maxBytes: Int

    public init(executable: String = "pdftotext", timeout: Double = 30, maxBytes: Int = 32 * 1024 * 1024) {
        self.executable = executable
        self.timeout = timeout
        self.maxBytes = maxBytes
    }

    public static func isPDF(_ bytes: [UInt8]) -> Bool {
        // The header may follow up to 1024 bytes of junk (PDF 32000-1, 7.5.2 as readers apply it).
        let head = bytes.prefix(1024)
        return head.firstRange(of: Array("%PDF-".utf8)) != nil
    }

    public func extract(_ bytes: [UInt8]) throws(PDFTextError) -> String {
        // Readers look for %%EOF in the last 1024 bytes; without it the file was cut short, and
        // poppler would rebuild what it can and return part of the text as if it were all.
        guard bytes.suffix(1024).firstRange(of: Array("%%EOF".utf8)) != nil else { throw .truncated }
        let file = try temporaryFile(bytes)
        defer { unlink(file) }
        let process = Subprocess(executable: executable, arguments: ["-layout", "-enc", "UTF-8", "-eol", "unix", file, "-"],
                                 timeout: timeout, maxOutput: maxBytes)
        let result: Subprocess.Result
        do {
            result = try process.run()
        } catch {
            switch error {
            case .notFound: throw .toolMissing(executable)
            case .spawnFailed(_, let code): throw .failed(String(cString: strerror(code)))
            case .timedOut(let seconds): throw .timedOut(seconds: seconds)
            case .outputTooLarge(let limit): throw .tooMuchText(limit: limit)
            case .killed(let signal): throw .failed("pdftotext was killed by signal \(signal)")
            }
        }
        let messages = String(decoding: result.stderr, as: UTF8.self)
        guard result.status == 0 else {
            if messages.contains("Incorrect password") { throw .encrypted }
            let first = messages.split(separator: "\n").first.map(String.init) ?? "exit status \(result.status)"
            throw .damaged(first)
        }
        let text = String(decoding: result.stdout, as: UTF8.self)
        // pdftotext ends every page with a form feed.
        let pages = result.stdout.reduce(0) { $1 == 0x0C ? $0 + 1 : $0 }
        guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace && $0 != "\u{C}" }) else {
            throw .noTextLayer(pages: pages)
        }
        return text
    }

    /// The PDF in a file of its own, readable by us only: poppler needs to seek, which a pipe cannot.
    private func temporaryFile(_ bytes: [UInt8]) throws(PDFTextError) -> String {
        let directory = URL(fileURLWithPath: NSTemporaryDirectory())
        var template = Array(directory.appendingPathComponent("zhibiao-XXXXXX.pdf").path.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return -1 }
            return mkstemps(base, 4)
        }
        guard fd >= 0 else { throw .failed("cannot create a temporary file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                unlink(path)
                throw .failed("cannot write a temporary file: \(String(cString: strerror(errno)))")
            }
            written += n
        }
        return path
    }
}
