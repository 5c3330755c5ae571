import Domain

/// Writes JSON straight into bytes: no reflection, no intermediate dictionaries. The caller
/// keeps the structure balanced; commas are placed by the writer.
///
/// The bytes live in a buffer of its own rather than an `Array`: a series answer is thousands
/// of small appends, and each `Array.append` pays for a uniqueness and capacity check and a
/// generic copy that together cost more than the JSON itself. The writer cannot be copied, so
/// it owns its buffer alone and a write checks only the capacity.
struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var needsComma = false

    init(capacity: Int = 1024) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// The JSON written so far.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    mutating func beginObject() { separator(); byte(UInt8(ascii: "{")); needsComma = false }
    mutating func endObject() { byte(UInt8(ascii: "}")); needsComma = true }
    mutating func beginArray() { separator(); byte(UInt8(ascii: "[")); needsComma = false }
    mutating func endArray() { byte(UInt8(ascii: "]")); needsComma = true }

    /// An object key; the next value written belongs to it.
    mutating func key(_ name: StaticString) {
        let length = name.utf8CodeUnitCount
        let end = reserve(length + 4)
        var i = 0
        if needsComma { end[0] = UInt8(ascii: ","); i = 1 }
        end[i] = UInt8(ascii: "\"")
        Self.copySmall(name.utf8Start, to: end + i + 1, count: length)
        end[i + length + 1] = UInt8(ascii: "\"")
        end[i + length + 2] = UInt8(ascii: ":")
        count += i + length + 3
        needsComma = false
    }

    /// A key known only at run time. (A literal key goes to `key(_: StaticString)`; the labels
    /// differ because Swift would otherwise pick this overload for literals too.)
    mutating func key(text name: String) {
        separator()
        appendQuoted(name)
        byte(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) { separator(); appendQuoted(value); needsComma = true }

    /// A string value known at compile time, with nothing to escape (enum names and the like).
    mutating func literal(_ value: StaticString) {
        separator()
        let length = value.utf8CodeUnitCount
        let end = reserve(length + 2)
        end[0] = UInt8(ascii: "\"")
        Self.copySmall(value.utf8Start, to: end + 1, count: length)
        end[length + 1] = UInt8(ascii: "\"")
        count += length + 2
        needsComma = true
    }

    /// A string from UTF-8 bytes (escaped as needed); nil writes null.
    mutating func string(bytes value: UnsafeBufferPointer<UInt8>?) {
        guard let value else { null(); return }
        separator()
        appendQuoted(bytes: value)
        needsComma = true
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func null() { separator(); append("null"); needsComma = true }

    mutating func bool(_ value: Bool) {
        separator()
        append(value ? "true" : "false")
        needsComma = true
    }

    mutating func int(_ value: some BinaryInteger) {
        separator()
        if let small = Int64(exactly: value) {
            appendDigits(small)
        } else {
            appendASCII(String(value))
        }
        needsComma = true
    }

    /// A period as a JSON string (`"2021-Q3"`).
    mutating func period(_ period: Period) {
        separator()
        let end = reserve(Period.maxTextLength + 2)
        end[0] = UInt8(ascii: "\"")
        let length = period.writeText(to: end + 1)
        end[length + 1] = UInt8(ascii: "\"")
        count += length + 2
        needsComma = true
    }

    /// A time as a JSON string in RFC 3339 (`"2022-03-24T08:15:00.000000Z"`).
    mutating func timestamp(_ time: Timestamp) {
        separator()
        let end = reserve(Timestamp.rfc3339Length + 2)
        end[0] = UInt8(ascii: "\"")
        time.writeRFC3339(to: end + 1)
        end[Timestamp.rfc3339Length + 1] = UInt8(ascii: "\"")
        count += Timestamp.rfc3339Length + 2
        needsComma = true
    }

    /// Integral values print without a fraction (yuan stay exact: 2005000000, not 2.005e9);
    /// others in the shortest form that reads back to the same double. Non-finite → null.
    mutating func number(_ value: Double?) {
        guard let value, value.isFinite else { null(); return }
        separator()
        if let whole = NumberText.wholeNumber(value) {
            appendDigits(whole)
        } else if let (digits, places) = NumberText.shortDecimal(value) {
            appendDigits(digits, places: places)
        } else {
            appendASCII(value.description)
        }
        needsComma = true
    }

    static func format(_ value: Double) -> String { NumberText.format(value) }

    /// Pre-encoded JSON for a value (used for nested documents built elsewhere).
    mutating func raw(_ json: [UInt8]) {
        separator()
        json.withUnsafeBufferPointer { append($0) }
        needsComma = true
    }

    // MARK: bytes

    /// Room for `count` more bytes; returns where they go. The caller writes them and then
    /// advances `count`.
    @inline(__always)
    private mutating func reserve(_ needed: Int) -> UnsafeMutablePointer<UInt8> {
        if _slowPath(count + needed > capacity) { makeRoom(needed) }
        return base + count
    }

    /// A full buffer doubles.
    @inline(never)
    private mutating func makeRoom(_ needed: Int) {
        var newCapacity = capacity
        while count + needed > newCapacity { newCapacity *= 2 }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func byte(_ value: UInt8) {
        reserve(1).pointee = value
        count += 1
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    private mutating func appendASCII(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// The decimal digits of `value`, with a point `places` digits from the right when
    /// `places` > 0 (8919, 3 → 8.919).
    private mutating func appendDigits(_ value: Int64, places: Int = 0) {
        let end = reserve(24)
        var v = value.magnitude
        var length = 0
        var rest = v
        repeat { length += 1; rest /= 10 } while rest > 0
        if places > 0 { length = max(length, places + 1) + 1 }
        let total = length + (value < 0 ? 1 : 0)
        var i = total - 1
        if places > 0 {
            for _ in 0..<places {
                end[i] = UInt8(48 + v % 10)
                v /= 10
                i -= 1
            }
            end[i] = UInt8(ascii: ".")
            i -= 1
        }
        repeat {
            end[i] = UInt8(48 + v % 10)
            v /= 10
            i -= 1
        } while v > 0
        if value < 0 { end[0] = UInt8(ascii: "-") }
        count += total
    }

    @inline(__always)
    private mutating func separator() {
        if needsComma { byte(UInt8(ascii: ",")) }
    }

    private mutating func appendQuoted(_ s: String) {
        var text = s
        text.withUTF8 { appendQuoted(bytes: $0) }
    }

    private mutating func appendQuoted(bytes value: UnsafeBufferPointer<UInt8>) {
        // One scan, then one copy: most of what we write (codes, names, enums) needs no escaping.
        guard let source = value.baseAddress else {
            byte(UInt8(ascii: "\"")); byte(UInt8(ascii: "\""))
            return
        }
        guard !Self.needsEscaping(source, count: value.count) else {
            byte(UInt8(ascii: "\""))
            appendEscaped(value)
            byte(UInt8(ascii: "\""))
            return
        }
        let end = reserve(value.count + 2)
        end[0] = UInt8(ascii: "\"")
        Self.copySmall(source, to: end + 1, count: value.count)
        end[value.count + 1] = UInt8(ascii: "\"")
        count += value.count + 2
    }

    /// Whether any byte is a control character, a quote or a backslash: eight bytes at a time.
    @inline(__always)
    private static func needsEscaping(_ bytes: UnsafePointer<UInt8>, count: Int) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ w: UInt64) -> Bool { (w &- ones) & ~w & highs != 0 }
        var i = 0
        while i + 8 <= count {
            let w = UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self)
            // A byte below 0x20: subtracting 0x20 borrows into its high bit (high bytes excluded).
            if (w &- ones &* 0x20) & ~w & highs != 0 || hasZeroByte(w ^ (ones &* 0x22)) || hasZeroByte(w ^ (ones &* 0x5C)) {
                return true
            }
            i += 8
        }
        while i < count {
            let b = bytes[i]
            if b < 0x20 || b == 0x22 || b == 0x5C { return true }
            i += 1
        }
        return false
    }

    /// Short copies (keys, codes) byte by byte: a `memmove` call costs more than the bytes.
    @inline(__always)
    private static func copySmall(_ source: UnsafePointer<UInt8>, to target: UnsafeMutablePointer<UInt8>, count: Int) {
        if count > 32 {
            target.update(from: source, count: count)
            return
        }
        guard count >= 8 else {
            for i in 0..<count { target[i] = source[i] }
            return
        }
        // Eight bytes at a time, the last word overlapping the one before it.
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        var i = 0
        while i + 8 < count {
            to.storeBytes(of: from.loadUnaligned(fromByteOffset: i, as: UInt64.self), toByteOffset: i, as: UInt64.self)
            i += 8
        }
        to.storeBytes(of: from.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), toByteOffset: count - 8, as: UInt64.self)
    }

    private mutating func appendEscaped(_ value: UnsafeBufferPointer<UInt8>) {
        for b in value {
            switch b {
            case 0x22: byte(0x5C); byte(0x22)
            case 0x5C: byte(0x5C); byte(0x5C)
            case 0x0A: byte(0x5C); byte(UInt8(ascii: "n"))
            case 0x0D: byte(0x5C); byte(UInt8(ascii: "r"))
            case 0x09: byte(0x5C); byte(UInt8(ascii: "t"))
            case 0..<0x20:
                byte(0x5C); byte(UInt8(ascii: "u")); byte(0x30); byte(0x30)
                byte(Self.hexDigit(b >> 4)); byte(Self.hexDigit(b & 15))
            default: byte(b)
            }
        }
    }

    private static func hexDigit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 48 + nibble : 87 + nibble }
}
