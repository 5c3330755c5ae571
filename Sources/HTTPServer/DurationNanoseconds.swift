/// Deadlines are kept as monotonic nanoseconds.
extension Duration {
    var totalNanoseconds: UInt64 {
        let (s, atto) = components
        if s < 0 { return 0 }
        return UInt64(s) &* 1_000_000_000 &+ UInt64(atto / 1_000_000_000)
    }
}
