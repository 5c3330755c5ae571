import Glibc

/// Nanoseconds on CLOCK_MONOTONIC: what durations are measured and deadlines kept in, since
/// they must not jump with the wall clock. The one clock of the server, the store, the API and
/// the fetcher.
public enum MonotonicClock {
    public static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
