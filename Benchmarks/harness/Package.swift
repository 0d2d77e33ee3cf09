// swift-tools-version:6.0
import PackageDescription

/// The benchmark harness: times each stage of a reconciliation by calling the product's libraries directly.
/// A package of its own, so the product's `swift build` and `swift test` never build it. Its library targets are
/// symbolic links to the product's own sources (SwiftPM does not let a package export targets that are not
/// products, and the product exports none), compiled here in release mode exactly as the product compiles them.
///
///     swift build -c release --package-path Benchmarks/harness --scratch-path .build-bench/harness
let package = Package(
    name: "hmic-bench",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    ],
    targets: [
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter"),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0"),
        .systemLibrary(name: "CMinizip", pkgConfig: "minizip"),
        .target(name: "Spreadsheet", dependencies: ["CXLSXWriter", "CLibXML2", "CMinizip"]),
        .target(name: "Reconciliation", dependencies: ["Spreadsheet", .product(name: "Yams", package: "Yams")]),
        .target(name: "Report", dependencies: ["Reconciliation", "Spreadsheet", .product(name: "Logging", package: "swift-log")]),
        .executableTarget(name: "hmic-bench", dependencies: ["Spreadsheet", "Reconciliation", "Report"]),
    ],
    swiftLanguageModes: [.v6]
)
