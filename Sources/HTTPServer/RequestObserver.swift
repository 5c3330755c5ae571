/// Told about every response the server sends, so that an application can keep metrics without
/// the server knowing what they are. Called on the event-loop thread that sends the response,
/// once per request: implementations must be cheap and must not block (atomic counters, no locks,
/// no string formatting).
public protocol RequestObserver: Sendable {
    /// - Parameters:
    ///   - routeIndex: the matched route's position in `Router.routes`; nil when no route matched
    ///     (404, 405, unparseable requests).
    ///   - status: the response status code.
    ///   - nanoseconds: from the end of the request head to the response being queued (for a
    ///     streamed body: to its head being ready).
    func requestFinished(routeIndex: Int?, status: Int, nanoseconds: UInt64)
}
