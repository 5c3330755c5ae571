/// The `aliases_zh` columns: a JSON array of strings, written and read by hand because the
/// catalogue holds 3,600 regions and Foundation's JSON coders cost tens of microseconds per call,
/// which made seeding and building the catalogue snapshot noticeably slow.
enum JSONStringArray {
    static func encode(_ strings: [String]) -> String {
        "[" + strings.map(jsonQuote).joined(separator: ",") + "]"
    }

    /// The strings of a JSON array of strings; nil for anything else (the column's CHECK keeps
    /// it valid JSON, but not necessarily an array of strings).
    static func decode(_ json: String) -> [String]? {
        var scalars = json.unicodeScalars.makeIterator()
        var out: [String] = []
        func next() -> Unicode.Scalar? {
            while let s = scalars.next() {
                if s != " " && s != "\n" && s != "\r" && s != "\t" { return s }
            }
            return nil
        }
        guard next() == "[" else { return nil }
        var token = next()
        if token == "]" { return next() == nil ? out : nil }
        while true {
            guard token == "\"", let string = readString(&scalars) else { return nil }
            out.append(string)
            token = next()
            if token == "]" { return next() == nil ? out : nil }
            guard token == "," else { return nil }
            token = next()
        }
    }

    /// Reads the rest of a string whose opening quote has been read.
    private static func readString(_ scalars: inout String.UnicodeScalarView.Iterator) -> String? {
        var text = String.UnicodeScalarView()
        var pendingHigh: UInt32?
        while let s = scalars.next() {
            switch s {
            case "\"":
                return pendingHigh == nil ? String(text) : nil
            case "\\":
                guard let e = scalars.next() else { return nil }
                var value: UInt32
                switch e {
                case "\"", "\\", "/": value = e.value
                case "b": value = 8
                case "f": value = 12
                case "n": value = 10
                case "r": value = 13
                case "t": value = 9
                case "u":
                    value = 0
                    for _ in 0..<4 {
                        guard let h = scalars.next(), let digit = Int(String(h), radix: 16) else { return nil }
                        value = value << 4 | UInt32(digit)
                    }
                default: return nil
                }
                // Characters beyond the BMP come as a surrogate pair of two \u escapes.
                if (0xD800...0xDBFF).contains(value) {
                    guard pendingHigh == nil else { return nil }
                    pendingHigh = value
                    continue
                }
                if let high = pendingHigh {
                    guard (0xDC00...0xDFFF).contains(value) else { return nil }
                    value = 0x10000 + ((high - 0xD800) << 10) + (value - 0xDC00)
                    pendingHigh = nil
                }
                guard let scalar = Unicode.Scalar(value) else { return nil }
                text.append(scalar)
            default:
                guard pendingHigh == nil else { return nil }
                text.append(s)
            }
        }
        return nil
    }
}
