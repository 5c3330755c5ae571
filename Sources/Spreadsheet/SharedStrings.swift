/// The workbook's shared strings table (`xl/sharedStrings.xml`): the text of each `<si>`, in
/// order, rich-text runs joined and phonetic guides (`<rPh>`, furigana) left out, as Excel shows
/// the cell.
enum SharedStrings {
    static func read(_ xml: [UInt8], part: String) throws(XLSXReadError) -> [String] {
        var strings: [String] = []
        var current = ""
        var inItem = false, inText = false, phonetic = 0
        do {
            var scanner = try XMLScanner(xml)
            while let event = try scanner.next() {
                switch event {
                case .start(let tag):
                    switch tag.name {
                    case "si": inItem = true; current = ""
                    case "rPh": phonetic += 1
                    case "t": inText = inItem && phonetic == 0
                    default: break
                    }
                case .end(let name):
                    switch name {
                    case "si": strings.append(EscapedText.decode(current)); inItem = false
                    case "rPh": phonetic -= 1
                    case "t": inText = false
                    default: break
                    }
                case .text(let text):
                    if inText { current += text }
                }
            }
        } catch {
            throw .xml(part: part, error)
        }
        return strings
    }
}
