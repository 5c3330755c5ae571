/// What a report says about itself: who published it, when, for where and for which year.
public struct DocumentMetadata: Sendable, Codable, Hashable {
    /// 发布单位 as written (区科技局).
    public var publisher: String?
    /// 发文日期 as YYYY-MM-DD.
    public var date: String?
    /// The region code the document's figures are attributed to.
    public var region: String?
    /// The year the report's facts default to (2021 for a 2021 summary with a 2022 plan).
    public var reportYear: Int?
    public var title: String?

    public init(publisher: String? = nil, date: String? = nil, region: String? = nil, reportYear: Int? = nil,
                title: String? = nil) {
        self.publisher = publisher
        self.date = date
        self.region = region
        self.reportYear = reportYear
        self.title = title
    }

    enum CodingKeys: String, CodingKey {
        case publisher, date, region, title
        case reportYear = "report_year"
    }
}
