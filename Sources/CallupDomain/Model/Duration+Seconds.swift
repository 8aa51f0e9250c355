extension Duration {
  /// The duration in seconds, as a `Double` (for time limits and logs).
  public var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
