/// The shared strings a workbook is written with: each distinct text once, cells pointing at it
/// by index, as Excel itself writes text (and every reader of .xlsx reads).
struct SharedStringTable {
    private(set) var strings: [String] = []
    /// How many cells refer to the table, which its `count` attribute states.
    private(set) var references = 0
    private var indexes: [String: Int] = [:]

    mutating func index(of text: String) -> Int {
        references += 1
        if let index = indexes[text] { return index }
        indexes[text] = strings.count
        strings.append(text)
        return strings.count - 1
    }

    var xml: String {
        var out = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        out += #"<sst xmlns="\#(WorkbookParts.mainNamespace)" count="\#(references)" uniqueCount="\#(strings.count)">"#
        for text in strings {
            // Without xml:space="preserve", leading and trailing spaces may be dropped on reading.
            let preserve = text.first.map(\.isWhitespace) == true || text.last.map(\.isWhitespace) == true
            out += preserve ? #"<si><t xml:space="preserve">"# : "<si><t>"
            out += XMLEscape.text(text)
            out += "</t></si>"
        }
        return out + "</sst>"
    }
}
