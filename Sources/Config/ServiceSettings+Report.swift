extension ServiceSettings {
    /// Keys whose values must never be printed: any that names a token or a secret.
    public static func isSecret(_ key: String) -> Bool {
        let lower = key.lowercased()
        return lower.contains("token") || lower.contains("secret") || lower.contains("password")
    }

    /// The settings in force, one `key = value  # source` line each in definition order, secrets
    /// masked: what `zhibiao config` prints.
    public var report: [String] {
        let width = Self.definitions.map(\.key.count).max() ?? 0
        return Self.definitions.map { definition in
            let value = values[definition.key] ?? Value(text: definition.defaultValue, source: .defaults)
            let shown = Self.isSecret(definition.key) && !value.text.isEmpty ? "********" : value.text
            let padded = definition.key + String(repeating: " ", count: width - definition.key.count)
            return "\(padded) = \(shown)  # \(value.source == .file ? "zhibiao.yaml" : value.source.rawValue)"
        }
    }
}
