/// The rules an observation must follow before it is stored. Per unit: percent in [0, 100],
/// counts whole and ≥ 0, yuan ≥ 0, ranks whole and ≥ 1, per-1000 ratios and indices ≥ 0,
/// percentage points any finite value; an indicator's own `minimum`/`maximum` replace its unit's
/// (growth rates may be negative or above 100). Periods from 1949 to next year, quarters and
/// months only where the indicator allows them. `bound` only on targets, `scope` exactly on
/// ranks. Every problem of an input is reported, not just the first.
public struct ObservationValidator: Sendable {
    public static let fields: Set<String> = ["indicator", "region", "period", "kind", "value", "status", "bound", "note", "scope"]
    public static let maxNoteLength = 2000

    let indicators: [String: Indicator]
    let regions: Set<String>
    /// Periods may be up to the end of this year (next year: targets are set ahead).
    public let latestYear: Int

    public init(indicators: [String: Indicator], regions: Set<String>, currentYear: Int) {
        self.indicators = indicators
        self.regions = regions
        self.latestYear = currentYear + 1
    }

    /// The valid observation, or every problem found (never empty).
    public func validate(_ input: ObservationInput) -> Result<ValidObservation, FieldProblems> {
        var problems: [FieldProblem] = []
        func problem(_ field: String, _ reason: String) { problems.append(FieldProblem(field: field, reason: reason)) }

        for (name, _) in input.fields where !Self.fields.contains(name) {
            problem(name, "unknown field; allowed: \(Self.fields.sorted().joined(separator: ", "))")
        }
        let indicatorCode = text(input["indicator"], "indicator", required: true, &problems)
        let indicator = indicatorCode.flatMap { indicators[$0] }
        if let indicatorCode, indicator == nil { problem("indicator", "unknown indicator '\(indicatorCode)'") }
        let region = text(input["region"], "region", required: true, &problems)
        if let region, !regions.contains(region) { problem("region", "unknown region '\(region)'") }

        var period: Period?
        switch input["period"] {
        case .text(let t)?, .number(let t)?:
            if let p = Period(t.trimmingSpaces()) {
                if p.year < Period.earliestYear || p.year > latestYear {
                    problem("period", "year \(p.year) is outside \(Period.earliestYear)–\(latestYear)")
                } else if let indicator, !indicator.frequencies.contains(p.frequency) {
                    problem("period", "\(indicator.code) is not reported by \(p.frequency.rawValue)")
                } else {
                    period = p
                }
            } else {
                problem("period", "'\(t)' is not a period: use 2022, 2022-Q1 (or 2022Q1) or 2022-10")
            }
        case nil, .null?: problem("period", "is required")
        case .other(let type)?: problem("period", "must be a text such as 2022-Q1, not \(type)")
        }

        let kind = enumValue(input["kind"], "kind", ObservationKind.self, &problems) ?? .actual
        var status = enumValue(input["status"], "status", ObservationStatus.self, &problems) ?? .provisional
        if status == .withdrawn {
            problem("status", "withdraw with DELETE; a posted value cannot be withdrawn")
            status = .provisional
        }
        let bound = enumValue(input["bound"], "bound", Bound.self, &problems)
        if bound != nil, kind != .target { problem("bound", "only targets have a bound (min for 以上, max for 不超过)") }
        let scope = enumValue(input["scope"], "scope", RankScope.self, &problems)
        if let indicator {
            if indicator.unit == .rank, scope == nil {
                problem("scope", "a rank needs the scope it is taken in: \(RankScope.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if indicator.unit != .rank, scope != nil { problem("scope", "only ranks have a scope") }
        }
        var note: String?
        switch input["note"] {
        case .text(let t)?:
            if t.count > Self.maxNoteLength { problem("note", "longer than \(Self.maxNoteLength) characters") } else if !t.isEmpty { note = t }
        case nil, .null?: break
        case .number?, .other?: problem("note", "must be a text")
        }

        let value = number(input["value"], indicator: indicator, &problems)
        guard problems.isEmpty, let indicator, let region, let period, let value else {
            return .failure(FieldProblems(problems: problems))
        }
        return .success(ValidObservation(indicator: indicator.code, region: region, period: period, kind: kind, scope: scope,
                                         value: value, status: status, bound: bound, note: note))
    }

    private func text(_ field: ObservationInput.Field?, _ name: String, required: Bool,
                      _ problems: inout [FieldProblem]) -> String? {
        switch field {
        case .text(let t)?:
            let trimmed = t.trimmingSpaces()
            if trimmed.isEmpty, required { problems.append(FieldProblem(field: name, reason: "is required")) }
            return trimmed.isEmpty ? nil : trimmed
        case .number(let t)?:
            return t
        case nil, .null?:
            if required { problems.append(FieldProblem(field: name, reason: "is required")) }
            return nil
        case .other(let type)?:
            problems.append(FieldProblem(field: name, reason: "must be a text, not \(type)"))
            return nil
        }
    }

    private func enumValue<E: RawRepresentable & CaseIterable>(_ field: ObservationInput.Field?, _ name: String, _: E.Type,
                                                               _ problems: inout [FieldProblem]) -> E? where E.RawValue == String {
        switch field {
        case nil, .null?: return nil
        case .text(let t)? where t.trimmingSpaces().isEmpty: return nil
        case .text(let t)?:
            if let value = E(rawValue: t.trimmingSpaces()) { return value }
            problems.append(FieldProblem(field: name, reason: "'\(t)' is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))"))
            return nil
        case .number(let t)?, .other(let t)?:
            problems.append(FieldProblem(field: name, reason: "'\(t)' is not one of: \(E.allCases.map(\.rawValue).joined(separator: ", "))"))
            return nil
        }
    }

    private func number(_ field: ObservationInput.Field?, indicator: Indicator?, _ problems: inout [FieldProblem]) -> Double? {
        let text: String
        switch field {
        case .number(let t)?: text = t
        case .text(let t)?:
            // CSV cells are text; in JSON a quoted number is a mistake worth naming.
            text = t.trimmingSpaces()
        case nil, .null?:
            problems.append(FieldProblem(field: "value", reason: "is required (withdraw a value with DELETE)"))
            return nil
        case .other(let type)?:
            problems.append(FieldProblem(field: "value", reason: "must be a number, not \(type)"))
            return nil
        }
        guard Self.looksNumeric(text), let value = Double(text) else {
            problems.append(FieldProblem(field: "value", reason: "'\(text)' is not a number"))
            return nil
        }
        guard value.isFinite, abs(value) < Self.valueLimit else {
            problems.append(FieldProblem(field: "value", reason: "'\(text)' is out of range"))
            return nil
        }
        guard let indicator else { return value }
        let rule = Self.valueRule(for: indicator)
        if rule.whole, value != value.rounded() {
            let what = indicator.unit == .rank ? "a rank" : "a count"
            problems.append(FieldProblem(field: "value", reason: "\(what) must be a whole number, not \(text)"))
        }
        if let lower = rule.lower, value < lower {
            problems.append(FieldProblem(field: "value", reason: "\(text) is below \(Self.format(lower)), the least a \(indicator.unit.rawValue) value of \(indicator.code) may be"))
        }
        if let upper = rule.upper, value > upper {
            problems.append(FieldProblem(field: "value", reason: "\(text) is above \(Self.format(upper)), the most a \(indicator.unit.rawValue) value of \(indicator.code) may be"))
        }
        return value
    }

    /// What a value of an indicator must be, by its unit and its own bounds. `validate` checks
    /// these; a bulk reader that parses numbers itself checks the same rule.
    public struct ValueRule: Sendable {
        public var lower: Double?
        public var upper: Double?
        /// Counts and ranks.
        public var whole: Bool

        public init(lower: Double?, upper: Double?, whole: Bool) {
            self.lower = lower
            self.upper = upper
            self.whole = whole
        }

        /// Whether `validate` would take `value` for the indicator (given its text parsed to it).
        public func accepts(_ value: Double) -> Bool {
            guard value.isFinite, abs(value) < ObservationValidator.valueLimit else { return false }
            if whole, value != value.rounded() { return false }
            if let lower, value < lower { return false }
            if let upper, value > upper { return false }
            return true
        }
    }

    public static func valueRule(for indicator: Indicator) -> ValueRule {
        var rule = ValueRule(lower: nil, upper: nil, whole: false)
        switch indicator.unit {
        case .percent: rule.lower = 0; rule.upper = 100
        case .count: rule.lower = 0; rule.whole = true
        case .rank: rule.lower = 1; rule.whole = true
        case .yuan, .per1000Enterprises, .per10kPeople, .index: rule.lower = 0
        case .percentagePoints: break
        }
        if let min = indicator.minimum { rule.lower = min }
        if let max = indicator.maximum { rule.upper = max } else if indicator.minimum != nil, indicator.unit == .percent { rule.upper = nil }
        return rule
    }

    /// Values at or beyond this magnitude are refused as out of range.
    static let valueLimit = 1e18

    /// Plain decimal or exponent notation only: Double() would also take "nan", "inf", "0x1p3".
    static func looksNumeric(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 64 else { return false }
        return s.utf8.allSatisfy { ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 43 || $0 == 46 || $0 == 101 || $0 == 69 }
            && s.utf8.contains { $0 >= 48 && $0 <= 57 }
    }

    /// An indicator's bound may be any double: `NumberText` never traps on a huge one.
    static func format(_ v: Double) -> String { NumberText.format(v) }
}

extension Substring {
    /// Without leading and trailing spaces. It runs for every field of a bulk import, so the
    /// usual case (no spaces) costs one look at each end and no search.
    public func trimmingSpaces() -> String {
        let bytes = utf8
        guard bytes.first == 0x20 || bytes.last == 0x20 else { return String(self) }
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, bytes[start] == 0x20 { start = bytes.index(after: start) }
        while end > start, bytes[bytes.index(before: end)] == 0x20 { end = bytes.index(before: end) }
        return String(self[start..<end])
    }
}

extension String {
    public func trimmingSpaces() -> String {
        guard utf8.first == 0x20 || utf8.last == 0x20 else { return self }
        return self[...].trimmingSpaces()
    }
}
