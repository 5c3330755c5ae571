@testable import HTTPServer
import Testing

/// Random and mutated requests fed straight to the parser: no crash, no hang, only sane
/// outcomes, and the same outcome whether the bytes arrive at once or in random pieces.
@Suite struct ParserFuzzTests {
    static let inputCount = 30_000

    struct SplitMix64: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let seeds: [String] = [
        "GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /indicators/rd/observations?region=%E4%B8%B4%E5%AE%89&x=1+2 HTTP/1.1\r\nHost: a\r\nX-Request-Id: r1\r\n\r\n",
        "POST /echo HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\n\r\nhello",
        "POST /echo HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n5;a=b\r\nhello\r\n0\r\nT: 1\r\n\r\n",
        "GET http://h/p?q HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
        "HEAD /x HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 0\r\n\r\n",
        "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n",
    ]

    static let allowedErrors: Set<Int> = [400, 413, 414, 417, 431, 501, 505]

    enum Outcome: Equatable {
        case incomplete
        case requests(Int, bodyBytes: Int)
        case error(Int)
    }

    /// Parses everything in `pieces`, as a connection would, returning what happened.
    static func run(_ pieces: [[UInt8]], limits: RequestParser.Limits) -> Outcome {
        var parser = RequestParser(limits: limits)
        var pending: [UInt8] = []
        var requests = 0, bodyBytes = 0
        var inBody = false
        for piece in pieces {
            pending += piece
            var steps = 0
            while true {
                steps += 1
                #expect(steps < 100_000, "parser made no progress")
                if steps >= 100_000 { return .incomplete }
                let (consumed, event) = parser.parse(pending)
                #expect(consumed >= 0 && consumed <= pending.count)
                pending.removeFirst(consumed)
                switch event {
                case .needMore:
                    break
                case .error(let e):
                    #expect(allowedErrors.contains(e.status.code), "unexpected status \(e.status.code)")
                    return .error(e.status.code)
                case .head(let head):
                    #expect(head.path.hasPrefix("/") || head.path == "*")
                    #expect(head.target.utf8.count <= limits.maxRequestLineBytes)
                    if head.framing == .none {
                        parser.beginBody(.none, limit: 1 << 20)
                        requests += 1
                    } else {
                        parser.beginBody(head.framing, limit: 1 << 20)
                        inBody = true
                    }
                    continue
                case .bodyComplete:
                    bodyBytes += parser.takeBody().count
                    requests += 1
                    inBody = false
                    continue
                }
                break
            }
        }
        _ = inBody
        return requests > 0 || bodyBytes > 0 ? .requests(requests, bodyBytes: bodyBytes) : .incomplete
    }

    static func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
        var bytes = input
        let interesting: [UInt8] = [0x0D, 0x0A, 0x20, 0x09, 0x3A, 0x25, 0x00, 0x7F, 0xFF, 0x30, 0x3B, 0x2C, 0x2F, 0x3F]
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            guard !bytes.isEmpty else { break }
            let i = Int.random(in: 0..<bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0: bytes[i] = UInt8.random(in: 0...255, using: &rng)
            case 1: bytes[i] = interesting.randomElement(using: &rng) ?? 0
            case 2: bytes.remove(at: i)
            case 3: bytes.insert(interesting.randomElement(using: &rng) ?? 0, at: i)
            case 4:
                let j = Int.random(in: i..<bytes.count, using: &rng)
                bytes.insert(contentsOf: bytes[i...j], at: j)
            default:
                bytes.replaceSubrange(i..<min(bytes.count, i + 3), with: Array("%zz".utf8))
            }
        }
        return bytes
    }

    static func split(_ bytes: [UInt8], _ rng: inout SplitMix64) -> [[UInt8]] {
        var pieces: [[UInt8]] = []
        var i = 0
        while i < bytes.count {
            let n = Int.random(in: 1...max(1, min(bytes.count - i, 7)), using: &rng)
            pieces.append(Array(bytes[i..<i + n]))
            i += n
        }
        return pieces
    }

    @Test func randomAndMutatedRequests() {
        var rng = SplitMix64(state: 0x5EED_2024)
        let limits = RequestParser.Limits(maxRequestLineBytes: 256, maxHeaderBytes: 512, maxHeaderCount: 10)
        var outcomes: [String: Int] = [:]
        for n in 0..<Self.inputCount {
            let input: [UInt8]
            switch n % 4 {
            case 0:
                input = (0..<Int.random(in: 0..<300, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            default:
                let seeds = Self.seeds.map { Array($0.utf8) }
                var base = seeds[Int.random(in: 0..<seeds.count, using: &rng)]
                if n % 4 == 3 { base += seeds[Int.random(in: 0..<seeds.count, using: &rng)] }
                input = Self.mutate(base, &rng)
            }
            let whole = Self.run([input], limits: limits)
            let pieces = Self.run(Self.split(input, &rng), limits: limits)
            if whole != pieces {
                Issue.record("whole \(whole) vs pieces \(pieces) for \(String(decoding: input, as: UTF8.self).debugDescription)")
            }
            switch whole {
            case .incomplete: outcomes["incomplete", default: 0] += 1
            case .requests: outcomes["ok", default: 0] += 1
            case .error(let s): outcomes["\(s)", default: 0] += 1
            }
        }
        // The corpus exercises both acceptance and rejection, not only one of them.
        #expect((outcomes["ok"] ?? 0) > Self.inputCount / 20)
        #expect((outcomes["400"] ?? 0) > Self.inputCount / 20)
    }

    @Test func seedsParseCleanly() {
        let limits = RequestParser.Limits(maxRequestLineBytes: 8192, maxHeaderBytes: 16384, maxHeaderCount: 100)
        for seed in Self.seeds {
            if case .requests(1, _) = Self.run([Array(seed.utf8)], limits: limits) {} else {
                Issue.record("seed failed: \(seed.debugDescription)")
            }
        }
    }
}
