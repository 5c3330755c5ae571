/// Text for the XML the writer makes: markup characters as entities, characters XML cannot
/// hold in OOXML's `_xHHHH_` form.
enum XMLEscape {
    static func text(_ value: String) -> String {
        escaped(EscapedText.encode(value), quotes: false)
    }

    static func attribute(_ value: String) -> String {
        escaped(EscapedText.encode(value), quotes: true)
    }

    private static func escaped(_ value: String, quotes: Bool) -> String {
        guard value.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || (quotes && ($0 == 0x22 || $0 == 0x0A || $0 == 0x09)) })
        else { return value }
        var out = ""
        out.reserveCapacity(value.utf8.count + 16)
        for character in value.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            // In attributes a quote would end the value, and tabs and new lines would be
            // normalized to spaces (XML 1.0 §3.3.3).
            case "\"" where quotes: out += "&quot;"
            case "\n" where quotes: out += "&#10;"
            case "\t" where quotes: out += "&#9;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}
