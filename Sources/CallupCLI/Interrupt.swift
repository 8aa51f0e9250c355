import Foundation
import Synchronization

/// Ctrl-C (SIGINT) and SIGTERM during a solve: the first stops the search
/// and the best plan so far is written (marked `feasible`); a second one
/// ends the process at once.
enum Interrupt {
  static let requested = Atomic<Int>(0)

  static func install() {
    let handler: @convention(c) (Int32) -> Void = { sig in
      let before = Interrupt.requested.add(1, ordering: .relaxed).oldValue
      if before >= 1 {
        signal(sig, SIG_DFL)
        raise(sig)
      }
    }
    signal(SIGINT, handler)
    signal(SIGTERM, handler)
  }

  static var isRequested: Bool { requested.load(ordering: .relaxed) > 0 }
}
