import ZipArchive

/// The text of a Word .docx: the zip's `word/document.xml`, inflated with zlib, with paragraphs
/// and line breaks as new lines and table cells joined by ` | ` (the extractor reads such rows
/// as tables). Bounded by `limits`: the zip's sizes and compression ratio are checked before
/// anything is inflated (zip bombs).
enum DocxText {
    struct Failure: Error {
        var reason: String
    }

    static let limits = ZipLimits(maxEntryBytes: 64 * 1024 * 1024)

    static func isZip(_ bytes: [UInt8]) -> Bool { ZipArchive.looksLikeZip(bytes) }

    static func extract(_ bytes: [UInt8]) throws(Failure) -> String {
        let xml: [UInt8]
        do {
            xml = try ZipArchive(bytes, limits: limits).contents(of: "word/document.xml")
        } catch {
            if case .missingEntry = error { throw Failure(reason: "no word/document.xml: not a Word document") }
            throw Failure(reason: error.description)
        }
        guard let text = String(validating: xml, as: UTF8.self) else { throw Failure(reason: "document.xml is not UTF-8") }
        return paragraphs(fromXML: text)
    }

    // MARK: WordprocessingML

    static func paragraphs(fromXML xml: String) -> String {
        var out = ""
        var inText = false
        var scanner = xml.unicodeScalars[...]
        while let next = scanner.first {
            if next == "<" {
                guard let close = scanner.firstIndex(of: ">") else { break }
                let tag = String(scanner[scanner.index(after: scanner.startIndex)..<close])
                scanner = scanner[scanner.index(after: close)...]
                let name = tag.split(separator: " ").first.map(String.init) ?? tag
                switch name {
                case "w:t": inText = true
                case "w:t/": inText = false
                case "/w:t": inText = false
                case "/w:p", "w:br/", "w:cr/", "/w:tr": out += "\n"
                case "w:tab/": out += "\t"
                case "/w:tc": out += " | "
                default: break
                }
            } else {
                let end = scanner.firstIndex(of: "<") ?? scanner.endIndex
                if inText { out += decodeEntities(String(scanner[scanner.startIndex..<end])) }
                scanner = scanner[end...]
            }
        }
        return out
    }

    static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = ""
        var rest = s[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semi) <= 10 else {
                out += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "lt": out += "<"
            case "gt": out += ">"
            case "amp": out += "&"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let number = entity.hasPrefix("#x") ? UInt32(entity.dropFirst(2), radix: 16)
                    : entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil
                if let number, let scalar = Unicode.Scalar(number) { out.unicodeScalars.append(scalar) } else { out += "&\(entity);" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}
