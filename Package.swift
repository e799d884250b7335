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
    ],
    targets: [
        .systemLibrary(
            name: "CLibCSV",
            providers: [.apt(["libcsv-dev"])]
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
            dependencies: ["BijstandCore", "BijstandAssets"]
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
            name: "BijstandCLITests",
            dependencies: ["bijstand", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
