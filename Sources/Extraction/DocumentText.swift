import Foundation

/// Bytes as fetched or uploaded → report text.
///
/// UTF-8 (with or without BOM) and GB18030/GBK/GB2312 text; HTML pages reduced to their visible
/// text. PDF, Word and other binary formats are refused with a typed error naming the type.
public enum DocumentText {
    public static func decode(bytes: [UInt8], contentType: String?) throws(DocumentDecodingError) -> DecodedDocument {
        guard !bytes.isEmpty else { throw .empty }
        let type = contentType?.lowercased() ?? ""
        if let refused = refusedType(bytes, contentType: type) { throw .unsupportedFormat(refused) }
        if looksBinary(bytes) { throw .notText }
        let declared = charset(in: type) ?? sniffedCharset(bytes)
        var body = ArraySlice(bytes)
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let text: String
        let encoding: TextEncoding
        let wantsGB = declared.map { ["gbk", "gb2312", "gb18030", "gb_2312-80", "x-gbk"].contains($0) } ?? false
        if !wantsGB, let s = String(validating: body, as: UTF8.self) {
            text = s
            encoding = .utf8
        } else if let s = GB18030.decode(Array(body)) {
            text = s
            encoding = .gb18030
        } else if let s = String(validating: body, as: UTF8.self) {
            text = s
            encoding = .utf8
        } else {
            throw .undecodableText
        }
        if type.contains("html") || (!type.contains("text/plain") && looksLikeHTML(text)) {
            let (plain, title) = HTMLText.convert(text)
            return DecodedDocument(text: plain, format: .html, encoding: encoding, title: title)
        }
        return DecodedDocument(text: text.replacingOccurrences(of: "\r\n", with: "\n"), format: .plainText,
                               encoding: encoding)
    }

    /// PDF, Word, zip and other binaries, by declared type or by magic bytes.
    /// More than one byte in twenty of the start is a control character other than tab, line
    /// breaks and ESC: not a report's text, whatever its declared type.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(4096)
        return sample.filter { $0 < 0x09 || ($0 > 0x0D && $0 < 0x20 && $0 != 0x1B) }.count > sample.count / 20
    }

    static func refusedType(_ bytes: [UInt8], contentType type: String) -> String? {
        if bytes.starts(with: Array("%PDF".utf8)) || type.contains("application/pdf") { return "application/pdf" }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            return type.contains("wordprocessingml") || type.isEmpty || type.contains("octet-stream")
                ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document (docx: the report loader reads it)"
                : type
        }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0]) { return "application/msword" }
        for prefix in ["image/", "audio/", "video/", "application/zip", "application/msword",
                       "application/vnd.", "application/octet-stream"] where type.hasPrefix(prefix) {
            return type.split(separator: ";").first.map(String.init) ?? type
        }
        // Declared text that is not is a body error (`notText`, 422), not a type error (415).
        if looksBinary(bytes), !type.hasPrefix("text/") { return type.isEmpty ? "application/octet-stream" : type }
        return nil
    }

    static func charset(in type: String) -> String? {
        guard let r = type.range(of: "charset=") else { return nil }
        let rest = type[r.upperBound...].prefix { $0 != ";" && $0 != " " && $0 != "\"" }
        return rest.isEmpty ? nil : String(rest)
    }

    /// <meta charset="gbk"> in the first bytes of a page.
    static func sniffedCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(2048).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        guard head.contains("<meta"), let r = head.range(of: "charset=") else { return nil }
        let rest = head[r.upperBound...].drop { $0 == "\"" || $0 == "'" }
            .prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return rest.isEmpty ? nil : String(rest)
    }

    static func looksLikeHTML(_ text: String) -> Bool {
        let head = text.prefix(2048).lowercased()
        return head.contains("<!doctype html") || head.contains("<html") || head.contains("<body")
            || (head.contains("<p") && head.contains("</p>")) || (head.contains("<div") && head.contains("</div>"))
    }
}
