#!/usr/bin/env bash
# Benchmark on the bundled city: callup's own solve against plain glpsol
# (GLPK's branch-and-bound) on the same exported model, same time limit,
# measured in the same run. Writes benchmarks/work/city.md.
#
#   benchmarks/city.sh [TIME_LIMIT_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-60}
scripts/setup
swift build -c release >/dev/null
mkdir -p benchmarks/work
python3 - "$limit" <<'PY'
import json, os, re, resource, subprocess, sys, time
limit = sys.argv[1]
work = "benchmarks/work"

def run(args, out):
    t = time.monotonic()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(out, "w") as f:
        subprocess.run(args, stdout=f, stderr=subprocess.STDOUT)
    return time.monotonic() - t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

callup_s, callup_mb = run([".build/release/callup", "plan", "scenarios/demo-city", "--out", f"{work}/demo",
    "--time-limit", limit, "--export-model", f"{work}/demo-city.lp", "--quiet"], f"{work}/callup.out")
glpsol_s, _ = run(["glpsol", "--lp", f"{work}/demo-city.lp", "--tmlim", limit, "-o", f"{work}/glpsol.sol"],
    f"{work}/glpsol.log")
plan = json.load(open(f"{work}/demo/plan.json"))
sol = open(f"{work}/glpsol.sol").read() if os.path.exists(f"{work}/glpsol.sol") else ""
m = re.search(r"Objective:\s+\S+\s+=\s+([-0-9.e+]+)", sol)
status = re.search(r"Status:\s+(.+)", sol)
g_obj = float(m.group(1)) if m and status and "UNDEFINED" not in status.group(1) else None
rows = [("callup", plan["objective"], plan["bound"], plan["gap"], callup_s, f"{callup_mb:.0f} MB"),
        ("glpsol", g_obj, None, None, glpsol_s, "")]
best = min(r[1] for r in rows if r[1] is not None)
out = [f"# demo-city, time limit {limit} s (same run)", "",
       "| solver | objective | ratio to best | bound | gap | seconds | peak memory |", "|---|---|---|---|---|---|---|"]
for name, obj, bound, gap, sec, mem in rows:
    out.append(f"| {name} | {f'{obj:.1f}' if obj is not None else 'no integer solution'} | "
               f"{f'{obj / best:.4f}' if obj is not None else '–'} | {f'{bound:.1f}' if bound is not None else '–'} | "
               f"{f'{gap*100:.2f} %' if gap is not None else '–'} | {sec:.1f} | {mem} |")
k, m = plan["kpis"], plan["model"]
out += ["", f"callup: {k['met']} of {k['due']} due obligations met; the bounding LP meets {m['lp_met']}; "
        f"model {m['variables']} variables ({m['binaries']} binary), {m['constraints']} constraints, {m['nonzeros']} nonzeros."]
open(f"{work}/city.md", "w").write("\n".join(out) + "\n")
print("\n".join(out))
PY
