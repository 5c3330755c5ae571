import API
import Config
import Foundation
import Logging
import Storage

/// Opens the database the way every command does: migrate, then seed the catalogue, so that a
/// fresh clone needs no other step.
enum StoreOpening {
    static func open(_ options: GlobalOptions, logger: Logger) throws -> SQLiteStore {
        let migrations = try MigrationFile.load(directory: options.migrationsDirectory)
        let store = try SQLiteStore.open(path: try options.databasePath, migrations: migrations, logger: logger)
        let catalogue = try Catalogue.load(directory: options.configDirectory)
        report(try store.seed(indicators: catalogue.indicators, regions: catalogue.regions), logger: logger)
        return store
    }

    /// Says what a seed did to the regions, and names the regions it left to an admin's edit.
    static func report(_ summary: CatalogueSeedSummary, logger: Logger) {
        if summary.regionsAdded > 0 || summary.regionsUpdated > 0 {
            logger.info("seeded regions", metadata: ["added": "\(summary.regionsAdded)", "updated": "\(summary.regionsUpdated)"])
        }
        guard !summary.regionsHeld.isEmpty else { return }
        let listed = summary.regionsHeld.prefix(20).joined(separator: ",") + (summary.regionsHeld.count > 20 ? ",…" : "")
        logger.notice("regions changed by an admin keep the admin's names; the catalogue files differ",
                      metadata: ["count": "\(summary.regionsHeld.count)", "regions": "\(listed)"])
    }
}

/// Turns the modules' typed errors into one line for a terminal, with a non-zero exit.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    static func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as StorageError {
            throw CommandFailure(description: error.description)
        } catch let error as ConfigError {
            throw CommandFailure(description: error.description)
        } catch let error as ObservationTransfer.Failure {
            throw CommandFailure(description: error.description)
        }
    }
}
