#!/usr/bin/env python3
"""The benchmark: callup against peer solvers on the same model, per preset.

Run through `benchmarks/run`, which installs the peers first. For each
preset: generate the scenario, plan it with callup (exporting the whole model
as MPS), check the plan, solve the exported model with HiGHS, CP-SAT, CBC and
glpsol (same time limit, one process each, measured), turn each peer's
solution into a plan directory and check it too, run the greedy baseline,
and write benchmarks/RESULTS.md.
"""

import argparse
import datetime as dt
import importlib.metadata
import json
import math
import os
import re
import resource
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

PEERS = ["highs", "cpsat", "cbc", "glpsol"]
LABEL = {"callup": "callup", "highs": "HiGHS", "cpsat": "CP-SAT", "cbc": "CBC", "glpsol": "glpsol",
         "greedy": "greedy baseline"}
PRESET = re.compile(r"^(city|big-city|province)(?:-([0-9]*\.?[0-9]+))?$")
RESULTS = os.path.join(HERE, "RESULTS.md")
# The key suffix of a peer's row on the model callup's search solved (a
# restricted model, grown by column generation), beside its row on the
# whole model.
RESTRICTED = "@restricted"


def peer_keys(rows):
    """The peers' rows present: on the whole model, then on callup's restricted model."""
    return [k for k in PEERS + [p + RESTRICTED for p in PEERS] if k in rows]


def label(key):
    """A row's name: the solver's, and for a row on callup's restricted model, that model."""
    if key.endswith(RESTRICTED):
        return LABEL[key[: -len(RESTRICTED)]] + " on callup's restricted model"
    return LABEL[key]


# ── running one measured process ─────────────────────────────────────────────

LINEBUF = ["stdbuf", "-oL", "-eL"] if shutil.which("stdbuf") else []


def measured(cmd, log_path, hard_seconds, mem_bytes, cwd=None):
    """Runs cmd in its own process group, output to log_path; kills the group
    after hard_seconds. Returns rc (negative: signal), wall seconds, peak RSS
    in MB of that process (with its waited-for children) and whether it was
    killed at the wall limit."""

    def limits():
        if mem_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))

    os.makedirs(os.path.dirname(log_path), exist_ok=True)
    with open(log_path, "w") as log:
        log.write("$ " + " ".join(cmd) + "\n")
        log.flush()
        t0 = time.monotonic()
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        p = subprocess.Popen(LINEBUF + cmd, stdout=log, stderr=subprocess.STDOUT, cwd=cwd, env=env,
                             start_new_session=True, preexec_fn=limits)
        killed = False
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if not killed and time.monotonic() - t0 > hard_seconds:
                killed = True
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.1)
        seconds = time.monotonic() - t0
    rc = os.waitstatus_to_exitcode(status)
    p.returncode = rc
    return {"rc": rc, "seconds": seconds, "peak_mb": ru.ru_maxrss / 1024, "killed": killed}


def log_says_oom(path):
    try:
        text = open(path, errors="replace").read()[-200000:]
    except OSError:
        return False
    return bool(re.search(r"bad_alloc|out of memory|MemoryError|Cannot allocate memory|memory limit|failed to allocate",
                          text, re.IGNORECASE))


def last_output(path):
    """The last line of a log that says something, for a solver that stopped without an answer."""
    try:
        lines = [l.strip() for l in open(path, errors="replace").read()[-20000:].splitlines()]
    except OSError:
        return None
    lines = [l for l in lines if l and not l.startswith("$ ")]
    return lines[-1][:160] if lines else None


# Above this many cadres callup plans block by block (DecomposedPlanner.decomposeAbove)
# and the whole model is exported by a run of its own, killed after EXPORT_HARD_SECONDS.
SEPARATE_EXPORT_ABOVE = 40_000
EXPORT_HARD_SECONDS = 900


def failure_status(run, log_path, hard):
    if run["killed"]:
        return f"failed (killed at {hard:.0f} s)"
    if log_says_oom(log_path):
        return "out of memory"
    if run["rc"] == -9:
        return "out of memory (killed by the system)"
    return f"failed (exit {run['rc']})"


# ── peers ────────────────────────────────────────────────────────────────────

def run_python_peer(name, script, model, limit, threads, wd, hard, mem):
    prefix = os.path.join(wd, "peers", name)
    os.makedirs(os.path.dirname(prefix), exist_ok=True)
    for ext in (".json", ".x"):
        if os.path.exists(prefix + ext):
            os.remove(prefix + ext)
    log = os.path.join(wd, "logs", name + ".log")
    run = measured([sys.executable, os.path.join(HERE, "peers", script), model, f"{limit:g}", str(threads), prefix],
                   log, hard, mem)
    r = {"seconds": run["seconds"], "peak_mb": run["peak_mb"], "log": log, "notes": []}
    if os.path.exists(prefix + ".json") and not run["killed"]:
        out = json.load(open(prefix + ".json"))
        r.update(status=out["status"], objective=out["objective"], bound=out["bound"], notes=out["notes"])
        r["x"] = [l.strip() for l in open(prefix + ".x") if l.strip()]
    else:
        r.update(status=failure_status(run, log, hard), objective=None, bound=None)
    if name == "cpsat" and r.get("bound") is None:
        # model_builder gives no bound without a solution; CP-SAT's own summary may.
        m = re.findall(r"^best_bound:\s*([-+0-9.eE]+)", open(log, errors="replace").read(), re.M)
        if m and math.isfinite(float(m[-1])):
            r["bound"] = float(m[-1])
    if name == "cpsat":
        m = re.search(r"Objective coefficient relative error:\s*(\S+)", open(log, errors="replace").read())
        if m:
            r["notes"].append(f"objective scaling relative error {m.group(1)}")
    return r


def run_cbc(model, limit, threads, wd, hard, mem):
    sol = os.path.join(wd, "peers", "cbc.sol")
    os.makedirs(os.path.dirname(sol), exist_ok=True)
    if os.path.exists(sol):
        os.remove(sol)
    log = os.path.join(wd, "logs", "cbc.log")
    cmd = ["cbc", model, "timeMode", "elapsed", "sec", f"{limit:g}"]
    if threads > 1:
        cmd += ["threads", str(threads)]
    cmd += ["solve", "solu", sol]
    run = measured(cmd, log, hard, mem)
    r = {"seconds": run["seconds"], "peak_mb": run["peak_mb"], "log": log, "objective": None, "bound": None,
         "notes": []}
    text = open(log, errors="replace").read()
    result = re.search(r"^Result - (.+)$", text, re.M)
    if run["killed"] or not result:
        r["status"] = failure_status(run, log, hard)
        return r
    m = re.search(r"^Objective value:\s+(\S+)", text, re.M)
    b = re.search(r"^Lower bound:\s+(\S+)", text, re.M)
    res = result.group(1)
    if "Optimal" in res:
        r["status"] = "optimal"
    elif "infeasible" in res.lower():
        r["status"] = "infeasible"
    elif m:
        r["status"] = "feasible"
    else:
        r["status"] = "no integer solution"
    if m:
        r["objective"] = float(m.group(1))
    if b:
        r["bound"] = float(b.group(1))
    elif r["status"] == "optimal":
        r["bound"] = r["objective"]
    r["notes"].append(res.strip().lower())
    if r["objective"] is not None and os.path.exists(sol):
        x = []
        with open(sol) as f:
            next(f, None)
            for line in f:
                parts = line.split()
                if len(parts) >= 3 and parts[1].startswith("x_") and float(parts[2]) > 0.5:
                    x.append(parts[1])
        r["x"] = x
    return r


def mps_column_names(path):
    names, seen, section = [], set(), None
    with open(path) as f:
        for line in f:
            if not line.strip() or line.startswith("*"):
                continue
            if not line[0].isspace():
                section = line.split()[0]
                continue
            if section != "COLUMNS":
                continue
            parts = line.split()
            if len(parts) >= 3 and parts[1] == "'MARKER'":
                continue
            if parts[0] not in seen:
                seen.add(parts[0])
                names.append(parts[0])
    return names


def run_glpsol(model, limit, wd, hard, mem):
    raw = os.path.join(wd, "peers", "glpsol.raw")
    os.makedirs(os.path.dirname(raw), exist_ok=True)
    if os.path.exists(raw):
        os.remove(raw)
    log = os.path.join(wd, "logs", "glpsol.log")
    fmt = "--freemps" if model.endswith(".mps") else "--lp"
    run = measured(["glpsol", fmt, model, "--tmlim", str(math.ceil(limit)), "-w", raw], log, hard, mem)
    r = {"seconds": run["seconds"], "peak_mb": run["peak_mb"], "log": log, "objective": None, "bound": None,
         "notes": []}
    text = open(log, errors="replace").read()
    # "-inf" before a number: a number's pattern would take its "-" alone.
    bounds = re.findall(r"mip =\s+(?:not found yet|\S+)\s+>=\s+(-inf|[-+]?\d[\d.]*(?:[eE][-+]?\d+)?)", text)
    if bounds and bounds[-1] != "-inf":
        r["bound"] = float(bounds[-1])
    if "TIME LIMIT EXCEEDED" in text:
        r["notes"].append("time limit exceeded")
    if run["killed"] or not os.path.exists(raw):
        r["status"] = failure_status(run, log, hard)
        return r
    values, status, obj = {}, None, None
    with open(raw) as f:
        for line in f:
            p = line.split()
            if not p:
                continue
            if p[0] == "s" and len(p) >= 6:
                status, obj = p[4], float(p[5])
            elif p[0] == "j" and len(p) >= 3:
                values[int(p[1])] = float(p[2])
    r["status"] = {"o": "optimal", "f": "feasible", "n": "infeasible", "u": "no integer solution"}.get(
        status, failure_status(run, log, hard))
    if status in ("o", "f"):
        r["objective"] = obj
        if status == "o":
            r["bound"] = obj
        names = mps_column_names(model) if model.endswith(".mps") else []
        r["x"] = [names[j - 1] for j, v in values.items() if v > 0.5 and j - 1 < len(names)
                  and names[j - 1].startswith("x_")]
        if not names:
            r["notes"].append("solution not mapped to names (LP file)")
    return r


X_NAME = re.compile(r"^x_(.+),(.+)_$")


def pairs_from_x(names):
    pairs, bad = [], 0
    for n in names:
        m = X_NAME.match(n)
        if m:
            pairs.append((m.group(1), m.group(2)))
        else:
            bad += 1
    return pairs, bad


# The objective `callup check` recomputes from a plan's assignments, the
# scenario and the policy's weights (docs/contract.md, The objective): in its
# summary when plan.json's figure agrees, in its violation when it does not.
CHECK_OBJECTIVE = re.compile(r"(?:recomputed from the assignments, the scenario and the policy's weights: "
                             r"|but the plan comes to )(-?\d{1,3}(?:,\d{3})*(?:\.\d+)?)")


def check_objective(stdout):
    """The objective `callup check` recomputed, or None when it printed none."""
    m = CHECK_OBJECTIVE.search(stdout)
    return float(m.group(1).replace(",", "")) if m else None


def run_check(callup, scen_dir, plan_dir, log, row):
    """Runs `callup check` on a plan directory; sets row["check"] (yes, or
    what it found broken) and row["check_objective"] (its recomputed
    objective, None when it gave none)."""
    p = subprocess.run([callup, "check", scen_dir, plan_dir], capture_output=True, text=True)
    with open(log, "w") as f:
        f.write(p.stdout + p.stderr)
    row["check_objective"] = check_objective(p.stdout)
    if p.returncode == 0:
        row["check"] = "yes"
        return
    m = re.search(r"^Result: (.+)$", p.stdout, re.M)
    if p.returncode == 2:
        row["check"] = "no: " + (m.group(1).rstrip(".") if m else "rules broken")
        return
    row["check"] = f"error (exit {p.returncode})"


# ── one preset ───────────────────────────────────────────────────────────────

def count_rows(path):
    if not os.path.exists(path):
        return 0
    with open(path, "rb") as f:
        return max(0, sum(1 for _ in f) - 1)


def machine_facts():
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = subprocess.run(["free", "-g"], capture_output=True, text=True).stdout
    total = re.search(r"^Mem:\s+(\d+)", mem, re.M)
    return {"nproc": subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip(),
            "cpu": cpu, "memory_gb": total.group(1) if total else "?",
            "load": " ".join(f"{x:.2f}" for x in os.getloadavg())}


def mps_facts(path, key):
    """Size in MB, rows and columns of an MPS file written by callup (from its header comments)."""
    facts = {key + "_mb": os.path.getsize(path) / 1024**2}
    with open(path) as f:
        for line in f:
            if not line.startswith("*"):
                break
            m = re.match(r"\*\s+(Rows|Columns):\s+(\d+)", line)
            if m:
                facts[key + "_" + m.group(1).lower()] = int(m.group(2))
    return facts


def write_peer_plan(callup, scen_dir, pdir, pairs, pr, name):
    """The peer's seats as a plan directory, written by `callup analyse` as callup writes its own (unmet
    obligations and their reasons, targets, key figures), with the peer's own objective and bound for
    `callup check` to recompute and compare; the row gets its met/due. False when analyse refused the list."""
    os.makedirs(pdir + "-list", exist_ok=True)
    listing = os.path.join(pdir + "-list", "assignments.csv")
    with open(listing, "w", encoding="utf-8") as f:
        f.write("cadre,class\n" + "".join(f"{c},{k}\n" for c, k in pairs))
    cmd = [callup, "analyse", scen_dir, "--assignments", listing, "--out", pdir,
           "--status", "optimal" if pr["status"] == "optimal" else "feasible",
           "--objective", repr(float(pr["objective"])), "--seconds", f"{pr['seconds']:.2f}",
           "--note", f"{name}'s solution of the exported model"]
    if pr.get("bound") is not None:
        cmd += ["--bound", repr(float(pr["bound"]))]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        pr["notes"].append("callup analyse refused its seats: " + (done.stderr.strip().splitlines() or ["?"])[0])
        pr["check"] = f"– (analyse exit {done.returncode})"
        return False
    kpis = json.load(open(os.path.join(pdir, "plan.json"))).get("kpis", {})
    pr["met"], pr["due"] = kpis.get("met"), kpis.get("due")
    return True


def run_peers(a, model, wd, tag, scen_dir, callup, hard, mem):
    """Each peer on `model`, its solution written as a plan and checked; rows keyed by peer name + `tag`."""
    for d in ("logs", "peers"):
        os.makedirs(os.path.join(wd, d), exist_ok=True)
    rows, limit = {}, a.time_limit
    for name in a.peers:
        print(f"   {label(name + tag)} …", flush=True)
        if name == "highs":
            pr = run_python_peer("highs", "highs_solve.py", model, limit, a.threads, wd, hard, mem)
        elif name == "cpsat":
            pr = run_python_peer("cpsat", "cpsat_solve.py", model, limit, a.threads, wd, hard, mem)
        elif name == "cbc":
            pr = run_cbc(model, limit, a.threads, wd, hard, mem)
        else:
            pr = run_glpsol(model, limit, wd, hard, mem)
        pr["check"] = "–"
        if pr["status"].startswith(("failed", "out of memory")):
            last = last_output(pr["log"])
            if last:
                pr["notes"].append(f"last output: “{last}”")
        if pr.get("x") is not None and pr.get("objective") is not None:
            pairs, bad = pairs_from_x(pr.pop("x"))
            if bad:
                pr["notes"].append(f"{bad} seat columns not mapped to the scenario")
            if write_peer_plan(callup, scen_dir, os.path.join(wd, name), pairs, pr, label(name + tag)):
                run_check(callup, scen_dir, os.path.join(wd, name), os.path.join(wd, "logs", name + "-check.log"), pr)
        pr.pop("x", None)
        rows[name + tag] = pr
        print(f"   {label(name + tag)}: {pr['status']} {pr['objective']} bound {pr['bound']} in "
              f"{pr['seconds']:.1f} s, {pr['peak_mb']:.0f} MB, check {pr['check']}", flush=True)
    return rows


def run_preset(preset, a, callup):
    wd = os.path.join(HERE, "work", preset)
    print(f"== {preset}: work directory {os.path.relpath(wd, ROOT)}", flush=True)
    if os.path.isdir(wd):
        shutil.rmtree(wd)
    os.makedirs(os.path.join(wd, "logs"))
    facts = machine_facts()
    started = dt.datetime.now(dt.timezone.utc)
    mem = int(a.mem_gb * 1024**3) if a.mem_gb > 0 else 0

    bundled = os.path.join(ROOT, "scenarios", preset)
    m = PRESET.match(preset)
    if os.path.isdir(bundled):
        scen_dir = bundled
        origin = f"bundled scenario `scenarios/{preset}`"
    elif m:
        scen_dir = os.path.join(wd, "scenario")
        cmd = [callup, "generate", "--preset", m.group(1), "--seed", str(a.seed)]
        if m.group(2):
            cmd += ["--scale", m.group(2)]
        cmd += ["--out", scen_dir, "--policy", os.path.relpath(os.path.join(ROOT, "policies", "default.yaml"), scen_dir)]
        g = measured(cmd, os.path.join(wd, "logs", "generate.log"), 3600, 0)
        if g["rc"] != 0:
            raise SystemExit(f"{preset}: callup generate failed; see {wd}/logs/generate.log")
        origin = f"`callup generate --preset {m.group(1)} --seed {a.seed}" + (f" --scale {m.group(2)}`" if m.group(2) else "`")
    else:
        raise SystemExit(f"unknown preset {preset}: city, big-city, province, with an optional -SCALE "
                         f"(province-0.1), or a bundled scenario name (demo-city)")
    size = {t: count_rows(os.path.join(scen_dir, t + ".csv")) for t in ("units", "cadres", "classes", "history")}
    print(f"   scenario: {size['cadres']} cadres, {size['units']} units, {size['classes']} classes, "
          f"{size['history']} history rows", flush=True)

    limit = a.time_limit
    hard = limit + 60
    model = os.path.join(wd, "model.mps")
    rows = {}

    # callup. Above SEPARATE_EXPORT_ABOVE cadres callup plans block by block
    # and never builds the whole model; exporting it is a run of its own
    # (below), so that a whole model too large to build does not take
    # callup's plan with it.
    separate = size["cadres"] > SEPARATE_EXPORT_ABOVE
    plan_dir = os.path.join(wd, "callup")
    print(f"   callup plan (time limit {limit:g} s) …", flush=True)
    solved = os.path.join(wd, "solved.mps")
    export = [] if separate else ["--export-model", model, "--export-solved-model", solved]
    run = measured([callup, "plan", scen_dir, "--out", plan_dir, "--time-limit", f"{limit:g}"] + export + ["--quiet"],
                   os.path.join(wd, "logs", "callup.log"), limit + a.callup_grace, mem)
    r = {"seconds": run["seconds"], "peak_mb": run["peak_mb"], "log": os.path.join(wd, "logs", "callup.log"),
         "objective": None, "bound": None, "notes": []}
    model_info = {}
    if os.path.exists(os.path.join(plan_dir, "plan.json")) and run["rc"] == 0:
        plan = json.load(open(os.path.join(plan_dir, "plan.json")))
        r.update(status=plan["status"], objective=plan.get("objective"), bound=plan.get("bound"),
                 met=plan["kpis"].get("met"), due=plan["kpis"].get("due"), solver_seconds=plan.get("seconds"),
                 call_up=plan.get("call_up"))
        model_info = plan.get("model") or {}
        run_check(callup, scen_dir, plan_dir, os.path.join(wd, "logs", "callup-check.log"), r)
    else:
        r["status"] = failure_status(run, r["log"], limit + a.callup_grace)
        r["check"] = "–"
    rows["callup"] = r
    print(f"   callup: {r['status']} {r['objective']} in {r['seconds']:.1f} s, check {r['check']}", flush=True)

    if separate:
        # The whole model alone: export, then a plan cut short at 1 s (its
        # files are not used).
        print(f"   exporting the whole model (memory cap {a.mem_gb:g} GB) …", flush=True)
        xlog = os.path.join(wd, "logs", "export.log")
        xrun = measured([callup, "plan", scen_dir, "--out", os.path.join(wd, "export-plan"), "--time-limit", "1",
                         "--export-model", model, "--quiet"], xlog, EXPORT_HARD_SECONDS, mem)
        model_info["export_seconds"] = xrun["seconds"]
        model_info["export_peak_mb"] = xrun["peak_mb"]
        if not os.path.exists(model) or xrun["rc"] != 0:
            why = failure_status(xrun, xlog, EXPORT_HARD_SECONDS)
            model_info["export_failed"] = f"{why} after {xrun['seconds']:.0f} s, peak {xrun['peak_mb']:,.0f} MB"
            if os.path.exists(model):
                os.remove(model)
            print(f"   export: {model_info['export_failed']}", flush=True)
            for name in a.peers:
                rows[name] = {"status": "not run: no model", "objective": None, "bound": None, "seconds": 0.0,
                              "peak_mb": 0.0, "notes": [], "check": "–"}

    if os.path.exists(model):
        model_info.update(mps_facts(model, "mps"))
        rows.update(run_peers(a, model, wd, "", scen_dir, callup, hard, mem))
        # The model callup's search solved, when it is not the whole model
        # (above 5,000 cadres: restricted, grown by column generation): the
        # peers get it too, so that their rows compare like with like.
        if os.path.exists(solved):
            model_info.update(mps_facts(solved, "solved"))
            if model_info.get("solved_columns") != model_info.get("mps_columns"):
                print("   the model callup solved (restricted) …", flush=True)
                rows.update(run_peers(a, solved, os.path.join(wd, "restricted"), RESTRICTED, scen_dir, callup,
                                      hard, mem))
    else:
        print("   no exported model: peers not run", flush=True)

    # greedy
    print("   greedy baseline …", flush=True)
    glog = os.path.join(wd, "logs", "greedy.log")
    run = measured([sys.executable, os.path.join(HERE, "greedy.py"), scen_dir, "--out", os.path.join(wd, "greedy")],
                   glog, max(hard, 3600), mem)
    g = {"seconds": run["seconds"], "peak_mb": run["peak_mb"], "log": glog, "objective": None, "bound": None,
         "notes": []}
    out = [l for l in open(glog).read().splitlines() if l.startswith("{")]
    if run["rc"] == 0 and out:
        res = json.loads(out[-1])
        g.update(status="heuristic", met=res["met"], due=res["due"], cost=res["cost"])
        run_check(callup, scen_dir, os.path.join(wd, "greedy"), os.path.join(wd, "logs", "greedy-check.log"), g)
    else:
        g.update(status=failure_status(run, glog, max(hard, 3600)), check="–")
    rows["greedy"] = g
    print(f"   greedy: met {g.get('met')} of {g.get('due')} in {g['seconds']:.1f} s, check {g['check']}", flush=True)

    result = {"preset": preset, "origin": origin, "scenario_dir": os.path.relpath(scen_dir, ROOT),
              "size": size, "model": model_info, "time_limit": limit, "threads": a.threads, "mem_gb": a.mem_gb,
              "callup_grace": a.callup_grace, "seed": a.seed,
              "started": started.strftime("%Y-%m-%d %H:%M UTC"), "machine": facts, "rows": rows,
              "versions": versions(callup), "command": command_line(a, preset)}
    json.dump(result, open(os.path.join(wd, "results.json"), "w"), indent=1)
    return result


def commit():
    """The commit measured: short hash, with "+changes" when the tree has uncommitted changes."""
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return head + ("+changes" if dirty else "") if head else "unknown"
    except OSError:
        return "unknown"


def versions(callup):
    v = {"callup": subprocess.run([callup, "--version"], capture_output=True, text=True).stdout.strip()
         + f" (commit {commit()})"}
    for name, dist in (("highspy", "highspy"), ("OR-Tools", "ortools")):
        try:
            v[name] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            pass
    for name, cmd, pat in (("CBC", ["cbc", "-quit"], r"Version:\s*([0-9][0-9.]*)"),
                           ("glpsol", ["glpsol", "--version"], r"Solver\s+([0-9][0-9.]*)")):
        try:
            m = re.search(pat, subprocess.run(cmd, capture_output=True, text=True).stdout)
            if m:
                v[name] = m.group(1)
        except OSError:
            pass
    return v


def command_line(a, preset):
    parts = ["benchmarks/run", "--time-limit", f"{a.time_limit:g}", "--presets", preset]
    if a.seed != 1:
        parts += ["--seed", str(a.seed)]
    if a.threads != 1:
        parts += ["--threads", str(a.threads)]
    if a.peers != PEERS:
        parts += ["--peers", ",".join(a.peers)]
    return " ".join(parts)


# ── RESULTS.md ───────────────────────────────────────────────────────────────

def num(x, digits=0):
    if x is None:
        return "–"
    if digits == 0:
        return f"{x:,.0f}"
    return f"{x:,.{digits}f}"


def gap_of(obj, bound):
    if obj is None or bound is None:
        return None
    return abs(obj - bound) / max(1.0, abs(obj))


def render_section(res):
    rows = res["rows"]
    peers_with = {k: v for k, v in rows.items() if k in peer_keys(rows) and v.get("objective") is not None
                  and v["status"] in ("optimal", "feasible")}
    best_name = min(peers_with, key=lambda k: peers_with[k]["objective"]) if peers_with else None
    best = peers_with[best_name]["objective"] if best_name else None
    m, s = res["model"], res["size"]
    mach = res["machine"]
    L = [f"<!-- preset {res['preset']} -->",
         f"## {res['preset']}", "",
         f"Scenario: {res['origin']} — {s['cadres']:,} cadres, {s['units']:,} units, {s['classes']:,} classes, "
         f"{s['history']:,} history rows.",
         ]
    if m.get("variables"):
        L[-1] += (f" Model: {m['variables']:,} variables ({m.get('binaries', 0):,} binary), "
                  f"{m.get('constraints', 0):,} constraints, {m.get('nonzeros', 0):,} nonzeros"
                  + (f"; exported as model.mps ({m['mps_mb']:.0f} MB, {m.get('mps_rows', 0):,} rows with every "
                     f"`x ≤ y` row, {m.get('mps_columns', 0):,} columns)." if m.get("mps_mb") else "."))
    L += ["",
          f"Run {res['started']}; time limit {res['time_limit']:g} s per solver, {res['threads']} thread(s) per peer, "
          f"memory cap {res['mem_gb']:g} GB per process; machine: {mach['nproc']} processors ({mach['cpu']}), "
          f"{mach['memory_gb']} GB memory, load average {mach['load']} at the start.",
          "Versions: " + ", ".join(f"{k} {v}" for k, v in res["versions"].items()) + ".",
          "", f"```sh\n{res['command']}\n```", "",
          "| solver | status | objective | objective by check | ratio to best peer | bound | gap | met/due | seconds "
          "| peak MB | check accepted |",
          "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    for name in ["callup"] + peer_keys(rows) + ["greedy"]:
        r = rows.get(name)
        if r is None:
            continue
        obj = r.get("objective")
        if name == "greedy":
            obj_txt, ratio, bound, gap = "–", "–", "–", "–"
        elif name == "callup" and r.get("call_up"):
            # The plan written has the hours stage's seats; the peers solve the call-up model alone: its row
            # (below) is the one to compare.
            obj_txt, ratio, bound = num(obj), "–", num(r.get("bound"))
            g = gap_of(obj, r.get("bound"))
            gap = f"{g * 100:.2f} %" if g is not None else "–"
        else:
            obj_txt = num(obj)
            ratio = f"{obj / best:.4f}" if obj is not None and best and best > 0 else "–"
            bound = num(r.get("bound"))
            g = gap_of(obj, r.get("bound"))
            gap = f"{g * 100:.2f} %" if g is not None else "–"
        met = f"{r['met']:,}/{r['due']:,}" if r.get("met") is not None else "–"
        ran = not r["status"].startswith("not run")
        seconds = f"{r['seconds']:.1f}" if ran else "–"
        peak = f"{r['peak_mb']:,.0f}" if ran else "–"
        by_check = num(r.get("check_objective"))
        L.append(f"| {label(name)} | {r['status']} | {obj_txt} | {by_check} | {ratio} | {bound} | {gap} | {met} | "
                 f"{seconds} | {peak} | {r.get('check', '–')} |")
        if name == "callup" and r.get("call_up"):
            L.append(call_up_row(r, best))
    L += ["", paragraph(res, best_name, best), "", f"<!-- end {res['preset']} -->"]
    return "\n".join(L)


def call_up_row(r, best):
    """callup's plan without the seats its hours stage added: the model the peers solve (plan.json's
    `call_up`, docs/contract.md)."""
    c = r["call_up"]
    obj = c.get("objective")
    ratio = f"{obj / best:.4f}" if obj is not None and best and best > 0 else "–"
    g = gap_of(obj, r.get("bound"))
    gap = f"{g * 100:.2f} %" if g is not None else "–"
    return (f"| callup's call-up (without its {c.get('hours_seats', 0):,} hours seats) | {r['status']} | {num(obj)} | – "
            f"| {ratio} | {num(r.get('bound'))} | {gap} | – | – | – | – |")


def objective_agreement(rows):
    """Whether each solver's objective is the one `callup check` recomputes from its plan."""
    same, other = [], []
    for k in ["callup"] + peer_keys(rows):
        r = rows.get(k, {})
        o, c = r.get("objective"), r.get("check_objective")
        if o is None or c is None:
            continue
        if abs(o - c) <= 1e-6 * max(1.0, abs(o)):
            same.append(label(k))
        else:
            other.append(f"{label(k)} {num(o)} against {num(c)} ({o - c:+,.0f})")
    if not same and not other:
        return "Objectives: `callup check` recomputed none."
    t = "Objectives recomputed by `callup check` from each plan: "
    t += ("the same as the solver's for " + ", ".join(same)) if same else "none the same as the solver's"
    if other:
        t += "; different for " + "; ".join(other)
        if any(o.startswith("callup ") for o in other):
            t += (" (callup's plan.json gives the call-up's objective from before its hours stage adds seats for "
                  "class hours: docs/contract.md, The objective)")
    return t + "."


def consistency(rows):
    """Every objective must be at least every bound that holds for it (minimisation): a bound of the whole
    model holds for every plan; a bound of callup's restricted model for the plans within it (callup's and
    those of the peers given it)."""
    whole = [k for k in rows if k != "greedy" and not k.endswith(RESTRICTED)]
    within = ["callup"] + [k for k in rows if k.endswith(RESTRICTED)]
    clash = []
    for bounded, objectives in ((whole, whole), ([k for k in within if k != "callup"], within)):
        for k2 in bounded:
            b = rows[k2].get("bound")
            for k1 in objectives:
                o = rows.get(k1, {}).get("objective")
                if b is not None and o is not None and o < b - 1e-6 * max(1, abs(b)):
                    clash.append(f"{label(k1)}'s objective {num(o)} < {label(k2)}'s bound {num(b)}")
    return "Consistency: " + ("every objective is at or above every bound that holds for it." if not clash
                              else "; ".join(clash) + " — the bounds disagree.")


def paragraph(res, best_name, best):
    rows = res["rows"]
    c = rows["callup"]
    out = []
    if best_name:
        b = rows[best_name]
        out.append(f"Best peer objective: {num(best)} ({label(best_name)}, {b['status']}, {b['seconds']:.0f} s).")
    elif all(rows[k]["status"].startswith("not run") for k in peer_keys(rows)):
        out.append("No peer ran: there was no model to give them (below).")
    else:
        out.append("No peer found an integer solution of the model within the limit.")
    if c.get("objective") is not None:
        t = f"callup: {c['status']}, objective {num(c['objective'])}"
        if best:
            diff = (c['objective'] / best - 1) * 100
            t += " (equal to the best peer)" if abs(diff) < 0.005 else f" ({diff:+.2f} % against the best peer)"
        g = gap_of(c["objective"], c.get("bound"))
        if g is not None:
            t += f", {g * 100:.2f} % above its own bound"
        t += f"; it meets {num(c.get('met'))} of {num(c.get('due'))} due obligations"
        if res["model"].get("lp_met") is not None:
            t += f" (its bounding LP meets {num(res['model']['lp_met'], 1)})"
        t += f" in {c['seconds']:.0f} s"
        if c.get("solver_seconds") is not None:
            t += f" ({c['solver_seconds']:.0f} s in plan.json's `seconds`, the solve alone)"
        t += f"; `callup check`: {c.get('check')}."
        out.append(t)
        if c.get("call_up"):
            cu = c["call_up"]
            t = (f"Without the {cu.get('hours_seats', 0):,} seats its hours stage added (plan.json's `call_up`), "
                 f"callup's call-up costs {num(cu.get('objective'))}")
            if best and cu.get("objective") is not None:
                t += f" ({(cu['objective'] / best - 1) * 100:+.2f} % against the best peer)"
            g = gap_of(cu.get("objective"), c.get("bound"))
            if g is not None:
                t += f", {g * 100:.2f} % above its bound"
            out.append(t + ": that is the model the peers solve, the call-up model; the seats for class hours "
                           "come after it (docs/hours.md).")
    else:
        out.append(f"callup: {c['status']}.")
    if best_name and rows[best_name].get("met") is not None:
        out.append(f"{label(best_name)}'s solution, written as a plan, meets {num(rows[best_name]['met'])} of "
                   f"{num(rows[best_name]['due'])}.")
    proved = [label(k) for k in peer_keys(rows) if rows[k]["status"] == "optimal"]
    if proved:
        out.append("Proved optimal within the limit: " + ", ".join(proved) + ".")
    bad = [f"{label(k)} {rows[k]['status']}" for k in peer_keys(rows)
           if rows[k]["status"] not in ("optimal", "feasible") and not rows[k]["status"].startswith("not run")]
    if bad:
        out.append("Without a solution: " + "; ".join(bad) + ".")
    empty = [label(k) for k in peer_keys(rows) if rows[k].get("met") == 0 and rows[k]["status"] == "feasible"]
    if empty:
        out.append("Only the empty plan (nobody called up) by the limit: " + ", ".join(empty) + ".")
    out.append(objective_agreement(rows))
    out.append(consistency(rows))
    g = rows.get("greedy", {})
    if g.get("met") is not None:
        out.append(f"The greedy baseline meets {num(g['met'])} of {num(g['due'])} in {g['seconds']:.1f} s; "
                   f"`callup check` on its plan: {g.get('check')}.")
        if c.get("due") is not None:
            out.append("The benchmark's own count of due obligations " +
                       ("agrees with callup's." if g["due"] == c["due"] else
                        f"({num(g['due'])}) differs from callup's ({num(c['due'])})."))
    m = res["model"]
    if m.get("export_failed"):
        out.append(f"The whole model of this scenario could not be exported for the peers "
                   f"({m['export_failed']}; memory cap {res['mem_gb']:g} GB): no peer ran. callup never builds it: "
                   f"it plans block by block and bounds the whole problem by Lagrangian relaxation.")
    elif m.get("export_seconds") is not None:
        out.append(f"The whole model was exported by a run of its own ({m['export_seconds']:.0f} s, "
                   f"peak {m['export_peak_mb']:,.0f} MB), not counted in callup's seconds.")
    if m.get("mps_columns") and m.get("variables") and m["mps_columns"] > 1.2 * (m["variables"] + 1):
        out.append(f"Above 5,000 cadres callup starts from a restricted model (a few cadre–class pairs per cadre "
                   f"and kind) and adds pairs by column generation: its model ended with {num(m['variables'])} "
                   f"variables, while the exported model has every pair ({num(m['mps_columns'])} columns), "
                   f"which is what the peers solve.")
    if any(k.endswith(RESTRICTED) for k in rows):
        out.append(f"The peers were also given the model callup's search solved, as column generation left it "
                   f"(`--export-solved-model`: {num(m.get('solved_columns'))} columns, {num(m.get('solved_rows'))} "
                   f"rows with every `x ≤ y` row): the rows “on callup's restricted model”. Every solution of it is a "
                   f"plan of the scenario, so its objective compares with every other row; its bound bounds that "
                   f"model only, not the whole problem.")
    if res["rows"].get("glpsol", {}).get("seconds", 0) > res["time_limit"] * 1.2:
        out.append("glpsol runs past the limit because `--tmlim` bounds its LP and its branch-and-bound separately.")
    notes = [f"{label(k)}: " + "; ".join(rows[k]["notes"]) for k in peer_keys(rows) if rows[k].get("notes")]
    if notes:
        out.append("Notes — " + " · ".join(notes) + ".")
    return " ".join(out)


HEADER = """# Benchmark results

Generated by `benchmarks/run` (see docs/benchmarks.md); each section is
replaced when its preset is run again, other sections stay. Raw logs, models
and plan directories are in `benchmarks/work/PRESET/` (not committed).

How to read the tables:

- All solvers solve the same model: the one `callup plan --export-model`
  writes (MPS), the whole model callup solves, with every `x ≤ y` row
  (callup adds those as cuts; above 5,000 cadres it also starts from a
  restricted set of cadre–class pairs and adds pairs by column
  generation). Its objective includes a constant (the value of every due
  obligation, as a column `objective_constant` fixed at 1), so every solver
  reports the objective on callup's scale: seats, classes, travel and tier
  costs plus the weight of every unmet obligation and unit shortfall. Lower
  is better.
- callup's plan has the seats its hours stage adds after the call-up
  (docs/hours.md); the peers solve the call-up model alone. The row
  "callup's call-up" is callup's plan without its hours seats (plan.json's
  `call_up`): the figure to compare with the peers'.
- *ratio to best peer* is the objective over the best objective of HiGHS,
  CP-SAT, CBC and glpsol in the same run (the machine is shared, so only
  ratios measured together are compared). *bound* is the solver's proven
  lower bound (callup's is its LP bound); *gap* is
  `|objective − bound| / max(1, |objective|)`.
- *seconds* is wall time of the whole process (reading the model, solving,
  writing), so a solver may run a little past the limit; *peak MB* is the
  peak resident memory of that process. callup's seconds include generating
  and writing the exported model and the plan files; above 40,000 cadres
  (planned block by block, the whole model never built) the model is
  exported by a run of its own, not counted in callup's seconds, and when
  that run fails (the memory cap) the peers are not run.
- *met/due*: due cycle obligations met, from plan.json. A peer's seat
  variables `x_CADRE,CLASS_` at 1 are written as a plan directory by
  `callup analyse` (unmet obligations and their reasons, targets, key
  figures, as callup writes its own plans), with the peer's own objective
  and bound; *check accepted* is `callup check` on that directory.
- *objective by check* is the objective `callup check` recomputes from
  that plan directory's assignments, the scenario and the policy's weights
  (docs/contract.md, The objective), next to the solver's own; check
  refuses a plan whose plan.json gives another (a peer's plan.json carries
  the peer's objective; the greedy baseline's its money cost alone).
- Peers run one thread each (`--threads`), as GLPK inside callup does
  (CP-SAT is made for several workers; with one it has no portfolio). Each
  peer gets the time limit as its own option (HiGHS `time_limit`, CP-SAT
  `max_time_in_seconds`, CBC `sec` in elapsed time, glpsol `--tmlim`), is
  killed at limit + 60 s and has an address-space cap (`--mem-gb`, like
  `ulimit -v`); callup gets the same cap and is killed at limit + 300 s.
  A killed solver's answer is lost: it counts as failed.
- The greedy baseline (`benchmarks/greedy.py`) takes the due obligations
  most overdue first and gives each the cheapest class that counts, admits
  the cadre, has a seat and does not overlap the cadre's other classes or
  past trainings. It ignores minimum class sizes, the release limit and the
  principals rule, one class of a kind a year, the yearly maximum, the theme
  window and the unit share, so it is a coverage reference, not a plan:
  its check lists what it breaks. Its due obligations are derived from the
  scenario files and the policy as docs/contract.md defines them (the same count
  as callup's `due`).
"""


def write_results(new_sections):
    kept = {}
    if os.path.exists(RESULTS):
        text = open(RESULTS, encoding="utf-8").read()
        for m in re.finditer(r"<!-- preset (\S+) -->\n.*?<!-- end \1 -->", text, re.S):
            kept[m.group(1)] = m.group(0)
    kept.update(new_sections)
    order = ["demo-city", "city", "big-city"]
    keys = sorted(kept, key=lambda k: (order.index(k) if k in order else len(order), k))
    body = HEADER + "\n" + "\n\n".join(kept[k] for k in keys) + "\n"
    with open(RESULTS, "w", encoding="utf-8") as f:
        f.write(body)


def main():
    ap = argparse.ArgumentParser(prog="benchmarks/run", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--time-limit", type=float, default=60, help="seconds per solver (default 60)")
    ap.add_argument("--presets", default="city,big-city",
                    help="comma-separated: city, big-city, province with an optional -SCALE (province-0.1), "
                         "or a bundled scenario (demo-city); default city,big-city")
    ap.add_argument("--peers", default=",".join(PEERS), help="default highs,cpsat,cbc,glpsol")
    ap.add_argument("--seed", type=int, default=1, help="generator seed (default 1)")
    ap.add_argument("--threads", type=int, default=1, help="threads per peer solver (default 1)")
    ap.add_argument("--mem-gb", type=float, default=12, help="address-space cap per process, GB (default 12; 0: none)")
    ap.add_argument("--callup-grace", type=float, default=300,
                    help="callup is killed at time limit + this many seconds (default 300)")
    ap.add_argument("--callup", default=os.environ.get("CALLUP", os.path.join(ROOT, ".build", "release", "callup")))
    a = ap.parse_args()
    a.peers = [p for p in a.peers.split(",") if p]
    for p in a.peers:
        if p not in PEERS:
            ap.error(f"unknown peer {p}; known: {', '.join(PEERS)}")
    callup = os.path.abspath(a.callup)
    if not os.access(callup, os.X_OK):
        ap.error(f"no callup binary at {callup} (set CALLUP or build with `swift build -c release`)")
    sections = {}
    for preset in [p.strip() for p in a.presets.split(",") if p.strip()]:
        res = run_preset(preset, a, callup)
        sections[preset] = render_section(res)
        write_results(sections)
        print(f"   → {os.path.relpath(RESULTS, ROOT)}", flush=True)


if __name__ == "__main__":
    main()
