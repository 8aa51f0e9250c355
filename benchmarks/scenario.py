"""Reads a scenario directory (docs/contract.md) and derives what the benchmark needs.

Only the contract's CSV files are read (UTF-8, optional BOM, the contract's
English headers): scenario.yaml, units.csv, cadres.csv, classes.csv,
history.csv, and the policy it names. `base:` scenarios and .xlsx tables are
not supported here.

The due cycle obligations and unit-share requirements follow docs/contract.md's rule
semantics, the same way `callup check` re-derives them, so that the benchmark
can count obligations met by any set of assignments (a peer solver's, the
greedy baseline's) and write a plan directory that `callup check` can judge.
"""

import csv
import datetime as dt
import json
import math
import os
from fractions import Fraction

import yaml


def read_table(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return [{(k or "").strip().lower(): (v or "").strip() for k, v in r.items()} for r in rows]


def split_list(cell):
    return [p.strip() for p in cell.split(";") if p.strip()] if cell else []


def day(s):
    return dt.date.fromisoformat(s).toordinal()


def iso(ordinal):
    return dt.date.fromordinal(ordinal).isoformat()


def year_of(ordinal):
    return dt.date.fromordinal(ordinal).year


class Who:
    """A rule's `who` selector."""

    def __init__(self, spec):
        spec = spec or {}
        self.ranks = set(spec.get("ranks") or [])
        self.tags = set(spec.get("tags") or [])
        self.leadership = set(spec.get("leadership") or [])
        self.party = set(spec.get("party") or [])
        self.gender = set(spec.get("gender") or [])
        self.within = spec.get("appointed_within_years")

    def matches(self, c, year):
        if self.ranks and c["rank"] not in self.ranks:
            return False
        if self.tags and not (self.tags & c["tags"]):
            return False
        if self.leadership:
            lead = c["leadership"]
            ok = lead in self.leadership or ("team" in self.leadership and lead in ("principal", "deputy"))
            if not ok:
                return False
        if self.party and c["party"] not in self.party:
            return False
        if self.gender and c["gender"] not in self.gender:
            return False
        if self.within is not None:
            if c["appointed"] is None:
                return False
            a = year_of(c["appointed"])
            if not (year - int(self.within) < a <= year):
                return False
        return True


class CycleRule:
    def __init__(self, r):
        self.id = r["id"]
        self.who = Who(r.get("who"))
        self.kinds = set(r.get("kinds") or [])
        self.every = int(r.get("every", 1))
        self.min_days = int(r.get("min_days", 0) or 0)

    def counts(self, kind, days):
        return kind in self.kinds and days >= self.min_days


class ShareRule:
    def __init__(self, r):
        self.id = r["id"]
        self.who = Who(r.get("who"))
        self.share = Fraction(str(r.get("share", 0.2)))
        self.kinds = set(r.get("kinds") or [])


class Scenario:
    def __init__(self, directory):
        if os.path.isfile(directory):
            directory = os.path.dirname(directory)
        self.dir = directory
        spec = yaml.safe_load(open(os.path.join(directory, "scenario.yaml"), encoding="utf-8")) or {}
        if spec.get("base"):
            raise SystemExit(f"{directory}: scenarios with `base:` are not supported by the benchmark helpers")
        self.name = str(spec.get("name", os.path.basename(directory)))
        self.year = int(spec["year"])
        self.horizon = int(spec.get("horizon", 1))
        self.years = list(range(self.year, self.year + self.horizon))
        rules = []
        self.weights = {}
        if spec.get("policy"):
            pol_path = os.path.join(directory, spec["policy"])
            policy = yaml.safe_load(open(pol_path, encoding="utf-8")) or {}
            rules = list(policy.get("rules") or [])
            self.weights = policy.get("objective") or {}
        for r in spec.get("rules") or []:
            rules = [x for x in rules if x.get("id") != r.get("id")] + [r]
        self.cycle_rules = [CycleRule(r) for r in rules if r.get("type") == "cycle"]
        self.share_rules = [ShareRule(r) for r in rules if r.get("type") == "unit-share"]
        tiered = [r for r in rules if r.get("type") == "tiered"]
        self.tiered = tiered[0] if tiered else None

        self.units = {}
        for u in read_table(os.path.join(directory, "units.csv")):
            self.units[u["id"]] = u
        self.cadres = []
        self.cadre_index = {}
        for c in read_table(os.path.join(directory, "cadres.csv")):
            c["tags"] = set(split_list(c.get("tags", "")))
            c["appointed"] = day(c["appointed"]) if c.get("appointed") else None
            spans = []
            for r in split_list(c.get("unavailable", "")):
                a, _, b = r.partition("..")
                spans.append((day(a), day(b or a)))
            c["unavailable"] = spans
            self.cadre_index[c["id"]] = len(self.cadres)
            self.cadres.append(c)
        self.classes = []
        self.class_index = {}
        for k in read_table(os.path.join(directory, "classes.csv")):
            k["start_day"] = day(k["start"])
            k["days"] = int(k["days"])
            k["end_day"] = k["start_day"] + k["days"] - 1
            k["year"] = year_of(k["start_day"])
            k["min_size"] = int(k["min_size"]) if k.get("min_size") else 1
            k["capacity"] = int(k["capacity"]) if k.get("capacity") else None
            k["ranks"] = set(split_list(k.get("ranks", "")))
            k["tagset"] = set(split_list(k.get("tags", "")))
            k["cost_per_seat"] = float(k.get("cost_per_seat") or 0)
            k["fixed_cost"] = float(k.get("fixed_cost") or 0)
            self.class_index[k["id"]] = len(self.classes)
            self.classes.append(k)
        self.history = [[] for _ in self.cadres]
        for h in read_table(os.path.join(directory, "history.csv")):
            ci = self.cadre_index.get(h["cadre"])
            if ci is None:
                continue
            start = day(h["start"])
            d = int(h["days"] or 1)
            self.history[ci].append({"kind": h["kind"], "theme": h.get("theme", ""), "start": start,
                                     "end": start + d - 1, "days": d, "year": year_of(start)})
        self.by_unit = {}
        for i, c in enumerate(self.cadres):
            self.by_unit.setdefault(c["unit"], []).append(i)

    # ── what the class admits ────────────────────────────────────────────
    def eligible(self, ci, kj):
        c, k = self.cadres[ci], self.classes[kj]
        if k["ranks"] and c["rank"] not in k["ranks"]:
            return False
        if k["tagset"] and not (k["tagset"] & c["tags"]):
            return False
        return True

    def available(self, ci, kj):
        k = self.classes[kj]
        return all(b < k["start_day"] or a > k["end_day"] for a, b in self.cadres[ci]["unavailable"])

    def seat_extra(self, ci, kj):
        """The tiered rule's costs of one seat (rank-level mismatch, travel)."""
        if not self.tiered:
            return 0.0
        c, k = self.cadres[ci], self.classes[kj]
        extra = 0.0
        lv = (self.tiered.get("levels") or {}).get(c["rank"])
        if lv and lv != k.get("level"):
            extra += float(self.tiered.get("mismatch_cost", 0))
        u = self.units.get(c["unit"])
        if u and u.get("region") != k.get("region"):
            extra += float(self.tiered.get("travel_cost", 0))
        return extra

    # ── obligations ──────────────────────────────────────────────────────
    def obligations(self, planned, years=None):
        """Due cycle obligations of `years` (default: the horizon).

        `planned[ci]` is the list of class indices the cadre attends. Each
        obligation: dict(cadre=ci, rule=CycleRule, year, last, overdue, met_by).
        """
        out = []
        for rule in self.cycle_rules:
            for y in years or self.years:
                for ci, c in enumerate(self.cadres):
                    if not rule.who.matches(c, y):
                        continue
                    last = None
                    trained = False
                    for h in self.history[ci]:
                        if h["year"] <= y and rule.counts(h["kind"], h["days"]):
                            if h["year"] == y:
                                trained = True
                            last = h["year"] if last is None else max(last, h["year"])
                    if trained:
                        continue
                    met_by = None
                    for kj in planned[ci]:
                        k = self.classes[kj]
                        if not rule.counts(k["kind"], k["days"]):
                            continue
                        if k["year"] < y:
                            last = k["year"] if last is None else max(last, k["year"])
                        if k["year"] == y and met_by is None:
                            met_by = kj
                    if last is not None and last > y - rule.every:
                        continue
                    overdue = (y - last - rule.every) if last is not None else rule.every
                    out.append({"cadre": ci, "rule": rule, "year": y, "last": last,
                                "overdue": overdue, "met_by": met_by})
        return out

    def share_requirements(self, planned):
        out = []
        for rule in self.share_rules:
            for y in self.years:
                for uid in self.units:
                    matched = [ci for ci in self.by_unit.get(uid, []) if rule.who.matches(self.cadres[ci], y)]
                    if not matched:
                        continue
                    required = math.ceil(rule.share * len(matched))
                    done = sum(
                        1 for ci in matched
                        if any(h["year"] == y and h["kind"] in rule.kinds for h in self.history[ci])
                        or any(self.classes[kj]["year"] == y and self.classes[kj]["kind"] in rule.kinds
                               for kj in planned[ci]))
                    out.append({"unit": uid, "rule": rule, "year": y, "matched": len(matched),
                                "required": required, "planned": done})
        return out

    def planned_from_pairs(self, pairs):
        """pairs: iterable of (cadre id, class id) → (planned per cadre index, usable pairs, unknown)."""
        planned = [[] for _ in self.cadres]
        usable, unknown, seen = [], 0, set()
        for cid, kid in pairs:
            ci, kj = self.cadre_index.get(cid), self.class_index.get(kid)
            if ci is None or kj is None or self.classes[kj]["year"] not in self.years:
                unknown += 1
                continue
            if (ci, kj) in seen:
                continue
            seen.add((ci, kj))
            planned[ci].append(kj)
            usable.append((ci, kj))
        return planned, usable, unknown

    # ── plan directory ───────────────────────────────────────────────────
    def write_plan(self, out_dir, pairs, status, objective, bound=None, seconds=None, reason="capacity",
                   note=None):
        """Writes plan.json, rosters.csv and notices.csv for a set of assignments.

        `objective` "cost" writes the money cost of the plan as its objective.

        The `reason` of every unmet obligation and unit shortfall is the same
        placeholder: the benchmark does not diagnose why; `callup check` only
        requires a reason from the allowed set.
        """
        planned, usable, unknown = self.planned_from_pairs(pairs)
        obligations = self.obligations(planned)
        shares = self.share_requirements(planned)
        attendees = [0] * len(self.classes)
        for _, kj in usable:
            attendees[kj] += 1
        horizon = [kj for kj, k in enumerate(self.classes) if k["year"] in self.years]
        held = [kj for kj in horizon if attendees[kj] > 0]
        cost = sum(self.classes[kj]["fixed_cost"] for kj in held)
        cost += sum(self.classes[kj]["cost_per_seat"] + self.seat_extra(ci, kj) for ci, kj in usable)
        if objective == "cost":
            objective = cost
        gap = None
        if objective is not None and bound is not None:
            gap = abs(objective - bound) / max(1.0, abs(objective))
        multi = self.horizon > 1
        plan = {
            "scenario": self.name, "year": self.year, "horizon": self.horizon, "status": status,
            "objective": objective, "bound": bound, "gap": gap, "seconds": seconds,
            "classes": [{"id": self.classes[kj]["id"], "held": attendees[kj] > 0, "attendees": attendees[kj]}
                        for kj in horizon],
            "assignments": [dict({"cadre": self.cadres[ci]["id"], "class": self.classes[kj]["id"]},
                                 **({"year": self.classes[kj]["year"]} if multi else {}))
                            for ci, kj in usable],
            "unmet": [{"cadre": self.cadres[o["cadre"]]["id"], "rule": o["rule"].id, "year": o["year"],
                       "reason": reason} for o in obligations if o["met_by"] is None],
            "unit_shortfalls": [{"unit": r["unit"], "rule": r["rule"].id, "year": r["year"],
                                 "required": r["required"], "planned": r["planned"], "reason": reason}
                                for r in shares if r["planned"] < r["required"]],
            "kpis": {
                "due": len(obligations),
                "met": sum(1 for o in obligations if o["met_by"] is not None),
                "overdue_due": sum(1 for o in obligations if o["overdue"] >= 1),
                "overdue_met": sum(1 for o in obligations if o["overdue"] >= 1 and o["met_by"] is not None),
                "classes_held": len(held),
                "cost": cost,
            },
        }
        if note:
            plan["note"] = note
        os.makedirs(out_dir, exist_ok=True)
        with open(os.path.join(out_dir, "plan.json"), "w", encoding="utf-8") as f:
            json.dump(plan, f, ensure_ascii=False, indent=1)
        with open(os.path.join(out_dir, "rosters.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["class", "class_name", "start", "end", "cadre", "name", "unit", "region", "rank"])
            for ci, kj in sorted(usable, key=lambda p: (self.classes[p[1]]["start_day"], p[1], p[0])):
                c, k = self.cadres[ci], self.classes[kj]
                region = (self.units.get(c["unit"]) or {}).get("region", "")
                w.writerow([k["id"], k["name"], iso(k["start_day"]), iso(k["end_day"]), c["id"], c["name"],
                            c["unit"], region, c["rank"]])
        with open(os.path.join(out_dir, "notices.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["unit", "unit_name", "cadre", "name", "class", "class_name", "institution", "start", "end"])
            for ci, kj in sorted(usable, key=lambda p: (self.cadres[p[0]]["unit"], p[0], self.classes[p[1]]["start_day"])):
                c, k = self.cadres[ci], self.classes[kj]
                w.writerow([c["unit"], (self.units.get(c["unit"]) or {}).get("name", ""), c["id"], c["name"],
                            k["id"], k["name"], k.get("institution", ""), iso(k["start_day"]), iso(k["end_day"])])
        return {"due": plan["kpis"]["due"], "met": plan["kpis"]["met"], "assignments": len(usable),
                "unknown_assignments": unknown, "classes_held": len(held), "cost": cost}
