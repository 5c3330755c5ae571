/// OOXML's escape for characters XML 1.0 cannot hold (ECMA-376 Part 1, 22.9.2.19, ST_Xstring):
/// `_x0001_` is U+0001, and a literal `_xHHHH_` is written with its underscore escaped
/// (`_x005F_xHHHH_`). Excel decodes these in cell text; a reader that did not would show them.
enum EscapedText {
    static func decode(_ text: String) -> String {
        guard text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if let scalar = escape(in: scalars, at: i) {
                out.append(scalar)
                i += 7
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    static func encode(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) || text.contains("_x") else { return text }
        let scalars = Array(text.unicodeScalars)
        var out = ""
        for (i, scalar) in scalars.enumerated() {
            if needsEscape(scalar) || (scalar == "_" && escape(in: scalars, at: i) != nil) {
                out += "_x" + hex4(scalar.value) + "_"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The character `_xHHHH_` at `i` stands for, if one starts there.
    private static func escape(in scalars: [Unicode.Scalar], at i: Int) -> Unicode.Scalar? {
        guard i + 6 < scalars.count, scalars[i] == "_", scalars[i + 1] == "x", scalars[i + 6] == "_" else { return nil }
        var value: UInt32 = 0
        for digit in scalars[(i + 2)..<(i + 6)] {
            guard digit.isASCII, let d = UInt32(String(digit), radix: 16) else { return nil }
            value = value * 16 + d
        }
        return Unicode.Scalar(value)
    }

    /// Outside XML 1.0's Char production (§2.2), or a carriage return, which XML readers turn
    /// into a line feed (§2.11).
    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return false
        default: return true
        }
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
