import Domain
import Crypto
import Foundation

/// One numbered SQL file of `Migrations/` (`0001_init.sql`): version 1, name `init`.
public struct MigrationFile: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var sql: String
    /// Hex SHA-256 of the file's bytes, recorded when applied.
    public var sha256: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.sha256 = Hex.string(SHA256.hash(data: Data(sql.utf8)))
    }

    /// Reads every `NNNN_name.sql` of a folder in version order. Other files are ignored;
    /// a malformed or repeated number is an error rather than a silent skip.
    public static func load(directory: URL) throws(StorageError) -> [MigrationFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw .io("cannot read the migrations folder \(directory.path): \(error.localizedDescription)")
        }
        var files: [MigrationFile] = []
        for fileName in names.sorted() where fileName.hasSuffix(".sql") {
            let stem = fileName.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]), version > 0 else {
                throw .badMigrationFile(name: fileName, reason: "name it NNNN_description.sql")
            }
            let sql: String
            do {
                sql = try String(contentsOf: directory.appendingPathComponent(fileName), encoding: .utf8)
            } catch {
                throw .badMigrationFile(name: fileName, reason: "cannot be read as UTF-8")
            }
            if files.contains(where: { $0.version == version }) {
                throw .badMigrationFile(name: fileName, reason: "version \(version) is used twice")
            }
            files.append(MigrationFile(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql))
        }
        return files.sorted { $0.version < $1.version }
    }
}
