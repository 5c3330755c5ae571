/// One key of `zhibiao.yaml` (`server.port`): where its value lives in `ServiceSettings`, how its
/// text reads (the same in the file, the environment and a flag) and what it refuses.
public struct SettingKey: Sendable {
    /// `section.name`, as in the file.
    public let name: String
    /// Where its value lives.
    let path: PartialKeyPath<ServiceSettings> & Sendable
    /// A short environment variable besides `ZHIBIAO_SECTION_NAME` (`ZHIBIAO_PORT`).
    let shortEnvironment: String?
    /// Sets the value from its text; a message on refusal.
    private let apply: @Sendable (inout ServiceSettings, String) -> String?
    /// The value as `zhibiao config` prints it.
    let text: @Sendable (ServiceSettings) -> String

    /// The environment variables that set it, the long one first.
    var environmentNames: [String] {
        ["ZHIBIAO_" + name.uppercased().replacingOccurrences(of: ".", with: "_")] + (shortEnvironment.map { [$0] } ?? [])
    }

    func set(_ text: String, in settings: inout ServiceSettings) -> String? { apply(&settings, text) }

    private init<Value>(_ name: String, _ path: WritableKeyPath<ServiceSettings, Value> & Sendable, shortEnvironment: String?,
                        read: @escaping @Sendable (String) -> Result<Value, Refusal>, write: @escaping @Sendable (Value) -> String) {
        self.name = name
        self.path = path
        self.shortEnvironment = shortEnvironment
        apply = { settings, text in
            switch read(text) {
            case .success(let value):
                settings[keyPath: path] = value
                return nil
            case .failure(let refusal):
                return refusal.message
            }
        }
        self.text = { write($0[keyPath: path]) }
    }

    struct Refusal: Error {
        let message: String
    }

    /// A text; `empty` false refuses an empty one.
    static func text(_ name: String, _ path: WritableKeyPath<ServiceSettings, String> & Sendable, empty: Bool = true,
                     shortEnvironment: String? = nil) -> SettingKey {
        SettingKey(name, path, shortEnvironment: shortEnvironment, read: { text in
            empty || !text.isEmpty ? .success(text) : .failure(Refusal(message: "is empty"))
        }, write: { $0 })
    }

    /// A whole number within `range`; `what` names what it must be, for every refusal.
    static func integer(_ name: String, _ path: WritableKeyPath<ServiceSettings, Int> & Sendable, _ range: ClosedRange<Int>,
                        shortEnvironment: String? = nil, what: String? = nil) -> SettingKey {
        SettingKey(name, path, shortEnvironment: shortEnvironment, read: { text in
            if let n = Int(text), range.contains(n) { return .success(n) }
            if let what { return .failure(Refusal(message: "'\(text)' is not \(what)")) }
            guard let n = Int(text), n >= 0 else { return .failure(Refusal(message: "'\(text)' is not a whole number ≥ 0")) }
            return .failure(Refusal(message: n < range.lowerBound ? "must be at least \(range.lowerBound)" : "must be at most \(range.upperBound)"))
        }, write: { String($0) })
    }

    /// A number within `range`.
    static func number(_ name: String, _ path: WritableKeyPath<ServiceSettings, Double> & Sendable, _ range: ClosedRange<Double>,
                       what: String) -> SettingKey {
        SettingKey(name, path, shortEnvironment: nil, read: { text in
            guard let x = Double(text), range.contains(x) else { return .failure(Refusal(message: "'\(text)' is not \(what)")) }
            return .success(x)
        }, write: { String($0) })
    }

    static func flag(_ name: String, _ path: WritableKeyPath<ServiceSettings, Bool> & Sendable,
                     shortEnvironment: String? = nil) -> SettingKey {
        SettingKey(name, path, shortEnvironment: shortEnvironment, read: { text in
            switch text {
            case "true": return .success(true)
            case "false": return .success(false)
            default: return .failure(Refusal(message: "'\(text)' is not true or false"))
            }
        }, write: { String($0) })
    }

    /// One of an enumeration's raw values (case-insensitive when `folding`).
    static func choice<E: RawRepresentable & CaseIterable & Sendable>(
        _ name: String, _ path: WritableKeyPath<ServiceSettings, E> & Sendable, folding: Bool = false,
        shortEnvironment: String? = nil) -> SettingKey where E.RawValue == String {
        SettingKey(name, path, shortEnvironment: shortEnvironment, read: { text in
            guard let value = E(rawValue: folding ? text.lowercased() : text) else {
                return .failure(Refusal(message: "'\(text)' is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            return .success(value)
        }, write: { $0.rawValue })
    }

    /// A list: a YAML list in the file, comma-separated in the environment and flags; each item
    /// must pass `item` (nil), else the message it gives.
    static func list(_ name: String, _ path: WritableKeyPath<ServiceSettings, [String]> & Sendable,
                     item: @escaping @Sendable (String) -> String? = { _ in nil }) -> SettingKey {
        SettingKey(name, path, shortEnvironment: nil, read: { text in
            let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if let refusal = items.lazy.compactMap(item).first { return .failure(Refusal(message: refusal)) }
            return .success(items)
        }, write: { $0.joined(separator: ",") })
    }
}
