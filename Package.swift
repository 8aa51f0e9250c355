// swift-tools-version: 6.1
//
// callup — plans cadre training call-ups as integer programs solved by GLPK.
//
// The targets follow the data flow, one way:
//
//   CallupExcel (.xlsx in and out: CXLSXWriter for writing, ZIPFoundation for reading)
//   CallupDomain (scenario files → typed, validated model; reads .xlsx through CallupExcel)
//     → CallupRules (obligations, rule types, formulation)
//     → Modeling (solver-agnostic variables and named constraints)
//     → GLPKBackend → GLPK → CGLPK (C imports: CGLPK and CXLSXWriter)
//     → CallupPlanner (solution → rosters, notices, unmet, KPIs, reports)
//   CallupChecker depends on CallupDomain only: it re-derives every rule.
//   CallupLedger (the training ledger, SQLite through GRDB) depends on
//   CallupDomain only.
//   CallupCLI wires the commands; `callup` is the executable.
import PackageDescription

let package = Package(
  name: "callup",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "callup", targets: ["callup"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
  ],
  targets: [
    .systemLibrary(
      name: "CGLPK",
      providers: [.apt(["libglpk-dev"])]),
    .target(name: "GLPK", dependencies: ["CGLPK"]),
    .systemLibrary(
      name: "CXLSXWriter",
      pkgConfig: "xlsxwriter",
      providers: [.apt(["libxlsxwriter-dev"])]),
    .target(name: "CallupExcel", dependencies: ["CXLSXWriter", "ZIPFoundation"]),
    .target(name: "Modeling"),
    .target(name: "GLPKBackend", dependencies: ["Modeling", "GLPK"]),
    .target(
      name: "CallupDomain",
      dependencies: ["Yams", "CallupExcel"]),
    .target(name: "CallupRules", dependencies: ["CallupDomain", "Modeling"]),
    .target(
      name: "CallupPlanner",
      dependencies: [
        "CallupDomain", "CallupRules", "Modeling", "GLPKBackend",
        .product(name: "CSV", package: "CSV.swift"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    .target(name: "CallupChecker", dependencies: ["CallupDomain"]),
    .target(name: "CallupGenerator", dependencies: ["CallupDomain"]),
    .target(
      name: "CallupLedger",
      dependencies: ["CallupDomain", .product(name: "GRDB", package: "GRDB.swift")]),
    .target(
      name: "CallupCLI",
      dependencies: [
        "CallupDomain", "CallupRules", "CallupPlanner", "CallupChecker",
        "CallupGenerator", "CallupLedger", "GLPKBackend", "CallupExcel",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    .executableTarget(name: "callup", dependencies: ["CallupCLI"]),

    .testTarget(name: "GLPKTests", dependencies: ["GLPK"]),
    .testTarget(name: "ModelingTests", dependencies: ["Modeling", "GLPKBackend"]),
    .testTarget(name: "CallupDomainTests", dependencies: ["CallupDomain"]),
    .testTarget(name: "CallupRulesTests", dependencies: ["CallupRules", "CallupDomain", "Modeling", "GLPKBackend"]),
    .testTarget(name: "CallupPlannerTests", dependencies: ["CallupPlanner", "CallupRules", "CallupDomain", "CallupChecker"]),
    .testTarget(name: "CallupCheckerTests", dependencies: ["CallupChecker", "CallupDomain"]),
    .testTarget(name: "CallupGeneratorTests", dependencies: ["CallupGenerator", "CallupDomain"]),
    .target(name: "CallupTestSupport", path: "Tests/CallupTestSupport"),
    .testTarget(name: "CallupCLITests", dependencies: ["CallupTestSupport", "CallupCLI"]),
    .testTarget(name: "CallupLedgerTests", dependencies: ["CallupTestSupport", "CallupLedger", "CallupDomain"]),
    .testTarget(name: "CallupExcelTests", dependencies: ["CallupTestSupport", "CallupExcel", "CallupDomain", "ZIPFoundation"]),
  ]
)
