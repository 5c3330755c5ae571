/// Reads RFC 4180 CSV from bytes: quoted fields with doubled quotes and embedded line breaks,
/// CRLF or LF line ends, an optional UTF-8 byte-order mark. Yields rows with their line number.
struct CSVReader {
    struct Failure: Error {
        var line: Int
        var reason: String
    }

    private let bytes: [UInt8]
    private var i = 0
    private(set) var line = 1

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    /// The next row and the line it starts on, or nil at the end. Blank lines are skipped.
    mutating func next() throws(Failure) -> (line: Int, fields: [String])? {
        while i < bytes.count, bytes[i] == 0x0A || bytes[i] == 0x0D {
            if bytes[i] == 0x0A { line += 1 }
            i += 1
        }
        guard i < bytes.count else { return nil }
        let start = line
        var fields: [String] = []
        while true {
            var field: [UInt8] = []
            if i < bytes.count, bytes[i] == 0x22 {
                i += 1
                while true {
                    guard i < bytes.count else { throw Failure(line: start, reason: "a quoted field is not closed") }
                    let b = bytes[i]
                    if b == 0x22 {
                        if i + 1 < bytes.count, bytes[i + 1] == 0x22 { field.append(0x22); i += 2; continue }
                        i += 1
                        break
                    }
                    if b == 0x0A { line += 1 }
                    field.append(b)
                    i += 1
                }
                guard i >= bytes.count || bytes[i] == 0x2C || bytes[i] == 0x0A || bytes[i] == 0x0D else {
                    throw Failure(line: line, reason: "text after a closing quote")
                }
            } else {
                while i < bytes.count, bytes[i] != 0x2C, bytes[i] != 0x0A, bytes[i] != 0x0D {
                    if bytes[i] == 0x22 { throw Failure(line: line, reason: "a quote inside an unquoted field") }
                    field.append(bytes[i])
                    i += 1
                }
            }
            guard let text = String(validating: field, as: UTF8.self) else {
                throw Failure(line: line, reason: "not UTF-8 (save the file as CSV UTF-8)")
            }
            fields.append(text)
            if i < bytes.count, bytes[i] == 0x2C { i += 1; continue }
            if i < bytes.count, bytes[i] == 0x0D { i += 1 }
            if i < bytes.count, bytes[i] == 0x0A { i += 1; line += 1 }
            return (start, fields)
        }
    }
}
