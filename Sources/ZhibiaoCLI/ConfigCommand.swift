import ArgumentParser

/// `zhibiao config`: the effective settings and where each value came from (default,
/// zhibiao.yaml, environment or flag). Fails, naming the key, on an unknown key or a bad value,
/// exactly as `serve` would.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config", abstract: "Print the effective configuration and the source of each value.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let settings = try global.settings()
        print("# configuration folder: \(global.configDirectory.path)")
        for line in settings.report { print(line) }
    }
}
