import Foundation
import Glibc

/// Runs a program with an argument vector (no shell), stdin from /dev/null, within a time limit and
/// an output limit, and collects what it writes.
///
/// posix_spawn rather than Foundation's Process: one thread polls both pipes until the child closes
/// them, so a child filling one pipe while we wait on the other cannot deadlock, and the limits
/// are checked as the bytes arrive. The child starts with no blocked signals and SIGPIPE at its
/// default: the server blocks signals in its threads (signalfd) and ignores SIGPIPE, and a child
/// inherits both.
struct Subprocess {
    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: [UInt8]
    }

    enum Failure: Error, Equatable {
        case notFound(String)
        case spawnFailed(String, errno: Int32)
        /// Killed after `seconds`.
        case timedOut(seconds: Double)
        /// Killed when its output passed `limit` bytes.
        case outputTooLarge(limit: Int)
        /// Ended by a signal other than ours.
        case killed(signal: Int32)
    }

    var executable: String
    var arguments: [String]
    var timeout: Double
    var maxOutput: Int
    /// Of stderr only the start is kept: it is for messages.
    static let maxErrorOutput = 16 * 1024

    /// The path of `name` on PATH, or nil.
    static func find(_ name: String) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    func run() throws(Failure) -> Result {
        guard let path = Self.find(executable) else { throw .notFound(executable) }
        var out: [Int32] = [-1, -1], err: [Int32] = [-1, -1]
        guard Self.pipe(&out) else { throw .spawnFailed(path, errno: errno) }
        guard Self.pipe(&err) else {
            let e = errno
            close(out[0]); close(out[1])
            throw .spawnFailed(path, errno: e)
        }
        let pid: pid_t
        do {
            pid = try spawn(path, stdout: out[1], stderr: err[1])
        } catch {
            for fd in out + err { close(fd) }
            throw error
        }
        close(out[1])
        close(err[1])
        defer {
            close(out[0])
            close(err[0])
        }
        let collected: (stdout: [UInt8], stderr: [UInt8])
        do {
            collected = try collect(stdout: out[0], stderr: err[0])
        } catch {
            kill(pid, SIGKILL)
            _ = Self.wait(pid)
            throw error
        }
        let status = Self.wait(pid)
        if status.signal != 0 { throw .killed(signal: status.signal) }
        return Result(status: status.code, stdout: collected.stdout, stderr: collected.stderr)
    }

    /// A pipe whose ends a child does not inherit. Glibc's pipe2 is not visible to Swift, so the
    /// flag is set after: a child spawned by another thread in between inherits the ends, which
    /// only delays our end of file until that child exits (within its own time limit).
    private static func pipe(_ fds: inout [Int32]) -> Bool {
        guard Glibc.pipe(&fds) == 0 else { return false }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return true
    }

    private func spawn(_ path: String, stdout: Int32, stderr: Int32) throws(Failure) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGTERM, SIGINT, SIGHUP, SIGCHLD] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in environment { free(p) } }
        var pid = pid_t()
        let status = posix_spawn(&pid, path, &actions, &attributes, argv, environment)
        guard status == 0 else { throw .spawnFailed(path, errno: status) }
        return pid
    }

    /// Reads both pipes until both are closed, the deadline passes or stdout passes its limit.
    private func collect(stdout: Int32, stderr: Int32) throws(Failure) -> (stdout: [UInt8], stderr: [UInt8]) {
        let deadline = ContinuousClock.now.advanced(by: .milliseconds(Int64(timeout * 1000)))
        var output: [UInt8] = []
        var errors: [UInt8] = []
        var open = [stdout, stderr]
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while !open.isEmpty {
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { throw .timedOut(seconds: timeout) }
            let (seconds, attoseconds) = left.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .spawnFailed(executable, errno: errno)
            }
            for fd in fds where fd.revents != 0 {
                let n = buffer.withUnsafeMutableBytes { read(fd.fd, $0.baseAddress, $0.count) }
                if n < 0, errno == EINTR || errno == EAGAIN { continue }
                if n <= 0 {
                    open.removeAll { $0 == fd.fd }
                    continue
                }
                if fd.fd == stdout {
                    output.append(contentsOf: buffer[0..<n])
                    if output.count > maxOutput { throw .outputTooLarge(limit: maxOutput) }
                } else if errors.count < Self.maxErrorOutput {
                    errors.append(contentsOf: buffer[0..<min(n, Self.maxErrorOutput - errors.count)])
                }
            }
        }
        return (output, errors)
    }

    /// Reaps the child: its exit code, or the signal that ended it.
    private static func wait(_ pid: pid_t) -> (code: Int32, signal: Int32) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return (-1, 0) }
        }
        let signal = status & 0x7F
        return signal == 0 ? ((status >> 8) & 0xFF, 0) : (-1, signal)
    }
}
