/// UTF-8 text that SQLite may bind without copying: it lives in a `TextArena` for as long as the
/// statements it is bound to.
struct StaticText {
    let start: UnsafePointer<CChar>
    let count: Int32
}
