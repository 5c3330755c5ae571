/// How a log record becomes a line: logfmt (`ts=… level=info msg="…" key=value`) or one JSON
/// object per line, every value a string.
public enum LogFormat: String, Sendable, CaseIterable {
    case logfmt, json
}
