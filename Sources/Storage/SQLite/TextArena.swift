/// Storage for the texts a bulk import binds again and again (codes, enum names, periods), so
/// that SQLite reads them in place instead of copying each bind. Freed with the arena: statements
/// bound to its texts must be finalized or rebound before it goes.
final class TextArena {
    private var blocks: [UnsafeMutableBufferPointer<CChar>] = []
    private var used = 0
    private static let blockSize = 64 * 1024

    func add(_ text: String) -> StaticText {
        var text = text
        return text.withUTF8 { utf8 in
            let count = utf8.count
            if blocks.isEmpty || used + count + 1 > blocks[blocks.count - 1].count {
                blocks.append(.allocate(capacity: max(Self.blockSize, count + 1)))
                used = 0
            }
            let block = blocks[blocks.count - 1]
            let start = block.baseAddress! + used
            utf8.withMemoryRebound(to: CChar.self) { source in
                if let base = source.baseAddress { start.update(from: base, count: count) }
            }
            start[count] = 0
            used += count + 1
            return StaticText(start: UnsafePointer(start), count: Int32(count))
        }
    }

    deinit {
        for block in blocks { block.deallocate() }
    }
}
