import Analysis
import Domain
import Testing

@Suite struct AnalysisRequestTests {
    @Test func absentParametersAreLevelsAsStored() throws {
        let request = try AnalysisRequest(units: nil, frequency: nil, aggregation: nil, partial: nil)
        #expect(request == AnalysisRequest())
        #expect(request.units == .lin && request.frequency == nil && request.aggregation == nil && !request.partial)
    }

    @Test func everyValueOfEachParameterParses() throws {
        for units in Transformation.allCases {
            #expect(try AnalysisRequest(units: units.rawValue, frequency: nil, aggregation: nil, partial: nil).units == units)
        }
        for method in AggregationMethod.allCases {
            let request = try AnalysisRequest(units: nil, frequency: "year", aggregation: method.rawValue, partial: "true")
            #expect(request == AnalysisRequest(frequency: .year, aggregation: method, partial: true))
        }
        #expect(try AnalysisRequest(units: "pc1", frequency: "quarter", aggregation: nil, partial: "false")
                == AnalysisRequest(units: .pc1, frequency: .quarter))
        #expect(try AnalysisRequest(units: nil, frequency: "month", aggregation: nil, partial: nil).frequency == .month)
    }

    @Test func aBadValueNamesItsParameterAndWhatItTakes() {
        #expect(throws: AnalysisParameterError.notAllowed(.units, value: "pct", allowed: ["lin", "chg", "ch1", "pch", "pc1", "pca", "log"])) {
            try AnalysisRequest(units: "pct", frequency: nil, aggregation: nil, partial: nil)
        }
        #expect(throws: AnalysisParameterError.notAllowed(.frequency, value: "a", allowed: ["year", "quarter", "month"])) {
            try AnalysisRequest(units: nil, frequency: "a", aggregation: nil, partial: nil)
        }
        #expect(throws: AnalysisParameterError.notAllowed(.aggregation, value: "last", allowed: ["sum", "eop", "avg"])) {
            try AnalysisRequest(units: nil, frequency: "year", aggregation: "last", partial: nil)
        }
        #expect(throws: AnalysisParameterError.notAllowed(.partial, value: "yes", allowed: ["true", "false"])) {
            try AnalysisRequest(units: nil, frequency: "year", aggregation: nil, partial: "yes")
        }
        // Case matters, as everywhere else in the API.
        #expect(throws: AnalysisParameterError.self) { try AnalysisRequest(units: "PC1", frequency: nil, aggregation: nil, partial: nil) }
        #expect(throws: AnalysisParameterError.self) { try AnalysisRequest(units: "", frequency: nil, aggregation: nil, partial: nil) }
    }

    @Test func aggregationAndPartialWithoutAFrequencyToAggregateToAreRefused() throws {
        #expect(throws: AnalysisParameterError.needsAggregatingFrequency(.aggregation)) {
            try AnalysisRequest(units: nil, frequency: nil, aggregation: "avg", partial: nil)
        }
        #expect(throws: AnalysisParameterError.needsAggregatingFrequency(.aggregation)) {
            try AnalysisRequest(units: nil, frequency: "month", aggregation: "sum", partial: nil)
        }
        #expect(throws: AnalysisParameterError.needsAggregatingFrequency(.partial)) {
            try AnalysisRequest(units: nil, frequency: nil, aggregation: nil, partial: "true")
        }
        // partial=false asks for nothing, so it is harmless anywhere.
        #expect(try AnalysisRequest(units: nil, frequency: nil, aggregation: nil, partial: "false") == AnalysisRequest())
    }

    @Test func theErrorSaysWhichParameterAndWhy() {
        let error = AnalysisParameterError.notAllowed(.units, value: "pct", allowed: ["lin", "chg"])
        #expect(error.parameter == .units)
        #expect(error.reason == "'pct' is not one of: lin, chg")
        #expect(AnalysisParameterError.needsAggregatingFrequency(.partial).parameter == .partial)
        #expect(AnalysisParameterError.needsAggregatingFrequency(.partial).reason
                == "applies only with frequency=year or frequency=quarter")
    }
}
