/// The service's version: the command line's `--version`, the OpenAPI document's
/// `info.version`, and the `User-Agent` of the report fetcher (`zhibiao/0.1.0`).
public enum ServiceVersion {
    public static let current = "0.1.0"
}
