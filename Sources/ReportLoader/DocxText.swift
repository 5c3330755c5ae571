import CZlib

/// The text of a Word .docx: the zip's `word/document.xml`, inflated with zlib, with paragraphs
/// and line breaks as new lines and table cells joined by ` | ` (the extractor reads such rows
/// as tables). Bounded: the XML may not inflate beyond `maxBytes` (zip bombs).
enum DocxText {
    struct Failure: Error {
        var reason: String
    }

    static let maxBytes = 64 * 1024 * 1024

    static func isZip(_ bytes: [UInt8]) -> Bool { bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) }

    static func extract(_ bytes: [UInt8]) throws(Failure) -> String {
        let xml = try entry(named: "word/document.xml", in: bytes)
        guard let text = String(validating: xml, as: UTF8.self) else { throw Failure(reason: "document.xml is not UTF-8") }
        return paragraphs(fromXML: text)
    }

    // MARK: zip

    private static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }

    static func entry(named name: String, in b: [UInt8]) throws(Failure) -> [UInt8] {
        // End of central directory: 22 bytes plus a comment of up to 64 KiB at the end.
        guard b.count >= 22 else { throw Failure(reason: "too short to be a zip") }
        var eocd = -1
        var i = b.count - 22
        while i >= max(0, b.count - 22 - 65_535) {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 0x05, b[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { throw Failure(reason: "no zip directory") }
        let count = u16(b, eocd + 10)
        var p = u32(b, eocd + 16)
        let wanted = Array(name.utf8)
        for _ in 0..<count {
            guard p + 46 <= b.count, u32(b, p) == 0x0201_4B50 else { throw Failure(reason: "damaged zip directory") }
            let method = u16(b, p + 10), compressed = u32(b, p + 20), size = u32(b, p + 24)
            let nameLength = u16(b, p + 28), extra = u16(b, p + 30), comment = u16(b, p + 32), local = u32(b, p + 42)
            guard p + 46 + nameLength <= b.count else { throw Failure(reason: "damaged zip directory") }
            if Array(b[(p + 46)..<(p + 46 + nameLength)]) == wanted {
                guard local + 30 <= b.count, u32(b, local) == 0x0403_4B50 else { throw Failure(reason: "damaged zip entry") }
                let start = local + 30 + u16(b, local + 26) + u16(b, local + 28)
                guard start + compressed <= b.count, size <= maxBytes else { throw Failure(reason: "damaged or oversized entry") }
                let data = Array(b[start..<(start + compressed)])
                switch method {
                case 0: return data
                case 8: return try inflate(data, expected: size)
                default: throw Failure(reason: "compression method \(method) is not supported")
                }
            }
            p += 46 + nameLength + extra + comment
        }
        throw Failure(reason: "no word/document.xml: not a Word document")
    }

    static func inflate(_ input: [UInt8], expected: Int) throws(Failure) -> [UInt8] {
        var stream = z_stream()
        // Negative window bits: raw deflate, as zip stores it (no zlib header).
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw Failure(reason: "zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: max(expected, 1))
        var input = input
        let status: Int32 = input.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.next_in = src.baseAddress
                stream.avail_in = uInt(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = uInt(dst.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == expected else { throw Failure(reason: "the compressed text is damaged") }
        return output
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
