/// Trimming without Foundation's CharacterSet, which is slow on Linux.
extension String {
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\u{3000}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\u{3000}" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
