import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// One HTTP GET through URLSession (libcurl on Linux) that stops as soon as the body passes the
/// size limit, instead of holding an oversized answer in memory first.
final class URLDownload: NSObject, URLSessionDataDelegate, Sendable {
    private struct State {
        var data: [UInt8] = []
        var response: HTTPURLResponse?
        var error: ReportFetchError?
        var finished = false
    }

    private let source: String
    private let limit: Int
    private let state = Mutex(State())
    private let done = DispatchSemaphore(value: 0)

    private init(source: String, limit: Int) {
        self.source = source
        self.limit = limit
    }

    /// Blocks the calling thread (a worker or the CLI) until the answer is in, over the limit, or
    /// `timeout` has passed since the start.
    static func get(_ url: URL, limit: Int, timeout: TimeInterval) throws(ReportFetchError) -> FetchedReport {
        let download = URLDownload(source: url.absoluteString, limit: limit)
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration, delegate: download, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        var request = URLRequest(url: url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.setValue("zhibiao report loader", forHTTPHeaderField: "User-Agent")
        let task = session.dataTask(with: request)
        task.resume()
        // A little beyond the session's own limit, so that its clearer error normally wins.
        if download.done.wait(timeout: .now() + timeout + 5) == .timedOut {
            task.cancel()
            throw .timedOut(source: download.source, seconds: timeout)
        }
        let result = download.state.withLock { $0 }
        if let error = result.error { throw error }
        guard let response = result.response else { throw .network(source: download.source, reason: "no response") }
        guard (200..<300).contains(response.statusCode) else {
            throw .httpStatus(source: download.source, status: response.statusCode)
        }
        return FetchedReport(source: download.source, bytes: result.data,
                             contentType: response.value(forHTTPHeaderField: "Content-Type"))
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        let tooLarge = response.expectedContentLength > Int64(limit)
        state.withLock {
            $0.response = http
            if tooLarge { $0.error = .tooLarge(source: source, limit: limit) }
        }
        completionHandler(tooLarge ? .cancel : .allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let over = state.withLock { s -> Bool in
            s.data.append(contentsOf: data)
            if s.data.count > limit {
                s.error = .tooLarge(source: source, limit: limit)
                s.data = []
                return true
            }
            return false
        }
        if over { dataTask.cancel() }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let signal = state.withLock { s -> Bool in
            guard !s.finished else { return false }
            s.finished = true
            if s.error == nil, let error {
                let code = (error as? URLError)?.code
                s.error = code == .timedOut
                    ? .timedOut(source: source, seconds: task.originalRequest?.timeoutInterval ?? 0)
                    : .network(source: source, reason: error.localizedDescription)
            }
            return true
        }
        if signal { done.signal() }
    }
}
