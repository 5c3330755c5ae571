/// What a document's bytes turned out to be.
public enum DocumentFormat: String, Sendable, Codable {
    case plainText = "text"
    case html
}

/// The character encoding the bytes were read in.
public enum TextEncoding: String, Sendable, Codable {
    case utf8 = "utf-8"
    case gb18030
}
