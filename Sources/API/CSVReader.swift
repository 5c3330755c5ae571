/// Reads RFC 4180 CSV as it arrives: quoted fields with doubled quotes and embedded line breaks,
/// CRLF or LF line ends, an optional UTF-8 byte-order mark. Pieces may split a row, a field, a
/// quote pair or a UTF-8 sequence anywhere; only the row being read is held.
///
/// ```swift
/// var reader = CSVReader()
/// while let piece = try stream.next() {
///     reader.feed(piece)
///     while try reader.nextRow() { use(reader) }
/// }
/// reader.finish()
/// while try reader.nextRow() { use(reader) }
/// ```
///
/// After `nextRow()` gave true, `line`, `fieldCount`, `withField` and `string` describe that
/// row until the next call. Blank lines are skipped. Every field is checked to be UTF-8.
struct CSVReader {
    struct Failure: Error {
        var line: Int
        var reason: String
    }

    private enum State {
        /// Between rows: line breaks are skipped.
        case rowStart
        case fieldStart
        case unquoted
        case quoted
        /// A quote inside a quoted field: doubled, or the closing one.
        case quoteInQuoted
    }

    private var input: [UInt8] = []
    private var cursor = 0
    private var ended = false
    private var atStart = true
    private var state = State.rowStart
    /// The line being read (1-based, as editors count).
    private var currentLine = 1
    /// The line the current row starts on.
    private(set) var line = 1
    /// The current row's field bytes, one after the other; `fieldEnds` marks where each ends.
    private var rowBytes: [UInt8] = []
    private var fieldEnds: [Int] = []
    private var rowReady = false

    init() {
        rowBytes.reserveCapacity(256)
        fieldEnds.reserveCapacity(16)
    }

    /// Adds the next piece of the text.
    mutating func feed(_ bytes: [UInt8]) {
        if cursor >= input.count {
            input = bytes
        } else {
            input.removeFirst(cursor)
            input.append(contentsOf: bytes)
        }
        cursor = 0
    }

    /// Marks the end of the text: the last row needs no line break.
    mutating func finish() { ended = true }

    var fieldCount: Int { fieldEnds.count }

    /// The bytes of field `i` of the current row.
    func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = i == 0 ? 0 : fieldEnds[i - 1], end = fieldEnds[i]
        return rowBytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }

    func string(_ i: Int) -> String { withField(i) { String(decoding: $0, as: UTF8.self) } }

    /// The fields of the current row, valid only inside `withFields`.
    struct Fields {
        fileprivate let bytes: UnsafeBufferPointer<UInt8>
        fileprivate let ends: UnsafeBufferPointer<Int>

        var count: Int { ends.count }

        subscript(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            UnsafeBufferPointer(rebasing: bytes[(i == 0 ? 0 : ends[i - 1])..<ends[i]])
        }
    }

    func withFields<R>(_ body: (Fields) -> R) -> R {
        rowBytes.withUnsafeBufferPointer { bytes in
            fieldEnds.withUnsafeBufferPointer { ends in body(Fields(bytes: bytes, ends: ends)) }
        }
    }

    /// Reads on to the end of the next row: true when there is one, false when the text fed so
    /// far holds no more (or, after `finish()`, at the end).
    mutating func nextRow() throws(Failure) -> Bool {
        if rowReady {
            rowBytes.removeAll(keepingCapacity: true)
            fieldEnds.removeAll(keepingCapacity: true)
            rowReady = false
        }
        if atStart {
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            let available = input.count - cursor
            if available < 3, !ended, input[cursor...].elementsEqual(bom.prefix(available)) { return false }
            if input[cursor...].starts(with: bom) { cursor += 3 }
            atStart = false
        }
        if try scan() { return true }
        guard ended else { return false }
        switch state {
        case .rowStart:
            return false
        case .quoted:
            throw Failure(line: line, reason: "a quoted field is not closed")
        case .fieldStart, .unquoted, .quoteInQuoted:
            try endField()
            state = .rowStart
            rowReady = true
            return true
        }
    }

    /// Runs the state machine over the unread input; true when it completed a row.
    private mutating func scan() throws(Failure) -> Bool {
        // Moved out and back rather than copied: a copy would cost a retain and a release a row.
        let input = take()
        defer { self.input = input }
        return try input.withUnsafeBufferPointer { (bytes) throws(Failure) -> Bool in
            let n = bytes.count
            while cursor < n {
                let b = bytes[cursor]
                switch state {
                case .rowStart:
                    if b == 0x0A {
                        currentLine += 1
                    } else if b != 0x0D {
                        line = currentLine
                        state = .fieldStart
                        continue
                    }
                case .fieldStart:
                    if b == 0x22 {
                        state = .quoted
                    } else {
                        state = .unquoted
                        continue
                    }
                case .unquoted:
                    switch b {
                    case 0x2C:
                        try endField()
                        state = .fieldStart
                    case 0x0A, 0x0D:
                        return try endRow()
                    case 0x22:
                        throw Failure(line: currentLine, reason: "a quote inside an unquoted field")
                    default:
                        // The rest of a field in one copy: most of the text is here.
                        var end = cursor + 1
                        while end < n, !Self.isSpecial(bytes[end]) { end += 1 }
                        rowBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[cursor..<end]))
                        cursor = end
                        continue
                    }
                case .quoted:
                    if b == 0x22 {
                        state = .quoteInQuoted
                    } else {
                        if b == 0x0A { currentLine += 1 }
                        rowBytes.append(b)
                    }
                case .quoteInQuoted:
                    switch b {
                    case 0x22:
                        rowBytes.append(0x22)
                        state = .quoted
                    case 0x2C:
                        try endField()
                        state = .fieldStart
                    case 0x0A, 0x0D:
                        return try endRow()
                    default:
                        throw Failure(line: currentLine, reason: "text after a closing quote")
                    }
                }
                cursor += 1
            }
            return false
        }
    }

    private mutating func take() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &input)
        return taken
    }

    /// A byte that ends a run of unquoted text: comma, quote, CR or LF.
    private static func isSpecial(_ b: UInt8) -> Bool { b == 0x2C || b == 0x0A || b == 0x0D || b == 0x22 }

    /// Ends the row at the line break under the cursor, which the next row's start skips.
    private mutating func endRow() throws(Failure) -> Bool {
        try endField()
        state = .rowStart
        rowReady = true
        return true
    }

    private mutating func endField() throws(Failure) {
        let start = fieldEnds.last ?? 0
        let valid = rowBytes.withUnsafeBufferPointer { Self.isUTF8(UnsafeBufferPointer(rebasing: $0[start...])) }
        guard valid else { throw Failure(line: currentLine, reason: "not UTF-8 (save the file as CSV UTF-8)") }
        fieldEnds.append(rowBytes.count)
    }

    /// Well-formed UTF-8: no stray continuation bytes, overlong forms, surrogates or values above
    /// U+10FFFF (what `String(validating:)` accepts), without making a string.
    static func isUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let count: Int, least: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC0...0xDF: count = 1; least = 0x80; scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF: count = 2; least = 0x800; scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF7: count = 3; least = 0x10000; scalar = UInt32(lead & 0x07)
            default: return false
            }
            guard i + count < n else { return false }
            for k in 1...count {
                let next = bytes[i + k]
                guard next & 0xC0 == 0x80 else { return false }
                scalar = scalar << 6 | UInt32(next & 0x3F)
            }
            guard scalar >= least, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return false }
            i += count + 1
        }
        return true
    }
}
