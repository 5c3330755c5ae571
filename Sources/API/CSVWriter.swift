/// RFC 4180 CSV: CRLF line ends, fields quoted when they hold a comma, quote, CR or LF (quotes
/// doubled). UTF-8; `bom` prepends the byte-order mark Excel needs to read UTF-8.
struct CSVWriter {
    private(set) var bytes: [UInt8] = []

    init(bom: Bool = false, capacity: Int = 4096) {
        bytes.reserveCapacity(capacity)
        if bom { bytes.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
    }

    mutating func row(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            let utf8 = field.utf8
            if utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0D || $0 == 0x0A }) {
                bytes.append(0x22)
                for b in utf8 {
                    if b == 0x22 { bytes.append(0x22) }
                    bytes.append(b)
                }
                bytes.append(0x22)
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }
}
