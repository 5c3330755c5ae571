/// The access log: one line per response, gathered per event loop and written by one thread,
/// as nginx's `access_log … buffer=64k flush=1s` does.
///
/// A loop appends each record to its own buffer (no lock, no allocation beyond the bytes of the
/// record). A buffer that is full, or whose first record is older than `flushInterval`, is handed
/// to the writer thread. When the writer falls behind (stderr a slow or stuck pipe) and
/// `queuedBuffers` are already waiting, a full buffer's records are dropped and counted
/// (`HTTPServerStats.Snapshot.droppedLogRecords`) instead of stalling requests. A graceful stop
/// writes every buffered record; a process killed outright loses at most the last
/// `flushInterval` of them.
public struct AccessLogConfiguration: Sendable {
    public var format: LogFormat = .logfmt
    /// How long a record may wait in its loop's buffer (nginx's `flush=`).
    public var flushInterval: Duration = .seconds(1)
    /// Bytes a loop gathers before handing them over (nginx's `buffer=`); at least 4 KiB.
    public var bufferBytes: Int = 64 * 1024
    /// Buffers waiting for the writer beyond which further records are dropped: 2 MiB, a
    /// fifth of a second at 40,000 requests a second, for a writer thread kept off the CPU.
    public var queuedBuffers: Int = 32
    public var sink: any AccessLogSink = FileDescriptorLogSink.standardError

    public init() {}

    public init(format: LogFormat, flushInterval: Duration = .seconds(1)) {
        self.format = format
        self.flushInterval = flushInterval
    }
}
