// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "zhibiao",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "zhibiao", targets: ["zhibiao"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // Value types shared by every other module: periods, codes, units. No dependencies.
        .target(name: "Domain"),
        // Lock-free counters and histograms, the monotonic clock they time with, and the Prometheus
        // text format. No dependencies.
        .target(name: "Metrics"),
        // What the service needs of its database, as protocols (DataStore), and SQLite as their first
        // implementation: GRDB for the connection pool, migrations and the cold paths, the C API for
        // every observation read and write. Knows nothing of HTTP.
        .target(name: "Storage", dependencies: [
            "Domain", "Metrics",
            "CSQLite",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The system SQLite's C API (the same library GRDB links), for the paths GRDB's row and
        // queue machinery would dominate: the observations' reads and their one writer.
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        // epoll, eventfd, signalfd and accept4, which Swift's Glibc module does not export.
        .target(name: "CHTTPServerSystem"),
        // HTTP/1.1 on POSIX sockets and epoll. Knows nothing of indicators.
        .target(name: "HTTPServer", dependencies: [
            "CHTTPServerSystem", "Metrics",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Report text in, indicator facts out. Pure: no database, no network.
        .target(name: "Extraction", dependencies: ["Domain"]),
        // Report loading: reads files, fetches http(s) URLs through Fetching, runs the extractor,
        // keeps the document and its facts. Where the network and the database meet the pure extractor.
        .target(name: "ReportLoader", dependencies: ["Domain", "Extraction", "Storage", "Fetching", "ZipArchive"]),
        // GET of http(s) URLs through libcurl, refusing every non-public address before connecting
        // (on every redirect hop), with size, time and redirect limits. Knows nothing of reports.
        .target(name: "Fetching", dependencies: ["Domain", "Metrics", "CCurl"]),
        // libcurl's easy API, with typed wrappers for its variadic setopt and getinfo.
        .systemLibrary(name: "CCurl", path: "Sources/CCurl", pkgConfig: "libcurl",
                       providers: [.apt(["libcurl4-openssl-dev"])]),
        // The system zlib: deflate, inflate and CRC-32 for ZipArchive.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // FRED-style transformations (chg, pc1, pca…) and yearly values derived from quarters and
        // months, over one series' values. Pure: no database, no HTTP.
        .target(name: "Analysis", dependencies: ["Domain"]),
        // Zip archives in memory: read with limits against hostile files, and written. The one zip
        // reader, shared by .docx reports and .xlsx workbooks.
        .target(name: "ZipArchive", dependencies: ["CZlib"]),
        // .xlsx bytes in, rows of cell strings out; sheets of text and numbers in, .xlsx bytes out.
        // Pure: no database, no HTTP.
        .target(name: "Spreadsheet", dependencies: ["Domain", "ZipArchive"]),
        // YAML configuration and catalogue files.
        .target(name: "Config", dependencies: [
            "Domain",
            .product(name: "Yams", package: "Yams"),
        ]),
        // The HTTP API: routes that read and write the store.
        .target(name: "API", dependencies: [
            "Domain", "Storage", "HTTPServer", "Extraction", "ReportLoader", "Fetching", "Metrics",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The dashboard page served at `/`: hand-written HTML, CSS and JS embedded in the binary
        // (scripts/embed-dashboard.sh regenerates EmbeddedAssets.swift from Assets/).
        .target(name: "Dashboard", dependencies: ["HTTPServer"], exclude: ["Assets"]),
        // Commands and the composition of the application; the executable only calls into it.
        .target(name: "ZhibiaoCLI", dependencies: [
            "Domain", "Storage", "HTTPServer", "Extraction", "Config", "API", "ReportLoader", "Fetching", "Dashboard", "Metrics",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "zhibiao", dependencies: ["ZhibiaoCLI"]),

        .testTarget(name: "DomainTests", dependencies: ["Domain"]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Domain"]),
        .testTarget(name: "ConfigTests", dependencies: ["Config", "Domain"]),
        .testTarget(name: "FetchingTests", dependencies: ["Fetching", "HTTPServer", "HTTPTestSupport", "CZlib",
                                                          .product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "ZipArchiveTests", dependencies: ["ZipArchive"]),
        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet", "ZipArchive"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Config", "Domain"]),
        // A raw-socket HTTP client for tests: sends exact bytes, parses what comes back.
        .target(name: "HTTPTestSupport", path: "Tests/HTTPTestSupport"),
        .testTarget(name: "HTTPServerTests", dependencies: ["HTTPServer", "HTTPTestSupport"]),
        .testTarget(name: "ExtractionTests", dependencies: ["Extraction", "Config", "Domain"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "DashboardTests", dependencies: [
            "Dashboard", "HTTPServer", "HTTPTestSupport", .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "APITests", dependencies: ["API", "Storage", "HTTPServer", "HTTPTestSupport", "Config", "Domain", "Metrics",
                                                     "ReportLoader", "Fetching"]),
        .testTarget(name: "ZhibiaoCLITests", dependencies: [
            "ZhibiaoCLI", "ReportLoader", "Fetching", "Extraction", "Storage", "HTTPServer", "HTTPTestSupport", "Config", "Domain",
            "Metrics", "API",
        ]),
    ],
    swiftLanguageModes: [.v6]
)
