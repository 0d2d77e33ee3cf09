// swift-tools-version:6.0
import PackageDescription

/// Data flows one way: file → Table (Spreadsheet) → Records → Alignment → Discrepancies → Summary
/// (Reconciliation) → Workbook / JSON (Report), driven by the thin `hmic-reconcile` command.
let package = Package(
    name: "hmic-reconcile",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "hmic-reconcile", targets: ["hmic-reconcile"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // C modules: nothing but a module map and a shim header each, for Debian's libraries.
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CMinizip", pkgConfig: "minizip", providers: [.apt(["libminizip-dev"])]),

        // Reading and writing spreadsheets: the only Swift code that touches the C libraries.
        .target(name: "Spreadsheet", dependencies: ["CXLSXWriter", "CLibXML2", "CMinizip"]),
        // The domain: records, matching, classification, summary. Swift, no I/O.
        .target(name: "Reconciliation", dependencies: ["Spreadsheet", .product(name: "Yams", package: "Yams")]),
        // What the board and scripts receive: the workbook and the JSON result; and the monthly run that makes them.
        .target(name: "Report", dependencies: [
            "Reconciliation", "Spreadsheet", .product(name: "Logging", package: "swift-log"),
        ]),
        // The command line: argument handling, signals and exit statuses only.
        .executableTarget(name: "hmic-reconcile", dependencies: [
            "Spreadsheet", "Reconciliation", "Report",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Rebuilds samples/ from a fixed description of a fictional force.
        .executableTarget(name: "make-samples", dependencies: ["Spreadsheet"], path: "Tools/make-samples"),
        // Messy register/portal pairs with ground truth, for measuring matching; not part of the product.
        .target(name: "SyntheticData", dependencies: ["Spreadsheet", "Reconciliation"]),
        .executableTarget(name: "make-messy", dependencies: ["Spreadsheet", "Reconciliation", "SyntheticData"], path: "Tools/make-messy"),

        .testTarget(name: "SpreadsheetTests", dependencies: ["Spreadsheet"]),
        .testTarget(name: "ReconciliationTests", dependencies: ["Reconciliation", "Report", "SyntheticData"]),
        .testTarget(name: "ReportTests", dependencies: ["Report"]),
        .testTarget(name: "EndToEndTests", dependencies: ["hmic-reconcile"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
