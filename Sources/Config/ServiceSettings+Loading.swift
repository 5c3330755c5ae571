import Foundation
import Yams

extension ServiceSettings {
    /// Reads `zhibiao.yaml` in `directory` (absent is fine: defaults), then the environment,
    /// then `flags` (a key's name → its text), each over the one before. An unknown key or a
    /// bad value is an error naming the key and where it came from.
    public init(directory: URL, environment: [String: String], flags: [String: String] = [:]) throws(ConfigError) {
        self.init()
        let file = directory.appendingPathComponent("zhibiao.yaml")
        if FileManager.default.fileExists(atPath: file.path) {
            let root = try parseYAML(Catalogue.read(file), file: "zhibiao.yaml")
            var top = try YAMLMapping(root, file: "zhibiao.yaml", path: "")
            for section in top.keys {
                guard let node = top.node(section) else { continue }
                var mapping = try YAMLMapping(node, file: "zhibiao.yaml", path: section)
                for name in mapping.keys {
                    guard let key = Self.key(section + "." + name) else { throw mapping.error(name, "unknown key") }
                    guard let text = try mapping.textOrList(name) else { continue }
                    try set(key, text, from: .file)
                }
            }
        }
        for key in Self.keys {
            if let text = key.environmentNames.lazy.compactMap({ environment[$0] }).first { try set(key, text, from: .environment) }
        }
        for (name, text) in flags.sorted(by: { $0.key < $1.key }) {
            guard let key = Self.key(name) else { throw ConfigError(file: "command line", key: name, message: "unknown setting") }
            try set(key, text, from: .flag)
        }
    }

    private mutating func set(_ key: SettingKey, _ text: String, from source: Source) throws(ConfigError) {
        if let refusal = key.set(text, in: &self) {
            throw ConfigError(file: source == .file ? "zhibiao.yaml" : source.rawValue, key: key.name, message: refusal)
        }
        sources[key.name] = source
    }
}
