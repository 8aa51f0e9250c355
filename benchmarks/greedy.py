#!/usr/bin/env python3
"""A naive greedy baseline: coverage of due obligations, nothing clever.

    greedy.py SCENARIO --out PLAN_DIR

Reads the scenario's CSV files and policy (scenario.py), takes the due cycle
obligations most overdue first (then in cadre order) and gives each the
cheapest class of its year that counts for the rule, admits the cadre (ranks,
tags), finds it available, still has a seat (capacity) and does not overlap a
class or past training of the cadre. "Cheapest" is the seat's cost (with the
tiered rule's travel and level costs) plus the class's fixed cost when the
class is not open yet. A class already taken by the cadre that counts meets
the obligation without a new seat.

It ignores, on purpose: minimum class sizes, the release limit and the
principals rule, one class of a kind a year, at most N classes a year, the
theme window, the unit-share rule and any optimisation of cost. So its plan
is a coverage reference, not a valid plan; `callup check` says what it
breaks.

Prints one JSON line: due, met, assignments, classes held, cost, seconds.
"""

import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import scenario as scn  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("scenario")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    t0 = time.monotonic()
    s = scn.Scenario(a.scenario)
    t_read = time.monotonic() - t0

    planned = [[] for _ in s.cadres]
    busy = [[(h["start"], h["end"]) for h in s.history[ci]] for ci in range(len(s.cadres))]
    left = [k["capacity"] if k["capacity"] is not None else 10**9 for k in s.classes]
    opened = [False] * len(s.classes)
    by_year = {}
    for kj, k in enumerate(s.classes):
        by_year.setdefault(k["year"], []).append(kj)

    for y in s.years:
        obligations = s.obligations(planned, years=[y])
        obligations.sort(key=lambda o: (-o["overdue"], o["cadre"]))
        for o in obligations:
            ci, rule = o["cadre"], o["rule"]
            if any(s.classes[kj]["year"] == y and rule.counts(s.classes[kj]["kind"], s.classes[kj]["days"])
                   for kj in planned[ci]):
                continue
            best, best_key = None, None
            for kj in by_year.get(y, []):
                k = s.classes[kj]
                if left[kj] <= 0 or not rule.counts(k["kind"], k["days"]):
                    continue
                if not s.eligible(ci, kj) or not s.available(ci, kj):
                    continue
                if any(not (b < k["start_day"] or a > k["end_day"]) for a, b in busy[ci]):
                    continue
                cost = k["cost_per_seat"] + s.seat_extra(ci, kj) + (0 if opened[kj] else k["fixed_cost"])
                key = (cost, k["start_day"], kj)
                if best_key is None or key < best_key:
                    best, best_key = kj, key
            if best is None:
                continue
            k = s.classes[best]
            planned[ci].append(best)
            busy[ci].append((k["start_day"], k["end_day"]))
            left[best] -= 1
            opened[best] = True

    pairs = [(s.cadres[ci]["id"], s.classes[kj]["id"]) for ci in range(len(s.cadres)) for kj in planned[ci]]
    seconds = time.monotonic() - t0
    r = s.write_plan(a.out, pairs, "feasible", "cost", seconds=round(seconds, 2),
                     note="greedy baseline: the objective is the money cost only (seats, held classes, "
                          "tiered costs), not the model's; unmet reasons are placeholders")
    r.update({"seconds": round(seconds, 3), "read_seconds": round(t_read, 3)})
    print(json.dumps(r))


if __name__ == "__main__":
    main()
