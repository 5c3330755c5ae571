import Fetching
import Foundation

/// Reads a report from a file or fetches it from an http(s) URL, within a size limit and (for
/// URLs) a time limit, so that a huge file or a slow server cannot hold a worker forever. URLs go
/// through `URLFetcher`, which connects to public addresses only unless `destinations` opens
/// others: the HTTP API and `zhibiao load` share these rules.
public struct ReportFetcher: Sendable {
    public var maxBytes: Int
    public var timeout: TimeInterval
    /// Whether plain paths and file: URLs are allowed. The HTTP API turns it off: a client must
    /// not make the server read its own files.
    public var allowsFiles: Bool
    /// Which non-public addresses, if any, a URL may lead to.
    public var destinations: DestinationRule
    /// Names answered without DNS (see `FetchOptions.hostOverrides`).
    public var hostOverrides: [HostOverride]

    public init(maxBytes: Int = 20 * 1024 * 1024, timeout: TimeInterval = 30, allowsFiles: Bool = true,
                destinations: DestinationRule = DestinationRule(), hostOverrides: [HostOverride] = []) {
        self.maxBytes = maxBytes
        self.timeout = timeout
        self.allowsFiles = allowsFiles
        self.destinations = destinations
        self.hostOverrides = hostOverrides
    }

    /// Whether the text names a URL rather than a path.
    public static func isURL(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else { return false }
        let scheme = text[..<colon]
        // C:\reports is a path, not a URL with scheme "c".
        return scheme.count > 1 && scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    public func fetch(_ location: String) throws(ReportFetchError) -> FetchedReport {
        guard Self.isURL(location) else {
            guard allowsFiles else { throw .unsupportedScheme(location) }
            return try read(path: location)
        }
        let scheme = location.prefix { $0 != ":" }.lowercased()
        switch scheme {
        case "http", "https":
            return try get(location)
        case "file" where allowsFiles:
            guard let url = URL(string: location), url.isFileURL else { throw .invalidURL(location) }
            return try read(path: url.path)
        default:
            throw .unsupportedScheme(location)
        }
    }

    /// A 2xx answer's body and type; anything else is an error naming the URL asked for.
    func get(_ location: String) throws(ReportFetchError) -> FetchedReport {
        let options = FetchOptions(maxBytes: maxBytes, timeout: timeout, destinations: destinations, hostOverrides: hostOverrides)
        let response: FetchResponse
        do {
            response = try URLFetcher(options: options).get(location)
        } catch {
            throw ReportFetchError(error, source: location)
        }
        guard (200..<300).contains(response.status) else { throw .httpStatus(source: location, status: response.status) }
        return FetchedReport(source: location, bytes: response.body, contentType: response.contentType)
    }

    /// Reads a file, refusing one over the limit before reading it.
    public func read(path: String) throws(ReportFetchError) -> FetchedReport {
        let size: Int
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            guard (attributes[.type] as? FileAttributeType) == .typeRegular else {
                throw ReportFetchError.fileUnreadable(path: path, reason: "not a regular file")
            }
            size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        } catch let error as ReportFetchError {
            throw error
        } catch {
            throw .fileUnreadable(path: path, reason: "no such file")
        }
        guard size <= maxBytes else { throw .tooLarge(source: path, limit: maxBytes) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .fileUnreadable(path: path, reason: "permission denied or unreadable")
        }
        guard data.count <= maxBytes else { throw .tooLarge(source: path, limit: maxBytes) }
        return FetchedReport(source: path, bytes: [UInt8](data), contentType: Self.contentType(forExtension: path))
    }

    /// The decoder sniffs HTML and binaries itself; the extension only settles the obvious cases.
    static func contentType(forExtension path: String) -> String? {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "html", "htm": return "text/html"
        case "txt": return "text/plain"
        case "pdf": return "application/pdf"
        case "docx": return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case "doc": return "application/msword"
        default: return nil
        }
    }
}
