// libFuzzer entry point for the request parser; built by run-parser-fuzzer.sh, not by SwiftPM.
// Feeds the input whole and split in two, as a connection would, and traps on any disagreement.

@_cdecl("LLVMFuzzerTestOneInput")
public func parserFuzzEntry(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = RequestParser.Limits(maxRequestLineBytes: 512, maxHeaderBytes: 1024, maxHeaderCount: 20)
    let whole = outcome([bytes], limits)
    let cut = size / 2
    let split = outcome([Array(bytes[0..<cut]), Array(bytes[cut...])], limits)
    precondition(whole == split, "whole \(whole) != split \(split)")
    return 0
}

private func outcome(_ pieces: [[UInt8]], _ limits: RequestParser.Limits) -> [Int] {
    var parser = RequestParser(limits: limits)
    var pending: [UInt8] = []
    var trace: [Int] = []
    for piece in pieces {
        pending += piece
        loop: while true {
            let (consumed, event) = parser.parse(pending)
            precondition(consumed >= 0 && consumed <= pending.count)
            pending.removeFirst(consumed)
            switch event {
            case .needMore: break loop
            case .error(let e):
                precondition([400, 413, 414, 417, 431, 501, 505].contains(e.status.code))
                trace.append(e.status.code)
                return trace
            case .head(let head):
                trace.append(1)
                parser.beginBody(head.framing, limit: 4096)
            case .bodyComplete:
                trace.append(2)
                trace.append(parser.takeBody().count)
            }
        }
    }
    return trace
}
