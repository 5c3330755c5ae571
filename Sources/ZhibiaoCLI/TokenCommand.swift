import ArgumentParser
import Domain
import Logging
import Storage

struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage API tokens. Secrets (zb_…) are shown once and stored only as SHA-256.",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print its secret once.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "A unique name; it is recorded as the author of every change made with the token.") var name: String
        @Option(help: "reader, editor or admin.") var role: String
        @Option(help: "Limit writes to this region and its subregions.") var region: String?
        @Option(help: "Lifetime: 90d, 12w or 36h; past it the token is refused. Default: no expiry.") var expires: TokenLifetime?

        func run() throws {
            guard let role = TokenRole(rawValue: role) else { throw ValidationError("--role must be reader, editor or admin") }
            let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: quietLogger()) }
            let expiresAt = expires?.expiry(from: .now())
            let secret = try CommandFailure.wrap { try store.createToken(name: name, role: role, region: region, expiresAt: expiresAt) }
            print(secret)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List tokens (never their secrets), with when each expires and was last used (to the minute).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let store = try CommandFailure.wrap { try StoreOpening.open(global, logger: quietLogger()) }
            print(Self.table(try CommandFailure.wrap { try store.tokens() }, now: .now()))
        }

        /// An expired token's expiry is marked, as a revoked token shows its revocation.
        static func table(_ tokens: [TokenRecord], now: Timestamp) -> String {
            let rows = tokens.map { token in
                let expiry = token.expiresAt.map { $0.rfc3339 + (token.hasExpired(at: now) ? " (expired)" : "") } ?? ""
                return [token.name, token.role.rawValue, token.region ?? "", token.createdAt.rfc3339, expiry,
                        token.lastUsedAt?.rfc3339 ?? "", token.revokedAt?.rfc3339 ?? ""]
            }
            return TextTable(header: ["name", "role", "region", "created_at", "expires_at", "last_used_at", "revoked_at"],
                             rows: rows).render()
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
