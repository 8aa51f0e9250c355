import ArgumentParser

public struct CallupCommand: ParsableCommand {
  public static let configuration = CommandConfiguration(commandName: "callup", abstract: "Plans cadre training call-ups.")
  public init() {}
  public func run() throws {}
}
