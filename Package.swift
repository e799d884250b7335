// swift-tools-version:6.1
import PackageDescription

// Layers, in the order data flows through them:
//   BijstandCore       pure values and parsers (no database, no I/O)
//   BijstandAssets     sql/, etl/ and reports/ embedded at build time
//   BijstandWarehouse  the SQLite star schema, migrations, load ledger
//   BijstandETL        readers (libcsv), source layouts, loaders
//   BijstandQuery      read-only queries and report values
//   BijstandRender     report value → text, Markdown, HTML, CSV, JSON, XLSX (no database)
//   bijstand           the command line, a thin shell over the above
let package = Package(
    name: "bijstand",
    products: [
        .executable(name: "bijstand", targets: ["bijstand"])
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"])]
        ),
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .target(name: "BijstandCore"),
        .executableTarget(name: "AssetEmbedder"),
        .plugin(
            name: "EmbedAssets",
            capability: .buildTool(),
            dependencies: ["AssetEmbedder"]
        ),
        .target(
            name: "BijstandAssets",
            plugins: ["EmbedAssets"]
        ),
        .target(
            name: "BijstandWarehouse",
            dependencies: [
                "BijstandCore",
                "BijstandAssets",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "BijstandETL",
            dependencies: [
                "BijstandCore",
                "BijstandAssets",
                "BijstandWarehouse",
                "CLibCSV",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "BijstandQuery",
            dependencies: [
                "BijstandCore",
                "BijstandWarehouse",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .target(
            name: "BijstandRender",
            dependencies: [
                "BijstandCore",
                "BijstandAssets",
                "CXLSXWriter",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "bijstand",
            dependencies: [
                "BijstandCore",
                "BijstandWarehouse",
                "BijstandETL",
                "BijstandQuery",
                "BijstandRender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["BijstandCore", "BijstandWarehouse", "BijstandETL"],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "BijstandCoreTests", dependencies: ["BijstandCore"]),
        .testTarget(
            name: "BijstandETLTests",
            dependencies: ["BijstandETL", "BijstandWarehouse", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "BijstandQueryTests",
            dependencies: ["BijstandQuery", "BijstandRender", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "BijstandRenderTests",
            dependencies: ["BijstandRender", "BijstandCore", "TestSupport"]
        ),
        .testTarget(
            name: "BijstandRegistratieTests",
            dependencies: [
                "bijstand", "BijstandCore", "BijstandETL", "BijstandWarehouse", "BijstandQuery", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "BijstandReliabilityTests",
            dependencies: [
                "bijstand", "BijstandCore", "BijstandAssets", "BijstandETL", "BijstandWarehouse", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "BijstandAnalystTests",
            dependencies: [
                "bijstand", "BijstandQuery", "BijstandWarehouse", "BijstandETL", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // libFuzzer harness of the CSV reader and the field parsers (Tests/scripts/fuzz-csv.sh).
        // Without -DFUZZING it is a plain program that replays files, so `swift build` needs no sanitizer.
        .executableTarget(
            name: "CSVFuzz",
            dependencies: ["BijstandCore", "BijstandETL", "TestSupport"],
            path: "Tests/Fuzz/CSVFuzz"
        ),
        .testTarget(
            name: "BijstandCLITests",
            dependencies: ["bijstand", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
