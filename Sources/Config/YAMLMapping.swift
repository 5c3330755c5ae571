import Yams

/// A typed view of one YAML mapping that remembers which keys were read, so that a typo in a
/// key is reported instead of silently ignored.
struct YAMLMapping {
    let file: String
    let path: String
    private let pairs: [(key: String, value: Node)]
    private var read: Set<String> = []

    init(_ node: Node, file: String, path: String) throws(ConfigError) {
        guard let mapping = node.mapping else {
            throw ConfigError(file: file, key: path, message: "expected a mapping")
        }
        var pairs: [(String, Node)] = []
        for (k, v) in mapping {
            guard let key = k.string else { throw ConfigError(file: file, key: path, message: "keys must be strings") }
            if pairs.contains(where: { $0.0 == key }) {
                throw ConfigError(file: file, key: join(path, key), message: "duplicated key")
            }
            pairs.append((key, v))
        }
        self.file = file
        self.path = path
        self.pairs = pairs
    }

    var keys: [String] { pairs.map(\.key) }

    mutating func node(_ key: String) -> Node? {
        read.insert(key)
        return pairs.first { $0.key == key }?.value
    }

    func error(_ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, key: join(path, key), message: message)
    }

    mutating func string(_ key: String) throws(ConfigError) -> String? {
        guard let node = node(key) else { return nil }
        guard let scalar = node.scalar else { throw error(key, "expected a text value") }
        return scalar.string
    }

    /// A scalar as it is, or a list of scalars joined by commas (the form list settings take in
    /// the environment).
    mutating func textOrList(_ key: String) throws(ConfigError) -> String? {
        guard let node = node(key) else { return nil }
        if let scalar = node.scalar { return scalar.string }
        guard let seq = node.sequence else { throw error(key, "expected a text value or a list") }
        var items: [String] = []
        for (i, item) in seq.enumerated() {
            guard let text = item.scalar?.string, !text.contains(",") else {
                throw error("\(key)[\(i)]", "expected a text value without commas")
            }
            items.append(text)
        }
        return items.joined(separator: ",")
    }

    mutating func requiredString(_ key: String) throws(ConfigError) -> String {
        guard let value = try string(key), !value.isEmpty else { throw error(key, "is required") }
        return value
    }

    mutating func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let node = node(key) else { return nil }
        guard let value = node.bool else { throw error(key, "expected true or false") }
        return value
    }

    mutating func double(_ key: String) throws(ConfigError) -> Double? {
        guard let node = node(key) else { return nil }
        guard let text = node.scalar?.string, let value = Double(text), value.isFinite else {
            throw error(key, "expected a number")
        }
        return value
    }

    mutating func int(_ key: String) throws(ConfigError) -> Int? {
        guard let node = node(key) else { return nil }
        guard let text = node.scalar?.string, let value = Int(text) else { throw error(key, "expected a whole number") }
        return value
    }

    mutating func stringList(_ key: String) throws(ConfigError) -> [String]? {
        guard let node = node(key) else { return nil }
        guard let seq = node.sequence else { throw error(key, "expected a list") }
        var out: [String] = []
        for (i, item) in seq.enumerated() {
            guard let s = item.scalar?.string else { throw error("\(key)[\(i)]", "expected a text value") }
            out.append(s)
        }
        return out
    }

    mutating func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws(ConfigError) -> E?
    where E.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let value = E(rawValue: text) else {
            let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
            throw error(key, "'\(text)' is not one of: \(allowed)")
        }
        return value
    }

    mutating func requiredEnum<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type) throws(ConfigError) -> E
    where E.RawValue == String {
        guard let value = try enumValue(key, type) else { throw error(key, "is required") }
        return value
    }

    /// Call after reading every known key: any other key is a mistake in the file.
    func rejectUnknownKeys() throws(ConfigError) {
        for key in keys where !read.contains(key) {
            throw error(key, "unknown key")
        }
    }
}

private func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : path + "." + key }

/// Parses a whole YAML file into its root node.
func parseYAML(_ text: String, file: String) throws(ConfigError) -> Node {
    do {
        guard let node = try Yams.compose(yaml: text) else {
            throw ConfigError(file: file, key: "", message: "the file is empty")
        }
        return node
    } catch let error as ConfigError {
        throw error
    } catch {
        throw ConfigError(file: file, key: "", message: "not valid YAML: \(error)")
    }
}
