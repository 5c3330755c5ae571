import Foundation

/// The repository's `config/` folder, found from this file's location.
enum ConfigDirectory {
    static var url: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config")
    }
}
