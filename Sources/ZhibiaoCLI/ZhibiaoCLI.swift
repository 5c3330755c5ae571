import ArgumentParser

public struct Zhibiao: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "zhibiao",
        abstract: "Regional science-and-technology indicators.",
        subcommands: [Serve.self]
    )

    public init() {}
}
