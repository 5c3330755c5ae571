/// Longest-match lookup of catalogue names and aliases, built once per extractor: one trie over
/// every indicator alias and every region name of the country.
///
/// With the national catalogue (some 9,000 words, many sharing a first character: 新, 高, 科) a
/// bucket per first scalar scanned longest first cost a comparison per word of the bucket at
/// every position; the trie walks each position once, as far as the text goes on matching.
struct AliasMatcher<Payload: Sendable>: Sendable {
    /// Children of each node by scalar; node 0 is the root.
    private var children: [[UInt32: Int32]] = [[:]]
    /// The payload of the word ending at each node.
    private var payloads: [Payload?] = [nil]

    init() {}

    /// Adds a word; the first payload added for a word wins.
    mutating func add(_ word: String, _ payload: Payload) {
        let w = ScalarText.normalized(word)
        guard !w.isEmpty else { return }
        var node = 0
        for v in w {
            if let next = children[node][v] {
                node = Int(next)
            } else {
                children.append([:])
                payloads.append(nil)
                children[node][v] = Int32(children.count - 1)
                node = children.count - 1
            }
        }
        if payloads[node] == nil { payloads[node] = payload }
    }

    func longest(in t: ScalarText, at i: Int) -> (payload: Payload, end: Int)? {
        var node = 0
        var j = i
        var best: (Payload, Int)?
        while j < t.count {
            guard let next = children[node][t[j]] else {
                // 技术合同交易累计总额: 累计 qualifies a measure from inside its name.
                if node != 0, t[j] == 0x7D2F, t[j + 1] == 0x8BA1, children[node][t[j + 2]] != nil {
                    j += 2
                    continue
                }
                break
            }
            node = Int(next)
            j += 1
            if let p = payloads[node] { best = (p, j) }
        }
        return best.map { (payload: $0.0, end: $0.1) }
    }

    func lookup(_ word: [UInt32]) -> Payload? {
        var node = 0
        for v in word {
            guard let next = children[node][v] else { return nil }
            node = Int(next)
        }
        return payloads[node]
    }

    /// Whether any word starts with `v`: most positions in a text can be skipped on this alone.
    func mayStart(with v: UInt32) -> Bool { children[0][v] != nil }
}
