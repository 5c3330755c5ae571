/// One log record as a line of bytes (with its newline), logfmt or JSON, every value a string:
/// how every line but the access log's is made (`LineLogHandler`), by the rules of `LogCursor`.
public enum LogLineEncoder {
    public static func line(_ fields: [(key: String, value: String)], format: LogFormat) -> [UInt8] {
        let bound = fields.reduce(4) { $0 + LogCursor.worstCase($1.key.utf8.count) + LogCursor.worstCase($1.value.utf8.count) + 2 }
        return [UInt8](unsafeUninitializedCapacity: bound) { buffer, count in
            guard let start = buffer.baseAddress else { return }
            var cursor = LogCursor(start)
            if format == .json { cursor.byte(UInt8(ascii: "{")) }
            for (i, field) in fields.enumerated() {
                switch format {
                case .logfmt:
                    if i > 0 { cursor.byte(0x20) }
                    cursor.text(field.key)
                    cursor.byte(UInt8(ascii: "="))
                case .json:
                    if i > 0 { cursor.byte(UInt8(ascii: ",")) }
                    cursor.value(field.key, .json)
                    cursor.byte(UInt8(ascii: ":"))
                }
                cursor.value(field.value, format)
            }
            if format == .json { cursor.byte(UInt8(ascii: "}")) }
            cursor.byte(0x0A)
            count = cursor.position - start
        }
    }
}
