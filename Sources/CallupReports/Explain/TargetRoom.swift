import CallupDomain
import CallupPlan
import CallupRules

/// Where a target's cadres not counted yet could be seated, class by class:
/// a class takes only those it admits by its ranks and tags, who are free on
/// its days and whose history does not clash with it. First the free seats
/// of the classes held, a seat each; then classes not held, the one that
/// would take most of the rest first, until they take as many as the target
/// still needs (or all they can).
public struct TargetRoom: Sendable, Hashable {
  /// Free seats of the held classes that admit one of them at least (nil: no limit).
  public var heldFree: Int?
  /// How many of them could attend a held class with a free seat.
  public var heldCould: Int
  /// How many of them the held classes' free seats take, a seat each.
  public var heldSeated: Int
  /// How many of them a held class admits but has no seat left for: more seats would take them.
  public var heldWaiting: Int
  /// The classes not held to open for the rest, in the order chosen, and their seats (nil: no limit).
  public var opening: [Int]
  public var openingSeats: Int?
  /// How many of the rest could attend one of those classes, and how many their seats take.
  public var openingCould: Int
  public var openingSeated: Int
}

extension Explainer {
  /// The room for `still` (cadres not counted yet) in the classes `uses`
  /// when the target asks for `need` more (none when it asks for none).
  func room(for still: [Int], in uses: [TargetClassUse], need: Int) -> TargetRoom {
    var room = TargetRoom(
      heldFree: 0, heldCould: 0, heldSeated: 0, heldWaiting: 0, opening: [], openingSeats: 0, openingCould: 0,
      openingSeated: 0)
    guard need > 0 else { return room }
    let held = uses.filter(\.held)
    var left = held.map(\.free)
    var useful = Set<Int>()
    var rest: [Int] = []
    for ci in still {
      var admitted = false, could = false, placed = false
      for (i, c) in held.enumerated() where screen.screen(cadre: ci, klass: c.klass) == nil {
        admitted = true
        guard c.free.map({ $0 > 0 }) ?? true else { continue }
        could = true
        useful.insert(i)
        guard !placed, left[i].map({ $0 > 0 }) ?? true else { continue }
        placed = true
        left[i] = left[i].map { $0 - 1 }
      }
      if could { room.heldCould += 1 }
      if placed {
        room.heldSeated += 1
      } else {
        rest.append(ci)
        if admitted { room.heldWaiting += 1 }
      }
    }
    room.heldFree = useful.contains { held[$0].free == nil } ? nil : useful.reduce(0) { $0 + (held[$1].free ?? 0) }
    if need > room.heldSeated {
      openClasses(for: rest, in: uses.filter { !$0.held }, need: need - room.heldSeated, &room)
    }
    return room
  }

  /// Picks classes not held for `rest` until their seats take `need` of
  /// them: most taken first (then most seats, then catalogue order); a class
  /// that would take none of those still left is passed over.
  func openClasses(for rest: [Int], in unheld: [TargetClassUse], need: Int, _ room: inout TargetRoom) {
    let admitted = unheld.map { c in rest.filter { screen.screen(cadre: $0, klass: c.klass) == nil } }
    let takes = unheld.indices.map { min(admitted[$0].count, unheld[$0].capacity ?? Int.max) }
    let order = unheld.indices.filter { takes[$0] > 0 }.sorted { a, b in
      let (ca, cb) = (unheld[a].capacity ?? Int.max, unheld[b].capacity ?? Int.max)
      return takes[a] != takes[b] ? takes[a] > takes[b] : ca != cb ? ca > cb : a < b
    }
    var seated = Set<Int>(), could = Set<Int>()
    for i in order where room.openingSeated < need {
      let free = admitted[i].filter { !seated.contains($0) }
      guard !free.isEmpty else { continue }
      let n = min(free.count, unheld[i].capacity ?? Int.max)
      room.opening.append(unheld[i].klass)
      room.openingSeats = unheld[i].capacity.flatMap { cap in room.openingSeats.map { $0 + cap } }
      seated.formUnion(free.prefix(n))
      could.formUnion(admitted[i])
      room.openingSeated += n
    }
    room.openingCould = could.count
  }
}
