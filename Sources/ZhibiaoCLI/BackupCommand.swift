import ArgumentParser
import Logging
import Storage

/// `zhibiao backup PATH`: a consistent copy of the database while the server keeps serving and
/// writing (SQLite `VACUUM INTO` reads one snapshot; WAL lets the server's writer carry on).
struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database consistently to PATH while the server runs; never overwrites a file.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: "Where to write the copy; must not exist.")
    var path: String

    func run() throws {
        let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: Logger(label: "zhibiao")) }
        try CommandFailure.wrap { try store.backup(to: path) }
        let copy = try CommandFailure.wrap { try SQLiteStore.integrityCheck(ofFile: path) }
        print("backed up \(store.path) to \(path) (integrity_check: \(copy))")
    }
}
