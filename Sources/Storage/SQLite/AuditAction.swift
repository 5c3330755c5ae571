import Domain

/// What an observation change did, as its revision records it and the audit trail names it
/// (`observation.created`, `observation.updated`, `observation.withdraw`).
enum AuditAction: String, CaseIterable {
    case created, updated, withdraw

    init(_ status: ObservationStatus, _ outcome: WriteOutcome) {
        if status == .withdrawn {
            self = .withdraw
        } else {
            self = outcome == .created ? .created : .updated
        }
    }
}
