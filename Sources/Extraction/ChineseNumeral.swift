/// Chinese numerals (一百二十三, 两千, 十三, 二〇二一) read at a position.
enum ChineseNumeral {
    static func digit(_ v: UInt32) -> Int? {
        switch v {
        case 0x96F6, 0x3007: return 0          // 零 〇
        case 0x4E00: return 1                  // 一
        case 0x4E8C, 0x4E24: return 2          // 二 两
        case 0x4E09: return 3
        case 0x56DB: return 4
        case 0x4E94: return 5
        case 0x516D: return 6
        case 0x4E03: return 7
        case 0x516B: return 8
        case 0x4E5D: return 9
        default: return nil
        }
    }

    static func smallUnit(_ v: UInt32) -> Int? {
        switch v {
        case 0x5341: return 10     // 十
        case 0x767E: return 100    // 百
        case 0x5343: return 1000   // 千
        default: return nil
        }
    }

    static func isStart(_ v: UInt32) -> Bool { digit(v) != nil || v == 0x5341 }

    /// 突破千亿, 超百亿: a round figure written as its units alone.
    static func isStart(_ t: ScalarText, at i: Int) -> Bool { isStart(t[i]) || isBareRound(t, at: i) }

    private static func isBareRound(_ t: ScalarText, at i: Int) -> Bool {
        (t[i] == 0x767E || t[i] == 0x5343) && (t[i + 1] == 0x4E07 || t[i + 1] == 0x4EBF)   // 百千, 万亿
    }

    /// Reads the longest numeral at `i`; `allowBigUnits` lets 万/亿 belong to the numeral (三亿元),
    /// which callers turn off when the scale is read as a unit instead.
    static func parse(_ t: ScalarText, at i: Int, allowBigUnits: Bool = true) -> (value: Double, end: Int)? {
        var total = 0.0, section = 0.0, number = 0.0
        var j = i
        var sawDigit = false, lastWasDigit = false, positional = true
        while j < t.count {
            let v = t[j]
            if let d = digit(v), d == 0, !positional {
                // 二百零六: 零 only marks a skipped place.
                lastWasDigit = false
            } else if let d = digit(v) {
                // 二〇二一: digits without units read positionally.
                number = lastWasDigit && positional ? number * 10 + Double(d) : Double(d)
                if lastWasDigit && !positional { break }
                sawDigit = true
                lastWasDigit = true
            } else if let u = smallUnit(v) {
                if !sawDigit && u != 10 && !(j == i && isBareRound(t, at: j)) { break }
                if lastWasDigit == false && number == 0 { number = 1 }
                section += number * Double(u)
                number = 0
                lastWasDigit = false
                positional = false
                sawDigit = true
            } else if allowBigUnits, sawDigit, v == 0x4E07 || v == 0x4EBF {   // 万 亿
                let big = v == 0x4E07 ? 1e4 : 1e8
                if big == 1e8 {
                    total = (total + section + number) * big
                } else {
                    total += (section + number) * big
                }
                section = 0
                number = 0
                lastWasDigit = false
                positional = false
            } else {
                break
            }
            j += 1
        }
        guard sawDigit, j > i else { return nil }
        return (total + section + number, j)
    }
}
