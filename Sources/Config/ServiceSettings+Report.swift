extension ServiceSettings {
    /// Keys whose values must never be printed: any that names a token or a secret.
    public static func isSecret(_ key: String) -> Bool {
        let lower = key.lowercased()
        return lower.contains("token") || lower.contains("secret") || lower.contains("password")
    }

    /// The settings in force, one `key = value  # source` line each in definition order, secrets
    /// masked: what `zhibiao config` prints.
    public var report: [String] {
        let width = Self.keys.map(\.name.count).max() ?? 0
        return Self.keys.map { key in
            let text = key.text(self)
            let source = sources[key.name] ?? .defaults
            let shown = Self.isSecret(key.name) && !text.isEmpty ? "********" : text
            let padded = key.name + String(repeating: " ", count: width - key.name.count)
            return "\(padded) = \(shown)  # \(source == .file ? "zhibiao.yaml" : source.rawValue)"
        }
    }
}
