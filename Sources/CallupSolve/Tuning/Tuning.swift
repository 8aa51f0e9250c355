/// Every number that trades the planner's time against the quality of its
/// plans, in one place: the shares of the time limit each stage gets, the
/// sizes above which a scenario is planned differently, the limits of the
/// searches. Each is declared with a line on what it trades; the
/// measurements behind the values are in docs/solving.md.
///
/// The stages extend this namespace in the files beside it
/// (`Tuning+WholeModel.swift`, `Tuning+Blocks.swift`, …).
public enum Tuning {}
