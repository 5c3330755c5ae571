import ArgumentParser
import Domain
import Logging
import Storage

struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage API tokens. Secrets are shown once and stored only as SHA-256.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print its secret once.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "A unique name; it is recorded as the author of every change made with the token.") var name: String
        @Option(help: "reader, editor or admin.") var role: String
        @Option(help: "Limit writes to this region and its subregions.") var region: String?

        func run() throws {
            guard let role = TokenRole(rawValue: role) else { throw ValidationError("--role must be reader, editor or admin") }
            let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: quietLogger()) }
            let secret = try CommandFailure.wrap { try store.createToken(name: name, role: role, region: region) }
            print(secret)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their secrets).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: quietLogger()) }
            let rows = try CommandFailure.wrap { try store.tokens() }.map {
                [$0.name, $0.role.rawValue, $0.region ?? "", $0.createdAt.rfc3339, $0.revokedAt?.rfc3339 ?? ""]
            }
            print(TextTable(header: ["name", "role", "region", "created_at", "revoked_at"], rows: rows).render())
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by name.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The token's name.") var name: String

        func run() throws {
            let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: quietLogger()) }
            try CommandFailure.wrap { try store.revokeToken(name: name) }
            print("revoked \(name)")
        }
    }
}

func quietLogger() -> Logger {
    var logger = Logger(label: "zhibiao")
    logger.logLevel = .warning
    return logger
}
