import CHTTPServerSystem
import Glibc

/// Turns SIGTERM/SIGINT into a readable descriptor (signalfd), so no signal handler and no
/// global state are needed. Create it on the thread that will wait, before starting threads
/// that should not see the signals (the server's own threads block them regardless).
public final class SignalWatcher: Sendable {
    private let fd: Int32

    public init(signals: [Int32] = [SIGTERM, SIGINT]) throws(HTTPServerError) {
        var mask = sigset_t()
        sigemptyset(&mask)
        for s in signals { sigaddset(&mask, s) }
        if pthread_sigmask(SIG_BLOCK, &mask, nil) != 0 { throw .system(.signals, "pthread_sigmask") }
        let fd = signalfd(-1, &mask, Int32(SFD_CLOEXEC))
        if fd < 0 { throw .system(.signals, "signalfd") }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Blocks until one of the signals arrives and returns its number.
    public func wait() -> Int32 {
        var info = signalfd_siginfo()
        while true {
            let n = read(fd, &info, MemoryLayout<signalfd_siginfo>.size)
            if n == MemoryLayout<signalfd_siginfo>.size { return Int32(info.ssi_signo) }
            if n < 0 && errno != EINTR { return SIGTERM }
        }
    }
}
