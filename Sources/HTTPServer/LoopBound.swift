/// Carries a loop-confined object through a worker job back to its loop, which alone touches it.
struct LoopBound<T: AnyObject>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
