/// A pull scanner for the XML of workbook parts: start tags with their attributes, end tags and
/// text, over UTF-8 bytes, with namespace prefixes dropped (`x:c` and `c` are both `c`; OOXML's
/// transitional and strict forms differ only in namespace URIs).
///
/// Not a general XML parser, on purpose: any `<!…>` declaration is refused before anything
/// after it is read, and only the five predefined entities and character references are
/// decoded, so entity expansion is impossible rather than limited. End tags must match and the
/// depth is bounded; a part cut short is an error, not a shorter sheet.
///
/// XMLCoder, in the package mirror, was not taken: it decodes through Foundation's XMLParser
/// (libxml2 on Linux), where whether a DTD is read and its entities expanded is a matter of
/// parser settings and versions, and it builds the whole tree as `Decodable` values before a
/// row could be counted against a cap.
struct XMLScanner {
    struct Tag {
        /// The local name, without a namespace prefix.
        let name: String
        let attributes: [(name: String, value: String)]

        /// The value of the attribute of this local name (`r:id` answers to `id`).
        func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    }

    enum Event {
        case start(Tag)
        case end(String)
        case text(String)
    }

    static let maxDepth = 64

    /// The element and attribute names the reader asks for, handed out as these very strings
    /// rather than decoded again for each of a sheet's million cells.
    private static let knownNames = ["c", "v", "t", "r", "s", "is", "row", "rPh", "sheetData", "si", "sheet", "id", "name",
                                     "Relationship", "Id", "Type", "Target", "TargetMode"]

    private let bytes: [UInt8]
    private var position: Int
    /// The qualified names of the open elements, as ranges of `bytes`.
    private var open: [Range<Int>] = []
    private var pendingEnd: String?

    init(_ bytes: [UInt8]) throws(XMLScanError) {
        // UTF-16 parts are allowed by XML but written by nothing that writes .xlsx.
        if bytes.starts(with: [0xFE, 0xFF]) || bytes.starts(with: [0xFF, 0xFE]) { throw .notUTF8(offset: 0) }
        self.bytes = bytes
        position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    mutating func next() throws(XMLScanError) -> Event? {
        if let name = pendingEnd {
            pendingEnd = nil
            return .end(name)
        }
        while position < bytes.count {
            guard bytes[position] == lt else {
                let start = position
                while position < bytes.count, bytes[position] != lt { position += 1 }
                if open.isEmpty {
                    guard bytes[start..<position].allSatisfy(Self.isSpace) else { throw malformed("text outside the root element", at: start) }
                    continue
                }
                return .text(try text(start..<position))
            }
            guard position + 1 < bytes.count else { throw malformed("a lone <", at: position) }
            switch bytes[position + 1] {
            case UInt8(ascii: "?"):
                position = try skip(past: Array("?>".utf8), from: position + 2)
            case UInt8(ascii: "!"):
                if starts(with: "<!--") {
                    position = try skip(past: Array("-->".utf8), from: position + 4)
                } else if starts(with: "<![CDATA[") {
                    let start = position + 9
                    position = try skip(past: Array("]]>".utf8), from: start)
                    guard !open.isEmpty else { throw malformed("CDATA outside the root element", at: start) }
                    guard let text = String(validating: bytes[start..<(position - 3)], as: UTF8.self) else { throw .notUTF8(offset: start) }
                    return .text(text)
                } else {
                    var end = position + 2
                    while end < bytes.count, end < position + 20, !Self.isSpace(bytes[end]), bytes[end] != gt { end += 1 }
                    throw .declarationRefused(String(decoding: bytes[(position + 2)..<end], as: UTF8.self))
                }
            case UInt8(ascii: "/"):
                return .end(try endTag())
            default:
                return .start(try startTag())
            }
        }
        if let innermost = open.last { throw malformed("the part ends inside <\(string(innermost))>", at: position) }
        return nil
    }

    // MARK: Tags

    private mutating func startTag() throws(XMLScanError) -> Tag {
        let tagStart = position
        position += 1
        let qualified = try name()
        let local = localName(qualified)
        var attributes: [(name: String, value: String)] = []
        while true {
            skipSpaces()
            guard position < bytes.count else { throw malformed("a tag is not closed", at: tagStart) }
            if bytes[position] == gt {
                position += 1
                guard open.count < Self.maxDepth else { throw .tooDeep(limit: Self.maxDepth) }
                open.append(qualified)
                return Tag(name: local, attributes: attributes)
            }
            if bytes[position] == slash {
                guard position + 1 < bytes.count, bytes[position + 1] == gt else { throw malformed("a / inside a tag", at: position) }
                position += 2
                pendingEnd = local
                return Tag(name: local, attributes: attributes)
            }
            let attribute = try name()
            skipSpaces()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "=") else { throw malformed("an attribute without =", at: position) }
            position += 1
            skipSpaces()
            guard position < bytes.count, bytes[position] == quote || bytes[position] == apostrophe else {
                throw malformed("an attribute value without quotes", at: position)
            }
            let delimiter = bytes[position]
            let start = position + 1
            position = start
            while position < bytes.count, bytes[position] != delimiter {
                guard bytes[position] != lt else { throw malformed("a < inside an attribute value", at: position) }
                position += 1
            }
            guard position < bytes.count else { throw malformed("an attribute value is not closed", at: start) }
            attributes.append((localName(attribute), try text(start..<position)))
            position += 1
        }
    }

    private mutating func endTag() throws(XMLScanError) -> String {
        let tagStart = position
        position += 2
        let qualified = try name()
        skipSpaces()
        guard position < bytes.count, bytes[position] == gt else { throw malformed("an end tag is not closed", at: tagStart) }
        position += 1
        guard let innermost = open.last, bytes[innermost].elementsEqual(bytes[qualified]) else {
            throw malformed("</\(string(qualified))> closes \(open.last.map { "<\(string($0))>" } ?? "nothing")", at: tagStart)
        }
        open.removeLast()
        return localName(qualified)
    }

    /// The bytes of a qualified name.
    private mutating func name() throws(XMLScanError) -> Range<Int> {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if Self.isSpace(byte) || byte == gt || byte == slash || byte == UInt8(ascii: "=") || byte == lt { break }
            position += 1
        }
        guard position > start else { throw malformed("a tag or attribute without a name", at: start) }
        return start..<position
    }

    /// The name after its namespace prefix. A name that is not UTF-8 decodes with replacement
    /// characters: it can match nothing the reader looks for.
    private func localName(_ qualified: Range<Int>) -> String {
        var start = qualified.lowerBound
        for i in qualified where bytes[i] == UInt8(ascii: ":") { start = i + 1 }
        let local = bytes[start..<qualified.upperBound]
        for known in Self.knownNames where known.utf8.count == local.count && known.utf8.elementsEqual(local) { return known }
        return String(decoding: local, as: UTF8.self)
    }

    private func string(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

    // MARK: Text

    /// Character data with entity and character references decoded and line ends normalized
    /// (XML 1.0 §2.11, §4.6).
    private func text(_ range: Range<Int>) throws(XMLScanError) -> String {
        let slice = bytes[range]
        if !slice.contains(amp), !slice.contains(cr) {
            guard let text = String(validating: slice, as: UTF8.self) else { throw .notUTF8(offset: range.lowerBound) }
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = range.lowerBound
        while i < range.upperBound {
            let byte = bytes[i]
            if byte == cr {
                out.append(UInt8(ascii: "\n"))
                i += (i + 1 < range.upperBound && bytes[i + 1] == UInt8(ascii: "\n")) ? 2 : 1
                continue
            }
            guard byte == amp else {
                out.append(byte)
                i += 1
                continue
            }
            guard let semicolon = bytes[i..<min(range.upperBound, i + 12)].firstIndex(of: UInt8(ascii: ";")) else {
                throw malformed("an & that starts no reference", at: i)
            }
            let reference = String(decoding: bytes[(i + 1)..<semicolon], as: UTF8.self)
            switch reference {
            case "lt": out.append(lt)
            case "gt": out.append(gt)
            case "amp": out.append(amp)
            case "quot": out.append(quote)
            case "apos": out.append(apostrophe)
            default:
                let number = reference.hasPrefix("#x") ? UInt32(reference.dropFirst(2), radix: 16)
                    : reference.hasPrefix("#") ? UInt32(reference.dropFirst(), radix: 10) : nil
                guard reference.hasPrefix("#") else { throw .undefinedEntity(reference) }
                guard let number, number != 0, let scalar = Unicode.Scalar(number) else {
                    throw malformed("&\(reference); is not a character", at: i)
                }
                out.append(contentsOf: String(scalar).utf8)
            }
            i = semicolon + 1
        }
        guard let text = String(validating: out, as: UTF8.self) else { throw .notUTF8(offset: range.lowerBound) }
        return text
    }

    // MARK: Bytes

    private func starts(with prefix: String) -> Bool {
        bytes[position...].starts(with: prefix.utf8)
    }

    /// The position just past the next `pattern` at or after `start`.
    private func skip(past pattern: [UInt8], from start: Int) throws(XMLScanError) -> Int {
        var i = start
        while i + pattern.count <= bytes.count {
            if bytes[i] == pattern[0], bytes[i..<(i + pattern.count)].elementsEqual(pattern) { return i + pattern.count }
            i += 1
        }
        throw malformed("\(String(decoding: pattern, as: UTF8.self)) is missing", at: start)
    }

    private mutating func skipSpaces() {
        while position < bytes.count, Self.isSpace(bytes[position]) { position += 1 }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private func malformed(_ what: String, at offset: Int) -> XMLScanError { .malformed(what, offset: offset) }

    private let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), amp = UInt8(ascii: "&"), slash = UInt8(ascii: "/")
    private let quote = UInt8(ascii: "\""), apostrophe = UInt8(ascii: "'"), cr = UInt8(ascii: "\r")
}
