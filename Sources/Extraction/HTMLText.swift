/// The visible text of an HTML page: navigation, scripts and styles dropped, block elements on
/// lines of their own, table cells joined by `|` the way the metadata tables are laid out.
enum HTMLText {
    private static let skipped: Set<String> = [
        "script", "style", "nav", "head", "header", "footer", "noscript", "template", "iframe", "svg", "select",
        "object", "canvas", "aside",
    ]
    private static let blocks: Set<String> = [
        "p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "ul", "ol",
        "dd", "dt", "dl", "blockquote", "pre", "hr", "form", "main", "tbody", "thead", "center", "body", "html",
    ]
    private static let cells: Set<String> = ["td", "th"]
    private static let entities: [String: String] = [
        "nbsp": " ", "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "ldquo": "“", "rdquo": "”",
        "lsquo": "‘", "rsquo": "’", "mdash": "—", "ndash": "–", "hellip": "…", "middot": "·", "times": "×",
        "ensp": " ", "emsp": " ", "thinsp": " ", "yen": "¥", "copy": "©", "reg": "®", "deg": "°", "plusmn": "±",
        "permil": "‰", "bull": "•", "laquo": "«", "raquo": "»", "divide": "÷",
    ]

    static func convert(_ html: String) -> (text: String, title: String?) {
        let s = Array(html.unicodeScalars)
        var out = String.UnicodeScalarView()
        var title: String?
        var inCell = 0
        var i = 0
        func lower(_ u: Unicode.Scalar) -> Unicode.Scalar {
            (u.value >= 65 && u.value <= 90) ? Unicode.Scalar(u.value + 32) ?? u : u
        }
        func startsWith(_ word: String, at k: Int) -> Bool {
            var k = k
            for w in word.unicodeScalars {
                guard k < s.count, lower(s[k]) == w else { return false }
                k += 1
            }
            return true
        }
        func find(_ word: String, from k: Int) -> Int? {
            var k = k
            while k < s.count {
                if startsWith(word, at: k) { return k }
                k += 1
            }
            return nil
        }
        // The title sits in <head>, which is otherwise skipped whole.
        if let open = find("<title", from: 0), let gt = find(">", from: open), let end = find("</title", from: gt) {
            var t = String.UnicodeScalarView()
            t.append(contentsOf: s[(gt + 1)..<max(gt + 1, end)])
            let decoded = decodeEntities(String(t)).trimmingSpaces()
            if !decoded.isEmpty { title = decoded }
        }
        while i < s.count {
            let c = s[i]
            if c == "<" {
                if startsWith("<!--", at: i) {
                    i = (find("-->", from: i + 4).map { $0 + 3 }) ?? s.count
                    continue
                }
                guard let close = find(">", from: i + 1) else { break }
                var k = i + 1
                let closing = k < s.count && s[k] == "/"
                if closing { k += 1 }
                var name = ""
                while k < close, s[k].properties.isAlphabetic || (s[k].value >= 48 && s[k].value <= 57) {
                    name.unicodeScalars.append(lower(s[k]))
                    k += 1
                }
                i = close + 1
                if !closing, skipped.contains(name) {
                    // Skip to the matching end tag; a void or self-closed element has none.
                    if s[max(i - 2, 0)] != "/", let end = find("</" + name, from: i) {
                        i = (find(">", from: end).map { $0 + 1 }) ?? s.count
                    }
                    continue
                }
                if name == "tr" || name == "table" { inCell = 0 }
                if cells.contains(name) {
                    inCell = closing ? max(0, inCell - 1) : inCell + 1
                    if !closing { out.append(contentsOf: " | ".unicodeScalars) }
                } else if blocks.contains(name) || name == "title" {
                    // Word-exported pages wrap cell text in <p>: a row must stay on one line.
                    out.append(inCell > 0 ? " " : "\n")
                }
                continue
            }
            if c == "&", let semi = (i + 1..<min(s.count, i + 12)).first(where: { s[$0] == ";" }) {
                var ent = String.UnicodeScalarView()
                ent.append(contentsOf: s[i..<semi + 1])
                let decoded = decodeEntities(String(ent))
                if decoded != String(ent) {
                    out.append(contentsOf: decoded.unicodeScalars)
                    i = semi + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return (collapse(String(out)), title)
    }

    /// Named and numeric character references.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let s = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < s.count {
            if s[i] == "&", let semi = (i + 1..<min(s.count, i + 12)).first(where: { s[$0] == ";" }) {
                var body = ""
                body.unicodeScalars.append(contentsOf: s[i + 1..<semi])
                if body.hasPrefix("#") {
                    let digits = body.dropFirst()
                    let value = digits.hasPrefix("x") || digits.hasPrefix("X")
                        ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                    if let v = value, let u = Unicode.Scalar(v) {
                        out.append(u)
                        i = semi + 1
                        continue
                    }
                } else if let e = entities[body] {
                    out.append(contentsOf: e.unicodeScalars)
                    i = semi + 1
                    continue
                }
            }
            out.append(s[i])
            i += 1
        }
        return String(out)
    }

    /// One space for each run of whitespace, no blank lines, no empty table cells.
    static func collapse(_ text: String) -> String {
        var lines: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
            var line = String.UnicodeScalarView()
            var space = false
            for u in raw.unicodeScalars {
                if u == " " || u == "\t" || u == "\r" || u == "\u{A0}" || u == "\u{3000}" || u == "\u{200B}" {
                    space = true
                    continue
                }
                if space, !line.isEmpty { line.append(" ") }
                space = false
                line.append(u)
            }
            var l = String(line)
            while l.hasPrefix("| ") { l.removeFirst(2) }
            l = l.replacingOccurrencesOfEmptyCells()
            if !l.trimmingSpaces().isEmpty, l != "|" { lines.append(l) }
        }
        return lines.joined(separator: "\n")
    }
}

private extension String {
    func replacingOccurrencesOfEmptyCells() -> String {
        var s = self
        while let r = s.range(of: "|  |") { s.replaceSubrange(r, with: "|") }
        while let r = s.range(of: "| |") { s.replaceSubrange(r, with: "|") }
        return s
    }
}
