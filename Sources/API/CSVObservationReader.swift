import Domain
import Foundation
import HTTPServer
import Storage

/// Reads observations from CSV as it arrives (a header row naming the columns, then one
/// observation per row) into an `ObservationBatchBuilder`.
///
/// A bulk import is mostly rows like `rd_expenditure,330112,2021-09,1250.5,final`, so each row
/// is first read straight from its bytes: codes looked up without making strings, the period
/// and a plain decimal value parsed in place, the indicator's rules checked. Only a row this
/// shortcut is sure `ObservationValidator` would accept, and would read to the same values, is
/// kept that way; any other row (a problem, a number in exponent form, a long note…) goes
/// through the validator as text, which finds and words its problems.
struct CSVObservationReader {
    private var reader = CSVReader()
    /// The header's column names, once read.
    private var names: [String]?
    private var columns = Columns()
    private let shortcut: Shortcut
    /// Rows the shortcut took (the others went through the validator).
    private(set) var shortcutRows = 0

    /// Where each column is; -1 when the header lacks it.
    private struct Columns {
        var indicator = -1, region = -1, period = -1, kind = -1, value = -1, status = -1, bound = -1, note = -1, scope = -1
    }

    init(builder: ObservationBatchBuilder) {
        shortcut = Shortcut(builder: builder)
    }

    mutating func feed(_ bytes: [UInt8], into builder: inout ObservationBatchBuilder) throws(ProblemDetails) {
        reader.feed(bytes)
        try readRows(into: &builder)
    }

    /// Reads the last row, and refuses a text without a header.
    mutating func finish(into builder: inout ObservationBatchBuilder) throws(ProblemDetails) {
        reader.finish()
        try readRows(into: &builder)
        if names == nil {
            throw ProblemDetails(status: .unprocessableContent, detail: "the CSV is empty: it needs a header row",
                                 type: "/problems/invalid-observations")
        }
    }

    private mutating func readRows(into builder: inout ObservationBatchBuilder) throws(ProblemDetails) {
        let shortcut = shortcut
        while try nextRow() {
            guard let count = names?.count else {
                let names = try Self.header((0..<reader.fieldCount).map { reader.string($0) })
                columns = Self.columns(names)
                self.names = names
                continue
            }
            try builder.count()
            let line = reader.line
            guard reader.fieldCount == count else {
                let reason = "has \(reader.fieldCount) fields; the header has \(count)"
                throw ProblemDetails(status: .unprocessableContent, detail: "line \(line) \(reason)",
                                     type: "/problems/invalid-observations",
                                     extensions: [("errors", "[" + WriteAPI.errorJSON(.line(line), FieldProblem(field: "", reason: reason)) + "]")])
            }
            let columns = columns
            if reader.withFields({ shortcut.add($0, columns, line: line, into: &builder) }) {
                shortcutRows += 1
            } else {
                var fields: [(name: String, value: ObservationInput.Field)] = []
                for (i, name) in (names ?? []).enumerated() {
                    let text = reader.string(i)
                    if !text.isEmpty { fields.append((name, .text(text))) }
                }
                builder.add(ObservationInput(fields: fields), at: line)
            }
        }
    }

    private mutating func nextRow() throws(ProblemDetails) -> Bool {
        do {
            return try reader.nextRow()
        } catch {
            throw ProblemDetails(status: .badRequest, title: "Malformed CSV", detail: "line \(error.line): \(error.reason)",
                                 type: "/problems/malformed-body")
        }
    }

    /// The column names of a header row, checked.
    private static func header(_ fields: [String]) throws(ProblemDetails) -> [String] {
        let names = fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for name in names where !ObservationBody.csvColumns.contains(name) {
            throw ProblemDetails(status: .unprocessableContent,
                                 detail: "unknown column '\(name)'; allowed: \(ObservationBody.csvColumns.sorted().joined(separator: ", "))",
                                 type: "/problems/invalid-observations", extensions: [("column", JSONString.quote(name))])
        }
        if Set(names).count != names.count {
            throw ProblemDetails(status: .unprocessableContent, detail: "a column is named twice in the header",
                                 type: "/problems/invalid-observations")
        }
        return names
    }

    private static func columns(_ names: [String]) -> Columns {
        var columns = Columns()
        for (i, name) in names.enumerated() {
            switch name {
            case "indicator": columns.indicator = i
            case "region": columns.region = i
            case "period": columns.period = i
            case "kind": columns.kind = i
            case "value": columns.value = i
            case "status": columns.status = i
            case "bound": columns.bound = i
            case "note": columns.note = i
            case "scope": columns.scope = i
            default: break
            }
        }
        return columns
    }

    // MARK: the shortcut

    /// What the shortcut needs of the catalogue, made once per request. A class, so that the
    /// per-row closure captures one reference rather than copying tables.
    private final class Shortcut {
        let indicators: CodeIndex
        let regions: CodeIndex
        /// By indicator number.
        let rules: [IndicatorRule]
        let latestYear: Int

        /// What the shortcut checks of an indicator.
        struct IndicatorRule {
            var value: ObservationValidator.ValueRule
            /// Bit `Frequency.sortKeyRank` set for each frequency it is reported by.
            var frequencies: UInt8
            var isRank: Bool
        }

        init(builder: ObservationBatchBuilder) {
            let batch = builder.batch
            indicators = CodeIndex(batch.indicators)
            regions = CodeIndex(batch.regions)
            rules = batch.indicators.map { code in
                guard let indicator = builder.catalogue.indicatorsByCode[code] else {
                    return IndicatorRule(value: .init(lower: nil, upper: nil, whole: false), frequencies: 0, isRank: false)
                }
                return IndicatorRule(value: ObservationValidator.valueRule(for: indicator),
                                     frequencies: indicator.frequencies.reduce(0) { $0 | 1 << UInt8($1.sortKeyRank) },
                                     isRank: indicator.unit == .rank)
            }
            latestYear = builder.validator.latestYear
        }

        /// Adds the row if the shortcut can take it; false when it must go through the validator.
        func add(_ f: CSVReader.Fields, _ h: Columns, line: Int, into builder: inout ObservationBatchBuilder) -> Bool {
            guard h.indicator >= 0, h.region >= 0, h.period >= 0, h.value >= 0,
                  let indicator = indicators.number(of: CSVObservationReader.trimmed(f[h.indicator])),
                  let region = regions.number(of: CSVObservationReader.trimmed(f[h.region])),
                  let period = Period(utf8: CSVObservationReader.trimmed(f[h.period])),
                  period.year >= Period.earliestYear, period.year <= latestYear
            else { return false }
            let rule = rules[indicator]
            guard rule.frequencies & 1 << UInt8(period.frequency.sortKeyRank) != 0 else { return false }

            let kind: ObservationKind
            switch CSVObservationReader.cell(f, h.kind, CSVObservationReader.kinds) {
            case .empty: kind = .actual
            case .value(let k): kind = k
            case .unknown: return false
            }
            let status: ObservationStatus
            switch CSVObservationReader.cell(f, h.status, CSVObservationReader.statuses) {
            case .empty: status = .provisional
            case .value(let s): status = s
            case .unknown: return false
            }
            let bound: Bound?
            switch CSVObservationReader.cell(f, h.bound, CSVObservationReader.bounds) {
            case .empty: bound = nil
            case .value(let b) where kind == .target: bound = b
            case .value, .unknown: return false
            }
            let scope: RankScope?
            switch CSVObservationReader.cell(f, h.scope, CSVObservationReader.scopes) {
            case .empty where !rule.isRank: scope = nil
            case .value(let s) where rule.isRank: scope = s
            case .empty, .value, .unknown: return false
            }
            var note: String?
            if h.note >= 0, !f[h.note].isEmpty {
                // Bytes are at least as many as characters: a note this short is short enough.
                guard f[h.note].count <= ObservationValidator.maxNoteLength else { return false }
                note = String(decoding: f[h.note], as: UTF8.self)
            }
            guard let value = CSVObservationReader.plainDecimal(CSVObservationReader.trimmed(f[h.value])), rule.value.accepts(value) else { return false }
            builder.addValid(indicator: indicator, region: region, period: period, kind: kind, scope: scope, value: value,
                             status: status, bound: bound, note: note, at: line)
            return true
        }
    }

    fileprivate enum Cell<Value> {
        case empty
        case value(Value)
        case unknown
    }

    /// An optional enum column: absent or blank, one of the names, or something else.
    fileprivate static func cell<Value>(_ f: CSVReader.Fields, _ column: Int, _ names: [(name: [UInt8], value: Value)]) -> Cell<Value> {
        guard column >= 0 else { return .empty }
        let bytes = trimmed(f[column])
        if bytes.isEmpty { return .empty }
        for (name, value) in names where name.withUnsafeBufferPointer({ $0.hasSameBytes(as: bytes) }) { return .value(value) }
        return .unknown
    }

    private static func names<E: RawRepresentable & CaseIterable>(_: E.Type) -> [(name: [UInt8], value: E)] where E.RawValue == String {
        E.allCases.map { (Array($0.rawValue.utf8), $0) }
    }

    fileprivate static let kinds = names(ObservationKind.self)
    // A withdrawal is not a value one can post: it is the validator's to refuse.
    fileprivate static let statuses = names(ObservationStatus.self).filter { $0.value != .withdrawn }
    fileprivate static let bounds = names(Bound.self)
    fileprivate static let scopes = names(RankScope.self)

    /// Without leading and trailing spaces, as `trimmingSpaces()` trims.
    fileprivate static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 { end -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    private static let powersOfTen: [Double] = (0...15).map { pow10($0) }

    private static func pow10(_ n: Int) -> Double {
        var p = 1.0
        for _ in 0..<n { p *= 10 }
        return p
    }

    /// `-?[0-9]+(\.[0-9]+)?` with at most 15 digits, read exactly as `Double(text)` reads it:
    /// the digits as an integer below 2^53 and a power of ten up to 10^15 are both exact, so
    /// their quotient is the correctly rounded value of the decimal. Anything else is nil.
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var i = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { i = 1 }
        var mantissa: UInt64 = 0
        var digits = 0, fractionDigits = 0, integerDigits = 0
        var inFraction = false
        while i < bytes.count {
            let b = bytes[i]
            if b >= 48, b <= 57 {
                digits += 1
                guard digits <= 15 else { return nil }
                mantissa = mantissa * 10 + UInt64(b - 48)
                if inFraction { fractionDigits += 1 } else { integerDigits += 1 }
            } else if b == UInt8(ascii: "."), !inFraction, integerDigits > 0 {
                inFraction = true
            } else {
                return nil
            }
            i += 1
        }
        guard integerDigits > 0, !inFraction || fractionDigits > 0 else { return nil }
        let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
    }
}
