/// Longest-match lookup of catalogue names and aliases, built once per extractor.
///
/// Entries are bucketed by their first scalar and sorted longest first, which with a few hundred
/// aliases is as fast as a trie and simpler to keep correct.
struct AliasMatcher<Payload: Sendable>: Sendable {
    private var buckets: [UInt32: [(word: [UInt32], payload: Payload)]] = [:]
    private var exact: [[UInt32]: Payload] = [:]

    init() {}

    /// Adds a word; the first payload added for a word wins.
    mutating func add(_ word: String, _ payload: Payload) {
        let w = ScalarText.normalized(word)
        guard let first = w.first, exact[w] == nil else { return }
        exact[w] = payload
        buckets[first, default: []].append((w, payload))
    }

    mutating func finish() {
        for key in buckets.keys { buckets[key]?.sort { $0.word.count > $1.word.count } }
    }

    func longest(in t: ScalarText, at i: Int) -> (payload: Payload, end: Int)? {
        guard let list = buckets[t[i]] else { return nil }
        for entry in list where t.has(entry.word, at: i) { return (entry.payload, i + entry.word.count) }
        return nil
    }

    func lookup(_ word: [UInt32]) -> Payload? { exact[word] }

    /// Whether any word starts with `v`: most positions in a text can be skipped on this alone.
    func mayStart(with v: UInt32) -> Bool { buckets[v] != nil }
}
