// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "dutycheck",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "dutycheck", targets: ["dutycheck"]),
        .library(name: "RuleEngine", targets: ["RuleEngine"]),
        .library(name: "Reporters", targets: ["Reporters"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // System libraries: Debian's libyaml, SQLite and OpenSSL's libcrypto (for SHA-256).
        .systemLibrary(name: "CLibYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"]), .brew(["sqlite"])]),
        .systemLibrary(name: "CSHA256", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"]), .brew(["openssl"])]),

        .target(name: "YAMLTree", dependencies: ["CLibYAML"]),
        .target(name: "RuleEngine", dependencies: ["YAMLTree", "CSHA256"]),
        .target(name: "Reporters", dependencies: ["RuleEngine"]),
        .target(name: "StateStore", dependencies: ["CSQLite", "RuleEngine"]),

        // Builds the shipped Rules/ into the binary as Swift string literals.
        .executableTarget(name: "embed-rules", path: "Sources/embed-rules"),
        .plugin(name: "EmbedRulesPlugin", capability: .buildTool(),
                dependencies: ["embed-rules"], path: "Sources/EmbedRulesPlugin"),

        .executableTarget(
            name: "dutycheck",
            dependencies: [
                "RuleEngine", "Reporters", "StateStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["EmbedRulesPlugin"]
        ),
        .executableTarget(name: "dutycheck-bench", dependencies: ["RuleEngine", "YAMLTree", "CLibYAML"],
                          exclude: ["instructions.sh"],
                          plugins: ["EmbedRulesPlugin"]),

        .target(name: "TestSupport", dependencies: ["YAMLTree", "RuleEngine"], path: "Tests/TestSupport"),
        .testTarget(name: "YAMLTreeTests", dependencies: ["YAMLTree", "CLibYAML", "TestSupport"]),
        .testTarget(name: "RuleEngineTests", dependencies: ["RuleEngine", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "ReportersTests", dependencies: ["Reporters", "TestSupport"], exclude: ["Golden", "Scripts"]),
        .testTarget(name: "RulePacksTests", dependencies: ["RuleEngine", "TestSupport", "dutycheck"], exclude: ["Scripts"]),
        .testTarget(name: "StateStoreTests", dependencies: ["StateStore", "RuleEngine", "TestSupport"]),
        .testTarget(name: "dutycheckTests", dependencies: ["dutycheck", "TestSupport"], exclude: ["Fixtures"]),
    ]
)
