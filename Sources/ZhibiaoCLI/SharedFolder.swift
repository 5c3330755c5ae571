import Foundation

/// Finds the `config/` and `Migrations/` folders the binary needs, so that `zhibiao migrate`
/// works from any folder: an explicit path wins; then the working directory; then beside the
/// executable (`/app/config` in the image, or `share/zhibiao/config` for a bin/ layout); last
/// the source tree the binary was built from (a developer's clone).
enum SharedFolder {
    static func locate(_ name: String, explicit: String?) -> URL {
        if let explicit { return URL(fileURLWithPath: explicit) }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let sourceTree = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidates = [
            URL(fileURLWithPath: name),
            executable.appendingPathComponent(name),
            executable.deletingLastPathComponent().appendingPathComponent("share/zhibiao").appendingPathComponent(name),
            sourceTree.appendingPathComponent(name),
        ]
        var isFolder: ObjCBool = false
        return candidates.first { FileManager.default.fileExists(atPath: $0.path, isDirectory: &isFolder) && isFolder.boolValue }
            ?? candidates[0]
    }
}
