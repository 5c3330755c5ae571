/// Where the access log's writer thread puts buffers of lines. Called on that thread only, so
/// it may block: while it does, the event loops drop records rather than wait for it.
public protocol AccessLogSink: Sendable {
    /// `lines` is whole lines, each ending in a newline.
    func write(_ lines: UnsafeRawBufferPointer)
}
