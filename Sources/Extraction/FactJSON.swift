import Domain
import Foundation

/// JSON for `--format json` and the HTTP layer: an array of facts with snake_case keys, keys
/// sorted so output is stable.
public enum FactJSON {
    public static func encode(_ facts: [Fact], pretty: Bool = true) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
        return try encoder.encode(facts)
    }

    public static func string(_ facts: [Fact], pretty: Bool = true) throws -> String {
        String(decoding: try encode(facts, pretty: pretty), as: UTF8.self)
    }
}
