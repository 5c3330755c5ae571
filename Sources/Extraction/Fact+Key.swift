import Domain

extension Fact {
    /// What makes two facts the same claim: repeated paragraphs and tables give it once.
    var key: String {
        "\(indicator)|\(scope?.rawValue ?? "")|\(region ?? "")|\(period?.description ?? "")|\(kind.rawValue)|\(value)|\(bound?.rawValue ?? "")"
    }
}
