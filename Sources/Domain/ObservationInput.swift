/// One observation as a client sent it, before validation: from a JSON object (numbers keep
/// their text) or a CSV row (everything is text).
public struct ObservationInput: Sendable {
    public enum Field: Sendable, Equatable {
        case text(String)
        case number(String)
        case null
        /// Anything else (a boolean, an array…), by its JSON type name.
        case other(String)
    }

    public var fields: [(name: String, value: Field)]

    public init(fields: [(name: String, value: Field)]) { self.fields = fields }

    public subscript(_ name: String) -> Field? { fields.first { $0.name == name }?.value }
}

/// A valid observation, ready to be stored.
public struct ValidObservation: Sendable, Hashable {
    public var indicator: String
    public var region: String
    public var period: Period
    public var kind: ObservationKind
    public var scope: RankScope?
    public var value: Double
    public var status: ObservationStatus
    public var bound: Bound?
    public var note: String?
}

/// What is wrong with one field of one input.
public struct FieldProblem: Sendable, Hashable {
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }
}

/// Every problem of one input.
public struct FieldProblems: Error, Sendable, Hashable {
    public var problems: [FieldProblem]
}
