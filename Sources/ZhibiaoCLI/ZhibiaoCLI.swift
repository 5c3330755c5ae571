import ArgumentParser

public struct Zhibiao: ParsableCommand {
    public init() {}
}
