/// The current state of an observation: the fields of its current revision, kept on the
/// observation's own row (`revision_id` names the revision they copy), so that reading what an
/// observation says now is one range of the `observations_series` index and nothing else. The
/// revisions stay the history and the audit trail; only reads `as_of` a time go to them.
///
/// This is the one description of those columns: the reads (`ObservationSQL`, `ObservationRow`),
/// the one writer (`ObservationWriter`), which writes a revision and then copies it here in the
/// same transaction binding both from the same values, and the consistency check
/// (`SQLiteStore.currentStateMismatches`) all take their column lists from it.
enum CurrentState {
    /// A column of the current state, in the order reads return them (after the observation's
    /// id and key, see `ObservationRow`).
    enum Column: Int32, CaseIterable {
        case revision, value, status, bound, note, sourceType, token, document, spanStart, spanEnd, recordedAt

        /// Its name on the observation's row.
        var name: String {
            switch self {
            case .revision: return "revision_id"
            case .value: return "value"
            case .status: return "status"
            case .bound: return "bound"
            case .note: return "note"
            case .sourceType: return "source_type"
            case .token: return "token_name"
            case .document: return "document_id"
            case .spanStart: return "span_start"
            case .spanEnd: return "span_end"
            case .recordedAt: return "recorded_at"
            }
        }

        /// The same field on the revision's row.
        var revisionName: String { self == .revision ? "id" : name }

        /// Where the value came from (`RevisionSource`): the same for every row a write records.
        var isSource: Bool {
            switch self {
            case .sourceType, .token, .document, .spanStart, .spanEnd: return true
            default: return false
            }
        }
    }

    /// The columns a write binds row by row, in order: all but the source's.
    static let rowColumns = Column.allCases.filter { !$0.isSource }
    /// The source's columns, in the order `RevisionSource.columns` gives them.
    static let sourceColumns = Column.allCases.filter(\.isSource)

    /// The observations whose current state differs from the revision it names: none when every
    /// write went through the writer.
    static let mismatchesSQL = """
        SELECT o.id FROM observations o LEFT JOIN revisions r ON r.id = o.revision_id
        WHERE r.id IS NULL OR r.observation_id IS NOT o.id OR \(Column.allCases.dropFirst()
            .map { "o.\($0.name) IS NOT r.\($0.revisionName)" }.joined(separator: " OR "))
        ORDER BY o.id
        """
}
