// swift-tools-version: 6.1
//
// callup — plans cadre training call-ups as integer programs solved by GLPK.
//
// The targets follow the data flow, one way:
//
//   scenario:     CallupDomain (scenario files → typed, validated scenario; reads
//                 .xlsx through CallupExcel)
//   obligations,
//   formulation:  CallupRules (obligations, one type per rule, the model)
//   solver:       Modeling (solver-agnostic variables and named constraints)
//                 → GLPKBackend → GLPK → CGLPK (the only C import of GLPK)
//   planning:     CallupSolve (the one planning entry: whole model, blocks,
//                 rotation; a solution analysed into a Plan; replan; what-if;
//                 the review of units' nominations)
//   plan:         CallupPlan (the Plan hand-off type, plan.json written
//                 and read back, text tables)
//   reports:      CallupReports (plan files, report.html, compare, explain)
//   ledger:       CallupLedger (the training ledger, SQLite through GRDB;
//                 publishes plans read with CallupPlan)
//
//   CallupChecker depends on CallupDomain only: it re-derives every rule
//   and reads plan directories with its own strict reader.
//   Only CallupSolve imports the solver. CallupCLI wires the commands;
//   `callup` is the executable.
import PackageDescription

let package = Package(
  name: "callup",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "callup", targets: ["callup"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
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
    .target(name: "CallupPlan", dependencies: ["CallupDomain", "CallupRules"]),
    .target(
      name: "CallupSolve",
      dependencies: [
        "CallupDomain", "CallupRules", "Modeling", "GLPKBackend", "CallupPlan",
      ]),
    .target(
      name: "CallupReports",
      dependencies: ["CallupDomain", "CallupRules", "CallupPlan"]),
    .target(name: "CallupChecker", dependencies: ["CallupDomain"]),
    .target(name: "CallupGenerator", dependencies: ["CallupDomain"]),
    .target(
      name: "CallupLedger",
      dependencies: ["CallupDomain", "CallupPlan", .product(name: "GRDB", package: "GRDB.swift")]),
    .target(
      name: "CallupCLI",
      dependencies: [
        "CallupDomain", "CallupRules", "CallupPlan", "CallupSolve", "CallupReports", "CallupChecker",
        "CallupGenerator", "CallupLedger", "CallupExcel",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]),
    .executableTarget(name: "callup", dependencies: ["CallupCLI"]),

    .testTarget(name: "GLPKTests", dependencies: ["GLPK"]),
    .testTarget(name: "ModelingTests", dependencies: ["Modeling", "GLPKBackend"]),
    .testTarget(name: "CallupDomainTests", dependencies: ["CallupDomain"]),
    .testTarget(name: "CallupRulesTests", dependencies: ["CallupRules", "CallupDomain", "Modeling", "GLPKBackend"]),
    .testTarget(
      name: "CallupPlannerTests",
      dependencies: [
        "CallupPlan", "CallupSolve", "CallupReports", "CallupRules", "CallupDomain", "CallupChecker", "GLPKBackend",
      ]),
    .testTarget(name: "CallupCheckerTests", dependencies: ["CallupChecker", "CallupDomain"]),
    .testTarget(name: "CallupGeneratorTests", dependencies: ["CallupGenerator", "CallupDomain", "CallupRules"]),
    .target(name: "CallupTestSupport", path: "Tests/CallupTestSupport"),
    .testTarget(
      name: "CallupCLITests",
      dependencies: [
        "CallupTestSupport", "CallupCLI", "CallupDomain", "CallupPlan", "CallupExcel", "ZIPFoundation",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
    .testTarget(
      name: "CallupLedgerTests", dependencies: ["CallupTestSupport", "CallupLedger", "CallupDomain", "CallupPlan"]),
    .testTarget(
      name: "CallupExcelTests", dependencies: ["CallupTestSupport", "CallupExcel", "CallupDomain", "ZIPFoundation"]),
  ]
)
